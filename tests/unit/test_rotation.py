from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lp_tui.domain.rotation import Rotation, min_rounds, plan, replan

shapes = st.integers(1, 20).flatmap(
    lambda p: st.tuples(st.integers(1, 20), st.just(p), st.integers(1, min(p, 4)))
)


def assert_valid(rotation: Rotation, visits: int | None = None) -> None:
    per_round: dict[int, list] = {}
    for v in rotation.visits:
        per_round.setdefault(v.round, []).append(v)
    for number, found in per_round.items():
        assert len({v.presenter for v in found}) == len(found), f"presenter twice in {number}"
        assert len({v.table for v in found}) == len(found), f"table twice in round {number}"
    for table in range(1, rotation.tables + 1):
        heard = rotation.heard_by(table)
        assert len(set(heard)) == len(heard), f"table {table} hears someone twice"
        if visits is not None:
            assert len(heard) == visits


@settings(max_examples=400, deadline=None)
@given(shapes)
def test_every_table_hears_k_different_presenters_in_the_fewest_rounds(shape) -> None:
    tables, presenters, visits = shape
    rotation = plan(tables, presenters, visits)
    assert_valid(rotation, visits)
    assert rotation.rounds == min_rounds(tables, presenters, visits)
    counts = rotation.counts()
    all_counts = [counts.get(p, 0) for p in range(presenters)]
    assert max(all_counts) - min(all_counts) <= 1


def test_every_shape_in_the_issue_holds() -> None:
    for presenters in range(1, 21):
        for tables in range(1, 21):
            for visits in range(1, min(presenters, 4) + 1):
                rotation = plan(tables, presenters, visits)
                assert_valid(rotation, visits)
                assert rotation.rounds == min_rounds(tables, presenters, visits)


def test_day_two_of_the_programme() -> None:
    rotation = plan(7, 8, 2)
    assert rotation.rounds == 2
    assert all(not rotation.resting(n) for n in (1, 2))
    assert sorted(rotation.counts().values()) == [1, 1, 2, 2, 2, 2, 2, 2]


def test_fewer_presenters_than_tables_rest_some_tables() -> None:
    rotation = plan(8, 6, 2)  # Day 3: six managers, eight tables
    assert rotation.rounds == 3
    resting = [t for n in range(1, 4) for t in rotation.resting(n)]
    assert len(resting) == 3 * 8 - 16
    assert Counter(resting) == Counter({t: 1 for t in range(1, 9)})


def test_impossible_plans_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot hear 3 different presenters out of 2"):
        plan(4, 2, 3)


def future_changes(before: Rotation, after: Rotation, done: int) -> set:
    old = {v for v in before.visits if v.round > done}
    new = {v for v in after.visits if v.round > done}
    return old ^ new


@settings(max_examples=300, deadline=None)
@given(shapes, st.data())
def test_a_drop_out_changes_only_that_presenters_future_visits(shape, data) -> None:
    tables, presenters, visits = shape
    rotation = plan(tables, presenters, visits)
    done = data.draw(st.integers(0, rotation.rounds))
    dropped = data.draw(st.integers(0, presenters - 1))
    result = replan(rotation, done=done, away={dropped: None})
    after = result.rotation
    assert_valid(after)
    lost = {v for v in rotation.visits if v.round > done and v.presenter == dropped}
    assert set(result.removed) == lost
    # Nothing else changes: every other visit stays exactly where it was.
    assert future_changes(rotation, after, done) == lost | set(result.changed)
    assert all(v.presenter != dropped for v in after.visits if v.round > done)
    for table in range(1, tables + 1):
        assert len(after.heard_by(table)) + result.short.get(table, 0) == visits
    assert len(result.changed) == len(lost) - sum(result.short.values())


