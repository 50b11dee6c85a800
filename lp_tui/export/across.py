"""The programme across cohorts (``lp-tui export --all-cohorts``, and ``o`` in the app's export
dialog): per cohort its name, dates, participants and forms; per day per question each
cohort's number and average side by side with the overall figure (pooled from every answer,
lp_tui.domain.across); follow-up rates (opted in, followed through) and the impacts reported
at each stage.

Everything comes from ONE snapshot read, split by cohort in one pass, so ten cohorts cost about
ten times the little one cohort's figures need. md and html go through report.Report blocks
(Table only) and the usual renderers; xlsx is a small workbook of its own (real numbers and
dates, headers in words, one font, a filter on every header row, print titles, A4); json has
this shape (averages unrounded, null when nobody answered)::

    {"format": "lp-tui-across-cohorts", "version": 1, "generated": "2018-05-01T13:00:00+01:00",
     "cohorts": [{"id", "name", "programme", "dates": ["2017-11-20", ...], "participants": 40,
                  "forms": {"1": 30, "2": 31, "3": 32}}],
     "days": [{"day": 3, "title": "...", "caption": "...",
               "forms": {"<cohort id>": 32, ...}, "total_forms": 62,
               "questions": [{"key", "label",
                   "cohorts": [{"cohort": "<id>", "number": 31, "average": 4.55,
                                "distribution": {"1": 0, ..., "5": 20}}],  # those that asked it
                   "overall": {"number": 60, "average": 4.5, "distribution": {...}}}]}],
     "followup": {"cohorts": [{"cohort": "<id>", "participants", "opted_in",
                               "followed_through"}], "overall": {...the same, no "cohort"}},
     "impacts": [{"stage": "1 month", "cohorts": [{"cohort": "<id>", "responses",
                  "met_expectations", "would_recommend", "attended_meeting",
                  "impacts": {"new role": 2, ...}}], "overall": {...the same, no "cohort"}}]}

It holds counts and averages only: no person's name, no free text. So there is nothing to
anonymise: ``--anonymise`` with ``--all-cohorts`` is refused, and the app's dialog turns
anonymising off while all cohorts are on.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

import orjson
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lp_tui.domain.across import (
    CohortDays,
    DayRow,
    chunks,
    cohort_key,
    combined_followup,
    percent,
    rate,
    side_by_side,
)
from lp_tui.domain.clock import iso
from lp_tui.domain.followup import FollowUpSummary, StageSummary, follow_ups, summary
from lp_tui.domain.model import Cohort, ImpactKind, new_id
from lp_tui.domain.programme import Programme
from lp_tui.domain.retention import ExportRecord
from lp_tui.domain.seating import participants
from lp_tui.domain.tally import RATINGS, one_dp, tally
from lp_tui.domain.text import plural
from lp_tui.export.html_format import html
from lp_tui.export.markdown_format import markdown
from lp_tui.export.report import Heading, Paragraph, Report, Table
from lp_tui.export.safe import FORMULA_STARTS
from lp_tui.export.write import unused_path
from lp_tui.export.xlsx_format import FONT, HEADER_FONT, new_book, print_fit
from lp_tui.store import files
from lp_tui.store.repo import COHORT_TABLES, COHORTS, Repo, Snapshot

FORMATS = ("md", "html", "xlsx", "json")
SUFFIX = {"md": ".md", "html": ".html", "xlsx": ".xlsx", "json": ".json"}
FORMAT = "lp-tui-across-cohorts"
VERSION = 1
ALL = "All cohorts"


@dataclass(frozen=True)
class CohortFigures:
    cohort: Cohort
    programme: Programme
    participants: int
    days: CohortDays
    followup: FollowUpSummary


@dataclass(frozen=True)
class Across:
    cohorts: tuple[CohortFigures, ...]
    days: tuple[DayRow, ...]
    followup: FollowUpSummary  # every cohort's, added together
    generated: datetime
    tz: tzinfo

    def local(self, moment: datetime) -> str:
        return moment.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")

    @property
    def title(self) -> str:
        titles = {c.programme.title for c in self.cohorts}
        what = titles.pop() if len(titles) == 1 else "lp-tui programmes"
        return f"{what}: across {plural(len(self.cohorts), 'cohort')}"


def by_cohort(snapshot: Snapshot) -> dict[str, Snapshot]:
    """Each cohort's own records as a snapshot of their own, made in one pass over the file."""
    parts: dict[str, dict[str, dict[str, Any]]] = {}
    for doc_id, doc in snapshot.tables.get(COHORTS, {}).items():
        parts[doc["id"]] = {COHORTS: {doc_id: doc}}
    for table in COHORT_TABLES:
        for doc_id, doc in snapshot.tables.get(table, {}).items():
            part = parts.get(doc.get("cohort", ""))
            if part is not None:
                part.setdefault(table, {})[doc_id] = doc
    return {cohort_id: Snapshot(tables) for cohort_id, tables in parts.items()}


