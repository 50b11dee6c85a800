"""The follow-up screen's calls as work: A spreads callers, attempts and overdue calls show."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.followup_work import latest_assignments
from lp_tui.domain.model import CallAttempt, CallerAssignment, Outcome, Role, new_id
from lp_tui.domain.seating import participants
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.screens.followup import FollowUpScreen
from tests.app.conftest import SIZE, steady, wait_until

# Three weeks after the demo's calls fell due (its last day 2018-01-16, due 2018-02-13)
LATER = datetime(2018, 3, 6, 10, 0, tzinfo=UTC)


def summary(app) -> str:
    return str(app.screen.query_one("#followup-summary").render())


def cells(app, person_id: str) -> list[str]:
    table = app.screen.query_one("#followup-people")
    return [str(c) for c in table.get_row(person_id)]


@pytest.fixture
def later_app(repo, demo, programme, clock) -> FacilitatorApp:
    clock.moment = LATER
    cohort, _ = demo
    return FacilitatorApp(repo, cohort.id, programme, clock=clock, tz=UTC, poll_seconds=0.1)


@pytest.fixture
def cast(demo):
    cohort, people = demo
    opted = [p for p in participants(people) if p.followup_call]
    who = sorted(
        (p for p in people if p.role in (Role.COACH, Role.FACILITATOR)), key=lambda p: p.name
    )
    return cohort, opted, who


async def test_spread_gives_everyone_who_opted_in_a_caller_evenly(app, repo, cast) -> None:
    cohort, opted, who = cast
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("u")
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("A")
        await wait_until(pilot, lambda: repo.snapshot().caller_assignments(cohort.id))
        made = repo.snapshot().caller_assignments(cohort.id)
        assert sorted(a.person for a in made) == sorted(p.id for p in opted)
        counts = Counter(a.caller for a in made)
        per_caller = [counts[p.id] for p in who]
        assert max(per_caller) - min(per_caller) <= 1
        assert all(a.due == "" for a in made)  # the default: four weeks after the last day
        await wait_until(pilot, lambda: f"{len(opted)} with a caller" in summary(app))
        first = cells(app, opted[0].id)
        caller = next(p for p in who if p.id == latest_assignments(made)[opted[0].id].caller)
        assert first[2] == caller.name and first[3] == "2018-02-13"
        # again: nobody is left without a caller, nothing more is written
        app.clear_notifications()
        await pilot.press("A")
        await pilot.pause()
        assert any("has a caller already" in n.message for n in app._notifications)
        assert len(repo.snapshot().caller_assignments(cohort.id)) == len(opted)


async def test_spread_keeps_a_caller_chosen_by_hand(app, repo, cast, clock) -> None:
    cohort, opted, who = cast
    chosen = CallerAssignment(new_id(), cohort.id, opted[0].id, who[-1].id, "", iso(clock.now()))
    repo.add_caller_assignments(chosen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u", "A")
        await wait_until(
            pilot, lambda: len(repo.snapshot().caller_assignments(cohort.id)) == len(opted)
        )
        standing = latest_assignments(repo.snapshot().caller_assignments(cohort.id))
        assert standing[opted[0].id] == chosen
        counts = Counter(a.caller for a in standing.values())
        assert max(counts[p.id] for p in who) - min(counts[p.id] for p in who) <= 1


async def test_overdue_calls_stand_out_and_a_call_made_is_counted(later_app, repo, cast) -> None:
    cohort, opted, who = cast
    moment = iso(LATER)
    repo.add_call_attempt(
        CallAttempt(
            new_id(), cohort.id, opted[0].id, who[0].id, "2018-02-20", 20,
            Outcome.HAPPENED, "", moment,
        )
    )  # fmt: skip
    repo.add_call_attempt(
        CallAttempt(
            new_id(), cohort.id, opted[1].id, who[0].id, "2018-02-20", None,
            Outcome.NO_ANSWER, "", moment,
        )
    )  # fmt: skip
    app = later_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        await pilot.pause()
        made, missed = cells(app, opted[0].id), cells(app, opted[1].id)
        assert made[1] == "opted in" and made[4:7] == ["happened", "1", "✔ yes"]
        assert missed[1] == "overdue" and missed[4:6] == ["no-answer", "1"]
        overdue_cell = app.screen.query_one("#followup-people").get_row(opted[1].id)[1]
        assert "red" in str(overdue_cell.style)
        assert "\n  1 followed through" in summary(app)
        assert f"{len(opted) - 1} overdue" in summary(app)


def _calls_under_way(repo, cohort, opted, who, clock) -> None:
    """Callers for the first ten who opted in, an attempt or two for four of them."""
    for index, person in enumerate(opted[:10]):
        due = "2018-03-20" if index == 3 else ""
        repo.add_caller_assignments(
            CallerAssignment(
                new_id(), cohort.id, person.id, who[index % 3].id, due, iso(clock.now())
            )
        )
    for index, (outcome, on) in enumerate(
        [
            (Outcome.HAPPENED, "2018-02-14"),
            (Outcome.NO_ANSWER, "2018-02-15"),
            (Outcome.DECLINED, "2018-02-16"),
            (Outcome.RESCHEDULED, "2018-02-17"),
        ]
    ):
        repo.add_call_attempt(
            CallAttempt(
                new_id(), cohort.id, opted[index].id, who[index % 3].id, on, 15, outcome, "",
                iso(clock.now()),
            )
        )  # fmt: skip


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_follow_up_calls(later_app, repo, cast, clock, snap_compare, size) -> None:
    cohort, opted, who = cast
    _calls_under_way(repo, cohort, opted, who, clock)

    async def run_before(pilot) -> None:
        await pilot.press("u")
        await steady(pilot)

    assert snap_compare(later_app, terminal_size=size, run_before=run_before)
