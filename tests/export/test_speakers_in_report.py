"""Speakers on agenda items in the report: each item names its speaker in the day's agenda
table; a speaker's own feedback appears under that day's presenter feedback, only with the
speaker's consent; anonymised exports map a roster speaker's id and leave a guest's name out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.model import ConsentMark, FeedbackKind, PresenterFeedback, Role, new_id
from lp_tui.domain.timers import AgendaEvent, EventKind
from tests.export.conftest import AFTER
from tests.export.test_consent_in_reports import exported
from tests.export.test_linkage import text_of, write

GUEST = "Dr Ada Lovelace-Guest"
WORDS = "The room asked sharper questions than last year"


@pytest.fixture
def speaker(repo, demo, busy):
    """Day 2: a facilitator speaks on one item, a guest on another; the facilitator's words."""
    cohort, people = demo
    person = next(p for p in people if p.role is Role.FACILITATOR)
    events = repo.snapshot().agenda_events(cohort.id, 2)
    keys = list(dict.fromkeys(e.item for e in events if e.kind is EventKind.START))
    first, second = keys[0], keys[1]
    when = iso(AFTER - timedelta(days=100))
    repo.add_agenda_events(
        [
            AgendaEvent(new_id(), cohort.id, 2, EventKind.SPEAKER, first, when, person=person.id),
            AgendaEvent(new_id(), cohort.id, 2, EventKind.SPEAKER, second, when, text=GUEST),
        ]
    )
    repo.add_presenter_feedback(
        PresenterFeedback(new_id(), cohort.id, 2, person.id, FeedbackKind.PRESENTER, WORDS, when)
    )
    return person


def day_rows(text: str, day: int) -> str:
    agenda = text.split("Agenda: planned and actual", 1)[1]
    return agenda.split(f"Day {day}:", 1)[1].split("### ", 1)[0]


def test_the_agenda_table_names_each_items_speaker(repo, demo, programme, speaker, tmp_path):
    text = exported(repo, demo, programme, tmp_path, "md")
    rows = day_rows(text, 2)
    assert f"(speaker: {speaker.name})" in rows
    assert f"(speaker: {GUEST})" in rows


def test_a_speakers_feedback_is_left_out_without_consent(repo, demo, programme, speaker, tmp_path):
    text = exported(repo, demo, programme, tmp_path, "md")
    assert WORDS not in text
    assert "left out" in text


def test_a_speakers_feedback_is_shown_under_the_day_with_consent(
    repo, demo, programme, speaker, tmp_path
):
    cohort, _ = demo
    repo.add_consent_mark(ConsentMark(new_id(), cohort.id, speaker.id, True, iso(AFTER)))
    text = exported(repo, demo, programme, tmp_path, "md")
    rotations = text.split("Case-study rotations and presenter feedback", 1)[1]
    day2 = rotations.split("Day 2", 1)[1].split("### Day 3", 1)[0]
    assert f"{speaker.name}, the speaker said afterwards: {WORDS}" in day2


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_anonymised_exports_map_the_speaker_and_leave_the_guest_out(
    repo, demo, programme, speaker, tmp_path, fmt
):
    cohort, _ = demo
    repo.add_consent_mark(ConsentMark(new_id(), cohort.id, speaker.id, True, iso(AFTER)))
    named = text_of(write(repo, demo, programme, fmt, tmp_path, anonymise=False))
    hidden = text_of(write(repo, demo, programme, fmt, tmp_path, anonymise=True))
    assert GUEST in named and (speaker.id if fmt == "json" else speaker.name) in named
    assert GUEST not in hidden
    assert speaker.id not in hidden and speaker.name not in hidden
    assert WORDS not in hidden


def test_the_anonymised_json_keeps_the_speaker_as_a_pseudonym(
    repo, demo, programme, speaker, tmp_path
):
    import json

    document = json.loads(write(repo, demo, programme, "json", tmp_path, True).read_text())
    found = [
        r
        for r in json.dumps(document).split("{")
        if '"kind": "speaker"' in r or '"kind":"speaker"' in r
    ]
    assert len(found) == 2  # both speaker events are kept
    people = [r for r in found if '"person"' in r]  # empty fields are left out
    assert len(people) == 1  # the roster speaker's, under a fresh id
    assert speaker.id not in people[0]


def test_a_guests_feedback_is_never_quoted_and_exports_anonymised(
    repo, demo, programme, speaker, tmp_path
):
    cohort, _ = demo
    guest_words = "Lovely audience, would come back"
    when = iso(AFTER - timedelta(days=100))
    repo.add_presenter_feedback(
        PresenterFeedback(new_id(), cohort.id, 2, "", FeedbackKind.PRESENTER, guest_words, when)
    )
    text = exported(repo, demo, programme, tmp_path, "md")
    assert guest_words not in text
    assert "left out" in text
    for fmt in ("json", "md"):
        hidden = text_of(write(repo, demo, programme, fmt, tmp_path, anonymise=True))
        assert guest_words not in hidden and GUEST not in hidden
