"""The rules of forgetting a person (lp_tui.domain.forget): what changes, and what never does."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain import forget as rules
from lp_tui.domain.model import (
    Answer,
    Comment,
    EvaluationForm,
    FeedbackKind,
    FollowUpCall,
    ImpactReport,
    Observation,
    PeerFeedback,
    Person,
    PresenterFeedback,
    SeatedTable,
    Seating,
    Stage,
)
from lp_tui.domain.timers import AgendaEvent, EventKind

AT = "2017-11-24T09:30:00.000000+00:00"
ANN = Person("ann", "c", "Ann Lee", organisation="Riverside CCG", access_needs="Hearing loop")
BOB = Person("bob", "c", "Bob Stone")
COACH = Person("coach", "c", "Dr Omar Said")


def forgetting(person: Person = ANN) -> rules.Forgetting:
    return rules.plan(person, [person, BOB, COACH], [])


def test_pseudonyms_are_numbered_among_the_cohorts_forgotten_people() -> None:
    assert rules.next_pseudonym([ANN, BOB]) == "Forgotten person 1"
    gone = [dataclasses.replace(BOB, name=f"Forgotten person {n}") for n in (1, 3)]
    assert rules.next_pseudonym([ANN, *gone]) == "Forgotten person 4"
    assert rules.plan(ANN, [ANN, *gone], []).pseudonym == "Forgotten person 4"


def test_a_forgotten_person_keeps_their_pseudonym() -> None:
    gone = dataclasses.replace(ANN, name="Forgotten person 2")
    assert rules.is_forgotten(gone) and not rules.is_forgotten(ANN)
    assert rules.plan(gone, [gone, BOB], []).pseudonym == "Forgotten person 2"


def test_their_own_record_keeps_its_id_role_and_flags_and_loses_what_identifies_them() -> None:
    ann = dataclasses.replace(ANN, project="Lungs", accessible_table=True, followup_call=True)
    new, removed = rules.forget_record(ann, forgetting(ann))
    assert new == dataclasses.replace(
        ann, name="Forgotten person 1", organisation="", access_needs="", project=""
    )
    assert rules.counted(removed) == {
        "name": 1,
        "organisation": 1,
        "project": 1,
        "access needs": 1,
    }


def test_another_persons_record_is_left_alone() -> None:
    bob = dataclasses.replace(BOB, organisation="Riverside CCG")
    assert rules.forget_record(bob, forgetting()) == (bob, ())


def test_names_are_matched_as_whole_words_ignoring_case_accents_and_spacing() -> None:
    rule = forgetting(Person("z", "c", "Zoë  Brontë"))
    assert rule.mentions("asked zoe bronte first")
    assert rule.mentions("ZOË\u200b BRONTË said")
    assert not rule.mentions("Zoë Brontësson")
    assert not forgetting().mentions("Ann Leeson spoke")
    assert (
        forgetting().renamed("thanks to ann  lee, again") == "thanks to Forgotten person 1, again"
    )


def obs(by: str, about: str, note: str) -> Observation:
    return Observation("o", "c", 1, by, about, "Listening", AT, note)


def test_notes_by_about_or_naming_them_are_emptied_others_kept() -> None:
    rule = forgetting()
    assert rules.forget_record(obs("coach", "ann", "cried"), rule)[0].note == ""
    assert rules.forget_record(obs("ann", "bob", "kind"), rule)[0].note == ""
    assert rules.forget_record(obs("coach", "bob", "helped Ann Lee"), rule)[0].note == ""
    kept = obs("coach", "bob", "helped Ann")
    assert rules.forget_record(kept, rule) == (kept, ())


@given(
    texts=st.lists(
        st.one_of(
            st.sampled_from(["Ann Lee", "ann  lee", "ANN LEE!", "Ann Leeson", "Lee Ann", "", "a"]),
            st.text(alphabet="AaNnLlEe \u200b\u0301", max_size=12),
        ),
        max_size=12,
    ),
    other=st.sampled_from([ANN, BOB, Person("z", "c", "Zoë  Brontë")]),
)
def test_a_text_asked_about_again_gets_the_answer_it_got_first(texts, other) -> None:
    """A forgetting remembers each text it has looked at: asked again, or asked after texts
    about someone else were, the answer is the one a new forgetting gives."""
    rule, second = forgetting(), forgetting(other)
    for text in texts:
        second.mentions(text)
        first = rule.mentions(text)
        assert rule.mentions(text) == first == forgetting().mentions(text)
    assert rule == forgetting()  # what it remembers is not part of what it is


def test_peer_feedback_given_received_or_logged_by_them_loses_its_words() -> None:
    rule = forgetting()
    for giver, receiver, by in (
        ("ann", "bob", "coach"),
        ("bob", "ann", "coach"),
        ("bob", "x", "ann"),
    ):
        words = PeerFeedback("p", "c", 1, by, giver, receiver, "Listening", AT, "thanks", 2)
        new, removed = rules.forget_record(words, rule)
        assert new == dataclasses.replace(words, words="")
        assert removed == (rules.Removal(rules.PEER_WORDS, "thanks"),)


def test_presenter_feedback_about_them_or_from_their_coaching_table_is_emptied() -> None:
    seating = Seating("s", "c", 2, AT, "allocate", (SeatedTable(3, "coach", ("ann",)),))
    rule = rules.plan(COACH, [ANN, COACH], [seating])
    assert rule.coached == frozenset({(2, 3)})
    theirs = PresenterFeedback("f", "c", 2, "pres", FeedbackKind.COACH, "clear", AT, 3)
    other_table = dataclasses.replace(theirs, table=4)
    from_table = dataclasses.replace(theirs, kind=FeedbackKind.TABLE)
    assert rules.forget_record(theirs, rule)[0].text == ""
    assert rules.forget_record(other_table, rule) == (other_table, ())
    assert rules.forget_record(from_table, rule) == (from_table, ())
    about = PresenterFeedback("f", "c", 2, "ann", FeedbackKind.TABLE, "too fast", AT, 1)
    assert rules.forget_record(about, forgetting())[0].text == ""


def test_follow_up_notes_quotes_and_details_of_theirs_are_emptied() -> None:
    rule = forgetting()
    call = FollowUpCall("k", "c", "ann", AT, True, True, "in hospital")
    assert rules.forget_record(call, rule)[0] == dataclasses.replace(call, note="")
    report = ImpactReport("r", "c", "ann", Stage.ONE_MONTH, AT, True, True, "q", details="d")
    new, removed = rules.forget_record(report, rule)
    assert new == dataclasses.replace(report, quote="", details="")
    assert rules.counted(removed) == {"impact report quotes": 1, "impact report details": 1}
    bobs = dataclasses.replace(report, person="bob")
    assert rules.forget_record(bobs, rule) == (bobs, ())


def test_form_ratings_stay_and_only_comments_naming_them_go() -> None:
    form = EvaluationForm(
        "f",
        "c",
        3,
        1,
        AT,
        answers=(Answer("q1", 5),),
        comments=(Comment("comments", "Ann Lee was great"), Comment("comments", "Lunch")),
    )
    new, removed = rules.forget_record(form, forgetting())
    assert new.answers == form.answers
    assert [c.text for c in new.comments] == ["", "Lunch"]
    assert removed == (rules.Removal(rules.FORM_COMMENTS, "Ann Lee was great"),)


def test_agenda_notes_naming_them_go_and_titles_take_the_pseudonym() -> None:
    rule = forgetting()
    note = AgendaEvent("a", "c", 1, EventKind.NOTE, "lunch", AT, text="late for Ann Lee")
    assert rules.forget_record(note, rule)[0].text == ""
    insert = AgendaEvent("i", "c", 1, EventKind.INSERT, "x", AT, title="Ann Lee's talk", minutes=5)
    assert rules.forget_record(insert, rule)[0].title == "Forgotten person 1's talk"


def test_redact_replaces_the_name_empties_strings_and_keeps_ids() -> None:
    doc = {"id": "Ann Lee", "at": AT, "x": ["Ann Lee rang", {"y": "said secret words"}], "n": 3}
    new, changed = rules.redact(doc, forgetting(), ("secret words",))
    assert new == {"id": "Ann Lee", "at": AT, "x": ["Forgotten person 1 rang", {"y": ""}], "n": 3}
    assert changed == 2


ids = st.sampled_from(["ann", "bob", "coach", "x"])
texts = st.text(max_size=30)


@given(by=ids, about=ids, note=texts, day=st.integers(1, 3), withdrawn=st.booleans())
def test_forgetting_changes_nothing_of_an_observation_but_its_note(
    by: str, about: str, note: str, day: int, withdrawn: bool
) -> None:
    record = Observation("o", "c", day, by, about, "Listening", AT, note, "r", withdrawn)
    new, removed = rules.forget_record(record, forgetting())
    assert dataclasses.replace(new, note=record.note) == record
    gone = bool(note) and ("ann" in (by, about) or forgetting().mentions(note))
    assert new.note == ("" if gone else note)
    assert removed == ((rules.Removal(rules.OBSERVATION_NOTES, note),) if gone else ())


@given(ratings=st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=8), comment=texts)
def test_forgetting_never_changes_a_rating(ratings: list[int | None], comment: str) -> None:
    answers = tuple(Answer(f"q{i}", r) for i, r in enumerate(ratings))
    form = EvaluationForm("f", "c", 3, 1, AT, answers, (Comment("comments", comment),))
    new, _ = rules.forget_record(form, forgetting())
    assert new.answers == answers and len(new.comments) == 1
