"""The csv folder and zip: a README.txt describing each file and column (from
lp_tui.export.columns), follow-up calls and impact reports in their own files, moments written
to the minute, and zip entries dated with the export's time."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.model import CallAttempt, CallerAssignment, Outcome, Role, new_id
from lp_tui.domain.roster import OPTIONAL, REQUIRED
from lp_tui.export.columns import SHEETS
from lp_tui.export.csv_format import README, csv_value, readme
from lp_tui.export.gather import gather
from lp_tui.export.sheets import sheets
from lp_tui.export.write import export
from tests.export.conftest import AFTER, FORMULA, export_demo


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def header_of(data: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def called(repo, demo, busy):
    """A caller and two attempts for one participant who opted in."""
    cohort, _ = demo
    coach = next(p for p in busy[1] if p.role == Role.COACH)
    person = next(p for p in busy[1] if p.role == Role.PARTICIPANT and p.followup_call)
    at = iso(AFTER - timedelta(days=30))
    repo.add_caller_assignments(
        CallerAssignment(new_id(), cohort.id, person.id, coach.id, "2018-03-01", at)
    )
    for on, outcome in (("2018-02-20", Outcome.NO_ANSWER), ("2018-02-22", Outcome.HAPPENED)):
        repo.add_call_attempt(
            CallAttempt(new_id(), cohort.id, person.id, coach.id, on, 20, outcome, "=1+1", at)
        )
    return person, coach


@pytest.fixture
def folder(repo, demo, programme, busy, called, tmp_path):
    written = export_demo(repo, demo, programme, "csv", tmp_path / "records")
    return {p.name: p.read_bytes() for p in written}


def test_readme_describes_every_file_and_every_column(folder) -> None:
    text = folder[README].decode("utf-8-sig")
    files = sorted(name for name in folder if name.endswith(".csv"))
    for name in files:
        section = " ".join(text.split(f"\r\n{name}: ", 1)[1].split(".csv: ", 1)[0].split())
        for key in header_of(folder[name]):
            # the key, its header in words, and a description, not just a name
            assert re.search(rf" - {re.escape(key)} \(.+?\): \w", section), (name, key)
    assert "Formulas:" in text and "apostrophe" in text
    assert "yyyy-mm-dd hh:mm" in text and "to the minute" in text
    assert "NOT anonymised" in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_readme_words_come_from_the_one_list_of_columns(records) -> None:
    made = sheets(records)
    text = " ".join(readme(records, made).split())  # long lines are wrapped
    for sheet in made:
        assert sheet.name in SHEETS  # every file is written down in columns.py
        for key in sheet.columns:
            column = sheet.column(key)
            assert column.description, (sheet.name, key)
            assert f"- {key} ({column.header}): " in text
    question = records.days[2].plan.questions[0]
    assert f"- {question.key} ({question.label}): " in text


def test_anonymised_readme_says_so(repo, demo, programme, busy, tmp_path) -> None:
    [written] = export_demo(repo, demo, programme, "csv", tmp_path / "a.zip", anonymise=True)
    with zipfile.ZipFile(written) as archive:
        text = archive.read(f"a/{README}").decode("utf-8-sig")
    assert "ANONYMISED" in text and "NOT anonymised" not in text
    for person in busy[1]:
        assert person.name not in text


def test_csv_keys_stay_what_scripts_read(folder, records) -> None:
    assert header_of(folder["people.csv"]) == ["id", *REQUIRED, *OPTIONAL]
    assert header_of(folder["attendance.csv"]) == ["day", "at", "person_id", "name", "status"]
    agenda = header_of(folder["agenda.csv"])
    assert agenda[5:8] == ["planned_start", "planned_minutes", "allotted_minutes"]


def test_moments_are_written_to_the_minute_and_times_as_hh_mm(folder) -> None:
    marks = read_csv(folder["attendance.csv"])
    assert marks and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", m["at"]) for m in marks)
    starts = {row["planned_start"] for row in read_csv(folder["agenda.csv"])}
    assert starts and all(re.fullmatch(r"\d\d:\d\d|extra", s) for s in starts)


def test_follow_up_calls_have_their_own_file(folder, records, called) -> None:
    person, coach = called
    rows = read_csv(folder["followup_calls.csv"])
    assert len(rows) == sum(max(1, len(w.attempts)) for w in records.call_work)
    assert {r["person_id"] for r in rows} == {w.person.id for w in records.call_work}
    mine = [r for r in rows if r["person_id"] == person.id]
    assert [(r["attempt"], r["on"], r["attempt_outcome"]) for r in mine] == [
        ("1", "2018-02-20", "no-answer"),
        ("2", "2018-02-22", "happened"),
    ]
    assert {(r["caller"], r["due"], r["outcome"], r["overdue"]) for r in mine} == {
        (coach.name, "2018-03-01", "happened", "no")
    }
    assert {r["note"] for r in mine} == {"'=1+1"}  # csv keeps the apostrophe rule
    waiting = [r for r in rows if r["person_id"] != person.id]
    assert waiting and all(r["attempt"] == "" and r["on"] == "" for r in waiting)


def test_impact_reports_have_their_own_file(folder, records, busy) -> None:
    rows = read_csv(folder["impact_reports.csv"])
    assert len(rows) == len(busy[0].impact_reports) > 0
    assert [r["person_id"] for r in rows] == [r.person for r in records.impact_reports]
    assert {r["stage"] for r in rows} <= {"1 month", "3 months"}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", r["at"]) for r in rows)


@pytest.mark.parametrize(
    ("tz", "stamp"),
    [(UTC, (2018, 5, 1, 12, 0, 0)), (ZoneInfo("Europe/London"), (2018, 5, 1, 13, 0, 0))],
)
def test_zip_entries_carry_the_export_time_in_local_time(
    repo, demo, programme, busy, tmp_path, tz, stamp
) -> None:
    later = AFTER + timedelta(seconds=41)  # to the minute: no seconds of the export
    [written] = export(
        repo.snapshot(), demo[0], programme, "csv", tmp_path / "r.zip", now=later, tz=tz
    )
    with zipfile.ZipFile(written) as archive:
        infos = archive.infolist()
    assert README in {i.filename.split("/")[-1] for i in infos}
    assert {i.date_time for i in infos} == {stamp}


def test_the_zip_holds_what_the_folder_holds(repo, demo, programme, busy, folder, tmp_path):
    [written] = export_demo(repo, demo, programme, "csv", tmp_path / "records.zip")
    with zipfile.ZipFile(written) as archive:
        inside = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist()}
    assert sorted(inside) == sorted(folder)
    people = read_csv(inside["people.csv"])
    assert "'" + FORMULA in {p["name"] for p in people}


def test_csv_value_writes_each_kind_of_cell(records) -> None:
    moment = records.moment(records.generated)
    assert csv_value(moment) == moment.strftime("%Y-%m-%d %H:%M")
    assert csv_value(moment.date()) == moment.date().isoformat()
    assert csv_value(moment.time()) == moment.strftime("%H:%M")
    assert csv_value(None) == ""
    assert csv_value("-2") == "'-2" and csv_value(-2) == -2


@pytest.fixture
def records(repo, demo, programme, busy, called):
    return gather(repo.snapshot(), demo[0], programme, now=AFTER, tz=UTC)


def test_the_readme_says_how_people_csv_becomes_a_roster_and_it_does(folder) -> None:
    from lp_tui.domain.roster import parse_roster_csv

    text = " ".join(folder[README].decode("utf-8-sig").split())
    assert "delete the id column" in text and "imported as a roster again" not in text
    rows = list(csv.reader(io.StringIO(folder["people.csv"].decode("utf-8-sig"))))
    keep = [i for i, key in enumerate(rows[0]) if key != "id"]
    roster = "\n".join(",".join(_quoted(r[i]) for i in keep) for r in rows)
    assert len(parse_roster_csv(roster, "people.csv")) == len(rows) - 1


def _quoted(cell: str) -> str:
    return '"' + cell.lstrip("'").replace('"', '""') + '"'


def test_attended_meeting_is_the_follow_up_meeting_not_a_board_meeting(folder) -> None:
    text = " ".join(folder[README].decode("utf-8-sig").split())
    assert "board meeting" not in text
    said = text.split("attended_meeting (", 1)[1][:200]
    assert said.startswith("Came to the follow-up meeting): Came to the programme's follow-up")
