"""Faults injected into every store write path: a full disk (ENOSPC), no permission (EACCES), a
read-only file system (EROFS), a failing disk (EIO), at each step of a write.

A write that fails raises StoreWriteError, one line naming the file and the cause; the database
is left byte for byte as it was, no temp file stays behind, and the next write after the fault is
cleared lands. Backups and the error log never stop a write: a backup that fails leaves nothing
half-written, a log that cannot be written is said in the line. One test fills a real file system
(a small tmpfs), where the container allows mounting one.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lp_tui.domain.clock import FixedClock, iso
from lp_tui.domain.model import Cohort, Observation, Person, Role, new_id
from lp_tui.store import files, storage
from lp_tui.store.errors import one_line
from lp_tui.store.repo import Repo
from lp_tui.store.storage import StoreWriteError
from tests.conftest import one_line as the_line

CODES = [errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EIO]
CODE_IDS = [errno.errorcode[code] for code in CODES]

REAL_OPEN = os.open
REAL_WRITE = os.write
REAL_FSYNC = os.fsync
REAL_REPLACE = os.replace
REAL_LINK = os.link
REAL_MKDIR = Path.mkdir


def fd_path(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


def is_temp(path: object) -> bool:
    return os.fspath(path).removesuffix(" (deleted)").endswith(storage.TEMP_SUFFIX)  # type: ignore[arg-type]


class Fault:
    """Makes the calls of one write step fail with ``code`` until cleared."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
        self.monkeypatch = monkeypatch
        self.code = code
        self.armed = True
        self.hits = 0

    def fire(self, filename: object = None) -> None:
        self.hits += 1
        raise OSError(self.code, os.strerror(self.code), filename)

    def clear(self) -> None:
        self.armed = False

    def at(self, step: str, **where: object) -> Fault:
        getattr(self, "_" + step.replace("-", "_"))(**where)
        return self

    # ---- the steps of a write
    def _folder(self, name: str) -> None:
        def mkdir(path: Path, *args: object, **kwargs: object) -> None:
            if self.armed and path.name == name:
                self.fire(path)
            REAL_MKDIR(path, *args, **kwargs)  # type: ignore[arg-type]

        self.monkeypatch.setattr(Path, "mkdir", mkdir)

    def _lock(self, lock: object) -> None:
        kind = type(lock)
        real = kind.acquire

        def acquire(this: object, *args: object, **kwargs: object) -> object:
            if self.armed:
                self.fire()
            return real(this, *args, **kwargs)

        self.monkeypatch.setattr(kind, "acquire", acquire)

    def _temp_create(self, name: str = "") -> None:
        def open_(path: object, flags: int, *args: object, **kwargs: object) -> int:
            text = os.fspath(path)  # type: ignore[arg-type]
            if self.armed and flags & os.O_CREAT and is_temp(text) and name in text:
                self.fire(path)
            return REAL_OPEN(path, flags, *args, **kwargs)  # type: ignore[arg-type]

        self.monkeypatch.setattr(os, "open", open_)

    def _temp_write(self, name: str = "") -> None:
        def write(fd: int, data: object) -> int:
            if self.armed and is_temp(fd_path(fd)) and name in fd_path(fd):
                self.fire()
            return REAL_WRITE(fd, data)  # type: ignore[arg-type]

        self.monkeypatch.setattr(os, "write", write)

    def _temp_fsync(self, name: str = "") -> None:
        def fsync(fd: int) -> None:
            if self.armed and is_temp(fd_path(fd)) and name in fd_path(fd):
                self.fire()
            REAL_FSYNC(fd)

        self.monkeypatch.setattr(os, "fsync", fsync)

    def _replace(self) -> None:
        def replace(src: object, dst: object, *args: object, **kwargs: object) -> None:
            if self.armed and is_temp(src):
                self.fire(src)
            REAL_REPLACE(src, dst, *args, **kwargs)  # type: ignore[arg-type]

        self.monkeypatch.setattr(os, "replace", replace)

    def _folder_fsync(self) -> None:
        def fsync(fd: int) -> None:
            if self.armed and stat.S_ISDIR(os.fstat(fd).st_mode):
                self.fire()
            REAL_FSYNC(fd)

        self.monkeypatch.setattr(os, "fsync", fsync)

    def _link(self, name: str = "") -> None:
        def link(src: object, dst: object, *args: object, **kwargs: object) -> None:
            if self.armed and name in os.fspath(dst):  # type: ignore[arg-type]
                self.fire(dst)
            REAL_LINK(src, dst, *args, **kwargs)  # type: ignore[arg-type]

        self.monkeypatch.setattr(os, "link", link)


