"""Reading a CSV file that people made: the header, then the rows that hold anything.

Rows are numbered as a spreadsheet shows them: the header is row 1. Every fault becomes an
InputError: one line naming the file, row and field.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from lp_tui.domain.text import control_character

_REFUSED = "holds a control character ({}); names and notes are plain text"


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
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(source, f"the file is empty; it needs a header row{needs}") from None
    except csv.Error as error:
        raise InputError(source, f"not readable as CSV: {error}", row=1) from None
    header = [_line_feeds(name) for name in header]
    for index, name in enumerate(header, start=1):
        if bad := control_character(name):
            raise InputError(source, _REFUSED.format(bad), 1, f"column {index}")

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, values in enumerate(reader, start=2):
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


def _line_feeds(value: str) -> str:
    if "\r" not in value:
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n")
