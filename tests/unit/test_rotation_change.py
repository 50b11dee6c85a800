"""A late, dropped or arriving presenter: each way of dealing with it, worked out before it is
stored, changes only what it must."""

from __future__ import annotations

import dataclasses
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from lp_tui.domain.model import RotationPlan, Visit
from lp_tui.domain.rotation import clock_of_rounds, plan
from lp_tui.domain.rotation_change import (
    Away,
    Change,
    Choice,
    Effect,
    Timing,
    arrival_effects,
    changed_tables_words,
    drop_effects,
    dropped_words,
    effect_lines,
    effect_title,
    late_effects,
    miss_rounds,
    mmss,
    plan_lengths,
    rounds_done,
)

CHANGEOVER = 300
DAY_TWO = Timing(70 * 60, CHANGEOVER)  # the Darzi rotation: 70 minutes, 5 to move


def stored(
    tables: int, presenters: int, visits: int, numbers: tuple[int, ...] = ()
) -> RotationPlan:
    rotation = plan(tables, presenters, visits)
    return RotationPlan(
        id="p0",
        cohort="c",
        day=2,
        at="2026-01-01T09:30:00+00:00",
        item="darzi-rotation",
        presenters=tuple(f"person-{n}" for n in range(presenters)),
        tables=numbers or tuple(range(1, tables + 1)),
        visits_per_table=visits,
        visits=rotation.visits,
    )


def by_choice(effects: list[Effect]) -> dict[Choice, Effect]:
    return {e.choice: e for e in effects}


def future(plan_: RotationPlan, done: int) -> set[Visit]:
    return {v for v in plan_.visits if v.round > done}


def assert_sound(plan_: RotationPlan) -> None:
    rounds: dict[int, list[Visit]] = {}
    for v in plan_.visits:
        rounds.setdefault(v.round, []).append(v)
    for found in rounds.values():
        assert len({v.table for v in found}) == len(found), "a table twice in a round"
        assert len({v.presenter for v in found}) == len(found), "a presenter twice in a round"
    pairs = Counter((v.table, v.presenter) for v in plan_.visits)
    assert max(pairs.values(), default=1) == 1, "a table hears a presenter twice"


# ---------------------------------------------------------------- examples


def presenter_at(plan_: RotationPlan, number: int) -> str:
    """A presenter with a visit in round ``number``."""
    visit = next(v for v in sorted(plan_.visits) if v.round == number)
    return plan_.presenters[visit.presenter]


def test_a_late_presenter_on_day_two_offers_three_ways_with_their_effects() -> None:
    current = stored(7, 8, 2)
    late = next(
        p
        for p in current.presenters
        if len(by_choice(late_effects(current, p, DAY_TWO, plan_id="p1", at="t"))) == 3
    )
    effects = by_choice(late_effects(current, late, DAY_TWO, plan_id="p1", at="t"))
    extend, shorten, miss = effects[Choice.EXTEND], effects[Choice.SHORTEN], effects[Choice.MISS]
    length = (70 * 60 - CHANGEOVER) / 2
    assert extend.rounds_before == 2 and extend.rounds_after == 3
    assert extend.round_seconds_before == extend.round_seconds_after == round(length)
    assert extend.extend_seconds == round(length + CHANGEOVER)
    assert extend.item_seconds_after == 70 * 60 + extend.extend_seconds
    assert shorten.rounds_after == 3 and shorten.extend_seconds == 0
    assert shorten.item_seconds_after == 70 * 60
    assert shorten.round_seconds_after == round((70 * 60 - 2 * CHANGEOVER) / 3)
    assert miss.rounds_after == 2 and miss.extend_seconds == 0
    assert miss.round_seconds_after == miss.round_seconds_before
    [(table, lost)] = miss.short  # no table rests on Day 2: the one visit is dropped
    assert lost == 1 and miss.changed_tables == (table,)
    index = current.presenters.index(late)
    assert all(v.presenter != index for v in miss.plan.visits if v.round == 1)
    assert miss.plan.how == "late" and miss.plan.person == late and miss.plan.replaces == "p0"


