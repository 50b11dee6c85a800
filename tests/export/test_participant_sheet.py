"""Each participant's own feedback sheet: their entries, all of them, and nobody else's."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC
from html import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lp_tui.domain.corrections import standing
from lp_tui.domain.model import AttendanceStatus, FeedbackKind, Observation, PeerFeedback, new_id
from lp_tui.export.gather import CohortRecords, gather
from lp_tui.export.markdown_format import md_text
from lp_tui.export.participant_sheet import (
    ParticipantSheet,
    file_name,
    html,
    markdown,
    participant_sheet,
    participant_sheets,
    slug,
)
from tests.export.conftest import AFTER, FORMULA, SCRIPT

FIXTURES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
_BLANK = ParticipantSheet("", "", "", "", "", (), (), (), (), (), ())
WHEN = "2017-11-23T11:00:00+00:00"
NASTY = '<img src=x onerror="alert(2)"> & [link](http://x) | *'


def marker(kind: str, n: int) -> str:
    """Text no other marker holds (no marker is the start of another)."""
    return f"QZ{kind}{n:05d}ZQ"


def marked(records: CohortRecords, extra: list[PeerFeedback | Observation]) -> CohortRecords:
    """The records with the extra entries added and every note, words and text made unique,
    so each entry's words show on a page only when that entry does."""
    observations = [o for o in extra if isinstance(o, Observation)]
    peer = [f for f in extra if isinstance(f, PeerFeedback)]
    days = [
        dataclasses.replace(
            day,
            presenter_feedback=[
                dataclasses.replace(f, text=marker(f"D{day.number}P", i))
                for i, f in enumerate(day.presenter_feedback)
            ],
        )
        for day in records.days
    ]
    return dataclasses.replace(
        records,
        days=days,
        observations=[
            dataclasses.replace(o, note=marker("O", i))
            for i, o in enumerate([*records.observations, *observations])
        ],
        peer_feedback=[
            dataclasses.replace(f, words=marker("F", i))
            for i, f in enumerate([*records.peer_feedback, *peer])
        ],
    )


def table_of(records: CohortRecords, day_number: int, person: str) -> int | None:
    day = records.days[day_number - 1]
    if day.seating is None:
        return None
    return next((t.number for t in day.seating.tables if person in t.members), None)


def own_and_others(records: CohortRecords, person: str) -> tuple[set[str], set[str]]:
    """The words of the entries about or by the person (and of their table's feedback to
    presenters), and the words of every other entry."""
    own: set[str] = set()
    others: set[str] = set()
    for o in records.observations:
        (own if o.about == person else others).add(o.note)
    for f in records.peer_feedback:
        (own if person in (f.giver, f.receiver) else others).add(f.words)
    for day in records.days:
        table = table_of(records, day.number, person)
        for f in day.presenter_feedback:
            ours = f.kind == FeedbackKind.TABLE and table is not None and f.table == table
            (own if ours else others).add(f.text)
    return own, others - own


@st.composite
def extra_entries(draw: st.DrawFn, records: CohortRecords) -> list[PeerFeedback | Observation]:
    """Entries a coach might add: any participant about, by or to any other, any day."""
    ids = [p.id for p in records.participants]
    coaches = [p.id for p in records.people if p.role.value == "coach"]
    found: list[PeerFeedback | Observation] = []
    for _ in range(draw(st.integers(0, 6))):
        day = draw(st.integers(1, len(records.days)))
        behaviour = draw(st.sampled_from([*records.behaviours.names, "Typed freely"]))
        if draw(st.booleans()):
            found.append(
                Observation(
                    new_id(), records.cohort.id, day, draw(st.sampled_from(coaches)),
                    draw(st.sampled_from(ids)), behaviour, "2018-01-16T10:00:00+00:00",
                )
            )  # fmt: skip
        else:
            giver, receiver = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2))
            found.append(
                PeerFeedback(
                    new_id(), records.cohort.id, day, draw(st.sampled_from(coaches)), giver,
                    receiver, behaviour, "2018-01-16T15:00:00+00:00",
                )
            )  # fmt: skip
    return found


