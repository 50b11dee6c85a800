from __future__ import annotations

import dataclasses
from datetime import UTC

import pytest
from textual.widgets import DataTable, Input, OptionList

from lp_tui.domain.clock import iso
from lp_tui.domain.model import AttendanceStatus, RotationPlan, Seating, new_id
from lp_tui.domain.rotation_change import Choice, Timing, late_effects
from lp_tui.domain.seating import allocate_day
from lp_tui.domain.timers import EventKind
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.form_dialog import FormDialog
from lp_tui.ui.screens.rotation_effect import RotationEffectDialog
from lp_tui.ui.screens.rotations import RotationsScreen
from lp_tui.ui.screens.tables_dialogs import ChoosePerson
from tests.app.conftest import (
    SIZE,
    footer_keys,
    steady,
    type_keys,
    wait_for_message,
    wait_stored,
    wait_until,
)


def status(app) -> str:
    return str(app.screen.query_one("#rotation-status").render())


async def plan_it(pilot, app, repo) -> None:
    await pilot.press("r")
    assert isinstance(app.screen, RotationsScreen)
    await pilot.press("P")
    await wait_stored(pilot, lambda: repo.snapshot().rotations(app.cohort_id, 2))


async def test_plan_shows_the_grid(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        grid = app.screen.query_one("#rotation-grid", DataTable)
        assert grid.row_count == 2
        assert len(grid.columns) == 8  # round + 7 tables
        assert "NOT STARTED" in status(app)


@pytest.mark.parametrize("answer", ["n", "y"])
async def test_planning_again_asks_first_and_says_a_round_under_way_changes(
    app, repo, clock, log_agenda, answer
) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        clock.advance(10 * 60)  # round 1 under way
        await pilot.press("P")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        said = " ".join(str(w.render()) for w in app.screen.query("Label, Static"))
        assert "Plan the rotation again?" in said and "any in progress too" in said
        await pilot.press(answer)
        await wait_until(pilot, lambda: isinstance(app.screen, RotationsScreen))
        await pilot.pause()
        stored = repo.snapshot().rotations(app.cohort_id, 2)
        assert len(stored) == (2 if answer == "y" else 1)


async def test_a_yes_given_after_the_rotation_changed_plans_nothing(app, repo) -> None:
    """The question was asked of one plan; answered once another stands, nothing is planned."""
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        screen = app.screen
        await pilot.press("P")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        screen.plan = dataclasses.replace(screen.plan, id="planned-meanwhile")
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.pause(0.3)
        assert len(stored_plans(app, repo)) == 1
        assert "changed while you were asked" in " ".join(
            str(n.message) for n in app._notifications
        )


async def test_tables_allocated_again_after_the_plan_are_said(app, repo, demo, clock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        [plan] = repo.snapshot().rotations(app.cohort_id, 2)
        assert len(plan.tables) == 7
        fewer = allocate_day(demo[1][:30], {}, [], [], 2, seed=3)[0].tables
        repo.add_seating(Seating(new_id(), demo[0].id, 2, iso(clock.now()), "allocate", fewer, 1))
        title = app.screen.query_one("#rotation-title")
        await wait_until(pilot, lambda: "⚠" in str(title.render()))
        assert str(title.render()) == (
            "⚠ The tables changed after this plan (tables 6 and 7 gone): P plans it again"
        )


async def test_rounds_follow_the_agenda_item_and_say_move_now(app, repo, clock, log_agenda) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        # each change shows at the screen's next tick (4 a second; later on a loaded machine)
        clock.advance(10 * 60)
        await wait_until(pilot, lambda: "22:30 left" in status(app))
        assert "▶ ROUND 1 of 2" in status(app)
        clock.advance(23 * 60)
        await wait_until(pilot, lambda: "⇄ MOVE NOW" in status(app))
        assert app.screen.query_one("#rotation-now").has_class("-move")
        clock.advance(5 * 60)
        await wait_until(pilot, lambda: "▶ ROUND 2 of 2" in status(app))


async def choose(pilot, app, key: str) -> None:
    """In the effect dialog, highlight the option ``key`` and apply it with enter."""
    await wait_until(pilot, lambda: isinstance(app.screen, RotationEffectDialog))
    options = app.screen.query_one("#effect-choices", OptionList)
    keys = [options.get_option_at_index(i).id for i in range(options.option_count)]
    options.highlighted = keys.index(key)
    await pilot.press("enter")
    await pilot.pause()


def person_named(demo, name: str) -> str:
    return next(p.id for p in demo[1] if p.name == name)


def surname_of(demo, person_id: str) -> str:
    """What to type to choose a presenter: their surname, in lower case."""
    return next(p.name for p in demo[1] if p.id == person_id).split()[-1].lower()


async def mark_presenter(pilot, key: str, typed: str) -> None:
    """Press ``key`` (l late, d dropped out, h here) and choose the presenter ``typed``."""
    await pilot.press(key)
    await pilot.pause()
    await type_keys(pilot, *typed, "enter")


def stored_plans(app, repo) -> list[RotationPlan]:
    return repo.snapshot().rotations(app.cohort_id, 2)


async def test_a_re_plan_leaves_out_a_presenter_the_screen_has_marked_late(app, repo, demo) -> None:
    """The newcomer's case on the screen: the presenter a re-plan would give a late one's round-1
    visit to is marked late first (no visit of theirs in round 1: nothing changes); then the
    re-plan gives it to someone else."""
    names = {p.id: p.name for p in demo[1]}
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        [first] = stored_plans(app, repo)
        taker, busy = takes_a_round_1_visit(first)
        await mark_presenter(pilot, "l", names[taker])
        await wait_until(pilot, lambda: repo.snapshot().attendance(app.cohort_id, 2).get(taker))
        assert len(stored_plans(app, repo)) == 1  # no visit of theirs in round 1
        await mark_presenter(pilot, "l", names[busy])
        await choose(pilot, app, Choice.EXTEND.value)
        await wait_until(pilot, lambda: len(stored_plans(app, repo)) == 2)
        second = stored_plans(app, repo)[-1]
        given = set(second.visits) - set(first.visits)
        assert given
        assert all(v.round != 1 or second.presenters[v.presenter] != taker for v in given)


def takes_a_round_1_visit(first: RotationPlan) -> tuple[str, str]:
    """A presenter free in round 1 (taker) to whom a re-plan, with nobody else away, gives the
    round-1 visit of another (busy) who is late."""
    timing = Timing(70 * 60, 300)
    for v in sorted(first.visits):
        if v.round != 1:
            continue
        busy = first.presenters[v.presenter]
        effects = {e.choice: e for e in late_effects(first, busy, timing, plan_id="x", at="t")}
        if Choice.EXTEND not in effects:
            continue
        new = set(effects[Choice.EXTEND].plan.visits) - set(first.visits)
        takers = [first.presenters[n.presenter] for n in sorted(new) if n.round == 1]
        if takers:
            return takers[0], busy
    raise AssertionError("no re-plan gives a round-1 visit to anyone")


def late_costs_a_round(first: RotationPlan) -> str:
    """A presenter whose lateness, today, would cost every table a third round."""
    timing = Timing(70 * 60, 300)
    return next(
        p
        for p in first.presenters
        if any(
            e.choice is Choice.SHORTEN for e in late_effects(first, p, timing, plan_id="x", at="t")
        )
    )


async def plan_then_choose_late(pilot, app, repo, demo, choice: str) -> tuple[RotationPlan, str]:
    """Plan the rotation, mark late the presenter whose lateness costs a round, apply
    ``choice`` in the dialog; the first plan and the presenter, once the change is stored."""
    await plan_it(pilot, app, repo)
    [first] = stored_plans(app, repo)
    late = late_costs_a_round(first)
    await mark_presenter(pilot, "l", surname_of(demo, late))
    await choose(pilot, app, choice)
    await wait_stored(pilot, lambda: len(stored_plans(app, repo)) == 2)  # then its longer item
    return first, late


async def test_late_and_drop_out_start_on_the_presenter_highlighted(app, repo, demo) -> None:
    """l or d over a visit in the grid opens on its presenter: enter alone chooses them."""
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        await pilot.press("right")  # a visit of round 1 at table 2
        await pilot.pause()
        _, _, presenter = app.screen._highlighted_visit()
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoosePerson))
        assert app.screen.picked == presenter
        await pilot.press("enter")
        await choose(pilot, app, "extend")
        await wait_until(pilot, lambda: len(stored_plans(app, repo)) == 2)
        assert stored_plans(app, repo)[-1].person == presenter