def test_the_words_say_rounds_length_tables_and_item() -> None:
    current = stored(7, 8, 2)
    [*_, miss] = next(
        e
        for p in current.presenters
        if len(e := late_effects(current, p, DAY_TWO, plan_id="p1", at="t")) == 3
    )
    lines = effect_lines(miss)
    assert lines[0] == "Rounds 2 → 2  ·  round length 32:30 → 32:30"
    tables = miss.changed_tables
    assert tables, "a missed round changes the tables that would have heard them"
    assert lines[1] == f"Item 70:00 → 70:00  ·  {changed_tables_words(tables)}"
    assert "1 fewer" in lines[-1]
    assert effect_title(miss, "Dr X") == "Dr X misses round 1; no other table changes"


def test_changed_tables_say_which_tables_in_words() -> None:
    assert changed_tables_words(()) == "no table changes"
    assert changed_tables_words((4,)) == "table 4 changes"
    assert changed_tables_words((2, 4)) == "tables 2, 4 change"


def test_a_late_presenter_who_can_move_to_a_resting_table_does_not_cost_a_visit() -> None:
    current = stored(8, 6, 2)  # Day 3: six managers, eight tables, three rounds; tables rest
    found = []
    for person in current.presenters:
        effects = by_choice(late_effects(current, person, DAY_TWO, plan_id="p1", at="t"))
        if Choice.MISS in effects and effects[Choice.MISS].moved:
            found.append(effects[Choice.MISS])
    assert found, "some manager can make up round 1 at a table resting later"
    for miss in found:
        assert not miss.short
        [(table, start, end)] = miss.moved
        assert start == 1 and end > 1 and miss.changed_tables == (table,)
        assert "moves from round 1 to round" in " ".join(effect_lines(miss))


def test_late_with_no_visit_in_the_next_round_changes_nothing() -> None:
    current = stored(1, 3, 2)  # one table, two rounds: someone has no visit in round 1
    idle = [
        p
        for i, p in enumerate(current.presenters)
        if not any(v.presenter == i and v.round == 1 for v in current.visits)
    ]
    assert idle
    assert late_effects(current, idle[0], DAY_TWO, plan_id="p1", at="t") == []


def test_after_the_rotation_nothing_can_change() -> None:
    current = stored(7, 8, 2)
    over = Timing(70 * 60, CHANGEOVER, running_seconds=71 * 60)
    assert rounds_done(current, over) == 2
    for person in current.presenters:
        assert late_effects(current, person, over, plan_id="p1", at="t") == []
        assert drop_effects(current, person, over, plan_id="p1", at="t") == []


def test_a_drop_out_is_recorded_with_the_round_they_missed_first() -> None:
    current = stored(7, 8, 2)
    in_move = Timing(70 * 60, CHANGEOVER, running_seconds=34 * 60)  # changeover before round 2
    person = presenter_at(current, 2)
    effects = by_choice(drop_effects(current, person, in_move, plan_id="p1", at="t"))
    assert set(effects) >= {Choice.EXTEND, Choice.MISS}
    for effect in effects.values():
        assert effect.done == 1
        assert effect.plan.dropped_before(person) == 2
        assert effect.plan.how == "drop"
        assert dropped_words(effect.plan, {person: "Dr X"}) == ["Dr X dropped out before round 2"]
    miss = effects[Choice.MISS]
    index = current.presenters.index(person)
    assert all(v.presenter != index for v in miss.plan.visits if v.round > 1)
    assert sum(n for _, n in miss.short) == sum(
        1 for v in current.visits if v.presenter == index and v.round > 1
    )


