"""`lp-tui export --all-cohorts`: three cohorts with known forms and follow-up, each cohort's
figures and the overall ones checked against values worked out by hand, in every format."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import orjson
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from lp_tui.domain.model import (
    Answer,
    Cohort,
    EvaluationForm,
    FollowUpCall,
    ImpactKind,
    ImpactReport,
    Person,
    Role,
    Stage,
    new_id,
)
from lp_tui.export.across import (
    ALL,
    SIDE_BY_SIDE,
    across_report,
    gather_across,
    render_across,
)
from lp_tui.export.report import Paragraph, Table
from lp_tui.export.xlsx_format import FIT_WIDTH
from lp_tui.store.repo import Repo
from tests.conftest import one_line

NOW = datetime(2018, 7, 1, 12, tzinfo=UTC)
AT = "2018-06-30T10:00:00+00:00"
HOSTILE = '=HYPERLINK("http://x","y") <b>KSS</b>'

# Day 3's first two questions; each list a form's (small_groups, table_coaches) answers.
FORMS = {
    "London Nov 2017": [(5, 5), (4, None), (4, 3)],
    "London 2018": [(2, 1)],
    HOSTILE: [],
}
DATES = {
    "London Nov 2017": ("2017-11-23", "2017-11-24", "2018-01-16"),
    "London 2018": ("2018-03-01", "2018-03-02", "2018-04-20"),
    HOSTILE: ("2018-05-10", "2018-05-11", "2018-06-20"),
}
# (participants, of whom opted in to calls, of whom the call happened)
FOLLOW = {"London Nov 2017": (4, 2, 1), "London 2018": (2, 1, 0), HOSTILE: (3, 0, 0)}

# Worked out by hand from the above:
# London Nov 2017: small groups 5+4+4 = 13 / 3 = 4.33 -> 4.3; coaches 5+3 = 8 / 2 = 4.0
# London 2018: small groups 2 / 1 = 2.0; coaches 1 / 1 = 1.0
# all: small groups 15 / 4 = 3.75 -> 3.8 (a mean of the means would say 3.2);
#      coaches 9 / 3 = 3.0 (a mean of the means would say 2.5)


@pytest.fixture
def three(repo: Repo) -> dict[str, Cohort]:
    made = {}
    for name, dates in DATES.items():
        cohort = Cohort(new_id(), name, "effective-lay-partner", dates, AT)
        size, opted, happened = FOLLOW[name]
        people = [
            Person(new_id(), cohort.id, f"{name} P{n}", followup_call=n < opted)
            for n in range(size)
        ]
        coach = Person(new_id(), cohort.id, f"{name} coach", Role.COACH)
        repo.add_cohort(cohort, [*people, coach])
        forms = [
            EvaluationForm(
                new_id(),
                cohort.id,
                3,
                number,
                AT,
                (Answer("small_groups", groups), Answer("table_coaches", coaches)),
            )
            for number, (groups, coaches) in enumerate(FORMS[name], start=1)
        ]
        if forms:
            repo.add_forms(forms)
        for person in people[:happened]:
            repo.add_followup_call(FollowUpCall(new_id(), cohort.id, person.id, AT, happened=True))
        made[name] = cohort
    london, again = made["London Nov 2017"], made["London 2018"]
    first = repo.snapshot().people(london.id)[0]
    repo.add_impact_report(
        ImpactReport(
            new_id(),
            london.id,
            first.id,
            Stage.ONE_MONTH,
            AT,
            met_expectations=True,
            would_recommend=True,
            quote="a secret said",
            impacts=(ImpactKind.CONFIDENCE,),
        )
    )
    other = repo.snapshot().people(again.id)[0]
    repo.add_impact_report(
        ImpactReport(
            new_id(), again.id, other.id, Stage.THREE_MONTHS, AT, impacts=(ImpactKind.NEW_ROLE,)
        )
    )
    return made


def test_each_cohort_and_overall_by_hand(repo, three) -> None:
    a = gather_across(repo.snapshot(), now=NOW, tz=UTC)
    assert [f.cohort.name for f in a.cohorts] == ["London Nov 2017", "London 2018", HOSTILE]
    assert [f.participants for f in a.cohorts] == [4, 2, 3]  # coaches are not participants
    day3 = next(d for d in a.days if d.day == 3)
    assert day3.forms == (3, 1, 0) and day3.total_forms == 4
    groups, coaches = day3.questions[:2]
    assert [(t.number, t.average) for t in groups.cohorts] == [
        (3, pytest.approx(13 / 3)),
        (1, 2.0),
        (0, None),
    ]
    assert (groups.overall.number, groups.overall.average) == (4, 3.75)
    assert [(t.number, t.average) for t in coaches.cohorts] == [(2, 4.0), (1, 1.0), (0, None)]
    assert (coaches.overall.number, coaches.overall.average) == (3, 3.0)
    assert groups.overall.distribution == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}
    assert [(f.followup.opted_in, f.followup.calls_happened) for f in a.cohorts] == [
        (2, 1),
        (1, 0),
        (0, 0),
    ]
    assert (a.followup.participants, a.followup.opted_in, a.followup.calls_happened) == (9, 3, 1)
    one, three_months = a.followup.stages
    assert (one.responses, one.impacts[ImpactKind.CONFIDENCE]) == (1, 1)
    assert (three_months.responses, three_months.impacts[ImpactKind.NEW_ROLE]) == (1, 1)


def _md_rows(text: str, first_cell: str) -> list[list[str]]:
    """The cells of every Markdown table row whose first cell is ``first_cell``."""
    rows = []
    for line in text.splitlines():
        if line.startswith("| "):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if cells[0] == first_cell:
                rows.append(cells)
    return rows


def test_markdown_side_by_side(repo, three) -> None:
    text = render_across(repo.snapshot(), "md", now=NOW, tz=UTC).decode()
    [groups] = _md_rows(text, "Working in small groups")
    assert groups[1:] == ["3", "4.3", "1", "2.0", "0", "\\-", "4", "3.8"]
    [coaches] = _md_rows(text, "Table coaches")
    assert coaches[1:] == ["2", "4.0", "1", "1.0", "0", "\\-", "3", "3.0"]
    [forms] = _md_rows(text, "Forms received")
    assert forms[1:] == ["3", "", "1", "", "0", "", "4", ""]
    # the follow-up: opted in, followed through, and the rate
    [london] = _md_rows(text, "London Nov 2017")[1:2]
    assert london == ["London Nov 2017", "4", "2", "1", "50%"]
    [everyone] = _md_rows(text, ALL)[1:2]
    assert everyone == [ALL, "9", "3", "1", "33%"]
    # the hostile cohort name is shown, never markup; no quote or name of a person
    assert "\\<b\\>KSS\\</b\\>" in text and "<b>" not in text
    assert "a secret said" not in text and "P0" not in text
    for day in (1, 2):  # each day without forms said, as the per-cohort report says it
        assert f"Day {day}: no evaluation forms entered in any cohort." in text.splitlines()
    # the cohorts named once each over their n and avg, in the first column under them
    header = next(line for line in text.splitlines() if line.startswith("| Question"))
    assert header.count("London Nov 2017") == 1 and f"{ALL}: n | avg |" in header


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_html_side_by_side(repo, three) -> None:
    text = render_across(repo.snapshot(), "html", now=NOW, tz=UTC).decode()
    cells = _Cells()
    cells.feed(text)
    [groups] = [r for r in cells.rows if r[:1] == ["Working in small groups"]]
    assert groups[1:] == ["3", "4.3", "1", "2.0", "0", "-", "4", "3.8"]
    at = next(i for i, r in enumerate(cells.rows) if r[:1] == ["Question"])
    names, header = cells.rows[at - 1], cells.rows[at]
    assert header == ["Question", *(["n", "avg"] * 4)]
    assert names == ["", "London Nov 2017", "London 2018", HOSTILE, ALL]  # each named once
    assert HOSTILE in names  # the name as text...
    assert "b" not in cells.tags and "&lt;b&gt;KSS&lt;/b&gt;" in text  # ...never a tag
    assert "script" not in cells.tags


def test_json_shape_and_numbers(repo, three) -> None:
    document = orjson.loads(render_across(repo.snapshot(), "json", now=NOW, tz=UTC))
    assert document["format"] == "lp-tui-across-cohorts" and document["version"] == 1
    ids = [c["id"] for c in document["cohorts"]]
    assert [c["name"] for c in document["cohorts"]] == ["London Nov 2017", "London 2018", HOSTILE]
    assert document["cohorts"][0]["dates"] == list(DATES["London Nov 2017"])
    assert document["cohorts"][0]["forms"] == {"1": 0, "2": 0, "3": 3}
    day3 = next(d for d in document["days"] if d["day"] == 3)
    assert day3["forms"] == dict(zip(ids, [3, 1, 0], strict=True)) and day3["total_forms"] == 4
    groups = day3["questions"][0]
    assert groups["key"] == "small_groups"
    assert [(c["cohort"], c["number"]) for c in groups["cohorts"]] == list(
        zip(ids, [3, 1, 0], strict=True)
    )
    assert groups["cohorts"][0]["average"] == pytest.approx(13 / 3)  # unrounded
    assert groups["cohorts"][2]["average"] is None
    assert groups["overall"] == {
        "number": 4,
        "average": 3.75,
        "distribution": {"1": 0, "2": 1, "3": 0, "4": 2, "5": 1},
    }
    assert document["followup"]["overall"] == {
        "participants": 9,
        "opted_in": 3,
        "followed_through": 1,
    }
    one_month = document["impacts"][0]
    assert one_month["stage"] == "1 month"
    assert one_month["overall"]["impacts"]["confidence"] == 1
    assert one_month["cohorts"][0]["met_expectations"] == 1
    assert b"a secret said" not in orjson.dumps(document)


def test_xlsx_cells_are_typed_and_laid_out(repo, three) -> None:
    book = load_workbook(io.BytesIO(render_across(repo.snapshot(), "xlsx", now=NOW, tz=UTC)))
    assert book.sheetnames == [
        "About",
        "Cohorts",
        "Side by side",
        "Answers",
        "Follow-up",
        "Impacts",
    ]
    side = book["Side by side"]
    header = [c.value for c in side[1]]
    assert header[:2] == ["Day", "Question"]
    assert header[-2:] == [f"{ALL}: number", f"{ALL}: average"]
    groups = next(r for r in side.iter_rows(min_row=2) if r[1].value == "Working in small groups")
    assert [c.value for c in groups[2:8]] == [3, pytest.approx(13 / 3), 1, 2.0, 0, None]
    assert groups[-2].value == 4 and groups[-1].value == 3.75
    assert groups[3].data_type == "n" and groups[3].number_format == "0.0"
    cohorts = book["Cohorts"]
    assert [c.value for c in cohorts[1]][:5] == [
        "Cohort",
        "Programme",
        "First day",
        "Last day",
        "Participants",
    ]
    assert cohorts[1][-1].value == "Cohort id"  # ids last
    assert cohorts["C2"].value == datetime(2017, 11, 23) and cohorts["C2"].is_date
    assert cohorts["C2"].number_format == "yyyy-mm-dd"
    assert isinstance(cohorts["D2"].value, date)
    hostile = cohorts["A4"]
    assert hostile.value == HOSTILE and hostile.data_type == "s" and hostile.quotePrefix
    rates = book["Follow-up"]
    assert [c.value for c in rates[2]] == ["London Nov 2017", 4, 2, 1, 0.5]
    assert rates["E2"].number_format == "0%" and rates["E4"].value is None  # nobody opted in
    assert book["About"]["B3"].is_date
    fonts = set()
    assert book["About"].auto_filter.ref is None  # two columns of facts: nothing to filter
    for sheet in book.worksheets:
        if sheet.title != "About":
            assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
        assert sheet.print_title_rows == "$1:$1"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4  # A4 is 9
        assert sheet.page_setup.fitToWidth >= 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        wide = sheet.max_column > 6
        assert sheet.page_setup.orientation == ("landscape" if wide else "portrait")
        assert all(c.font.b for c in sheet[1])
        for row in sheet.iter_rows():
            for cell in row:
                fonts.add(cell.font.name)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith("'") and cell.data_type == "s"
    assert fonts == {book._named_styles["Normal"].font.name}  # one font, the workbook's own


def test_all_cohorts_from_one_read(repo, three, run_cli, db_path, tmp_path, monkeypatch) -> None:
    reads = []
    real = Repo.snapshot

    def counted(self):
        reads.append(1)
        return real(self)

    monkeypatch.setattr(Repo, "snapshot", counted)
    result = run_cli("export", "--all-cohorts", "--format", "json", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert len(reads) == 1
    written = tmp_path / "all-cohorts.json"
    assert "exported 3 cohorts as json" in one_line(result.stderr)
    assert len(orjson.loads(written.read_bytes())["cohorts"]) == 3
    monkeypatch.undo()
    recorded = repo.snapshot().exports()
    assert {r.cohort for r in recorded} == {c.id for c in three.values()}
    assert all(r.anonymised and r.path == str(written.resolve()) for r in recorded)


@pytest.mark.parametrize("fmt", ["md", "html", "xlsx", "json"])
def test_cli_writes_every_format(three, run_cli, tmp_path, fmt) -> None:
    out = tmp_path / f"programme.{fmt}"
    result = run_cli("export", "--all-cohorts", "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()  # written, and not empty
    if fmt in ("md", "html"):
        assert "Working in small groups" in out.read_text()


def test_one_cohort_is_said_as_one(run_cli, demo, tmp_path) -> None:
    out = tmp_path / "programme.md"
    result = run_cli("export", "--all-cohorts", "--format", "md", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"{out}: exported 1 cohort as md" in one_line(result.stderr)
    assert "across 1 cohort\n" in out.read_text()  # the report's title


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--format", "csv"], "--format csv is not offered"),
        (["--format", "md", "--anonymise"], "leave out --anonymise"),
        (["--format", "md", "--cohort", "London 2018"], "leave out --cohort"),
    ],
)
def test_cli_refuses_what_it_cannot_do(three, run_cli, tmp_path, extra, said) -> None:
    result = run_cli("export", "--all-cohorts", "--out", str(tmp_path / "x"), *extra)
    assert result.exit_code == 2
    assert said in one_line(result.stderr)
    assert not (tmp_path / "x").exists()


# ---- ten rooms: natural order, tables of a few cohorts each ending with all cohorts ---------

ROOMS = [f"Room {n}" for n in (10, 2, 7, 1, 9, 3, 8, 4, 6, 5)]  # stored in this order
ROOM_DATES = ("2018-03-01", "2018-03-02", "2018-04-20")


@pytest.fixture
def ten(repo: Repo) -> dict[str, Cohort]:
    """Ten rooms on the same days, each with one Day 3 form rating small groups by its room's
    number (Room 7: 7 % 5 + 1 = 3), and one room ("Early") that ran first."""
    made = {}
    for name in [*ROOMS, "Early"]:
        dates = ("2017-11-23", "2017-11-24", "2018-01-16") if name == "Early" else ROOM_DATES
        cohort = Cohort(new_id(), name, "effective-lay-partner", dates, AT)
        repo.add_cohort(cohort, [Person(new_id(), cohort.id, f"{name} P")])
        mark = int(name.split()[-1]) % 5 + 1 if name != "Early" else 5
        repo.add_forms(
            [EvaluationForm(new_id(), cohort.id, 3, 1, AT, (Answer("small_groups", mark),))]
        )
        made[name] = cohort
    return made


def test_cohorts_go_by_first_date_then_their_names_read_naturally(repo, ten) -> None:
    a = gather_across(repo.snapshot(), now=NOW, tz=UTC)
    assert [f.cohort.name for f in a.cohorts] == ["Early", *(f"Room {n}" for n in range(1, 11))]


def test_a_day_side_by_side_is_split_into_tables_each_ending_with_all_cohorts(repo, ten) -> None:
    a = gather_across(repo.snapshot(), now=NOW, tz=UTC)
    blocks = across_report(a).blocks
    tables = [b for b in blocks if isinstance(b, Table) and b.columns[:1] == ("Question",)]
    assert len(tables) == -(-11 // SIDE_BY_SIDE)  # Day 3 only: days 1 and 2 have no forms
    shown: list[str] = []
    for table in tables:
        named = [label for label, _ in table.groups[1:]]
        assert named[-1] == ALL and 1 <= len(named) - 1 <= SIDE_BY_SIDE
        assert table.columns == ("Question", *(["n", "avg"] * len(named)))
        assert all(label in table.caption for label in named[:-1])  # the caption says who
        shown += named[:-1]
        [groups] = [r for r in table.rows if r[0] == "Working in small groups"]
        for at, name in enumerate(named[:-1]):  # each room's own mark, worked out by hand
            mark = 5 if name == "Early" else int(name.split()[-1]) % 5 + 1
            assert groups[1 + 2 * at : 3 + 2 * at] == ("1", f"{mark:.1f}")
        total = 5 + sum(n % 5 + 1 for n in range(1, 11))
        assert groups[-2:] == ("11", f"{total / 11:.1f}")
    assert shown == [f.cohort.name for f in a.cohorts]  # every cohort once, in order
    said = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "Day 1: no evaluation forms entered in any cohort." in said


def test_ten_cohorts_side_by_side_sheet_prints_legibly_pages_across(repo, ten) -> None:
    book = load_workbook(io.BytesIO(render_across(repo.snapshot(), "xlsx", now=NOW, tz=UTC)))
    side = book["Side by side"]
    assert side.max_column == 2 + 2 * 12
    width = sum(side.column_dimensions[get_column_letter(i)].width for i in range(1, 27))
    pages = side.page_setup.fitToWidth
    assert pages > 1 and width / pages <= FIT_WIDTH  # never shrunk to a few points
    assert side.print_title_cols == "$A:$B" and side.print_title_rows == "$1:$1"
    assert side.page_setup.orientation == "landscape"
    names = [c.value for c in book["Cohorts"]["A"][1:]]
    assert names == ["Early", *(f"Room {n}" for n in range(1, 11))]


def test_the_about_sheet_s_wrapped_note_has_room_for_its_lines(repo, three) -> None:
    book = load_workbook(io.BytesIO(render_across(repo.snapshot(), "xlsx", now=NOW, tz=UTC)))
    about = book["About"]
    width = about.column_dimensions["B"].width
    for row in about.iter_rows(min_row=2):
        cell = row[1]
        if isinstance(cell.value, str) and len(cell.value) > width:
            assert cell.alignment.wrap_text
            lines = -(-len(cell.value) // (int(width) - 2))
            assert (about.row_dimensions[cell.row].height or 0) >= 13 * lines