def leftovers(folder: Path) -> list[str]:
    """Temp files anywhere under the database's folder."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if is_temp(p))


def observe(
    repo: Repo, demo: tuple[Cohort, list[Person]], clock: FixedClock, text: str
) -> Observation:
    cohort, people = demo
    by = next(p.id for p in people if p.role is Role.COACH)
    about = next(p.id for p in people if p.role is Role.PARTICIPANT)
    observation = Observation(new_id(), cohort.id, 1, by, about, text, iso(clock.now()))
    repo.add_observation(observation)
    return observation


def behaviours(repo: Repo, demo: tuple[Cohort, list[Person]]) -> list[str]:
    return [o.behaviour for o in repo.snapshot().observations(demo[0].id, 1)]


@pytest.fixture
def fault(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], Fault]:
    return lambda code: Fault(monkeypatch, code)


# ------------------------------------------------------------------ every write: a transaction
WRITE_STEPS = ["lock", "lock-create", "temp-create", "temp-write", "temp-fsync", "replace"]
WRITE_STEPS += ["folder-fsync"]


@pytest.mark.parametrize("code", CODES, ids=CODE_IDS)
@pytest.mark.parametrize("step", WRITE_STEPS)
def test_a_failed_write_is_one_line_and_leaves_the_database_as_it_was(
    repo: Repo, demo, clock: FixedClock, fault, step: str, code: int
) -> None:
    observe(repo, demo, clock, "Before")
    before = repo.path.read_bytes()
    if step == "lock-create":
        repo.db.lock_path.unlink()
    injected = fault(code).at(
        {"lock-create": "temp-create"}.get(step, step),
        **({"lock": repo.db._lock} if step == "lock" else {}),
    )

    with pytest.raises(StoreWriteError) as caught:
        observe(repo, demo, clock, "Lost")

    note = f" (lock file {repo.db.lock_path})" if step.startswith("lock") else ""
    assert the_line(str(caught.value)) == f"{repo.path}: not saved: {os.strerror(code)}{note}"
    assert caught.value.errno == code and caught.value.path == repo.path
    assert injected.hits >= 1
    assert repo.path.read_bytes() == before
    assert leftovers(repo.path.parent) == []
    injected.clear()
    observe(repo, demo, clock, "After")
    assert behaviours(repo, demo) == ["Before", "After"]


@pytest.mark.parametrize("code", CODES, ids=CODE_IDS)
def test_a_database_folder_that_cannot_be_made_is_one_line(
    tmp_path: Path, demo, clock: FixedClock, fault, code: int
) -> None:
    repo = Repo(tmp_path / "new" / "deeper" / "lp-tui.json")
    injected = fault(code).at("folder", name="new")
    with pytest.raises(StoreWriteError) as caught:
        repo.add_cohort(*demo)
    assert the_line(str(caught.value)) == f"{repo.path}: not saved: {os.strerror(code)}"
    assert not (tmp_path / "new").exists()
    injected.clear()
    repo.add_cohort(*demo)
    assert repo.snapshot().cohorts()[0].id == demo[0].id


def test_a_failed_folder_fsync_with_no_way_back_says_the_write_may_have_landed(
    repo: Repo, demo, clock: FixedClock, fault
) -> None:
    observe(repo, demo, clock, "Before")
    fault(errno.EIO).at("folder-fsync")
    fault(errno.EPERM).at("link", name=storage.TEMP_SUFFIX)  # no link to roll back to
    with pytest.raises(StoreWriteError) as caught:
        observe(repo, demo, clock, "Maybe")
    assert the_line(str(caught.value)) == f"{repo.path}: may not be saved: Input/output error"
    assert leftovers(repo.path.parent) == []


def test_a_folder_that_cannot_be_fsynced_at_all_is_no_fault(
    repo: Repo, demo, clock: FixedClock, fault
) -> None:
    fault(errno.EINVAL).at("folder-fsync")  # some file systems cannot fsync a folder
    observe(repo, demo, clock, "Lands")
    assert behaviours(repo, demo) == ["Lands"]


# ------------------------------------------------------------------ backups never stop a write
@pytest.mark.parametrize("code", CODES, ids=CODE_IDS)
@pytest.mark.parametrize("step", ["backup-folder", "copy-create", "copy-write", "copy-fsync"])
def test_a_backup_that_fails_never_stops_the_write_nor_leaves_half_a_backup(
    repo: Repo, demo, clock: FixedClock, fault, monkeypatch, step: str, code: int
) -> None:
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0)
    observe(repo, demo, clock, "Before")
    shutil.rmtree(repo.db.backup_dir, ignore_errors=True)
    if step == "backup-folder":
        injected = fault(code).at("folder", name="backups")
    else:
        fault(errno.EPERM).at("link", name="backups")  # no hard links: a copy is made
        injected = fault(code).at(step.replace("copy", "temp"), name="backups")

    observe(repo, demo, clock, "Lands")

    assert injected.hits >= 1
    assert behaviours(repo, demo) == ["Before", "Lands"]
    assert repo.db.backups() == []
    assert leftovers(repo.path.parent) == []


def test_a_backup_copied_where_links_fail_is_whole_and_in_the_databases_mode(
    repo: Repo, demo, clock: FixedClock, fault, monkeypatch
) -> None:
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0)
    observe(repo, demo, clock, "Before")
    os.chmod(repo.path, 0o640)
    before = repo.path.read_bytes()
    fault(errno.EPERM).at("link", name="backups")
    observe(repo, demo, clock, "After")
    backup = repo.db.backups()[0]
    assert backup.read_bytes() == before
    assert stat.S_IMODE(backup.stat().st_mode) == 0o640
    assert leftovers(repo.path.parent) == []


# ------------------------------------------------------------------ restore
RESTORE_STEPS = ["lock", "keep-aside", "temp-create", "temp-write", "temp-fsync", "replace"]
RESTORE_STEPS += ["folder-fsync"]


@pytest.fixture
def damaged(repo: Repo, demo, clock: FixedClock, monkeypatch) -> Path:
    """A database with a good backup, then damaged; the backup's path."""
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0)
    observe(repo, demo, clock, "Kept")
    observe(repo, demo, clock, "Second")
    repo.path.write_bytes(b"{damaged")
    return repo.db.good_backups()[0]


