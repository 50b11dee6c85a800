"""Table allocation: participants into tables of 5-6, each with a coach.

The rules, most important first (a later rule never buys its way past an earlier one):

1. hard: pins (this person at this table), keep-apart and keep-together pairs, and a person who
   needs an accessible table sits at a table marked accessible;
2. no table without an experienced lay partner while any are left;
3. two people from one organisation share a table only when unavoidable;
4. on a re-mix, as few pairs as possible who already shared a table;
5. newcomers spread evenly.

Table sizes: the fewest tables that keep every table at 5-6. Where no such split exists
(7-9, 13, 14 and 19 people) the fewest tables of at most 6, as even as possible; below 5 people,
one table. Everything is deterministic for a given seed.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lp_tui.domain.model import Experience, SeatedTable
from lp_tui.domain.seating_cost import (  # the types callers use come from here too
    LARGEST,
    SMALLEST,
    Pair,
    Rules,
    Seat,
    Tally,
    _Problem,
    cheapest_seat,
)
from lp_tui.domain.text import plural

__all__ = [
    "LARGEST",
    "SMALLEST",
    "Allocation",
    "Breach",
    "Pair",
    "Rules",
    "Seat",
    "Tally",
    "_Problem",
    "allocate",
    "check",
    "explain",
    "size_rule",
    "sizes_said",
    "table_sizes",
]

SWAP_TABLES = 12  # tables tried per person and round when improving a large seating
REPAIRS = 4  # rounds of two-swap repairs when single swaps leave a clash
REPAIR_TRIES = 4_000  # pairs of swaps weighed per round at most (a clash may be unavoidable)
HARD_SEARCH = 20_000  # tables tried at most when seating those the hard rules bind first


@dataclass(frozen=True, slots=True)
class Allocation:
    """Tables as allocated, with the reason for each placement and any notes."""

    tables: tuple[SeatedTable, ...]
    reasons: dict[str, str]
    notes: tuple[str, ...] = ()

    def table_of(self, person: str) -> int | None:
        for table in self.tables:
            if person in table.members:
                return table.number
        return None

    def pairs(self) -> set[Pair]:
        """Every pair of people who sit at one table."""
        return {frozenset(p) for t in self.tables for p in itertools.combinations(t.members, 2)}


def table_sizes(count: int) -> list[int]:
    """Sizes of the fewest tables that keep everyone at 5-6 (larger tables first)."""
    if count <= 0:
        return []
    if count < SMALLEST:
        return [count]
    tables = math.ceil(count / LARGEST)
    base, extra = divmod(count, tables)
    return [base + 1] * extra + [base] * (tables - extra)


def size_rule(count: int) -> str:
    """What happens to table sizes for this many people, in words."""
    if count == 0:
        return "nobody to seat yet"
    if count < SMALLEST:
        return f"{count} to seat: fewer than {SMALLEST}, so one table of {count}"
    sizes = table_sizes(count)
    if len(sizes) == 1:
        return f"{count} to seat: one table of {count}"
    if min(sizes) >= SMALLEST:
        return f"{count} to seat: {len(sizes)} tables of {SMALLEST}-{LARGEST}"
    return (
        f"{count} to seat: no split into tables of {SMALLEST}-{LARGEST} exists; "
        f"{len(sizes)} tables of {'/'.join(str(s) for s in sorted(set(sizes), reverse=True))}"
    )


def sizes_said(sizes: Sequence[int]) -> str:
    """What a seating's table sizes are, in words: the size rule's words where the seating
    keeps to it, else the sizes the tables have (a kept seating where pins hold people)."""
    total = sum(sizes)
    if sorted(sizes, reverse=True) == table_sizes(total):
        return size_rule(total)
    if len(sizes) == 1:
        return f"{total} to seat: one table of {total}"
    shown = "/".join(str(s) for s in sorted(set(sizes), reverse=True))
    return f"{total} to seat: {plural(len(sizes), 'table')} of {shown}"


# ---------------------------------------------------------------- allocating


def allocate(
    seats: Iterable[Seat],
    coaches: Sequence[str],
    *,
    rules: Rules | None = None,
    history: Iterable[Pair] = (),
    seed: int = 0,
    effort: int = 30,
) -> Allocation:
    """Seat everyone; ``history`` holds pairs who already shared a table (for a re-mix)."""
    rules = rules or Rules()
    people = sorted(seats, key=lambda s: (s.name.casefold(), s.id))  # ids differ per import
    rng = random.Random(seed)
    sizes = table_sizes(len(people))
    if not sizes:
        return Allocation(tables=(), reasons={}, notes=(size_rule(0),))
    accessible = _accessible_tables(rules, people, sizes)
    problem = _Problem(
        seats={s.id: s for s in people},
        sizes=sizes,
        rules=rules,
        accessible=accessible,
        history=set(history),
    )
    tables = _settle(problem, _first_seating(problem, people, rng), rng, effort)
    if _total(problem, enumerate(tables))[0]:  # a hard rule broken: the bound first
        bound = _hard_rules_first(problem, people, rng)
        if bound is not None:
            bound = _settle(problem, bound, rng, effort)
            if _total(problem, enumerate(bound)) < _total(problem, enumerate(tables)):
                tables = bound
    numbered = [
        SeatedTable(
            number=i + 1,
            coach=coaches[i] if i < len(coaches) else None,
            members=tuple(sorted(members, key=lambda p: problem.seats[p].name.casefold())),
            accessible=i in accessible,
        )
        for i, members in enumerate(tables)
    ]
    notes = [size_rule(len(people))]
    if len(coaches) < len(sizes):
        notes.append(f"{plural(len(sizes) - len(coaches), 'table')} without a coach")
    elif len(coaches) > len(sizes):
        notes.append(f"{plural(len(coaches) - len(sizes), 'coach', 'coaches')} without a table")
    allocation = Allocation(tables=tuple(numbered), reasons={}, notes=tuple(notes))
    return Allocation(
        tables=allocation.tables,
        reasons=explain(allocation, people, rules, set(history)),
        notes=allocation.notes,
    )


def _accessible_tables(rules: Rules, people: Sequence[Seat], sizes: list[int]) -> set[int]:
    marked = {n - 1 for n in rules.accessible if 1 <= n <= len(sizes)}
    if marked or not any(s.needs_access for s in people):
        return marked
    needed = sum(1 for s in people if s.needs_access)
    count = 0
    total = 0
    while total < needed and count < len(sizes):
        total += sizes[count]
        count += 1
    return set(range(count))


def _groups(problem: _Problem, people: Sequence[Seat]) -> list[list[str]]:
    """Keep-together pairs joined into groups (union-find); everyone else alone."""
    parent = {s.id: s.id for s in people}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in problem.rules.together:
        a, b = tuple(pair)
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for s in people:
        groups.setdefault(root(s.id), []).append(s.id)
    return [g[:LARGEST] for g in groups.values()] + [
        [p] for g in groups.values() for p in g[LARGEST:]
    ]


def _first_seating(
    problem: _Problem, people: Sequence[Seat], rng: random.Random
) -> list[list[str]]:
    """Greedy: the most constrained first, each to the table where it costs least."""
    tables: list[list[str]] = [[] for _ in problem.sizes]
    seats = problem.seats
    org_size = Counter(s.organisation.casefold() for s in people if s.organisation)

    def weight(group: list[str]) -> tuple[int, ...]:
        first = seats[group[0]]
        return (
            -int(any(p in problem.rules.pins for p in group)),
            -int(any(seats[p].needs_access for p in group)),
            -len(group),
            -int(first.experience is Experience.EXPERIENCED),
            -org_size.get(first.organisation.casefold(), 0),
            rng.random(),
        )

    tallies = [problem.tally(t, i) for i, t in enumerate(tables)]
    room = list(problem.sizes)
    for group in sorted(_groups(problem, people), key=weight):
        if any(r >= len(group) for r in room):
            room[_place(problem, tallies, group, rng, room)] -= len(group)
        else:  # a group too big for what is left: seat its members one by one
            for person in group:
                room[_place(problem, tallies, [person], rng, room)] -= 1
    return [t.members for t in tallies]


def _hard_rules_first(
    problem: _Problem, people: Sequence[Seat], rng: random.Random
) -> list[list[str]] | None:
    """A first seating that keeps every hard rule, where the greedy one left one broken (its
    swaps then stuck: someone kept apart from people at every table they could move to).
    Those a hard rule binds (a pin, an access need, a pair kept apart or together) are seated
    first, by a search that backs out of a table once it leaves someone nowhere to go; each
    tries the tables where it breaks no hard rule, cheapest first. Everyone else is seated
    after them as ``_first_seating`` does. None when no such seating was found within
    HARD_SEARCH steps (the rules may allow none)."""
    rules = problem.rules
    apart_of = problem.pair_partners()[0]
    bound: list[list[str]] = []
    free: list[list[str]] = []
    for g in _groups(problem, people):
        ruled = g[0] in rules.pins or g[0] in apart_of or problem.seats[g[0]].needs_access
        (bound if len(g) > 1 or ruled else free).append(g)
    bound.sort(
        key=lambda g: (
            -any(p in rules.pins for p in g),
            -any(problem.seats[p].needs_access for p in g),
            -len(g),
            -sum(len(apart_of.get(p, ())) for p in g),
            rng.random(),
        )
    )
    tallies = [problem.tally([], i) for i in range(len(problem.sizes))]
    room = list(problem.sizes)

    def tables_for(group: list[str]) -> list[int]:
        """The tables with room where the group breaks no hard rule, cheapest first."""
        options = [
            (change, rng.random(), i)
            for i in range(len(tallies))
            if room[i] >= len(group)
            for change in [tallies[i].add_change(group)]
            if change[0] <= 0
        ]
        return [i for *_, i in sorted(options)]

    # Depth first, without recursion (a cohort may have hundreds bound by a rule): level n
    # seats bound[n]; a level with no table left sends the search back a level, which takes
    # its group up again and tries that group's next table.
    untried: list[list[int]] = []  # for each level, the tables not yet tried
    seated: list[tuple[int, list[str]]] = []  # for each level, the table and its members before
    steps = 0
    n = 0
    while n < len(bound):
        group = bound[n]
        if len(untried) == n:
            untried.append(tables_for(group))
        elif len(seated) > n:  # back from a dead end: this level's group gets up again
            i, before = seated.pop()
            tallies[i].members = before
            tallies[i].add([])  # recounted
            room[i] += len(group)
        if not untried[n]:
            untried.pop()
            n -= 1
            if n < 0:
                return None
            continue
        steps += 1
        if steps > HARD_SEARCH:
            return None
        i = untried[n].pop(0)
        seated.append((i, tallies[i].members))
        tallies[i].add(group)
        room[i] -= len(group)
        n += 1
    for group in free:
        room[_place(problem, tallies, group, rng, room)] -= len(group)
    return [t.members for t in tallies]


def _settle(
    problem: _Problem, tables: list[list[str]], rng: random.Random, effort: int
) -> list[list[str]]:
    """Swaps while they lower the cost, then pairs of swaps for what one swap cannot mend."""
    tables = _improve(problem, tables, rng, rounds=effort)
    for _ in range(REPAIRS):
        if not _repair(problem, tables, rng):
            break
        tables = _improve(problem, tables, rng, rounds=effort)
    return tables


def _total(problem: _Problem, tables: Iterable[tuple[int, list[str]]]) -> tuple[int, ...]:
    """The cost of tables given as (index, members), each rule's count summed over them."""
    costs = [problem.table_cost(members, i) for i, members in tables]
    return tuple(sum(c[k] for c in costs) for k in range(5))


