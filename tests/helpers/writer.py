"""A real writer process for the store tests.

    python -m tests.helpers.writer DB COHORT TAG COUNT

appends COUNT observations (COUNT 0: until killed) and prints each id after its write returned.

    python -m tests.helpers.writer serve DB COHORT

starts writers on demand: for each line "TAG COUNT" read on stdin it forks a writer (a process
of its own, with lp_tui already imported: a kill test starts hundreds) that prints "ready PID",
then each id as above; once that writer has ended (or been killed) the server prints "ended".
"""

from __future__ import annotations

import os
import sys
import traceback

# The store imports its lock library at the first write: imported here, "ready" means a write
# can start at once, so the kills land across whole writes as they did before.
import filelock  # noqa: F401

from lp_tui.domain.clock import SystemClock, iso
from lp_tui.domain.model import Observation, new_id
from lp_tui.store.repo import Repo
from lp_tui.store.validate import _kinds


def say(line: str) -> None:
    """One line on stdout in one write: a kill lands before it or after it, never inside it.
    (``print`` writes a line's text and its newline apart where stdout is unbuffered, as under
    PYTHONUNBUFFERED: a writer killed between the two left an id with no newline, the server's
    "ended" was read on the end of that line, and the test waited for an end already read.)"""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def main(db: str, cohort: str, tag: str, count: str) -> None:
    repo = Repo(db)
    clock = SystemClock()
    limit = int(count)
    say(f"ready {os.getpid()}")
    written = 0
    while limit == 0 or written < limit:
        observation = Observation(
            id=new_id(),
            cohort=cohort,
            day=2,
            by=f"coach-{tag}",
            about="someone",
            behaviour="Listens before speaking",
            note=f"{tag}-{written}",
            at=iso(clock.now()),
        )
        repo.add_observation(observation)
        say(observation.id)
        written += 1


def serve(db: str, cohort: str) -> None:
    # One read first: what a store's first read imports and builds (the records' modules, the
    # checks of the tables the file holds) is then done once here, not in every writer before
    # its first write; the observations' checks too, though the file holds none yet.
    Repo(db).snapshot()
    _kinds()["observations"]
    for line in sys.stdin:
        tag, count = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the writer: its own process, killed or done, never back in this loop
            code = 0
            try:
                main(db, cohort, tag, count)
            except BaseException:
                traceback.print_exc()  # on the test's stderr, as a writer of its own would
                code = 1
            finally:
                os._exit(code)
        os.waitpid(pid, 0)
        say("ended")


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(*sys.argv[2:])
    else:
        main(*sys.argv[1:])
