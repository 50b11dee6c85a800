"""Two accounts sharing one database through a group, as `lp-tui ssh-setup` tells the
facilitator to arrange: the facilitator's account and the account coaches log in to. Each
writes in turn with a strict umask, and every write lands; the file keeps its group and mode,
and neither account ever locks the other out (lock file, temp files, backups).

The other accounts are real: forked children drop to their uid and gid, so the store code runs
exactly as it does in a coach's session (the interpreter, already loaded, is not re-executed).

Also here: a lock file deleted and re-created by either account under umask 077 locks nobody out;
lock, temp and backup files take the database's mode and group; the folders lp-tui makes are
0700, or 0770 setgid in the database's group when it is shared, whatever the umask; each account
keeps its own private error log. The folder tests that need no second account run as anyone.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import traceback
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

# The store imports its lock library at its first write. A child that has dropped to a test
# account cannot read this interpreter's files (under root's home), so what the store imports
# as it writes is imported here, before any fork.
import filelock  # noqa: F401
import pytest

from lp_tui.domain.clock import SystemClock, iso
from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.model import Cohort, Observation, Person, Role, new_id
from lp_tui.store import errors, storage
from lp_tui.store.repo import Repo

# making and removing accounts edits /etc/passwd and /etc/group: one test at a time
pytestmark = pytest.mark.xdist_group("accounts")

needs_accounts = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("useradd") is None,
    reason="needs root to make two test accounts (CI runs as root)",
)


@pytest.fixture
def accounts() -> Iterator[tuple[str, str, str]]:
    tag = uuid.uuid4().hex[:6]
    group, facilitator, coach = f"lpg{tag}", f"lpf{tag}", f"lpc{tag}"
    subprocess.run(["groupadd", group], check=True)
    for user in (facilitator, coach):
        subprocess.run(["useradd", "-M", "-N", "-G", group, user], check=True)
    try:
        yield group, facilitator, coach
    finally:
        for user in (facilitator, coach):
            subprocess.run(["userdel", user], check=False)
        subprocess.run(["groupdel", group], check=False)


def as_account(user: str, group: str, work: Callable[[], object], umask: int = 0o077) -> None:
    """Run work in a child process that is that account, in that group, with that umask."""
    account = pwd.getpwnam(user)
    shared = grp.getgrnam(group).gr_gid
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        os.close(read)
        status = 0
        try:
            os.setgroups([shared])
            os.setgid(account.pw_gid)
            os.setuid(account.pw_uid)
            os.umask(umask)
            work()
        except BaseException:
            os.write(write, traceback.format_exc().encode())
            status = 1
        os._exit(status)
    os.close(write)
    with os.fdopen(read) as problems:
        said = problems.read()
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0, f"{user}: {said}"


@needs_accounts
def test_facilitator_and_coach_accounts_share_the_database(accounts, monkeypatch) -> None:
    group, facilitator, coach = accounts
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0)  # each account keeps backups too
    folder = Path(tempfile.mkdtemp(prefix="lp-tui-shared-", dir="/tmp"))
    try:
        db = folder / "lp-tui.json"
        lock = db.with_name(db.name + ".lock")
        cohort, people = demo_cohort(iso(SystemClock().now()))
        by = next(p.id for p in people if p.role is Role.COACH)
        about = next(p.id for p in people if p.role is Role.PARTICIPANT)
        # the steps `lp-tui ssh-setup` prints
        shutil.chown(folder, user=facilitator, group=group)
        os.chmod(folder, 0o2770)
        as_account(facilitator, group, lambda: Repo(db).add_cohort(cohort, people))
        for path in (db, lock):
            shutil.chown(path, group=group)
            os.chmod(path, 0o660)

        for turn in range(8):
            user = coach if turn % 2 == 0 else facilitator
            observation = Observation(
                new_id(), cohort.id, 1, by, about, f"Turn {turn}", iso(SystemClock().now())
            )
            as_account(user, group, lambda o=observation: Repo(db).add_observation(o))
            state = db.stat()
            assert stat.S_IMODE(state.st_mode) == 0o660
            assert state.st_gid == grp.getgrnam(group).gr_gid
            assert stat.S_IMODE(lock.stat().st_mode) & 0o060 == 0o060

        seen = Repo(db).snapshot().observations(cohort.id, 1)
        assert [o.behaviour for o in seen] == [f"Turn {n}" for n in range(8)]
        assert len(Repo(db).db.backups()) >= 7, "each account kept backups"
        as_account(coach, group, lambda: Repo(db).db.good_backups())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------ shared files keep their sharing
def shared_database(
    facilitator: str, group: str, folder_mode: int = 0o2770
) -> tuple[Path, Cohort, list[Person]]:
    """The facilitator's database in a folder of their own, shared with the group as
    `lp-tui ssh-setup` says (the folder setgid, or, with ``folder_mode`` 0770, not)."""
    folder = Path(tempfile.mkdtemp(prefix="lp-tui-shared-", dir="/tmp"))
    db = folder / "lp-tui.json"
    cohort, people = demo_cohort(iso(SystemClock().now()))
    shutil.chown(folder, user=facilitator, group=group)
    os.chmod(folder, folder_mode)
    as_account(facilitator, group, lambda: Repo(db).add_cohort(cohort, people))
    for path in (db, db.with_name(db.name + ".lock")):
        shutil.chown(path, group=group)
        os.chmod(path, 0o660)
    return db, cohort, people


def an_observation(cohort: Cohort, people: list[Person], text: str) -> Observation:
    by = next(p.id for p in people if p.role is Role.COACH)
    about = next(p.id for p in people if p.role is Role.PARTICIPANT)
    return Observation(new_id(), cohort.id, 1, by, about, text, iso(SystemClock().now()))


def observe_as(user: str, group: str, db: Path, cohort: Cohort, people: list[Person], text: str):
    observation = an_observation(cohort, people, text)
    as_account(user, group, lambda: Repo(db).add_observation(observation))


def mode_and_group(path: Path) -> tuple[int, int]:
    state = path.lstat()
    return stat.S_IMODE(state.st_mode), state.st_gid


@needs_accounts
@pytest.mark.parametrize("folder_mode", [0o2770, 0o770], ids=["setgid-folder", "plain-folder"])
@pytest.mark.parametrize("first", ["coach", "facilitator"])
def test_a_lock_file_re_created_by_one_account_locks_the_other_out_never(
    accounts, first: str, folder_mode: int
) -> None:
    group, facilitator, coach = accounts
    gid = grp.getgrnam(group).gr_gid
    db, cohort, people = shared_database(facilitator, group, folder_mode)
    lock = db.with_name(db.name + ".lock")
    one, other = (coach, facilitator) if first == "coach" else (facilitator, coach)
    try:
        for turn in range(2):
            lock.unlink()
            observe_as(one, group, db, cohort, people, f"{one} {turn}")  # re-creates the lock
            assert lock.stat().st_uid == pwd.getpwnam(one).pw_uid
            assert mode_and_group(lock) == (0o660, gid)
            observe_as(other, group, db, cohort, people, f"{other} {turn}")
            assert mode_and_group(db) == (0o660, gid)
        seen = [o.behaviour for o in Repo(db).snapshot().observations(cohort.id, 1)]
        assert seen == [f"{one} 0", f"{other} 0", f"{one} 1", f"{other} 1"]
    finally:
        shutil.rmtree(db.parent, ignore_errors=True)


@needs_accounts
@pytest.mark.parametrize("links", [True, False], ids=["hard-links", "no-hard-links"])
def test_lock_temp_and_backup_files_take_the_databases_mode_and_group(
    accounts, monkeypatch, links: bool
) -> None:
    group, facilitator, coach = accounts
    gid = grp.getgrnam(group).gr_gid
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0)
    db, cohort, people = shared_database(facilitator, group, 0o770)  # no group inherited
    db.with_name(db.name + ".lock").unlink()
    seen: list[tuple[str, int, int]] = []
    real_link, real_replace = os.link, os.replace

    def link(src, dst, *args, **kwargs):
        if not links and "backups" in str(dst):
            raise PermissionError(1, "Operation not permitted", dst)  # a copy is made instead
        if str(src).endswith(storage.TEMP_SUFFIX):
            seen.append((Path(dst).name, *mode_and_group(Path(src))))
        real_link(src, dst, *args, **kwargs)

    def replace(src, dst, *args, **kwargs):
        seen.append((Path(dst).name, *mode_and_group(Path(src))))
        real_replace(src, dst, *args, **kwargs)

    def write_and_check() -> None:
        os.link, os.replace = link, replace  # only in this account's child process
        Repo(db).add_observation(an_observation(cohort, people, "Listens"))
        named = {name for name, _, _ in seen}
        assert {db.name, db.name + ".lock"} <= named, seen
        assert links or any(name.startswith(db.stem + "-") for name in named), seen
        assert all((mode, group_id) == (0o660, gid) for _, mode, group_id in seen), seen

    try:
        as_account(coach, group, write_and_check)
        backups = Repo(db).db.backups()
        assert backups and all(mode_and_group(b) == (0o660, gid) for b in backups)
        assert mode_and_group(db.with_name(db.name + ".lock")) == (0o660, gid)
    finally:
        shutil.rmtree(db.parent, ignore_errors=True)


@needs_accounts
@pytest.mark.parametrize("umask", [0o000, 0o077], ids=["umask-000", "umask-077"])
@pytest.mark.parametrize("shared", [True, False], ids=["shared", "private"])
def test_the_backups_folder_is_the_groups_only_when_the_database_is(
    accounts, monkeypatch, shared: bool, umask: int
) -> None:
    group, facilitator, _ = accounts
    gid = grp.getgrnam(group).gr_gid
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0)
    db, cohort, people = shared_database(facilitator, group)
    if not shared:
        os.chmod(db, 0o600)
    shutil.rmtree(db.parent / "backups", ignore_errors=True)
    observation = an_observation(cohort, people, "Listens")
    try:
        as_account(facilitator, group, lambda: Repo(db).add_observation(observation), umask)
        backups = db.parent / "backups"
        state = backups.stat()
        assert state.st_uid == pwd.getpwnam(facilitator).pw_uid
        if shared:
            assert (stat.S_IMODE(state.st_mode), state.st_gid) == (0o2770, gid)
        else:
            assert stat.S_IMODE(state.st_mode) == 0o700
        (backup,) = Repo(db).db.backups()
        assert stat.S_IMODE(backup.stat().st_mode) == (0o660 if shared else 0o600)
    finally:
        shutil.rmtree(db.parent, ignore_errors=True)


@needs_accounts
@pytest.mark.parametrize("umask", [0o000, 0o077], ids=["umask-000", "umask-077"])
def test_each_account_keeps_its_own_private_error_log(accounts, umask: int) -> None:
    group, facilitator, coach = accounts
    db, _, _ = shared_database(facilitator, group)

    def log(user: str) -> None:
        def work() -> None:
            try:
                raise RuntimeError(f"broke for {user}")
            except RuntimeError as error:
                line = errors.one_line(db, error, "lp-tui coach")
            assert "could not be written" not in line, line
            os.write(write_end, f"{user}\t{line}\n".encode())

        as_account(user, group, work, umask)

    read_end, write_end = os.pipe()
    try:
        log(facilitator)
        log(coach)
        os.close(write_end)
        with os.fdopen(read_end) as said:
            lines = dict(line.rstrip("\n").split("\t") for line in said)
        mine = db.parent / errors.LOG_NAME
        theirs = db.parent / f"lp-tui-errors-{coach}.log"
        assert str(mine) in lines[facilitator] and str(theirs) in lines[coach]
        for path, user in ((mine, facilitator), (theirs, coach)):
            assert path.stat().st_uid == pwd.getpwnam(user).pw_uid
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert f"broke for {user}" in path.read_text()
        assert coach not in mine.read_text()
    finally:
        shutil.rmtree(db.parent, ignore_errors=True)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077], ids=["000", "022", "077"])
def test_folders_lp_tui_makes_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    from lp_tui.store import files

    before = os.umask(umask)
    try:
        db = tmp_path / "made" / "data" / "lp-tui.json"
        cohort, people = demo_cohort(iso(SystemClock().now()))
        Repo(db).add_cohort(cohort, people)
        Repo(db).db._backup(1)
        out = files.write_bytes(tmp_path / "out" / "nested" / "report.md", b"report")
    finally:
        os.umask(before)
    for folder in ("made", "made/data", "made/data/backups", "out", "out/nested"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder
    for path in (db, db.with_name(db.name + ".lock"), out):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
