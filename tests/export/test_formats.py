"""Each export format on the demo cohort after a full run of its days."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import UTC

import pytest
from openpyxl import load_workbook

from lp_tui.export import columns
from lp_tui.export.write import export
from tests.export.conftest import AFTER, FORMULA, SCRIPT, export_demo

KINDS = [
    "people",
    "attendance",
    "tables",
    "agenda",
    "rotations",
    "behaviours",
    "observations",
    "feedback",
    "forms",
    "tally",
    "followups",
    "followup_calls",
    "impact_reports",
    "self_assessments",
    "reflections",
    "lessons",
]


run = export_demo


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_a_file_per_record_kind_and_a_row_per_record(
    repo, demo, programme, busy, tmp_path
) -> None:
    activity, everyone = busy
    written = run(repo, demo, programme, "csv", tmp_path / "records")
    assert sorted(p.name for p in written) == sorted([*(f"{k}.csv" for k in KINDS), "README.txt"])
    rows = {p.stem: read_csv(p.read_bytes()) for p in written if p.suffix == ".csv"}
    assert len(rows["people"]) == len(everyone)
    assert len(rows["attendance"]) == len(activity.attendance)
    assert len(rows["observations"]) == len(activity.observations)
    assert len(rows["feedback"]) == len(activity.peer_feedback) + len(activity.presenter_feedback)
    assert len(rows["forms"]) == len(activity.forms)
    assert len(rows["rotations"]) == sum(len(p.visits) for p in activity.rotations)
    seated = sum(len(t.members) for s in activity.seatings for t in s.tables)
    assert len(rows["tables"]) == seated
    participants = [p for p in everyone if p.role.value == "participant"]
    # a call row for every participant, and a row for each report of what they said
    assert len(rows["followups"]) == len(participants) + len(activity.impact_reports)
    assert len(rows["tally"]) == 8  # Day 3's questions
    assert len(rows["agenda"]) == sum(len(programme.day(d).items) for d in (1, 2, 3))


def test_csv_neutralises_formulas_and_keeps_the_name_readable(
    repo, demo, programme, busy, tmp_path
) -> None:
    written = run(repo, demo, programme, "csv", tmp_path / "records")
    for path in (p for p in written if p.suffix == ".csv"):
        for row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t")), (path.name, cell)
    people = read_csv((tmp_path / "records" / "people.csv").read_bytes())
    assert "'" + FORMULA in {p["name"] for p in people}
    assert "'@SUM(A1:A9)" in {p["organisation"] for p in people}


def test_csv_into_a_zip(repo, demo, programme, busy, tmp_path) -> None:
    [written] = run(repo, demo, programme, "csv", tmp_path / "records.zip")
    with zipfile.ZipFile(written) as archive:
        names = sorted(archive.namelist())
        assert names == sorted([*(f"records/{k}.csv" for k in KINDS), "records/README.txt"])
        people = read_csv(archive.read("records/people.csv"))
    assert len(people) == len(busy[1])


def test_xlsx_opens_with_its_sheets_and_no_formulas(repo, demo, programme, busy, tmp_path) -> None:
    [written] = run(repo, demo, programme, "xlsx", tmp_path / "records.xlsx")
    book = load_workbook(written)
    assert book.sheetnames == ["Summary", *(columns.tab(k) for k in KINDS)]
    people = book["People"]
    assert people.max_row == len(busy[1]) + 1
    assert [c.value for c in people[1]][:2] == ["Name", "Role"]  # headers in words, ids last
    assert people.cell(1, people.max_column).value == "Person id"
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix and cell.data_type == "s"  # shown as text
    names = {row[0].value for row in people.iter_rows(min_row=2)}
    assert FORMULA in names and SCRIPT in names  # exactly as typed, no apostrophe
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["Cohort"] == demo[0].name
    assert summary["People: People on the roster"] == len(busy[1])
    tally = book["Tally"]
    assert [c.value for c in tally[1]][:6] == [
        "Day",
        "Forms",
        "Question key",
        "Question",
        "Number",
        "Average",
    ]
    assert isinstance(tally["F2"].value, float)  # numbers stay numbers


def test_md_holds_the_tally_table_as_the_report_lays_it_out(
    repo, demo, programme, busy, tmp_path
) -> None:
    [written] = run(repo, demo, programme, "md", tmp_path / "report.md")
    text = written.read_text()
    assert "| Question | Number | Average |" in text
    assert re.search(r"\| Working in small groups \| \d+ \| \d\.\d \|", text)
    assert "We received 32 completed forms" in text
    for heading in (
        "## Attendance",
        "## The days",
        "Agenda: planned and actual",
        "## Lessons learned and recommendations",
        "## Tables",
        "## Case-study rotations and presenter feedback",
        "## Collaborative behaviours",
        "## Observations and feedback",
        "## Evaluation",
        "## Follow-up and impacts",
    ):
        assert heading in text
    assert "- Listening to understand (from: Lets people finish)" in text
    assert "<script>" not in text
    assert r"\<script\>alert(1)\</script\>" in text
    assert "| " + FORMULA not in text  # no cell starts with a raw formula
    assert r"\=HYPERLINK(" in text


def test_html_is_self_contained_and_escapes_every_name(
    repo, demo, programme, busy, tmp_path
) -> None:
    [written] = run(repo, demo, programme, "html", tmp_path / "report.html")
    page = written.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in page
    assert "<b>bold</b>" not in page
    assert "<svg" in page and "<rect" in page  # the rating bars, inline
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from outside
    assert "@media print" in page


def test_json_round_trip_is_exact(repo, demo, programme, busy, tmp_path, db_path) -> None:
    from lp_tui.export import json_format
    from lp_tui.store.repo import Repo

    [first] = run(repo, demo, programme, "json", tmp_path / "one.json")
    cohort, records = json_format.parse_export(first.read_text(), str(first))
    other = Repo(tmp_path / "other" / "db.json")
    other.import_cohort(cohort, records)
    [second] = export(
        other.snapshot(), cohort, programme, "json", tmp_path / "two.json", now=AFTER, tz=UTC
    )
    assert first.read_bytes() == second.read_bytes()
    document = json.loads(first.read_text())
    assert len(document["peer_feedback"]) == len(busy[0].peer_feedback)
    assert len(document["behaviours"]) == len(busy[0].behaviours)


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html", "xlsx"])
def test_anonymised_exports_hold_no_names_and_no_free_text(
    repo, demo, programme, busy, tmp_path, fmt
) -> None:
    out = tmp_path / ("records.zip" if fmt == "csv" else f"records.{fmt}")
    [written] = run(repo, demo, programme, fmt, out, anonymise=True)
    if fmt == "xlsx":
        book = load_workbook(written)
        text = "\n".join(
            str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row
        )
    elif fmt == "csv":
        with zipfile.ZipFile(written) as archive:
            text = "\n".join(archive.read(n).decode("utf-8-sig") for n in archive.namelist())
    else:
        text = written.read_text()
    for person in busy[1]:
        assert person.name not in text, person.name
        if person.access_needs:
            assert person.access_needs not in text
    assert "hearing loop" not in text.lower()
    assert "asked Gordon first" not in text and "you made room for me" not in text
    assert re.search(r"\bP\d\d\b", text) and re.search(r"\bC\d\d\b", text)


def test_pseudonyms_are_stable_between_exports(repo, demo, programme, busy, tmp_path) -> None:
    one = run(repo, demo, programme, "md", tmp_path / "a.md", anonymise=True)[0].read_text()
    two = run(repo, demo, programme, "md", tmp_path / "b.md", anonymise=True)[0].read_text()
    assert one == two


def test_export_files_are_private_to_their_owner(repo, demo, programme, busy, tmp_path) -> None:
    for path in run(repo, demo, programme, "csv", tmp_path / "records"):
        assert path.stat().st_mode & 0o077 == 0
    [html_file] = run(repo, demo, programme, "html", tmp_path / "r.html")
    assert html_file.stat().st_mode & 0o777 == 0o600


def test_xlsx_holds_any_stored_text_control_characters_shown_as_a_mark(
    repo, demo, programme, tmp_path
) -> None:
    from lp_tui.domain.model import Person, new_id

    cohort, _ = demo
    odd = "Ann\x1b[2J Lee\x00\x07"
    repo.add_people(cohort.id, [Person(new_id(), cohort.id, odd, access_needs="needs\x0bmore")])
    [written] = run(repo, demo, programme, "xlsx", tmp_path / "records.xlsx")
    people = load_workbook(written)["People"]
    values = {c.value for row in people.iter_rows(min_row=2) for c in row}
    assert "Ann\ufffd[2J Lee\ufffd\ufffd" in values
    assert "needs\ufffdmore" in values