def gather_across(
    snapshot: Snapshot,
    *,
    now: datetime,
    tz: tzinfo,
    programme_of: Callable[[str], Programme] = files.load_programme,
) -> Across:
    """Every cohort's figures from one read; cohorts by their first date, then their names
    read naturally (Room 2 before Room 10)."""
    parts = by_cohort(snapshot)
    programmes: dict[str, Programme] = {}
    figures = []
    for cohort in sorted(snapshot.cohorts(), key=lambda c: cohort_key(c.name, c.dates)):
        own = parts[cohort.id]
        if cohort.programme not in programmes:
            programmes[cohort.programme] = programme_of(cohort.programme)
        programme = programmes[cohort.programme]
        group = participants(own.people(cohort.id))
        days = []
        for number in cohort.days:
            plan = programme.day(number)
            days.append((plan, tally(number, plan.questions, own.forms(cohort.id, number))))
        rows = follow_ups(
            group,
            own.followup_calls(cohort.id),
            own.impact_reports(cohort.id),
            own.call_attempts(cohort.id),
        )
        figures.append(
            CohortFigures(cohort, programme, len(group), CohortDays(tuple(days)), summary(rows))
        )
    return Across(
        cohorts=tuple(figures),
        days=side_by_side([f.days for f in figures]),
        followup=combined_followup([f.followup for f in figures]),
        generated=now,
        tz=tz,
    )


# ---------------------------------------------------------------- md and html


def _dp(value: float | None) -> str:
    return one_dp(value)


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


def _day_numbers(a: Across) -> list[int]:
    return [d.day for d in a.days]


def _forms_of(f: CohortFigures, day: int) -> int | None:
    return next((t.forms for p, t in f.days.days if p.number == day), None)


def across_report(a: Across) -> Report:
    report = Report(a.title)
    report.add(
        Paragraph(
            f"Made {a.local(a.generated)} from lp-tui's session records of "
            f"{len(a.cohorts)} cohorts, all read at one moment. Number (n): how many answered a "
            "question; average (avg): the mark out of 5, to one decimal place. The "
            f"“{ALL}” figures pool every answer given (they are not a mean of the cohorts' "
            "averages). This report holds counts and averages only: no names, no free text."
        ),
        Heading("The cohorts"),
        Table(
            ("Cohort", "Programme", "Dates", "Participants", *_forms_columns(a)),
            [
                (
                    f.cohort.name,
                    f.programme.title,
                    ", ".join(d or "not set" for d in f.cohort.dates),
                    str(f.participants),
                    *(_n(_forms_of(f, day)) for day in _day_numbers(a)),
                )
                for f in a.cohorts
            ]
            + [
                (
                    ALL,
                    "",
                    "",
                    str(sum(f.participants for f in a.cohorts)),
                    *(str(d.total_forms) for d in a.days),
                )
            ],
            tuple(range(3, 4 + len(a.days))),
        ),
        Heading("Evaluation"),
    )
    if not any(d.total_forms for d in a.days):
        report.add(Paragraph("No evaluation forms have been entered in any cohort."))
    else:
        for day in a.days:
            _day_tables(report, a, day)
    report.add(
        Heading("Follow-up"),
        Table(
            ("Cohort", "Participants", "Opted in to calls", "Followed through", "Rate"),
            [_followup_row(f.cohort.name, f.followup) for f in a.cohorts]
            + [_followup_row(ALL, a.followup)],
            (1, 2, 3, 4),
            caption="Follow-up phone calls: rate is followed through of those opted in",
        ),
        Heading("Impacts"),
    )
    for index, stage in enumerate(a.followup.stages):
        report.add(
            Heading(f"{stage.stage.value.capitalize()} follow-up", 3),
            Table(
                _impact_columns(),
                [_impact_row(f.cohort.name, f.followup.stages[index]) for f in a.cohorts]
                + [_impact_row(ALL, stage)],
                tuple(range(1, len(_impact_columns()))),
            ),
        )
    return report


