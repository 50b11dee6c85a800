from __future__ import annotations

from datetime import UTC

import pytest

from lp_tui.domain.seating import allocate_day
from lp_tui.ui.coach import CoachApp
from tests.app.conftest import SIZE, steady
from tests.app.test_tables_screens import wait_until


@pytest.fixture
def seated(repo, demo, clock):
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import Seating, new_id

    cohort, people = demo
    allocation, how = allocate_day(people, {}, [], [], 2, seed=1)
    repo.add_seating(Seating(new_id(), cohort.id, 2, iso(clock.now()), how, allocation.tables, 1))
    return allocation


@pytest.fixture
def coach_app(repo, demo, programme, clock, seated) -> CoachApp:
    cohort, _ = demo
    table = seated.tables[2]
    return CoachApp(
        repo, cohort.id, programme, clock=clock, tz=UTC, poll_seconds=0.1, coach_id=table.coach
    )


async def test_the_coach_sees_only_their_table(coach_app, demo, seated) -> None:
    names = {p.id: p.name for p in demo[1]}
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = str(coach_app.screen.query_one("#coach-table").render())
        for member in seated.tables[2].members:
            assert names[member] in text
        for table in seated.tables:
            if table.number != 3:
                assert not any(names[m] in text for m in table.members)


async def test_an_observation_in_a_few_keystrokes(coach_app, repo, demo, seated) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press(*"Listens before speaking", "enter", *"let Owen finish", "enter")
        await wait_until(pilot, lambda: repo.snapshot().observations(demo[0].id, 2))
        [observation] = repo.snapshot().observations(demo[0].id, 2)
        assert observation.about == seated.tables[2].members[1]
        assert observation.by == seated.tables[2].coach
        await wait_until(
            pilot,
            lambda: (
                "Listens before speaking"
                in str(coach_app.screen.query_one("#coach-recent").render())
            ),
        )


async def test_a_number_beyond_the_table_does_nothing(coach_app) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        assert coach_app.screen.__class__.__name__ == "CoachScreen"


def test_snapshot_coach_view(coach_app, snap_compare) -> None:
    assert snap_compare(coach_app, terminal_size=SIZE, run_before=steady)
