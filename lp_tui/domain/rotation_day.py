"""A day's rotation from the cohort's records: its agenda item, presenters and tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from lp_tui.domain.model import (
    AttendanceStatus,
    Dropout,
    Person,
    PresenterFeedback,
    Role,
    RotationPlan,
    Seating,
)
from lp_tui.domain.programme import AgendaItem, DayPlan, ItemKind
from lp_tui.domain.rotation import RoundClock, clock_of_rounds, plan, replan
from lp_tui.domain.seating import day_seating, present
from lp_tui.domain.text import listed
from lp_tui.domain.timers import ItemView


def rotation_item(day: DayPlan) -> AgendaItem | None:
    return next((item for item in day.items if item.kind is ItemKind.ROTATION), None)


def rotation_days(days: Iterable[DayPlan]) -> list[int]:
    """The numbers of the days whose agenda holds a case-study rotation."""
    return [day.number for day in days if rotation_item(day) is not None]


def day_presenters(people: Sequence[Person], item: AgendaItem) -> list[Person]:
    return sorted(
        (p for p in people if p.role is Role.PRESENTER and p.presenter_kind is item.presenters),
        key=lambda p: p.name.casefold(),
    )


def day_tables(
    seatings: Sequence[Seating],
    day: int,
    people: Sequence[Person],
    marks: dict[str, AttendanceStatus],
) -> tuple[int, ...]:
    """The day's table numbers: its seating, else the last earlier one, else as many as the
    present participants would fill."""
    seating = day_seating(seatings, day)
    if seating is not None:
        return tuple(t.number for t in seating.tables)
    from lp_tui.domain.allocation import table_sizes  # planning: not a coach's view

    return tuple(range(1, len(table_sizes(len(present(people, marks)))) + 1))


def tables_changed(planned: Sequence[int], now: Sequence[int] | None) -> str:
    """What to say when the day's tables were allocated again after its rotation was planned:
    a planned table gone, or a new one that hears nobody ('' while they are the same, or when
    there is no seating to compare: ``now`` None)."""
    if now is None or set(now) == set(planned):
        return ""
    gone = [n for n in planned if n not in now]
    new = [n for n in now if n not in planned]
    parts = []
    if gone:
        parts.append(f"{_tables(gone)} gone")
    if new:
        parts.append(f"{_tables(new)} new, visited by nobody")
    return f"⚠ The tables changed after this plan ({'; '.join(parts)}): P plans it again"


def _tables(numbers: Sequence[int]) -> str:
    return f"{'table' if len(numbers) == 1 else 'tables'} {listed(numbers)}"


def plan_day(
    *,
    plan_id: str,
    cohort: str,
    day: int,
    at: str,
    item: AgendaItem,
    presenters: Sequence[Person],
    marks: dict[str, AttendanceStatus],
    tables: Sequence[int],
) -> RotationPlan:
    """A fresh plan with the presenters who are not marked absent. One marked late has no
    visit in round 1 where a presenter who is here can take it (the round-1 visit moves to
    them, or to a later round), as when someone is marked late after the plan was made."""
    here = [p for p in presenters if marks.get(p.id) is not AttendanceStatus.ABSENT]
    if not here:
        raise ValueError("no presenters for this rotation (none on the roster, or all absent)")
    if not tables:
        raise ValueError("no tables to visit")
    visits = min(item.visits, len(here))
    rotation = plan(len(tables), len(here), visits)
    late = [i for i, p in enumerate(here) if marks.get(p.id) is AttendanceStatus.LATE]
    if late and len(late) < len(here):
        rotation = replan(rotation, done=0, away={i: {1} for i in late}).rotation
    return RotationPlan(
        id=plan_id,
        cohort=cohort,
        day=day,
        at=at,
        item=item.key,
        presenters=tuple(p.id for p in here),
        tables=tuple(tables),
        visits_per_table=visits,
        visits=rotation.visits,
        dropped=tuple(
            Dropout(p.id, 1) for p in presenters if marks.get(p.id) is AttendanceStatus.ABSENT
        ),
    )


def table_visitors(plan: RotationPlan, table: int) -> list[tuple[int, str]]:
    """(round, presenter id) of each visit the plan gives a table, in round order."""
    if table not in plan.tables:
        return []
    number = plan.tables.index(table) + 1
    return [
        (v.round, plan.presenters[v.presenter])
        for v in sorted(plan.visits)
        if v.table == number and 0 <= v.presenter < len(plan.presenters)
    ]


def visiting_now(plan: RotationPlan, table: int, clock: RoundClock) -> tuple[int, str] | None:
    """The visit a table is in (or, between rounds and after, the one it has just had)."""
    visits = table_visitors(plan, table)
    if clock.phase == "before":
        return next(iter(visits), None)
    current = clock.round if clock.phase == "round" else clock.rounds_done(plan.rotation().rounds)
    had = [(r, p) for r, p in visits if r <= current]
    return had[-1] if had else next(iter(visits), None)


def rotation_round(
    plan: RotationPlan | None, item: AgendaItem, view: ItemView | None
) -> RoundClock:
    """Where the rotation item's rounds are, from its place on the day's clock."""
    from lp_tui.domain.rotation_change import item_timing, plan_lengths  # while one runs

    timing = item_timing(item, view)
    lengths = plan_lengths(plan, timing) if plan is not None else []
    clock = clock_of_rounds(lengths, timing.running_seconds, timing.changeover_seconds)
    if view is not None and view.status.done and clock.phase != "after":
        # the item ended (next, or skipped) before its time ran out: so did the rotation, at
        # the last round that had begun (0: none had; in a move, the round before it)
        reached = {"round": clock.round, "move": clock.round - 1}.get(clock.phase, 0)
        return RoundClock("after", reached, 0.0, clock.round_seconds)
    return clock


def visit_notes(
    feedback: Iterable[PresenterFeedback], number: int, table: int, presenter: str
) -> dict[str, PresenterFeedback]:
    """What a visit (round, table, presenter) already has noted: the latest of each kind."""
    return {
        f.kind: f for f in feedback if (f.round, f.table, f.presenter) == (number, table, presenter)
    }


def revised_notes(
    noted: Mapping[str, PresenterFeedback],
    answers: Mapping[str, str],
    fresh: Callable[[str, str], PresenterFeedback],
) -> list[PresenterFeedback]:
    """What an edit of a visit's notes stores: for each kind whose answer differs from its note,
    a new note (``fresh(kind, text)``) that replaces the noted one; an answer emptied takes the
    note back (withdrawn); an answer as it was, or still empty, stores nothing."""
    records = []
    for kind, text in answers.items():
        before = noted.get(kind)
        if text == (before.text if before else ""):
            continue
        records.append(
            replace(fresh(kind, text), replaces=before.id if before else "", withdrawn=not text)
        )
    return records