def replaced(repo: Repo) -> list[Path]:
    return sorted(repo.path.parent.glob(f"{repo.path.name}.replaced-*"))


@pytest.mark.parametrize("code", CODES, ids=CODE_IDS)
@pytest.mark.parametrize("step", RESTORE_STEPS)
def test_a_failed_restore_is_one_line_and_changes_nothing(
    repo: Repo, demo, damaged: Path, fault, step: str, code: int
) -> None:
    if step == "keep-aside":
        fault(errno.EPERM).at("link", name=".replaced-")  # no hard link, and no copy either
        injected = fault(code).at("temp-create", name=".replaced-")
    else:
        injected = fault(code).at(step, **({"lock": repo.db._lock} if step == "lock" else {}))

    with pytest.raises(StoreWriteError) as caught:
        repo.db.restore(damaged)

    note = f" (lock file {repo.db.lock_path})" if step == "lock" else ""
    assert the_line(str(caught.value)) == f"{repo.path}: not saved: {os.strerror(code)}{note}"
    assert repo.path.read_bytes() == b"{damaged"
    assert replaced(repo) == []
    assert leftovers(repo.path.parent) == []
    injected.clear()
    kept = repo.db.restore(damaged)
    assert kept is not None and kept.read_bytes() == b"{damaged"
    assert behaviours(repo, demo) == ["Kept"]


def test_doctor_restore_twice_in_one_second_keeps_both_replaced_files(
    run_cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0)
    run_cli("demo", "--no-launch")
    run_cli("cohort", "create", "Second cohort")
    backup = Repo(db_path).db.good_backups()[0]
    monkeypatch.setattr(time, "strftime", lambda *args: "20171124T093000")  # one second

    first = run_cli("doctor", "--restore", str(backup))
    db_path.write_bytes(b"{damaged again")
    second = run_cli("doctor", "--restore", str(backup))

    assert (first.exit_code, second.exit_code) == (0, 0), second.stderr
    kept = sorted(db_path.parent.glob(f"{db_path.name}.replaced-*"))
    assert [k.name for k in kept] == [
        f"{db_path.name}.replaced-20171124T093000",
        f"{db_path.name}.replaced-20171124T093000-2",
    ]
    assert kept[1].read_bytes() == b"{damaged again"
    assert f"kept as {kept[1]}" in the_line(second.stdout)
    assert db_path.read_bytes() == backup.read_bytes()


# ------------------------------------------------------------------ exports: files.write_bytes
EXPORT_STEPS = ["folder", "temp-create", "temp-write", "temp-fsync", "replace"]


