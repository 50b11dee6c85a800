from __future__ import annotations

from textual.widgets import Checkbox, Input

from lp_tui.domain.followup import Stage
from lp_tui.ui.screens.followup import FollowUpScreen
from tests.app.conftest import SIZE, steady
from tests.app.test_tables_screens import wait_until


def summary(app) -> str:
    return str(app.screen.query_one("#followup-summary").render())


async def test_it_opens_with_the_rosters_opt_ins(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        assert isinstance(app.screen, FollowUpScreen)
        assert "23 of 40 opted in" in summary(app)
        assert "0 followed through" in summary(app)


async def test_a_call_made_is_counted(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        rows = app.screen.rows
        first_opted = next(i for i, r in enumerate(rows) if r.opted_in)
        for _ in range(first_opted):
            await pilot.press("down")
        await pilot.press("h")
        await wait_until(pilot, lambda: "1 followed through" in summary(app))


async def test_a_three_month_report(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u", "3")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#met", Checkbox).value = True
        dialog.query_one("#meeting", Checkbox).value = True
        dialog.query_one("#new_role", Checkbox).value = True
        dialog.query_one("#quote", Input).value = "I have spoken up on behalf of patients"
        await pilot.click("#impact-save")
        await wait_until(pilot, lambda: repo.snapshot().impact_reports(app.cohort_id))
        [report] = repo.snapshot().impact_reports(app.cohort_id)
        assert report.stage is Stage.THREE_MONTHS and report.attended_meeting
        await wait_until(pilot, lambda: "1 came to the follow-up meeting" in summary(app))
        assert "1 × new role" in summary(app)


def test_snapshot_follow_up_summary(app, repo, demo, clock, snap_compare) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.followup import FollowUpCall, ImpactKind, ImpactReport
    from lp_tui.domain.model import new_id
    from lp_tui.domain.seating import participants

    cohort, people = demo
    everyone = participants(people)
    opted = [p for p in everyone if p.followup_call]
    for index, person in enumerate(opted):
        repo.add_followup_call(
            FollowUpCall(new_id(), cohort.id, person.id, iso(clock.now()), True, index < 19)
        )
    quotes = [
        "The setting up of a patient awareness group at the local GP",
        "I have spoken up on behalf of patients and the public so many times in meetings",
    ]
    for index, person in enumerate(everyone[:12]):
        repo.add_impact_report(
            ImpactReport(
                new_id(),
                cohort.id,
                person.id,
                Stage.ONE_MONTH,
                iso(clock.now()),
                True,
                True,
                quotes[index] if index < 2 else "",
                (ImpactKind.CONFIDENCE,) if index % 2 else (),
            )
        )
    for index, person in enumerate(everyone[:7]):
        repo.add_impact_report(
            ImpactReport(
                new_id(),
                cohort.id,
                person.id,
                Stage.THREE_MONTHS,
                iso(clock.now()),
                True,
                True,
                "",
                (ImpactKind.NEW_ROLE, ImpactKind.SPREADING_LEARNING)
                if index < 3
                else (ImpactKind.NEW_SECTOR,),
                attended_meeting=True,
            )
        )

    async def run_before(pilot) -> None:
        await pilot.press("u")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
