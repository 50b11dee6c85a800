"""Whom a coach may write about: their own table's members, once there are tables."""

from __future__ import annotations

from lp_tui.domain.model import SeatedTable, Seating
from lp_tui.domain.seating import coach_table, outside_coach_table

SEATING = Seating(
    id="s",
    cohort="c",
    day=2,
    at="2017-11-24T09:00:00+00:00",
    how="allocate",
    tables=(
        SeatedTable(number=1, coach="coach-a", members=("p1", "p2")),
        SeatedTable(number=2, coach="coach-b", members=("p3",)),
    ),
)


def test_the_coach_table_is_the_one_they_lead() -> None:
    assert coach_table(SEATING, "coach-b") == SEATING.tables[1]
    assert coach_table(SEATING, "coach-z") is None
    assert coach_table(None, "coach-a") is None


def test_a_coach_writes_only_about_their_own_members() -> None:
    assert outside_coach_table(SEATING, "coach-a", "p2") == ""
    assert outside_coach_table(SEATING, "coach-a", "p3") == ("not at the coach's table 1 that day")


def test_a_coach_without_a_table_writes_about_nobody() -> None:
    assert outside_coach_table(SEATING, "coach-z", "p1") == "the coach has no table that day"


def test_before_any_tables_anyone_may_be_written_about() -> None:
    assert outside_coach_table(None, "coach-a", "p3") == ""
