"""A RowTable's columns fitted to the table's width (lp_tui.domain.columns.fill_widths): at
80x24 the wide columns narrow, their text cut at a word with "…", so every column shows; on a
wide terminal the last column takes the room left."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from lp_tui.domain.columns import fill_widths, snug_widths
from lp_tui.ui.widgets.row_table import RowTable


def fit_table(
    table: RowTable,
    columns: Sequence[tuple[str, int]],
    least: Sequence[int],
    *,
    grow: int = -1,
    wants: Sequence[int] | None = None,
) -> bool:
    """Narrow (or widen back) ``table``'s columns to its width now; room left goes to the
    columns whose text (``wants``) is cut, then to column ``grow``. True when they changed:
    the caller refills the rows, so their text is cut to the new widths."""
    room = table.scrollable_content_region.width
    if room <= 0:
        return False  # not laid out yet
    widths = fill_widths(room, [width for _, width in columns], least, grow=grow, wants=wants)
    if widths == table.widths:
        return False
    table.widths = widths
    for (label, _), width in zip(columns, widths, strict=True):
        table.columns[label].width = width  # type: ignore[index]
    return True


def widest(rows: Sequence[Sequence[str]], count: int) -> list[int]:
    """The widest text of each of ``count`` columns in ``rows``: what each column wants."""
    return [max((cell_len(row[i]) for row in rows), default=0) for i in range(count)]


def snug_columns(
    columns: Sequence[tuple[str, int]], rows: Sequence[Sequence[str]], snug: Sequence[int]
) -> list[tuple[str, int]]:
    """``columns`` with each of ``snug`` no wider than its heading and the widest text of
    ``rows`` under it, so the room they do not use goes to the table's last column."""
    wants = [
        max(cell_len(label), want)
        for (label, _), want in zip(columns, widest(rows, len(columns)), strict=True)
    ]
    widths = snug_widths([width for _, width in columns], wants, snug)
    return [(label, width) for (label, _), width in zip(columns, widths, strict=True)]
