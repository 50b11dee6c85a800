from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.corrections import standing
from lp_tui.domain.model import Answer, Comment, EvaluationForm
from lp_tui.domain.programme import Question
from lp_tui.domain.roster import InputError
from lp_tui.domain.tally import (
    MAX_FORM_NUMBER,
    comment_heading,
    corrected_form,
    number_forms,
    one_dp,
    parse_forms_csv,
    read_rating,
    rows_fingerprint,
    tally,
    withdrawn_form,
)
from lp_tui.domain.text import read_whole_number
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
        EvaluationForm(f"f{n}", "c", day, n, "t", row.answers, row.comments, table=row.table)
        for n, row in number_forms(rows, set())
    ]


def parse_day(programme, number: int, text: str, source: str = "f.csv", **kwargs):
    plan = programme.day(number)
    return parse_forms_csv(
        text, source, plan.questions, free_text=plan.free_text, day=number, **kwargs
    )


def test_the_fixture_reproduces_the_published_table_exactly(programme) -> None:
    questions = programme.day(3).questions
    rows = parse_day(programme, 3, FIXTURE.read_text(), FIXTURE.name)
    result = tally(3, questions, forms_from(rows))
    assert result.forms == 32
    assert [(q.label, q.number, one_dp(q.average)) for q in result.questions] == REPORT
    assert result.questions[-1].recommend


def test_the_fixtures_comments_answer_the_most_useful_question(programme) -> None:
    rows = parse_day(programme, 3, FIXTURE.read_text())
    comments = [c for row in rows for c in row.comments]
    assert comments, "the fixture holds comments"
    assert {c.question for c in comments} == {"most_useful"}
    assert {comment_heading(c, programme.day(3).free_text) for c in comments} == {
        "What did you find most useful?"
    }


def test_the_markdown_table_is_the_reports(programme) -> None:
    questions = programme.day(3).questions
    result = tally(3, questions, forms_from(parse_day(programme, 3, FIXTURE.read_text())))
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


GRIDS = st.lists(st.lists(st.none() | st.integers(1, 5), min_size=3, max_size=3), max_size=40)
KEYS = ("a", "b", "c")
ABC = [Question(k, k.upper()) for k in KEYS]


def grid_forms(grid, first: int = 1) -> list[EvaluationForm]:
    return [
        EvaluationForm(
            f"id{first + i}",
            "c",
            1,
            first + i,
            f"t{first + i:04d}",
            tuple(Answer(k, r) for k, r in zip(KEYS, row, strict=True)),
        )
        for i, row in enumerate(grid)
    ]


@given(GRIDS)
def test_the_tally_equals_a_naive_count(grid) -> None:
    result = tally(1, ABC, grid_forms(grid))
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
FREE_TEXT = [Question("most_useful", "What did you find most useful?")]


def parse(text: str, **kwargs):
    kwargs.setdefault("free_text", FREE_TEXT)
    return parse_forms_csv(text, "f.csv", QUESTIONS, **kwargs)


def test_columns_match_by_key_or_label_in_any_case() -> None:
    rows = parse(" FORM ,small_groups, recommend? ,Comments\n3,5,,great\n")
    [row] = rows
    assert row.number == 3
    assert row.answers == (Answer("small_groups", 5), Answer("recommend", None))
    assert row.comments == (Comment("Comments", "great"),)


@pytest.mark.parametrize("header", ["most_useful", " what did you find MOST useful? "])
def test_a_free_text_question_holds_comments_that_name_it(header: str) -> None:
    [row] = parse(f"small_groups,{header},comment from the back\n4,the talks,tea\n")
    assert [(c.question, c.text) for c in row.comments] == [
        ("most_useful", "the talks"),
        ("", "tea"),
    ]
    heading = [comment_heading(c, FREE_TEXT) for c in row.comments]
    assert heading == ["What did you find most useful?", "comment from the back"]


