"""Text from people, made safe for spreadsheets: a cell that starts with = + - @, a tab or a
carriage return would be read as a formula by Excel, LibreOffice or Google Sheets (CSV/formula
injection), so it gets a leading apostrophe, which spreadsheets show as plain text."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: object) -> object:
    """Numbers and empty cells pass; text that could start a formula is neutralised."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