def test_a_change_after_round_one_keeps_round_one_where_it_ran() -> None:
    current = stored(7, 8, 2)
    in_move = Timing(70 * 60, CHANGEOVER, running_seconds=34 * 60)
    person = presenter_at(current, 2)
    effects = by_choice(late_effects(current, person, in_move, plan_id="p1", at="t"))
    before = clock_of_rounds(plan_lengths(current, in_move), 34 * 60, CHANGEOVER)
    assert effects
    for effect in effects.values():
        after = effect.plan
        lengths = plan_lengths(after, Timing(effect.item_seconds_after, CHANGEOVER))
        clock = clock_of_rounds(lengths, 34 * 60, CHANGEOVER)
        # Still in the changeover before round 2, with the same time left to move.
        assert (clock.phase, clock.round) == ("move", 2)
        assert abs(clock.remaining_seconds - before.remaining_seconds) <= 1


def test_mmss() -> None:
    assert mmss(1950) == "32:30"
    assert mmss(6450) == "107:30"
    assert mmss(-330) == "-05:30"
    assert mmss(0) == "00:00"


# ---------------------------------------------------------------- arrival


def test_an_arrival_before_their_round_brings_back_the_original_plan() -> None:
    original = stored(7, 8, 2)
    person = next(
        p
        for p in original.presenters
        if len(late_effects(original, p, DAY_TWO, plan_id="p1", at="t")) == 3
    )
    for choice in (Choice.EXTEND, Choice.SHORTEN, Choice.MISS):
        effect = by_choice(late_effects(original, person, DAY_TWO, plan_id="p1", at="t"))[choice]
        timing = Timing(effect.item_seconds_after, CHANGEOVER)
        arrival = arrival_effects([original, effect.plan], person, timing, plan_id="p2", at="t")
        restore = by_choice(list(arrival.effects))[Choice.EXTEND]
        assert set(restore.plan.visits) == set(original.visits)
        assert restore.rounds_after == 2
        assert restore.item_seconds_after == 70 * 60 or choice is Choice.SHORTEN
        assert not arrival.too_late
        assert by_choice(list(arrival.effects))[Choice.KEEP].plan == effect.plan


def test_an_arrival_too_late_for_their_round_says_so() -> None:
    original = stored(7, 8, 2)
    person = next(
        p
        for p in original.presenters
        if len(late_effects(original, p, DAY_TWO, plan_id="p1", at="t")) == 3
    )
    miss = by_choice(late_effects(original, person, DAY_TWO, plan_id="p1", at="t"))[Choice.MISS]
    in_move = Timing(70 * 60, CHANGEOVER, running_seconds=34 * 60)  # before round 2
    arrival = arrival_effects([original, miss.plan], person, in_move, plan_id="p2", at="t")
    [(table, number)] = arrival.too_late
    assert number == 1 and (table, 1) in [(t, n) for t, n in miss.short]
    assert arrival.effects == ()  # rounds to come are already as first planned


def test_no_late_mark_no_arrival_effects() -> None:
    original = stored(7, 8, 2)
    arrival = arrival_effects([original], original.presenters[0], DAY_TWO, plan_id="p", at="t")
    assert arrival.effects == () and arrival.too_late == ()


# ---------------------------------------------------------------- properties

shapes = st.integers(1, 12).flatmap(
    lambda p: st.tuples(st.integers(1, 12), st.just(p), st.integers(1, min(p, 3)))
)


@st.composite
def situations(draw):
    tables, presenters, visits = draw(shapes)
    current = stored(tables, presenters, visits)
    rounds = current.rotation().rounds
    changeover = draw(st.sampled_from([0, 120, 300]))
    allotted = draw(st.integers(rounds * (600 + changeover), rounds * (2400 + changeover)))
    running = draw(st.one_of(st.just(0), st.integers(0, allotted + 60)))
    person = draw(st.sampled_from(current.presenters))
    return current, Timing(allotted, changeover, running), person


