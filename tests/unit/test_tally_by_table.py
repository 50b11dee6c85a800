"""The day's tally broken down by table and by the table's coach: the parts add up to the whole
tally, each part's averages are those of its own forms, forms with no table are counted under
"no table" and corrections and withdrawals count as in the whole tally."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.model import Answer, EvaluationForm, SeatedTable, Seating
from lp_tui.domain.programme import Question
from lp_tui.domain.tally import corrected_form, tally, withdrawn_form
from lp_tui.domain.tally_by_table import NO_TABLE, any_table, tally_by_coach, tally_by_table

KEYS = ("a", "b", "c")
QUESTIONS = [Question(k, k.upper()) for k in KEYS]
# tables 1 and 3 share coach "c1"; table 2 has coach "c2"; table 4 has no coach
SEATING = Seating(
    "s",
    "k",
    1,
    "2018-01-01T09:00:00+00:00",
    "allocate",
    (
        SeatedTable(1, "c1", ("p1", "p2")),
        SeatedTable(2, "c2", ("p3",)),
        SeatedTable(3, "c1", ("p4",)),
        SeatedTable(4, None, ("p5",)),
    ),
)


def form(number: int, table: int, ratings: list[int | None]) -> EvaluationForm:
    answers = tuple(Answer(k, r) for k, r in zip(KEYS, ratings, strict=True))
    return EvaluationForm(
        f"f{number}", "k", 1, number, "2018-01-01T17:00:00+00:00", answers, (), "", table
    )


FORMS = st.lists(
    st.tuples(
        st.integers(0, 5),  # table 5 is not in the seating; 0 names no table
        st.lists(st.none() | st.integers(1, 5), min_size=3, max_size=3),
    ),
    max_size=30,
).map(lambda rows: [form(i + 1, table, ratings) for i, (table, ratings) in enumerate(rows)])


def average(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


@given(FORMS)
def test_the_tables_add_up_to_the_whole_tally(forms) -> None:
    whole = tally(1, QUESTIONS, forms)
    parts = tally_by_table(1, QUESTIONS, forms, SEATING)
    assert sum(p.tally.forms for p in parts) == whole.forms
    for index, question in enumerate(whole.questions):
        assert sum(p.tally.questions[index].number for p in parts) == question.number
        assert sum(p.tally.questions[index].blank for p in parts) == question.blank
        for rating in question.distribution:
            assert (
                sum(p.tally.questions[index].distribution[rating] for p in parts)
                == question.distribution[rating]
            )


@given(FORMS)
def test_the_coaches_add_up_to_the_whole_tally(forms) -> None:
    whole = tally(1, QUESTIONS, forms)
    parts = tally_by_coach(1, QUESTIONS, forms, SEATING)
    assert sum(p.tally.forms for p in parts) == whole.forms
    for index, question in enumerate(whole.questions):
        assert sum(p.tally.questions[index].number for p in parts) == question.number


@given(FORMS)
def test_each_tables_averages_are_those_of_its_own_forms(forms) -> None:
    for part in tally_by_table(1, QUESTIONS, forms, SEATING):
        mine = [f for f in forms if f.table == part.table]
        assert part.tally.forms == len(mine) > 0
        for index, key in enumerate(KEYS):
            given_ = [r for f in mine if (r := f.rating(key)) is not None]
            assert part.tally.questions[index].number == len(given_)
            assert part.tally.questions[index].average == average(given_)


@given(FORMS)
def test_each_coachs_averages_are_those_of_the_forms_from_their_tables(forms) -> None:
    coach_of = {t.number: t.coach or "" for t in SEATING.tables}
    for part in tally_by_coach(1, QUESTIONS, forms, SEATING):
        mine = [f for f in forms if (coach_of.get(f.table, "") if f.table else "") == part.coach]
        assert sorted({f.table for f in mine}) == sorted(part.tables)
        for index, key in enumerate(KEYS):
            given_ = [r for f in mine if (r := f.rating(key)) is not None]
            assert part.tally.questions[index].average == average(given_)


@given(FORMS)
def test_tables_come_in_number_order_with_no_table_last_and_the_days_coach(forms) -> None:
    parts = tally_by_table(1, QUESTIONS, forms, SEATING)
    numbers = [p.table for p in parts]
    named = [n for n in numbers if n != NO_TABLE]
    assert named == sorted(set(named))
    assert NO_TABLE not in numbers or numbers[-1] == NO_TABLE
    coach_of = {t.number: t.coach or "" for t in SEATING.tables}
    for part in parts:
        assert part.coach == ("" if part.table == NO_TABLE else coach_of.get(part.table, ""))


def test_forms_with_no_table_are_counted_under_no_table_with_no_coach() -> None:
    forms = [form(1, 0, [5, 4, None]), form(2, 2, [3, None, 1]), form(3, 0, [4, 4, 4])]
    parts = tally_by_table(1, QUESTIONS, forms, SEATING)
    assert [(p.table, p.coach, p.tally.forms) for p in parts] == [(2, "c2", 1), (0, "", 2)]
    assert parts[1].tally.questions[0].average == (5 + 4) / 2
    assert parts[1].tally.questions[2].number == 1


def test_a_coach_leading_two_tables_is_one_row_counting_both() -> None:
    forms = [form(1, 3, [5, 5, 5]), form(2, 1, [3, 3, 3]), form(3, 2, [1, 1, 1])]
    parts = tally_by_coach(1, QUESTIONS, forms, SEATING)
    assert [(p.coach, p.tables, p.tally.forms) for p in parts] == [
        ("c1", (1, 3), 2),
        ("c2", (2,), 1),
    ]
    assert parts[0].tally.questions[0].average == (5 + 3) / 2


def test_a_table_without_a_coach_or_not_seated_that_day_has_no_coach() -> None:
    forms = [form(1, 4, [2, 2, 2]), form(2, 5, [4, 4, 4])]
    assert [(p.table, p.coach) for p in tally_by_table(1, QUESTIONS, forms, SEATING)] == [
        (4, ""),
        (5, ""),
    ]
    [nobody] = tally_by_coach(1, QUESTIONS, forms, SEATING)
    assert (nobody.coach, nobody.tables, nobody.tally.forms) == ("", (4, 5), 2)
    assert [p.coach for p in tally_by_table(1, QUESTIONS, forms, None)] == ["", ""]


def test_corrections_count_and_withdrawn_forms_do_not() -> None:
    first, second = form(1, 1, [1, 1, 1]), form(2, 2, [2, 2, 2])
    fixed = corrected_form(first, {"a": 5}, id="f1b", at="2018-01-01T18:00:00+00:00")
    gone = withdrawn_form(second, id="f2b", at="2018-01-01T18:00:00+00:00")
    parts = tally_by_table(1, QUESTIONS, [first, second, fixed, gone], SEATING)
    assert [(p.table, p.tally.forms) for p in parts] == [(1, 1)]
    assert parts[0].tally.questions[0].average == 5
    assert not any_table([second, gone])
    assert any_table([first, fixed])


def test_no_forms_no_rows() -> None:
    assert tally_by_table(1, QUESTIONS, [], SEATING) == ()
    assert tally_by_coach(1, QUESTIONS, [], SEATING) == ()
    assert not any_table([form(1, 0, [1, 2, 3])])
