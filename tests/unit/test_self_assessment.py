"""Self-assessment: the statements and their keys, the CSV's all-or-nothing rules, and the
summary (per stage number and average; paired mean change over people rated at both stages)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.csv_input import InputError
from lp_tui.domain.model import Answer, AssessmentStage, Person, Role, SelfAssessment
from lp_tui.domain.self_assessment import (
    PAIRS,
    STAGES,
    Statement,
    parse_self_assessment_csv,
    signed_one_dp,
    statements,
    summarise,
)
from lp_tui.store.records import check_doc, to_doc

BEFORE, END, LATER = AssessmentStage.BEFORE, AssessmentStage.END, AssessmentStage.THREE_MONTHS
PEOPLE = [
    Person("p1", "k", "Ann Lee"),
    Person("p2", "k", "Siobhán Kelly"),
    Person("p3", "k", "Bo Chan"),
    Person("c1", "k", "Omar Said", role=Role.COACH),
    Person("p4", "k", "Sam Twin"),
    Person("p5", "k", "sam  twin"),
]
ITEMS = (
    Statement("c1", "Lived experience as a patient and/or carer", "characteristic"),
    Statement("c2", "Willingness to challenge professionals", "characteristic"),
    Statement("o1", "Have forged supportive new relationships and networks", "objective"),
)


def parse(text: str, stage: AssessmentStage = BEFORE, stored=()):
    return parse_self_assessment_csv(text, "s.csv", ITEMS, PEOPLE, stage=stage, stored=stored)


def refused(text: str, stage: AssessmentStage = BEFORE, stored=()) -> str:
    with pytest.raises(InputError) as caught:
        parse(text, stage, stored)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("s.csv: ")
    return message


# ---------------------------------------------------------------- statements


def test_the_programme_has_seven_characteristics_then_six_objectives(programme) -> None:
    found = statements(programme)
    assert [s.key for s in found] == [f"c{n}" for n in range(1, 8)] + [f"o{n}" for n in range(1, 7)]
    assert [s.label for s in found] == [*programme.characteristics, *programme.objectives]
    assert {s.kind for s in found[:7]} == {"characteristic"}
    assert {s.kind for s in found[7:]} == {"objective"}


# ---------------------------------------------------------------- the CSV


def test_a_column_is_a_key_or_a_text_in_any_case_and_spacing() -> None:
    rows = parse(
        "Name, C1 ,  willingness   to CHALLENGE professionals,o1\n"
        "Ann Lee,4,2,\nsiobhan kelly,,5,1\n"
    )
    assert [(r.row, r.person.id) for r in rows] == [(2, "p1"), (3, "p2")]
    assert rows[0].answers == (Answer("c1", 4), Answer("c2", 2))  # a blank is not answered
    assert rows[1].answers == (Answer("c2", 5), Answer("o1", 1))


def test_blank_rows_are_skipped_and_the_row_numbers_are_the_spreadsheets() -> None:
    rows = parse("name,c1\n\n,\nBo Chan,3\n")
    assert [(r.row, r.person.name) for r in rows] == [(4, "Bo Chan")]


def test_an_unknown_column_stops_the_import_naming_it() -> None:
    message = refused("name,c1,mood\nAnn Lee,4,5\n")
    assert "row 1, field 'mood'" in message and "c1, c2, o1" in message


@pytest.mark.parametrize(
    "header", ["name,c1,C1", "name,c1,lived experience as a patient and/or carer", "name,Name,c1"]
)
def test_a_column_named_twice_is_refused(header: str) -> None:
    assert "appears twice" in refused(f"{header}\nAnn Lee,4,4\n")


def test_a_file_without_a_name_column_or_a_statement_is_refused() -> None:
    assert "no 'name' column" in refused("c1\n4\n")
    assert "no column matches a statement" in refused("name\nAnn Lee\n")
    assert "the file is empty" in refused("")
    assert "no one's self-assessment" in refused("name,c1\n")


@pytest.mark.parametrize("value", ["0", "6", "²", "4.5", "-1", str(2**70), "four", "٣", "３"])
def test_a_value_not_1_to_5_names_row_and_field(value: str) -> None:
    message = refused(f"name,c1,c2\nAnn Lee,4,3\nBo Chan,2,{value}\n")
    assert "row 3, field 'c2'" in message and "not a rating from 1 to 5" in message


def test_a_value_in_a_column_with_no_header_is_refused() -> None:
    assert "row 2, field 'column 3'" in refused("name,c1,\nAnn Lee,4,x\n")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Nobody Here", "no person called 'Nobody Here'"),
        ("Sam Twin", "2 persons are called 'Sam Twin'"),
        ("Omar Said", "'Omar Said' is a coach, not a participant"),
        ("", "no name"),
    ],
)
def test_an_unknown_ambiguous_or_non_participant_name_is_refused_naming_the_row(
    name: str, words: str
) -> None:
    message = refused(f"name,c1\nAnn Lee,4\n{name},3\n")
    assert "row 3, field 'name'" in message and words in message


def test_a_long_unknown_name_is_quoted_cut_short() -> None:
    message = refused(f"name,c1\n{'x' * 70_000},3\n")
    assert "no person called 'xxxxxxxxxxxxxxxxxxxx…'" in message and len(message) < 200


def test_a_person_twice_in_the_file_is_refused() -> None:
    message = refused("name,c1\nAnn Lee,4\nbo chan,3\nANN LEE,2\n")
    assert "row 4, field 'name'" in message and "also on row 2" in message


def test_a_person_rating_nothing_is_refused() -> None:
    assert "rates no statement" in refused("name,c1,c2\nAnn Lee,4,\nBo Chan,,\n")


def test_one_already_stored_at_that_stage_is_refused_at_another_stage_not() -> None:
    stored = [SelfAssessment("a1", "k", "p3", BEFORE, "2017-11-23T09:00:00+00:00")]
    message = refused("name,c1\nAnn Lee,4\nBo Chan,3\n", BEFORE, stored)
    assert "row 3, field 'name'" in message and "before the course already stored" in message
    assert len(parse("name,c1\nAnn Lee,4\nBo Chan,3\n", END, stored)) == 2


def test_a_withdrawn_one_does_not_stand_in_the_way() -> None:
    first = SelfAssessment("a1", "k", "p3", BEFORE, "2017-11-23T09:00:00+00:00")
    gone = SelfAssessment("a2", "k", "p3", BEFORE, "2017-11-23T09:05:00+00:00", (), "a1", True)
    assert len(parse("name,c1\nBo Chan,3\n", BEFORE, [first, gone])) == 1


def test_a_self_assessment_stores_and_reads_back() -> None:
    record = SelfAssessment(
        "a1", "k", "p1", LATER, "2017-11-23T09:00:00+00:00", (Answer("c1", 4), Answer("o1", 2))
    )
    doc = to_doc(record)
    assert doc["stage"] == "3-months"
    assert doc["answers"] == [{"question": "c1", "rating": 4}, {"question": "o1", "rating": 2}]
    assert check_doc(SelfAssessment, doc) == record


# ---------------------------------------------------------------- the summary

KEYS = ("c1", "c2", "o1")
RATED = st.dictionaries(
    st.sampled_from(KEYS), st.integers(1, 5), min_size=0, max_size=len(KEYS)
)  # one person's answers at one stage (some may be left blank)
# person -> stage -> answers; a missing stage: not assessed then
COHORT = st.dictionaries(
    st.sampled_from([f"p{n}" for n in range(12)]),
    st.dictionaries(st.sampled_from(STAGES), RATED, max_size=3),
    max_size=12,
)


def records(cohort: dict[str, dict[AssessmentStage, dict[str, int]]]) -> list[SelfAssessment]:
    return [
        SelfAssessment(
            f"{person}-{stage.value}",
            "k",
            person,
            stage,
            "2017-11-23T09:00:00+00:00",
            tuple(Answer(key, rating) for key, rating in answers.items()),
        )
        for person, stages in cohort.items()
        for stage, answers in stages.items()
    ]


@given(COHORT)
def test_per_stage_number_and_average_are_those_of_the_ratings_given(cohort) -> None:
    summary = summarise(ITEMS, records(cohort))
    for item, found in zip(ITEMS, summary.statements, strict=True):
        assert (found.key, found.label) == (item.key, item.label)
        for stage in STAGES:
            given_ = [s[stage][item.key] for s in cohort.values() if item.key in s.get(stage, {})]
            result = found.stages[stage]
            assert result.number == len(given_)
            if given_:
                assert result.average == pytest.approx(sum(given_) / len(given_))
            else:
                assert result.average is None
    for stage in STAGES:
        assert summary.assessed[stage] == sum(1 for s in cohort.values() if stage in s)


@given(COHORT)
def test_the_paired_change_counts_only_people_rated_at_both_stages(cohort) -> None:
    summary = summarise(ITEMS, records(cohort))
    for item, found in zip(ITEMS, summary.statements, strict=True):
        assert [(p.first, p.then) for p in found.pairs] == list(PAIRS)
        for change in found.pairs:
            deltas = [
                s[change.then][item.key] - s[change.first][item.key]
                for s in cohort.values()
                if item.key in s.get(change.first, {}) and item.key in s.get(change.then, {})
            ]
            assert change.pairs == len(deltas)
            if deltas:
                assert change.mean_change == pytest.approx(sum(deltas) / len(deltas))
            else:
                assert change.mean_change is None
            # never more pairs than people rated at either stage
            assert change.pairs <= min(
                found.stages[change.first].number, found.stages[change.then].number
            )


def test_a_worked_example() -> None:
    summary = summarise(
        ITEMS,
        records(
            {
                "p1": {BEFORE: {"c1": 2}, END: {"c1": 4}, LATER: {"c1": 5}},
                "p2": {BEFORE: {"c1": 3}, END: {"c1": 3}},
                "p3": {END: {"c1": 5}},  # at the end only: in the end average, in no pair
            }
        ),
    )
    c1 = summary.statements[0]
    assert (c1.stages[BEFORE].number, c1.stages[BEFORE].average) == (2, 2.5)
    assert (c1.stages[END].number, c1.stages[END].average) == (3, 4.0)
    before_end, before_later, end_later = c1.pairs
    assert (before_end.pairs, before_end.mean_change) == (2, 1.0)
    assert (before_later.pairs, before_later.mean_change) == (1, 3.0)
    assert (end_later.pairs, end_later.mean_change) == (1, 1.0)
    assert summary.statements[1].stages[BEFORE].number == 0


def test_the_latest_standing_assessment_of_a_person_and_stage_counts() -> None:
    at = "2017-11-23T09:0{}:00+00:00"
    old = SelfAssessment("a1", "k", "p1", BEFORE, at.format(1), (Answer("c1", 1),))
    new = SelfAssessment("a2", "k", "p1", BEFORE, at.format(2), (Answer("c1", 3),))
    fixed = SelfAssessment("a3", "k", "p2", BEFORE, at.format(3), (Answer("c1", 5),))
    gone = SelfAssessment("a4", "k", "p2", BEFORE, at.format(4), (), "a3", True)
    c1 = summarise(ITEMS, [new, old, fixed, gone]).statements[0]
    assert (c1.stages[BEFORE].number, c1.stages[BEFORE].average) == (1, 3.0)


def test_a_stored_rating_outside_1_to_5_is_not_counted() -> None:
    bad = SelfAssessment("a1", "k", "p1", END, "2017-11-23T09:00:00+00:00", (Answer("c1", 9),))
    assert summarise(ITEMS, [bad]).statements[0].stages[END].number == 0


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "-"),
        (0.0, "0.0"),
        (0.04, "0.0"),
        (-0.04, "0.0"),
        (0.05, "+0.1"),
        (-0.05, "-0.1"),
        (1.25, "+1.3"),
        (-1.25, "-1.3"),
        (2 / 3, "+0.7"),
        (-4.0, "-4.0"),
    ],
)
def test_a_change_is_shown_signed_to_one_decimal_place(value, text) -> None:
    assert signed_one_dp(value) == text
