"""An idle projector costs little: from one second to the next the status changes its words but
not its height, so the screen is not laid out again; the bar moves in whole seconds, with the
digits; the block lines are drawn once a render, not once a row."""

from __future__ import annotations

from typing import Any

import pytest

from lp_tui.domain.timers import EventKind
from lp_tui.ui.clock import ClockScreen, show_words
from lp_tui.ui.widgets.big_digits import BigDigits
from lp_tui.ui.widgets.big_text import BigText
from tests.app.conftest import steady

RUNNING = ((EventKind.START, "welcome", 0),)
AT = 5 * 60 + 20  # 9:40 left of 15 minutes


@pytest.fixture
def projector(clock_app, clock, log_agenda):
    log_agenda(*RUNNING)
    clock.advance(AT)
    return clock_app


def spy_refresh(widget: Any) -> list[bool]:
    """Every refresh of ``widget`` from now on, as whether it asked for a layout."""
    layouts: list[bool] = []
    original = widget.refresh

    def refresh(*args: Any, layout: bool = False, **kwargs: Any) -> Any:
        layouts.append(layout)
        return original(*args, layout=layout, **kwargs)

    widget.refresh = refresh
    return layouts


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_a_second_later_the_status_changes_without_a_layout(projector, clock, size) -> None:
    async with projector.run_test(size=size) as pilot:
        await steady(pilot)
        screen = projector.screen
        assert isinstance(screen, ClockScreen)
        status = screen.query_one("#clock-status", BigText)
        before = status.value
        lines = len(status.shown_lines(status.size.width))
        layouts = spy_refresh(status)
        clock.advance(1)
        screen.tick()
        assert status.value != before
        assert "09:39 left" in status.value
        assert layouts == [False]
        assert len(status.shown_lines(status.size.width)) == lines


async def test_words_that_take_more_lines_lay_the_screen_out_again(projector) -> None:
    async with projector.run_test(size=(80, 24)) as pilot:
        await steady(pilot)
        status = projector.screen.query_one("#clock-status", BigText)
        lines = len(status.shown_lines(status.size.width))
        layouts = spy_refresh(status)
        longer = " ".join(["running"] * 40)
        show_words(status, longer)
        assert status.value == longer
        assert len(status.shown_lines(status.size.width)) > lines
        assert layouts == [True]
        show_words(status, longer)  # the same words: nothing to do
        assert layouts == [True]


async def test_the_bar_moves_in_whole_seconds(projector, clock) -> None:
    async with projector.run_test(size=(120, 40)) as pilot:
        await steady(pilot)
        screen = projector.screen
        bar = screen.query_one("#clock-progress")
        clock.advance(0.6)
        screen.tick()
        assert bar.progress == AT
        clock.advance(0.6)
        screen.tick()
        assert bar.progress == AT + 1


async def test_block_lines_are_drawn_once_a_render(projector, clock) -> None:
    async with projector.run_test(size=(200, 50)) as pilot:
        await steady(pilot)
        digits = projector.screen.query_one("#clock-digits", BigDigits)
        drawn: list[str] = []
        original = digits.shown_lines

        def shown_lines(width: int, height: int) -> list[str]:
            drawn.append(digits.value)
            return original(width, height)

        digits.shown_lines = shown_lines  # type: ignore[method-assign]
        digits.update("12:34")
        rows = [digits.render_line(y).text for y in range(digits.size.height)]
        assert drawn == ["12:34"]
        assert any(row.strip() for row in rows)
        digits.update("12:33")
        again = [digits.render_line(y).text for y in range(digits.size.height)]
        assert drawn == ["12:34", "12:33"]
        assert again != rows