SIDE_BY_SIDE = 3  # cohorts in one table of a day's figures (A4 portrait, a phone)


def _day_tables(report: Report, a: Across, day: DayRow) -> None:
    """A day's figures, side by side: a table for each run of at most SIDE_BY_SIDE cohorts,
    each ending with the figures of all cohorts; a header row names each cohort once over its
    number (n) and average (avg). A day without forms in any cohort: one line says so."""
    if not day.total_forms:
        report.add(Paragraph(f"Day {day.day}: no evaluation forms entered in any cohort."))
        return
    report.add(Heading(f"Day {day.day}" + (f": {day.title}" if day.title else ""), 3))
    runs = chunks(len(a.cohorts), SIDE_BY_SIDE)
    for part, run in enumerate(runs, start=1):
        names = [a.cohorts[i].cohort.name for i in run]
        columns = ("Question", *(["n", "avg"] * (len(names) + 1)))
        rows = [
            (
                "Forms received",
                *(cell for i in run for cell in (_n(day.forms[i]), "")),
                str(day.total_forms),
                "",
            )
        ]
        for q in day.questions:
            cells: list[str] = [q.label]
            for i in run:
                t = q.cohorts[i]
                cells += ["", ""] if t is None else [str(t.number), _dp(t.average)]
            cells += [str(q.overall.number), _dp(q.overall.average)]
            rows.append(tuple(cells))
        caption = day.caption
        if len(runs) > 1:
            what = f"{', '.join(names)}; and all cohorts"
            caption = f"{caption} ({part} of {len(runs)}: {what})" if caption else what
        report.add(
            Table(
                columns,
                rows,
                tuple(range(1, len(columns))),
                caption=caption,
                groups=(("", 1), *((name, 2) for name in [*names, ALL])),
            )
        )


def _forms_columns(a: Across) -> list[str]:
    return [f"Forms Day {day}" for day in _day_numbers(a)]


def _followup_row(name: str, s: FollowUpSummary) -> tuple[str, ...]:
    return (
        name,
        str(s.participants),
        str(s.opted_in),
        str(s.calls_happened),
        percent(s.calls_happened, s.opted_in),
    )


def _impact_columns() -> tuple[str, ...]:
    return (
        "Cohort",
        "Responses",
        "Met expectations",
        "Would recommend",
        "Came to the follow-up meeting",
        *(kind.value.capitalize() for kind in ImpactKind),
    )


def _impact_row(name: str, s: StageSummary) -> tuple[str, ...]:
    return (
        name,
        str(s.responses),
        str(s.met_expectations),
        str(s.would_recommend),
        str(s.attended_meeting),
        *(str(s.impacts.get(kind, 0)) for kind in ImpactKind),
    )


# ---------------------------------------------------------------- json


