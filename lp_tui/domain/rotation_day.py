"""A day's rotation from the cohort's records: its agenda item, presenters and tables."""

from __future__ import annotations

from collections.abc import Sequence

from lp_tui.domain.allocation import table_sizes
from lp_tui.domain.model import AttendanceStatus, Person, Role, Seating
from lp_tui.domain.programme import AgendaItem, DayPlan, ItemKind
from lp_tui.domain.rotation import Replan, RotationPlan, plan, replan
from lp_tui.domain.seating import day_seating, present


def rotation_item(day: DayPlan) -> AgendaItem | None:
    return next((item for item in day.items if item.kind is ItemKind.ROTATION), None)


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
    return tuple(range(1, len(table_sizes(len(present(people, marks)))) + 1))


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
    """A fresh plan with the presenters who are not marked absent."""
    here = [p for p in presenters if marks.get(p.id) is not AttendanceStatus.ABSENT]
    if not here:
        raise ValueError("no presenters for this rotation (none on the roster, or all absent)")
    if not tables:
        raise ValueError("no tables to visit")
    visits = min(item.visits, len(here))
    rotation = plan(len(tables), len(here), visits)
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
    )


def replan_day(
    current: RotationPlan,
    marks: dict[str, AttendanceStatus],
    *,
    done: int,
    plan_id: str,
    at: str,
) -> tuple[RotationPlan, Replan]:
    """Absent presenters lose their remaining visits; late ones the next round's."""
    away: dict[int, list[int] | None] = {}
    for index, person in enumerate(current.presenters):
        status = marks.get(person)
        if status is AttendanceStatus.ABSENT:
            away[index] = None
        elif status is AttendanceStatus.LATE:
            away[index] = [done + 1]
    result = replan(current.rotation(), done=done, away=away)
    new = RotationPlan(
        id=plan_id,
        cohort=current.cohort,
        day=current.day,
        at=at,
        item=current.item,
        presenters=current.presenters,
        tables=current.tables,
        visits_per_table=current.visits_per_table,
        visits=result.rotation.visits,
        how="replan",
        done=done,
    )
    return new, result