def test_every_column_starting_comment_is_a_comment_column() -> None:
    [row] = parse("small_groups,Comments,comment 2,COMMENTS\n4,a,b,c\n")
    assert [(c.column, c.text) for c in row.comments] == [
        ("Comments", "a"),
        ("comment 2", "b"),
        ("COMMENTS", "c"),
    ]


@pytest.mark.parametrize(
    "header",
    ["Working in smal groups", "recommend ?", "Notes", "most useful", "formnumber", "tables"],
)
def test_a_column_that_is_no_question_of_the_day_stops_the_import(header: str) -> None:
    with pytest.raises(InputError) as caught:
        parse(f"form,small_groups,{header}\n1,5,5\n", day=3)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"f.csv: row 1, field '{header}': not a question of day 3")
    assert "its questions: small_groups, recommend" in message
    assert "most_useful" in message and "starting 'comment'" in message


def test_a_day_three_file_read_as_day_two_names_the_first_stranger(programme) -> None:
    with pytest.raises(InputError) as caught:
        parse_day(programme, 2, FIXTURE.read_text(), "day3.csv")
    keys = ", ".join(q.key for q in programme.day(2).questions)
    assert str(caught.value).startswith(
        "day3.csv: row 1, field 'Working in small groups': not a question of day 2 "
        f"(its questions: {keys};"
    )


def test_a_column_without_a_header_is_ignored_while_it_is_empty() -> None:
    [row] = parse("small_groups,,recommend,\n5,,4,\n")
    assert row.answers == (Answer("small_groups", 5), Answer("recommend", 4))
    with pytest.raises(InputError, match=r"row 2, field 'column 2': 'x' is in a column with no"):
        parse("small_groups,\n5,x\n")


@pytest.mark.parametrize("value", ["²", "³", "4.5", "0", "6", "-1", "five", "５", "1 2", "+3"])
def test_a_rating_that_is_not_1_to_5_names_the_row_and_field(value: str) -> None:
    with pytest.raises(InputError) as caught:
        parse(f"form,Recommend?\n1,5\n2,{value}\n")
    assert str(caught.value) == (
        f"f.csv: row 3, field 'Recommend?': {value!r} is not a rating from 1 to 5 or blank"
    )


@pytest.mark.parametrize(
    "value", ["x", "0", "-3", "4.5", "²", "1e3", str(2**70), "9" * 5000, str(MAX_FORM_NUMBER + 1)]
)
def test_a_form_number_must_be_a_small_positive_whole_number(value: str) -> None:
    with pytest.raises(InputError) as caught:
        parse(f"small_groups,form\n5,1\n4,{value}\n")
    message = str(caught.value)
    assert message.startswith("f.csv: row 3, field 'form': ")
    assert f"is not a form number (a whole number from 1 to {MAX_FORM_NUMBER})" in message
    assert len(message) < 120  # a long value is shown cut short


def test_a_form_number_used_twice_in_a_file_is_refused() -> None:
    with pytest.raises(InputError, match=r"row 3, field 'form': form 1 is also on row 2"):
        parse("form,small_groups\n1,5\n01,4\n")


def test_a_table_column_links_each_form_to_its_table() -> None:
    rows = parse("form,Table,small_groups\n1,2,5\n2,,4\n3, 007 ,3\n", tables={2, 7})
    assert [row.table for row in rows] == [2, 0, 7]
    assert [f.table for f in forms_from(rows)] == [2, 0, 7]


