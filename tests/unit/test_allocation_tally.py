"""The allocator's kept counts (``Tally``) always give what recounting a table gives
(``_Problem.table_cost``, the rules in their own words): for any table, any swap, any group
sitting down, with or without pins, access needs, keep-apart/together rules and history; and
the swap and the seat the allocator picks by its shortcuts are the ones a recount picks."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lp_tui.domain.allocation import Rules, Seat, _Problem, table_sizes
from lp_tui.domain.model import Experience
from lp_tui.domain.seating_cost import cheapest_seat

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# The shortcuts' properties: their edges are also held by hand-worked cases below.
SHORTCUT = settings(PROPERTY, max_examples=120)


@st.composite
def problems(draw: st.DrawFn, *, plain: bool = False) -> tuple[_Problem, list[str]]:
    """A room; ``plain``: no pins or access needs (rules a person breaks alone), and most people
    from an organisation of their own, as in a large room, where the allocator's shortcuts
    (a swap that cannot improve anything) apply."""
    count = draw(st.integers(2, 16))
    names = ["", *(f"Org {i}" for i in range(12))] if plain else ["", "A", "B", "b", "C"]
    orgs = draw(st.lists(st.sampled_from(names), min_size=count, max_size=count))
    levels = draw(st.lists(st.sampled_from([None, *Experience]), min_size=count, max_size=count))
    access = (
        [False] * count if plain else draw(st.lists(st.booleans(), min_size=count, max_size=count))
    )
    ids = [f"p{i:02d}" for i in range(count)]
    seats = {
        i: Seat(i, f"Person {i}", org, level, need)
        for i, org, level, need in zip(ids, orgs, levels, access, strict=True)
    }
    pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).map(frozenset)
    history = draw(st.sets(pair, max_size=12))
    rules = Rules(
        pins={}
        if plain
        else draw(st.dictionaries(st.sampled_from(ids), st.integers(1, 4), max_size=3)),
        apart=frozenset(draw(st.sets(pair.filter(lambda p: len(p) == 2), max_size=3))),
        together=frozenset(draw(st.sets(pair.filter(lambda p: len(p) == 2), max_size=3))),
    )
    accessible = draw(st.sets(st.integers(0, 3), max_size=2))
    return _Problem(seats, table_sizes(count), rules, accessible, history), ids


@PROPERTY
@given(problems(), st.data())
def test_kept_counts_equal_a_recount(made: tuple[_Problem, list[str]], data: st.DataObject) -> None:
    problem, ids = made
    members = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=7))
    index = data.draw(st.integers(0, 3))
    tally = problem.tally(members, index)
    assert tally.cost() == problem.table_cost(members, index)
    rest = [p for p in ids if p not in members]
    group = data.draw(st.lists(st.sampled_from(rest), unique=True, max_size=3)) if rest else []
    after = problem.table_cost([*members, *group], index)
    assert tally.cost_with(None, group) == after
    change = tuple(a - b for a, b in zip(after, problem.table_cost(members, index), strict=True))
    assert tally.add_change(group) == change
    if members and rest:
        out, person = data.draw(st.sampled_from(members)), data.draw(st.sampled_from(rest))
        swapped = [person if p == out else p for p in members]
        assert tally.cost_with(out, [person]) == problem.table_cost(swapped, index)
        tally.swap(out, person)
        assert tally.members == swapped
        assert tally.cost() == problem.table_cost(swapped, index)


def recounted_swap(problem: _Problem, here: list[str], i: int, there: list[str], j: int, a, b):
    """The change in two tables' summed cost when ``a`` and ``b`` swap, by recounting."""
    new_here = [b if p == a else p for p in here]
    new_there = [a if p == b else p for p in there]
    after = (problem.table_cost(new_here, i), problem.table_cost(new_there, j))
    before = (problem.table_cost(here, i), problem.table_cost(there, j))
    return tuple(w + x - y - z for w, x, y, z in zip(*after, *before, strict=True))


