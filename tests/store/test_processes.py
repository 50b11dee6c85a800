"""Real processes writing one database at once, and real SIGKILLs in the middle of writes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from lp_tui.store.repo import Repo
from tests.conftest import REPO_ROOT
from tests.store.test_storage import C1, observation

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def cohort_c1(db_path: Path) -> None:
    """The writers append to cohort c1: every record read must belong to a cohort there."""
    Repo(db_path).add_cohort(C1)


WRITERS = 8
EACH = 100
KILLS = 200
PARTS = 4  # the kills in parts of their own (each its own seed and file), run side by side


def writer_command(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.writer", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        cwd=REPO_ROOT,
    )


def start_writer(db: Path, tag: str, count: int) -> subprocess.Popen[str]:
    process = writer_command(str(db), "c1", tag, str(count))
    assert process.stdout is not None
    assert process.stdout.readline().startswith("ready ")
    return process


class Writers:
    """Writer processes forked on demand from one that has imported lp_tui (a kill test starts
    hundreds: each is still a process of its own, killed by a real SIGKILL mid-write)."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.server = writer_command("serve", str(db), "c1")
        assert self.server.stdin is not None and self.server.stdout is not None
        self.to, self.hear = self.server.stdin, self.server.stdout

    def start(self, tag: str, count: int = 0) -> int:
        """A writer appending ``count`` records (0: until killed); its pid once it is ready
        to write."""
        self.to.write(f"{tag} {count}\n")
        self.to.flush()
        said, pid = self.hear.readline().split()
        assert said == "ready"
        return int(pid)

    def ids_until_ended(self) -> list[str]:
        """Every id the last writer printed (each after its write returned), once it ended."""
        ids = []
        for line in self.hear:
            if line.strip() == "ended":
                return ids
            assert not line.strip().endswith("ended"), f"a line torn by a kill: {line!r}"
            ids.append(line.strip())
        raise AssertionError("the writer server stopped")

    def close(self) -> None:
        self.to.close()
        assert self.server.wait(timeout=30) == 0


def test_eight_processes_appending_at_once_lose_nothing(db_path: Path) -> None:
    writers = [start_writer(db_path, f"w{n}", EACH) for n in range(WRITERS)]
    reported: list[str] = []
    for process in writers:
        # Read on from the text stream that read "ready": its buffer may hold the first ids
        # already (communicate() reads the pipe itself, past that buffer, and lost them).
        assert process.stdin is not None and process.stdout is not None
        process.stdin.close()
        reported += process.stdout.read().split()
        assert process.wait(timeout=300) == 0
    found = Repo(db_path).snapshot().observations("c1")
    ids = [o.id for o in found]
    assert len(ids) == WRITERS * EACH == 800
    assert len(set(ids)) == 800
    assert set(ids) == set(reported)
    notes = {o.note for o in found}
    assert notes == {f"w{w}-{n}" for w in range(WRITERS) for n in range(EACH)}


def kill_window(writers: Writers) -> float:
    """Seconds within which a kill lands: 30 ms, or two and a half times a writer's first
    write where that is slower (a loaded machine), so that kills land before, in and after
    a first write alike. A writer that runs to its end is timed; what it wrote is stored."""
    writers.start("timed", 3)
    started = time.monotonic()
    first = writers.hear.readline().strip()
    first_write = time.monotonic() - started
    timed = [first, *writers.ids_until_ended()]
    assert len(timed) == 3
    assert set(timed) <= {o.id for o in Repo(writers.db).snapshot().observations("c1")}
    return max(0.03, 2.5 * first_write)


@pytest.mark.parametrize("part", range(PARTS))
def test_a_writer_killed_at_random_moments_never_breaks_the_file(db_path: Path, part: int) -> None:
    """KILLS kills in all, in PARTS parts."""
    rng = random.Random(20171124 + part)
    confirmed: set[str] = set()
    deadline = time.monotonic() + 240
    kills = 0
    half_written = 0
    writers = Writers(db_path)
    window = kill_window(writers)
    while kills < KILLS // PARTS and time.monotonic() < deadline:
        pid = writers.start(f"k{kills}")
        time.sleep(rng.uniform(0.0, window))
        os.kill(pid, signal.SIGKILL)
        kills += 1
        confirmed.update(writers.ids_until_ended())
        # The file always parses, and every write that returned is in it.
        tables = orjson.loads(db_path.read_bytes()) if db_path.exists() else {}
        stored = {doc["id"] for doc in tables.get("observations", {}).values()}
        assert confirmed <= stored
        half_written += len(list(db_path.parent.glob(".*.tmp")))
    writers.close()
    assert kills == KILLS // PARTS
    assert confirmed, "the writers never got a write in before being killed"
    # The next open clears whatever a killed writer left half-written.
    Repo(db_path).add_observation(observation("after-the-kills"))
    assert not list(db_path.parent.glob(".*.tmp"))
    print(
        f"{kills} kills, {len(confirmed)} confirmed writes, all present; "
        f"{half_written} kills left a half-written temp file, swept by the next open"
    )
