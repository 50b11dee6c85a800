from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lp_tui.domain.clock import iso
from lp_tui.domain.programme import AgendaItem, DayPlan, ItemKind
from lp_tui.domain.timers import (
    AgendaEvent,
    DayState,
    EventKind,
    ItemStatus,
    Level,
    action_words,
    actions_for_next,
    actions_for_skip,
    actions_for_space,
    cut_words,
    day_clock,
    day_started,
    drift_words,
    event_words,
    running_item,
    standing_events,
    suggest_trims,
    undo_events,
)

T0 = datetime(2017, 11, 24, 9, 30, tzinfo=UTC)
PLAN = DayPlan(
    number=2,
    title="Collaboration",
    focus="",
    start="09:30",
    items=(
        AgendaItem("welcome", "Welcome", ItemKind.TALK, 10),
        AgendaItem("behaviours", "Behaviours", ItemKind.EXERCISE, 40),
        AgendaItem("break", "Break", ItemKind.BREAK, 15),
        AgendaItem("tables", "Table work", ItemKind.TABLE, 40),
        AgendaItem("evaluation", "Evaluation", ItemKind.EVALUATION, 10),
    ),
    questions=(),
)
_counter = iter(range(10**9))


def ev(kind: EventKind, item: str, minute: float, **extra) -> AgendaEvent:
    return AgendaEvent(
        id=f"e{next(_counter)}",
        cohort="c",
        day=2,
        kind=kind,
        item=item,
        at=iso(T0 + timedelta(minutes=minute)),
        **extra,
    )


def at(minute: float) -> datetime:
    return T0 + timedelta(minutes=minute)


def test_nothing_started_is_not_started_with_the_first_item_up() -> None:
    clock = day_clock(PLAN, [], at(-5), day_date=date(2017, 11, 24))
    assert clock.state is DayState.NOT_STARTED
    assert clock.current.key == "welcome"
    assert clock.current.remaining_seconds == 600
    assert clock.next.key == "behaviours"
    assert clock.projected_end == clock.planned_end == at(115)


def test_a_running_item_counts_down_from_its_start() -> None:
    clock = day_clock(PLAN, [ev(EventKind.START, "welcome", 0)], at(3.5))
    assert clock.state is DayState.RUNNING
    assert clock.current.remaining_seconds == 390
    assert clock.current.level is Level.OK


def test_pause_stops_time_and_resume_continues_it() -> None:
    events = [
        ev(EventKind.START, "welcome", 0),
        ev(EventKind.PAUSE, "welcome", 2),
        ev(EventKind.RESUME, "welcome", 7),
    ]
    paused = day_clock(PLAN, events[:2], at(6))
    assert paused.state is DayState.PAUSED
    assert paused.current.running_seconds == 120
    resumed = day_clock(PLAN, events, at(8))
    assert resumed.current.running_seconds == 180


def test_running_item_is_only_an_item_whose_time_goes_on() -> None:
    start = ev(EventKind.START, "welcome", 0)
    assert running_item(day_clock(PLAN, [], at(1))) is None  # nothing started
    assert running_item(day_clock(PLAN, [start], at(3.5))) == ("Welcome", "06:30 left")
    assert running_item(day_clock(PLAN, [start], at(12))) == ("Welcome", "+02:00 over")
    paused = [start, ev(EventKind.PAUSE, "welcome", 2)]
    assert running_item(day_clock(PLAN, paused, at(6))) is None
    finished = [start, ev(EventKind.FINISH, "welcome", 9)]
    assert running_item(day_clock(PLAN, finished, at(10))) is None  # the next one waits


def test_amber_at_two_minutes_or_a_fifth_whichever_is_more() -> None:
    start = [ev(EventKind.START, "behaviours", 0)]
    assert day_clock(PLAN, start, at(31.9)).current.level is Level.OK
    assert day_clock(PLAN, start, at(32)).current.level is Level.AMBER  # 8 of 40 min left
    short = [ev(EventKind.START, "welcome", 0)]
    assert day_clock(PLAN, short, at(7.9)).current.level is Level.OK
    assert day_clock(PLAN, short, at(8)).current.level is Level.AMBER  # 2 of 10 min left


