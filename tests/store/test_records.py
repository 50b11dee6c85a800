from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.model import (
    Answer,
    Cohort,
    Comment,
    EvaluationForm,
    Experience,
    Person,
    PresenterKind,
    Role,
)
from lp_tui.domain.text import control_character
from lp_tui.store.records import BadField, check_doc, from_doc, to_doc

text = st.text(max_size=30).filter(lambda s: control_character(s) is None)

people = st.builds(
    Person,
    id=st.uuids().map(lambda u: u.hex),
    cohort=st.just("c"),
    name=text.filter(bool),
    role=st.sampled_from(Role),
    presenter_kind=st.none() | st.sampled_from(PresenterKind),
    organisation=text,
    experience=st.none() | st.sampled_from(Experience),
    access_needs=text,
    followup_call=st.none() | st.booleans(),
    project=text,
)


@given(people)
def test_any_person_survives_storage(person: Person) -> None:
    assert from_doc(Person, to_doc(person)) == person
    assert check_doc(Person, to_doc(person)) == person


def test_empty_fields_are_not_stored() -> None:
    doc = to_doc(Person(id="1", cohort="c", name="Ann"))
    assert doc == {"id": "1", "cohort": "c", "name": "Ann", "role": "participant"}


def test_tuples_round_trip_as_lists() -> None:
    cohort = Cohort("1", "A", "p", ("2017-11-23", "2017-11-24"), "now")
    assert to_doc(cohort)["dates"] == ["2017-11-23", "2017-11-24"]
    assert from_doc(Cohort, to_doc(cohort)) == cohort


def test_check_doc_names_the_bad_field() -> None:
    for doc, field in [
        ({"id": "1", "cohort": "c"}, "name"),
        ({"id": "1", "cohort": "c", "name": "A", "role": "king"}, "role"),
        ({"id": "1", "cohort": "c", "name": 5}, "name"),
        ({"id": "1", "cohort": "c", "name": "A", "followup_call": "yes"}, "followup_call"),
    ]:
        try:
            check_doc(Person, doc)
        except BadField as error:
            assert error.field == field
        else:
            raise AssertionError(f"{doc} was accepted")


def test_control_characters_read_back_as_a_mark_everywhere_in_a_record() -> None:
    doc = {
        "id": "f\x1b1",
        "cohort": "c",
        "day": 3,
        "number": 1,
        "at": "now",
        "answers": [{"question": "q\x9b", "rating": 4}],
        "comments": [{"column": "comment", "text": "Ann\x1b[2JB\nline\ttab", "question": ""}],
    }
    form = from_doc(EvaluationForm, doc)
    assert form.id == "f\ufffd1"
    assert form.answers == (Answer("q\ufffd", 4),)
    assert form.comments == (Comment("comment", "Ann\ufffd[2JB\nline\ttab", ""),)


def test_control_characters_in_strings_inside_tuples_read_back_as_a_mark() -> None:
    cohort = from_doc(
        Cohort,
        {"id": "1", "name": "A\u202eB", "programme": "p", "dates": ["x\x00"], "created_at": "n"},
    )
    assert cohort.name == "A\ufffdB"
    assert cohort.dates == ("x\ufffd",)


@given(st.text(max_size=30).filter(bool))
def test_nothing_read_back_holds_a_control_character(name: str) -> None:
    person = from_doc(Person, {"id": "1", "cohort": "c", "name": name, "project": name})
    assert control_character(person.name) is None
    assert control_character(person.project) is None
    assert control_character(to_doc(Person("1", "c", name))["name"]) is None


def test_clean_text_is_read_back_as_the_very_same_string() -> None:
    doc = {"id": "1", "cohort": "c", "name": "Ann Lee", "access_needs": "hearing loop\nfront"}
    person = from_doc(Person, doc)
    assert person.name is doc["name"]
    assert person.access_needs is doc["access_needs"]


def test_text_typed_into_an_app_is_stored_without_control_characters() -> None:
    doc = to_doc(Person("1", "c", "Ann\x1b[2JB", access_needs="loop\x9b\nfront"))
    assert doc["name"] == "Ann\ufffd[2JB"
    assert doc["access_needs"] == "loop\ufffd\nfront"
    assert doc["role"] == "participant" and type(doc["role"]) is str
