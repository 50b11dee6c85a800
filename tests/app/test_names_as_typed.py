"""Names are whatever people are called: "Jo [/x] Bloggs" or "[b]Ann[/b]" must show as typed on
every screen and in every dialog, never be taken as markup (which would crash the screen)."""

from __future__ import annotations

from datetime import UTC

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.demo_day import demo_activity
from lp_tui.domain.model import Person, Role, new_id
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.coach import CoachApp
from tests.app.conftest import SIZE, type_keys, wait_until

MODES = ["tables", "rotations", "evaluation", "behaviours", "feedback", "followup", "checkin"]
ODD = ["Jo [/x] Bloggs", "[b]Ann[/b] Smith", "Kim [link=http://x]K[/link]"]


def seed(repo, demo, programme):
    cohort, people = demo
    odd = [Person(new_id(), cohort.id, name) for name in ODD]
    coach = Person(new_id(), cohort.id, "Dr [/] Coach", role=Role.COACH)
    repo.add_people(cohort.id, [*odd, coach])
    everyone = [*people, *odd, coach]
    repo.add_activity(demo_activity(cohort, everyone, programme, days=(2,)))
    return everyone


@pytest.mark.long
async def test_every_screen_shows_odd_names_as_typed(repo, demo, programme, clock) -> None:
    seed(repo, demo, programme)
    app = FacilitatorApp(repo, demo[0].id, programme, clock=clock, tz=UTC, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        for key, mode in zip("trevfuc", MODES, strict=True):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode
            if mode == "feedback":
                await pilot.press("s")  # its counts per participant
            if mode == "tables":  # move someone: the dialog lists the tables and coaches
                await pilot.press("m")
                await pilot.pause()
                await pilot.press("escape")
            if mode == "rotations":  # a presenter's comment: the dialog lists presenters
                await pilot.press("o")
                await pilot.pause()
                await type_keys(pilot, *"Ann", "escape")
        app.switch_mode("people")
        await pilot.pause()
        assert app.current_mode == "people"
        await type_keys(pilot, *"Jo [")
        await pilot.pause()
        assert app.screen.query_one("#people").row_count == 1
        app.notify("Saved: Jo [/x] Bloggs")
        app.screen.notify("Jo [/x] Bloggs is at table 2")  # a screen's toast, too
        await pilot.pause()
        shown = [str(note.message) for note in app._notifications]
        assert shown[-2:] == ["Saved: Jo [/x] Bloggs", "Jo [/x] Bloggs is at table 2"]
        assert all(not note.markup for note in app._notifications)


async def test_the_coach_view_and_its_dialogs_with_odd_names(repo, demo, programme, clock) -> None:
    everyone = seed(repo, demo, programme)
    seating = repo.snapshot().seatings(demo[0].id)[-1]
    names = {p.id: p.name for p in everyone}
    table = next(t for t in seating.tables if any(names[m] in ODD for m in t.members))
    app = CoachApp(
        repo, demo[0].id, programme, clock=clock, tz=UTC, poll_seconds=0.1, coach_id=table.coach
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#coach-table").render())
        for member in table.members:
            assert names[member] in shown
        index = next(i for i, m in enumerate(table.members, 1) if names[m] in ODD)
        await pilot.press(str(index), "1", "enter", "enter")
        await wait_until(pilot, lambda: app.screen.query_one("#coach-recent").row_count > 0)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("n", "p")
        await pilot.pause()
        await pilot.press("escape")
        assert iso(clock.now())