def test_past_zero_it_counts_up_as_overrun() -> None:
    clock = day_clock(PLAN, [ev(EventKind.START, "welcome", 0)], at(13))
    assert clock.state is DayState.OVERRUN
    assert clock.current.remaining_seconds == -180
    assert clock.current.level is Level.OVER
    assert clock.drift_seconds == 180


def test_a_day_is_behind_from_a_minute_over_its_plan() -> None:
    start = [ev(EventKind.START, "welcome", 0)]
    assert not day_clock(PLAN, start, at(10.98)).behind  # 59 s over
    assert day_clock(PLAN, start, at(11)).behind  # a minute over: time can be given back
    skipped = [ev(EventKind.SKIP, "welcome", 0), ev(EventKind.START, "behaviours", 0)]
    assert not day_clock(PLAN, skipped, at(1)).behind  # ahead


def test_a_day_done_late_has_nothing_left_to_give_back() -> None:
    """The day ended 5 min over its plan: it says so, but no time can be given back."""
    late, minute = [], 0  # the welcome runs 5 min over, every other item to its minutes
    for item, minutes in (("welcome", 15), ("behaviours", 40), ("break", 15), ("tables", 40)):
        late += [ev(EventKind.START, item, minute), ev(EventKind.FINISH, item, minute + minutes)]
        minute += minutes
    late.append(ev(EventKind.START, "evaluation", minute))
    assert day_clock(PLAN, late, at(minute + 2)).behind  # the evaluation could give time
    done = [*late, ev(EventKind.FINISH, "evaluation", minute + 10)]
    clock = day_clock(PLAN, done, at(minute + 11))
    assert clock.drift_seconds > 60 and not clock.behind
    assert suggest_trims(clock) == []


def test_extend_adds_and_removes_minutes() -> None:
    events = [
        ev(EventKind.START, "welcome", 0),
        ev(EventKind.EXTEND, "welcome", 1, seconds=300),
        ev(EventKind.EXTEND, "welcome", 2, seconds=-60),
    ]
    clock = day_clock(PLAN, events, at(5))
    assert clock.current.allotted_seconds == 840
    assert clock.current.remaining_seconds == 540


def test_extend_never_makes_an_item_shorter_than_nothing() -> None:
    events = [ev(EventKind.EXTEND, "welcome", 0, seconds=-601)]
    assert day_clock(PLAN, events, at(1)).items[0].allotted_seconds == 600


def test_next_finishes_the_item_and_starts_the_following_one() -> None:
    events = [
        ev(EventKind.START, "welcome", 0),
        ev(EventKind.FINISH, "welcome", 12),
        ev(EventKind.START, "behaviours", 12),
    ]
    clock = day_clock(PLAN, events, at(20))
    welcome = clock.items[0]
    assert welcome.status is ItemStatus.FINISHED and welcome.actual_seconds == 720
    assert clock.current.key == "behaviours"
    assert clock.current.remaining_seconds == 32 * 60
    assert clock.drift_seconds == 120


def test_starting_an_item_finishes_the_one_running() -> None:
    events = [ev(EventKind.START, "welcome", 0), ev(EventKind.START, "break", 5)]
    clock = day_clock(PLAN, events, at(6))
    assert clock.items[0].status is ItemStatus.FINISHED
    assert clock.current.key == "break"


def test_two_terminals_pressing_next_at_once_count_once() -> None:
    pair = [ev(EventKind.FINISH, "welcome", 10), ev(EventKind.START, "behaviours", 10)]
    once = day_clock(PLAN, [ev(EventKind.START, "welcome", 0), *pair], at(11))
    twice = day_clock(PLAN, [ev(EventKind.START, "welcome", 0), *pair, *pair], at(11))
    assert once.items == twice.items


def test_skip_marks_the_item_and_it_takes_no_time() -> None:
    events = [ev(EventKind.SKIP, "welcome", 0), ev(EventKind.START, "behaviours", 0)]
    clock = day_clock(PLAN, events, at(1))
    assert clock.items[0].status is ItemStatus.SKIPPED
    assert clock.current.key == "behaviours"
    assert clock.drift_seconds == -600  # the skipped ten minutes are saved


