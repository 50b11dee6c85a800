"""A DataTable of whole rows, each keyed by a record id, that keeps its highlight on refills.

Its cells are drawn the short way where that gives what Textual draws: a one-line row's cell
of plain text that fits its column is one segment, the text padded to the column in the cell's
style. Textual sends every cell through Rich's whole pipeline (a padding inside a styled
renderable, wrapped, split into lines, cropped and padded again): the facilitator's agenda,
135 such cells, took 19 ms to draw whole, and now 7.5 ms (best of 100 draws, on a machine where
the start takes about 0.6 s). Any other cell (spans, a style, right or centred, a tab, a line
break, too long, a taller row, a row's label) is drawn by Textual as before. The cache key and
the styles are those of Textual 8.2.8's ``DataTable._render_cell`` (pinned in pyproject.toml);
tests/app/test_table_cells.py draws cells both ways, with Textual's own method, and finds them
equal, so an upgrade that changes how Textual draws a cell fails there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.containers import ScrollableContainer
from textual.message import Message
from textual.widgets import DataTable

from lp_tui.domain.timers import cut_words
from lp_tui.ui.widgets.quiet_keys import quiet


def plain(cell: Any) -> Any:
    """A str cell as plain text: names and titles are whatever people typed, never markup."""
    return Text(cell) if isinstance(cell, str) else cell


class PlainTable(DataTable[str]):
    """A DataTable whose str cells are shown as typed ("Jo [/x]" is a name, not markup); its
    moving keys (arrows, home, end, pages) work but stay out of the keys panel."""

    BINDINGS: ClassVar[list[BindingType]] = quiet(
        [*ScrollableContainer.BINDINGS, *DataTable.BINDINGS]
    )

    def add_row(self, *cells: Any, **options: Any) -> Any:
        return super().add_row(*map(plain, cells), **options)

    def update_cell(self, row_key: Any, column_key: Any, value: Any, **options: Any) -> None:
        super().update_cell(row_key, column_key, plain(value), **options)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """Textual's ``DataTable._render_cell`` (same cache, same styles), drawn as one
        segment where the cell is plain text on one line that fits its column."""
        if column_index < 0:  # a row's label: Textual's way
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        header = row_index == -1
        row_key = self._header_row_key if header else self._row_locations.get_key(row_index)
        cache_key = (
            row_key,
            self._column_locations.get_key(column_index),
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        drawn = self._cell_render_cache.get(cache_key)
        if drawn is not None:
            return drawn
        cell = self._get_row_renderables(row_index).cells[column_index]
        room = width - 2 * self.cell_padding
        height = self.header_height if header else self.rows[row_key].height
        if not (
            type(cell) is Text
            and not cell.spans
            and not cell.style
            and cell.justify in (None, "default", "left")
            and height == 1
            and "\t" not in cell.plain
            and "\n" not in cell.plain
            and cell_len(cell.plain) <= room
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        fixed = not header and (row_index < self.fixed_rows or column_index < self.fixed_columns)
        component_style, post_style = self._get_styles_to_render_cell(
            header,
            False,
            fixed,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        style = base_style + Style.from_meta({"row": row_index, "column": column_index})
        style += component_style
        if post_style:
            style += post_style
        pad = " " * self.cell_padding
        text = f"{pad}{cell.plain}{' ' * (room - cell_len(cell.plain))}{pad}"
        drawn = [[Segment(text, style)]]
        self._cell_render_cache[cache_key] = drawn
        return drawn


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
