"""The compiled code of the methods Python's dataclasses writes, kept from one start to the next.

For every record class, ``dataclasses`` writes ``__init__``, ``__repr__``, ``__eq__``,
``__hash__`` and, for a frozen one, ``__setattr__`` and ``__delattr__`` as source text and
compiles it (``exec`` in dataclasses.py). A facilitator's start makes about 400 of them, for
lp-tui's records and Textual's, and compiling them was the largest single cost of lp-tui's own
start after Textual's imports. The text decides the code (compiled as ``exec`` compiles it in
dataclasses.py: with no ``__future__`` flags of this module's), so the code compiled for a text
is kept in a file where Python keeps lp-tui's bytecode (``__pycache__``, or under
``PYTHONPYCACHEPREFIX``), and the next start runs it instead of compiling the text again.

Only while a process of lp-tui starts (lp_tui/startup.py turns this on before anything is
imported and off when the start is over), and only through ``dataclasses``: no other code is
touched, and a class is made as ``dataclasses`` makes it. The file is written only when a start
compiled something new (the first start after an install or an upgrade), and never where
Python would not write bytecode (``PYTHONDONTWRITEBYTECODE``). A file that is not a plain file,
is too big, is torn, or was written by another Python or another form of this file is not
used; one that cannot be written is left as it was. None of that is ever an error: the start
compiles, as Python would. (Like a .pyc file, the file is trusted as far as its folder is.)
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import os
import stat
import sys
from pathlib import Path
from types import CodeType
from typing import Any

# Texts kept in the file at most (a facilitator's start needs about 420, a coach's fewer):
# past this, a write keeps only the texts of the start that wrote it, so an upgrade's new
# classes replace the old ones instead of adding to them.
LIMIT = 1500
NAME = "dataclass-code"
# The form of the file: a file of another form (an older lp-tui's) is not used.
FORM = 2
# A file bigger than this is not read (a start's texts take about 0.6 MB).
MOST_BYTES = 8_000_000


def cache_file() -> Path | None:
    """Where this Python keeps lp-tui's bytecode (as importlib places a .pyc, under
    ``sys.pycache_prefix`` where one is set), a file for the code; None where there is none."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    folder = os.path.dirname(__file__)
    if sys.pycache_prefix:
        if not os.path.isabs(folder):
            folder = os.path.join(os.getcwd(), folder)
        where = Path(sys.pycache_prefix, folder.lstrip(os.sep))
    else:
        where = Path(folder, "__pycache__")
    return where / f"{NAME}.{tag}.bin"


def _header(payload: bytes) -> bytes:
    import zlib

    crc = zlib.crc32(payload)
    return f"lp-tui code {FORM} {sys.version} {crc} {len(payload)}\n".encode()


def read(path: Path) -> dict[str, CodeType]:
    """The texts and code in ``path``; nothing where it is missing, not a plain file, too big,
    torn, or of another Python or form. Never raises."""
    try:
        with open(path, "rb", opener=_open_plain_file) as file:
            data = file.read(MOST_BYTES + 1)
        if len(data) > MOST_BYTES:
            return {}
        header, _, payload = data.partition(b"\n")
        if header + b"\n" != _header(payload):
            return {}
        codes = marshal.loads(payload)
    except Exception:  # a cache: anything wrong with it (MemoryError too) is no code
        return {}
    if not isinstance(codes, dict):
        return {}
    return {
        text: code
        for text, code in codes.items()
        if isinstance(text, str) and isinstance(code, CodeType)
    }


def _open_plain_file(name: str, flags: int) -> int:
    """Opens ``name`` only if it is a plain file (a FIFO there would block the start)."""
    fd = os.open(name, flags | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{name}: not a plain file")
    return fd


def write(path: Path, codes: dict[str, CodeType]) -> bool:
    """Put ``codes`` in ``path`` whole (a temp file of this process beside it, then renamed over
    it): True when written. An OSError (a full disk, no permission, a read-only file system)
    or a short write leaves the file as it was and no temp file of this process's."""
    payload = marshal.dumps(codes)
    data = _header(payload) + payload
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    made = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        made = True
        try:
            if os.write(fd, data) != len(data):
                raise OSError(f"{temp}: a short write")
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError:
        if made:
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
                # as exec compiles it in dataclasses.py: none of this module's __future__ flags
                code = compile(source, "<string>", "exec", dont_inherit=True)
                self.codes[source] = code
                self.compiled += 1
            self.used.add(source)
            source = code
        builtins.exec(source, globals, locals)

    def to_keep(self) -> dict[str, CodeType]:
        if len(self.codes) <= LIMIT:
            return self.codes
        return {text: self.codes[text] for text in self.used}


_cache: CodeCache | None = None
_MISSING = object()
_before: Any = _MISSING  # what dataclasses had as its own ``exec`` before start (nothing)


def start() -> None:
    """Give ``dataclasses`` the kept code (once: a second start does nothing)."""
    global _cache, _before
    if _cache is not None:
        return
    path = cache_file()
    _cache = CodeCache(read(path) if path is not None else {})
    _before = vars(dataclasses).get("exec", _MISSING)
    dataclasses.exec = _cache.exec  # type: ignore[attr-defined]  # found before the builtin


def stop() -> None:
    """``dataclasses`` compiles as before; what this start compiled anew is kept for the next.
    Never raises (it runs as an app shows its first screen)."""
    global _cache, _before
    cache, _cache = _cache, None
    if cache is None:
        return
    if vars(dataclasses).get("exec") == cache.exec:
        if _before is _MISSING:
            del dataclasses.exec  # type: ignore[attr-defined]
        else:
            dataclasses.exec = _before  # type: ignore[attr-defined]
    _before = _MISSING
    path = cache_file()
    if cache.compiled and path is not None and not sys.dont_write_bytecode:
        with contextlib.suppress(Exception):  # a cache: not kept is no error
            write(path, cache.to_keep())


def running() -> bool:
    return _cache is not None
