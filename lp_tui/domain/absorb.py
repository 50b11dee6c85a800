"""Changes on the day: latecomers fitted into the tables there are, gaps left by absentees
closed, and a coach for a table without one, moving as few people as possible (U). The
allocation from scratch (A) is lp_tui/domain/allocation.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from lp_tui.domain.allocation import Allocation, explain, sizes_said, table_sizes
from lp_tui.domain.model import SeatedTable
from lp_tui.domain.seating_cost import LARGEST, SMALLEST, Rules, Seat, _Problem


@dataclass(frozen=True, slots=True)
class Move:
    """Someone moved to a table (from another, or arriving late)."""

    person: str
    from_table: int | None  # None: a latecomer
    to_table: int


def absorb(
    allocation: Allocation,
    seats: Iterable[Seat],
    *,
    rules: Rules | None = None,
    coaches: Sequence[str] = (),
) -> tuple[Allocation, list[Move]]:
    """Fit latecomers in and close gaps left by absentees, moving as few people as possible.

    The sizes follow the allocator's rule as far as moves allow: fewer than 5 people sit at one
    table (never tables of one); otherwise a short table is filled from a table that can spare
    someone, or shared out when there are too few people for this many tables (where no split
    into tables of 5-6 exists, down to tables as even as ``table_sizes`` makes them). A pinned
    person is never taken from their table to fill another, and a table whose people are pinned
    to it is the last shared out. The note says the sizes the tables have.

    Each table keeps its coach; a table without one (a new table for latecomers) gets a free
    coach from ``coaches``, in their order (one leading no other table), while any are left. A
    person who needs an accessible table sits at one: a table marked accessible with room, else
    someone who needs no access makes room at a marked table; only where no table is marked at
    all (and no rule marks any) is the table they go to marked (as allocate marks its first
    tables)."""
    rules = rules or Rules()
    people = {s.id: s for s in seats}
    tables = [[p for p in t.members if p in people] for t in allocation.tables]
    numbers = [t.number for t in allocation.tables]
    coach_of = {t.number: t.coach for t in allocation.tables}
    seated = {p for t in tables for p in t}
    latecomers = sorted((p for p in people if p not in seated), key=lambda p: people[p].name)
    moves: list[Move] = []
    accessible = {
        i for i, t in enumerate(allocation.tables) if t.accessible or t.number in rules.accessible
    }
    # the costs know a table by its place in the list: a pin names a table by its number, and a
    # kept seating's numbers may have gaps (a table emptied on an earlier day is gone)
    place = {n: i + 1 for i, n in enumerate(numbers)}
    placed_rules = dataclasses.replace(
        rules, pins={p: place.get(n, 0) for p, n in rules.pins.items()}
    )
    problem = _Problem(people, [LARGEST] * len(tables), placed_rules, accessible, set())

    def cheapest(person: str, options: list[int]) -> int:
        def cost(i: int) -> tuple[int, ...]:
            before = problem.table_cost(tables[i], i)
            after = problem.table_cost([*tables[i], person], i)
            return (*(a - b for a, b in zip(after, before, strict=True)), len(tables[i]))

        return min(options, key=cost)

    def pinned_to(i: int) -> int:
        return sum(1 for p in tables[i] if rules.pins.get(p) == numbers[i])

    def move(person: str, source: int, target: int) -> None:
        tables[source].remove(person)
        tables[target].append(person)
        moves.append(Move(person, numbers[source], numbers[target]))

    def with_room(leaving: Collection[int] = ()) -> list[int]:
        """The tables with a seat free, but for those leaving (a new table when none has)."""
        options = [i for i, t in enumerate(tables) if len(t) < LARGEST and i not in leaving]
        if not options:
            tables.append([])
            numbers.append(max(numbers, default=0) + 1)
            if numbers[-1] in rules.accessible:
                accessible.add(len(tables) - 1)
            options = [len(tables) - 1]
        return options

    def ruled() -> bool:
        """Does a rule mark one of these tables accessible (else the allocator picks them)?"""
        return any(n in rules.accessible for n in numbers)

    def seat_at(person: str, options: list[int]) -> int:
        """Where a person sits down among these tables; one who needs access at a table
        already accessible where one has room, else (no rule marking any) at one marked now."""
        if people[person].needs_access:
            options = [i for i in options if i in accessible] or options
        target = cheapest(person, options)
        if people[person].needs_access and target not in accessible and not ruled():
            accessible.add(target)
        return target

    def make_room(person: str) -> None:
        """A seat at a full table marked accessible, for a person who needs one: the one who
        needs no access and is pinned nowhere moves where it costs least."""
        candidates = [
            (p, i)
            for i in sorted(accessible)
            if i < len(tables)
            for p in tables[i]
            if not people[p].needs_access and p not in rules.pins
        ]
        if not candidates:
            return  # everyone at the marked tables needs them, or is pinned there

        def change(candidate: tuple[str, int]) -> tuple[int, ...]:
            other, source = candidate
            left = [p for p in tables[source] if p != other]
            costs = zip(
                problem.table_cost([*left, person], source),
                problem.table_cost(tables[source], source),
                strict=True,
            )
            return (*(a - b for a, b in costs), source)

        other, source = min(candidates, key=change)
        move(other, source, seat_at(other, with_room(accessible)))

    for person in latecomers:
        # a table already set up for access (by a rule, or by the allocator) that is full makes
        # room, rather than a second table having to be made step-free in the middle of a day
        if (
            people[person].needs_access
            and any(i < len(tables) for i in accessible)
            and not any(len(tables[i]) < LARGEST for i in accessible if i < len(tables))
        ):
            make_room(person)
        target = seat_at(person, with_room())
        tables[target].append(person)
        moves.append(Move(person, None, numbers[target]))

    total = sum(len(t) for t in tables)
    if 0 < total < SMALLEST:
        # fewer than a table's minimum: one table of everyone, where the fewest rules break
        # and the fewest people move
        everyone = [p for t in tables for p in t]
        target = min(
            (i for i, t in enumerate(tables) if t),
            key=lambda i: (problem.table_cost(everyone, i)[0], -len(tables[i]), i),
        )
        for source, table in enumerate(tables):
            for person in list(table) if source != target else []:
                move(person, source, target)
    elif total:
        # the least a table should hold: 5, or where no split into tables of 5-6 exists the
        # smallest of the allocator's even sizes
        floor = min(SMALLEST, *table_sizes(total))
        while True:
            live = [i for i, t in enumerate(tables) if t]
            shorts = [i for i in live if len(tables[i]) < floor]
            if not shorts:
                break
            if len(live) * floor <= total:
                # people enough for these tables: fill the shortest from a table that can spare
                # someone (one exists: the short table's lack is another's surplus)
                short = min(shorts, key=lambda i: (len(tables[i]), i))
                candidates = [
                    (p, i)
                    for i in live
                    if len(tables[i]) > floor
                    for p in tables[i]
                    if p not in rules.pins
                ]
                if not candidates:
                    break  # only pinned people could move: the pins hold

                def change(candidate: tuple[str, int], short: int = short) -> tuple[int, ...]:
                    person, donor = candidate
                    gives = [p for p in tables[donor] if p != person]
                    costs = zip(
                        problem.table_cost([*tables[short], person], short),
                        problem.table_cost(tables[short], short),
                        problem.table_cost(gives, donor),
                        problem.table_cost(tables[donor], donor),
                        strict=True,
                    )
                    return (*(a - b + c - d for a, b, c, d in costs), -len(tables[donor]), donor)

                person, donor = min(candidates, key=change)
                move(person, donor, short)
                continue
            # too few people for this many tables: share a short table out, whole (the one
            # with the fewest people pinned to it, then the smallest)
            short = min(shorts, key=lambda i: (pinned_to(i), len(tables[i]), i))
            others = [i for i in live if i != short]
            if sum(LARGEST - len(tables[i]) for i in others) < len(tables[short]):
                break  # no room elsewhere (a table over 6, moved there by hand)
            for person in list(tables[short]):
                move(
                    person, short, seat_at(person, [i for i in others if len(tables[i]) < LARGEST])
                )
    if not ruled():  # the allocator's tables: wherever someone who needs access sits is one
        accessible |= {i for i, t in enumerate(tables) if any(people[p].needs_access for p in t)}
    staying = [(i, n, t) for i, (n, t) in enumerate(zip(numbers, tables, strict=True)) if t]
    # each table keeps its coach (a coach named at two tables, only at the first); a table
    # without one gets a coach who leads no table, in the order given
    led: dict[int, str] = {}
    for _, n, _ in staying:
        coach = coach_of.get(n)
        if coach and coach not in led.values():
            led[n] = coach
    free = [c for c in dict.fromkeys(coaches) if c not in led.values()]
    for _, n, _ in staying:
        if n not in led and free:
            led[n] = free.pop(0)
    kept = [
        SeatedTable(
            number=n,
            coach=led.get(n),
            members=tuple(sorted(t, key=lambda p: people[p].name.casefold())),
            accessible=(i in accessible),
        )
        for i, n, t in staying
    ]
    result = Allocation(
        tables=tuple(kept), reasons={}, notes=(sizes_said([len(t.members) for t in kept]),)
    )
    return (
        Allocation(result.tables, explain(result, people.values(), rules, set()), result.notes),
        moves,
    )
