"""The cost of a seating, by the allocator's rules (lp_tui.domain.allocation), and the counts
that keep it up to date as people move: what one table costs, what a swap or a person sitting
down changes. Kept apart from the allocating itself, which only weighs these numbers.

A cost is (hard, experience, organisation, repeats, newcomers), compared in that order: a later
rule never buys its way past an earlier one.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from lp_tui.domain.model import Experience

SMALLEST, LARGEST = 5, 6
Pair = frozenset[str]


@dataclass(frozen=True, slots=True)
class Seat:
    """What the allocator needs to know about one participant."""

    id: str
    name: str
    organisation: str = ""
    experience: Experience | None = None
    needs_access: bool = False


@dataclass(frozen=True, slots=True)
class Rules:
    """The facilitator's rules for a seating: pins, pairs kept apart or together, access."""

    pins: dict[str, int] = field(default_factory=dict)  # person -> table number
    apart: frozenset[Pair] = frozenset()
    together: frozenset[Pair] = frozenset()
    accessible: frozenset[int] = frozenset()  # table numbers; empty: table 1 when needed


Cost = tuple[int, int, int, int, int]


@dataclass
class _Problem:
    """One allocation's people, tables and rules, with what the costs look up."""

    seats: dict[str, Seat]
    sizes: list[int]
    rules: Rules
    accessible: set[int]  # table indexes (0-based)
    history: set[Pair]
    org: dict[str, str] = field(init=False)
    is_experienced: dict[str, bool] = field(init=False)
    is_new: dict[str, bool] = field(init=False)
    partners: dict[str, set[str]] = field(init=False)  # history, by person
    alone_rules: bool = field(init=False)
    _pairs: tuple[Rules, dict[str, set[str]], dict[str, set[str]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self.org = {p: s.organisation.casefold() for p, s in self.seats.items()}
        self.is_experienced = {
            p: s.experience is Experience.EXPERIENCED for p, s in self.seats.items()
        }
        self.is_new = {p: s.experience is Experience.NEW for p, s in self.seats.items()}
        # does anyone break a hard rule alone anywhere (a pin, an access need)?
        self.alone_rules = bool(self.rules.pins) or any(s.needs_access for s in self.seats.values())
        self.partners = {}
        for pair in self.history:
            if len(pair) == 2:
                a, b = tuple(pair)
                self.partners.setdefault(a, set()).add(b)
                self.partners.setdefault(b, set()).add(a)

    def pair_partners(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Whom each person is to be kept apart from, and kept together with (for the rules
        held now)."""
        rules = self.rules
        if self._pairs is None or self._pairs[0] is not rules:
            apart: dict[str, set[str]] = {}
            together: dict[str, set[str]] = {}
            for pairs, by_person in ((rules.apart, apart), (rules.together, together)):
                for pair in pairs:
                    if len(pair) == 2:
                        a, b = tuple(pair)
                        by_person.setdefault(a, set()).add(b)
                        by_person.setdefault(b, set()).add(a)
            self._pairs = (rules, apart, together)
        return self._pairs[1], self._pairs[2]

    def hard_of(self, person: str, index: int) -> int:
        """The hard rules one person breaks alone at a table: a pin elsewhere, access."""
        pin = self.rules.pins.get(person)
        return int(pin is not None and pin - 1 != index) + int(
            self.seats[person].needs_access and index not in self.accessible
        )

    def table_cost(self, members: Sequence[str], index: int) -> Cost:
        """(hard, experience, organisation, repeats, newcomers) for one table: the rules' own
        words. The allocator works with ``Tally`` (the same numbers, kept up to date as people
        move); tests hold the two equal."""
        hard = 0
        rules = self.rules
        for person in members:
            pin = rules.pins.get(person)
            if pin is not None and pin - 1 != index:
                hard += 1
            if self.seats[person].needs_access and index not in self.accessible:
                hard += 1
        if rules.apart or rules.together:
            here = set(members)
            hard += sum(1 for pair in rules.apart if pair <= here)
            hard += sum(1 for pair in rules.together if len(pair & here) == 1)
        experience = 0 if not members or any(self.is_experienced[p] for p in members) else 1
        seen: dict[str, int] = {}
        organisation = 0
        for person in members:
            org = self.org[person]
            if org:
                organisation += seen.get(org, 0)
                seen[org] = seen.get(org, 0) + 1
        repeats = 0
        if self.history:
            repeats = sum(
                1
                for a, b in itertools.combinations(members, 2)
                if frozenset((a, b)) in self.history
            )
        newcomers = sum(1 for p in members if self.is_new[p])
        return hard, experience, organisation, repeats, newcomers * newcomers

    def tally(self, members: Sequence[str], index: int) -> Tally:
        return Tally(self, list(members), index)


class Tally:
    """One table's cost kept as counts (experienced, newcomers, people per organisation, the
    hard rules each person breaks alone, pairs who sat together before), so the cost of a
    table with one person swapped for another, or a group added, takes a few steps instead of
    recounting the table. Equal to ``_Problem.table_cost`` of the same members, always."""

    __slots__ = (
        "experienced",
        "hard",
        "index",
        "members",
        "new",
        "orgs",
        "pairs",
        "problem",
        "repeats",
    )

    def __init__(self, problem: _Problem, members: list[str], index: int) -> None:
        self.problem = problem
        self.index = index
        self.members = members
        self._recount()

    def cost(self) -> Cost:
        return self.cost_with(None, ())

    def cost_with(self, out: str | None, into: Sequence[str]) -> Cost:
        """The cost with ``out`` (one of the members, or None) replaced by ``into``."""
        problem = self.problem
        index = self.index
        members = self.members
        hard = self.hard
        experienced = self.experienced
        new = self.new
        pairs = self.pairs
        orgs = self.orgs
        gone = ""
        if out is not None:
            hard -= problem.hard_of(out, index)
            experienced -= problem.is_experienced[out]
            new -= problem.is_new[out]
            gone = problem.org[out]
            if gone:
                pairs -= orgs[gone] - 1
        added: dict[str, int] = {}
        for person in into:
            hard += problem.hard_of(person, index)
            experienced += problem.is_experienced[person]
            new += problem.is_new[person]
            org = problem.org[person]
            if org:
                pairs += orgs[org] - (org == gone) + added.get(org, 0)
                added[org] = added.get(org, 0) + 1
        size = len(members) - (out is not None) + len(into)
        rules = problem.rules
        if rules.apart or rules.together:
            here = set(members) | set(into)
            if out is not None:
                here.discard(out)
            hard += sum(1 for pair in rules.apart if pair <= here)
            hard += sum(1 for pair in rules.together if len(pair & here) == 1)
        repeats = self.repeats
        if problem.history:
            partners = problem.partners
            if out is not None and out in partners:
                met = partners[out]
                repeats -= sum(1 for q in members if q in met)
            for n, person in enumerate(into):
                met = partners.get(person)
                if met:
                    repeats += sum(1 for q in members if q != out and q in met)
                    repeats += sum(1 for q in into[:n] if q in met)
        return (
            hard,
            0 if not size or experienced else 1,
            pairs,
            repeats,
            new * new,
        )

    def add_change(self, group: Sequence[str]) -> Cost:
        """How the table's cost changes when ``group`` sits down at it."""
        problem = self.problem
        if len(group) != 1 or problem.rules.apart or problem.rules.together:
            before = self.cost()
            after = self.cost_with(None, group)
            return tuple(x - y for x, y in zip(after, before, strict=True))  # type: ignore[return-value]
        [person] = group
        experienced = self.experienced
        was_short = bool(self.members) and not experienced
        experience = int(not (experienced + problem.is_experienced[person])) - was_short
        org = problem.org[person]
        met = problem.partners.get(person)
        new = self.new
        return (
            problem.hard_of(person, self.index) if problem.alone_rules else 0,
            experience,
            self.orgs[org] if org else 0,
            len(met.intersection(self.members)) if met else 0,
            (new + problem.is_new[person]) ** 2 - new * new,
        )

    def best_swap(self, a: str, there: Tally, candidates: Iterable[str]) -> tuple[Cost, str] | None:
        """The swap of ``a`` (here) with one of ``candidates`` (at ``there``) that lowers the
        two tables' summed cost most, with that change; the first of equals; None when no swap
        improves (lexicographically below zero). Worked out a rule at a time, stopping as soon
        as a swap cannot improve, and what depends only on ``a`` and the two tables is worked
        out once: the allocator weighs tens of thousands of swaps. A keep-apart or keep-together
        pair counts only where one of the two moves: the pairs of ``a`` and of each candidate."""
        problem = self.problem
        alone_rules = problem.alone_rules
        hard_of = problem.hard_of
        is_experienced, is_new, orgs_of = problem.is_experienced, problem.is_new, problem.org
        partners = problem.partners
        here_i, there_i = self.index, there.index
        here_members, there_members = self.members, there.members
        here_orgs, there_orgs = self.orgs, there.orgs
        exp_a, new_a, org_a = is_experienced[a], is_new[a], orgs_of[a]
        hard_a = hard_of(a, there_i) - hard_of(a, here_i) if alone_rules else 0
        rules = problem.rules
        candidates = list(candidates)
        pairs_held = False  # a pair rule for a or a candidate: only a pair of theirs can change
        if rules.apart or rules.together:
            apart_of, together_of = problem.pair_partners()
            pairs_held = any(p in apart_of or p in together_of for p in (a, *candidates))
        if pairs_held:
            here_set, there_set = set(here_members), set(there_members)
            apart_a, together_a = apart_of.get(a, set()), together_of.get(a, set())
            # a goes there: kept apart from x, a breach where x sits there (not here now);
            # kept together with x, 2 breaches (one at each table) where x stays here, none
            # where x is there. (b among them: taken back for each candidate below.)
            hard_a += sum((x in there_set) - (x in here_set) for x in apart_a)
            hard_a += 2 * sum((x in here_set) - (x in there_set) for x in together_a)
        # Experienced people here after the swap, less before, is exp_b - exp_a: the change in
        # rule 2 for exp_b False and True (likewise newcomers, rule 5).
        here_exp, there_exp = self.experienced, there.experienced
        experience_if = tuple(
            (not here_exp + (exp_b - exp_a))
            - (not here_exp)
            + (not there_exp - (exp_b - exp_a))
            - (not there_exp)
            for exp_b in (False, True)
        )
        here_new, there_new = self.new, there.new
        newcomers_if = tuple(
            (here_new + (new_b - new_a)) ** 2
            - here_new**2
            + (there_new - (new_b - new_a)) ** 2
            - there_new**2
            for new_b in (False, True)
        )
        size = len(there_members)
        if (
            not alone_rules
            and not pairs_held
            and not (self.pairs or there.pairs or self.repeats or there.repeats)
            and (experience_if[0] >= 0 or there_exp == size)
            and (experience_if[1] >= 0 or not there_exp)
            and (newcomers_if[0] >= 0 or there_new == size)
            and (newcomers_if[1] >= 0 or not there_new)
        ):
            # No swap lowers any rule's count: neither table has colleagues or earlier
            # tablemates together (so a swap cannot part any), and rules 2 and 5 cannot drop
            # for anyone at ``there``.
            return None
        org_a_moves = there_orgs.get(org_a, 0) - here_orgs.get(org_a, 0) + 1 if org_a else 0
        met_a = partners.get(a)
        repeats_a = (
            len(met_a.intersection(there_members)) - len(met_a.intersection(here_members))
            if met_a
            else 0
        )
        best: tuple[Cost, str] | None = None
        for b in candidates:
            hard = hard_a
            if alone_rules:
                hard += hard_of(b, here_i) - hard_of(b, there_i)
            if pairs_held:  # b comes here; a pair of a and b stays split either way
                hard += 2 * (b in together_a) - (b in apart_a)
                hard += sum(
                    (y in here_set) - (y in there_set) for y in apart_of.get(b, ()) if y != a
                )
                hard += 2 * sum(
                    (y in there_set) - (y in here_set) for y in together_of.get(b, ()) if y != a
                )
            if hard > 0:
                continue
            experience = experience_if[is_experienced[b]]
            if hard == 0 and experience > 0:
                continue
            org_b = orgs_of[b]
            organisation = 0
            if org_a != org_b:
                organisation = org_a_moves
                if org_b:
                    organisation += here_orgs.get(org_b, 0) - there_orgs.get(org_b, 0) + 1
            if hard == 0 and experience == 0 and organisation > 0:
                continue
            repeats = 0
            if partners:
                repeats = repeats_a
                if met_a and b in met_a:
                    repeats -= 1
                met_b = partners.get(b)
                if met_b:
                    repeats += len(met_b.intersection(here_members)) - (a in met_b)
                    repeats -= len(met_b.intersection(there_members))
            if hard == 0 and experience == 0 and organisation == 0 and repeats > 0:
                continue
            gain = (hard, experience, organisation, repeats, newcomers_if[is_new[b]])
            if gain < (0, 0, 0, 0, 0) and (best is None or gain < best[0]):
                best = (gain, b)
        return best

    def swap(self, out: str, person: str) -> None:
        """``person`` takes ``out``'s place (the members' order kept)."""
        self.members = [person if p == out else p for p in self.members]
        self._recount()

    def add(self, group: Sequence[str]) -> None:
        self.members = [*self.members, *group]
        self._recount()

    def _recount(self) -> None:
        problem, members, index = self.problem, self.members, self.index
        self.hard = sum(problem.hard_of(p, index) for p in members)
        self.experienced = sum(problem.is_experienced[p] for p in members)
        self.new = sum(problem.is_new[p] for p in members)
        self.orgs = Counter(problem.org[p] for p in members if problem.org[p])
        self.pairs = sum(n * (n - 1) // 2 for n in self.orgs.values())
        partners = problem.partners
        self.repeats = sum(
            1
            for n, a in enumerate(members)
            if a in partners
            for b in members[n + 1 :]
            if b in partners[a]
        )


def cheapest_seat(
    person: str, tallies: Sequence[Tally], slack: Sequence[int], chance: Sequence[float]
) -> int:
    """Where in ``tallies`` ``person`` sits down alone: the first of the lowest
    ``(add_change([person]), slack, chance)``, found a rule at a time, each rule weighing only
    the tables the rules before it left level (no tuple per table: the allocator weighs every
    table for every person it seats). ``person`` is not at any of the tables yet."""
    problem = tallies[0].problem
    left = list(range(len(tallies)))
    apart: Collection[str] = ()
    together: Collection[str] = ()
    if problem.rules.apart or problem.rules.together:
        apart_of, together_of = problem.pair_partners()
        apart, together = apart_of.get(person, ()), together_of.get(person, ())
    if problem.alone_rules or apart or together:
        hard_of = problem.hard_of if problem.alone_rules else None
        hard = []
        for k in left:
            table = tallies[k]
            breaches = hard_of(person, table.index) if hard_of else 0
            if apart or together:  # a pair breached where one sits without the other
                here = set(table.members)
                breaches += sum(x in here for x in apart)
                breaches += sum((x not in here) - (x in here) for x in together)
            hard.append(breaches)
        left = _lowest(left, hard)
    experienced = problem.is_experienced[person]
    if len(left) > 1:
        left = _lowest(
            left,
            [
                int(not (t.experienced + experienced)) - (bool(t.members) and not t.experienced)
                for t in (tallies[k] for k in left)
            ],
        )
    org = problem.org[person]
    if org and len(left) > 1:
        left = _lowest(left, [tallies[k].orgs.get(org, 0) for k in left])
    met = problem.partners.get(person)
    if met and len(left) > 1:
        left = _lowest(left, [len(met.intersection(tallies[k].members)) for k in left])
    if problem.is_new[person] and len(left) > 1:  # (new + 1)² - new² grows with new
        left = _lowest(left, [tallies[k].new for k in left])
    if len(left) > 1:
        left = _lowest(left, [slack[k] for k in left])
    return min(left, key=chance.__getitem__)


def _lowest(left: list[int], keys: list[int]) -> list[int]:
    """The entries of ``left`` whose key is the lowest, in order."""
    low = min(keys)
    return [k for k, key in zip(left, keys, strict=True) if key == low]
