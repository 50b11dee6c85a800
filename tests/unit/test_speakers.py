"""Speakers on agenda items: who is named (lp_tui.domain.speakers) and how the agenda's
SPEAKER events replay (lp_tui.domain.timers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.model import Person, Role
from lp_tui.domain.speakers import (
    MAX_GUEST_NAME,
    read_speaker,
    roster_like,
    speaker_choices,
    speaker_name,
)
from lp_tui.domain.timers import EventKind, day_clock, event_words, undo_events
from tests.unit.test_timers import PLAN, at, ev

PEOPLE = [
    Person("f1", "c", "Zoë Fácil", Role.FACILITATOR),
    Person("s1", "c", "Sam Support", Role.SUPPORT),
    Person("d1", "c", "Dana Presenter", Role.PRESENTER),
    Person("p1", "c", "Pat Participant"),
    Person("k1", "c", "Kim Coach", Role.COACH),
]


def test_facilitators_support_and_presenters_may_speak_by_name() -> None:
    assert [p.id for p in speaker_choices(PEOPLE)] == ["d1", "s1", "f1"]


def test_a_roster_speaker_is_found_ignoring_case_accents_and_spaces() -> None:
    assert read_speaker("  zoe   facil ", PEOPLE) == ("f1", "")


def test_a_participant_or_coach_named_is_taken_as_a_guest_not_as_them() -> None:
    assert read_speaker("Pat Participant", PEOPLE) == ("", "Pat Participant")
    assert read_speaker("Kim Coach", PEOPLE) == ("", "Kim Coach")


def test_a_name_not_on_the_roster_is_a_guest_and_blank_is_nobody() -> None:
    assert read_speaker("Dr Ada Guest", PEOPLE) == ("", "Dr Ada Guest")
    assert read_speaker("   ", PEOPLE) == ("", "")


def test_a_guest_name_too_long_is_refused() -> None:
    with pytest.raises(ValueError, match="at most"):
        read_speaker("x" * (MAX_GUEST_NAME + 1), PEOPLE)


@given(st.text(max_size=40))
def test_reading_a_speaker_gives_a_roster_speaker_or_a_guest_never_both(typed: str) -> None:
    person, guest = read_speaker(typed, PEOPLE)
    assert not (person and guest)
    if person:
        assert person in {p.id for p in speaker_choices(PEOPLE)}
    assert guest == " ".join(guest.split())


def test_a_speaker_in_words() -> None:
    assert speaker_name("d1", "", PEOPLE) == "Dana Presenter"
    assert speaker_name("", "Dr Ada Guest", PEOPLE) == "Dr Ada Guest"
    assert speaker_name("", "", PEOPLE) == ""


def test_the_latest_speaker_event_names_the_items_speaker() -> None:
    events = [
        ev(EventKind.SPEAKER, "welcome", 0, person="f1"),
        ev(EventKind.SPEAKER, "break", 0, text="Dr Ada Guest"),
        ev(EventKind.SPEAKER, "welcome", 1, text="Dr Ada Guest"),
    ]
    items = {i.key: i for i in day_clock(PLAN, events, at(2)).items}
    assert (items["welcome"].speaker, items["welcome"].guest) == ("", "Dr Ada Guest")
    assert (items["break"].speaker, items["break"].guest) == ("", "Dr Ada Guest")
    assert (items["tables"].speaker, items["tables"].guest) == ("", "")


def test_a_roster_speaker_wins_over_a_name_in_the_same_event() -> None:
    events = [ev(EventKind.SPEAKER, "welcome", 0, person="f1", text="stray")]
    item = day_clock(PLAN, events, at(1)).items[0]
    assert (item.speaker, item.guest) == ("f1", "")


def test_an_empty_speaker_event_takes_the_speaker_off() -> None:
    events = [
        ev(EventKind.SPEAKER, "welcome", 0, person="f1"),
        ev(EventKind.SPEAKER, "welcome", 1),
    ]
    item = day_clock(PLAN, events, at(2)).items[0]
    assert (item.speaker, item.guest) == ("", "")


def test_undoing_a_speaker_brings_back_the_one_before() -> None:
    first = ev(EventKind.SPEAKER, "welcome", 0, person="f1")
    second = ev(EventKind.SPEAKER, "welcome", 1, person="s1")
    undo = undo_events([second], lambda: "u1", second.at)
    item = day_clock(PLAN, [first, second, *undo], at(2)).items[0]
    assert item.speaker == "f1"


def test_naming_a_speaker_changes_no_timing() -> None:
    started = [ev(EventKind.START, "welcome", 0)]
    named = [*started, ev(EventKind.SPEAKER, "welcome", 1, person="f1")]
    before = day_clock(PLAN, started, at(5))
    after = day_clock(PLAN, named, at(5))
    assert [(i.status, i.running_seconds) for i in before.items] == [
        (i.status, i.running_seconds) for i in after.items
    ]


def test_a_speaker_event_in_words() -> None:
    event = ev(EventKind.SPEAKER, "welcome", 0, person="f1")
    assert event_words(event, "Welcome") == "speaker on Welcome"


def test_a_guest_named_by_part_of_a_roster_name_finds_who_may_have_been_meant() -> None:
    assert roster_like("dana", PEOPLE) == ["Dana Presenter"]
    assert roster_like("zoe fac", PEOPLE) == ["Zoë Fácil"]  # each word begins one of theirs
    assert roster_like("S", PEOPLE) == ["Sam Support"]  # both words begin with s
    assert roster_like("Pat", PEOPLE) == []  # a participant is no speaker
    assert roster_like("Dr Ada Guest", PEOPLE) == []
    assert roster_like("  ", PEOPLE) == []
    assert roster_like("resenter", PEOPLE) == []  # the start of a word, not any part