@settings(max_examples=300, deadline=None)
@given(shapes, st.data())
def test_no_visit_goes_to_a_presenter_already_late_or_dropped_out(shape, data) -> None:
    """A re-plan for one presenter away never hands a visit to another who cannot take it then
    (late for the next round, or dropped out), and leaves that one's own visits where they
    were."""
    tables, presenters, visits = shape
    rotation = plan(tables, presenters, visits)
    done = data.draw(st.integers(0, rotation.rounds))
    away = data.draw(st.integers(0, presenters - 1))
    others = [p for p in range(presenters) if p != away]
    closed = data.draw(st.lists(st.sampled_from(others), unique=True) if others else st.just([]))
    late = {p: data.draw(st.sampled_from([None, [done + 1]])) for p in closed}
    result = replan(rotation, done=done, away={away: None}, unavailable=late)
    after = result.rotation
    assert_valid(after)
    for v in result.changed:
        rounds = late.get(v.presenter, ())
        assert v.presenter not in late or (rounds is not None and v.round not in rounds)
    for p in closed:  # their own visits stay (one late for a round may take one after it)
        assert {v for v in rotation.visits if v.presenter == p} <= set(after.visits)
    plain = replan(rotation, done=done, away={away: None})
    assert set(result.removed) == set(plain.removed)


def test_a_darzi_fellow_dropping_out_on_day_two_costs_at_most_a_round() -> None:
    rotation = plan(7, 8, 2)
    result = replan(rotation, done=0, away={0: None})
    assert not result.short
    assert result.rotation.rounds <= rotation.rounds + 1
    assert len(result.changed) == len(result.removed) >= 1


def test_a_late_presenter_misses_only_the_first_round() -> None:
    rotation = plan(8, 8, 2)
    first = next(v for v in rotation.visits if v.round == 1 and v.presenter == 3)
    result = replan(rotation, done=0, away={3: [1]})
    assert result.removed == (first,)
    assert len(result.rotation.heard_by(first.table)) == 2
    assert all(v.presenter != 3 for v in result.rotation.visits if v.round == 1)


def test_the_item_clock_divides_into_rounds_and_changeovers() -> None:
    from lp_tui.domain.rotation import round_clock

    # 70 minutes, 2 rounds, 5 minutes to move: 32.5 + 5 + 32.5
    assert round_clock(4200, 0, 2, 5).phase == "before"
    first = round_clock(4200, 600, 2, 5)
    assert (first.phase, first.round, first.remaining_seconds) == ("round", 1, 1350)
    move = round_clock(4200, 1950 + 60, 2, 5)
    assert (move.phase, move.round, move.remaining_seconds) == ("move", 2, 240)
    second = round_clock(4200, 1950 + 300 + 10, 2, 5)
    assert (second.phase, second.round) == ("round", 2)
    after = round_clock(4200, 4300, 2, 5)
    assert (after.phase, after.remaining_seconds) == ("after", -100)


def test_a_plan_changed_after_round_one_keeps_round_one_and_shares_the_rest() -> None:
    from lp_tui.domain.rotation import clock_of_rounds, round_lengths, round_start

    # 70 minutes, 5 to move; round 2 began at 37:30 of the item; now 3 rounds in all.
    lengths = round_lengths(4200, 3, 300, done=1, start_seconds=2250)
    assert lengths == [1950, (4200 - 2250 - 300) / 2, (4200 - 2250 - 300) / 2]
    assert round_start(lengths, 2, 300) == 2250
    clock = clock_of_rounds(lengths, 2000, 300)  # still in the changeover before round 2
    assert (clock.phase, clock.round, clock.remaining_seconds) == ("move", 2, 250)
    assert round_lengths(4200, 2, 300) == [1950, 1950]  # nothing done: shared evenly


@settings(max_examples=200, deadline=None)
@given(st.integers(600, 9000), st.integers(0, 6), st.sampled_from([0, 2, 5]), st.data())
def test_the_even_clock_is_the_clock_of_even_rounds(allotted, rounds, minutes, data) -> None:
    from lp_tui.domain.rotation import clock_of_rounds, round_clock, round_lengths

    running = data.draw(st.floats(-10, allotted + 600))
    lengths = round_lengths(allotted, rounds, minutes * 60)
    assert round_clock(allotted, running, rounds, minutes) == clock_of_rounds(
        lengths, running, minutes * 60
    )


