from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.programme import Question
from lp_tui.domain.roster import InputError
from lp_tui.domain.tally import Answer, EvaluationForm, number_forms, one_dp, parse_forms_csv, tally
from lp_tui.export.tally import tally_markdown
from tests.conftest import REPO_ROOT

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "evaluation-day3-report.csv"
REPORT = [  # the evaluation report's table: label, Number, Average
    ("Working in small groups", 32, "4.7"),
    ("Table coaches", 29, "4.6"),
    ("Talks from patient leaders", 29, "4.2"),
    ("Other guest speakers", 32, "4.2"),
    ("Darzi Fellow exercise", 25, "4.1"),
    ("Manager case studies", 32, "4.3"),
    ("Learning how I impact on others", 31, "4.3"),
    (
        "How likely are you to recommend this course to a friend in the same sort of position "
        "as you?",
        32,
        "4.6",
    ),
]


def forms_from(rows, day: int = 3) -> list[EvaluationForm]:
    return [
        EvaluationForm(f"f{n}", "c", day, n, "t", row.answers, row.comments)
        for n, row in number_forms(rows, set())
    ]


def test_the_fixture_reproduces_the_published_table_exactly(programme) -> None:
    questions = programme.day(3).questions
    rows = parse_forms_csv(FIXTURE.read_text(), FIXTURE.name, questions)
    result = tally(3, questions, forms_from(rows))
    assert result.forms == 32
    assert [(q.label, q.number, one_dp(q.average)) for q in result.questions] == REPORT
    assert result.questions[-1].recommend


def test_the_markdown_table_is_the_reports(programme) -> None:
    questions = programme.day(3).questions
    result = tally(3, questions, forms_from(parse_forms_csv(FIXTURE.read_text(), "f", questions)))
    lines = tally_markdown(result).splitlines()
    assert lines[0] == "| Question | Number | Average |"
    assert lines[2] == "| Working in small groups | 32 | 4.7 |"
    assert len(lines) == 2 + 8


def test_blanks_are_not_answers() -> None:
    questions = [Question("q", "Q")]
    forms = [
        EvaluationForm("1", "c", 1, 1, "t", (Answer("q", 5),)),
        EvaluationForm("2", "c", 1, 2, "t", (Answer("q", None),)),
        EvaluationForm("3", "c", 1, 3, "t", ()),
    ]
    [row] = tally(1, questions, forms).questions
    assert (row.number, row.blank, row.average) == (1, 2, 5.0)
    assert row.distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 1}


def test_nobody_answering_has_no_average() -> None:
    [row] = tally(1, [Question("q", "Q")], []).questions
    assert row.average is None and one_dp(row.average) == "-"


@pytest.mark.parametrize(
    ("value", "shown"), [(4.65, "4.7"), (4.6875, "4.7"), (4.25, "4.3"), (4.0, "4.0")]
)
def test_one_decimal_place_rounds_halves_up(value: float, shown: str) -> None:
    assert one_dp(value) == shown


@given(st.lists(st.lists(st.none() | st.integers(1, 5), min_size=3, max_size=3), max_size=60))
def test_the_tally_equals_a_naive_count(grid) -> None:
    questions = [Question(k, k.upper()) for k in ("a", "b", "c")]
    forms = [
        EvaluationForm(
            str(i),
            "c",
            1,
            i + 1,
            "t",
            tuple(Answer(q.key, r) for q, r in zip(questions, row, strict=True)),
        )
        for i, row in enumerate(grid)
    ]
    result = tally(1, questions, forms)
    for index, row in enumerate(result.questions):
        given_ = [r[index] for r in grid if r[index] is not None]
        assert row.number == len(given_)
        assert row.blank == len(grid) - len(given_)
        assert row.average == (sum(given_) / len(given_) if given_ else None)
        assert sum(row.distribution.values()) == len(given_)


QUESTIONS = [
    Question("small_groups", "Working in small groups"),
    Question("recommend", "Recommend?"),
]


def test_columns_match_by_key_or_label_in_any_case() -> None:
    rows = parse_forms_csv(
        " FORM ,small_groups, recommend? ,Comments\n3,5,,great\n", "f.csv", QUESTIONS
    )
    [row] = rows
    assert row.number == 3
    assert row.answers == (Answer("small_groups", 5), Answer("recommend", None))
    assert row.comments[0].text == "great"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "small_groups\n7\n",
            "f.csv: row 2, field 'small_groups': '7' is not a rating from 1 to 5",
        ),
        ("small_groups\nfive\n", "row 2, field 'small_groups': 'five' is not a rating"),
        ("form,small_groups\nx,5\n", "row 2, field 'form': 'x' is not a form number"),
        ("form,small_groups\n1,5\n1,4\n", "row 3, field 'form': form 1 is also on row 2"),
        ("comments\nhello\n", "row 1: no column matches a question of this day"),
        ("small_groups,Small groups\n1,2\n", ""),
        ("", "the file is empty"),
    ],
)
def test_bad_forms_name_the_row_and_column(text: str, expected: str) -> None:
    if not expected:  # a label and a key of different questions is fine; the same twice is not
        return
    with pytest.raises(InputError) as caught:
        parse_forms_csv(text, "f.csv", QUESTIONS)
    assert expected in str(caught.value)


def test_the_same_question_twice_is_refused() -> None:
    with pytest.raises(InputError, match="the same question appears twice"):
        parse_forms_csv("small_groups,Working in small groups\n1,2\n", "f.csv", QUESTIONS)


def test_forms_without_numbers_continue_after_those_in_use() -> None:
    rows = parse_forms_csv("small_groups\n5\n4\n", "f.csv", QUESTIONS)
    assert [n for n, _ in number_forms(rows, {1, 2, 7})] == [8, 9]


def test_fixture_exists() -> None:
    assert Path(FIXTURE).is_file()
