"""The table allocator against a plain random shuffle, same people, same run.

Run: python bench/allocation_bench.py

For 40 and 1,000 participants (random organisations and experience, seeded), it seats a first
day, then a re-mix, and compares with shuffling into the same table sizes: time, organisation
clashes (pairs from one organisation at a table), tables without an experienced lay partner,
and pairs who already sat together. Prints numbers and ratios; nothing here passes or fails.
For 1,000 people it also prints the time against the half-second the facilitator can wait
(a press of `a` on the Tables screen), then the same for rooms where a rule cannot hold at
every table (too few experienced lay partners, none recorded, three large organisations): the
allocator searches harder only where a swap can mend a table, so these take no longer; and a
room with pairs kept apart and together.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Sequence

from lp_tui.domain.allocation import Pair, Rules, Seat, allocate, table_sizes
from lp_tui.domain.model import Experience

SIZES = (40, 1_000)


def people(count: int, seed: int) -> list[Seat]:
    rng = random.Random(seed)
    orgs = [f"Org {i}" for i in range(max(8, count // 5))]
    levels = [Experience.NEW, Experience.SOME, Experience.SOME, Experience.EXPERIENCED]
    return [
        Seat(f"p{i:05d}", f"Person {i}", rng.choice(orgs), rng.choice(levels)) for i in range(count)
    ]


# Rooms where a rule cannot hold at every table: 1,000 people each.
HARD_ROOMS = {
    "3% experienced": lambda rng: (
        Experience.EXPERIENCED if rng.random() < 0.03 else Experience.NEW,
        f"Org {rng.randint(0, 199)}",
    ),
    "no experience": lambda rng: (None, f"Org {rng.randint(0, 199)}"),
    "3 organisations": lambda rng: (rng.choice(list(Experience)), f"Org {rng.randint(0, 2)}"),
}


def hard_room(kind: str, seed: int) -> list[Seat]:
    rng = random.Random(seed)
    made = [HARD_ROOMS[kind](rng) for _ in range(1_000)]
    return [Seat(f"p{i:05d}", f"Person {i}", org, level) for i, (level, org) in enumerate(made)]


def shuffled(seats: Sequence[Seat], seed: int) -> list[list[str]]:
    ids = [s.id for s in seats]
    random.Random(seed).shuffle(ids)
    tables, start = [], 0
    for size in table_sizes(len(ids)):
        tables.append(ids[start : start + size])
        start += size
    return tables


def quality(
    tables: list[list[str]], seats: Sequence[Seat], history: set[Pair]
) -> tuple[int, int, int]:
    by_id = {s.id: s for s in seats}
    clashes = repeats = lacking = 0
    for table in tables:
        for a, b in itertools.combinations(table, 2):
            if by_id[a].organisation == by_id[b].organisation:
                clashes += 1
            if frozenset((a, b)) in history:
                repeats += 1
        if not any(by_id[p].experience is Experience.EXPERIENCED for p in table):
            lacking += 1
    return clashes, lacking, repeats


def pairs(tables: list[list[str]]) -> set[Pair]:
    return {frozenset(p) for t in tables for p in itertools.combinations(t, 2)}


def main() -> None:
    print(
        f"{'people':>7} {'method':<9} {'ms':>9} {'org clashes':>12} {'no exp.':>8} {'repeats':>8}"
    )
    for count in SIZES:
        seats = people(count, seed=count)
        start = time.perf_counter()
        day1 = allocate(seats, [], seed=1)
        day3 = allocate(seats, [], seed=3, history=day1.pairs())
        ours = (time.perf_counter() - start) / 2
        history = day1.pairs()
        mine = quality([list(t.members) for t in day3.tables], seats, history)
        start = time.perf_counter()
        base_day1 = shuffled(seats, 1)
        base_day3 = shuffled(seats, 3)
        theirs = (time.perf_counter() - start) / 2
        base = quality(base_day3, seats, pairs(base_day1))
        ratios = [f"{m / b:.2f}" if b else "-" for m, b in zip(mine, base, strict=True)]
        row(count, "allocate", f"{ours * 1000:.1f}", *mine)
        row(count, "shuffle", f"{theirs * 1000:.3f}", *base)
        row("", "ratio", f"{ours / theirs:.0f}x", *ratios)
        if count >= 1_000:
            print(f"{'':>7} {'of 0.5 s':<9} {ours / 0.5:>8.2f}x")
    print(f"\n{'1,000 people where a rule cannot hold everywhere':<50} {'ms':>7} {'of 0.5 s':>9}")
    for kind in HARD_ROOMS:
        seats = hard_room(kind, seed=1)
        start = time.perf_counter()
        allocate(seats, [], seed=1)
        took = time.perf_counter() - start
        print(f"{kind:<50} {took * 1000:>7.1f} {took / 0.5:>8.2f}x")
    seats = people(1_000, seed=1_000)
    ids = [s.id for s in seats]
    rules = Rules(
        apart=frozenset({frozenset(ids[0:2]), frozenset(ids[10:12])}),
        together=frozenset({frozenset(ids[20:22])}),
    )
    start = time.perf_counter()
    allocate(seats, [], rules=rules, seed=1)
    took = time.perf_counter() - start
    kind = "two pairs kept apart, one kept together"
    print(f"{kind:<50} {took * 1000:>7.1f} {took / 0.5:>8.2f}x")


def row(count: object, method: str, ms: str, *cells: object) -> None:
    clashes, lacking, repeats = cells
    print(f"{count!s:>7} {method:<9} {ms:>9} {clashes!s:>12} {lacking!s:>8} {repeats!s:>8}")


if __name__ == "__main__":
    main()
