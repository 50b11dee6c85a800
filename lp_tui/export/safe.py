"""Text from people, made safe for spreadsheets: a cell that starts with = + - @, a tab or a
carriage return would be read as a formula by Excel, LibreOffice or Google Sheets (CSV/formula
injection). A csv file has no cell types, so there such text gets a leading apostrophe, which
spreadsheets show as plain text; the workbook stores it as a text cell with the quote-prefix
style instead, so the cell shows exactly its text (``starts_formula`` says which)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(value: object) -> bool:
    """Text a spreadsheet would take as a formula if typed in."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def cell_text(value: object) -> object:
    """For csv: numbers and empty cells pass; text that could start a formula is neutralised."""
    if starts_formula(value):
        return "'" + str(value)
    return value
