"""A real writer process for the store tests.

    python -m tests.helpers.writer DB COHORT TAG COUNT

appends COUNT observations (COUNT 0: until killed) and prints each id after its write returned.
"""

from __future__ import annotations

import sys

# The store imports its lock library at the first write: imported here, "ready" means a write
# can start at once, so the kills land across whole writes as they did before.
import filelock  # noqa: F401

from lp_tui.domain.clock import SystemClock, iso
from lp_tui.domain.model import Observation, new_id
from lp_tui.store.repo import Repo


def main(db: str, cohort: str, tag: str, count: str) -> None:
    repo = Repo(db)
    clock = SystemClock()
    limit = int(count)
    print("ready", flush=True)
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
        print(observation.id, flush=True)
        written += 1


if __name__ == "__main__":
    main(*sys.argv[1:])
