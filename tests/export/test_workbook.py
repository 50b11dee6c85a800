"""The xlsx workbook is fit to hand over: real date and time cells, one font, headers in words,
a filter on every record sheet (not the summary), a repeated header row on every sheet, print
set up, long text wrapped, names before ids, and text (even text that looks like a formula)
shown exactly as it was said."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from lp_tui.domain.clock import iso
from lp_tui.domain.demo_day import DemoActivity
from lp_tui.domain.lessons import LessonNote, LessonSection
from lp_tui.domain.model import (
    Answer,
    AssessmentStage,
    CallAttempt,
    CallerAssignment,
    Outcome,
    Role,
    SelfAssessment,
    new_id,
)
from lp_tui.domain.reflection import Reflection
from lp_tui.export import columns
from lp_tui.export.gather import CohortRecords, gather
from lp_tui.export.safe import starts_formula
from lp_tui.export.sheets import sheets
from lp_tui.export.xlsx_format import (
    DATE_FORMAT,
    FIT_WIDTH,
    FONT_NAME,
    LONG_WIDTH,
    MOMENT_FORMAT,
    TIME_FORMAT,
    WIDE,
    fill,
    names_first,
    new_book,
)
from tests.export.conftest import AFTER, FORMULA, busy_cohort, export_demo

NOTE = "-5 minutes: started late because the room was locked; " * 3  # long, and a formula start
LESSON = "=1+1 is not a lesson.\n1. Send the pre-reading two weeks ahead."


def add_more(repo, demo, people) -> dict[str, object]:
    """What the demo does not log: a caller and two call attempts, a coach's reflection, the
    facilitator's lessons and a self-assessment."""
    cohort, _ = demo
    coach = next(p for p in people if p.role == Role.COACH)
    person = next(p for p in people if p.role == Role.PARTICIPANT and p.followup_call)
    at = iso(AFTER - timedelta(days=30))
    repo.add_caller_assignments(
        CallerAssignment(new_id(), cohort.id, person.id, coach.id, "2018-03-01", at)
    )
    for on, minutes, outcome in (
        ("2018-02-20", None, Outcome.NO_ANSWER),
        ("2018-02-22", 25, Outcome.HAPPENED),
    ):
        repo.add_call_attempt(
            CallAttempt(new_id(), cohort.id, person.id, coach.id, on, minutes, outcome, NOTE, at)
        )
    repo.add_reflection(Reflection(new_id(), cohort.id, 1, coach.id, NOTE, at))
    repo.add_lesson(LessonNote(new_id(), cohort.id, LessonSection.BEFORE, LESSON, "", at))
    answers = (Answer("c1", 2), Answer("c2", 4))
    repo.add_self_assessments(
        [SelfAssessment(new_id(), cohort.id, person.id, AssessmentStage.BEFORE, at, answers)]
    )
    return {"coach": coach, "person": person, "at": at}


@dataclass(frozen=True)
class Room:
    """The demo after its days, with what add_more logs, its records and its workbook: made
    once a module (and a test process), not once a test. The tests only read them."""

    more: dict[str, object]
    records: CohortRecords
    activity: DemoActivity
    written: Path  # the workbook, loaded again for each test: reading cells adds them


@pytest.fixture(scope="module")
def room(tmp_path_factory, programme) -> Room:
    folder = tmp_path_factory.mktemp("workbook")
    made = busy_cohort(folder, programme)
    more = add_more(made.repo, made.demo, made.everyone)
    records = gather(made.repo.snapshot(), made.demo[0], programme, now=AFTER, tz=UTC)
    [written] = export_demo(made.repo, made.demo, programme, "xlsx", folder / "records.xlsx")
    return Room(more, records, made.activity, written)


@pytest.fixture
def more(room: Room) -> dict[str, object]:
    return room.more


@pytest.fixture
def book(room: Room) -> Workbook:
    return load_workbook(room.written)


@pytest.fixture
def records(room: Room) -> CohortRecords:
    return room.records


def header(sheet) -> list[str]:
    return [c.value for c in sheet[1]]


def column_of(sheet, name: str) -> list[object]:
    index = header(sheet).index(name)
    return [row[index].value for row in sheet.iter_rows(min_row=2)]