def test_without_a_seating_any_table_number_is_taken() -> None:
    [row] = parse("table,small_groups\n12,5\n")
    assert row.table == 12


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("3", "there is no table 3 on day 2 (its tables: 1, 2)"),
        ("x", "'x' is not a table number"),
        ("1.5", "'1.5' is not a table number"),
        ("0", "'0' is not a table number"),
        ("²", "'²' is not a table number"),
    ],
)
def test_a_table_that_is_not_one_of_the_days_is_refused(value: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse(f"small_groups,table\n5,1\n4,{value}\n", tables={1, 2}, day=2)
    assert str(caught.value) == f"f.csv: row 3, field 'table': {problem}"


@pytest.mark.parametrize(
    "header",
    ["form,small_groups,Form", "table,small_groups,TABLE", "small_groups,Working in small groups"],
)
def test_the_same_column_twice_is_refused(header: str) -> None:
    with pytest.raises(InputError, match="appears twice"):
        parse(f"{header}\n1,2,3\n")


def test_the_same_free_text_question_twice_is_refused() -> None:
    with pytest.raises(InputError, match="the same question appears twice"):
        parse("small_groups,most_useful,What did you find most useful?\n1,a,b\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("comments\nhello\n", "row 1: no column matches a question of this day"),
        ("", "the file is empty"),
        ("small_groups\n\n", "no forms in the file"),
    ],
)
def test_a_file_without_forms_is_refused(text: str, expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        parse(text)


CELLS = st.text(st.characters(codec="utf-8", exclude_characters='",\r\n'), max_size=30)


@given(CELLS, CELLS, CELLS)
def test_any_cell_is_read_or_refused_with_one_line(form: str, rating: str, table: str) -> None:
    """Whatever a cell holds, parsing gives forms or one InputError: never another exception."""
    try:
        text = f"form,table,small_groups,comments\n{form},{table},{rating},x\n"
        [row] = parse(text, tables={1, 2, 3})
    except InputError as error:
        assert "\n" not in str(error)
        assert "row 2, field '" in str(error)
    else:
        assert row.number is None or 1 <= row.number <= MAX_FORM_NUMBER
        assert row.table in (0, 1, 2, 3)
        assert row.answers[0].rating in (None, *range(1, 6))


def test_reading_a_rating_and_a_whole_number() -> None:
    assert [read_rating(t) for t in ("1", " 5 ", "", "  ")] == [1, 5, None, None]
    for bad in ("²", "4.5", "0", "55"):
        with pytest.raises(ValueError, match="not a rating from 1 to 5"):
            read_rating(bad)
    assert read_whole_number("0012", 99) == 12
    assert read_whole_number("100", 99) is None
    assert read_whole_number("٣", 99) is None  # Arabic-Indic three: a digit, but not ours
    assert read_whole_number("²", 99) is None  # a digit to str.isdigit, refused by int


def test_forms_without_numbers_continue_after_those_in_use() -> None:
    rows = parse("small_groups\n5\n4\n")
    assert [n for n, _ in number_forms(rows, {1, 2, 7})] == [8, 9]


# ---------------------------------------------------------------- the same file twice


BASE = "form,small_groups,recommend,most_useful\n1,5,4,the talks\n2,3,,\n"


@pytest.mark.parametrize(
    "same",
    [
        BASE.replace("\n", "\r\n"),  # the same file saved on Windows
        "recommend,small_groups,form,most_useful\n4,5,1,the talks\n,3,2,\n",  # columns moved
        "form,small_groups,recommend,most_useful\n2,3,,\n1,5,4,the talks\n",  # rows moved
        "FORM,Working in small groups,Recommend?,What did you find most useful?\n"
        "1,5,4,  the   talks \n2,3,,\n",  # labels and spacing
        "form,small_groups,most_useful\n1,5,the talks\n2,3,\n".replace("5,", "5,")
        if False
        else BASE + "\n\n",  # blank rows at the end
    ],
)
def test_the_same_forms_give_the_same_fingerprint_however_laid_out(same: str) -> None:
    assert rows_fingerprint(parse(same)) == rows_fingerprint(parse(BASE))


@pytest.mark.parametrize(
    "other",
    [
        BASE.replace("1,5,4", "1,5,3"),  # one answer differs
        BASE.replace("the talks", "the tea"),  # one comment differs
        BASE.replace("2,3,,", "3,3,,"),  # another form number
        BASE + "3,5,5,\n",  # one more form
    ],
)
def test_different_forms_give_a_different_fingerprint(other: str) -> None:
    assert rows_fingerprint(parse(other)) != rows_fingerprint(parse(BASE))


# ---------------------------------------------------------------- corrections and withdrawals


def test_a_correction_replaces_the_form_it_names() -> None:
    [form] = grid_forms([[5, 4, None]])
    fixed = corrected_form(form, {"b": 2, "c": 3}, id="new", at="t9")
    assert (fixed.id, fixed.replaces, fixed.number, fixed.withdrawn) == ("new", form.id, 1, False)
    assert fixed.answers == (Answer("a", 5), Answer("b", 2), Answer("c", 3))
    assert standing([form, fixed]) == [fixed]


def test_a_correction_keeps_the_forms_comments_table_and_file() -> None:
    form = EvaluationForm("x", "c", 3, 4, "t", (), (Comment("c", "hi"),), "src", table=2)
    fixed = corrected_form(form, {"a": 5}, id="y", at="t2")
    assert (fixed.comments, fixed.source, fixed.table) == (form.comments, "src", 2)
    assert fixed.answers == (Answer("a", 5),)


def test_a_withdrawal_takes_the_form_out_of_the_count() -> None:
    forms = grid_forms([[5, 5, 5], [1, 1, 1]])
    gone = withdrawn_form(forms[1], id="w", at="t9")
    assert gone.withdrawn and gone.replaces == forms[1].id
    result = tally(1, ABC, [*forms, gone])
    assert result.forms == 1
    assert [q.average for q in result.questions] == [5.0, 5.0, 5.0]


@given(GRIDS.filter(bool), st.data())
def test_correcting_a_form_then_tallying_equals_tallying_the_corrected_answers(grid, data) -> None:
    index = data.draw(st.integers(0, len(grid) - 1), label="form")
    new = data.draw(st.lists(st.none() | st.integers(1, 5), min_size=3, max_size=3))
    forms = grid_forms(grid)
    fix = corrected_form(forms[index], dict(zip(KEYS, new, strict=True)), id="fix", at="t9999")
    fixed_grid = [new if i == index else row for i, row in enumerate(grid)]
    assert tally(1, ABC, [*forms, fix]) == tally(1, ABC, grid_forms(fixed_grid))


@given(GRIDS.filter(bool), st.data())
def test_withdrawing_a_form_equals_never_importing_it(grid, data) -> None:
    index = data.draw(st.integers(0, len(grid) - 1), label="form")
    forms = grid_forms(grid)
    gone = withdrawn_form(forms[index], id="gone", at="t9999")
    never = [f for i, f in enumerate(forms) if i != index]
    assert tally(1, ABC, [*forms, gone]) == tally(1, ABC, never)


@given(GRIDS.filter(bool), st.data())
def test_a_withdrawn_correction_withdraws_the_form(grid, data) -> None:
    index = data.draw(st.integers(0, len(grid) - 1), label="form")
    forms = grid_forms(grid)
    fix = corrected_form(forms[index], {"a": 1}, id="fix", at="t9998")
    gone = withdrawn_form(fix, id="gone", at="t9999")
    never = [f for i, f in enumerate(forms) if i != index]
    assert tally(1, ABC, [*forms, fix, gone]) == tally(1, ABC, never)


def test_an_old_stored_form_loads_with_the_new_fields_at_their_defaults() -> None:
    from lp_tui.store.records import from_doc, to_doc

    old = {
        "id": "f1",
        "cohort": "c",
        "day": 3,
        "number": 1,
        "at": "t",
        "answers": [{"question": "a", "rating": 4}],
        "comments": [{"column": "What did you find most useful?", "text": "tea"}],
        "source": "0123456789abcdef",
    }
    form = from_doc(EvaluationForm, old)
    assert (form.table, form.replaces, form.withdrawn) == (0, "", False)
    assert form.comments == (Comment("What did you find most useful?", "tea", ""),)
    assert to_doc(form) == old  # nothing new is written for an old form


def test_fixture_exists() -> None:
    assert Path(FIXTURE).is_file()
