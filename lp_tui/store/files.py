"""Reading the files people hand to lp-tui: programme definitions and import files."""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

from lp_tui.domain.csv_input import InputError
from lp_tui.domain.programme import (
    Programme,
    ProgrammeError,
    parse_programme,
    programme_key_problem,
)
from lp_tui.store.storage import make_folders, not_saved, write_new_file

# lp-tui's own programme files: inside the package when installed (the wheel carries the
# repository's sessions/ as lp_tui/sessions), in the repository's sessions/ when run from a clone.
_PACKAGED_SESSIONS = Path(__file__).resolve().parents[1] / "sessions"
_REPO_SESSIONS = Path(__file__).resolve().parents[2] / "sessions"


def sessions_dirs() -> list[Path]:
    """Where programme files are looked for: $LP_TUI_SESSIONS, ./sessions, then lp-tui's own."""
    dirs = []
    if env := os.environ.get("LP_TUI_SESSIONS"):
        dirs.append(Path(env))
    dirs.append(Path.cwd() / "sessions")
    own = _PACKAGED_SESSIONS if _PACKAGED_SESSIONS.is_dir() else _REPO_SESSIONS
    dirs.append(own)
    return dirs


def programme_path(key: str) -> Path:
    """The file of a programme key, found in the sessions folders; a key is never a path."""
    if problem := programme_key_problem(key):
        raise ProgrammeError(f"programme: {problem}")
    for folder in sessions_dirs():
        candidate = folder / f"{key}.toml"
        if candidate.is_file():
            return candidate
    searched = ", ".join(str(d) for d in dict.fromkeys(sessions_dirs()))
    raise ProgrammeError(f"{key}.toml: no such programme file (looked in {searched})")


def load_programme(key: str) -> Programme:
    path = programme_path(key)
    programme = _parsed(read_text(path), shown_path(path))
    if programme.key != key:
        raise ProgrammeError(
            f"{shown_path(path)}: key: {programme.key!r} does not match the file name"
        )
    return programme


@functools.lru_cache(maxsize=4)
def _parsed(text: str, shown: str) -> Programme:
    """The programme in ``text``, parsed once for the same words: the file is read each time
    (an edit is seen at once), the parse kept. A programme is frozen all the way down (tuples
    of frozen dataclasses), so whoever asks shares it. An export of every cohort asked once a
    cohort; a process running many commands (the tests run 400) once a command."""
    return parse_programme(text, shown)


def read_text(path: Path | str, kind: str = "text") -> str:
    """A text file people gave us (UTF-8, with or without a byte-order mark); ``kind`` ("CSV")
    is what a refusal asks for it to be saved as."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except OSError as error:
        raise InputError(str(path), f"cannot be read: {error.strerror}") from None
    save_as = f"save it as UTF-8 {kind}" + (" (Excel: Save As, CSV UTF-8)" if kind == "CSV" else "")
    if looks_utf16(data):
        raise InputError(str(path), f"looks like UTF-16 text, not UTF-8: {save_as}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"not UTF-8 text (byte {error.start}): {save_as}") from None


def looks_utf16(data: bytes) -> bool:
    """Bytes of UTF-16 text (as Excel's "Unicode Text" and some exports write it): a UTF-16
    byte-order mark, or a NUL in every other byte (the high half of each ASCII character) and
    hardly any in between, in the file's first few hundred bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    start = data[:512]
    if len(start) < 4:
        return False
    for nuls, others in ((start[1::2], start[0::2]), (start[0::2], start[1::2])):
        if nuls.count(0) * 2 >= len(nuls) and others.count(0) * 10 < len(others):
            return True
    return False


def write_bytes(path: Path | str, data: bytes) -> Path:
    """An output file (an export), written whole or not at all, readable by its owner only:
    exports hold people's names and needs, so sharing one is a choice made afterwards. Folders
    it makes are 0700 whatever the umask. Any OSError raises StoreWriteError, "<path>: not
    saved: <cause>", leaving no temp file and a file already at ``path`` as it was."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        make_folders(path.parent)
        write_new_file(temp, data, 0o600)
        os.replace(temp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise not_saved(path, error) from None
        raise
    return path


def shown_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def digest_of(path: Path) -> str | None:
    """The SHA-256 (hex) of a file's bytes; None when it cannot be read (gone, a folder)."""
    import hashlib  # here, not at a start: only doctor and forget compare digests

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None
