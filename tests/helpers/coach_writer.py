"""A real coach process for the concurrency test: appends COUNT observations about its table.

python -m tests.helpers.coach_writer DB COHORT COACH_ID MEMBER_IDS(comma) COUNT
"""

from __future__ import annotations

import sys

from lp_tui.domain.clock import SystemClock, iso
from lp_tui.domain.model import Observation, new_id
from lp_tui.store.repo import Repo


def main(db: str, cohort: str, coach: str, members: str, count: str) -> None:
    repo = Repo(db)
    people = members.split(",")
    print("ready", flush=True)
    for n in range(int(count)):
        repo.add_observation(
            Observation(
                id=new_id(),
                cohort=cohort,
                day=2,
                by=coach,
                about=people[n % len(people)],
                behaviour="Builds on the ideas of others",
                note=f"{coach[:6]}-{n}",
                at=iso(SystemClock().now()),
            )
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
