"""The xlsx export: one workbook, a summary sheet and a sheet per record kind, written with
openpyxl. Text cells that could start a formula are neutralised, and every cell is written as a
value (openpyxl would otherwise take a leading = as a formula)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lp_tui.export.gather import CohortRecords
from lp_tui.export.safe import cell_text
from lp_tui.export.sheets import Cell, Sheet, summary_rows

MAX_WIDTH = 60


def xlsx_bytes(records: CohortRecords, all_sheets: list[Sheet]) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "summary"
    _fill(summary, ("About this export", ""), summary_rows(records, all_sheets))
    for sheet in all_sheets:
        _fill(book.create_sheet(sheet.name[:31]), sheet.columns, sheet.rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_text(value: object) -> object:
    """A workbook cannot hold control characters (NUL, ESC...): openpyxl refuses the whole export.
    Each is shown as "�", so the cell says something was there and the export never fails."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _fill(target: Worksheet, columns: tuple[str, ...], rows: list[tuple[Cell, ...]]) -> None:
    target.append(list(columns))
    for cell in target[1]:
        cell.font = Font(bold=True)
    for row in rows:
        target.append([_xlsx_text(cell_text(cell)) for cell in row])
    for row in target.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a value, never a formula
    target.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        longest = max([len(str(column))] + [len(str(r[index - 1] or "")) for r in rows[:500]])
        target.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, longest + 2)