@FIXTURES
@given(data=st.data())
def test_a_sheet_holds_the_persons_entries_and_nobody_elses(records, data) -> None:
    busy = marked(records, data.draw(extra_entries(records)))
    person = data.draw(st.sampled_from(busy.participants))
    sheet = participant_sheet(busy, person.id)

    # gathered: exactly the entries about or by them, nothing else
    seen = {e.id for g in sheet.seen for e in g.entries}
    assert seen == {o.id for o in busy.observations if o.about == person.id}
    assert {e.id for e in sheet.received} == {
        f.id for f in busy.peer_feedback if f.receiver == person.id
    }
    assert {e.id for e in sheet.given} == {f.id for f in busy.peer_feedback if f.giver == person.id}
    for words in sheet.table_words:
        assert words.table == table_of(busy, words.day, person.id)

    # rendered: their words all there, no one else's; other participants named only as the
    # other side of a piece of feedback with them
    own, others = own_and_others(busy, person.id)
    partners = {e.other for e in (*sheet.received, *sheet.given)}
    strangers = [p.name for p in busy.participants if p.id != person.id and p.name not in partners]
    for page, shown in ((markdown(sheet), md_text), (html(sheet), escape)):
        assert all(text in page for text in own)
        assert not [text for text in others if text in page]
        assert not [name for name in strangers if shown(name) in page]


def test_every_participant_with_activity_has_their_entries(records) -> None:
    sheets = participant_sheets(records)
    assert [s.person for s in sheets] == [p.id for p in records.participants]
    active = [s for s in sheets if s.seen or s.received or s.given]
    assert len(active) > len(sheets) // 2  # the demo's days gave most people something
    assert sum(len(g.entries) for s in sheets for g in s.seen) == len(records.observations)
    assert sum(len(s.received) for s in sheets) == len(records.peer_feedback)


def test_observations_grouped_under_the_cohorts_behaviours_in_their_order(records) -> None:
    names = records.behaviours.names
    assert names, "the demo runs the behaviours exercise"
    for sheet in participant_sheets(records):
        listed = [g.behaviour for g in sheet.seen if g.behaviour in names]
        assert listed == [b for b in names if b in listed]
        assert set(sheet.not_seen) == set(names) - {g.behaviour for g in sheet.seen}
        for group in sheet.seen:
            assert [e.day for e in group.entries] == sorted(e.day for e in group.entries)


def test_the_coachs_note_is_under_its_behaviour(records) -> None:
    observation = next(o for o in records.observations if o.note)
    sheet = participant_sheet(records, observation.about)
    group = next(g for g in sheet.seen if any(e.id == observation.id for e in g.entries))
    assert group.behaviour == records.behaviours.canonical(observation.behaviour)
    entry = next(e for e in group.entries if e.id == observation.id)
    assert (entry.note, entry.coach) == (observation.note, records.name(observation.by))
    page = markdown(sheet)
    section = page[page.index(f"### {md_text(group.behaviour)}") :]
    assert md_text(observation.note) in section.split("\n\n", 2)[1]


def test_table_and_coach_each_day(records) -> None:
    for day in records.days:
        assert day.seating is not None
        for table in day.seating.tables:
            for member in table.members:
                seat = participant_sheet(records, member).days[day.number - 1]
                assert (seat.day, seat.table) == (day.number, table.number)
                assert seat.coach == records.name(table.coach or "")
    absent = [
        (day.number, person)
        for day in records.days
        for person, status in day.status.items()
        if status is AttendanceStatus.ABSENT and table_of(records, day.number, person) is None
    ]
    assert absent, "the demo has absences"
    number, person = absent[0]
    seat = participant_sheet(records, person).days[number - 1]
    assert (seat.table, seat.status) == (None, "absent")
    assert f"| Day {number} ({seat.when}) | absent |" in markdown(
        participant_sheet(records, person)
    )