def _place(
    problem: _Problem, tallies: list[Tally], group: list[str], rng: random.Random, room: list[int]
) -> int:
    """Seat a group at the table with room where it costs least (then the emptiest, then by
    chance); the table's index."""
    options = [i for i, r in enumerate(room) if r >= len(group)]
    slack = [len(tallies[i].members) - problem.sizes[i] for i in options]
    chance = [rng.random() for _ in options]
    if len(group) == 1:  # the usual case, weighed a rule at a time: 170 tables a person
        best = options[cheapest_seat(group[0], [tallies[i] for i in options], slack, chance)]
    else:
        changes = [tallies[i].add_change(group) for i in options]
        # An experienced person is worth most where a table has none yet.
        *_, best = min(zip(changes, slack, chance, options, strict=True))
    tallies[best].add(group)
    return best


def _improve(
    problem: _Problem, tables: list[list[str]], rng: random.Random, rounds: int
) -> list[list[str]]:
    """Swap pairs of people between tables while that lowers the cost (lexicographically)."""
    fixed = set(problem.rules.pins) | {p for pair in problem.rules.together for p in pair}
    tallies = [problem.tally(t, i) for i, t in enumerate(tables)]
    costs = [t.cost() for t in tallies]
    movable = [p for t in tables for p in t if p not in fixed]
    where = {p: i for i, t in enumerate(tables) for p in t}
    org_size = Counter(problem.org.values())
    for _ in range(rounds):
        improved = False
        order = movable[:]
        rng.shuffle(order)
        # Some table can give an experienced lay partner away without losing its last one.
        spare_experienced = any(t.experienced > 1 for t in tallies)
        for a in order:
            ta = where[a]
            best: tuple[tuple[int, ...], str] | None = None
            here, cost_a = tallies[ta], costs[ta]
            # A sample of the tables, unless this one breaks rule 1, 2 or 3 where a swap could
            # mend it: that swap may be with one table only, and a round that finds no swap is
            # the last. (A breach no swap mends, as too few experienced lay partners or an
            # organisation larger than the tables, would only cost every table's search.)
            mendable = (
                cost_a[0]
                or (cost_a[1] and spare_experienced)
                or (here.orgs[problem.org[a]] > 1 and org_size[problem.org[a]] <= len(tables))
            )
            if len(tables) - 1 > SWAP_TABLES and not mendable:
                # drawn as rng.sample(the other tables, SWAP_TABLES), without listing them
                drawn = rng.sample(range(len(tables) - 1), SWAP_TABLES)
                others = [i + (i >= ta) for i in drawn]
            else:
                others = [i for i in range(len(tables)) if i != ta]
            for tb in others:
                there = tallies[tb]
                swap = here.best_swap(a, there, [b for b in there.members if b not in fixed])
                if swap is not None and (best is None or swap[0] < best[0]):
                    best = swap
            if best is not None:
                _, b = best
                tb = where[b]
                tallies[ta].swap(a, b)
                tallies[tb].swap(b, a)
                costs[ta] = tallies[ta].cost()
                costs[tb] = tallies[tb].cost()
                where[a], where[b] = tb, ta
                improved = True
        if not improved:
            break
    return [t.members for t in tallies]


