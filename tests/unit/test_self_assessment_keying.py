"""Keying a self-assessment sheet from paper twice (DoubleEntry), one keystroke a statement."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.model import Answer, AssessmentStage, SelfAssessment
from lp_tui.domain.self_assessment import (
    AGAIN,
    AGREED,
    FIRST,
    SECOND,
    DoubleEntry,
    Statement,
    assessed_at,
    keyed_rating,
)

ratings = st.sampled_from([1, 2, 3, 4, 5, None])
ITEMS = tuple(Statement(f"c{n}", f"Statement {n}", "characteristic") for n in range(1, 5))


def keyed(entry: DoubleEntry, values) -> DoubleEntry:
    for value in values:
        entry = entry.key(value)
    return entry


def test_keystrokes_read_as_answers() -> None:
    assert [keyed_rating(k) for k in "12345"] == [1, 2, 3, 4, 5]
    assert keyed_rating("0") is None
    assert keyed_rating("space") is None
    for bad in ("6", "a", "", "b", "enter", "12"):
        with pytest.raises(ValueError):
            keyed_rating(bad)


def test_the_steps_of_a_sheet_keyed_twice_alike() -> None:
    entry = DoubleEntry(3)
    assert (entry.step, entry.current) == (FIRST, 0)
    entry = keyed(entry, [4, None, 2])
    assert (entry.step, entry.current) == (SECOND, 0)
    assert entry.progress == "Second keying: 0 of 3"
    entry = keyed(entry, [4, None])
    assert entry.progress == "Second keying: 2 of 3"
    entry = entry.key(2)
    assert (entry.step, entry.current) == (AGREED, None)
    assert entry.key(5) == entry  # nothing more to key
    assert entry.answers(ITEMS[:3]) == (Answer("c1", 4), Answer("c3", 2))  # blank left out


def test_a_mismatch_asks_for_the_differing_statements_only() -> None:
    entry = keyed(DoubleEntry(4), [4, 3, 2, 1, 4, 5, 2, None])
    assert entry.step == AGAIN
    assert entry.fixing == entry.differing == (1, 3)
    assert entry.current == 1
    assert "differ on 2 statements" in entry.progress
    with pytest.raises(ValueError):
        entry.answers(ITEMS)
    entry = entry.key(5)  # the paper says 5: the second keying was right
    assert entry.current == 3 and entry.step == AGAIN
    entry = entry.key(1)  # the paper says 1: the first keying was right
    assert entry.step == AGREED
    assert [a.rating for a in entry.answers(ITEMS)] == [4, 5, 2, 1]


def test_a_third_keying_agreeing_with_neither_asks_again() -> None:
    entry = keyed(DoubleEntry(1), [2, 3, 4])  # 2, then 3, then 4: no two agree
    assert entry.step == AGAIN and entry.fixing == (0,)
    assert (entry.first, entry.second) == ((3,), (4,))  # the last two keyings kept
    entry = entry.key(4)
    assert entry.step == AGREED and entry.first == (4,)


def test_back_stays_within_the_keying_under_way() -> None:
    entry = keyed(DoubleEntry(2), [1, 2])
    assert entry.back() == entry  # the first keying is done: not undone from the second
    entry = entry.key(3).back()
    assert entry.second == ()
    assert DoubleEntry(2).back() == DoubleEntry(2)
    fixing = keyed(DoubleEntry(2), [1, 2, 1, 3])
    assert fixing.back() == fixing
    assert fixing.key(2).step == AGREED  # one statement to fix: the keystroke settles it


@given(st.lists(ratings, min_size=1, max_size=13))
def test_keyed_twice_alike_is_agreed_with_those_answers(sheet) -> None:
    items = [Statement(f"s{i}", "", "objective") for i in range(len(sheet))]
    entry = keyed(DoubleEntry(len(sheet)), [*sheet, *sheet])
    assert entry.step == AGREED
    assert entry.answers(items) == tuple(
        Answer(item.key, r) for item, r in zip(items, sheet, strict=True) if r is not None
    )


@given(
    st.lists(st.tuples(ratings, ratings, ratings), min_size=1, max_size=13),
)
def test_keying_the_paper_again_always_ends_with_the_paper(rows) -> None:
    """Whatever the two slips, keying the paper's answer at each difference settles on it."""
    paper = [p for p, _, _ in rows]
    first = [a for _, a, _ in rows]
    second = [b for _, _, b in rows]
    entry = keyed(DoubleEntry(len(rows)), [*first, *second])
    assert entry.fixing == tuple(i for i in range(len(rows)) if first[i] != second[i])
    for _ in range(2):  # at most two passes: the paper agrees with itself the second time
        if entry.step != AGAIN:
            break
        entry = keyed(entry, [paper[i] for i in entry.fixing])
    assert entry.step == AGREED
    agreed = [first[i] if first[i] == second[i] else paper[i] for i in range(len(rows))]
    assert list(entry.first) == list(entry.second) == agreed


def test_assessed_at_counts_what_stands_at_that_stage() -> None:
    def made(id_: str, person: str, stage, **extra) -> SelfAssessment:
        return SelfAssessment(id_, "k", person, stage, f"2026-01-0{len(id_)}", **extra)

    stored = [
        made("a", "p1", AssessmentStage.BEFORE),
        made("bb", "p2", AssessmentStage.END),
        made("ccc", "p3", AssessmentStage.BEFORE),
        made("dddd", "p3", AssessmentStage.BEFORE, replaces="ccc", withdrawn=True),
    ]
    assert assessed_at(stored, AssessmentStage.BEFORE) == {"p1"}
    assert assessed_at(stored, AssessmentStage.END) == {"p2"}
    assert assessed_at(stored, AssessmentStage.THREE_MONTHS) == set()
