"""The xlsx export: one workbook, a summary sheet and a sheet per record kind, written with
openpyxl, fit to hand over: one font throughout (the workbook's Normal style; headers bold of
the same family), headers in words (lp_tui.export.columns), names before ids, real date and
time cells, a frozen header row on every sheet and an autofilter on every record sheet (not on
the two-column summary, which has nothing to filter), long text wrapped, and print
set up (A4, landscape when wide, one page wide, or a few pages across with the first column
repeated when one page would shrink it past reading; the header row repeated on every page).
Sheet tabs are in words too ("Follow-up calls"; the csv files keep their names).

Every cell is written as a value: text is a text cell (data type "s"), never a formula, and
text a spreadsheet would read as a formula (= + - @ ...) keeps exactly its text, marked with
the quote-prefix style (as typing '=... in Excel does) rather than a visible apostrophe.

``new_book`` and ``fill`` are the conventions in one place, for other workbooks to share."""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from datetime import date, datetime, time

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as BookCell
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from lp_tui.export.columns import SUMMARY_TAB, is_id
from lp_tui.export.gather import CohortRecords
from lp_tui.export.safe import starts_formula
from lp_tui.export.sheets import Cell, Sheet, summary_rows

FONT_NAME = "Arial"  # in Excel everywhere; LibreOffice shows it as the metric-equal Liberation Sans
FONT = Font(name=FONT_NAME, size=10)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True)
MOMENT_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
LONG_WIDTH = 50  # a column of free text: wrapped at this width
MAX_WIDTH = 34  # any other column (a record id fits)
HEADER_WIDTH = 16  # a longer header wraps rather than widen a column of short values
WIDE = 6  # more columns than this: printed landscape
# the most (in characters of its columns) printed shrunk onto one page wide: A4 landscape
# holds about 140 at full size, so never shrunk below about 70%, still legible
FIT_WIDTH = 200
LINE_HEIGHT = 13  # points: a line of 10-point text
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)