def test_every_record_kind_has_its_sheet_with_its_rows(book, records) -> None:
    made = sheets(records)
    assert book.sheetnames == ["Summary", *(s.tab for s in made)]
    for sheet in made:
        assert book[sheet.tab].max_row == len(sheet.rows) + 1, sheet.name
    assert {"Follow-up calls", "Impact reports", "Self-assessments", "Coach reflections"} <= (
        set(book.sheetnames)
    )
    for name in book.sheetnames:  # tabs in words, as a workbook allows them
        assert "_" not in name and name[0].isupper() and len(name) <= 31, name
    assert len(set(book.sheetnames)) == len(book.sheetnames)


def test_headers_are_in_words_from_the_one_list_of_columns(book, records) -> None:
    for sheet in sheets(records):
        shown = header(book[sheet.tab])
        expected = [sheet.column(sheet.columns[i]).header for i in names_first(sheet.columns)]
        assert shown == expected, sheet.name
        for words in shown:
            assert "_" not in words and words[0].isupper(), (sheet.name, words)
    assert "Planned minutes" in header(book["Agenda"])
    assert "Allotted minutes" in header(book["Agenda"])
    question = records.days[2].plan.questions[0]
    assert question.label in header(book["Evaluation forms"])  # a question's column: its label


def test_names_come_before_ids(book, records) -> None:
    for sheet in sheets(records):
        kinds = [columns.is_id(sheet.columns[i]) for i in names_first(sheet.columns)]
        assert kinds == sorted(kinds), sheet.name  # every id column after every other
    people = header(book["People"])
    assert people[0] == "Name" and people[-1] == "Person id"
    assert header(book["Attendance"])[-1] == "Person id"


def test_moments_dates_and_times_are_real_cells_with_their_formats(book, records) -> None:
    marked = book["Attendance"]
    cells = [row[1] for row in marked.iter_rows(min_row=2)]
    assert cells and all(isinstance(c.value, datetime) for c in cells)
    assert {c.number_format for c in cells} == {MOMENT_FORMAT}
    expected = sorted(records.moment(m.at) for day in records.days for m in day.marks)
    assert sorted(c.value for c in cells) == expected
    agenda = book["Agenda"]
    starts = column_of(agenda, "Planned start")
    planned = [
        records.moment(item.planned_start)
        for day in records.days
        for item in day.clock.items
        if item.planned_start
    ]
    assert [s for s in starts if isinstance(s, time)] == [p.time() for p in planned]
    index = header(agenda).index("Planned start")
    formats = {row[index].number_format for row in agenda.iter_rows(min_row=2)}
    assert TIME_FORMAT in formats
    ended = [c for c in column_of(agenda, "Actual end") if c is not None]
    assert ended and all(isinstance(c, datetime) for c in ended)
    summary = {row[0].value: row[1] for row in book["Summary"].iter_rows(min_row=2)}
    for number, when in enumerate(records.cohort.dates, start=1):
        cell = summary[f"Day {number}"]
        assert cell.value == datetime.combine(date.fromisoformat(when), time())
        assert cell.number_format == DATE_FORMAT
    assert summary["Exported"].value == records.moment(records.generated)


def test_one_font_throughout_headers_bold_of_the_same_family(book) -> None:
    assert {font.name for font in book._fonts} == {FONT_NAME}
    assert book._named_styles["Normal"].font.name == FONT_NAME
    for sheet in book.worksheets:
        for cell in sheet[1]:
            if cell.value:
                assert cell.font.bold and cell.font.name == FONT_NAME, sheet.title
        for row in sheet.iter_rows(min_row=3, max_row=6):
            for cell in row:
                assert cell.font.name == FONT_NAME and not cell.font.b, sheet.title