@SHORTCUT
@given(st.one_of(problems(), problems(plain=True)), st.data())
def test_the_best_swap_is_the_first_lowest_recounted_change_below_zero(
    made: tuple[_Problem, list[str]], data: st.DataObject
) -> None:
    problem, ids = made
    # with every rule drawn: pins, access needs, keep-apart and keep-together pairs, history
    here_members = data.draw(st.lists(st.sampled_from(ids), unique=True, min_size=1, max_size=6))
    rest = [p for p in ids if p not in here_members]
    if not rest:
        return
    there_members = data.draw(st.lists(st.sampled_from(rest), unique=True, min_size=1, max_size=6))
    here_i, there_i = data.draw(st.integers(0, 3)), data.draw(st.integers(0, 3))
    a = data.draw(st.sampled_from(here_members))
    candidates = data.draw(st.lists(st.sampled_from(there_members), unique=True))
    here, there = problem.tally(here_members, here_i), problem.tally(there_members, there_i)
    improving = [
        (change, b)
        for b in candidates
        if (change := recounted_swap(problem, here_members, here_i, there_members, there_i, a, b))
        < (0, 0, 0, 0, 0)
    ]
    expected = min(improving, key=lambda found: found[0]) if improving else None
    assert here.best_swap(a, there, candidates) == expected


@SHORTCUT
@given(st.one_of(problems(), problems(plain=True)), st.data())
def test_the_cheapest_seat_is_the_first_lowest_change_then_room_then_chance(
    made: tuple[_Problem, list[str]], data: st.DataObject
) -> None:
    problem, ids = made
    # with every rule drawn: pins, access needs, keep-apart and keep-together pairs, history
    person = data.draw(st.sampled_from(ids))
    others = [p for p in ids if p != person]
    tables = data.draw(st.integers(1, 5))
    seated = data.draw(st.lists(st.integers(0, tables), min_size=len(others), max_size=len(others)))
    tallies = [
        problem.tally([p for p, t in zip(others, seated, strict=True) if t == i], i)
        for i in range(tables)
    ]
    slack = data.draw(st.lists(st.integers(-2, 0), min_size=tables, max_size=tables))
    chance = data.draw(st.lists(st.sampled_from([0.1, 0.5, 0.9]), min_size=tables, max_size=tables))
    *_, expected = min(
        zip((t.add_change([person]) for t in tallies), slack, chance, range(tables), strict=True)
    )
    assert cheapest_seat(person, tallies, slack, chance) == expected


def plain_room(levels: str, history: tuple[tuple[str, str], ...] = ()) -> _Problem:
    """People a-l, each from an organisation of their own; ``levels`` gives each one's
    experience: e(xperienced), n(ew), s(ome)."""
    level = {"e": Experience.EXPERIENCED, "n": Experience.NEW, "s": Experience.SOME}
    seats = {
        p: Seat(p, p.upper(), f"Org {p}", level[lv])
        for p, lv in zip("abcdefghijkl", levels, strict=True)
    }
    return _Problem(seats, [6, 6], Rules(), set(), {frozenset(pair) for pair in history})


@pytest.mark.parametrize(
    ("levels", "history", "person", "swap"),
    [
        # a and b sat together before, and sit together again: a swap parts them
        ("ssssssssssss", (("a", "b"),), "a", ((0, 0, 0, -1, 0), "g")),
        # ... or the earlier tablemates sit at the other table
        ("ssssssssssss", (("g", "h"),), "d", ((0, 0, 0, -1, 0), "g")),
        # no experienced lay partner here, two there (g, i): one comes over
        ("ssssssesesss", (), "a", ((0, -1, 0, 0, 0), "g")),
        # two experienced here (a, b), none there: one goes over
        ("eessssssssss", (), "a", ((0, -1, 0, 0, 0), "g")),
        # three newcomers here, one there (g): one goes over, for someone not new
        ("nnnsssnsssss", (), "a", ((0, 0, 0, 0, -2), "h")),
        # one newcomer here (d), three there (g, h, i): one comes over
        ("sssnssnnnsss", (), "a", ((0, 0, 0, 0, -2), "g")),
        # one newcomer at each table: nothing to mend
        ("nssssssnssss", (), "a", None),
    ],
)
def test_a_swap_that_parts_tablemates_or_evens_the_tables_is_found(
    levels: str,
    history: tuple[tuple[str, str], ...],
    person: str,
    swap: tuple[tuple[int, ...], str] | None,
) -> None:
    problem = plain_room(levels, history)
    here, there = problem.tally(list("abcdef"), 0), problem.tally(list("ghijkl"), 1)
    assert here.best_swap(person, there, there.members) == swap
