"""From the cohort's records to the allocator's inputs, and back: who is present, the rules,
who already sat together, and the latest seating of a day.

The allocator (allocation.py) is imported by the functions that feed it or call it: a coach's
view reads the day's seating without it."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from lp_tui.domain.model import (
    AttendanceStatus,
    Person,
    Role,
    RuleKind,
    SeatedTable,
    Seating,
    TableRule,
)
from lp_tui.domain.text import plural

if TYPE_CHECKING:
    from lp_tui.domain.allocation import Allocation, Pair, Rules, Seat

PRESENT = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


def participants(people: Iterable[Person]) -> list[Person]:
    return sorted(
        (p for p in people if p.role is Role.PARTICIPANT), key=lambda p: p.name.casefold()
    )


def coaches(people: Iterable[Person]) -> list[Person]:
    return sorted((p for p in people if p.role is Role.COACH), key=lambda p: p.name.casefold())


def present(people: Iterable[Person], marks: dict[str, AttendanceStatus]) -> list[Person]:
    """Participants marked present or late; while no participant is checked in, everyone
    counts (a presenter or coach marked late or arrived is no check-in of the tables' people)."""
    everyone = participants(people)
    if not any(marks.get(p.id) in PRESENT for p in everyone):
        return everyone
    return [p for p in everyone if marks.get(p.id) in PRESENT]


def seat(person: Person) -> Seat:
    from lp_tui.domain.allocation import Seat

    return Seat(
        id=person.id,
        name=person.name,
        organisation=person.organisation,
        experience=person.experience,
        needs_access=person.accessible_table,
    )


def moved_said(moved: Sequence[tuple[str, int, int]], names: dict[str, str]) -> str:
    """Who a kept seating moves from where they sat before ((person, table, new table)), in
    words: 'Efua Boateng moved from table 6 to 1'; past three, how many; or that nobody did."""
    if not moved:
        return "nobody moved from where they sat before"
    if len(moved) > 3:
        return f"{len(moved)} moved from where they sat before"
    return "; ".join(f"{names.get(p, '?')} moved from table {a} to {b}" for p, a, b in moved)


def rule_said(rule: TableRule, names: dict[str, str]) -> str:
    """A seating rule in words, for the message that it is saved: 'Grace Nwosu pinned to
    table 2', 'Dorothy Kemp and Eileen Walsh kept apart', 'table 1 no longer accessible'."""
    person, other = names.get(rule.person, "?"), names.get(rule.other, "?")
    if rule.kind is RuleKind.PIN:
        return f"{person} pinned to table {rule.table}" if rule.active else f"{person} unpinned"
    if rule.kind is RuleKind.ACCESSIBLE:
        return f"table {rule.table} {'accessible' if rule.active else 'no longer accessible'}"
    how = "kept apart" if rule.kind is RuleKind.APART else "kept together"
    return f"{person} and {other} {how if rule.active else 'no longer ' + how}"


def pinned_stay(pinned: int) -> str:
    """Who stays put when everyone else may move: ' except 2 people pinned to their tables'
    (nothing when nobody is pinned)."""
    if not pinned:
        return ""
    where = "a table" if pinned == 1 else "their tables"
    return f" except {plural(pinned, 'person', 'people')} pinned to {where}"


def rules_from(records: Iterable[TableRule]) -> Rules:
    """The rules in force: for each rule the latest record decides."""
    from lp_tui.domain.allocation import Rules

    latest: dict[tuple[str, ...], TableRule] = {}
    for record in sorted(records, key=lambda r: r.at):
        latest[record.key] = record
    # a pair of one person (a hand-edited file could hold one) keeps no one apart or together
    active = [
        r
        for r in latest.values()
        if r.active and not (r.kind in (RuleKind.APART, RuleKind.TOGETHER) and r.person == r.other)
    ]
    return Rules(
        pins={r.person: r.table for r in active if r.kind is RuleKind.PIN},
        apart=frozenset(frozenset((r.person, r.other)) for r in active if r.kind is RuleKind.APART),
        together=frozenset(
            frozenset((r.person, r.other)) for r in active if r.kind is RuleKind.TOGETHER
        ),
        accessible=frozenset(r.table for r in active if r.kind is RuleKind.ACCESSIBLE),
    )


def latest(seatings: Iterable[Seating], day: int) -> Seating | None:
    """The day's seating now: the last one made (records come in the order they were made)."""
    found = sorted((s for s in seatings if s.day == day), key=lambda s: s.at)
    return found[-1] if found else None


def pairs_of(tables: Iterable[SeatedTable]) -> set[Pair]:
    return {frozenset(p) for t in tables for p in itertools.combinations(t.members, 2)}


def history_before(seatings: Sequence[Seating], day: int) -> set[Pair]:
    """Pairs who shared a table on an earlier day (each day's final seating)."""
    met: set[Pair] = set()
    for earlier in range(1, day):
        seating = latest(seatings, earlier)
        if seating is not None:
            met |= pairs_of(seating.tables)
    return met


def as_allocation(seating: Seating) -> Allocation:
    from lp_tui.domain.allocation import Allocation

    return Allocation(tables=seating.tables, reasons={})


def moved(seating: Seating, person: str, to_table: int) -> tuple[SeatedTable, ...]:
    """The tables with one person moved to another table (an empty table may be the target)."""
    tables = []
    for table in seating.tables:
        members = tuple(p for p in table.members if p != person)
        if table.number == to_table:
            members += (person,)
        tables.append(SeatedTable(table.number, table.coach, members, table.accessible))
    return tuple(tables)


def previous_seating(seatings: Sequence[Seating], day: int) -> Seating | None:
    """The final seating of the latest earlier day that has one."""
    for earlier in range(day - 1, 0, -1):
        found = latest(seatings, earlier)
        if found is not None:
            return found
    return None


def day_seating(seatings: Sequence[Seating], day: int) -> Seating | None:
    """The tables in use on a day: its own seating, else the last earlier one (tables stay put)."""
    return latest(seatings, day) or previous_seating(seatings, day)


def seating_at(seatings: Sequence[Seating], day: int, at: str) -> Seating | None:
    """The tables in use on a day at a moment: the day's last seating made by then, else the
    last earlier day's (a record made at the very moment of a seating counts as after it)."""
    made = [s for s in seatings if s.day == day and s.at <= at]
    return latest(made, day) or previous_seating(seatings, day)


def table_of(seating: Seating | None, person: str) -> int | None:
    """The number of the table a person sits at in a seating, if any."""
    if seating is None:
        return None
    return next((t.number for t in seating.tables if person in t.members), None)


# a seating that seats everyone anew (A, K) says for each person how they came to sit there;
# one that changes a few (a move by hand, U) only for those it seated at another table
RESEATS = frozenset({"allocate", "remix", "keep"})


def how_seated(seatings: Sequence[Seating], day: int, person: str) -> str:
    """How a person came to sit at their table in the day's latest seating, in words: by the
    seating of the day that last put them at another table (or seated everyone anew)."""
    earlier = table_of(previous_seating(seatings, day), person)
    said = ""
    at: int | None = None
    for seating in sorted((s for s in seatings if s.day == day), key=lambda s: s.at):
        here = table_of(seating, person)
        if here is None:  # not seated (absent, or not come yet)
            said, at = "", None
            continue
        if seating.how not in RESEATS and here == at:
            continue  # this seating left them where they sat
        if seating.how == "move":
            said = "moved here by hand"
        elif seating.how == "absorb":
            said = (
                "fitted in on arrival" if at is None else "moved here to fit arrivals and absences"
            )
        elif seating.how != "keep":
            said = "placed by the allocator"
        elif here == earlier:
            said = "kept from an earlier day"
        elif earlier is None:
            said = "fitted in when an earlier day's tables were kept"
        else:
            said = "moved here when an earlier day's tables were kept"
        at = here
    return said


def coach_table(seating: Seating | None, coach_id: str) -> SeatedTable | None:
    """The table a coach leads in a seating, if any."""
    if seating is None:
        return None
    return next((t for t in seating.tables if t.coach == coach_id), None)


def outside_coach_table(seating: Seating | None, coach_id: str, person_id: str) -> str:
    """Why a coach may not write about this person on this seating ("" when they may).

    With no tables yet anyone may be written about; once there are, a coach writes only about
    the members of their own table, and a coach without a table about nobody."""
    if seating is None:
        return ""
    table = coach_table(seating, coach_id)
    if table is None:
        return "the coach has no table that day"
    if person_id not in table.members:
        return f"not at the coach's table {table.number} that day"
    return ""


def allocate_day(
    people: Sequence[Person],
    marks: dict[str, AttendanceStatus],
    seatings: Sequence[Seating],
    rule_records: Iterable[TableRule],
    day: int,
    *,
    seed: int = 0,
    keep: bool = False,
) -> tuple[Allocation, str]:
    """The day's tables and how they were made: 'allocate' (first time), 'remix' (new contacts
    after earlier days) or 'keep' (an earlier day's tables, changed as little as possible)."""
    from lp_tui.domain.absorb import absorb
    from lp_tui.domain.allocation import allocate

    rules = rules_from(rule_records)
    here = [seat(p) for p in present(people, marks)]
    coach_ids = [c.id for c in coaches(people)]
    if keep:
        earlier = previous_seating(seatings, day)
        if earlier is None:
            raise ValueError(f"there are no tables from before day {day} to keep")
        allocation, _ = absorb(as_allocation(earlier), here, rules=rules, coaches=coach_ids)
        before = {p: t.number for t in earlier.tables for p in t.members}
        moved = [
            (p, before[p], t.number)
            for t in allocation.tables
            for p in t.members
            if p in before and before[p] != t.number
        ]
        said = moved_said(moved, {p.id: p.name for p in people})
        return replace(allocation, notes=(*allocation.notes, said)), "keep"
    history = history_before(seatings, day)
    allocation = allocate(here, coach_ids, rules=rules, history=history, seed=seed)
    return allocation, "remix" if history else "allocate"
