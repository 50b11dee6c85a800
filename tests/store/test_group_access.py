"""Two accounts sharing one database through a group, as `lp-tui ssh-setup` tells the
facilitator to arrange: the facilitator's account and the account coaches log in to. Each
writes in turn with a strict umask, and every write lands; the file keeps its group and mode,
and neither account ever locks the other out (lock file, temp files, backups).

The other accounts are real: forked children drop to their uid and gid, so the store code runs
exactly as it does in a coach's session (the interpreter, already loaded, is not re-executed).
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

import pytest

from lp_tui.domain.clock import SystemClock, iso
from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.model import Observation, Role, new_id
from lp_tui.store import storage
from lp_tui.store.repo import Repo

pytestmark = pytest.mark.skipif(
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


def as_account(user: str, group: str, work: Callable[[], None]) -> None:
    """Run work in a child process that is that account, in that group, with umask 077."""
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
            os.umask(0o077)
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