def check_effect(current: RotationPlan, effect: Effect, person: str, timing: Timing) -> None:
    done = effect.done
    assert done == rounds_done(current, timing)
    assert_sound(effect.plan)
    # Rounds already done never change.
    assert {v for v in effect.plan.visits if v.round <= done} == {
        v for v in current.visits if v.round <= done
    }
    index = current.presenters.index(person)
    if effect.choice is Choice.MISS:
        others = {v for v in current.visits if v.presenter != index}
        assert {v for v in effect.plan.visits if v.presenter != index} == others
        assert effect.rounds_after == effect.rounds_before
        assert effect.round_seconds_after == effect.round_seconds_before
        assert effect.extend_seconds == 0
    if effect.choice is Choice.EXTEND:
        assert abs(effect.round_seconds_after - effect.round_seconds_before) <= 1
    if effect.choice is Choice.SHORTEN:
        assert effect.item_seconds_after == effect.item_seconds_before
        assert effect.extend_seconds == 0
        assert effect.rounds_after > effect.rounds_before
    # Only the presenter's own visits leave the rounds to come.
    gone = future(current, done) - future(effect.plan, done)
    assert all(v.presenter == index for v in gone)
    assert effect.rounds_after == effect.plan.rotation().rounds


@settings(max_examples=300, deadline=None)
@given(situations())
def test_every_way_to_handle_a_late_presenter_changes_only_what_it_must(situation) -> None:
    current, timing, person = situation
    effects = late_effects(current, person, timing, plan_id="p1", at="t")
    for effect in effects:
        check_effect(current, effect, person, timing)
        index = current.presenters.index(person)
        assert all(v.presenter != index for v in effect.plan.visits if v.round == effect.done + 1)
        assert effect.change is Change.LATE


@settings(max_examples=300, deadline=None)
@given(situations())
def test_every_way_to_handle_a_drop_out_changes_only_what_it_must(situation) -> None:
    current, timing, person = situation
    effects = drop_effects(current, person, timing, plan_id="p1", at="t")
    index = current.presenters.index(person)
    for effect in effects:
        check_effect(current, effect, person, timing)
        assert all(v.presenter != index for v in effect.plan.visits if v.round > effect.done)
        assert effect.plan.dropped_before(person) == effect.done + 1
    if rounds_done(current, timing) < current.rotation().rounds:
        assert any(e.choice is Choice.MISS for e in effects)


@settings(max_examples=200, deadline=None)
@given(situations(), st.data())
def test_an_arrival_in_the_same_round_restores_the_original_rounds_to_come(situation, data) -> None:
    current, timing, person = situation
    effects = late_effects(current, person, timing, plan_id="p1", at="t")
    if not effects:
        return
    effect = data.draw(st.sampled_from(effects))
    c = timing.changeover_seconds
    after = Timing(effect.item_seconds_after, c, timing.running_seconds)
    arrival = arrival_effects([current, effect.plan], person, after, plan_id="p2", at="t")
    clock = clock_of_rounds(plan_lengths(effect.plan, after), timing.running_seconds, c)
    timed = effect.done + (1 if clock.phase == "round" else 0)
    assert clock.rounds_done(effect.rounds_after) == effect.done  # the change moved no round
    restore = next((e for e in arrival.effects if e.choice is Choice.EXTEND), None)
    restored = restore.plan if restore else effect.plan
    # The rounds still to come are as first planned; the one in progress runs on as it is.
    assert future(restored, timed) >= future(current, timed)
    index = current.presenters.index(person)
    extra = future(restored, timed) - future(current, timed)
    assert all(v.presenter == index for v in extra)  # a visit too late, made up later
    assert {v for v in restored.visits if v.round <= timed} == {
        v for v in effect.plan.visits if v.round <= timed
    }
    if restore is not None:
        assert abs(restore.round_seconds_after - restore.round_seconds_before) <= 1
        assert restore.rounds_after >= current.rotation().rounds
    assert_sound(restored)


