"""Operating-system faults injected where a real one would strike a write.

``DiskFault(monkeypatch, folder, code)`` makes writes into ``folder`` fail as a full disk, a
folder without permission, a read-only file system or a failing disk would:

- EACCES, EROFS: creating a file there (the temp file of an atomic write) is refused;
- ENOSPC: writing bytes to such a file fails; EIO: flushing it to disk (fsync) fails;
- ENOSPC, EIO: putting a file in place (os.replace) fails too (an export writes through a
  file object, which no patch of os.write reaches).

The lock file and the private error log are left alone (a refused lock would be "busy", which
is another test). ``fault.clear()`` frees the space again; ``fault.hits`` counts failures.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from lp_tui.store.errors import LOG_NAME

FAULTS = [
    pytest.param(errno.ENOSPC, "No space left on device", id="ENOSPC"),
    pytest.param(errno.EACCES, "Permission denied", id="EACCES"),
    pytest.param(errno.EROFS, "Read-only file system", id="EROFS"),
    pytest.param(errno.EIO, "Input/output error", id="EIO"),
]


class DiskFault:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, *folders: Path, code: int) -> None:
        self.folders = {folder.resolve() for folder in folders}
        self.code = code
        self.active = True
        self.hits = 0
        self._fds: set[int] = set()
        real_open, real_write, real_fsync = os.open, os.write, os.fsync
        real_replace, real_close = os.replace, os.close

        def fake_open(path, flags, mode=0o777, *args, **kwargs):  # type: ignore[no-untyped-def]
            if flags & os.O_CREAT and self._in_scope(path):
                if code in (errno.EACCES, errno.EROFS):
                    self._fail(path)
                fd = real_open(path, flags, mode, *args, **kwargs)
                self._fds.add(fd)
                return fd
            return real_open(path, flags, mode, *args, **kwargs)

        def fake_write(fd, data):  # type: ignore[no-untyped-def]
            if code == errno.ENOSPC and fd in self._fds:
                self._fail()
            return real_write(fd, data)

        def fake_fsync(fd):  # type: ignore[no-untyped-def]
            if code == errno.EIO and fd in self._fds:
                self._fail()
            return real_fsync(fd)

        def fake_replace(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
            if code in (errno.ENOSPC, errno.EIO) and self._in_scope(dst):
                self._fail(src, dst)
            return real_replace(src, dst, *args, **kwargs)

        def fake_close(fd):  # type: ignore[no-untyped-def]
            self._fds.discard(fd)
            return real_close(fd)

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "write", fake_write)
        monkeypatch.setattr(os, "fsync", fake_fsync)
        monkeypatch.setattr(os, "replace", fake_replace)
        monkeypatch.setattr(os, "close", fake_close)

    def clear(self) -> None:
        """Space is back, the folder writable again."""
        self.active = False

    def _in_scope(self, path: object) -> bool:
        if not self.active:
            return False
        where = Path(os.fsdecode(path))  # type: ignore[arg-type]
        if where.name.endswith(".lock") or where.name == LOG_NAME:
            return False
        return where.parent.resolve() in self.folders

    def _fail(self, path: object = None, other: object = None) -> None:
        if not self.active:
            return
        self.hits += 1
        if path is None:
            raise OSError(self.code, os.strerror(self.code))
        raise OSError(self.code, os.strerror(self.code), os.fspath(path), None, other)  # type: ignore[arg-type]
