"""Which day of a cohort is live: the one the facilitator opened or last acted on.

The live day is a stored fact, like the agenda clock: a ``LiveDay`` record is appended when the
facilitator opens a day (``lp-tui run --day N``, or switching day in the app) and when they act
on a day that is not the live one. Every view without an explicit ``--day`` follows it, so one
room has one "now". Before any record: the day whose date is today; else the first day whose
agenda is not finished; else the last day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from lp_tui.domain.model import Cohort
from lp_tui.domain.programme import DayPlan
from lp_tui.domain.timers import AgendaEvent, day_clock

# Whether an item is done does not depend on the moment asked about: any moment will do.
_ANY_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class LiveDay:
    """The facilitator opened (or acted on) ``day`` at ``at``."""

    id: str
    cohort: str
    day: int
    at: str


def latest(records: Iterable[LiveDay], days: Sequence[int]) -> LiveDay | None:
    """The newest record naming one of ``days`` (of two at the same moment, the later one)."""
    best: tuple[datetime, int] | None = None
    chosen: LiveDay | None = None
    for index, record in enumerate(records):
        if record.day not in days:
            continue
        key = (datetime.fromisoformat(record.at), index)
        if best is None or key >= best:
            best, chosen = key, record
    return chosen


def day_finished(plan: DayPlan, events: Sequence[AgendaEvent]) -> bool:
    """Every item of the day's agenda (inserted ones too) finished or skipped."""
    return day_progress(plan, events) == "finished"


def live_day(
    cohort: Cohort,
    records: Iterable[LiveDay],
    today: date,
    finished: Callable[[int], bool],
) -> int:
    """The day the room is on.

    The latest live-day record; with none, the day whose date is today; else the first day not
    yet finished; else the last day. ``finished(day)`` is asked only when it is needed.
    """
    days = list(cohort.days)
    if not days:
        return 1
    chosen = latest(records, days)
    if chosen is not None:
        return chosen.day
    for day in days:
        if cohort.date_of(day) == today:
            return day
    for day in days:
        if not finished(day):
            return day
    return days[-1]


def day_label(
    day: int,
    count: int,
    title: str,
    when: date | None,
    *,
    live: int | None = None,
    short: int = 0,
) -> str:
    """E.g. 'Day 2 of 3 · live · Collaboration · Fri 24 Nov 2017'. Shorter for a narrow
    terminal's header: ``short`` 1 leaves the year out of the date ('… · Fri 24 Nov'), 2 also
    the day count and the weekday ('Day 2 · live · Collaboration · 24 Nov').

    ``live`` is the room's live day, when known: the label says whether this day is it, next to
    the day's number, where a narrow terminal's header still shows it.
    """
    parts = [f"Day {day}" if short >= 2 else f"Day {day} of {count}"]
    if live is not None:
        parts.append("live" if live == day else f"live: Day {live}")
    parts.append(title)
    if when is not None:
        parts.append(date_words(when, year=not short, weekday=short < 2))
    return " · ".join(parts)


def date_words(when: date | None, *, year: bool = True, weekday: bool = True) -> str:
    """A day's date as labels show it, e.g. 'Fri 24 Nov 2017' ('' for an undated day)."""
    if when is None:
        return ""
    shown = when.strftime("%d %b %Y" if year else "%d %b")
    return f"{when.strftime('%a')} {shown}" if weekday else shown


def day_progress(plan: DayPlan, events: Sequence[AgendaEvent]) -> str:
    """'finished', 'under way' or 'not started', from the day's agenda events."""
    if not events:
        return "not started"
    clock = day_clock(plan, events, _ANY_MOMENT)
    if all(item.status.done for item in clock.items):
        return "finished"
    if any(item.started_at is not None or item.status.done for item in clock.items):
        return "under way"
    return "not started"
