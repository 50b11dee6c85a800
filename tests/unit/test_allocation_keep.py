"""Keeping an earlier seating (K on the tables screen, U for arrivals and absences): the tables
as they were, changed as little as possible, in the sizes the allocator's rule gives, and a
note that says the sizes the tables have. Few present (fewer than a table's minimum of 5) sit
at one table, never at tables of one."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lp_tui.domain.allocation import (
    LARGEST,
    SMALLEST,
    Allocation,
    Rules,
    Seat,
    absorb,
    allocate,
    size_rule,
    sizes_said,
    table_sizes,
)
from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.model import AttendanceStatus, Experience, SeatedTable, Seating
from lp_tui.domain.seating import allocate_day, participants

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = (0, 1, 2, 4, 5, 7)


def seats(n: int, seed: int) -> list[Seat]:
    rng = random.Random(seed)
    return [
        Seat(f"p{i:04d}", f"Person {i}", f"Org {rng.randrange(8)}", rng.choice(list(Experience)))
        for i in range(n)
    ]


def sizes(allocation: Allocation) -> list[int]:
    return [len(t.members) for t in allocation.tables]


@PROPERTY
@given(
    before=st.integers(5, 60),
    here=st.one_of(st.sampled_from(FEW), st.integers(0, 66)),
    late=st.integers(0, 6),
    seed=st.integers(0, 10**6),
    data=st.data(),
)
@example(before=40, here=2, late=0, seed=1, data=None)  # K with 2 checked in
@example(before=40, here=7, late=0, seed=1, data=None)
def test_kept_tables_hold_everyone_present_once_in_the_sizes_the_note_says(
    before: int, here: int, late: int, seed: int, data: st.DataObject | None
) -> None:
    earlier_seats = seats(before, seed)
    earlier = allocate(earlier_seats, [f"coach {i}" for i in range(8)], seed=seed)
    rng = random.Random(seed)
    latecomers = seats(before + late, seed + 1)[before:]
    present = rng.sample(earlier_seats, min(here, before)) + latecomers
    ids = [s.id for s in present]
    pins: dict[str, int] = {}
    apart: frozenset = frozenset()
    if data is not None and ids:
        pinned = data.draw(st.lists(st.sampled_from(ids), max_size=4, unique=True))
        pins = {p: earlier.table_of(p) or 1 for p in pinned}  # where they sat (or table 1)
        pairs = data.draw(
            st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=3)
        )
        apart = frozenset(frozenset(p) for p in pairs if p[0] != p[1])
    rules = Rules(pins=pins, apart=apart)

    after, moves = absorb(earlier, present, rules=rules)

    count = len(present)
    placed = [p for t in after.tables for p in t.members]
    assert sorted(placed) == sorted(ids)  # nobody lost, nobody doubled
    assert all(t.members for t in after.tables)
    assert max(sizes(after), default=0) <= LARGEST
    assert after.notes == (sizes_said(sizes(after)),)
    if 0 < count < SMALLEST:
        assert sizes(after) == [count]
        assert after.notes == (size_rule(count),)
    elif count >= SMALLEST and not pins:
        floor = min(SMALLEST, *table_sizes(count))
        assert min(sizes(after)) >= floor  # never a table of one beside a full room
        assert after.notes[0].startswith(f"{count} to seat: ")
    if count >= SMALLEST:
        # a table that stays keeps the people pinned to it
        numbers = {t.number for t in after.tables}
        for person, table in pins.items():
            if earlier.table_of(person) == table and table in numbers:
                assert after.table_of(person) == table
    # table numbers are the earlier ones (or new ones after them, for latecomers)
    old = {t.number for t in earlier.tables}
    assert all(t.number in old or t.number > max(old) for t in after.tables)
    # whoever is not named in a move sits where they sat
    moved = {m.person for m in moves}
    for person in ids:
        if person not in moved:
            assert after.table_of(person) == earlier.table_of(person)


def test_sizes_said_is_the_size_rule_where_the_tables_keep_to_it() -> None:
    assert sizes_said([2]) == size_rule(2) == "2 to seat: fewer than 5, so one table of 2"
    assert sizes_said([6, 6, 6, 6, 6]) == size_rule(30)
    assert sizes_said([5, 5, 5, 5, 5, 5]) == "30 to seat: 6 tables of 5"
    assert sizes_said([6, 6, 1]) == "13 to seat: 3 tables of 6/1"
    assert sizes_said([7]) == "7 to seat: one table of 7"
    assert sizes_said([]) == size_rule(0)


def demo_day_one() -> tuple[list, Seating]:
    cohort, people = demo_cohort("2017-11-23T09:30:00+00:00")
    allocation, how = allocate_day(people, {}, [], [], 1, seed=1)
    return people, Seating("s1", cohort.id, 1, "2017-11-23T09:30:00+00:00", how, allocation.tables)


@pytest.mark.parametrize("spread", [True, False], ids=["from-many-tables", "from-one-table"])
@pytest.mark.parametrize("count", FEW)
def test_keep_with_few_checked_in(count: int, spread: bool) -> None:
    """K on Day 2 with this many checked in: Day 1's tables, in the size rule's sizes."""
    people, day_one = demo_day_one()
    tables = day_one.tables
    if spread:  # one from each table, then the second of each...
        chosen = [tables[i % len(tables)].members[i // len(tables)] for i in range(count)]
    else:  # as many as possible from one table
        chosen = [p for t in tables for p in t.members][:count]
    marks = dict.fromkeys(chosen, AttendanceStatus.PRESENT)

    allocation, how = allocate_day(people, marks, [day_one], [], 2, keep=True)

    assert how == "keep"
    if count == 0:  # nobody checked in yet: everyone counts, and everyone keeps their seat
        assert allocation.tables == tables
        assert allocation.notes == (
            size_rule(len(participants(people))),
            "nobody moved from where they sat before",
        )
        return
    assert sorted(p for t in allocation.tables for p in t.members) == sorted(chosen)
    assert sorted(sizes(allocation), reverse=True) == table_sizes(count)
    before = {p: t.number for t in tables for p in t.members}
    moved = [p for t in allocation.tables for p in t.members if before[p] != t.number]
    names = {p.id: p.name for p in people}
    said = allocation.notes[1]
    assert allocation.notes[0] == size_rule(count)
    if not moved:
        assert said == "nobody moved from where they sat before"
    elif len(moved) > 3:
        assert said == f"{len(moved)} moved from where they sat before"
    else:  # each by name, from their table to the new one
        assert said.count(" moved from table ") == len(moved)
        assert all(names[p] in said for p in moved)
    if count < SMALLEST:
        [table] = allocation.tables
        assert table.coach is not None  # the coach of the table kept
        assert table.number in {t.number for t in tables}
    if not spread and count <= len(tables[0].members):  # all from one table: they stay there
        assert [t.number for t in allocation.tables] == [tables[0].number]


def test_few_present_sit_at_the_table_a_pin_names() -> None:
    earlier = Allocation(
        tables=(
            SeatedTable(1, "c1", ("a", "b")),
            SeatedTable(2, "c2", ("c",)),
            SeatedTable(4, "c4", ("d",)),
        ),
        reasons={},
    )
    present = [Seat(p, p.upper(), "", Experience.SOME) for p in "abcd"]
    after, moves = absorb(earlier, present, rules=Rules(pins={"d": 4}))
    assert [(t.number, t.members) for t in after.tables] == [(4, ("a", "b", "c", "d"))]
    assert len(moves) == 3
    assert after.notes == ("4 to seat: fewer than 5, so one table of 4",)


def test_a_latecomer_goes_to_the_table_numbered_in_their_pin_when_numbers_have_gaps() -> None:
    """A kept seating's numbers may have gaps (a table emptied earlier is gone): a pin names the
    table by its number, not by its place in the list."""
    people = seats(16, 3)
    earlier = Allocation(
        tables=(
            SeatedTable(1, "c1", tuple(s.id for s in people[0:5])),
            SeatedTable(2, "c2", tuple(s.id for s in people[5:10])),
            SeatedTable(4, "c4", tuple(s.id for s in people[10:15])),
        ),
        reasons={},
    )
    latecomer = people[15].id
    after, moves = absorb(earlier, people, rules=Rules(pins={latecomer: 4}))
    assert after.table_of(latecomer) == 4
    assert [(m.from_table, m.to_table) for m in moves] == [(None, 4)]


def test_a_table_shared_out_is_shared_out_whole_and_nobody_is_doubled() -> None:
    """Seven tables of one (seven present from seven tables): two tables, 4 and 3."""
    earlier = Allocation(
        tables=tuple(SeatedTable(i + 1, f"c{i}", (f"p{i}", f"q{i}")) for i in range(7)),
        reasons={},
    )
    present = [Seat(f"p{i}", f"P{i}", f"Org {i}", Experience.SOME) for i in range(7)]
    after, _ = absorb(earlier, present)
    assert sorted(p for t in after.tables for p in t.members) == [s.id for s in present]
    assert sorted(sizes(after)) == [3, 4]
    assert after.notes == (size_rule(7),)