def across_document(a: Across) -> dict[str, Any]:
    def distribution(counts: dict[int, int]) -> dict[str, int]:
        return {str(r): counts.get(r, 0) for r in RATINGS}

    def followup(s: FollowUpSummary) -> dict[str, Any]:
        return {
            "participants": s.participants,
            "opted_in": s.opted_in,
            "followed_through": s.calls_happened,
        }

    def stage(s: StageSummary) -> dict[str, Any]:
        return {
            "responses": s.responses,
            "met_expectations": s.met_expectations,
            "would_recommend": s.would_recommend,
            "attended_meeting": s.attended_meeting,
            "impacts": {kind.value: s.impacts.get(kind, 0) for kind in ImpactKind},
        }

    ids = [f.cohort.id for f in a.cohorts]
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated": iso(a.generated.astimezone(a.tz)),
        "cohorts": [
            {
                "id": f.cohort.id,
                "name": f.cohort.name,
                "programme": f.cohort.programme,
                "dates": list(f.cohort.dates),
                "participants": f.participants,
                "forms": {str(p.number): t.forms for p, t in f.days.days},
            }
            for f in a.cohorts
        ],
        "days": [
            {
                "day": d.day,
                "title": d.title,
                "caption": d.caption,
                "forms": {i: n for i, n in zip(ids, d.forms, strict=True) if n is not None},
                "total_forms": d.total_forms,
                "questions": [
                    {
                        "key": q.key,
                        "label": q.label,
                        "cohorts": [
                            {
                                "cohort": i,
                                "number": t.number,
                                "average": t.average,
                                "distribution": distribution(t.distribution),
                            }
                            for i, t in zip(ids, q.cohorts, strict=True)
                            if t is not None
                        ],
                        "overall": {
                            "number": q.overall.number,
                            "average": q.overall.average,
                            "distribution": distribution(q.overall.distribution),
                        },
                    }
                    for q in d.questions
                ],
            }
            for d in a.days
        ],
        "followup": {
            "cohorts": [{"cohort": f.cohort.id, **followup(f.followup)} for f in a.cohorts],
            "overall": followup(a.followup),
        },
        "impacts": [
            {
                "stage": s.stage.value,
                "cohorts": [
                    {"cohort": f.cohort.id, **stage(f.followup.stages[index])} for f in a.cohorts
                ],
                "overall": stage(s),
            }
            for index, s in enumerate(a.followup.stages)
        ],
    }


# ---------------------------------------------------------------- xlsx

AVERAGE = "0.0"
PERCENT = "0%"
DAY = "yyyy-mm-dd"
MOMENT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 50
HEADER_WIDTH = 14  # a header wider than this wraps

Value = str | int | float | date | datetime | None


