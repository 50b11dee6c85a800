"""A table's plain cells drawn the short way look exactly as Textual draws them
(lp_tui/ui/widgets/row_table.py ``PlainTable._render_cell``): the same characters in the
same cells, each in the same style (colours, bold, the row and column a click reports), for
the header, plain rows, the cursor's row, a fixed column, and for every kind of text: wide
and combining characters, emoji, markup-like brackets, text that just fits, text one cell
too long, tabs and line breaks (those two and the too long are drawn by Textual anyway)."""

from __future__ import annotations

import random

from rich.segment import Segment
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from lp_tui.ui.widgets.row_table import PlainTable

WIDTHS = (1, 2, 5, 12)
TRICKY = [
    "",
    " ",
    "a",
    "ab",
    "Zoë",
    "Wójcik",
    "e\u0301",  # e and a combining accent: one cell
    "日本",  # two wide characters: four cells
    "日本語",
    "x日",
    "👩‍⚕️ nurse",
    "[b]bold?[/b]",
    "Jo [/x] Bloggs",
    "trailing   ",
    "   leading",
    "tab\there",
    "two\nlines",
    "exactly twelv",
    "exactly12chr",
    "▶ running",
    "—",
]
ALPHABET = "abc XYZ[]/\\·—…é日本👍\u0301\u200b\t"


def cells(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    made = list(TRICKY)
    while len(made) < count:
        made.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14))))
    return made


class Tables(App[None]):
    def __init__(self, padding: int = 1) -> None:
        super().__init__()
        self.padding = padding

    def compose(self) -> ComposeResult:
        yield PlainTable(id="plain", fixed_columns=1, zebra_stripes=True, cell_padding=self.padding)


def compared_cells(table: PlainTable) -> int:
    """Every cell drawn both ways, plain, under the cursor and hovered: asserts they match."""
    compared = 0
    for row_index in range(-1, table.row_count):
        for column_index, column in enumerate(table.ordered_columns):
            width = column.get_render_width(table)
            for cursor, hover in ((False, False), (True, False), (False, True)):
                style = table.rich_style
                table._clear_caches()
                short = table._render_cell(row_index, column_index, style, width, cursor, hover)
                table._clear_caches()
                textual = DataTable._render_cell(
                    table, row_index, column_index, style, width, cursor, hover
                )
                assert as_drawn(short) == as_drawn(textual), (row_index, column_index)
                compared += 1
    return compared


def as_drawn(lines: list[list[Segment]]) -> list[list[tuple[str, object]]]:
    """Each line as (text, style) runs: the same picture whatever the segments' boundaries."""
    return [[(s.text, s.style) for s in Segment.simplify(line)] for line in lines]


async def test_plain_cells_drawn_the_short_way_look_as_textual_draws_them() -> None:
    app = Tables()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(PlainTable)
        for n, width in enumerate(WIDTHS):
            table.add_column(f"c{n}", width=width, key=f"c{n}")
        texts = cells(seed=2017, count=240)
        for start in range(0, len(texts), len(WIDTHS)):
            row = texts[start : start + len(WIDTHS)]
            table.add_row(*row, *[""] * (len(WIDTHS) - len(row)))
        await pilot.pause()
        assert compared_cells(table) == (table.row_count + 1) * len(WIDTHS) * 3


async def test_justified_and_styled_cells_and_wider_padding_look_as_textual_draws_them() -> None:
    """Text set right or centred, a styled text, a justified header, two cells of padding."""
    app = Tables(padding=2)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(PlainTable)
        table.add_column(Text("Amount", justify="right"), width=8, key="amount")
        table.add_column(Text("Name", justify="center"), width=10, key="name")
        table.add_column("Note", width=6, key="note")
        for amount, name, note in (("12", "Efua", "ok"), ("7", "Zoë", "late"), ("", "日本", "")):
            table.add_row(
                Text(amount, justify="right"),
                Text(name, justify="center"),
                Text(note, style="bold"),
            )
        table.add_row(Text("3", justify="left"), Text("x", justify="full"), "plain")
        await pilot.pause()
        assert compared_cells(table) == (table.row_count + 1) * 3 * 3


async def test_most_plain_cells_take_the_short_way() -> None:
    """The cells the short way is for (a one-line plain text that fits) do not go to Rich."""
    app = Tables()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(PlainTable)
        table.add_column("Name", width=12, key="name")
        table.add_row("Efua Boateng")
        table.add_row("tab\there")
        await pilot.pause()
        calls: list[int] = []
        render_lines = app.console.render_lines

        def counted(*args: object, **options: object) -> object:
            calls.append(1)
            return render_lines(*args, **options)  # type: ignore[arg-type]

        app.console.render_lines = counted  # type: ignore[method-assign]
        table._clear_caches()
        table._render_cell(0, 0, table.rich_style, 14)
        assert calls == []
        table._render_cell(1, 0, table.rich_style, 14)  # a tab: Textual's way, through Rich
        assert calls
