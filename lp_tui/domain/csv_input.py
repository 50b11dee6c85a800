"""Reading a CSV file that people made: the header, then the rows that hold anything.

Rows are numbered as a spreadsheet shows them: the header is row 1. Every fault becomes an
InputError: one line naming the file, row and field.

A quote that opens a field and is never closed is such a fault. Python's ``csv`` reads it
without a word, the rest of the file inside that one field, so the rows after it would vanish
into a comment. ``strict=True`` would refuse it, but would also refuse ``"Smith" Jr`` (read
today as ``Smith Jr``); instead a last record of our own, ``_END``, follows the file: it comes
back as a record of its own unless a quote swallowed it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from lp_tui.domain.text import control_character

_REFUSED = "holds a control character ({}); names and notes are plain text"
_UNCLOSED = (
    'a quote (") opens here and is never closed, so every line after it would be read into '
    "this one field; close the quote, or remove it"
)
# follows the file; its control characters are refused in any file, so no person's text ends so
_END = "\x1flp-tui: end of file\x1f"


class InputError(ValueError):
    """Bad input from a file: one line naming the file, row and field."""

    def __init__(
        self, source: str, problem: str, row: int | str | None = None, field: str = ""
    ) -> None:
        where = source
        if isinstance(row, int):
            where += f": row {row}"
        elif row:
            where += f": {row}"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.row = row
        self.field = field


def read_csv(
    text: str, source: str, needs: str = ""
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header, and an iterator of (row number, values) over rows that are not blank;
    ``needs`` says what the header must hold, for the message about an empty file."""
    text = text.removeprefix("\ufeff")
    if not text:
        raise InputError(source, f"the file is empty; it needs a header row{needs}")
    reader = csv.reader(io.StringIO(f"{text}\n{_END}"))
    try:
        header = next(reader)  # there is one: _END, if nothing else
    except csv.Error as error:
        raise InputError(source, f"not readable as CSV: {error}", row=1) from None
    if _unclosed(header):
        raise InputError(source, _UNCLOSED, 1, f"column {len(header)}")
    header = [_line_feeds(name) for name in header]
    if len(header) == 1 and (separator := _other_separator(header[0])):
        name, shown = separator
        raise InputError(
            source,
            f"the header row is one column with {shown} in it: the file looks {name}-separated;"
            " save it as comma-separated CSV",
            1,
        )
    for index, name in enumerate(header, start=1):
        if bad := control_character(name):
            raise InputError(source, _REFUSED.format(bad), 1, f"column {index}")

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, values in enumerate(reader, start=2):
                if values == [_END]:
                    return
                if _unclosed(values):
                    last = len(values)
                    field = header[last - 1].strip() if last <= len(header) else ""
                    raise InputError(source, _UNCLOSED, number, field or f"column {last}")
                if not any(v.strip() for v in values):
                    continue
                if len(values) > len(header):
                    raise InputError(
                        source, f"{len(values)} values for {len(header)} columns", number
                    )
                # a line end inside a quoted cell is a line feed, whatever the file uses
                values = [_line_feeds(value) for value in values]
                for name, value in zip(header, values, strict=False):
                    if bad := control_character(value):
                        raise InputError(source, _REFUSED.format(bad), number, name.strip())
                yield number, values
        except csv.Error as error:
            raise InputError(source, f"not readable as CSV: {error}", reader.line_num) from None

    return header, rows()


def _other_separator(header: str) -> tuple[str, str] | None:
    """What separates the columns of a header read as one: a semicolon (Excel's CSV where a
    comma is the decimal mark) or a tab (a spreadsheet's tab-separated text); its name and
    how a message shows it."""
    if "\t" in header:
        return "tab", "a tab"
    if ";" in header:
        return "semicolon", "';'"
    return None


def _unclosed(values: list[str]) -> bool:
    """True when a quote left open read the end of the file, ``_END``, into the last field."""
    return bool(values) and values[-1].endswith(_END)


def _line_feeds(value: str) -> str:
    if "\r" not in value:
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n")
