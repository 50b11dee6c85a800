"""Case-study rotations: presenters move between tables, tables stay put.

T tables each hear K different presenters out of P. In a round a presenter is at one table at
most and a table hears one presenter at most; presenters' visit counts differ by at most one;
the plan uses the fewest rounds possible: max(K, ceil(T*K / min(T, P))).

Presenters are numbered 0..P-1 here; tables 1..T; rounds 1..R. Deterministic.

The stored plan (RotationPlan, Visit, Dropout) and feedback to presenters are in
lp_tui/domain/model.py.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lp_tui.domain.model import Visit


@dataclass(frozen=True, slots=True)
class Rotation:
    """Which presenter visits which table in each round."""

    tables: int
    presenters: int
    visits_per_table: int
    visits: tuple[Visit, ...]
    round_count: int = 0  # rounds kept even when the last ones have no visit left

    @property
    def rounds(self) -> int:
        return max(self.round_count, max((v.round for v in self.visits), default=0))

    def round_visits(self, number: int) -> list[Visit]:
        return sorted(v for v in self.visits if v.round == number)

    def resting(self, number: int) -> list[int]:
        busy = {v.table for v in self.visits if v.round == number}
        return [t for t in range(1, self.tables + 1) if t not in busy]

    def heard_by(self, table: int) -> list[int]:
        return [v.presenter for v in sorted(self.visits) if v.table == table]

    def counts(self) -> Counter[int]:
        return Counter(v.presenter for v in self.visits)


def min_rounds(tables: int, presenters: int, visits: int) -> int:
    if tables <= 0 or visits <= 0:
        return 0
    return max(visits, math.ceil(tables * visits / min(tables, presenters)))


def plan(tables: int, presenters: int, visits: int) -> Rotation:
    """The plan with the fewest rounds; raises ValueError when it cannot exist.

    First who visits whom: table t hears presenters tK .. tK+K-1 (mod P), so no table hears
    anyone twice and presenters' visit counts differ by at most one. Then when: the visits are
    the edges of a bipartite graph whose largest degree is exactly the fewest rounds possible,
    and König's theorem says its edges can be coloured with that many colours so that no two
    edges of a colour share a table or a presenter. A colour is a round.
    """
    if tables < 1 or presenters < 1 or visits < 1:
        raise ValueError("tables, presenters and visits must each be at least 1")
    if visits > presenters:
        raise ValueError(f"a table cannot hear {visits} different presenters out of {presenters}")
    edges = [
        (table, (table * visits + j) % presenters)
        for table in range(1, tables + 1)
        for j in range(visits)
    ]
    colours = _colour_edges(edges, min_rounds(tables, presenters, visits))
    found = tuple(sorted(Visit(c + 1, t, p) for (t, p), c in colours.items()))
    return Rotation(tables, presenters, visits, found)


def _colour_edges(edges: list[tuple[int, int]], colours: int) -> dict[tuple[int, int], int]:
    """A proper edge colouring of a bipartite graph with ``colours`` >= its largest degree."""
    at_table: dict[int, dict[int, int]] = {}  # table -> colour -> presenter
    at_presenter: dict[int, dict[int, int]] = {}  # presenter -> colour -> table
    for table, presenter in edges:
        on_t = at_table.setdefault(table, {})
        on_p = at_presenter.setdefault(presenter, {})
        a = next(c for c in range(colours) if c not in on_t)
        b = next(c for c in range(colours) if c not in on_p)
        if a in on_p:
            if b not in on_t:
                a = b
            else:  # swap a and b along the path from the presenter; then a is free at both
                _swap_path(presenter, a, b, at_table, at_presenter)
        on_t[a] = presenter
        on_p[a] = table
    return {(t, p): c for t, by_colour in at_table.items() for c, p in by_colour.items()}


def _swap_path(
    presenter: int,
    a: int,
    b: int,
    at_table: dict[int, dict[int, int]],
    at_presenter: dict[int, dict[int, int]],
) -> None:
    path: list[tuple[int, int, int]] = []  # (table, presenter, colour)
    node, on_presenter_side, colour = presenter, True, a
    while True:
        if on_presenter_side:
            table = at_presenter[node].get(colour)
            if table is None:
                break
            path.append((table, node, colour))
            node = table
        else:
            other = at_table[node].get(colour)
            if other is None:
                break
            path.append((node, other, colour))
            node = other
        on_presenter_side = not on_presenter_side
        colour = b if colour == a else a
    for table, pres, colour in path:
        del at_table[table][colour]
        del at_presenter[pres][colour]
    for table, pres, colour in path:
        swapped = b if colour == a else a
        at_table[table][swapped] = pres
        at_presenter[pres][swapped] = table


# ---------------------------------------------------------------- changes on the day


@dataclass(frozen=True, slots=True)
class Replan:
    """A rotation planned again for presenters away, and what changed."""

    rotation: Rotation
    changed: tuple[Visit, ...]  # visits that are new in the plan
    removed: tuple[Visit, ...]  # visits that are no longer in it
    short: dict[int, int]  # table -> visits it will miss (no one left it has not heard)


def replan(
    rotation: Rotation,
    *,
    done: int,
    away: dict[int, Iterable[int] | None],
    unavailable: dict[int, Iterable[int] | None] | None = None,
) -> Replan:
    """Re-plan rounds after ``done`` when presenters are away.

    ``away`` maps a presenter to the rounds they miss (None: every remaining round, a drop-out).
    Only visits of presenters who are away change: each goes to another presenter free in the
    same round whom the table has not heard (the one with fewest visits), else to the earliest
    later round where the table and someone it has not heard are both free (a new round at the
    end if need be). ``unavailable`` maps other presenters to rounds they cannot take a visit in
    (None: any round), as presenters already late or dropped out: their own visits stay as they
    are, and none is given to them there.
    """
    missing = _rounds_of(away)
    closed = {**_rounds_of(unavailable or {}), **missing}

    def is_in(presenters: dict[int, set[int] | None], presenter: int, number: int) -> bool:
        if presenter not in presenters:
            return False
        rounds = presenters[presenter]
        return rounds is None or number in rounds

    def is_away(presenter: int, number: int) -> bool:
        return is_in(missing, presenter, number)

    def is_closed(presenter: int, number: int) -> bool:
        return is_in(closed, presenter, number)

    kept = [v for v in rotation.visits if v.round <= done or not is_away(v.presenter, v.round)]
    removed = [v for v in rotation.visits if v not in kept]
    visits = list(kept)
    changed: list[Visit] = []
    short: dict[int, int] = {}
    for old in sorted(removed):
        new = _substitute(rotation, visits, old, done, is_closed)
        if new is None:
            short[old.table] = short.get(old.table, 0) + 1
            continue
        visits.append(new)
        changed.append(new)
    result = Rotation(
        rotation.tables, rotation.presenters, rotation.visits_per_table, tuple(sorted(visits))
    )
    return Replan(result, tuple(changed), tuple(removed), short)


def _rounds_of(away: dict[int, Iterable[int] | None]) -> dict[int, set[int] | None]:
    return {p: (None if rounds is None else set(rounds)) for p, rounds in away.items()}


def _substitute(
    rotation: Rotation, visits: list[Visit], old: Visit, done: int, is_closed
) -> Visit | None:  # type: ignore[no-untyped-def]
    heard = {v.presenter for v in visits if v.table == old.table}
    counts = Counter(v.presenter for v in visits)
    last = max([rotation.rounds, *(v.round for v in visits)])
    for number in [old.round, *range(done + 1, last + 2)]:
        if number <= done:
            continue
        if any(v.round == number and v.table == old.table for v in visits):
            continue
        busy = {v.presenter for v in visits if v.round == number}
        options = [
            p
            for p in range(rotation.presenters)
            if p not in busy and p not in heard and not is_closed(p, number)
        ]
        if options:
            best = min(options, key=lambda p: (counts[p], p))
            return Visit(number, old.table, best)
    return None


def presenter_names(count: int) -> list[str]:
    """P1..Pn, for a plan made without a database."""
    return [f"P{n}" for n in range(1, count + 1)]


# ---------------------------------------------------------------- a rotation on the day


@dataclass(frozen=True, slots=True)
class RoundClock:
    """Where a rotation item's clock is: in a round, in a changeover, before or after."""

    phase: str  # before, round, move, after
    round: int
    remaining_seconds: float
    round_seconds: float

    def rounds_done(self, rounds: int) -> int:
        """Rounds that have finished: none before the start, all after the end (or, where the
        item ended early, those it had reached)."""
        if self.phase == "after":
            return min(self.round, rounds)
        if self.phase == "before":
            return 0
        return self.round - 1


