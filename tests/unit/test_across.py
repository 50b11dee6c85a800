"""lp_tui.domain.across: cohorts side by side, and the overall figure pooled from every answer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.across import (
    CohortDays,
    chunks,
    cohort_key,
    combined_followup,
    natural_key,
    percent,
    pooled,
    side_by_side,
)
from lp_tui.domain.followup import FollowUpSummary, StageSummary
from lp_tui.domain.model import Answer, EvaluationForm, ImpactKind, Stage
from lp_tui.domain.programme import DayPlan, Question
from lp_tui.domain.tally import tally

GROUPS = Question("small_groups", "Working in small groups")
COACHES = Question("table_coaches", "Table coaches")
TALKS = Question("talks", "Talks")


def _plan(number: int, *questions: Question, title: str = "Day") -> DayPlan:
    return DayPlan(number, title, "", "09:30", (), tuple(questions))


def _forms(day: int, answers: list[dict[str, int | None]]) -> list[EvaluationForm]:
    return [
        EvaluationForm(
            f"f{n}",
            "c",
            day,
            n,
            "2018-01-01T10:00:00+00:00",
            tuple(Answer(k, r) for k, r in a.items()),
        )
        for n, a in enumerate(answers, start=1)
    ]


def _days(plan: DayPlan, answers: list[dict[str, int | None]]) -> CohortDays:
    return CohortDays(((plan, tally(plan.number, plan.questions, _forms(plan.number, answers))),))


ratings = st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=30)


@given(st.lists(ratings, min_size=1, max_size=6))
def test_overall_is_every_answer_pooled(cohorts: list[list[int | None]]) -> None:
    plan = _plan(3, GROUPS)
    rows = side_by_side([_days(plan, [{GROUPS.key: r} for r in given]) for given in cohorts])
    [row] = rows[0].questions
    answers = [r for given in cohorts for r in given if r is not None]
    assert row.overall.number == len(answers) == sum(t.number for t in row.cohorts if t)
    if answers:
        assert row.overall.average == pytest.approx(sum(answers) / len(answers))
    else:
        assert row.overall.average is None
    assert sum(row.overall.distribution.values()) == len(answers)
    assert rows[0].total_forms == sum(len(given) for given in cohorts)


def test_pooled_is_not_a_mean_of_means() -> None:
    plan = _plan(3, GROUPS)
    big = _days(plan, [{GROUPS.key: 5}] * 9)
    small = _days(plan, [{GROUPS.key: 1}])
    [row] = side_by_side([big, small])[0].questions
    assert row.overall.average == pytest.approx(46 / 10)  # not (5 + 1) / 2


def test_pooled_of_nothing() -> None:
    assert pooled([]).number == 0 and pooled([]).average is None


def test_a_cohort_without_the_question_or_the_day_has_no_figure() -> None:
    long_day = _days(_plan(3, GROUPS, TALKS, title="Continuing"), [{GROUPS.key: 4, TALKS.key: 2}])
    short_day = _days(_plan(3, GROUPS, COACHES, title="Continuing"), [{GROUPS.key: 2}])
    two_days = CohortDays(
        (
            (_plan(1, GROUPS, title="First"), tally(1, (GROUPS,), [])),
            *short_day.days,
        )
    )
    rows = side_by_side([long_day, two_days])
    assert [r.day for r in rows] == [1, 3]
    first, third = rows
    assert first.forms == (None, 0) and first.questions[0].cohorts[0] is None
    assert first.title == "First"
    assert [q.key for q in third.questions] == ["small_groups", "talks", "table_coaches"]
    talks = third.questions[1]
    assert talks.cohorts[1] is None and talks.overall.number == 1
    coaches = third.questions[2]
    assert coaches.cohorts[0] is None
    assert coaches.cohorts[1] is not None and coaches.cohorts[1].number == 0  # asked, blank
    assert third.title == "Continuing"


def test_titles_that_differ_are_left_out() -> None:
    rows = side_by_side(
        [_days(_plan(1, GROUPS, title="A"), []), _days(_plan(1, GROUPS, title="B"), [])]
    )
    assert rows[0].title == ""


def _summary(participants: int, opted: int, happened: int, impacts: int) -> FollowUpSummary:
    stages = tuple(
        StageSummary(
            stage, impacts, 1, 0, {kind: impacts for kind in ImpactKind}, 0, ("q",), impacts, 1
        )
        for stage in Stage
    )
    return FollowUpSummary(participants, opted, happened, stages)


def test_followup_added_together() -> None:
    total = combined_followup([_summary(40, 23, 20, 2), _summary(30, 10, 4, 3)])
    assert (total.participants, total.opted_in, total.calls_happened) == (70, 33, 24)
    assert [s.responses for s in total.stages] == [5, 5]
    assert total.stages[0].impacts[ImpactKind.NEW_ROLE] == 5
    assert total.stages[0].met_expectations == 2
    assert (total.stages[0].asked_expectations, total.stages[0].asked_recommend) == (5, 2)
    assert all(s.quotes == () for s in total.stages)  # counts only


def test_followup_of_no_cohort() -> None:
    total = combined_followup([])
    assert total.opted_in == 0 and [s.responses for s in total.stages] == [0, 0]


@pytest.mark.parametrize(
    ("part", "whole", "shown"), [(1, 2, "50%"), (1, 3, "33%"), (2, 3, "67%"), (0, 0, "-")]
)
def test_percent(part: int, whole: int, shown: str) -> None:
    assert percent(part, whole) == shown


def test_names_sort_with_their_numbers_read_as_numbers() -> None:
    names = ["Room 10", "room 2", "Room 1", "Kent 2018", "Room 9", "London 2017 b", "London 2017"]
    assert sorted(names, key=natural_key) == [
        "Kent 2018",
        "London 2017",
        "London 2017 b",
        "Room 1",
        "room 2",
        "Room 9",
        "Room 10",
    ]


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30))
def test_numbered_names_sort_as_their_numbers(numbers) -> None:
    names = [f"Room {n}" for n in numbers]
    assert [int(n.split()[1]) for n in sorted(names, key=natural_key)] == sorted(numbers)


def test_cohorts_go_by_first_date_then_name_undated_last() -> None:
    cohorts = {
        "Room 10": ("2018-03-01", "2018-03-02"),
        "Room 2": ("2018-03-01", ""),
        "Kent": ("2017-11-23",),
        "Later": ("", "2018-05-01"),  # its first date set
        "No dates": ("", ""),
    }
    order = sorted(cohorts, key=lambda n: cohort_key(n, cohorts[n]))
    assert order == ["Kent", "Room 2", "Room 10", "Later", "No dates"]


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=12))
def test_chunks_cover_every_index_once_in_runs_of_at_most_most(count, most) -> None:
    runs = chunks(count, most)
    assert [i for run in runs for i in run] == list(range(count))
    assert all(1 <= len(run) <= most for run in runs)
    assert len(runs) == -(-count // most)  # as few as can be
    sizes = [len(run) for run in runs]
    assert not sizes or max(sizes) - min(sizes) <= 1  # as even as can be
    assert sizes == sorted(sizes, reverse=True)


def test_ten_cohorts_by_four_is_four_three_three() -> None:
    assert [len(r) for r in chunks(10, 4)] == [4, 3, 3]
