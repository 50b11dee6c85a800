"""Sheets as files (the one writer the CLI and the app share) and as a coach sees one."""

from __future__ import annotations

import stat
from datetime import UTC, date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lp_tui.export.gather import CohortRecords
from lp_tui.export.participant_sheet import file_name, participant_sheet
from lp_tui.export.sheet_files import (
    ANOTHER,
    ELSEWHERE,
    NoSheets,
    caller_sheet,
    coach_sheet,
    exports_folder,
    sheet_pages,
    sheets_folder,
    write_sheets,
)
from lp_tui.store.storage import StoreWriteError
from tests.conftest import DEMO_MOMENT

FIXTURES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def seated_tables(records: CohortRecords) -> list[tuple[str, ...]]:
    return [t.members for d in records.days if d.seating for t in d.seating.tables if t.members]


@FIXTURES
@given(data=st.data())
def test_a_coach_sheet_names_nobody_off_the_coaches_table(records, data) -> None:
    table = data.draw(st.sampled_from(seated_tables(records)))
    person = data.draw(st.sampled_from(table))
    names = {p.id: p.name for p in records.people}
    sheet = coach_sheet(records, person, table)
    full = participant_sheet(records, person)
    pair = {f.id: (f.giver, f.receiver) for f in records.peer_feedback}
    for shown, whole in [(sheet.received, full.received), (sheet.given, full.given)]:
        assert [p.id for p in shown] == [p.id for p in whole]  # every entry kept
        for entry in shown:
            (other,) = set(pair[entry.id]) - {person}
            expected = names[other] if other in table else ELSEWHERE
            assert entry.other == expected
    assert sheet.seen == full.seen and sheet.days == full.days


@FIXTURES
@given(data=st.data())
def test_a_callers_sheet_names_no_other_participant(records, data) -> None:
    person = data.draw(st.sampled_from([p.id for p in records.participants]))
    others = {p.name for p in records.participants if p.id != person}
    sheet = caller_sheet(records, person)
    full = participant_sheet(records, person)
    for shown, whole in [(sheet.received, full.received), (sheet.given, full.given)]:
        assert [p.id for p in shown] == [p.id for p in whole]  # every entry kept
        assert all(entry.other == ANOTHER for entry in shown)
    assert not [e for e in sheet.received + sheet.given if e.other in others]
    assert sheet.seen == full.seen and sheet.days == full.days


def test_a_coach_sheet_of_someone_off_the_table_is_refused(records) -> None:
    first, second = seated_tables(records)[:2]
    with pytest.raises(KeyError):
        coach_sheet(records, second[0], first)


def test_pages_one_per_participant_with_unique_names(records) -> None:
    pages = sheet_pages(records, "md")
    assert len(pages) == len(records.participants)
    for person in records.participants:
        name = file_name(participant_sheet(records, person.id), "md")
        assert pages[name].decode().startswith("# Feedback sheet:")
    one = records.participants[2]
    assert list(sheet_pages(records, "html", [one.id])) == [
        file_name(participant_sheet(records, one.id), "html")
    ]


def test_nobody_to_write_for(records) -> None:
    with pytest.raises(NoSheets, match="has no participants"):
        sheet_pages(records, "html", ["nobody"])


def test_the_apps_folders(tmp_path) -> None:
    db = tmp_path / "data" / "lp-tui.json"
    assert exports_folder(db) == tmp_path / "data" / "exports"
    assert sheets_folder(db, date(2017, 11, 24)) == exports_folder(db) / "sheets-2017-11-24"


def test_write_sheets_private_and_recorded(repo, demo, programme, tmp_path) -> None:
    cohort, people = demo
    out = tmp_path / "out"
    snapshot = repo.snapshot()
    written = write_sheets(
        snapshot, cohort, programme, out, now=DEMO_MOMENT, tz=UTC, record_in=repo
    )
    participants = [p for p in people if p.role.value == "participant"]
    assert sorted(written) == sorted(out.iterdir()) and len(written) == len(participants)
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o600}
    recorded = repo.snapshot().exports()
    assert {r.path for r in recorded} == {str(p.resolve()) for p in written}
    assert {(r.cohort, r.format, r.anonymised) for r in recorded} == {(cohort.id, "html", False)}


def test_write_sheets_that_cannot_write_records_nothing(repo, demo, programme, tmp_path) -> None:
    cohort, _ = demo
    (tmp_path / "blocked").write_text("a file")
    with pytest.raises(StoreWriteError) as error:
        write_sheets(
            repo.snapshot(),
            cohort,
            programme,
            tmp_path / "blocked" / "sheets",
            now=DEMO_MOMENT,
            tz=UTC,
            record_in=repo,
        )
    assert "\n" not in str(error.value)
    assert repo.snapshot().exports() == []
