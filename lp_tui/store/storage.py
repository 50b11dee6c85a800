"""Locked, atomic storage of one TinyDB JSON file shared by many processes.

Every write is a transaction: take the OS lock beside the file, read the file fresh, let TinyDB
change it in memory, write a temp file in the same folder, flush and fsync it, ``os.replace`` it
over the database, fsync the folder, release the lock. Readers never take the lock: the replace
makes every read see a whole file. A file that does not parse is never written over.

Any OSError while saving (a full disk, no permission, a read-only or failing disk) becomes one
``StoreWriteError``, "<database>: not saved: <cause>": the database on disk is left as it was and
no temp file stays behind. Backups that cannot be kept never stop the write.

Sharing: the lock, temp and backup files take the database's mode and group (0600 for a new,
private database; 0660 in the coaches' group when it is shared), whatever the umask, so one account
never locks another out, even when the lock file is re-created. Folders lp-tui makes (the
database's folder, ``backups/``) are 0700, or 0770 setgid in the database's group when shared.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

if TYPE_CHECKING:
    from filelock import FileLock

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


class StoreWriteError(StoreError):
    """Nothing was saved: an OSError while writing (a full disk, no permission, a read-only or
    failing disk). The file on disk is as it was and no temp file is left. The message is one
    line, "<path>: not saved: <cause>"; ``path`` and ``errno`` say the same to code."""

    def __init__(self, message: str, path: Path, code: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.errno = code


def not_saved(path: Path, error: OSError, note: str = "") -> StoreWriteError:
    """The StoreWriteError for ``error`` while saving ``path``."""
    return StoreWriteError(f"{path}: not saved: {cause_of(error)}{note}", path, error.errno)


def cause_of(error: OSError) -> str:
    """The cause in words ("No space left on device"), never a traceback."""
    if error.strerror:
        return str(error.strerror)
    if error.errno:
        return os.strerror(error.errno)
    return str(error) or type(error).__name__


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


# Held while a Database makes its file lock, so two threads never make two.
_MAKING_LOCKS = threading.Lock()


class Database:
    """The database file, its lock, its temp files and its backups."""

    def __init__(
        self, path: Path | str, check: Callable[[Tables, Path], None] | None = None
    ) -> None:
        self.path = Path(path)
        # Called on every read (so in every transaction too) after the schema check: raises a
        # StoreError for a bad record, so nothing ever writes over such a file.
        self.check = check
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.backup_dir = self.path.parent / "backups"
        self._file_lock: FileLock | None = None  # made at the first write (see _lock)
        self._swept = False

    @property
    def _lock(self) -> FileLock:
        """The lock beside the database, made when first needed: a terminal that only reads
        (the projector's clock) never imports the lock library, and an app's start does not wait
        for it. One per Database, whichever thread asks first."""
        lock = self._file_lock
        if lock is None:
            with _MAKING_LOCKS:
                if self._file_lock is None:
                    from filelock import FileLock

                    self._file_lock = FileLock(
                        self.lock_path, timeout=LOCK_TIMEOUT_SECONDS, mode=0o600
                    )
                lock = self._file_lock
        return lock

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
        if self.check is not None:
            self.check(tables, self.path)
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
        """A TinyDB over a fresh read of the file, written back atomically if it changed.

        Saving raises StoreWriteError on any OSError, with the file as it was."""
        with self._locked():
            storage = _MemoryStorage(self._fresh_tables())
            db = TinyDB(storage=lambda: storage)
            yield db
            db.close()
            if storage.dirty or not self.path.exists():
                self._commit(storage.tables)

    def append(self, table: str, docs: Sequence[dict[str, Any]]) -> None:
        """Add records to one table in one save, numbered as TinyDB's ``insert_multiple``
        numbers them (from one more than the highest), without TinyDB's copies of the whole
        table: most writes in a room are one record appended to a big file."""
        with self._locked():
            tables = self._fresh_tables()
            held = tables.setdefault(table, {})
            first = max(map(int, held), default=0) + 1
            for number, doc in enumerate(docs, start=first):
                held[str(number)] = dict(doc)
            if docs or not self.path.exists():
                self._commit(tables)

    def _fresh_tables(self) -> Tables:
        """The file read afresh (under the lock), after a first sweep of stale temp files."""
        if not self._swept:
            self.remove_stale_temp_files()
            self._swept = True
        return migrate(self.read())

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the lock beside the database. The database's folder (0700) and the lock file
        (the database's mode and group) are made first when missing."""
        try:
            make_folders(self.path.parent)
        except OSError as error:
            raise not_saved(self.path, error) from None
        from filelock import Timeout

        try:
            self._make_lock_file()
            self._lock.acquire()
        except Timeout:
            raise StoreBusy(
                f"{self.path}: another lp-tui held the lock for "
                f"{LOCK_TIMEOUT_SECONDS:.0f} s; try again"
            ) from None
        except OSError as error:
            raise not_saved(self.path, error, f" (lock file {self.lock_path})") from None
        try:
            self._settle_lock_file()
            yield
        finally:
            self._lock.release()

    def _make_lock_file(self) -> None:
        """A missing lock file appears whole, already in the database's mode and group (a hard
        link to a finished temp file), so another account never finds one it cannot open,
        whatever this one's umask. Where that fails, the lock makes it and it is settled after."""
        if os.path.lexists(self.lock_path):
            return
        mode, gid = self._file_mode()
        temp = self._temp_path()
        write_new_file(temp, b"", mode, gid)
        try:
            os.link(temp, self.lock_path)
        except OSError:
            pass  # made meanwhile by another lp-tui, or no hard links here
        finally:
            _remove(temp)

    def _settle_lock_file(self) -> None:
        """A lock file this account owns takes the database's mode and group (one made by an
        older lp-tui, or by the lock itself). Best effort: the write goes on either way."""
        mode, gid = self._file_mode()
        with contextlib.suppress(OSError):
            fd = os.open(self.lock_path, os.O_RDONLY | os.O_NOFOLLOW)
            try:
                state = os.fstat(fd)
                if state.st_uid != os.geteuid():
                    return
                if gid is not None and state.st_gid != gid:
                    os.fchown(fd, -1, gid)
                if stat.S_IMODE(state.st_mode) != mode:
                    os.fchmod(fd, mode)
            finally:
                os.close(fd)

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
        """Put ``data`` in place of the file: a temp file beside it, fsynced, ``os.replace``d
        over it, the folder fsynced. Any OSError raises StoreWriteError with the file as it
        was (a failed folder fsync puts the previous file back) and no temp file left."""
        mode, gid = self._file_mode()
        temp = self._temp_path()
        try:
            write_new_file(temp, data, mode, gid)
        except OSError as error:
            raise not_saved(self.path, error) from None
        existed, previous = self._link_previous()
        try:
            os.replace(temp, self.path)
        except BaseException as error:
            _remove(temp)
            _remove(previous)
            if isinstance(error, OSError):
                raise not_saved(self.path, error) from None
            raise
        try:
            _fsync_folder(self.path.parent)
        except OSError as error:
            if not self._roll_back(existed, previous):
                raise StoreWriteError(
                    f"{self.path}: may not be saved: {cause_of(error)}", self.path, error.errno
                ) from None
            raise not_saved(self.path, error) from None
        finally:
            _remove(previous)

    def _temp_path(self) -> Path:
        """A new temp file's name beside the database (swept when a writer was killed)."""
        name = f".{self.path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
        return self.path.parent / name

    def _link_previous(self) -> tuple[bool, Path | None]:
        """Whether the file exists, and a hard link to it to roll back to (None when there is
        no file, or no hard link could be made)."""
        if not self.path.exists():
            return False, None
        link = self._temp_path()
        try:
            os.link(self.path, link)
        except OSError:
            return True, None
        return True, link

    def _roll_back(self, existed: bool, previous: Path | None) -> bool:
        """Put the file that was there before back (none, if there was none); done or not."""
        try:
            if previous is not None:
                os.replace(previous, self.path)
            elif not existed:
                self.path.unlink(missing_ok=True)
            else:
                return False
        except OSError:
            return False
        with contextlib.suppress(OSError):
            _fsync_folder(self.path.parent)
        return True

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
            stale = [
                *self.path.parent.glob(f".{self.path.name}.*{TEMP_SUFFIX}"),
                *self.backup_dir.glob(f".{self.path.stem}-*{TEMP_SUFFIX}"),
            ]
            for temp in stale:
                try:
                    temp.unlink(missing_ok=True)
                except OSError:
                    continue  # another account's, in a folder it alone may change
                removed.append(temp)
        return removed

    # ------------------------------------------------------------------ rewriting
    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the lock for a deliberate rewrite of the file and its backups (lp-tui forget,
        pruning): no other lp-tui writes, backs up or restores meanwhile."""
        with self._locked():
            yield

    def rewrite(self, tables: Tables) -> None:
        """Put ``tables`` in place of the file (under ``exclusive``) as a new file, keeping no
        backup of what it was: the one write meant to leave no trace of the file it replaces.
        The next write that is due a backup keeps one of the rewritten file."""
        meta = tables.setdefault(META, {}).setdefault("1", {})
        meta["schema"] = SCHEMA_VERSION
        meta["rev"] = int(meta.get("rev", 0)) + 1
        self._replace(orjson.dumps(tables))

    # ------------------------------------------------------------------ backups
    def _backup(self, rev: int) -> None:
        """Keep the current file as a backup: a hard link, so no bytes are copied.

        A backup that cannot be kept (a full disk, a folder another account made) never stops
        the write it precedes, and leaves nothing half-written; the next write tries again."""
        with contextlib.suppress(OSError):
            self._make_backup_dir()
            stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
            target = self.backup_dir / f"{self.path.stem}-{stamp}-r{rev:06d}.json"
            try:
                os.link(self.path, target)
            except FileExistsError:
                return
            except OSError:  # no hard links here: a copy, in the database's mode and group
                self._copy_to(target)
            for old in self.backups()[BACKUPS_KEPT:]:
                old.unlink(missing_ok=True)

    def _copy_to(self, target: Path) -> None:
        """A whole copy of the database at ``target`` (in its mode and group), or nothing."""
        mode, gid = self._file_mode()
        data = self.path.read_bytes()
        temp = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
        write_new_file(temp, data, mode, gid)
        try:
            os.replace(temp, target)
        except BaseException:
            _remove(temp)
            raise

    def _make_backup_dir(self) -> None:
        """Private to the owner (0700), unless the database is shared with a group (coaches
        over SSH): then 0770 setgid in the database's group, so the group keeps backups too."""
        if self.backup_dir.is_dir():
            return
        mode, gid = self._file_mode()
        make_folders(self.backup_dir, gid if mode & 0o060 else None)

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        if not self.backup_dir.is_dir():
            return []
        found = self.backup_dir.glob(f"{self.path.stem}-*-r*.json")
        return sorted(found, key=lambda p: p.name, reverse=True)

    def check_backup(self, backup: Path) -> str | None:
        """None when the backup parses as a database whose records all pass the check, else
        what is wrong with it: only such a backup is offered or restored."""
        try:
            tables = self._parse(backup.read_bytes(), backup)
        except CorruptDatabase:
            return "corrupt"
        except OSError as error:
            return error.strerror or "unreadable"
        if self.check is not None:
            try:
                self.check(tables, backup)
            except StoreError:
                return "bad records"
        return None

    def good_backups(self) -> list[Path]:
        return [b for b in self.backups() if self.check_backup(b) is None]

    def restore(self, backup: Path) -> Path | None:
        """Put a good backup in place; a damaged current file is kept aside, never deleted."""
        problem = self.check_backup(backup)
        if problem:
            raise StoreError(f"{backup}: cannot restore: {problem}")
        try:
            data = backup.read_bytes()
        except OSError as error:
            raise StoreError(f"{backup}: cannot restore: {cause_of(error)}") from None
        kept = None
        with self._locked():
            if self.path.exists():
                kept = self._keep_aside()
            try:
                self._replace(data)
            except BaseException:
                if kept is not None and _same_file(kept, self.path):
                    _remove(kept)  # the file is as it was: a second name for it is not needed
                raise
        return kept

    def _keep_aside(self) -> Path:
        """The current file kept as ``<name>.replaced-<stamp>`` (``-2``, ``-3``... when that
        name is taken: two restores in one second). StoreWriteError when it cannot be kept."""
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        for n in itertools.count(1):
            suffix = "" if n == 1 else f"-{n}"
            kept = self.path.with_name(f"{self.path.name}.replaced-{stamp}{suffix}")
            if os.path.lexists(kept):
                continue
            try:
                os.link(self.path, kept)
            except FileExistsError:
                continue
            except OSError:
                try:
                    self._copy_to(kept)  # no hard links here
                except OSError as error:
                    raise not_saved(self.path, error) from None
            return kept
        raise AssertionError("unreachable")


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
    """Make a rename in ``folder`` durable (a file system that cannot fsync a folder is fine)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    finally:
        os.close(fd)


def write_new_file(path: Path, data: bytes, mode: int, gid: int | None = None) -> None:
    """A new file (never an existing one) holding ``data``, fsynced, in ``mode`` and group
    ``gid`` whatever the umask. On any failure the file is removed again and the error raised."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
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
        with contextlib.suppress(OSError):
            os.close(fd)
        _remove(path)
        raise
    try:
        os.close(fd)
    except BaseException:
        _remove(path)
        raise


def make_folders(folder: Path, gid: int | None = None) -> None:
    """``folder`` and its missing parents, each 0700, or 0770 setgid in group ``gid`` (a
    database shared with a group), whatever the umask. Folders already there are left alone."""
    missing: list[Path] = []
    current = Path(folder)
    while not os.path.isdir(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    for each in reversed(missing):
        try:
            each.mkdir(mode=0o700)
        except FileExistsError:
            if os.path.isdir(each):
                continue  # made meanwhile by another process: left as it is
            raise
        fd = os.open(each, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            mode = 0o700
            if gid is not None:
                try:
                    os.fchown(fd, -1, gid)
                    mode = 0o2770
                except OSError:
                    pass  # not in that group: kept private rather than given to another
            os.fchmod(fd, mode)
        finally:
            os.close(fd)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _remove(path: Path | None) -> None:
    """Remove a temp file, if any; a failure to remove it is not the error worth reporting."""
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