def test_a_rotation_keeps_its_rounds_when_the_last_ones_empty() -> None:
    rotation = plan(1, 2, 2)
    kept = Rotation(1, 2, 2, tuple(v for v in rotation.visits if v.round == 1), 2)
    assert kept.rounds == 2 and kept.resting(2) == [1]


def test_a_presenter_absent_when_the_day_is_planned_is_recorded_as_dropped_out() -> None:
    from lp_tui.domain.model import AttendanceStatus, Person, PresenterKind, Role
    from lp_tui.domain.programme import AgendaItem, ItemKind
    from lp_tui.domain.rotation_day import plan_day

    darzi = PresenterKind.DARZI_FELLOW
    fellows = [
        Person(f"p{n}", "c", f"Dr {n}", role=Role.PRESENTER, presenter_kind=darzi) for n in range(4)
    ]
    item = AgendaItem(
        "darzi-rotation", "Darzi", ItemKind.ROTATION, 70, darzi, visits=2, changeover_minutes=5
    )
    made = plan_day(
        plan_id="x",
        cohort="c",
        day=2,
        at="t",
        item=item,
        presenters=fellows,
        marks={"p2": AttendanceStatus.ABSENT},
        tables=(1, 2, 3),
    )
    assert "p2" not in made.presenters
    assert made.dropped_before("p2") == 1 and made.dropped_before("p1") == 0


@pytest.mark.parametrize("late", [["p2"], ["p0", "p3"]])
def test_a_presenter_late_when_the_day_is_planned_has_no_visit_in_round_1(late) -> None:
    from lp_tui.domain.model import AttendanceStatus, Person, PresenterKind, Role
    from lp_tui.domain.programme import AgendaItem, ItemKind
    from lp_tui.domain.rotation_day import plan_day

    darzi = PresenterKind.DARZI_FELLOW
    fellows = [
        Person(f"p{n}", "c", f"Dr {n}", role=Role.PRESENTER, presenter_kind=darzi) for n in range(7)
    ]
    item = AgendaItem(
        "darzi-rotation", "Darzi", ItemKind.ROTATION, 70, darzi, visits=2, changeover_minutes=5
    )
    marks = {p: AttendanceStatus.LATE for p in late}
    made = plan_day(
        plan_id="x", cohort="c", day=2, at="t", item=item, presenters=fellows, marks=marks,
        tables=(1, 2, 3, 4, 5, 6, 7),
    )  # fmt: skip
    late_index = {made.presenters.index(p) for p in late}
    assert set(made.presenters) == {p.id for p in fellows}  # late is not away: still planned
    assert not [v for v in made.visits if v.round == 1 and v.presenter in late_index]
    rotation = made.rotation()
    for table in range(1, 8):  # every table still hears two presenters, each once
        heard = rotation.heard_by(table)
        assert len(heard) == 2 and len(set(heard)) == 2
    for number in range(1, rotation.rounds + 1):  # nobody in two places at once
        busy = [v.presenter for v in rotation.round_visits(number)]
        assert len(busy) == len(set(busy))


def test_tables_allocated_again_after_a_plan_are_named() -> None:
    from lp_tui.domain.rotation_day import tables_changed

    assert tables_changed((1, 2, 3), (1, 2, 3)) == ""
    assert tables_changed((1, 2, 3), (3, 2, 1)) == ""
    assert tables_changed((1, 2, 3), None) == ""  # the day has no seating to compare
    assert tables_changed((1, 2, 3, 4, 5, 6), (1, 2, 3, 4, 5)) == (
        "⚠ The tables changed after this plan (table 6 gone): P plans it again"
    )
    assert tables_changed((1, 2), (1, 2, 3, 4)) == (
        "⚠ The tables changed after this plan (tables 3 and 4 new, visited by nobody): "
        "P plans it again"
    )
    assert tables_changed((1, 2, 5), (1, 2, 3)) == (
        "⚠ The tables changed after this plan (table 5 gone; table 3 new, visited by nobody): "
        "P plans it again"
    )