def xlsx_bytes(records: CohortRecords, all_sheets: list[Sheet]) -> bytes:
    book = new_book()
    summary = book.active
    summary.title = SUMMARY_TAB
    fill(
        summary,
        ("About this export", ""),
        summary_rows(records, all_sheets),
        long=(True,),
        filtered=False,  # a list of facts and sheets, not a table of records
    )
    for row in summary.iter_rows(min_row=2):
        if row[0].value == "Sheet":  # the list of sheets below has its own header
            for cell in row:
                cell.font = HEADER_FONT
    for sheet in all_sheets:
        order = names_first(sheet.columns)
        fill(
            book.create_sheet(sheet.tab),
            [sheet.column(sheet.columns[i]).header for i in order],
            [tuple(row[i] for i in order) for row in sheet.rows],
            long=[sheet.column(sheet.columns[i]).long for i in order],
            formats=[sheet.column(sheet.columns[i]).number_format for i in order],
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def new_book() -> Workbook:
    """An empty workbook whose Normal style (every cell's font unless set) is ``FONT``."""
    book = Workbook()
    book._fonts = IndexedList([FONT])  # the default font every unstyled cell uses
    book._named_styles["Normal"].font = FONT  # the Normal cell style, which Excel shows
    return book


def names_first(keys: Sequence[str]) -> list[int]:
    """The columns' positions with every id column moved last, the rest in their order."""
    return sorted(range(len(keys)), key=lambda i: is_id(keys[i]))


def fill(
    target: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    long: Sequence[bool] = (),
    formats: Sequence[str] = (),
    filtered: bool = True,
) -> None:
    """One table on ``target``: a bold header row, frozen, repeated on every printed page,
    with a filter when ``filtered`` (a table of records; not a list of facts); moments, dates
    and times as real cells with their formats (a number in a column ``formats`` gives one,
    e.g. "0.0", shown so); the columns ``long`` marks, and any column of text wider than
    MAX_WIDTH, wrapped in a wide column."""
    target.append(list(headers))
    for cell in target[1]:
        cell.font = HEADER_FONT
        cell.alignment = WRAP
    widths = [min(HEADER_WIDTH, len(str(h))) + 2 for h in headers]  # and its filter button
    for row in rows:
        target.append([_value(value) for value in row])
        for index, value in enumerate(row):
            widths[index] = max(widths[index], _width(value))
    wrap = [
        (i < len(long) and bool(long[i])) or widths[i] + 2 > MAX_WIDTH for i in range(len(headers))
    ]
    number_formats = [formats[i] if i < len(formats) else "" for i in range(len(headers))]
    made: dict[tuple[str, bool, bool], StyleArray] = {}
    for row in target.iter_rows(min_row=2):
        for index, cell in enumerate(row):
            _style(cell, wrap[index], made, number_formats[index])
    shown = [min(LONG_WIDTH if wrap[i] else MAX_WIDTH, width + 2) for i, width in enumerate(widths)]
    for index, width in enumerate(shown, start=1):
        target.column_dimensions[get_column_letter(index)].width = width
    # a row of wrapped text is as tall as its longest cell's lines: set, because LibreOffice
    # does not work out row heights when it opens a workbook
    for number, values in enumerate([headers, *rows], start=1):
        lines = max(
            [1, *(_lines(v, shown[i]) for i, v in enumerate(values) if wrap[i] or number == 1)]
        )
        if lines > 1:
            target.row_dimensions[number].height = LINE_HEIGHT * lines
    if filtered:
        last = get_column_letter(max(1, len(headers)))
        target.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    target.freeze_panes = "A2"
    target.print_title_rows = "1:1"
    setup = target.page_setup
    setup.paperSize = target.PAPERSIZE_A4
    setup.orientation = "landscape" if len(headers) > WIDE else "portrait"
    print_fit(target, sum(shown), 1)
    target.print_options.gridLines = True


def pages_wide(width: float) -> int:
    """How many pages across a sheet ``width`` characters wide prints on (FIT_WIDTH each)."""
    return max(1, -(-int(width) // FIT_WIDTH))


def print_fit(target: Worksheet, width: float, title_columns: int) -> None:
    """Printed as many pages down as it takes and shrunk to ``pages_wide`` pages across, so
    never to a few points; on more than one page across, its first ``title_columns`` columns
    (who or what each row is) are printed on every page."""
    setup = target.page_setup
    setup.fitToWidth = pages_wide(width)
    setup.fitToHeight = 0  # as many pages down as it takes
    target.sheet_properties.pageSetUpPr.fitToPage = True
    if setup.fitToWidth > 1:
        target.print_title_cols = f"A:{get_column_letter(title_columns)}"


def _value(value: Cell) -> Cell:
    """A workbook cannot hold control characters (NUL, ESC...): openpyxl refuses the whole
    export. Each is shown as "\ufffd", so the cell says something was there and the export never
    fails."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _style(
    cell: BookCell,
    wrap: bool,
    made: dict[tuple[str, bool, bool], StyleArray],
    number_format: str = "",
) -> None:
    """The cell's type, number format, quote prefix and alignment; each combination's style
    is worked out once (``made``) and copied, as styling cell by cell is slow."""
    value = cell.value
    quote = False
    number = "General"
    if isinstance(value, bool):
        pass
    elif isinstance(value, int | float) and number_format:
        number = number_format
    elif isinstance(value, str):
        cell.data_type = "s"  # a value, never a formula
        quote = starts_formula(value)
    elif isinstance(value, datetime):
        number = MOMENT_FORMAT
    elif isinstance(value, date):
        number = DATE_FORMAT
    elif isinstance(value, time):
        number = TIME_FORMAT
    key = (number, quote, wrap)
    found = made.get(key)
    if found is not None:
        cell._style = copy(found)
        return
    cell.number_format = number
    cell.quotePrefix = quote
    cell.alignment = WRAP if wrap else TOP
    made[key] = copy(cell._style)


def _lines(value: object, width: float) -> int:
    """How many lines a wrapped text takes in a column ``width`` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    across = max(1, int(width * 1.15) - 3)  # characters a line holds, words wrapped whole
    return sum(max(1, -(-len(line) // across)) for line in value.splitlines() or [""])


def _width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):  # digits are wider than letters: room to spare
        return len("yyyy-mm-dd hh:mm") + 2
    if isinstance(value, date):
        return len("yyyy-mm-dd") + 2
    if isinstance(value, time):
        return len("hh:mm") + 1
    return max((len(line) for line in str(value).splitlines()), default=0)