def _repair(problem: _Problem, tables: list[list[str]], rng: random.Random) -> bool:
    """Two swaps at once, for the clash no single swap mends without breaking something more
    important: e.g. two colleagues at one table, where moving one away would leave another
    table without an experienced lay partner unless an experienced person moves back too; or
    someone kept apart from one person here and from two at the only other table, who can
    leave only once one of those two has come here. Tried only from the people in a clash,
    a hard rule's first; True when a pair of swaps lowered the cost."""
    pinned = set(problem.rules.pins) | {p for pair in problem.rules.together for p in pair}
    costs = [problem.table_cost(t, i) for i, t in enumerate(tables)]
    org_size = Counter(problem.org.values())
    apart_of = problem.pair_partners()[0] if problem.rules.apart else {}
    breaking = [  # kept apart from someone at the table, or at a table their needs rule out
        p
        for i, t in enumerate(tables)
        if costs[i][0]  # hard
        for p in t
        if p not in pinned and (problem.hard_of(p, i) or not apart_of.get(p, set()).isdisjoint(t))
    ]
    clashing = [  # colleagues at one table whose organisation could have a table each
        p
        for i, t in enumerate(tables)
        if costs[i][2]  # organisation
        for p in t
        if p not in pinned
        and org_size[problem.org[p]] <= len(tables)
        and sum(problem.org[p] == problem.org[q] for q in t) > 1
    ]

    def others(i: int) -> list[int]:
        found = [j for j in range(len(tables)) if j != i]
        return rng.sample(found, SWAP_TABLES) if len(found) > SWAP_TABLES else found

    def swapped(
        layout: dict[int, list[str]], i: int, a: str, j: int, b: str
    ) -> dict[int, list[str]]:
        out = dict(layout)
        out[i] = [b if p == a else p for p in layout[i]]
        out[j] = [a if p == b else p for p in layout[j]]
        return out

    tries = 0
    rng.shuffle(breaking)
    rng.shuffle(clashing)
    for a in [*breaking, *clashing]:
        ta = next(i for i, t in enumerate(tables) if a in t)
        for tb in others(ta):
            for b in [q for q in tables[tb] if q not in pinned]:
                first = swapped({ta: tables[ta], tb: tables[tb]}, ta, a, tb, b)
                for t1 in (ta, tb):
                    for tc in others(t1):
                        base = {**first, tc: first.get(tc, tables[tc])}
                        before = _total(problem, ((i, tables[i]) for i in base))
                        for x in [q for q in base[t1] if q not in pinned]:
                            for y in [q for q in base[tc] if q not in pinned and q != x]:
                                tries += 1
                                if tries > REPAIR_TRIES:
                                    return False
                                after = swapped(base, t1, x, tc, y)
                                if _total(problem, after.items()) < before:
                                    for i, members in after.items():
                                        tables[i] = members
                                    return True
    return False


