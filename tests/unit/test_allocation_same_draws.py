"""The allocator's seatings stay what they were: the same seed gives the same tables after any
change that means to be only faster. The digests were taken from the allocator before its
shortcuts (ea7c8f8) and the allocator after them, which agree; a change to the order of the
random draws, the sample of tables tried, or a shortcut that is not exact, changes them."""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.allocation import Allocation, Rules, Seat, allocate
from lp_tui.domain.model import Experience


def room(count: int, seed: int) -> list[Seat]:
    rng = random.Random(seed)
    levels = [Experience.NEW, Experience.SOME, Experience.EXPERIENCED, None]
    return [
        Seat(
            f"p{i:04d}",
            f"Person {i}",
            f"Org {rng.randrange(count // 5)}",
            rng.choice(levels),
            rng.random() < 0.03,
        )
        for i in range(count)
    ]


def digest(allocation: Allocation) -> str:
    tables = [[t.number, list(t.members), t.accessible] for t in allocation.tables]
    return hashlib.sha256(json.dumps(tables).encode()).hexdigest()[:16]


@pytest.mark.parametrize(
    ("count", "first", "remix"),
    [
        (100, "80f3492cb9ec5e7e", "cad0ee321c86fb69"),
        (1000, "1c25af3051d6b9b4", "09eef62f3853aaf6"),
    ],
)
def test_seeded_seatings_are_the_ones_they_always_were(count: int, first: str, remix: str) -> None:
    seats = room(count, count)
    day1 = allocate(seats, [], seed=1)
    assert digest(day1) == first
    assert digest(allocate(seats, [], seed=2, history=day1.pairs())) == remix


def test_a_seeded_seating_with_pins_and_a_pair_apart_is_the_one_it_always_was() -> None:
    seats = room(100, 100)
    ids = [s.id for s in seats]
    rules = Rules(pins={ids[3]: 2, ids[50]: 9}, apart=frozenset({frozenset(ids[10:12])}))
    assert digest(allocate(seats, [], rules=rules, seed=3)) == "c5e9a8d37eabd69a"


@given(st.integers(2, 200), st.data())
def test_the_tables_tried_are_drawn_as_a_sample_of_the_other_tables(
    tables: int, data: st.DataObject
) -> None:
    """_improve draws from range(tables - 1) and skips its own table: the same draws, the same
    tables, as rng.sample of the list of the other tables."""
    here = data.draw(st.integers(0, tables - 1))
    count = data.draw(st.integers(0, tables - 1))
    seed = data.draw(st.integers(0, 2**32))
    others = [i for i in range(tables) if i != here]
    listed = random.Random(seed).sample(others, count)
    drawn = [i + (i >= here) for i in random.Random(seed).sample(range(tables - 1), count)]
    assert drawn == listed
