"""The compiled code of the methods Python's dataclasses writes, kept from one start to the next.

For every record class, ``dataclasses`` writes ``__init__``, ``__repr__``, ``__eq__``,
``__hash__`` and, for a frozen one, ``__setattr__`` and ``__delattr__`` as source text and
compiles it (``exec`` in dataclasses.py). A facilitator's start makes about 400 of them, for
lp-tui's records and Textual's, and compiling them was the largest single cost of lp-tui's own
start after Textual's imports. The text alone decides the code, so the code compiled for a text
is kept in a file where Python keeps lp-tui's bytecode (``__pycache__``, or under
``PYTHONPYCACHEPREFIX``), and the next start runs it instead of compiling the text again.

Only while a process of lp-tui starts (lp_tui/startup.py turns this on before anything is
imported and off when the start is over), and only through ``dataclasses``: no other code is
touched, and a class is made exactly as ``dataclasses`` makes it. The file is written only when
a start compiled something new (the first start after an install or an upgrade), and never
where Python would not write bytecode (``PYTHONDONTWRITEBYTECODE``). A file that cannot be read,
is torn, or was written by another Python is not used; one that cannot be written is not
written. None of that is ever an error: the start compiles, as Python would.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

# Texts kept in the file at most: past this, a write keeps only the texts of the start that
# wrote it (an upgrade's new classes replace the old ones instead of adding to them).
LIMIT = 4000
NAME = "dataclass-code"


def cache_file() -> Path | None:
    """Where this Python keeps lp-tui's bytecode, a file for the code (None: no bytecode)."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    folder = Path(__file__).resolve().parent
    if sys.pycache_prefix:  # as importlib places a .pyc under the prefix
        where = Path(sys.pycache_prefix, str(folder).lstrip(os.sep))
    else:
        where = folder / "__pycache__"
    return where / f"{NAME}.{tag}.bin"


def _header(payload: bytes) -> bytes:
    import zlib

    return f"lp-tui code {sys.version} {zlib.crc32(payload)} {len(payload)}\n".encode()


def read(path: Path) -> dict[str, CodeType]:
    """The texts and code in ``path``; nothing where it is missing, torn or of another Python."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    header, _, payload = data.partition(b"\n")
    if header + b"\n" != _header(payload):
        return {}
    try:
        codes = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(codes, dict):
        return {}
    return {
        text: code
        for text, code in codes.items()
        if isinstance(text, str) and isinstance(code, CodeType)
    }


def write(path: Path, codes: dict[str, CodeType]) -> bool:
    """Put ``codes`` in ``path`` whole (a temp file beside it, then renamed over it): True when
    written. Any OSError (a full disk, no permission, a read-only file system) leaves no temp
    file and the file as it was."""
    payload = marshal.dumps(codes)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(fd, _header(payload) + payload)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        return False
    return True


class CodeCache:
    """An ``exec`` for ``dataclasses``: a text it has code for runs that code, any other text is
    compiled (as ``exec`` compiles it) and its code kept."""

    def __init__(self, codes: dict[str, CodeType]) -> None:
        self.codes = codes
        self.used: set[str] = set()
        self.compiled = 0

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:
        if isinstance(source, str):
            code = self.codes.get(source)
            if code is None:
                code = self.codes[source] = compile(source, "<string>", "exec")
                self.compiled += 1
            self.used.add(source)
            source = code
        builtins.exec(source, globals, locals)

    def to_keep(self) -> dict[str, CodeType]:
        if len(self.codes) <= LIMIT:
            return self.codes
        return {text: self.codes[text] for text in self.used}


_cache: CodeCache | None = None


def start() -> None:
    """Give ``dataclasses`` the kept code (once: a second start does nothing)."""
    global _cache
    if _cache is not None:
        return
    path = cache_file()
    _cache = CodeCache(read(path) if path is not None else {})
    dataclasses.exec = _cache.exec  # type: ignore[attr-defined]  # found before the builtin


def stop() -> None:
    """``dataclasses`` compiles as before; what this start compiled anew is kept for the next."""
    global _cache
    cache, _cache = _cache, None
    if cache is None:
        return
    if getattr(dataclasses, "exec", None) == cache.exec:
        del dataclasses.exec  # type: ignore[attr-defined]
    path = cache_file()
    if cache.compiled and path is not None and not sys.dont_write_bytecode:
        write(path, cache.to_keep())


def running() -> bool:
    return _cache is not None
