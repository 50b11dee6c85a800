"""A coach's own entries of a day: those about their table when they wrote them, or now. A
re-seating (K with few checked in, a latecomer fitted in, a move by hand) takes no entry from
its author's list."""

from __future__ import annotations

from lp_tui.domain.feedback import own_entries
from lp_tui.domain.model import (
    FeedbackKind,
    Observation,
    PeerFeedback,
    PresenterFeedback,
    SeatedTable,
    Seating,
)
from lp_tui.domain.seating import seating_at

NINE = "2017-11-24T09:00:00.000000+00:00"
TEN = "2017-11-24T10:00:00.000000+00:00"
ELEVEN = "2017-11-24T11:00:00.000000+00:00"

DAY_ONE = Seating(
    "s1",
    "c",
    1,
    "2017-11-23T09:00:00.000000+00:00",
    "allocate",
    (
        SeatedTable(1, "coach-a", ("p1", "p2", "p3")),
        SeatedTable(2, "coach-b", ("p4", "p5")),
    ),
)
# Day 2 at ten: K with two checked in, one from each table: one table of two, led by coach-b
KEPT = Seating("s2", "c", 2, TEN, "keep", (SeatedTable(2, "coach-b", ("p1", "p4")),))


def seen(about: str, at: str, by: str = "coach-a") -> Observation:
    return Observation(f"o-{about}-{at}", "c", 2, by, about, "Listens", at)


def test_the_seating_at_a_moment_is_the_last_made_by_then() -> None:
    seatings = [DAY_ONE, KEPT]
    assert seating_at(seatings, 2, NINE) == DAY_ONE  # Day 1's tables stand until Day 2 has its own
    assert seating_at(seatings, 2, TEN) == KEPT
    assert seating_at(seatings, 2, ELEVEN) == KEPT
    assert seating_at([], 2, ELEVEN) is None


def test_a_re_seating_takes_no_entry_from_its_author() -> None:
    """coach-a wrote about p2 at nine, at their table then; at ten K left coach-a no table."""
    entries = [seen("p2", NINE), seen("p1", NINE)]
    assert own_entries(entries, "coach-a", [DAY_ONE, KEPT], 2) == entries


def test_only_the_authors_own_entries_about_their_table_then_or_now() -> None:
    by_b = seen("p4", NINE, by="coach-b")
    elsewhere = seen("p4", NINE)  # p4 sat at coach-b's table then, and sits there now
    later = seen("p1", ELEVEN, by="coach-b")  # p1 joined coach-b's table at ten
    assert own_entries([by_b, elsewhere, later], "coach-a", [DAY_ONE, KEPT], 2) == []
    assert own_entries([by_b, elsewhere, later], "coach-b", [DAY_ONE, KEPT], 2) == [by_b, later]


def test_peer_feedback_needs_both_at_the_table_and_presenter_feedback_stands() -> None:
    pair = PeerFeedback("f1", "c", 2, "coach-a", "p1", "p2", "Listens", NINE)
    across = PeerFeedback("f2", "c", 2, "coach-a", "p1", "p4", "Listens", NINE)
    visitor = PresenterFeedback(
        "f3", "c", 2, "pr1", FeedbackKind.COACH, "Clear", ELEVEN, table=1, by="coach-a"
    )
    mine = own_entries([pair, across, visitor], "coach-a", [DAY_ONE, KEPT], 2)
    assert mine == [pair, visitor]


def test_before_any_tables_a_coach_sees_all_they_wrote() -> None:
    entries = [seen("p1", NINE), seen("p4", NINE)]
    assert own_entries(entries, "coach-a", [], 2) == entries