@dataclass(frozen=True)
class _Sheet:
    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Value, ...]]
    formats: dict[int, str]  # column index -> number format
    wrap: tuple[int, ...] = ()  # columns of long text
    title_columns: int = 1  # printed on every page, when the sheet prints on pages across


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def across_sheets(a: Across) -> list[_Sheet]:
    days = _day_numbers(a)
    cohorts = _Sheet(
        "Cohorts",
        (
            "Cohort",
            "Programme",
            "First day",
            "Last day",
            "Participants",
            *_forms_columns(a),
            "Cohort id",
        ),
        [
            (
                f.cohort.name,
                f.programme.title,
                _date(f.cohort.dates[0]) if f.cohort.dates else None,
                _date(f.cohort.dates[-1]) if f.cohort.dates else None,
                f.participants,
                *(_forms_of(f, day) for day in days),
                f.cohort.id,
            )
            for f in a.cohorts
        ],
        {2: DAY, 3: DAY},
    )
    wide_columns = ["Day", "Question"]
    for name in [f.cohort.name for f in a.cohorts] + [ALL]:
        wide_columns += [f"{name}: number", f"{name}: average"]
    wide_rows: list[tuple[Value, ...]] = []
    long_rows: list[tuple[Value, ...]] = []
    for d in a.days:
        for q in d.questions:
            cells: list[Value] = [d.day, q.label]
            for f, t, forms in zip(a.cohorts, q.cohorts, d.forms, strict=True):
                cells += [None, None] if t is None else [t.number, t.average]
                if t is not None:
                    long_rows.append(
                        (
                            d.day,
                            q.label,
                            f.cohort.name,
                            forms,
                            t.number,
                            t.average,
                            *(t.distribution.get(r, 0) for r in RATINGS),
                            q.key,
                        )
                    )
            cells += [q.overall.number, q.overall.average]
            wide_rows.append(tuple(cells))
            long_rows.append(
                (
                    d.day,
                    q.label,
                    ALL,
                    d.total_forms,
                    q.overall.number,
                    q.overall.average,
                    *(q.overall.distribution.get(r, 0) for r in RATINGS),
                    q.key,
                )
            )
    side = _Sheet(
        "Side by side",
        tuple(wide_columns),
        wide_rows,
        {i: AVERAGE for i in range(3, len(wide_columns), 2)},
        (1,),
        title_columns=2,
    )
    answers = _Sheet(
        "Answers",
        (
            "Day",
            "Question",
            "Cohort",
            "Forms",
            "Number",
            "Average",
            *(f"Answered {r}" for r in RATINGS),
            "Question key",
        ),
        long_rows,
        {5: AVERAGE},
        (1,),
    )

    def followup(name: str, s: FollowUpSummary) -> tuple[Value, ...]:
        return (
            name,
            s.participants,
            s.opted_in,
            s.calls_happened,
            rate(s.calls_happened, s.opted_in),
        )

    calls = _Sheet(
        "Follow-up",
        ("Cohort", "Participants", "Opted in to calls", "Followed through", "Rate"),
        [followup(f.cohort.name, f.followup) for f in a.cohorts] + [followup(ALL, a.followup)],
        {4: PERCENT},
    )

    def impact(name: str, s: StageSummary) -> tuple[Value, ...]:
        return (
            name,
            s.stage.value,
            s.responses,
            s.met_expectations,
            s.would_recommend,
            s.attended_meeting,
            *(s.impacts.get(kind, 0) for kind in ImpactKind),
        )

    impacts = _Sheet(
        "Impacts",
        ("Cohort", "Stage", *_impact_columns()[1:]),
        [
            impact(name, s)
            for index, total in enumerate(a.followup.stages)
            for name, s in [
                *((f.cohort.name, f.followup.stages[index]) for f in a.cohorts),
                (ALL, total),
            ]
        ],
        {},
    )
    return [cohorts, side, answers, calls, impacts]