# ---------------------------------------------------------------- checking and explaining


@dataclass(frozen=True, slots=True)
class Breach:
    """A broken or strained rule at one table, in words."""

    table: int
    text: str
    hard: bool = False


def check(
    allocation: Allocation, seats: Iterable[Seat], rules: Rules, history: Iterable[Pair] = ()
) -> list[Breach]:
    """What breaks a rule in a seating (for example after a person was moved by hand)."""
    people = {s.id: s for s in seats}
    found: list[Breach] = []
    experienced_total = sum(1 for s in people.values() if s.experience is Experience.EXPERIENCED)
    lacking = [
        t
        for t in allocation.tables
        if t.members
        and not any(
            people[p].experience is Experience.EXPERIENCED for p in t.members if p in people
        )
    ]
    spare_experienced = experienced_total - (len(allocation.tables) - len(lacking))
    repeated = set(history)
    for table in allocation.tables:
        members = [p for p in table.members if p in people]
        here = set(members)
        size = len(members)
        if size > LARGEST:
            found.append(Breach(table.number, f"{size} people: more than {LARGEST}", True))
        if size < SMALLEST and len(people) >= SMALLEST:
            found.append(Breach(table.number, f"only {size} people"))
        for person in members:
            pin = rules.pins.get(person)
            if pin is not None and pin != table.number:
                found.append(
                    Breach(table.number, f"{people[person].name} is pinned to table {pin}", True)
                )
            if people[person].needs_access and not table.accessible:
                found.append(
                    Breach(table.number, f"{people[person].name} needs an accessible table", True)
                )
        for pair in rules.apart:
            if pair <= here:
                a, b = sorted(people[p].name for p in pair)
                found.append(Breach(table.number, f"{a} and {b} are to be kept apart", True))
        for pair in rules.together:
            a, b = tuple(pair)
            if a in here and b in people and b not in here:
                found.append(
                    Breach(table.number, f"{people[a].name} is to sit with {people[b].name}", True)
                )
        if table in lacking and spare_experienced > 0:
            found.append(Breach(table.number, "no experienced lay partner"))
        orgs = Counter(people[p].organisation for p in members if people[p].organisation)
        for org, n in sorted(orgs.items()):
            if n > 1:
                found.append(Breach(table.number, f"{n} from {org}"))
        repeats = sum(
            1 for a, b in itertools.combinations(members, 2) if frozenset((a, b)) in repeated
        )
        if repeats:
            found.append(Breach(table.number, f"{plural(repeats, 'pair')} sat together before"))
        if table.coach is None:
            found.append(Breach(table.number, "no coach"))
    return found


