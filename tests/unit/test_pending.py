"""Writes waiting to land: kept in order, retried first to last, said in plain words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.pending import (
    WriteQueue,
    banner_lines,
    cause_of,
    changes_words,
    file_of,
    quit_detail,
    quit_question,
    short,
)

PROBLEM = "/data/lp-tui.json: not saved: No space left on device"


def test_the_first_change_stays_first_until_it_lands() -> None:
    queue: WriteQueue[str] = WriteQueue()
    queue.add("a", "first")
    queue.add("b", "second")
    queue.failed(PROBLEM)
    assert queue.first() is not None and queue.first().change == "a"
    assert queue.failing and len(queue) == 2
    assert queue.landed().change == "a"
    assert queue.first().change == "b"


def test_the_problem_is_gone_only_once_nothing_waits() -> None:
    queue: WriteQueue[str] = WriteQueue()
    queue.add("a")
    queue.add("b")
    queue.failed(PROBLEM)
    queue.landed()
    assert queue.problem == PROBLEM and queue.failing
    queue.landed()
    assert queue.problem == "" and not queue.failing and not queue


def test_a_change_in_flight_is_not_failing() -> None:
    queue: WriteQueue[str] = WriteQueue()
    queue.add("a")
    assert queue and not queue.failing


def test_a_refused_change_is_dropped_and_the_next_goes() -> None:
    queue: WriteQueue[str] = WriteQueue()
    queue.add("a")
    queue.add("b")
    assert queue.refused().change == "a"
    assert [queue.landed().change] == ["b"]


@given(
    st.lists(
        st.sampled_from(["add", "fail", "land"]),
        max_size=60,
    )
)
def test_changes_land_in_the_order_made_whatever_fails(steps: list[str]) -> None:
    queue: WriteQueue[int] = WriteQueue()
    made: list[int] = []
    landed: list[int] = []
    for step in steps:
        if step == "add":
            made.append(len(made))
            queue.add(made[-1])
        elif step == "fail" and queue:
            queue.failed(PROBLEM)
        elif step == "land" and queue:
            landed.append(queue.landed().change)
    assert landed == made[: len(landed)]
    assert len(queue) == len(made) - len(landed)
    assert queue.failing == (bool(queue) and PROBLEM == queue.problem != "")


def test_the_cause_and_the_file_come_from_the_stores_line() -> None:
    assert cause_of(PROBLEM) == "No space left on device"
    assert file_of(PROBLEM) == "/data/lp-tui.json"
    assert cause_of("another lp-tui held the lock") == "another lp-tui held the lock"
    assert file_of("another lp-tui held the lock") == ""


def test_the_banner_says_how_many_which_and_why() -> None:
    whats = ["observation of Grace: Listens “let Owen finish”", "Day 2 as the live day", "x"]
    lines = banner_lines(3, PROBLEM, whats, 5, "ctrl+s")
    assert lines[0] == "Not saved: 3 changes waiting — No space left on device"
    assert lines[1] == (
        "Kept until saved: observation of Grace: Listens “let Owen finish”; 1 more; then x"
    )
    two = banner_lines(2, PROBLEM, whats[:2])[1]
    assert two.endswith("“let Owen finish”; then Day 2 as the live day")
    assert lines[2] == "Retrying every 5 s · ctrl+s retries now · /data/lp-tui.json"


def test_no_banner_while_nothing_waits() -> None:
    assert banner_lines(0, "", []) == []


def test_a_banner_without_names_of_changes_has_two_lines() -> None:
    lines = banner_lines(1, PROBLEM, [], 5)
    assert lines == ["Not saved: 1 change waiting — No space left on device",
                     "Retrying every 5 s · /data/lp-tui.json"]  # fmt: skip


@given(st.text(max_size=200), st.integers(min_value=2, max_value=80))
def test_short_is_one_line_within_its_width(text: str, width: int) -> None:
    line = short(text, width)
    assert len(line) <= width and "\n" not in line
    if len(" ".join(text.split())) <= width:
        assert line == " ".join(text.split())


def test_quitting_asks_with_the_count() -> None:
    assert changes_words(1) == "1 change" and changes_words(4) == "4 changes"
    assert quit_question(2) == "Quit with 2 changes not saved?"
    assert quit_detail(1, PROBLEM).startswith(
        "1 change could not be written (No space left on device); it is lost if you quit now."
    )
    assert quit_detail(3, "") == "3 changes still being written; they are lost if you quit now."