def across_xlsx(a: Across) -> bytes:
    book = new_book()  # the one font of lp-tui's workbooks, as its Normal style
    about = book.active
    about.title = "About"
    _fill(
        about,
        _Sheet(
            "About",
            ("About this workbook", ""),
            [
                ("Title", a.title),
                (
                    "Made",
                    a.generated.astimezone(a.tz).replace(tzinfo=None, second=0, microsecond=0),
                ),
                ("Cohorts", len(a.cohorts)),
                (
                    "Averages",
                    "marks out of 5; the “All cohorts” rows pool every answer given, they are "
                    "not a mean of the cohorts' averages",
                ),
                ("Holds", "counts and averages only: no names, no free text"),
            ],
            {},
            (1,),
        ),
        formats_by_row={2: MOMENT},
        filtered=False,  # a list of facts, not a table of records
    )
    for sheet in across_sheets(a):
        _fill(book.create_sheet(sheet.name), sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(
    target: Worksheet,
    sheet: _Sheet,
    formats_by_row: dict[int, str] | None = None,
    filtered: bool = True,
) -> None:
    """Headers in bold of the one font, real numbers and dates, text exactly as written (a
    string cell; one that could start a formula carries quotePrefix, never a leading '); an
    autofilter on the header row unless not ``filtered``."""
    target.append([_text(c) for c in sheet.columns])
    for row in sheet.rows:
        target.append([_text(v) if isinstance(v, str) else v for v in row])
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for row_number, row in enumerate(target.iter_rows(), start=1):
        for index, cell in enumerate(row):
            cell.font = HEADER_FONT if row_number == 1 else FONT
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a value, never a formula
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
            elif row_number > 1 and index in sheet.formats:
                cell.number_format = sheet.formats[index]
            if row_number > 1:  # a row's cells all at its top, beside a wrapped one
                cell.alignment = wrap if index in sheet.wrap else top
    for row_number, fmt in (formats_by_row or {}).items():
        target.cell(row_number, 2).number_format = fmt
    heading = Alignment(wrap_text=True, vertical="bottom")
    for cell in target[1]:
        cell.alignment = heading  # a long header wraps, its column stays as wide as its values
    lines = 1
    for index, column in enumerate(sheet.columns):
        longest = max(
            [min(len(column), HEADER_WIDTH)] + [_width(r[index]) for r in sheet.rows[:500]]
        )
        target.column_dimensions[get_column_letter(index + 1)].width = min(MAX_WIDTH, longest + 2)
        lines = max(lines, -(-len(column) // min(MAX_WIDTH, longest)) + (len(column) > longest))
    target.row_dimensions[1].height = 13 * lines  # the wrapped headers shown whole
    widths = [target.column_dimensions[get_column_letter(i + 1)].width for i in sheet.wrap]
    for row_number, row in enumerate(sheet.rows, start=2):
        # a row of wrapped text as tall as its lines: LibreOffice does not work it out
        tall = max(
            [1]
            + [
                -(-len(row[i]) // max(1, int(w) - 2))
                for i, w in zip(sheet.wrap, widths, strict=True)
                if isinstance(row[i], str)
            ]
        )
        if tall > 1:
            target.row_dimensions[row_number].height = 13 * tall
    target.freeze_panes = "A2"
    if filtered:
        target.auto_filter.ref = target.dimensions
    target.print_title_rows = "1:1"
    setup = target.page_setup
    setup.paperSize = target.PAPERSIZE_A4
    setup.orientation = "landscape" if len(sheet.columns) > 6 else "portrait"
    width = sum(
        target.column_dimensions[get_column_letter(i + 1)].width for i in range(len(sheet.columns))
    )
    print_fit(target, width, sheet.title_columns)  # a wide one over pages across, legible


def _text(value: str) -> str:
    """A workbook cannot hold control characters: each is shown as U+FFFD."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def _width(value: Value) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return 5
    return len(str(value or ""))


# ---------------------------------------------------------------- writing


def default_name(fmt: str, stamp: str = "") -> str:
    """e.g. all-cohorts-20180501-1200.xlsx"""
    return "-".join(["all-cohorts", *([stamp] if stamp else [])]) + SUFFIX[fmt]


def render_across(snapshot: Snapshot, fmt: str, *, now: datetime, tz: tzinfo) -> bytes:
    """The export's bytes, not yet written."""
    if fmt not in FORMATS:
        raise ValueError(f"the across-cohorts export has no format {fmt!r}")
    a = gather_across(snapshot, now=now, tz=tz)
    if fmt == "md":
        return markdown(across_report(a)).encode()
    if fmt == "html":
        return html(across_report(a)).encode()
    if fmt == "json":
        return orjson.dumps(across_document(a), option=orjson.OPT_INDENT_2) + b"\n"
    return across_xlsx(a)


def export_across(
    snapshot: Snapshot,
    fmt: str,
    out: Path,
    *,
    now: datetime,
    tz: tzinfo,
    record_in: Repo | None = None,
) -> Path:
    """Write the export (``out`` a folder: a file named there); with ``record_in``, the file
    is recorded there once per cohort it covers (for ``lp-tui doctor``'s retention), as holding
    no personal data."""
    if out.is_dir():  # a file named there, never over an earlier one
        out = unused_path(out / default_name(fmt))
    data = render_across(snapshot, fmt, now=now, tz=tz)
    written = files.write_bytes(out, data)
    if record_in is not None:
        digest = hashlib.sha256(data).hexdigest()
        record_in.add_exports(
            ExportRecord(new_id(), c.id, str(written.resolve()), fmt, iso(now), True, digest)
            for c in snapshot.cohorts()
        )
    return written