async def test_a_drop_out_replans_with_only_their_visits_changed(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        [first] = stored_plans(app, repo)
        await mark_presenter(pilot, "d", "novak")
        await choose(pilot, app, "extend")
        await wait_until(pilot, lambda: len(stored_plans(app, repo)) == 2)
        second = stored_plans(app, repo)[-1]
        assert second.how == "drop" and second.replaces == first.id
        novak = person_named(demo, "Dr Ellie Novak")
        index = second.presenters.index(novak)
        assert all(v.presenter != index for v in second.visits)
        changed = set(first.visits) ^ set(second.visits)
        assert all(
            v.presenter == index or v not in first.visits for v in changed
        )  # only Novak's visits left; only their replacements arrived
        assert second.dropped_before(novak) == 1
        marks = repo.snapshot().attendance(app.cohort_id, 2)
        assert marks[novak] is AttendanceStatus.ABSENT
        assert "Novak, dropped out before round 1" in str(
            app.screen.query_one("#rotation-presenters").render()
        )


async def test_a_drop_out_nobody_replaces_names_the_tables_that_lose_a_visit(
    app, repo, demo
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        [first] = stored_plans(app, repo)
        novak = person_named(demo, "Dr Ellie Novak")
        index = first.presenters.index(novak)
        their_tables = sorted(
            first.tables[v.table - 1] for v in first.visits if v.presenter == index
        )
        await mark_presenter(pilot, "d", "novak")
        await wait_until(pilot, lambda: isinstance(app.screen, RotationEffectDialog))
        words = str(app.screen.query_one("#effect-choices", OptionList).get_option("miss").prompt)
        for table in their_tables:
            assert f"table {table} (1 fewer)" in words
        await choose(pilot, app, "miss")
        await wait_until(pilot, lambda: len(stored_plans(app, repo)) == 2)
        second = stored_plans(app, repo)[-1]
        assert set(second.visits) == {v for v in first.visits if v.presenter != index}
        assert second.rotation().rounds == first.rotation().rounds
        assert not repo.snapshot().agenda_events(app.cohort_id, 2)


async def test_late_then_keep_the_round_length_extends_the_item(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        first, late = await plan_then_choose_late(pilot, app, repo, demo, "extend")
        second = stored_plans(app, repo)[-1]
        assert second.how == "late" and second.rotation().rounds == first.rotation().rounds + 1
        [event] = repo.snapshot().agenda_events(app.cohort_id, 2)
        length = (70 * 60 - 300) / 2  # the programme's 70 minutes, 5 to move, 2 rounds
        assert event.kind is EventKind.EXTEND and event.item == "darzi-rotation"
        assert event.seconds == round(length + 300)  # one more round and its changeover
        assert repo.snapshot().attendance(app.cohort_id, 2)[late] is AttendanceStatus.LATE
        await wait_until(
            pilot, lambda: "3 rounds" in str(app.screen.query_one("#rotation-title").render())
        )
        assert app.screen.round.round_seconds == length  # rounds keep their length


async def test_late_then_shorten_keeps_the_item_and_shortens_the_rounds(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_then_choose_late(pilot, app, repo, demo, "shorten")
        assert stored_plans(app, repo)[-1].rotation().rounds == 3
        assert not repo.snapshot().agenda_events(app.cohort_id, 2)
        await wait_until(pilot, lambda: app.screen.round.round_seconds == (70 * 60 - 2 * 300) / 3)


async def test_late_then_miss_a_round_leaves_everyone_else_and_h_brings_them_back(
    app, repo, demo
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        first, late = await plan_then_choose_late(pilot, app, repo, demo, "miss")
        index = first.presenters.index(late)
        second = stored_plans(app, repo)[-1]
        assert {v for v in second.visits if v.presenter != index} == {
            v for v in first.visits if v.presenter != index
        }
        assert all(v.presenter != index for v in second.visits if v.round == 1)
        assert second.rotation().rounds == first.rotation().rounds
        # They arrive before the rotation starts: the original plan comes back.
        await mark_presenter(pilot, "h", surname_of(demo, late))
        await choose(pilot, app, "extend")
        await wait_until(pilot, lambda: len(stored_plans(app, repo)) == 3)
        third = stored_plans(app, repo)[-1]
        assert third.how == "arrived" and set(third.visits) == set(first.visits)
        assert repo.snapshot().attendance(app.cohort_id, 2)[late] is AttendanceStatus.PRESENT


async def test_an_arrival_too_late_for_their_round_says_so(
    app, repo, demo, clock, log_agenda
) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))
    async with app.run_test(size=SIZE) as pilot:
        first, late = await plan_then_choose_late(pilot, app, repo, demo, "miss")
        index = first.presenters.index(late)
        [missed] = [v for v in first.visits if v.presenter == index and v.round == 1]
        clock.advance(34 * 60)  # round 1 is over: the changeover before round 2
        app.screen.tick()  # the screen's next tick, now (a loaded machine ticks late)
        await pilot.pause()
        app.clear_notifications()
        await mark_presenter(pilot, "h", surname_of(demo, late))
        await wait_until(
            pilot,
            lambda: repo.snapshot().attendance(app.cohort_id, 2)[late] is AttendanceStatus.PRESENT,
        )
        assert not isinstance(app.screen, RotationEffectDialog)
        table = first.tables[missed.table - 1]
        await wait_for_message(pilot, f"Too late for table {table} in round 1", part=True)
        assert len(stored_plans(app, repo)) == 2  # round 2 was never changed: nothing to restore


async def test_a_choice_made_after_the_round_ended_changes_nothing(
    app, repo, demo, clock, log_agenda
) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        await mark_presenter(pilot, "l", "novak")
        await wait_until(pilot, lambda: isinstance(app.screen, RotationEffectDialog))
        clock.advance(34 * 60)  # round 1 ends while the dialog is open
        await pilot.pause(0.3)
        app.clear_notifications()
        await choose(pilot, app, "miss")
        await pilot.pause(0.3)
        assert len(stored_plans(app, repo)) == 1
        assert not repo.snapshot().attendance(app.cohort_id, 2)
        assert "moved on" in " ".join(n.message for n in app._notifications)


async def test_escape_in_the_dialog_changes_nothing(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        await mark_presenter(pilot, "l", "novak")
        await wait_until(pilot, lambda: isinstance(app.screen, RotationEffectDialog))
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert isinstance(app.screen, RotationsScreen)
        assert len(stored_plans(app, repo)) == 1
        assert not repo.snapshot().attendance(app.cohort_id, 2)


async def test_feedback_on_a_visit(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        await pilot.press("f")
        await pilot.pause()
        await type_keys(pilot, *"Asked about consent", "enter")
        await type_keys(pilot, *"Clear slides", "enter")
        await wait_until(pilot, lambda: len(repo.snapshot().presenter_feedback(app.cohort_id)) == 2)
        kinds = sorted(f.kind for f in repo.snapshot().presenter_feedback(app.cohort_id))
        assert kinds == ["coach", "table"]
        assert "✎" in str(app.screen.query_one("#rotation-grid", DataTable).get_row_at(0)[1])


async def test_a_noted_visit_opens_with_what_was_noted_to_change(app, repo) -> None:
    """f on a visit already noted shows its notes; a change replaces the note (one standing),
    a field left as it was stores nothing, and a field emptied takes its note back."""
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        await type_keys(pilot, *"Asked about consent", "enter")
        await type_keys(pilot, *"Clear slides", "enter")
        await wait_until(pilot, lambda: len(repo.snapshot().presenter_feedback(app.cohort_id)) == 2)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        fields = list(app.screen.query(Input))
        assert [f.value for f in fields] == ["Asked about consent", "Clear slides"]
        await type_keys(pilot, *" and data sharing", "enter")  # typed on: added, not replacing
        assert fields[1].has_focus and not fields[1].selected_text  # the cursor at its end
        await pilot.press("ctrl+u", "enter")
        await wait_until(
            pilot, lambda: len(repo.snapshot().presenter_feedback(app.cohort_id, every=True)) == 4
        )
        [table] = repo.snapshot().presenter_feedback(app.cohort_id)  # the coach's taken back
        assert (table.kind, table.text) == ("table", "Asked about consent and data sharing")
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        await pilot.press("enter", "enter")  # nothing changed: nothing stored
        await wait_until(pilot, lambda: not isinstance(app.screen, FormDialog))
        await pilot.pause(0.2)
        assert len(repo.snapshot().presenter_feedback(app.cohort_id, every=True)) == 4


async def test_a_presenters_own_comment(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        await pilot.press("o")
        await pilot.pause()
        await type_keys(pilot, *"blake", "enter")
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
        app.screen.tick()  # the screen's next tick, now (a loaded machine ticks late)
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_rotations_mid_rotation_with_a_drop_out(
    app, repo, clock, log_agenda, snap_compare
) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))

    async def run_before(pilot) -> None:
        await plan_it(pilot, app, repo)
        clock.advance(34 * 60)  # in the changeover before round 2
        await mark_presenter(pilot, "d", "qureshi")
        await choose(pilot, app, "extend")
        await wait_stored(pilot, lambda: len(repo.snapshot().rotations(app.cohort_id, 2)) == 2)
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def snapshot_late_dialog(app, repo, demo, snap_compare, size) -> bool:
    async def run_before(pilot) -> None:
        await plan_it(pilot, app, repo)
        await steady(pilot)  # the "Planned" toast, before the dialog covers its screen
        [first] = stored_plans(app, repo)
        late = late_costs_a_round(first)
        surname = surname_of(demo, late)
        await mark_presenter(pilot, "l", surname)
        await wait_until(pilot, lambda: isinstance(app.screen, RotationEffectDialog))
        await steady(pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


def test_snapshot_late_presenter_dialog_80x24(app, repo, demo, snap_compare) -> None:
    assert snapshot_late_dialog(app, repo, demo, snap_compare, (80, 24))


def test_snapshot_late_presenter_dialog_120x40(app, repo, demo, snap_compare) -> None:
    assert snapshot_late_dialog(app, repo, demo, snap_compare, (120, 40))


async def test_the_dialog_shows_names_as_typed() -> None:
    from textual.app import App

    from lp_tui.ui.screens.rotation_effect import EffectOption

    name = "Dr [b]Odd[/b] O'Neil"
    dialog = RotationEffectDialog(name, [f"{name} [red]x[/red]"], [EffectOption("k", name, ())])
    async with App().run_test() as pilot:
        pilot.app.push_screen(dialog)
        await pilot.pause()
        box = dialog.query_one("#effect-dialog")
        assert name in box._border_title.plain
        assert f"{name} [red]x[/red]" in str(dialog.query_one("#effect-intro").render())
        assert name in str(dialog.query_one(OptionList).get_option("k").prompt)


async def test_here_offers_only_presenters_marked_late_or_away(app, repo, demo) -> None:
    from lp_tui.ui.screens.tables_dialogs import ChoosePerson

    async with app.run_test(size=SIZE) as pilot:
        await plan_it(pilot, app, repo)
        await pilot.press("h")
        await pilot.pause()
        assert not isinstance(app.screen, ChoosePerson)  # nobody to arrive: it says so
        late = stored_plans(app, repo)[-1].presenters[0]
        app.screen.marks[late] = AttendanceStatus.LATE
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoosePerson))
        assert [p.id for p in app.screen.people] == [late]


ROTATION_KEYS = {"P", "d", "l", "h", "f", "o"}


async def test_a_day_with_no_rotation_offers_none_of_its_keys(repo, demo, programme, clock) -> None:
    """Day 1's programme has no rotation: its screen says so, and P, d, l, h, f and o are not
    offered (d opened an empty list of presenters; P did nothing and said nothing)."""
    from lp_tui.ui.app import FacilitatorApp

    app = FacilitatorApp(repo, demo[0].id, programme, day=1, clock=clock, tz=UTC)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await steady(pilot)
        assert not footer_keys(app) & ROTATION_KEYS
        said = str(app.screen.query_one("#rotation-title").render())
        assert said == "Day 1 has no case-study rotation in the programme (Days 2 and 3 have one)."
        assert not app.screen.query_one("#rotation-grid").display  # no empty grid below it
        await pilot.press("d")
        await steady(pilot)
        assert type(app.screen).__name__ == "RotationsScreen"  # no dialog opened


async def test_a_day_with_a_rotation_offers_its_keys(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await steady(pilot)
        assert footer_keys(app) >= ROTATION_KEYS


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_a_day_with_no_rotation(repo, demo, programme, clock, snap_compare, size) -> None:
    """Day 1: the screen says there is no rotation, and its footer offers none of its keys."""
    from lp_tui.ui.app import FacilitatorApp

    app = FacilitatorApp(repo, demo[0].id, programme, day=1, clock=clock, tz=UTC)

    async def run_before(pilot) -> None:
        await pilot.press("r")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_tables_changed_after_the_plan(app, repo, demo, clock, snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await plan_it(pilot, app, repo)
        fewer = allocate_day(demo[1][:30], {}, [], [], 2, seed=3)[0].tables
        repo.add_seating(Seating(new_id(), demo[0].id, 2, iso(clock.now()), "allocate", fewer, 1))
        title = app.screen.query_one("#rotation-title")
        await wait_until(pilot, lambda: "⚠" in str(title.render()))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