def test_the_day_finishes_after_the_last_item() -> None:
    events = []
    minute = 0
    for item in PLAN.items:
        events.append(ev(EventKind.START, item.key, minute))
        minute += item.minutes
        events.append(ev(EventKind.FINISH, item.key, minute))
    clock = day_clock(PLAN, events, at(200))
    assert clock.state is DayState.FINISHED
    assert clock.current is None
    assert clock.projected_end == at(115)
    assert all(item.actual_seconds == item.planned_seconds for item in clock.items)


def test_an_inserted_item_is_unplanned_and_takes_its_place() -> None:
    events = [
        ev(EventKind.START, "welcome", 0),
        ev(EventKind.INSERT, "extra-1", 1, title="Extra discussion", minutes=10, after="welcome"),
    ]
    clock = day_clock(PLAN, events, at(2))
    assert [i.key for i in clock.items][:3] == ["welcome", "extra-1", "behaviours"]
    assert clock.items[1].unplanned and clock.items[1].planned_seconds == 600
    assert clock.next.key == "extra-1"
    assert clock.drift_seconds == 600


def test_moving_an_item_reorders_only_what_is_still_to_come() -> None:
    events = [
        ev(EventKind.START, "welcome", 0),
        ev(EventKind.MOVE, "tables", 1, after="welcome"),
        ev(EventKind.MOVE, "welcome", 2, after="tables"),
        ev(EventKind.MOVE, "evaluation", 3, after=""),
    ]
    keys = [i.key for i in day_clock(PLAN, events, at(4)).items]
    assert keys == ["welcome", "evaluation", "tables", "behaviours", "break"]


def test_a_note_is_kept_per_item_and_the_latest_wins() -> None:
    events = [
        ev(EventKind.NOTE, "break", 0, text="tea late"),
        ev(EventKind.NOTE, "break", 1, text="tea arrived"),
    ]
    assert day_clock(PLAN, events, at(2)).items[2].note == "tea arrived"


def test_the_plan_sits_on_the_day_it_actually_started() -> None:
    later = T0 + timedelta(days=3000)
    clock = day_clock(
        PLAN, [AgendaEvent("x", "c", 2, EventKind.START, "welcome", iso(later))], later
    )
    assert clock.planned_start.date() == later.date()


def test_keys_compose_the_right_events() -> None:
    fresh = day_clock(PLAN, [], at(0))
    assert actions_for_space(fresh) == [(EventKind.START, "welcome")]
    assert actions_for_next(fresh) == [(EventKind.START, "welcome")]
    running = day_clock(PLAN, [ev(EventKind.START, "welcome", 0)], at(1))
    assert actions_for_space(running) == [(EventKind.PAUSE, "welcome")]
    assert actions_for_next(running) == [
        (EventKind.FINISH, "welcome"),
        (EventKind.START, "behaviours"),
    ]
    assert actions_for_skip(running) == [
        (EventKind.SKIP, "welcome"),
        (EventKind.START, "behaviours"),
    ]
    assert actions_for_skip(fresh) == [(EventKind.SKIP, "welcome")]


def test_trims_cover_the_minutes_behind_from_flexible_items_only() -> None:
    events = [ev(EventKind.START, "welcome", 0)]
    clock = day_clock(PLAN, events, at(22))  # twelve minutes over
    trims = suggest_trims(clock)
    assert sum(t.minutes for t in trims) == 12
    assert {t.key for t in trims} <= {"behaviours", "tables"}
    assert all(t.to_minutes >= 0.75 * t.from_minutes for t in trims)


def test_no_trims_when_on_time() -> None:
    assert suggest_trims(day_clock(PLAN, [ev(EventKind.START, "welcome", 0)], at(1))) == []


# ---------------------------------------------------------------- properties

kinds = st.sampled_from(list(EventKind))
keys = st.sampled_from([item.key for item in PLAN.items])
raw_events = st.lists(
    st.tuples(kinds, keys, st.floats(0, 300, allow_nan=False), st.integers(-900, 900)),
    max_size=40,
)


