from __future__ import annotations

from textual.widgets import DataTable, Input

from lp_tui.domain.model import AttendanceStatus
from lp_tui.domain.timers import EventKind
from lp_tui.ui.screens.rotations import RotationsScreen
from tests.app.conftest import SIZE, steady
from tests.app.test_tables_screens import wait_until


def status(app) -> str:
    return str(app.screen.query_one("#rotation-status").render())


async def plan_it(pilot, app, repo) -> None:
    await pilot.press("r")
    assert isinstance(app.screen, RotationsScreen)
    await pilot.press("P")
    await wait_until(pilot, lambda: repo.snapshot().rotations(app.cohort_id, 2))


async def test_plan_shows_the_grid(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        grid = app.screen.query_one("#rotation-grid", DataTable)
        assert grid.row_count == 2
        assert len(grid.columns) == 8  # round + 7 tables
        assert "NOT STARTED" in status(app)


async def test_rounds_follow_the_agenda_item_and_say_move_now(app, repo, clock, log_agenda) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        clock.advance(10 * 60)
        await pilot.pause(0.4)
        assert "▶ ROUND 1 of 2" in status(app) and "22:30 left" in status(app)
        clock.advance(23 * 60)
        await pilot.pause(0.4)
        assert "⇄ MOVE NOW" in status(app)
        assert app.screen.query_one("#rotation-now").has_class("-move")
        clock.advance(5 * 60)
        await pilot.pause(0.4)
        assert "▶ ROUND 2 of 2" in status(app)


async def test_a_drop_out_replans_with_only_their_visits_changed(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        [first] = repo.snapshot().rotations(app.cohort_id, 2)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"novak", "enter")
        await wait_until(pilot, lambda: len(repo.snapshot().rotations(app.cohort_id, 2)) == 2)
        second = repo.snapshot().rotations(app.cohort_id, 2)[-1]
        assert second.how == "replan"
        novak = next(p.id for p in demo[1] if p.name == "Dr Ellie Novak")
        index = second.presenters.index(novak)
        assert all(v.presenter != index for v in second.visits)
        changed = set(first.visits) ^ set(second.visits)
        assert all(
            v.presenter == index or v not in first.visits for v in changed
        )  # only Novak's visits left; only their replacements arrived
        marks = repo.snapshot().attendance(app.cohort_id, 2)
        assert marks[novak] is AttendanceStatus.ABSENT


async def test_feedback_on_a_visit(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"Asked about consent", "enter", *"Clear slides", "enter")
        await wait_until(pilot, lambda: len(repo.snapshot().presenter_feedback(app.cohort_id)) == 2)
        kinds = sorted(f.kind for f in repo.snapshot().presenter_feedback(app.cohort_id))
        assert kinds == ["coach", "table"]
        assert "✎" in str(app.screen.query_one("#rotation-grid", DataTable).get_row_at(0)[1])


async def test_a_presenters_own_comment(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*"blake", "enter")
        await pilot.pause()
        app.screen.query_one(
            Input
        ).value = "It helped us see the project from a patient perspective"
        await pilot.press("enter")
        await wait_until(pilot, lambda: repo.snapshot().presenter_feedback(app.cohort_id))
        [comment] = repo.snapshot().presenter_feedback(app.cohort_id)
        assert comment.kind == "presenter" and "patient perspective" in comment.text


def test_snapshot_rotations_round_one(app, repo, clock, log_agenda, snap_compare) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))

    async def run_before(pilot) -> None:
        await plan_it(pilot, app, repo)
        clock.advance(12 * 60)
        await pilot.pause(0.4)
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_rotations_mid_rotation_with_a_drop_out(
    app, repo, clock, log_agenda, snap_compare
) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))

    async def run_before(pilot) -> None:
        await plan_it(pilot, app, repo)
        clock.advance(34 * 60)  # in the changeover before round 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"qureshi", "enter")
        await wait_until(pilot, lambda: len(repo.snapshot().rotations(app.cohort_id, 2)) == 2)
        await pilot.pause(0.4)
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
