"""A day's tally broken down by the table each form came from and by that table's coach.

The report's lesson on doctor and non-doctor coaches needs the ratings per table and per coach.
Only the forms that stand are counted (as in ``tally``); a form that names no table (table 0)
is counted under "no table", and one whose table has no coach that day under no coach. Each
form is counted once, so the parts always add up to the day's whole tally.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lp_tui.domain.corrections import standing
from lp_tui.domain.model import EvaluationForm, Seating
from lp_tui.domain.programme import Question
from lp_tui.domain.tally import Tally, tally

NO_TABLE = 0


@dataclass(frozen=True, slots=True)
class TableTally:
    table: int  # NO_TABLE (0) for the forms that name no table
    coach: str  # the id of the table's coach that day; "" when none is known
    tally: Tally


@dataclass(frozen=True, slots=True)
class CoachTally:
    coach: str  # "" for the forms with no coach known (no table, or a table without a coach)
    tables: tuple[int, ...]  # the tables whose forms are counted here, "no table" (0) last
    tally: Tally


def any_table(forms: Sequence[EvaluationForm]) -> bool:
    """Whether any standing form names its table (else a breakdown says nothing)."""
    return any(form.table != NO_TABLE for form in standing(forms))


def _coach_of(seating: Seating | None) -> dict[int, str]:
    if seating is None:
        return {}
    return {t.number: t.coach or "" for t in seating.tables}


def _table_order(table: int) -> tuple[bool, int]:
    return (table == NO_TABLE, table)


def tally_by_table(
    day: int,
    questions: Sequence[Question],
    forms: Sequence[EvaluationForm],
    seating: Seating | None,
) -> tuple[TableTally, ...]:
    """Per table (in number order, "no table" last) the tally of the standing forms from it,
    with the coach the day's ``seating`` gives that table; a table with no forms is left out."""
    coach_of = _coach_of(seating)
    groups: dict[int, list[EvaluationForm]] = {}
    for form in standing(forms):
        groups.setdefault(form.table, []).append(form)
    return tuple(
        TableTally(
            table=number,
            coach="" if number == NO_TABLE else coach_of.get(number, ""),
            tally=tally(day, questions, groups[number]),
        )
        for number in sorted(groups, key=_table_order)
    )


def tally_by_coach(
    day: int,
    questions: Sequence[Question],
    forms: Sequence[EvaluationForm],
    seating: Seating | None,
) -> tuple[CoachTally, ...]:
    """Per coach (in the order of their first table, no coach last) the tally of the standing
    forms from the tables they led that day."""
    coach_of = _coach_of(seating)
    groups: dict[str, list[EvaluationForm]] = {}
    tables: dict[str, set[int]] = {}
    for form in standing(forms):
        coach = "" if form.table == NO_TABLE else coach_of.get(form.table, "")
        groups.setdefault(coach, []).append(form)
        tables.setdefault(coach, set()).add(form.table)
    order = sorted(groups, key=lambda c: (c == "", min(_table_order(t) for t in tables[c]), c))
    return tuple(
        CoachTally(
            coach=coach,
            tables=tuple(sorted(tables[coach], key=_table_order)),
            tally=tally(day, questions, groups[coach]),
        )
        for coach in order
    )
