"""The allocator's kept counts (``Tally``) always give what recounting a table gives
(``_Problem.table_cost``, the rules in their own words): for any table, any swap, any group
sitting down, with or without pins, access needs, keep-apart/together rules and history."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lp_tui.domain.allocation import Rules, Seat, _Problem, table_sizes
from lp_tui.domain.model import Experience

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def problems(draw: st.DrawFn) -> tuple[_Problem, list[str]]:
    count = draw(st.integers(2, 16))
    orgs = draw(st.lists(st.sampled_from(["", "A", "B", "b", "C"]), min_size=count, max_size=count))
    levels = draw(st.lists(st.sampled_from([None, *Experience]), min_size=count, max_size=count))
    access = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    ids = [f"p{i:02d}" for i in range(count)]
    seats = {
        i: Seat(i, f"Person {i}", org, level, need)
        for i, org, level, need in zip(ids, orgs, levels, access, strict=True)
    }
    pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).map(frozenset)
    history = draw(st.sets(pair, max_size=12))
    rules = Rules(
        pins=draw(st.dictionaries(st.sampled_from(ids), st.integers(1, 4), max_size=3)),
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


@pytest.mark.long
@PROPERTY
@given(problems(), st.data())
def test_swap_gain_is_the_recounted_change_when_it_improves(
    made: tuple[_Problem, list[str]], data: st.DataObject
) -> None:
    problem, ids = made
    problem.rules = Rules(pins=problem.rules.pins)  # swap_gain is for seatings without pair rules
    here_members = data.draw(st.lists(st.sampled_from(ids), unique=True, min_size=1, max_size=6))
    rest = [p for p in ids if p not in here_members]
    if not rest:
        return
    there_members = data.draw(st.lists(st.sampled_from(rest), unique=True, min_size=1, max_size=6))
    here_i, there_i = data.draw(st.integers(0, 3)), data.draw(st.integers(0, 3))
    a, b = data.draw(st.sampled_from(here_members)), data.draw(st.sampled_from(there_members))
    here, there = problem.tally(here_members, here_i), problem.tally(there_members, there_i)
    new_here = [b if p == a else p for p in here_members]
    new_there = [a if p == b else p for p in there_members]
    change = tuple(
        w + x - y - z
        for w, x, y, z in zip(
            problem.table_cost(new_here, here_i),
            problem.table_cost(new_there, there_i),
            problem.table_cost(here_members, here_i),
            problem.table_cost(there_members, there_i),
            strict=True,
        )
    )
    expected = change if change < (0, 0, 0, 0, 0) else None
    assert here.swap_gain(a, there, b) == expected