def test_miss_rounds_never_touches_another_presenter() -> None:
    rotation = plan(8, 6, 2)
    for presenter in range(6):
        kept, moves = miss_rounds(rotation, presenter, done=0, rounds={1})
        assert {v for v in kept.visits if v.presenter != presenter} == {
            v for v in rotation.visits if v.presenter != presenter
        }
        assert kept.rounds == rotation.rounds
        for old, new in moves:
            assert (old.table, old.presenter) == (new.table, new.presenter) and new.round > 1


def test_a_second_drop_out_of_the_same_presenter_changes_nothing() -> None:
    current = stored(7, 8, 2)
    person = current.presenters[0]
    [*_, miss] = drop_effects(current, person, DAY_TWO, plan_id="p1", at="t")
    assert drop_effects(miss.plan, person, DAY_TWO, plan_id="p2", at="t") == []
    assert miss.plan.dropped_before(person) == 1


def test_a_re_plan_gives_no_visit_to_a_presenter_late_or_dropped_out() -> None:
    """Presenters marked late (no visit of theirs in the next round, so nothing changed when
    they were marked) or dropped out take none of the visits of the next one away."""
    current = stored(6, 8, 2)
    first = {current.presenters[v.presenter] for v in current.visits if v.round == 1}
    idle = [p for p in current.presenters if p not in first]  # free in round 1
    assert len(idle) == 2
    [dropped] = [e.plan for e in drop_effects(current, idle[1], DAY_TWO, plan_id="p1", at="t")][-1:]
    assert dropped.dropped_before(idle[1]) == 1
    person = presenter_at(dropped, 1)
    for late, gone in (([idle[0]], []), ([idle[0]], [idle[1]]), ([], [])):
        away = Away(frozenset(late), frozenset(gone))
        effects = late_effects(dropped, person, DAY_TWO, plan_id="p2", at="t", away=away)
        replanned = by_choice(effects)[Choice.EXTEND].plan
        assert_sound(replanned)
        given = set(replanned.visits) - set(dropped.visits)
        assert given, "the late presenter's round-1 visit went to someone"
        for visit in given:
            who = replanned.presenters[visit.presenter]
            assert who != idle[1], "to a presenter the plan records as dropped out"
            assert not (who in late and visit.round == 1), "to a presenter late for round 1"


def test_the_away_are_read_from_the_marks_and_a_drop_out_marked_here_again_is_not() -> None:
    from lp_tui.domain.model import AttendanceStatus, Dropout

    current = stored(6, 8, 2)
    p = current.presenters
    plan_ = dataclasses.replace(current, dropped=(Dropout(p[1], 1), Dropout(p[2], 1)))
    marks = {
        p[0]: AttendanceStatus.LATE,
        p[2]: AttendanceStatus.PRESENT,  # dropped out, then came back (h)
        p[3]: AttendanceStatus.ABSENT,
        p[4]: AttendanceStatus.PRESENT,
    }
    away = Away.marked(marks)
    assert away == Away(frozenset({p[0]}), frozenset({p[3]}), frozenset({p[2], p[4]}))
    assert away.closed(plan_, p[5], done=1) == {0: {2}, 1: None, 3: None}
    assert 0 not in away.closed(plan_, p[0], done=1)  # the one re-planned for is not closed


def test_a_change_in_the_last_moment_of_a_round_leaves_that_round_running() -> None:
    """Nine rounds of 633.33 s: at 633 s the first is still running when its presenter is
    marked late. Every way to handle it keeps that round running (its end kept as 634 s,
    rounded up, not as 633 s: the change would have ended it)."""
    current = stored(9, 1, 1)
    timing = Timing(8100, CHANGEOVER, 633)
    assert rounds_done(current, timing) == 0
    for effect in late_effects(current, "person-0", timing, plan_id="p1", at="t"):
        after = Timing(effect.item_seconds_after, CHANGEOVER, timing.running_seconds)
        assert rounds_done(effect.plan, after) == effect.done, effect.choice
