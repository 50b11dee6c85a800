"""A DataTable of whole rows, each keyed by a record id, that keeps its highlight on refills."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import DataTable

from lp_tui.domain.timers import cut_words


def plain(cell: Any) -> Any:
    """A str cell as plain text: names and titles are whatever people typed, never markup."""
    return Text(cell) if isinstance(cell, str) else cell


class PlainTable(DataTable[str]):
    """A DataTable whose str cells are shown as typed ("Jo [/x]" is a name, not markup)."""

    def add_row(self, *cells: Any, **options: Any) -> Any:
        return super().add_row(*map(plain, cells), **options)

    def update_cell(self, row_key: Any, column_key: Any, value: Any, **options: Any) -> None:
        super().update_cell(row_key, column_key, plain(value), **options)


class RowTable(PlainTable):
    """Rows of fixed-width columns; text longer than its column ends in "…", cut at a word
    unless that would lose more than a quarter of the column (a name keeps its surname's start)."""

    def __init__(
        self, columns: Sequence[tuple[str, int]], *, id: str | None = None, fixed_columns: int = 0
    ) -> None:
        """``fixed_columns``: how many columns from the left stay put (a name, say) while a
        narrow terminal scrolls the others sideways."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, fixed_columns=fixed_columns)
        self.widths = [width for _, width in columns]
        for label, width in columns:
            self.add_column(label, width=width, key=label)

    class Resized(Message):
        """The table has a new size (its screen's size, or a panel opened beside it): a
        screen that fits the columns to the table's width fits them again."""

        def __init__(self, table: RowTable) -> None:
            super().__init__()
            self.table = table

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized(self))

    def fitted(self, cells: Sequence[Any]) -> list[Any]:
        return [
            cut_words(cell, width, keep=3 * width // 4)
            if isinstance(cell, str) and len(cell) > width
            else cell
            for cell, width in zip(cells, self.widths, strict=False)
        ] + list(cells[len(self.widths) :])

    def selected_key(self) -> str | None:
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def move_by(self, rows: int) -> None:
        if self.row_count:
            target = max(0, min(self.row_count - 1, self.cursor_row + rows))
            self.move_cursor(row=target, animate=False)

    def refill(self, rows: Iterable[tuple[str, Sequence[str]]]) -> list[str]:
        """Replace every row; the highlight stays on the same record when it is still there."""
        selected = self.selected_key()
        self.clear()
        keys = []
        for key, cells in rows:
            self.add_row(*self.fitted(cells), key=key)
            keys.append(key)
        if selected in keys:
            self.move_cursor(row=keys.index(selected), animate=False)
        return keys
