"""Corrections and withdrawals, and the feedback counts built on what stands."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.behaviours import fold
from lp_tui.domain.corrections import standing
from lp_tui.domain.feedback import summarise
from lp_tui.domain.model import (
    BehaviourEdit,
    EditKind,
    Observation,
    PeerFeedback,
    Person,
    RotationPlan,
    Visit,
)
from lp_tui.domain.rotation import RoundClock
from lp_tui.domain.rotation_day import table_visitors, visiting_now


def seen(n: int, about: str = "p1", behaviour: str = "Listens", **more) -> Observation:
    return Observation(f"o{n}", "c", 1, "coach", about, behaviour, f"t{n:03d}", **more)


def test_a_correction_replaces_and_a_withdrawal_removes() -> None:
    first = seen(1)
    fixed = seen(2, behaviour="Challenges kindly", replaces="o1")
    other = seen(3, about="p2")
    gone = replace(other, id="o4", replaces="o3", withdrawn=True)
    assert standing([first, fixed, other, gone]) == [fixed]


@given(st.integers(1, 12), st.booleans())
def test_a_chain_of_corrections_leaves_exactly_its_last(length: int, withdraw: bool) -> None:
    chain = [seen(0)]
    for n in range(1, length):
        chain.append(seen(n, replaces=f"o{n - 1}"))
    if withdraw:
        chain.append(seen(length, replaces=f"o{length - 1}", withdrawn=True))
    assert standing(chain) == ([] if withdraw else [chain[-1]])


def person(n: int) -> Person:
    return Person(f"p{n}", "c", f"Person {n}")


def peer(giver: str, receiver: str, behaviour: str) -> PeerFeedback:
    return PeerFeedback("f", "c", 1, "coach", giver, receiver, behaviour, "t")


def test_counts_per_participant_and_behaviour() -> None:
    people = [person(1), person(2), person(3)]
    agreed = fold([BehaviourEdit("e", "c", EditKind.ADOPT, "t", text="Listens")])
    result = summarise(
        people,
        [seen(1, "p1", "listens"), seen(2, "p1", "Asks")],
        [peer("p1", "p2", "Listens")],
        agreed,
    )
    assert result.per_person == {"p1": 2, "p2": 1, "p3": 0}
    assert (result.seen["p1"], result.received["p2"], result.given["p1"]) == (2, 1, 1)
    assert result.per_behaviour == [("Listens", 2), ("Asks", 1)]
    assert result.without == [people[2]]


def test_behaviours_on_the_list_appear_even_unseen() -> None:
    agreed = fold([BehaviourEdit("e", "c", EditKind.ADOPT, "t", text=n) for n in ("A", "B")])
    assert summarise([], [], [], agreed).per_behaviour == [("A", 0), ("B", 0)]


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), max_size=30))
def test_nobody_with_feedback_is_listed_without_it(pairs) -> None:
    people = [person(n) for n in range(1, 6)]
    entries = [peer(f"p{a}", f"p{b}", "X") for a, b in pairs]
    result = summarise(people, [], entries)
    received = {f"p{b}" for _, b in pairs}
    assert {p.id for p in result.without} == {p.id for p in people} - received
    assert sum(result.per_person.values()) == len(pairs)


def plan() -> RotationPlan:
    # two tables (numbered 3 and 5 in the room), two presenters, two rounds
    visits = (Visit(1, 1, 0), Visit(1, 2, 1), Visit(2, 1, 1), Visit(2, 2, 0))
    return RotationPlan("r", "c", 2, "t", "darzi", ("A", "B"), (3, 5), 2, visits)


def test_the_visits_a_table_hears() -> None:
    assert table_visitors(plan(), 3) == [(1, "A"), (2, "B")]
    assert table_visitors(plan(), 5) == [(1, "B"), (2, "A")]
    assert table_visitors(plan(), 9) == []


def test_the_visitor_now_follows_the_rounds() -> None:
    assert visiting_now(plan(), 3, RoundClock("before", 1, 600, 600)) == (1, "A")
    assert visiting_now(plan(), 3, RoundClock("round", 2, 100, 600)) == (2, "B")
    assert visiting_now(plan(), 3, RoundClock("move", 2, 60, 600)) == (1, "A")  # just had A
    assert visiting_now(plan(), 5, RoundClock("after", 2, -5, 600)) == (2, "A")
