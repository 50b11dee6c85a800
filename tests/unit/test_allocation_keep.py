"""Keeping an earlier seating (K on the tables screen, U for arrivals and absences): the tables
as they were, changed as little as possible, in the sizes the allocator's rule gives, and a
note that says the sizes the tables have. Few present (fewer than a table's minimum of 5) sit
at one table, never at tables of one."""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lp_tui.domain.absorb import absorb
from lp_tui.domain.allocation import (
    LARGEST,
    SMALLEST,
    Allocation,
    Rules,
    Seat,
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


# ---------------------------------------------------------------- coaches and access on U


@PROPERTY
@given(
    before=st.integers(1, 40),
    here=st.integers(0, 40),
    late=st.integers(0, 40),
    coaches=st.integers(0, 12),
    leading=st.integers(0, 12),
    needs=st.integers(0, 4),
    seed=st.integers(0, 10**6),
)
@example(before=2, here=2, late=30, coaches=8, leading=1, needs=1, seed=1)  # A for 2, then U
@example(before=33, here=33, late=6, coaches=8, leading=8, needs=0, seed=1)  # table 7
def test_absorb_gives_each_table_a_coach_who_leads_no_other_while_any_are_free(
    before: int, here: int, late: int, coaches: int, leading: int, needs: int, seed: int
) -> None:
    """After U every table has a coach whenever the day has as many coaches as tables, no
    coach leads two tables, a table that stays keeps its coach, and (no table marked by a rule)
    whoever needs an accessible table sits at one."""
    rng = random.Random(seed)
    names = [f"coach {i}" for i in range(coaches)]
    earlier_seats = seats(before, seed)
    earlier = allocate(earlier_seats, rng.sample(names, min(leading, coaches)), seed=seed)
    present = rng.sample(earlier_seats, min(here, before)) + seats(before + late, seed)[before:]
    for i in rng.sample(range(len(present)), min(needs, len(present))):
        present[i] = dataclasses.replace(present[i], needs_access=True)

    after, _ = absorb(earlier, present, coaches=names)

    led = [t.coach for t in after.tables if t.coach is not None]
    assert len(led) == len(set(led))  # no coach leads two tables
    assert set(led) <= set(names)
    if coaches >= len(after.tables):
        assert all(t.coach is not None for t in after.tables)
    was = {t.number: t.coach for t in earlier.tables}
    for table in after.tables:
        if was.get(table.number) is not None:
            assert table.coach == was[table.number]  # a table that stays keeps its coach
    access = {s.id for s in present if s.needs_access}
    for table in after.tables:
        if access & set(table.members):
            assert table.accessible


def test_a_table_without_a_coach_gets_the_first_free_one_and_a_doubled_coach_leads_one() -> None:
    people = seats(18, 3)
    earlier = Allocation(
        tables=(
            SeatedTable(1, "c2", tuple(s.id for s in people[0:6])),
            SeatedTable(2, None, tuple(s.id for s in people[6:12])),
            SeatedTable(3, "c2", tuple(s.id for s in people[12:18])),  # a hand-edited file
        ),
        reasons={},
    )
    after, moves = absorb(earlier, people, coaches=["c1", "c2", "c3"])
    assert moves == []
    assert [t.coach for t in after.tables] == ["c2", "c1", "c3"]


def demo_people() -> list:
    _, people = demo_cohort("2017-11-23T09:30:00+00:00")
    return people


def test_fitting_thirty_in_beside_a_table_of_two_gives_each_new_table_a_coach_and_access() -> None:
    """Day 1: A with two checked in (one table of 2), then thirty more and U: six tables, each
    with its own coach, and Sunil Varma (who needs an accessible table) at one."""
    from lp_tui.domain.allocation import check
    from lp_tui.domain.seating import coaches, seat

    people = demo_people()
    everyone = participants(people)
    by_name = {p.name: p for p in everyone}
    first = [by_name["Adaeze Okafor"], by_name["Alastair Rowe"]]
    marks = dict.fromkeys((p.id for p in first), AttendanceStatus.PRESENT)
    allocation, _ = allocate_day(people, marks, [], [], 1, seed=0)
    assert [len(t.members) for t in allocation.tables] == [2]
    late = [p for p in everyone if p not in first and p.name != "Eileen Walsh"][:30]
    assert by_name["Sunil Varma"] in late
    here = [seat(p) for p in first + late]

    after, _ = absorb(allocation, here, coaches=[c.id for c in coaches(people)])

    assert len(after.tables) == 6
    led = [t.coach for t in after.tables]
    assert None not in led and len(set(led)) == 6
    assert after.tables[0].coach == allocation.tables[0].coach
    sunil = after.table_of(by_name["Sunil Varma"].id)
    assert next(t for t in after.tables if t.number == sunil).accessible
    said = [b.text for b in check(after, here, Rules())]
    assert "no coach" not in said
    assert not any("accessible" in text for text in said)


def test_six_more_after_thirty_three_sit_at_a_seventh_table_with_the_coach_left_free() -> None:
    from lp_tui.domain.seating import coaches, seat

    people = demo_people()
    everyone = participants(people)
    marks = dict.fromkeys((p.id for p in everyone[:33]), AttendanceStatus.PRESENT)
    allocation, _ = allocate_day(people, marks, [], [], 1, seed=0)
    assert len(allocation.tables) == 6
    coach_ids = [c.id for c in coaches(people)]
    free = [c for c in coach_ids if c not in {t.coach for t in allocation.tables}]

    after, _ = absorb(allocation, [seat(p) for p in everyone[:39]], coaches=coach_ids)

    assert [t.number for t in after.tables] == [1, 2, 3, 4, 5, 6, 7]
    assert after.tables[6].coach == free[0]
    assert [t.coach for t in after.tables[:6]] == [t.coach for t in allocation.tables]


def test_a_latecomer_who_needs_access_gets_a_seat_at_the_full_table_a_rule_marks() -> None:
    """Table 1 is marked accessible by a rule and full: one person who needs no access moves
    from it to the table with room, and the latecomer sits at table 1."""
    people = seats(18, 5)
    people[17] = dataclasses.replace(people[17], needs_access=True)
    earlier = Allocation(
        tables=(
            SeatedTable(1, "c1", tuple(s.id for s in people[0:6]), accessible=True),
            SeatedTable(2, "c2", tuple(s.id for s in people[6:12])),
            SeatedTable(3, "c3", tuple(s.id for s in people[12:17])),
        ),
        reasons={},
    )
    after, moves = absorb(earlier, people, rules=Rules(accessible=frozenset({1})))
    assert after.table_of(people[17].id) == 1
    assert [t.accessible for t in after.tables] == [True, False, False]
    assert [(m.from_table, m.to_table) for m in moves] == [(1, 3), (None, 1)]
    assert sizes(after) == [6, 6, 6]


@pytest.mark.parametrize("full", [True, False], ids=["full", "with-room"])
def test_a_latecomer_who_needs_access_goes_to_the_table_already_accessible(full: bool) -> None:
    """No rule marks a table; the allocator marked table 1 (someone there needs access). A
    latecomer who needs access sits at table 1, not at another table marked anew that would
    have to be made step-free mid-day: where table 1 is full, one who needs no access moves."""
    people = seats(18 if full else 17, 5)
    people[0] = dataclasses.replace(people[0], needs_access=True)
    people[-1] = dataclasses.replace(people[-1], needs_access=True)
    first = people[0:6] if full else people[0:5]
    earlier = Allocation(
        tables=(
            SeatedTable(1, "c1", tuple(s.id for s in first), accessible=True),
            SeatedTable(2, "c2", tuple(s.id for s in people[len(first) : len(first) + 6])),
            SeatedTable(3, "c3", tuple(s.id for s in people[len(first) + 6 : -1])),
        ),
        reasons={},
    )
    after, moves = absorb(earlier, people, rules=Rules())
    assert after.table_of(people[-1].id) == 1
    assert [t.accessible for t in after.tables] == [True, False, False]
    assert all(m.from_table != 1 or m.person != people[0].id for m in moves)