@pytest.mark.parametrize("code", CODES, ids=CODE_IDS)
@pytest.mark.parametrize("step", EXPORT_STEPS)
def test_a_failed_export_is_one_line_and_leaves_the_old_file(
    tmp_path: Path, fault, step: str, code: int
) -> None:
    out = tmp_path / ("new-folder" if step == "folder" else "out") / "report.md"
    if step != "folder":
        out.parent.mkdir()
        out.write_bytes(b"the old report")
    injected = fault(code).at(step, **({"name": "new-folder"} if step == "folder" else {}))

    with pytest.raises(StoreWriteError) as caught:
        files.write_bytes(out, b"the new report")

    assert the_line(str(caught.value)) == f"{out}: not saved: {os.strerror(code)}"
    if step == "folder":
        assert not out.parent.exists()
    else:
        assert out.read_bytes() == b"the old report"
        assert leftovers(out.parent) == []
    injected.clear()
    assert files.write_bytes(out, b"the new report") == out
    assert out.read_bytes() == b"the new report"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_an_export_that_fails_is_one_line_and_exit_1(
    run_cli, db_path: Path, tmp_path: Path, fault
) -> None:
    run_cli("demo", "--no-launch")
    out = tmp_path / "report.md"
    fault(errno.ENOSPC).at("temp-write", name="report")
    result = run_cli("export", "--format", "md", "--out", str(out))
    assert result.exit_code == 1
    assert the_line(result.stderr) == f"lp-tui: {out}: not saved: No space left on device"
    assert not out.exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("code", CODES, ids=CODE_IDS)
def test_csv_into_a_folder_that_fails_leaves_no_zip_and_the_folder_as_it_was(
    run_cli, db_path: Path, tmp_path: Path, fault, code: int
) -> None:
    run_cli("demo", "--no-launch")
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "people.csv").write_text("my own list")
    fault(code).at("temp-write", name="records")
    result = run_cli("export", "--format", "csv", "--out", str(desk))
    zipped = desk / "london-nov-2017-demo-records.zip"
    assert result.exit_code == 1
    assert the_line(result.stderr) == f"lp-tui: {zipped}: not saved: {os.strerror(code)}"
    assert sorted(p.name for p in desk.iterdir()) == ["people.csv"]
    assert (desk / "people.csv").read_text() == "my own list"


@pytest.mark.parametrize("code", CODES, ids=CODE_IDS)
def test_a_command_whose_write_fails_is_one_line_and_exit_1(
    run_cli, db_path: Path, fault, code: int
) -> None:
    run_cli("demo", "--no-launch")
    before = db_path.read_bytes()
    fault(code).at("temp-write")
    result = run_cli(
        "observe", "--day", "1", "--by", "Dr Anjali Rao", "--about", "Grace Nwosu",
        "--behaviour", "Listens",
    )  # fmt: skip
    assert result.exit_code == 1
    assert the_line(result.stderr) == f"lp-tui: {db_path}: not saved: {os.strerror(code)}"
    assert db_path.read_bytes() == before


# ------------------------------------------------------------------ the error log
def caught_error() -> RuntimeError:
    try:
        raise RuntimeError("broke")
    except RuntimeError as error:
        return error


@pytest.mark.parametrize("code", CODES, ids=CODE_IDS)
def test_a_log_that_cannot_be_written_is_said_and_the_next_one_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    armed = [True]

    def open_(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if armed[0] and os.fspath(path).endswith(".log"):  # type: ignore[arg-type]
            raise OSError(code, os.strerror(code), path)
        return REAL_OPEN(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_)
    database = tmp_path / "lp.json"
    line = one_line(database, caught_error(), "lp-tui")
    assert line == "unexpected error (RuntimeError); the error log could not be written either"
    assert list(tmp_path.iterdir()) == []
    armed[0] = False
    assert "the details are in" in one_line(database, caught_error(), "lp-tui")
    assert "RuntimeError: broke" in (tmp_path / "lp-tui-errors.log").read_text()


# ------------------------------------------------------------------ a real full file system
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs, where mounting one is allowed (root, and a container that lets it)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_refuses_the_write_then_takes_it_when_space_is_back(
    small_disk: Path, demo, clock: FixedClock
) -> None:
    repo = Repo(small_disk / "data" / "lp-tui.json")
    repo.add_cohort(*demo)
    observe(repo, demo, clock, "Before")
    before = repo.path.read_bytes()
    filler = small_disk / "filler"
    with filler.open("wb", buffering=0) as out:
        with pytest.raises(OSError) as full:
            while True:
                out.write(b"\0" * 4096)
        assert full.value.errno == errno.ENOSPC

    with pytest.raises(StoreWriteError) as caught:
        observe(repo, demo, clock, "Lost")

    assert the_line(str(caught.value)) == f"{repo.path}: not saved: No space left on device"
    assert repo.path.read_bytes() == before
    assert leftovers(small_disk) == []
    filler.unlink()
    observe(repo, demo, clock, "After")
    assert behaviours(repo, demo) == ["Before", "After"]
