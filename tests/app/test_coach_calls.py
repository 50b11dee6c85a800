"""A coach's own follow-up calls in coach mode (``c``): only their people, each person's
feedback sheet at hand (no other participant named), and a call recorded in a few keys."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from datetime import timedelta

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.model import (
    CallAttempt,
    CallerAssignment,
    Outcome,
    PeerFeedback,
    Person,
    Role,
    new_id,
)
from lp_tui.export.sheet_files import ANOTHER
from lp_tui.ui.coach import CoachApp
from lp_tui.ui.screens.coach_calls import CoachCalls
from lp_tui.ui.screens.form_dialog import FormDialog
from lp_tui.ui.screens.sheet_view import SheetView
from lp_tui.ui.widgets.row_table import RowTable
from tests.app.conftest import SIZE, steady, type_keys, wait_until
from tests.app.test_write_faults import banner_text
from tests.helpers.faults import DiskFault

SIZES = [(80, 24), (120, 40)]


@dataclass
class Calls:
    mine: list[Person]  # assigned to the app's coach, in roster order
    theirs: list[Person]  # assigned to another coach
    peer: Person  # gave peer feedback to mine[0], at mine[0]'s table


@pytest.fixture
def calls(repo, demo, seated, clock) -> Calls:
    """Three opted-in people (one off the coach's own table) for the coach of table 3, three
    for the coach of table 1; the first has an attempt and a peer's words, the second is
    overdue."""
    cohort, people = demo
    me, other = seated.tables[2].coach, seated.tables[0].coach
    opted = [p for p in people if p.role is Role.PARTICIPANT and p.followup_call]
    off_table = [p for p in opted if p.id not in seated.tables[2].members]
    mine = off_table[:3]
    theirs = [p for p in opted if p not in mine][:3]
    at = iso(clock.now())
    yesterday = (clock.now() - timedelta(days=1)).date().isoformat()
    repo.add_caller_assignments(
        *(
            CallerAssignment(new_id(), cohort.id, p.id, me, yesterday if i == 1 else "", at)
            for i, p in enumerate(mine)
        ),
        *(CallerAssignment(new_id(), cohort.id, p.id, other, "", at) for p in theirs),
    )
    repo.add_call_attempt(
        CallAttempt(new_id(), cohort.id, mine[0].id, me, "2017-11-24", 5, Outcome.NO_ANSWER, "", at)
    )
    table = next(t for t in seated.tables if mine[0].id in t.members)
    by_id = {p.id: p for p in people}
    peer = by_id[next(m for m in table.members if m != mine[0].id)]
    repo.add_peer_feedback(
        PeerFeedback(
            new_id(), cohort.id, 2, table.coach, peer.id, mine[0].id, "Listens", at, "so clear", 1
        )
    )
    return Calls(mine, theirs, peer)


def rows_text(app: CoachApp) -> str:
    table = app.screen.query_one("#calls-table", RowTable)
    return "\n".join(" | ".join(map(str, table.get_row_at(i))) for i in range(table.row_count))


async def test_the_list_holds_only_this_coachs_people(coach_app, calls) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(coach_app.screen, CoachCalls)
        text = rows_text(coach_app)
        lines = text.splitlines()
        assert [line.split(" | ")[0] for line in lines] == [p.name for p in calls.mine]
        assert not [p.name for p in calls.theirs if p.name in text]
        assert "no-answer" in lines[0] and lines[0].split(" | ")[2] == "1"
        assert "OVERDUE" in lines[1] and "OVERDUE" not in lines[0] + lines[2]
        await pilot.press("escape")
        await pilot.pause()
        assert coach_app.screen.__class__.__name__ == "CoachScreen"


async def test_the_sheet_names_no_other_participant(coach_app, calls) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(coach_app.screen, SheetView)
        sheet = coach_app.screen.markdown
        assert calls.mine[0].name in sheet and "so clear" in sheet
        assert calls.peer.name not in sheet and ANOTHER in sheet


async def test_recording_a_call_stores_one_attempt_by_this_coach(
    coach_app, calls, repo, demo
) -> None:
    cohort, _ = demo
    before = repo.snapshot().call_attempts(cohort.id)
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("down", "r")
        await pilot.pause()
        assert isinstance(coach_app.screen, FormDialog)
        await pilot.press("h", "enter", "2", "5", "enter")
        await type_keys(pilot, *"chairing a panel", "enter")
        await wait_until(
            pilot, lambda: len(repo.snapshot().call_attempts(cohort.id)) == len(before) + 1
        )
        [made] = [a for a in repo.snapshot().call_attempts(cohort.id) if a not in before]
        assert (made.person, made.caller) == (calls.mine[1].id, coach_app.coach_id)
        assert (made.outcome, made.minutes, made.note) == (Outcome.HAPPENED, 25, "chairing a panel")
        assert made.on == coach_app.clock.now().date().isoformat()
        await wait_until(pilot, lambda: "happened" in rows_text(coach_app).splitlines()[1])
        assert "OVERDUE" not in rows_text(coach_app).splitlines()[1]


async def test_a_wrong_outcome_key_saves_nothing(coach_app, calls, repo, demo) -> None:
    cohort, _ = demo
    before = len(repo.snapshot().call_attempts(cohort.id))
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "r")
        await pilot.pause()
        await pilot.press("x", "enter")
        await pilot.pause()
        assert isinstance(coach_app.screen, FormDialog)
        assert "Outcome: one of" in str(coach_app.screen.query_one("#form-problem").render())
        await pilot.press("escape")
        await pilot.pause()
    assert len(repo.snapshot().call_attempts(cohort.id)) == before


async def test_a_coach_with_no_calls_is_told_so(coach_app) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        title = str(coach_app.screen.query_one("#calls-title").render())
        assert "none assigned to you" in title
        offered = {b.binding.key for b in coach_app.screen.active_bindings.values() if b.enabled}
        assert not offered & {"r", "f"}  # nothing to record a call of, or show the sheet of
        await pilot.press("r", "f")
        await pilot.pause()
        assert isinstance(coach_app.screen, CoachCalls)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_snapshot_coach_calls(coach_app, calls, snap_compare, size) -> None:
    async def opened(pilot) -> None:
        await pilot.press("c")
        await steady(pilot)

    assert snap_compare(coach_app, terminal_size=size, run_before=opened)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_snapshot_record_a_call(coach_app, calls, snap_compare, size) -> None:
    async def opened(pilot) -> None:
        await pilot.press("c", "r")
        await pilot.pause()
        await pilot.press("h", "enter", "2", "0", "enter")
        await type_keys(pilot, *"talked about chairing")
        await steady(pilot)

    assert snap_compare(coach_app, terminal_size=size, run_before=opened)


async def test_a_call_waits_under_the_banner_through_a_fault_and_lands_once(
    coach_app, calls, repo, demo, db_path, monkeypatch
) -> None:
    cohort, _ = demo
    before = len(repo.snapshot().call_attempts(cohort.id))
    async with coach_app.run_test(size=SIZE) as pilot:
        fault = DiskFault(monkeypatch, db_path.parent, code=errno.ENOSPC)
        await pilot.press("c", "r")
        await pilot.pause()
        await pilot.press("d", "enter", "enter")
        await type_keys(pilot, *"not now, thanks", "enter")
        await wait_until(pilot, lambda: coach_app.unsaved == 1)
        assert "not now, thanks" in banner_text(coach_app)
        assert len(repo.snapshot().call_attempts(cohort.id)) == before
        fault.clear()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not coach_app.unsaved)
    made = repo.snapshot().call_attempts(cohort.id)[before:]
    assert [(a.outcome, a.note, a.caller) for a in made] == [
        (Outcome.DECLINED, "not now, thanks", coach_app.coach_id)
    ]
