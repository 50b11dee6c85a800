from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.model import Cohort, Experience, Person, PresenterKind, Role
from lp_tui.store.records import BadField, check_doc, from_doc, to_doc

text = st.text(max_size=30)

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