def explain(
    allocation: Allocation, seats: Iterable[Seat], rules: Rules, history: set[Pair]
) -> dict[str, str]:
    """Why each person sits where they do, in a sentence."""
    people = {s.id: s for s in seats}
    reasons: dict[str, str] = {}
    tables_count = len(allocation.tables)
    org_counts = Counter(s.organisation.casefold() for s in people.values() if s.organisation)
    for table in allocation.tables:
        members = [p for p in table.members if p in people]
        for person in members:
            seat = people[person]
            others = [people[p] for p in members if p != person]
            parts: list[str] = []
            if rules.pins.get(person) == table.number:
                parts.append(f"pinned to table {table.number}")
            if seat.needs_access and table.accessible:
                parts.append(f"needs an accessible table, and table {table.number} is one")
            elif seat.needs_access:
                parts.append(f"needs an accessible table, and table {table.number} is not one")
            mates = sorted(  # by name: the rules are a set, in no lasting order
                (
                    people[p].name
                    for pair in rules.together
                    if person in pair
                    for p in pair
                    if p != person and p in people
                ),
                key=str.casefold,
            )
            if mates:
                parts.append(f"kept with {', '.join(mates)}")
            experienced_here = [o for o in others if o.experience is Experience.EXPERIENCED]
            if seat.experience is Experience.EXPERIENCED and not experienced_here:
                parts.append("the table's experienced lay partner")
            elif seat.experience is Experience.NEW and experienced_here:
                parts.append(f"new to the role, beside {experienced_here[0].name} (experienced)")
            if seat.organisation:
                same = [
                    o.name
                    for o in others
                    if o.organisation.casefold() == seat.organisation.casefold()
                ]
                if not same:
                    parts.append(f"the only one from {seat.organisation} here")
                else:
                    count = org_counts[seat.organisation.casefold()]
                    parts.append(
                        f"shares the table with {', '.join(same)} from {seat.organisation}: "
                        f"{plural(count, 'person', 'people')} from it for "
                        f"{plural(tables_count, 'table')}"
                    )
            if history:
                new = sum(1 for o in others if frozenset((person, o.id)) not in history)
                parts.append(f"meets {new} of {len(others)} people for the first time")
            reasons[person] = "; ".join(parts) if parts else "placed to balance the tables"
    return reasons
