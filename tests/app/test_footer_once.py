"""A screen's footer has its keys as it is mounted (lp_tui/ui/widgets/key_footer.py): it draws
a new line only when the keys change afterwards (a day falling behind adds "Give back"), not
again as each screen starts, each focus moves or each dialog closes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from typing import ClassVar
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st
from textual.binding import Binding

from lp_tui.domain.timers import EventKind
from lp_tui.ui.widgets.key_footer import FooterItem, FooterLine, KeyFooter, footer_line, place
from tests.app.conftest import SIZE, footer_keys, footer_shown, painted_style, steady

# The behaviours screen offers its keys once its list is read, after it is mounted.
KEYS_AFTER_MOUNT = {"BehavioursScreen"}


@contextmanager
def new_lines() -> Iterator[list[str]]:
    """The screens (by name) whose footer took a new line of keys after it was mounted."""
    changed: list[str] = []
    show = KeyFooter._show_keys

    def counted(footer: KeyFooter) -> None:
        before = footer.line
        show(footer)
        if footer.line is not before:
            changed.append(type(footer.screen).__name__)

    with mock.patch.object(KeyFooter, "_show_keys", counted):
        yield changed


async def test_the_agenda_starts_with_its_keys_and_no_second_line(app) -> None:
    with new_lines() as changed:
        async with app.run_test(size=SIZE) as pilot:
            await steady(pilot)
            assert {"space", "n", "s"} <= footer_keys(app)
            assert "g" not in footer_keys(app)
            footer_shown(app)  # as painted
    assert changed == []


async def test_a_day_already_behind_starts_with_give_back(
    repo, demo, programme, log_agenda, clock
) -> None:
    from lp_tui.ui.app import FacilitatorApp

    log_agenda((EventKind.START, "welcome", 0))
    clock.advance(40 * 60)
    app = FacilitatorApp(repo, demo[0].id, programme, clock=clock, tz=UTC)  # reads them
    with new_lines() as changed:
        async with app.run_test(size=SIZE) as pilot:
            await steady(pilot)
            assert "g" in footer_keys(app)
    assert changed == []


async def test_a_day_falling_behind_adds_give_back(app, log_agenda, clock) -> None:
    log_agenda((EventKind.START, "welcome", 0))
    with new_lines() as changed:
        async with app.run_test(size=SIZE) as pilot:
            await steady(pilot)
            assert "g" not in footer_keys(app)
            clock.advance(40 * 60)
            app.screen.tick()  # type: ignore[attr-defined]
            await steady(pilot)
            assert "g" in footer_keys(app)
            keys, _ = footer_shown(app)  # painted with it
            assert any(spot.item.key == "g" and spot.whole for spot in keys)
    assert changed == ["AgendaScreen"]


async def test_every_screen_opens_with_the_keys_it_offers_and_draws_them_once(app) -> None:
    with new_lines() as changed:
        async with app.run_test(size=SIZE) as pilot:
            for mode in app.MODES:
                await app.switch_mode(mode)
                await steady(pilot)
                footer = app.screen.query_one(KeyFooter)
                assert footer.line.keys, mode
                assert footer.line == footer_line(app.screen), mode  # the keys to show now
                shown = {b.key for _, b, _, _ in app.screen.active_bindings.values() if b.show}
                assert footer_keys(app) <= shown, mode
                footer_shown(app)
    assert set(changed) <= KEYS_AFTER_MOUNT


async def test_a_dialog_closing_leaves_the_line_as_it_was(app) -> None:
    """Each dialog pushed and popped refreshes the screen's bindings: the keys are the same,
    and so is the line (Textual's footer mounted every key again)."""
    with new_lines() as changed:
        async with app.run_test(size=SIZE) as pilot:
            await steady(pilot)
            line = app.screen.query_one(KeyFooter).line
            for _ in range(3):
                await pilot.press("x")  # the export dialog
                await steady(pilot)
                await pilot.press("escape")
                await steady(pilot)
            assert app.screen.query_one(KeyFooter).line is line
    assert changed == []


async def test_a_key_the_screen_cannot_act_on_is_offered_dimmed(app) -> None:
    """As on Textual's footer: a binding whose action is not possible now shows, dimmed."""
    async with app.run_test(size=SIZE) as pilot:
        await steady(pilot)
        app.screen.check_action = lambda action, parameters: None if action == "skip" else True  # type: ignore[method-assign]
        app.screen.refresh_bindings()
        await steady(pilot)
        keys, _ = footer_shown(app)
        [skip] = [spot for spot in keys if spot.item.action == "skip"]
        assert not skip.item.enabled
        assert all(spot.item.enabled for spot in keys if spot is not skip)
        [nxt] = [spot for spot in keys if spot.item.action == "next"]
        colour = painted_style(app, skip.x).color, painted_style(app, nxt.x).color
        assert colour[0] != colour[1]  # painted dim: nearer the background


async def test_a_click_on_a_key_presses_it_and_the_key_under_the_mouse_is_lit(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await steady(pilot)
        footer = app.screen.query_one(KeyFooter)
        keys, palette = footer_shown(app)
        await pilot.hover(KeyFooter, offset=(palette.x + 2, 0))
        await steady(pilot)
        assert footer.tooltip == "Open the command palette"  # as on Textual's footer
        lit, plain = (painted_style(app, x).bgcolor for x in (palette.x + 1, 0))
        assert lit != plain  # the key under the mouse is lit
        [f1] = [spot for spot in keys if spot.item.key == "f1"]
        await pilot.click(KeyFooter, offset=(f1.x + 1, 0))
        await steady(pilot)
        assert app.screen.query("HelpPanel")  # the keys panel opened beside the screen
        _, palette = footer_shown(app)  # the footer is narrower beside the panel
        await pilot.click(KeyFooter, offset=(palette.x + 2, 0))
        await steady(pilot)
        assert type(app.screen).__name__ == "CommandPalette"


async def test_the_coach_view_starts_with_its_keys_and_no_second_line(coach_app) -> None:
    with new_lines() as changed:
        async with coach_app.run_test(size=SIZE) as pilot:
            await steady(pilot)
            assert footer_keys(coach_app)
            footer_shown(coach_app)
    assert changed == []


async def test_a_binding_for_an_action_already_shown_is_left_out() -> None:
    """Two keys for one action (Textual's footer shows the first): "j" is not offered too."""
    from textual.app import App, ComposeResult

    class Twice(App[None]):
        BINDINGS: ClassVar = [Binding("down", "next", "Next"), Binding("j", "next", "Next")]

        def compose(self) -> ComposeResult:
            yield KeyFooter()

    app = Twice()
    async with app.run_test(size=(40, 3)) as pilot:
        await steady(pilot)
        assert [item.key for item in app.screen.query_one(KeyFooter).line.keys] == ["down"]
        assert footer_keys(app) == {"down"}


@given(
    words=st.lists(st.text(alphabet="abc xyz", max_size=14), max_size=24),
    palette=st.booleans(),
    width=st.integers(min_value=0, max_value=200),
)
def test_keys_are_placed_in_order_one_space_apart_and_cut_at_the_palettes_bar(
    words: list[str], palette: bool, width: int
) -> None:
    def item(n: int, description: str) -> FooterItem:
        return FooterItem(f"k{n}", f"k{n}", description, f"act{n}", True, "")

    line = FooterLine(
        tuple(item(n, w) for n, w in enumerate(words)), item(99, "palette") if palette else None
    )
    keys, spot = place(line, width)
    end = spot.x if spot else width  # where the palette's bar begins
    if spot:
        assert spot.x + spot.width == width and spot.bar == 1  # at the right edge
        assert spot.whole == (width >= 1 + spot.item.width)
    assert [placed.item for placed in keys] == list(line.keys)  # every key, in order
    x = 0
    for placed in keys:
        assert placed.x == x  # one space after the key before
        assert 0 <= placed.width <= placed.item.width
        assert placed.x + placed.width <= max(end, placed.x)  # never over the palette's bar
        if placed.x + placed.item.width <= end:
            assert placed.whole  # room for it: whole
        elif placed.x < end:
            assert placed.width == end - placed.x  # cut only at the bar, showing what fits
        x += placed.item.width + 1
