"""f1's keys panel at 80x24 shows the screen's own keys on its first page: a table's moving
keys and a text box's editing keys work, but are not listed before them."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.app import App, ComposeResult
from textual.widgets import Input, KeyPanel, TextArea

from lp_tui.ui.widgets.in_order import InOrderInput, InOrderTextArea
from tests.app.conftest import steady, type_keys, wait_until


def panel_lines(app) -> list[str]:
    """The panel's lines as it draws them (its width at 80 columns), blank ones left out."""
    panel = app.screen.query_one(KeyPanel)
    out = io.StringIO()
    Console(file=out, width=panel.size.width, color_system=None).print(
        panel.query_one("BindingsTable").render()
    )
    return [" ".join(line.split()) for line in out.getvalue().splitlines() if line.strip()]


async def first_page(app, *keys: str) -> str:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await steady(pilot)
        await pilot.press("f1")
        await steady(pilot)
        return "\n".join(panel_lines(app)[:20])


async def test_the_agenda_keys_come_first(app) -> None:
    shown = await first_page(app)
    assert "space Start/Pause" in shown and "s Skip" in shown and "m Note" in shown
    assert "Cursor up" not in shown and "Page Left" not in shown


async def test_the_check_in_keys_come_before_the_search_box_editing_keys(app) -> None:
    shown = await first_page(app, "c")
    assert "Late" in shown and "Absent" in shown
    assert "Delete character" not in shown and "Move cursor" not in shown


async def test_moving_keys_still_move(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await steady(pilot)
        table = app.screen.query_one("#agenda")
        before = table.cursor_row
        await pilot.press("down", "down")
        await steady(pilot)
        assert table.cursor_row == before + 2


class Boxes(App[None]):
    CSS = "Input, TextArea { width: 20; height: 4; }"

    def compose(self) -> ComposeResult:
        yield InOrderInput(id="ours")
        yield Input(id="stock")
        yield InOrderTextArea(id="our-area")
        yield TextArea(id="stock-area")


async def test_home_and_end_in_a_box_whose_text_overflows_do_what_textuals_own_box_does() -> None:
    """A text box's home and end (kept out of the panel) are the box's own, not the scrolling
    container's: with more text than the box shows they move the cursor as in Textual's Input
    and TextArea."""
    app = Boxes()
    async with app.run_test(size=(40, 20)) as pilot:
        typed = [*"abcdefghijklmnopqrstuvwxyz0123456789", "home", "X", "end", "Y"]
        for box in ("#ours", "#stock"):
            app.query_one(box).focus()
            await pilot.press(*typed)
        assert app.query_one("#ours", Input).value == "Xabcdefghijklmnopqrstuvwxyz0123456789Y"
        assert app.query_one("#stock", Input).value == app.query_one("#ours", Input).value
        text = "\n".join(f"line {n} of a text longer than its box" for n in range(30))
        for box in ("#our-area", "#stock-area"):
            area = app.query_one(box, TextArea)
            area.text = text
            area.focus()
            area.move_cursor((0, 0))
            await pilot.press("end", "Z", "down", "home", "W", "ctrl+end", "V")
        ours, stock = app.query_one("#our-area", TextArea), app.query_one("#stock-area", TextArea)
        assert ours.text == stock.text != text


async def test_the_panel_leaves_out_textuals_screen_keys_which_still_work(app) -> None:
    """tab, shift+tab and copy are not listed (at 80x24 they took the panel's first six lines)
    and tab still moves the focus."""
    import html
    import re

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        svg = app.export_screenshot()
        shown = html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")
        assert "Tables" in shown and "High contrast" in shown  # the panel, whole at 120x40
        assert "Focus" not in shown and "Copy selected" not in shown
        await pilot.press("f1", "c")  # check-in: a search box and a table
        await pilot.pause()
        before = app.focused
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not before


async def test_f1_again_pages_through_a_list_longer_than_the_panel_then_closes(app) -> None:
    """At 80x24 the keys below the panel's fold (the screens from v on) are reached by f1:
    the panel cannot take the focus, so no other key scrolls it."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await steady(pilot)
        panel = app.screen.query_one(KeyPanel)
        assert panel.max_scroll_y > 0  # the list is longer than the panel
        seen = [panel.scroll_y]
        while app.screen.query(KeyPanel):
            assert len(seen) < 10, "f1 never closed the panel"
            await pilot.press("f1")
            # a page down lands after the panel's next refresh
            await wait_until(
                pilot, lambda: not app.screen.query(KeyPanel) or panel.scroll_y > seen[-1]
            )
            await steady(pilot)
            if app.screen.query(KeyPanel):
                seen.append(panel.scroll_y)
        assert seen == sorted(set(seen)) and len(seen) >= 2  # each f1 a page further down
        assert seen[-1] == panel.max_scroll_y  # the last page was shown before it closed


async def test_f1_closes_at_once_where_every_key_fits(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await steady(pilot)
        assert app.screen.query_one(KeyPanel).max_scroll_y == 0
        await pilot.press("f1")
        await steady(pilot)
        assert not app.screen.query(KeyPanel)


async def test_escape_closes_the_keys_panel_and_only_that(app) -> None:
    """On People, escape clears the search: with the keys panel open, escape closes the panel
    and the search stays; once it is closed, escape reaches the screen again."""
    async with app.run_test(size=(120, 40)) as pilot:
        app.switch_mode("people")
        await pilot.pause()
        await type_keys(pilot, *"ann", "f1")
        await wait_until(pilot, lambda: bool(app.screen.query(KeyPanel)))
        search = app.screen.query_one("#search", Input)
        assert search.value == "ann"
        await pilot.press("escape")
        await wait_until(pilot, lambda: not app.screen.query(KeyPanel))
        assert search.value == "ann"  # the panel closed; nothing else
        await pilot.press("escape")
        await wait_until(pilot, lambda: search.value == "")  # the screen's own escape


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_the_tables_keys_with_words_for_the_arrows(
    app, seated, snap_compare, size
) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("f1")
        await wait_until(pilot, lambda: bool(pilot.app.screen.query(KeyPanel)))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
