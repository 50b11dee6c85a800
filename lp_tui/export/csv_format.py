"""The csv export: one file per record kind, in a folder, or in a zip when the output path
ends in .zip. UTF-8 with a byte-order mark, so Excel opens names with accents correctly."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from lp_tui.export.safe import cell_text
from lp_tui.export.sheets import Sheet


def sheet_csv(sheet: Sheet) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(sheet.columns)
    for row in sheet.rows:
        writer.writerow(["" if cell is None else cell_text(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def csv_files(all_sheets: list[Sheet]) -> dict[str, bytes]:
    return {f"{sheet.name}.csv": sheet_csv(sheet) for sheet in all_sheets}


def zip_bytes(files: dict[str, bytes], folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def is_zip(out: Path) -> bool:
    return out.suffix.lower() == ".zip"