def over_words(clock: RoundClock, rounds: int) -> str:
    """What a rotation that is over came to: 'all 3 rounds done' (the last round was reached),
    or, for one whose agenda item ended before its time ran out, 'stopped at round 2 of 3' (the
    last round that had begun) or 'stopped before round 1'."""
    if clock.round >= rounds:
        return f"all {rounds} rounds done"
    if clock.round <= 0:
        return "stopped before round 1"
    return f"stopped at round {clock.round} of {rounds}"


def round_clock(
    allotted_seconds: int, running_seconds: float, rounds: int, changeover_minutes: int
) -> RoundClock:
    """The item's time divided into rounds with changeovers between them."""
    lengths = round_lengths(allotted_seconds, rounds, changeover_minutes * 60)
    return clock_of_rounds(lengths, running_seconds, changeover_minutes * 60)


def round_lengths(
    allotted_seconds: float,
    rounds: int,
    changeover_seconds: int,
    *,
    done: int = 0,
    start_seconds: float = 0,
) -> list[float]:
    """Each round's length. The item's time is shared evenly, or, for a plan changed after
    ``done`` rounds whose round ``done + 1`` began at ``start_seconds`` of the item, the rounds
    already done keep their share and the rest share what is left."""
    if rounds <= 0:
        return []
    if done <= 0 or start_seconds <= 0 or done >= rounds:
        return [max(60.0, (allotted_seconds - changeover_seconds * (rounds - 1)) / rounds)] * rounds
    first = max(60.0, (start_seconds - changeover_seconds * done) / done)
    left = rounds - done
    rest = max(60.0, (allotted_seconds - start_seconds - changeover_seconds * (left - 1)) / left)
    return [first] * done + [rest] * left


def round_start(lengths: Sequence[float], number: int, changeover_seconds: int) -> float:
    """The item's running seconds when round ``number`` begins."""
    return sum(lengths[: number - 1]) + changeover_seconds * (number - 1)


def clock_of_rounds(
    lengths: Sequence[float], running_seconds: float, changeover_seconds: int
) -> RoundClock:
    """Where the clock is in rounds of these lengths with changeovers between them."""
    rounds = len(lengths)
    if rounds <= 0:
        return RoundClock("after", 0, 0, 0)
    if running_seconds <= 0:
        return RoundClock("before", 1, lengths[0], lengths[0])
    elapsed = running_seconds
    for number, length in enumerate(lengths, start=1):
        if elapsed < length:
            return RoundClock("round", number, length - elapsed, length)
        elapsed -= length
        if number < rounds:
            if elapsed < changeover_seconds:
                return RoundClock("move", number + 1, changeover_seconds - elapsed, lengths[number])
            elapsed -= changeover_seconds
    return RoundClock("after", rounds, -elapsed, lengths[-1])


def surname(name: str) -> str:
    """A short name for a crowded grid: the last word."""
    return name.split()[-1] if name.split() else name