def test_every_sheet_freezes_and_prints_its_header_and_record_sheets_filter(book) -> None:
    assert book["Summary"].auto_filter.ref is None  # two columns of facts: nothing to filter
    for sheet in book.worksheets:
        last = get_column_letter(sheet.max_column)
        if sheet.title != "Summary":
            assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        assert sheet.freeze_panes == "A2"
        assert sheet.print_title_rows == "$1:$1", sheet.title
        setup = sheet.page_setup
        assert setup.paperSize == 9  # A4, as ECMA-376 numbers paper sizes
        wide = sheet.max_column > WIDE
        assert setup.orientation == ("landscape" if wide else "portrait"), sheet.title
        width = sum(
            sheet.column_dimensions[get_column_letter(i)].width
            for i in range(1, sheet.max_column + 1)
        )
        # shrunk to as many pages across as keep it legible, as many down as it takes
        assert (setup.fitToWidth, setup.fitToHeight) == (-(-int(width) // FIT_WIDTH), 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        if setup.fitToWidth > 1:  # the row's first column on every page across
            assert sheet.print_title_cols == "$A:$A", sheet.title
    assert book["Feedback"].page_setup.orientation == "landscape"
    assert book["Rotations"].page_setup.orientation == "portrait"


def test_long_text_is_wrapped_in_a_wide_column_and_its_row_is_tall(book) -> None:
    calls = book["Follow-up calls"]
    index = header(calls).index("Note")
    letter = get_column_letter(index + 1)
    assert calls.column_dimensions[letter].width == LONG_WIDTH
    notes = [row[index] for row in calls.iter_rows(min_row=2) if row[index].value]
    assert len(notes) == 2 and all(c.alignment.wrap_text for c in notes)
    assert all((calls.row_dimensions[c.row].height or 0) > 2 * 13 for c in notes)
    words = header(book["Feedback"]).index("Words")
    assert all(row[words].alignment.wrap_text for row in book["Feedback"].iter_rows(min_row=2))
    name = header(calls).index("Name")
    assert not calls.cell(2, name + 1).alignment.wrap_text  # a name is not wrapped


def test_text_shows_exactly_as_said_never_a_formula_and_no_apostrophe(book) -> None:
    people = book["People"]
    cells = {c.value: c for row in people.iter_rows(min_row=2) for c in row}
    for hostile in (FORMULA, "@SUM(A1:A9)"):
        cell = cells[hostile]  # exactly its text: no leading '
        assert cell.data_type == "s" and cell.quotePrefix, hostile
    assert "'" + FORMULA not in cells
    plain = people.cell(2, 1)
    assert isinstance(plain.value, str) and not plain.quotePrefix
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if starts_formula(cell.value):
                    assert cell.quotePrefix and cell.data_type == "s"
    notes = [c for c in column_of(book["Follow-up calls"], "Note") if c]
    assert notes == [NOTE, NOTE]


def test_the_new_sheets_hold_calls_reports_self_assessments_reflections_lessons(
    book, records, more, room
) -> None:
    calls = book["Follow-up calls"]
    assert calls.max_row - 1 == sum(max(1, len(w.attempts)) for w in records.call_work)
    person = more["person"]
    mine = [
        dict(zip(header(calls), (c.value for c in row), strict=True))
        for row in calls.iter_rows(min_row=2)
        if row[0].value == person.name
    ]
    assert [r["Attempt"] for r in mine] == [1, 2]
    assert [r["Called on"] for r in mine] == [datetime(2018, 2, 20), datetime(2018, 2, 22)]
    assert [r["Attempt outcome"] for r in mine] == ["no-answer", "happened"]
    assert {r["Caller"] for r in mine} == {more["coach"].name}
    assert {r["Due"] for r in mine} == {datetime(2018, 3, 1)}
    assert {r["Outcome"] for r in mine} == {"happened"}
    assert [r["Minutes"] for r in mine] == [None, 25]
    reports = book["Impact reports"]
    assert reports.max_row - 1 == len(room.activity.impact_reports) > 0
    assert all(isinstance(v, datetime) for v in column_of(reports, "Recorded at"))
    assessed = book["Self-assessments"]
    assert column_of(assessed, "Rating") == [2, 4]
    assert column_of(assessed, "Statement key") == ["c1", "c2"]
    assert column_of(book["Coach reflections"], "Reflection") == [NOTE]
    assert column_of(book["Coach reflections"], "Coach") == [more["coach"].name]
    assert column_of(book["Lessons"], "Text") == [LESSON]
    assert column_of(book["Lessons"], "Section") == [LessonSection.BEFORE.label]


def test_numbers_stay_numbers(book) -> None:
    averages = column_of(book["Tally"], "Average")
    assert averages and all(isinstance(a, float) for a in averages)
    assert all(isinstance(n, int) for n in column_of(book["Tally"], "Number"))


def test_the_tally_average_is_held_unrounded_and_shown_to_one_place(book, records) -> None:
    tally = book["Tally"]
    index = header(tally).index("Average")
    cells = [row[index] for row in tally.iter_rows(min_row=2)]
    expected = [q.average for d in records.days if d.forms for q in d.tally.questions]
    # not rounded to 3 places (equal to the last bits a workbook's decimal text keeps)
    assert [c.value for c in cells] == pytest.approx(expected, rel=1e-12)
    assert any(round(v, 3) != v for v in expected if v is not None)  # so it would show
    assert {c.number_format for c in cells if c.value is not None} == {"0.0"}


def test_the_csv_writes_the_tally_average_to_three_places(records) -> None:
    from lp_tui.export.csv_format import sheet_csv
    from lp_tui.export.sheets import tally

    sheet = tally(records)
    rows = list(csv.reader(io.StringIO(sheet_csv(sheet).decode("utf-8-sig"))))
    index = rows[0].index("average")
    expected = [q.average for d in records.days if d.forms for q in d.tally.questions]
    assert [r[index] for r in rows[1:]] == ["" if v is None else str(round(v, 3)) for v in expected]


def test_organisation_and_any_text_wider_than_a_column_wraps(book) -> None:
    people = book["People"]
    for name in ("Organisation", "Access needs", "Project"):
        index = header(people).index(name)
        assert people.column_dimensions[get_column_letter(index + 1)].width == LONG_WIDTH
        assert all(row[index].alignment.wrap_text for row in people.iter_rows(min_row=2))
    target = new_book().active
    long_text = "words " * 20  # wider than any column that is not marked long
    fill(target, ("Name", "Said"), [("a", long_text), ("b", "short")])
    assert target["B2"].alignment.wrap_text and target["B3"].alignment.wrap_text
    assert not target["A2"].alignment.wrap_text
    assert target.column_dimensions["B"].width == LONG_WIDTH
    assert (target.row_dimensions[2].height or 0) > 13


def test_a_sheet_too_wide_to_shrink_legibly_prints_on_pages_across() -> None:
    narrow, wide = new_book().active, new_book().create_sheet("wide")
    fill(narrow, [f"Column {n}" for n in range(8)], [tuple(range(8))])
    fill(wide, [f"Question number {n}" for n in range(30)], [tuple(range(30))])
    assert narrow.sheet_properties.pageSetUpPr.fitToPage
    assert narrow.page_setup.fitToWidth == 1 and narrow.print_title_cols is None
    width = sum(wide.column_dimensions[get_column_letter(i)].width for i in range(1, 31))
    assert wide.page_setup.fitToWidth == -(-int(width) // FIT_WIDTH) > 1
    # shrunk no more than a page of FIT_WIDTH characters needs, so never to a few points
    assert width / wide.page_setup.fitToWidth <= FIT_WIDTH
    assert wide.print_title_cols == "$A:$A" and wide.print_title_rows == "$1:$1"
    assert wide.page_setup.orientation == "landscape"


TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="_"),
        st.sampled_from(["=", "+", "-", "@", "\t", "\n", " "]),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
def test_any_text_reads_back_exactly_as_a_text_cell(texts: list[str]) -> None:
    """Whatever a person typed, the cell holds exactly that text, as text; the quote prefix
    marks just the text a spreadsheet would take for a formula."""
    book = new_book()
    fill(book.active, ["Said"], [(t,) for t in texts], long=(True,))
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == texts
    assert all(c.data_type == "s" for c in cells)
    assert [bool(c.quotePrefix) for c in cells] == [starts_formula(t) for t in texts]


@given(keys=st.lists(st.sampled_from(["id", "name", "person_id", "day", "x_id", "note"])))
def test_names_first_keeps_the_order_and_moves_ids_last(keys: list[str]) -> None:
    order = names_first(keys)
    assert sorted(order) == list(range(len(keys)))
    moved = [keys[i] for i in order]
    assert moved == [k for k in keys if not columns.is_id(k)] + [
        k for k in keys if columns.is_id(k)
    ]
