"""Locked, atomic storage of one TinyDB JSON file shared by many processes.

Every write is a transaction: take the OS lock beside the file, read the file fresh, let TinyDB
change it in memory, write a temp file in the same folder, flush and fsync it, ``os.replace`` it
over the database, fsync the folder, release the lock. Readers never take the lock: the replace
makes every read see a whole file. A file that does not parse is never written over.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage

SCHEMA_VERSION = 1
META = "meta"
LOCK_TIMEOUT_SECONDS = 15.0
BACKUP_EVERY_SECONDS = 120.0
BACKUPS_KEPT = 30
TEMP_SUFFIX = ".tmp"

Tables = dict[str, dict[str, Any]]


class StoreError(Exception):
    """A database problem; the message is one line a person can act on."""


class CorruptDatabase(StoreError):
    pass


class NewerSchema(StoreError):
    pass


class StoreBusy(StoreError):
    pass


@dataclass(frozen=True, slots=True)
class Signature:
    """Cheap fingerprint of the file on disk: changes whenever a write lands."""

    inode: int
    mtime_ns: int
    size: int


class _MemoryStorage(Storage):
    """TinyDB storage over one transaction's copy of the tables; written back once at the end."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.dirty = False

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        self.tables = data
        self.dirty = True


class Database:
    """The database file, its lock, its temp files and its backups."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.backup_dir = self.path.parent / "backups"
        self._lock = FileLock(self.lock_path, timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
        self._swept = False

    # ------------------------------------------------------------------ reading
    def signature(self) -> Signature | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return Signature(st.st_ino, st.st_mtime_ns, st.st_size)

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> Tables:
        """The whole database as TinyDB tables, without the lock. Empty when there is no file."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise StoreError(f"{self.path}: cannot be read: {error.strerror}") from None
        tables = self._parse(raw, self.path)
        self._check_schema(tables)
        return tables

    def _parse(self, raw: bytes, path: Path) -> Tables:
        try:
            tables = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise self._corrupt(path, f"not valid JSON ({error})") from None
        problem = _shape_problem(tables)
        if problem:
            raise self._corrupt(path, problem)
        return tables

    def _corrupt(self, path: Path, problem: str) -> CorruptDatabase:
        good = self.good_backups()
        if good:
            hint = (
                f"newest good backup: {good[0]} "
                f"(restore it with: lp-tui doctor --restore {good[0]})"
            )
        else:
            hint = "no good backup was found"
        return CorruptDatabase(f"{path}: database is corrupt, {problem}; left untouched; {hint}")

    def _check_schema(self, tables: Tables) -> None:
        version = schema_of(tables)
        if version > SCHEMA_VERSION:
            raise NewerSchema(
                f"{self.path}: schema {version} is newer than this lp-tui understands "
                f"({SCHEMA_VERSION}); upgrade lp-tui to open it"
            )

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """A TinyDB over a fresh read of the file, written back atomically if it changed."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreBusy(
                f"{self.path}: another lp-tui held the lock for "
                f"{LOCK_TIMEOUT_SECONDS:.0f} s; try again"
            ) from None
        try:
            if not self._swept:
                self.remove_stale_temp_files()
                self._swept = True
            tables = migrate(self.read())
            storage = _MemoryStorage(tables)
            db = TinyDB(storage=lambda: storage)
            yield db
            db.close()
            if storage.dirty or not self.path.exists():
                self._commit(storage.tables)
        finally:
            self._lock.release()

    def _commit(self, tables: Tables) -> None:
        meta = tables.setdefault(META, {}).setdefault("1", {})
        meta["schema"] = SCHEMA_VERSION
        meta["rev"] = int(meta.get("rev", 0)) + 1
        now = time.time()
        backup_due = (
            self.path.exists() and now - float(meta.get("backup_at", 0)) >= BACKUP_EVERY_SECONDS
        )
        if backup_due:
            meta["backup_at"] = now
        data = orjson.dumps(tables)
        if backup_due:
            self._backup(int(meta["rev"]) - 1)
        self._replace(data)

    def _replace(self, data: bytes) -> None:
        folder = self.path.parent
        mode, gid = self._file_mode()
        temp = folder / f".{self.path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            os.fchmod(fd, mode)
            if gid is not None:
                with contextlib.suppress(OSError):
                    os.fchown(fd, -1, gid)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            temp.unlink(missing_ok=True)
            raise
        os.close(fd)
        try:
            os.replace(temp, self.path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_folder(folder)

    def _file_mode(self) -> tuple[int, int | None]:
        """0600 for a new file; an existing one keeps its mode and group (0660 for coaches)."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return 0o600, None
        return st.st_mode & 0o777, st.st_gid

    def remove_stale_temp_files(self) -> list[Path]:
        """Temp files left by a writer that was killed mid-write; safe only under the lock."""
        removed = []
        with self._lock:
            for temp in self.path.parent.glob(f".{self.path.name}.*{TEMP_SUFFIX}"):
                temp.unlink(missing_ok=True)
                removed.append(temp)
        return removed

    # ------------------------------------------------------------------ backups
    def _backup(self, rev: int) -> None:
        """Keep the current file as a backup: a hard link, so no bytes are copied.

        A backup that cannot be kept (a full disk, a folder another account made) never stops
        the write it precedes; the next write tries again."""
        with contextlib.suppress(OSError):
            self._make_backup_dir()
            stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
            target = self.backup_dir / f"{self.path.stem}-{stamp}-r{rev:06d}.json"
            try:
                os.link(self.path, target)
            except FileExistsError:
                return
            except OSError:
                mode, _ = self._file_mode()
                target.write_bytes(self.path.read_bytes())
                os.chmod(target, mode)
            for old in self.backups()[BACKUPS_KEPT:]:
                old.unlink(missing_ok=True)

    def _make_backup_dir(self) -> None:
        """Private to the owner, unless the database is shared with a group (coaches over
        SSH): then the group can keep backups there too."""
        if self.backup_dir.is_dir():
            return
        mode, gid = self._file_mode()
        shared = bool(mode & 0o060)
        self.backup_dir.mkdir(mode=0o700, exist_ok=True)
        if shared:
            if gid is not None:
                with contextlib.suppress(OSError):
                    os.chown(self.backup_dir, -1, gid)
            os.chmod(self.backup_dir, 0o2770)

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        if not self.backup_dir.is_dir():
            return []
        found = self.backup_dir.glob(f"{self.path.stem}-*-r*.json")
        return sorted(found, key=lambda p: p.name, reverse=True)

    def check_backup(self, backup: Path) -> str | None:
        """None when the backup parses as a database, else what is wrong with it."""
        try:
            self._parse(backup.read_bytes(), backup)
        except CorruptDatabase:
            return "corrupt"
        except OSError as error:
            return error.strerror or "unreadable"
        return None

    def good_backups(self) -> list[Path]:
        return [b for b in self.backups() if self.check_backup(b) is None]

    def restore(self, backup: Path) -> Path | None:
        """Put a good backup in place; a damaged current file is kept aside, never deleted."""
        problem = self.check_backup(backup)
        if problem:
            raise StoreError(f"{backup}: cannot restore: {problem}")
        kept = None
        with self._lock:
            if self.path.exists():
                stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
                kept = self.path.with_name(f"{self.path.name}.replaced-{stamp}")
                os.link(self.path, kept)
            self._replace(backup.read_bytes())
        return kept


def schema_of(tables: Tables) -> int:
    meta = tables.get(META, {}).get("1", {})
    return int(meta.get("schema", SCHEMA_VERSION))


def revision_of(tables: Tables) -> int:
    return int(tables.get(META, {}).get("1", {}).get("rev", 0))


def migrate(tables: Tables) -> Tables:
    """Bring an older schema up to SCHEMA_VERSION (there are no older schemas yet)."""
    version = schema_of(tables)
    migrations: dict[int, Any] = {}
    while version < SCHEMA_VERSION:
        tables = migrations[version](tables)
        version += 1
    return tables


def _shape_problem(tables: Any) -> str | None:
    if not isinstance(tables, dict):
        return "the top level is not a JSON object"
    for name, table in tables.items():
        if not isinstance(table, dict):
            return f"table '{name}' is not a JSON object"
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                return f"record {doc_id} of table '{name}' is not a JSON object"
    meta = tables.get(META, {}).get("1", {})
    if not isinstance(meta.get("schema", 1), int):
        return "meta.schema is not a number"
    return None


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