def build(raw) -> list[AgendaEvent]:
    events = []
    for kind, key, minute, seconds in sorted(raw, key=lambda r: r[2]):
        extra = {}
        if kind is EventKind.EXTEND:
            extra = {"seconds": seconds}
        elif kind is EventKind.INSERT:
            extra = {"title": "Extra", "minutes": abs(seconds) // 60 + 1, "after": key}
            key = f"extra-{minute}"
        elif kind is EventKind.MOVE:
            extra = {"after": key}
        elif kind is EventKind.UNDO and events:
            extra = {"undoes": events[abs(seconds) % len(events)].id}
        events.append(ev(kind, key, minute, **extra))
    return events


@settings(max_examples=300, deadline=None)
@given(raw_events, st.floats(0, 400, allow_nan=False))
def test_any_sequence_gives_non_negative_running_time(raw, minute) -> None:
    clock = day_clock(PLAN, build(raw), at(minute))
    assert all(item.running_seconds >= 0 for item in clock.items)
    assert sum(item.status in (ItemStatus.RUNNING, ItemStatus.PAUSED) for item in clock.items) <= 1
    assert len({item.key for item in clock.items}) == len(clock.items)
    assert clock.state in DayState


@settings(max_examples=300, deadline=None)
@given(raw_events, st.integers(-300, 3600), st.floats(0, 400, allow_nan=False))
def test_an_extension_changes_remaining_time_by_exactly_its_seconds(raw, seconds, minute) -> None:
    events = build(raw)
    minute = max([minute, *(r[2] for r in raw)])  # the extension comes last
    before = day_clock(PLAN, events, at(minute))
    target = before.items[0]
    if target.allotted_seconds + seconds < 0:
        return
    extended = [*events, ev(EventKind.EXTEND, target.key, minute, seconds=seconds)]
    after = day_clock(PLAN, extended, at(minute))
    [same] = [i for i in after.items if i.key == target.key]
    assert same.remaining_seconds == pytest.approx(target.remaining_seconds + seconds)


@settings(max_examples=300, deadline=None)
@given(raw_events, st.floats(0, 120, allow_nan=False), st.floats(0, 120, allow_nan=False))
def test_while_paused_time_stands_still(raw, pause_at, wait) -> None:
    events = build([r for r in raw if r[2] < pause_at])
    clock = day_clock(PLAN, events, at(pause_at))
    current = clock.current
    if current is None or current.status is not ItemStatus.RUNNING:
        return
    paused = [*events, ev(EventKind.PAUSE, current.key, pause_at)]
    first = day_clock(PLAN, paused, at(pause_at))
    later = day_clock(PLAN, paused, at(pause_at + wait))
    assert later.current.running_seconds == pytest.approx(first.current.running_seconds)


@settings(max_examples=200, deadline=None)
@given(raw_events, st.floats(0, 300, allow_nan=False), st.floats(0, 100, allow_nan=False))
def test_time_only_moves_forward(raw, minute, step) -> None:
    events = build(raw)
    now = day_clock(PLAN, events, at(minute))
    later = day_clock(PLAN, events, at(minute + step))
    for a, b in zip(now.items, later.items, strict=True):
        assert b.running_seconds >= a.running_seconds


# ---------------------------------------------------------------- undo


def undo_of(events: list[AgendaEvent], minute: float) -> list[AgendaEvent]:
    ids = (f"u{n}" for n in range(10**6))
    return undo_events(events, lambda: next(ids), iso(at(minute)))


def test_an_undo_names_the_event_it_cancels_and_replay_leaves_both_out() -> None:
    start = ev(EventKind.START, "welcome", 0)
    plus = ev(EventKind.EXTEND, "welcome", 1, seconds=60)
    [undo] = undo_of([plus], 2)
    assert (undo.kind, undo.item, undo.undoes) == (EventKind.UNDO, "welcome", plus.id)
    assert standing_events([start, plus, undo]) == [start]
    clock = day_clock(PLAN, [start, plus, undo], at(3))
    assert clock.items[0].extension_seconds == 0
    assert clock.items[0].remaining_seconds == 7 * 60


def test_undoing_next_restores_the_running_item() -> None:
    start = ev(EventKind.START, "welcome", 0)
    finish, following = ev(EventKind.FINISH, "welcome", 9), ev(EventKind.START, "behaviours", 9)
    events = [start, finish, following, *undo_of([finish, following], 10)]
    clock = day_clock(PLAN, events, at(11))
    assert clock.current.key == "welcome"
    assert clock.current.status is ItemStatus.RUNNING
    assert clock.items[1].status is ItemStatus.PENDING


def test_an_undone_first_start_does_not_fix_the_day_date() -> None:
    early = AgendaEvent("s0", "c", 2, EventKind.START, "welcome", "2017-11-20T09:30:00+00:00")
    events = [early, *undo_of([early], 1)]
    clock = day_clock(PLAN, events, at(0), day_date=date(2017, 11, 24))
    assert not clock.started
    assert clock.planned_start == T0


def test_the_day_started_with_its_first_start_that_stands() -> None:
    early = ev(EventKind.START, "welcome", 0)
    again = ev(EventKind.START, "welcome", 5)
    assert day_started([]) is None
    assert day_started([again, early]) == at(0)
    assert day_started([early, *undo_of([early], 1), again]) == at(5)


def test_the_words_say_what_an_action_did() -> None:
    titles = {"welcome": "Welcome", "behaviours": "Behaviours"}
    assert event_words(ev(EventKind.EXTEND, "welcome", 0, seconds=60), "Welcome") == (
        "+1 min on Welcome"
    )
    assert event_words(ev(EventKind.EXTEND, "welcome", 0, seconds=-300), "Welcome") == (
        "-5 min on Welcome"
    )
    insert = ev(EventKind.INSERT, "extra-1", 0, title=" Tea ", minutes=5)
    assert event_words(insert, "extra-1") == "“Tea” added"
    pair = [ev(EventKind.FINISH, "welcome", 0), ev(EventKind.START, "behaviours", 0)]
    assert action_words(pair, titles) == "Welcome finished, Behaviours started"


@settings(max_examples=300, deadline=None)
@given(raw_events, st.floats(0, 400, allow_nan=False))
def test_undoing_the_last_event_equals_the_log_without_it(raw, minute) -> None:
    events = build(raw)
    if not events or events[-1].kind is EventKind.UNDO:
        return
    later = max(minute, 300)
    undone = day_clock(PLAN, [*events, *undo_of(events[-1:], later)], at(later))
    assert undone == day_clock(PLAN, events[:-1], at(later))


@settings(max_examples=300, deadline=None)
@given(raw_events, st.integers(0, 10**6), st.floats(0, 400, allow_nan=False))
def test_undoing_any_event_equals_the_log_without_it(raw, pick, minute) -> None:
    events = build(raw)
    targets = [e for e in events if e.kind is not EventKind.UNDO]
    if not targets:
        return
    target = targets[pick % len(targets)]
    later = max(minute, 300)
    undone = day_clock(PLAN, [*events, *undo_of([target], later)], at(later))
    without = [e for e in events if e.id != target.id]
    assert undone == day_clock(PLAN, without, at(later))


# ---------------------------------------------------------------- titles cut at a word


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis() -> None:
    title = "Darzi Fellow case studies: two presentations at each table"
    assert cut_words(title, 40) == "Darzi Fellow case studies: two…"
    assert cut_words("Participants and coaches: feedback", 30) == "Participants and coaches…"
    assert cut_words("Short", 40) == "Short"


def test_a_narrow_cut_keeps_part_of_a_long_word_rather_than_too_little() -> None:
    label = "The collaborative behaviours exercise"
    assert cut_words(label, 12) == "The…"
    assert cut_words(label, 12, keep=6) == "The collabo…"  # a word break would keep only 3
    assert cut_words(label, 30, keep=15) == "The collaborative behaviours…"


@settings(max_examples=300)
@given(
    st.text(st.sampled_from("abc ,:"), max_size=60).filter(lambda t: t.strip()),
    st.integers(2, 50),
)
def test_a_cut_title_fits_and_never_ends_mid_word(title: str, width: int) -> None:
    whole = " ".join(title.split())
    cut = cut_words(title, width)
    assert len(cut) <= width
    if cut == whole:
        return
    assert cut.endswith("…")
    kept = cut[:-1]
    assert whole.startswith(kept)
    first_word_too_long = " " not in whole[:width]
    assert first_word_too_long or not whole[len(kept)].isalpha()


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0, "on time"),
        (59, "on time"),
        (7 * 60, "7 min behind"),
        (-3 * 60 - 5, "3 min ahead"),
        (119 * 60, "119 min behind"),
        (125 * 60, "2 h 5 min behind"),
        (-3 * 3600, "3 h ahead"),
        (4738027 * 60, "3,290 days behind"),  # a 2017 day run in 2026 (the demo)
    ],
)
def test_the_drift_in_words(seconds: float, said: str) -> None:
    assert drift_words(seconds) == said
