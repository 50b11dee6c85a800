"""The live day: the latest record, else today's date, else the first day not finished."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.clock import iso
from lp_tui.domain.live_day import (
    LiveDay,
    date_words,
    day_finished,
    day_label,
    day_progress,
    latest,
    live_day,
)
from lp_tui.domain.model import Cohort
from lp_tui.domain.timers import AgendaEvent, EventKind
from lp_tui.store.files import load_programme

DATES = ("2017-11-23", "2017-11-24", "2018-01-16")
COHORT = Cohort("c", "London", "effective-lay-partner", DATES, "")
START = datetime(2017, 11, 24, 9, 0, tzinfo=UTC)
NOTHING_FINISHED: frozenset[int] = frozenset()


def record(day: int, minutes: float, cohort: str = "c") -> LiveDay:
    return LiveDay(f"r{day}-{minutes}", cohort, day, iso(START + timedelta(minutes=minutes)))


def test_the_latest_record_wins_over_the_date_and_the_agenda() -> None:
    records = [record(3, 0), record(2, 5), record(1, 2)]
    assert live_day(COHORT, records, date(2017, 11, 23), NOTHING_FINISHED.__contains__) == 2


def test_with_no_record_the_day_whose_date_is_today() -> None:
    assert live_day(COHORT, [], date(2018, 1, 16), NOTHING_FINISHED.__contains__) == 3
    assert live_day(COHORT, [], date(2017, 11, 24), {1, 2, 3}.__contains__) == 2


def test_off_the_dates_the_first_day_not_finished() -> None:
    """A rehearsal, the demo: Day 1, not Day 3."""
    rehearsal = date(2026, 11, 26)
    assert live_day(COHORT, [], rehearsal, NOTHING_FINISHED.__contains__) == 1
    assert live_day(COHORT, [], rehearsal, {1}.__contains__) == 2
    assert live_day(COHORT, [], rehearsal, {1, 3}.__contains__) == 2


def test_every_day_finished_gives_the_last() -> None:
    assert live_day(COHORT, [], date(2026, 1, 1), {1, 2, 3}.__contains__) == 3


def test_a_record_naming_a_day_the_cohort_has_not_is_ignored() -> None:
    assert live_day(COHORT, [record(7, 9)], date(2018, 1, 16), set().__contains__) == 3


def test_of_two_records_at_one_moment_the_later_stored_wins() -> None:
    first, second = record(1, 0), record(3, 0)
    assert latest([first, second], [1, 2, 3]) is second
    assert latest([second, first], [1, 2, 3]) is first
    assert latest([], [1, 2, 3]) is None


def test_finished_is_asked_only_when_needed() -> None:
    asked: list[int] = []

    def finished(day: int) -> bool:
        asked.append(day)
        return day == 1

    assert live_day(COHORT, [record(3, 1)], date(2026, 1, 1), finished) == 3
    assert asked == []
    assert live_day(COHORT, [], date(2026, 1, 1), finished) == 2
    assert asked == [1, 2]


def test_a_cohort_without_dates_still_has_a_day() -> None:
    undated = Cohort("u", "Undated", "p", ("", "", ""), "")
    assert live_day(undated, [], date(2026, 1, 1), set().__contains__) == 1


# ---------------------------------------------------------------- finished, from the agenda


def events_for(day: int, keys: list[str], kind: EventKind = EventKind.SKIP) -> list[AgendaEvent]:
    return [
        AgendaEvent(f"e{n}", "c", day, kind, key, iso(START + timedelta(minutes=n)))
        for n, key in enumerate(keys)
    ]


def test_a_day_is_finished_when_every_item_is_done() -> None:
    plan = load_programme("effective-lay-partner").day(1)
    keys = [item.key for item in plan.items]
    assert not day_finished(plan, [])
    assert day_progress(plan, []) == "not started"
    assert not day_finished(plan, events_for(1, keys[:-1]))
    assert day_progress(plan, events_for(1, keys[:-1])) == "under way"
    assert day_finished(plan, events_for(1, keys))
    assert day_progress(plan, events_for(1, keys)) == "finished"


def test_a_started_item_makes_the_day_under_way() -> None:
    plan = load_programme("effective-lay-partner").day(2)
    started = events_for(2, [plan.items[0].key], EventKind.START)
    assert day_progress(plan, started) == "under way"
    assert not day_finished(plan, started)


def test_the_label_says_which_day_is_live() -> None:
    when = date(2017, 11, 24)
    assert day_label(2, 3, "Collaboration", when) == "Day 2 of 3 · Collaboration · Fri 24 Nov 2017"
    assert day_label(2, 3, "Collaboration", when, live=2) == (
        "Day 2 of 3 · live · Collaboration · Fri 24 Nov 2017"
    )
    assert day_label(1, 3, "Co-production", None, live=2) == (
        "Day 1 of 3 · live: Day 2 · Co-production"
    )
    assert date_words(when) == "Fri 24 Nov 2017" and date_words(None) == ""


def test_the_short_label_leaves_the_year_out() -> None:
    when = date(2017, 11, 24)
    assert day_label(2, 3, "Collaboration", when, live=2, short=1) == (
        "Day 2 of 3 · live · Collaboration · Fri 24 Nov"
    )
    assert day_label(1, 3, "Co-production", None, short=1) == "Day 1 of 3 · Co-production"
    assert day_label(3, 3, "Continuing Development", date(2018, 1, 16), live=3, short=2) == (
        "Day 3 · live · Continuing Development · 16 Jan"
    )


# ---------------------------------------------------------------- for every input

moments = st.integers(min_value=0, max_value=10_000)
records_strategy = st.lists(
    st.builds(record, st.integers(min_value=0, max_value=5), moments), max_size=12
)
finished_sets = st.frozensets(st.integers(min_value=1, max_value=3))
todays = st.dates(min_value=date(2017, 1, 1), max_value=date(2019, 1, 1))


@given(records_strategy, todays, finished_sets)
def test_the_live_day_is_always_a_day_of_the_cohort(records, today, finished) -> None:
    assert live_day(COHORT, records, today, finished.__contains__) in COHORT.days


@given(records_strategy, todays, finished_sets)
def test_a_valid_record_decides_whatever_else_holds(records, today, finished) -> None:
    valid = [r for r in records if r.day in COHORT.days]
    day = live_day(COHORT, records, today, finished.__contains__)
    if valid:
        newest = max(r.at for r in valid)
        assert day in {r.day for r in valid if r.at == newest}
        assert day == [r for r in valid if r.at == newest][-1].day


@given(todays, finished_sets)
def test_without_records_today_else_first_unfinished_else_last(today, finished) -> None:
    day = live_day(COHORT, [], today, finished.__contains__)
    dated = [n for n in COHORT.days if COHORT.date_of(n) == today]
    unfinished = [n for n in COHORT.days if n not in finished]
    if dated:
        assert day == dated[0]
    elif unfinished:
        assert day == unfinished[0]
    else:
        assert day == COHORT.days[-1]


newest_records = st.builds(record, st.sampled_from([1, 2, 3]), st.just(20_000))


@given(records_strategy, todays, finished_sets, newest_records)
def test_a_newer_record_always_takes_over(records, today, finished, newest) -> None:
    assert live_day(COHORT, [*records, newest], today, finished.__contains__) == newest.day
