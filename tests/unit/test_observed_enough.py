""" "Observed enough": who has fewer standing entries than the cohort asks for, and how many
more each needs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.feedback import OBSERVED_ENOUGH, enough_entries, short_of, summarise
from lp_tui.domain.model import Observation, PeerFeedback, Person

AT = "2017-11-24T10:00:00+00:00"
PEOPLE = [Person(f"p{i}", "c", f"Person {i}") for i in range(6)]


def test_the_default_and_a_cohorts_own_number() -> None:
    assert enough_entries(None) == OBSERVED_ENOUGH == 3
    assert enough_entries(5) == 5
    assert enough_entries(0) == enough_entries(-2) == OBSERVED_ENOUGH  # never "nobody short"


def test_peer_feedback_received_counts_and_given_does_not() -> None:
    a, b = PEOPLE[:2]
    peer = [PeerFeedback("f", "c", 2, "coach", a.id, b.id, "Listens", AT)]
    observations = [Observation("o", "c", 2, "coach", a.id, "Listens", AT)]
    short = short_of(summarise([a, b], observations, peer), 2)
    assert short == {a.id: 1, b.id: 1}


@given(
    about=st.lists(st.sampled_from([p.id for p in PEOPLE]), max_size=30),
    received=st.lists(st.sampled_from([p.id for p in PEOPLE]), max_size=30),
    enough=st.integers(1, 8),
)
def test_short_of_is_exactly_who_is_below_and_by_how_much(
    about: list[str], received: list[str], enough: int
) -> None:
    observations = [
        Observation(f"o{i}", "c", 2, "coach", p, "Listens", AT) for i, p in enumerate(about)
    ]
    giver = PEOPLE[0].id
    peer = [
        PeerFeedback(f"f{i}", "c", 2, "coach", giver, p, "Listens", AT)
        for i, p in enumerate(received)
        if p != giver
    ]
    short = short_of(summarise(PEOPLE, observations, peer), enough)
    for person in PEOPLE:
        count = about.count(person.id) + sum(f.receiver == person.id for f in peer)
        if count < enough:
            assert short[person.id] == enough - count > 0
        else:
            assert person.id not in short