def test_withdrawn_and_corrected_entries_do_not_show(repo, demo, programme, busy) -> None:
    cohort = demo[0]
    person = next(p for p in busy[1] if p.name == SCRIPT)
    coach = next(p for p in busy[1] if p.role.value == "coach")
    first = Observation(new_id(), cohort.id, 1, coach.id, person.id, "Listening", WHEN, "old note")
    better = dataclasses.replace(first, id=new_id(), note="corrected note", replaces=first.id)
    gone = Observation(new_id(), cohort.id, 1, coach.id, person.id, "Listening", WHEN, "oops")
    taken_back = dataclasses.replace(gone, id=new_id(), withdrawn=True, replaces=gone.id)
    for entry in (first, better, gone, taken_back):
        repo.add_entry(entry)
    records = gather(repo.snapshot(), cohort, programme, now=AFTER, tz=UTC)
    assert standing([first, better, gone, taken_back]) == [better]
    sheet = participant_sheet(records, person.id)
    for page in (markdown(sheet), html(sheet)):
        assert "corrected note" in page
        assert "old note" not in page and "oops" not in page


def test_html_escapes_names_and_words(records) -> None:
    person = next(p for p in records.participants if p.name == SCRIPT)
    nasty = marked(records, [])
    # one observation about them with a nasty note, whatever the demo's random days gave them
    about_them = dataclasses.replace(
        nasty.observations[0], id="nasty", about=person.id, note=NASTY, replaces="", withdrawn=False
    )
    nasty = dataclasses.replace(nasty, observations=[*nasty.observations, about_them])
    sheet = participant_sheet(nasty, person.id)
    assert any(e.note == NASTY for g in sheet.seen for e in g.entries)
    page = html(sheet)
    assert SCRIPT not in page and "<img" not in page
    assert escape(SCRIPT) in page and escape(NASTY) in page
    assert re.findall(r"<(\w+)", page) and set(re.findall(r"<(\w+)", page)) <= {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li",
        "table", "thead", "tbody", "tr", "th", "td",
    }  # fmt: skip
    first = "\n".join(page.splitlines()[:6])
    assert escape(SCRIPT) in first


def test_markdown_escapes_names_and_words(records) -> None:
    for name in (SCRIPT, FORMULA):
        person = next(p for p in records.participants if p.name == name)
        page = markdown(participant_sheet(records, person.id))
        assert page.splitlines()[0] == f"# {md_text('Feedback sheet: ' + name)}"
    script = next(p for p in records.participants if p.name == SCRIPT)
    page = markdown(participant_sheet(records, script.id))
    assert "<script>" not in page and r"\<script\>alert(1)\</script\>" in page


def test_a_sheet_names_its_person_in_its_first_lines(records) -> None:
    for sheet in participant_sheets(records):
        assert markdown(sheet).splitlines()[0] == f"# {md_text(sheet.title)}"
        if sheet.name not in (SCRIPT, FORMULA):
            assert markdown(sheet).splitlines()[0] == f"# Feedback sheet: {sheet.name}"
        assert escape(sheet.name) in "\n".join(html(sheet).splitlines()[:6])


def test_html_is_made_for_a4_with_no_scripts_or_outside_files(records) -> None:
    page = html(participant_sheets(records)[0])
    assert "@page { size: A4" in page
    assert "<script" not in page and "src=" not in page and "href=" not in page


@settings(max_examples=200, deadline=None)
@given(name=st.text(), person=st.uuids())
def test_file_names_are_safe(name: str, person) -> None:
    sheet = dataclasses.replace(_BLANK, name=name, person=person.hex)
    for fmt in ("html", "md"):
        found = file_name(sheet, fmt)
        assert re.fullmatch(rf"[a-z0-9]+(-[a-z0-9]+)*-{person.hex[:8]}\.{fmt}", found)


def test_slugs() -> None:
    assert slug("Tomasz Wójcik") == "tomasz-wojcik"
    assert slug(SCRIPT) == "script-alert-1-script"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert file_name(dataclasses.replace(_BLANK, name="中文", person="ab12"), "md") == (
        "participant-ab12.md"
    )
