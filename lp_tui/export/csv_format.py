"""The csv export: one file per record kind, and a README.txt describing each file and column,
in a folder, or in a zip when the output path ends in .zip. UTF-8 with a byte-order mark, so
Excel opens names with accents correctly. Moments are written as text in the room's local
time, to the minute; text that could start a formula gets a leading apostrophe (safe.py)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from lp_tui.export.columns import is_id
from lp_tui.export.gather import CohortRecords
from lp_tui.export.safe import FORMULA_STARTS, cell_text
from lp_tui.export.sheets import Cell, Sheet

README = "README.txt"


def csv_value(cell: Cell) -> object:
    """A cell as the csv writes it: moments as text, text neutralised, nothing as ""."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, time):
        return cell.strftime("%H:%M")
    return cell_text(cell)


def sheet_csv(sheet: Sheet) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(sheet.columns)
    places = [sheet.column(key).places for key in sheet.columns]
    for row in sheet.rows:
        writer.writerow([csv_value(_rounded(cell, p)) for cell, p in zip(row, places, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


def _rounded(cell: Cell, places: int | None) -> Cell:
    """A number to the column's decimal places (a float the workbook keeps whole)."""
    if places is None or not isinstance(cell, float):
        return cell
    return round(cell, places)


def csv_files(records: CohortRecords, all_sheets: list[Sheet]) -> dict[str, bytes]:
    """Each sheet's file, then README.txt."""
    made = {f"{sheet.name}.csv": sheet_csv(sheet) for sheet in all_sheets}
    made[README] = readme(records, all_sheets).encode("utf-8-sig")
    return made


def readme(records: CohortRecords, all_sheets: list[Sheet]) -> str:
    """What the folder holds, generated from lp_tui.export.columns: the export, how its cells
    are written, then each file and each of its columns."""
    exported = records.local(records.generated)
    lines = [
        f"Session records of {records.cohort.name} ({records.programme.title})",
        f"Exported by lp-tui on {exported} (the room's local time).",
        "",
    ]
    if records.anonymised:
        lines += [
            "ANONYMISED: people are named by pseudonyms (P01... participants, C01... coaches and",
            "so on), ids are fresh ones not found in any named export, moments are to the minute",
            "and free text that could name someone is not included.",
        ]
    else:
        lines += [
            "NOT anonymised: these files hold people's names, access needs and what they said.",
            "Keep them private; `lp-tui export --anonymise` writes a copy without them.",
        ]
    starts = " ".join(repr(s)[1:-1] for s in FORMULA_STARTS)
    lines += [
        "",
        "How the files are written",
        "-------------------------",
        "- Comma separated, UTF-8 with a byte-order mark, lines ending CR LF; the first row",
        "  holds each column's key (below), which scripts may rely on.",
        "- A date and time (a moment) is written yyyy-mm-dd hh:mm, to the minute, in the",
        f"  room's local time (time zone: {records.tz}); a date yyyy-mm-dd; a time of day hh:mm.",
        "- yes / no columns are blank when not known; an empty cell means nothing recorded.",
        f"- Formulas: a cell whose text starts with one of {starts} (tab, carriage return)",
        "  would be run as a formula by a spreadsheet, so it is written with a leading",
        "  apostrophe ('), which spreadsheets show as text. The apostrophe is not part of what",
        "  was recorded: drop it when reading such a cell with a script. (The xlsx export stores",
        "  such text as a text cell instead, without an apostrophe.)",
        "- Columns ending in id (and the column id) hold record ids that link the files.",
        "",
        "The files",
        "---------",
    ]
    for sheet in all_sheets:
        lines += ["", f"{sheet.name}.csv: {sheet.title} ({len(sheet.rows)} rows)"]
        if sheet.description:
            lines += _wrapped(sheet.description, "  ")
        for key in sheet.columns:
            column = sheet.column(key)
            said = column.description or column.header
            lines += _wrapped(f"{key} ({column.header}): {said}", "  - ", "    ")
        ids = [key for key in sheet.columns if is_id(key)]
        if ids:
            lines += [f"  (The workbook shows {', '.join(ids)} last, after the names.)"]
    return "\r\n".join(lines) + "\r\n"


def _wrapped(text: str, first: str, rest: str | None = None, width: int = 92) -> list[str]:
    rest = first if rest is None else rest
    lines: list[str] = []
    line = first
    for word in text.split():
        if line.strip() and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = rest
        line += ("" if line in (first, rest) else " ") + word
    lines.append(line)
    return lines


def zip_bytes(files: dict[str, bytes], folder: str, when: datetime) -> bytes:
    """The files in a zip, in ``folder``, each entry dated ``when`` (the export's local time, to the
    minute)."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def is_zip(out: Path) -> bool:
    return out.suffix.lower() == ".zip"
