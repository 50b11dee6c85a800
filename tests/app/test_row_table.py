"""Rows of fixed-width columns: what does not fit ends in "…", never silently cut."""

from __future__ import annotations

from textual.app import App, ComposeResult

from lp_tui.ui.widgets.row_table import RowTable


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield RowTable((("Coach", 12), ("Behaviour", 18)))


async def test_long_text_ends_in_an_ellipsis_and_names_keep_the_surnames_start() -> None:
    app = OneTable()
    async with app.run_test(size=(60, 10)):
        table = app.query_one(RowTable)
        table.refill([("a", ("Dr Ravi Sundaram", "Invites quieter voices into the room"))])
        coach, behaviour = (str(cell) for cell in table.get_row("a"))
        assert coach == "Dr Ravi Sun…"  # a word cut would leave only "Dr Ravi…"
        assert behaviour == "Invites quieter…"
        assert len(coach) <= 12 and len(behaviour) <= 18


async def test_text_that_fits_is_shown_whole_and_as_typed() -> None:
    app = OneTable()
    async with app.run_test(size=(60, 10)):
        table = app.query_one(RowTable)
        table.refill([("a", ("Jo [/x]", "Listens well"))])
        assert [str(cell) for cell in table.get_row("a")] == ["Jo [/x]", "Listens well"]
