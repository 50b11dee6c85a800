"""The round clock the projector and the coach view show while the rotation's item is current."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.clock import iso
from lp_tui.domain.live_round import (
    MOVE_NOW,
    big_seconds,
    live_round,
    now_and_next,
    projector_words,
    round_words,
    visitors_words,
)
from lp_tui.domain.model import Person, Role, RotationPlan, Visit
from lp_tui.domain.rotation import over_words
from lp_tui.domain.rotation_day import rotation_item, rotation_round, table_visitors
from lp_tui.domain.timers import AgendaEvent, EventKind, day_clock
from lp_tui.store.files import load_programme

START = datetime(2017, 11, 24, 11, 0, tzinfo=UTC)
ITEM = "darzi-rotation"  # 70 minutes, 5 to move: three rounds of 20 minutes

# Three tables, two presenters (0: "fa", 1: "fb"), each table hears both; one rests a round.
VISITS = (
    Visit(1, 1, 0),
    Visit(1, 2, 1),
    Visit(2, 3, 0),
    Visit(2, 1, 1),
    Visit(3, 2, 0),
    Visit(3, 3, 1),
)
PLAN = RotationPlan(
    id="plan",
    cohort="c",
    day=2,
    at=iso(START),
    item=ITEM,
    presenters=("fa", "fb"),
    tables=(1, 2, 3),
    visits_per_table=2,
    visits=VISITS,
)


@pytest.fixture(scope="module")
def day2():
    return load_programme("effective-lay-partner").day(2)


def event(kind: EventKind, minutes: float, item: str = ITEM) -> AgendaEvent:
    return AgendaEvent(
        f"{kind}-{minutes}", "c", 2, kind, item, iso(START + timedelta(minutes=minutes))
    )


def clock_at(day2, minutes: float, *extra: AgendaEvent):
    events = [event(EventKind.START, 0), *extra]
    return day_clock(day2, events, START + timedelta(minutes=minutes), tz=UTC)


def test_nothing_while_another_item_is_current(day2) -> None:
    assert live_round(day2, [PLAN], day_clock(day2, [], START, tz=UTC)) is None
    first = day2.items[0].key
    started = [event(EventKind.START, 0, first)]
    assert live_round(day2, [PLAN], day_clock(day2, started, START, tz=UTC)) is None


def test_a_day_without_a_rotation_has_none() -> None:
    day1 = load_programme("effective-lay-partner").day(1)
    assert live_round(day1, [PLAN], day_clock(day1, [], START, tz=UTC)) is None


def test_in_a_round_the_clock_counts_the_round_down(day2) -> None:
    now = live_round(day2, [PLAN], clock_at(day2, 3))
    assert now is not None and not now.moving
    assert round_words(now) == "Round 1 of 3 · 17:00 left"
    assert now_and_next(now, 1) == ("fa", "fb")
    assert now_and_next(now, 3) == (None, "fa")  # resting this round


def test_between_rounds_it_says_move_now(day2) -> None:
    now = live_round(day2, [PLAN], clock_at(day2, 22))
    assert now is not None and now.moving
    assert round_words(now) == f"{MOVE_NOW} · to round 2 of 3 · 03:00 to move"
    assert now_and_next(now, 1) == (None, "fb")
    assert now_and_next(now, 2) == (None, "fa")  # rests in round 2, hears fa in round 3


def test_the_room_sees_the_round_or_the_move_large(day2) -> None:
    in_round = live_round(day2, [PLAN], clock_at(day2, 3))
    moving = live_round(day2, [PLAN], clock_at(day2, 22))
    over = live_round(day2, [PLAN], clock_at(day2, 75))
    unplanned = live_round(day2, [], clock_at(day2, 3))
    assert in_round is not None and big_seconds(in_round) == 17 * 60
    assert moving is not None and big_seconds(moving) == 3 * 60
    assert over is not None and big_seconds(over) is None  # the item's own clock again
    assert unplanned is not None and big_seconds(unplanned) is None


def test_the_large_words_name_what_the_digits_count(day2) -> None:
    item = "▶ RUNNING  53:00 left"
    in_round = live_round(day2, [PLAN], clock_at(day2, 3))
    moving = live_round(day2, [PLAN], clock_at(day2, 22))
    over = live_round(day2, [PLAN], clock_at(day2, 75))
    unplanned = live_round(day2, [], clock_at(day2, 3))
    assert projector_words(item, None) == (item, "")
    assert projector_words(item, in_round) == ("Round 1 of 3 · 17:00 left", f"Item: {item}")
    assert in_round is not None and moving is not None and over is not None
    large, small = projector_words(item, moving)
    assert large.startswith(MOVE_NOW) and small == f"Item: {item}"
    assert projector_words(item, over) == (item, round_words(over, titled=False))
    assert projector_words(item, unplanned) == (item, "No rotation planned yet")


def test_a_paused_round_says_so(day2) -> None:
    now = live_round(day2, [PLAN], clock_at(day2, 40, event(EventKind.PAUSE, 30)))
    assert now is not None
    assert round_words(now) == "Round 2 of 3 · 15:00 left · paused"


def test_the_last_round_has_no_next_and_then_it_is_over(day2) -> None:
    now = live_round(day2, [PLAN], clock_at(day2, 55))
    assert now is not None
    assert round_words(now).startswith("Round 3 of 3")
    assert now_and_next(now, 3) == ("fb", None)
    over = live_round(day2, [PLAN], clock_at(day2, 75))
    assert over is not None
    assert round_words(over) == "Rotation over · all 3 rounds done"
    assert now_and_next(over, 1) == (None, None)


def test_before_the_item_starts_it_is_round_one_to_come(day2) -> None:
    # every item before the rotation skipped: the rotation is current but not started
    skipped = [
        event(EventKind.SKIP, n / 10, item.key)
        for n, item in enumerate(day2.items[: [i.key for i in day2.items].index(ITEM)])
    ]
    now = live_round(day2, [PLAN], day_clock(day2, skipped, START, tz=UTC))
    assert now is not None
    assert round_words(now) == "Round 1 of 3 · starts with the item"
    assert now_and_next(now, 2) == (None, "fb")


def test_without_a_plan_it_says_so(day2) -> None:
    now = live_round(day2, [], clock_at(day2, 3))
    assert now is not None and now.plan is None
    assert round_words(now) == f"{now.item.title}: no rotation planned yet"
    assert round_words(now, titled=False) == "No rotation planned yet"  # under the title
    assert now_and_next(now, 1) == (None, None)


def test_the_latest_plan_counts(day2) -> None:
    newer = RotationPlan(
        id="newer",
        cohort="c",
        day=2,
        at=iso(START + timedelta(minutes=1)),
        item=ITEM,
        presenters=("fb", "fa"),
        tables=(1, 2, 3),
        visits_per_table=2,
        visits=VISITS,
    )
    now = live_round(day2, [PLAN, newer], clock_at(day2, 3))
    assert now is not None and now.plan is newer
    assert now_and_next(now, 1) == ("fb", "fa")


@given(st.floats(min_value=0.1, max_value=80), st.sampled_from([1, 2, 3]))
def test_now_is_this_rounds_visit_and_next_a_later_one(minutes, table) -> None:
    day2 = load_programme("effective-lay-partner").day(2)
    now = live_round(day2, [PLAN], clock_at(day2, minutes))
    assert now is not None
    assert round_words(now)
    here, following = now_and_next(now, table)
    visits = table_visitors(PLAN, table)
    if here is not None:
        assert now.clock.phase == "round"
        assert (now.clock.round, here) in visits
    if following is not None:
        later = [
            p for r, p in visits if r > now.clock.round or (r == now.clock.round and here is None)
        ]
        assert following == later[0]
    if now.clock.phase == "after":
        assert (here, following) == (None, None)


# ---------------------------------------------------------------- the coach's line of visitors

PRESENTERS = {
    "fa": Person("fa", "c", "Dr Ada Fox", Role.PRESENTER, project="Patient voices in stroke care"),
    "fb": Person("fb", "c", "Ms Bea Lam", Role.PRESENTER),
}


def test_the_coach_sees_who_visits_now_and_who_next(day2) -> None:
    now = live_round(day2, [PLAN], clock_at(day2, 3))
    assert now is not None
    fa, fb = PRESENTERS["fa"], PRESENTERS["fb"]
    wide = visitors_words(now, 1, PRESENTERS, 100)
    assert wide == f"Now: {fa.name} ({fa.project}) · Then: {fb.name}"
    assert visitors_words(now, 3, PRESENTERS, 100) == (
        f"No visitor at your table this round · Then: {fa.name}"
    )
    assert visitors_words(now, None, PRESENTERS, 100) == "You have no table yet today."
    last = live_round(day2, [PLAN], clock_at(day2, 55))
    assert last is not None
    assert visitors_words(last, 3, PRESENTERS, 100) == f"Now: {fb.name} · last visit"


def test_between_rounds_the_coach_sees_who_comes_next_with_their_project(day2) -> None:
    now = live_round(day2, [PLAN], clock_at(day2, 22))
    assert now is not None
    fb = PRESENTERS["fb"]
    assert visitors_words(now, 1, PRESENTERS, 100) == f"Next at your table: {fb.name}"
    fa = PRESENTERS["fa"]
    assert visitors_words(now, 2, PRESENTERS, 100) == (
        f"Next at your table: {fa.name} ({fa.project})"
    )
    over = live_round(day2, [PLAN], clock_at(day2, 75))
    assert over is not None and visitors_words(over, 1, PRESENTERS, 100) == ""


@given(st.integers(min_value=16, max_value=120))
def test_the_visitors_fit_the_width_and_the_next_name_is_never_cut(width) -> None:
    day2 = load_programme("effective-lay-partner").day(2)
    now = live_round(day2, [PLAN], clock_at(day2, 3))
    assert now is not None
    words = visitors_words(now, 1, PRESENTERS, width)
    assert all(len(line) <= width for line in words.split("\n"))
    assert words.startswith(f"Now: {PRESENTERS['fa'].name}")
    assert PRESENTERS["fb"].name in words


# ---------------------------------------------------------------- an item ended early
def rotation_at(day2, minutes: float, *extra: AgendaEvent):
    item = rotation_item(day2)
    assert item is not None
    return rotation_round(PLAN, item, clock_at(day2, minutes, *extra).item(ITEM))


@pytest.mark.parametrize(
    ("ended", "words"),
    [
        (10, "stopped at round 1 of 3"),
        (22, "stopped at round 1 of 3"),  # in the move to round 2, which never began
        (30, "stopped at round 2 of 3"),
        (47, "stopped at round 2 of 3"),  # in the move to round 3
        (60, "all 3 rounds done"),  # in round 3, 10 minutes before its time was up
    ],
)
def test_an_item_ended_early_ends_its_rotation_where_it_had_got_to(day2, ended, words) -> None:
    clock = rotation_at(day2, ended + 15, event(EventKind.FINISH, ended))
    assert clock.phase == "after"  # not a round frozen at the minutes it had left
    assert clock.remaining_seconds == 0
    assert over_words(clock, 3) == words


def test_a_skipped_rotation_stopped_before_its_first_round(day2) -> None:
    clock = rotation_at(day2, 5, event(EventKind.SKIP, 0))
    assert clock.phase == "after" and over_words(clock, 3) == "stopped before round 1"


def test_a_rotation_that_ran_its_time_is_over_as_before(day2) -> None:
    clock = rotation_at(day2, 80, event(EventKind.FINISH, 72))
    assert clock.phase == "after" and over_words(clock, 3) == "all 3 rounds done"
    assert clock.rounds_done(3) == 3
