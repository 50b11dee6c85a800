"""The projector clock at any size: its digits are always whole (the largest block size that
fits, plain digits where none does), the item's name and status grow on a big screen, and it
starts in high contrast with every text at least 4.5:1 against its background."""

from __future__ import annotations

from datetime import UTC

import pytest
from textual.widget import Widget

from lp_tui.domain.timers import EventKind
from lp_tui.ui.clock import ClockApp
from lp_tui.ui.widgets.big_digits import BigDigits
from lp_tui.ui.widgets.big_text import BigText
from lp_tui.ui.widgets.block_font import GLYPHS, ROWS, fitting_size, height_of, render, width_of
from tests.app.conftest import steady

# Day 2's first item (15 min) started 13 min 20 s ago: 01:40 left, wrapping up (amber).
RUNNING = ((EventKind.START, "welcome", 0),)
AT = 13 * 60 + 20


@pytest.fixture
def projector(clock_app, clock, log_agenda):
    log_agenda(*RUNNING)
    clock.advance(AT)
    return clock_app


def decode(lines: list[str], size: int) -> str:
    """The characters a block rendering shows, read back pixel by pixel."""
    halves: list[str] = []
    for line in lines:
        top = "".join("#" if ch in "█▀" else " " for ch in line)
        bottom = "".join("#" if ch in "█▄" else " " for ch in line)
        halves += [top, bottom]
    rows = [halves[r * size][::size] for r in range(ROWS)]
    out, column = "", 0
    while column < len(rows[0]):
        for ch, glyph in GLYPHS.items():
            width = len(glyph[0])
            fits = all(
                rows[r][column : column + width] == glyph[r].ljust(width) for r in range(ROWS)
            )
            if fits and ch != " ":
                out += ch
                column += width + 1
                break
        else:
            column += 1
    return out


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8])
@pytest.mark.parametrize("text", ["03:20", "00:00", "+12:05", "59:59"])
def test_a_block_rendering_reads_back_as_its_text(text: str, size: int) -> None:
    lines = render(text, size)
    assert len(lines) == height_of(size)
    assert {len(line) for line in lines} == {width_of(text, size)}
    assert decode(lines, size) == text


@pytest.mark.parametrize(
    ("width", "height"), [(80, 24), (120, 40), (200, 50), (80, 17), (60, 18), (40, 12), (30, 8)]
)
async def test_the_digits_are_whole_at_any_size(projector, width: int, height: int) -> None:
    async with projector.run_test(size=(width, height)) as pilot:
        await steady(pilot)
        digits = projector.screen.query_one("#clock-digits", BigDigits)
        room = digits.size
        assert digits.value == "01:40"
        size = fitting_size(digits.value, room.width, room.height)
        shown = [line for line in digits.shown_lines(room.width, room.height) if line.strip()]
        if size:
            assert len(shown) <= room.height and max(map(len, shown)) <= room.width
            assert decode(render(digits.value, size), size) == "01:40"
            assert shown == [line for line in render("01:40", size) if line.strip()]
        else:
            assert shown == ["01:40"]  # too small for any block: the digits as they are
        lines = [
            projector.screen.query_one("#clock-digits").render_line(y) for y in range(room.height)
        ]
        text = "".join(strip.text for strip in lines)
        assert ("01:40" in text) or ("█" in text)


async def test_on_a_big_screen_the_title_and_status_are_drawn_large(projector) -> None:
    async with projector.run_test(size=(200, 50)) as pilot:
        await steady(pilot)
        title = projector.screen.query_one("#clock-title", BigText)
        status = projector.screen.query_one("#clock-status", BigText)
        assert title.content == "Welcome back and check-in"
        assert title.big_lines(title.size.width) is not None
        assert title.size.height == 3  # one line of the block font
        assert status.big_lines(status.size.width) is not None
        assert decode(status.big_lines(status.size.width) or [], 1) == "▲WRAPUP01:40LEFT"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50), (60, 18), (81, 24), (121, 40)])
async def test_the_progress_bar_spans_the_digits(projector, size: tuple[int, int]) -> None:
    async with projector.run_test(size=size) as pilot:
        await steady(pilot)
        digits = projector.screen.query_one("#clock-digits", BigDigits)
        bar = projector.screen.query_one("#clock-progress")
        lines = [line for line in digits.drawn_lines() if line.strip()]
        left = min(len(line) - len(line.lstrip()) for line in lines)
        right = max(len(line.rstrip()) for line in lines)
        painted = [digits.render_line(y).text for y in range(digits.size.height)]
        drawn_left = digits.region.x + min(
            len(row) - len(row.lstrip()) for row in painted if row.strip()
        )  # where the digits' first column is painted
        assert bar.region.width == right - left  # as wide as the digits are drawn
        assert bar.region.x == drawn_left  # and under them, at odd widths too
        await pilot.resize_terminal(100, 30)  # the window changed: the bar follows
        await pilot.pause()
        assert bar.region.width == digits.drawn_width() == 85


async def test_at_80x24_the_words_are_plain_and_whole(projector) -> None:
    async with projector.run_test(size=(80, 24)) as pilot:
        await steady(pilot)
        title = projector.screen.query_one("#clock-title", BigText)
        status = projector.screen.query_one("#clock-status", BigText)
        assert title.shown_lines(title.size.width) == ["Welcome back and check-in"]
        assert status.shown_lines(status.size.width) == ["▲ WRAP UP 01:40 left"]


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(widget: Widget) -> float:
    _, _, background, color = widget.colors
    shown = background + color  # a colour with alpha is blended over the background
    lighter, darker = sorted((luminance(shown.rgb), luminance(background.rgb)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("after", [60, AT, 16 * 60])  # running, wrapping up, over time
async def test_it_starts_in_high_contrast_and_every_text_reads_at_4_5_to_1(
    clock_app, clock, log_agenda, after: int
) -> None:
    log_agenda(*RUNNING)
    clock.advance(after)
    async with clock_app.run_test(size=(120, 40)) as pilot:
        await steady(pilot)
        assert clock_app.theme == "lp-high-contrast"
        for selector in (
            "#clock-day",
            "#clock-title",
            "#clock-digits",
            "#clock-status",
            "#clock-next",
            "#clock-keys",
        ):
            widget = clock_app.screen.query_one(selector)
            assert contrast(widget) >= 4.5, (selector, contrast(widget))


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50), (30, 8), (80, 17)])
def test_snapshot_projector_at_each_size(projector, snap_compare, size) -> None:
    assert snap_compare(projector, terminal_size=size)


SIZES = [(30, 8), (40, 10), (50, 10), (60, 12), (80, 17), (60, 18), (80, 24), (120, 40), (200, 50)]


def on_screen(app, selector: str) -> bool:
    """The widget is shown, whole, inside the screen (not pushed below it)."""
    widget = app.screen.query_one(selector)
    region = widget.region
    return (
        widget.display
        and region.height >= 1
        and app.screen.region.contains_region(region)
        and region.height >= widget.virtual_size.height
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
async def test_the_time_the_item_and_its_status_are_on_screen_at_any_size(
    projector, width: int, height: int
) -> None:
    """What the back of the room reads: the time left, the item and how it stands. Where the
    screen is short, the day's heading, the bar and what comes next give way first."""
    async with projector.run_test(size=(width, height)) as pilot:
        await steady(pilot)
        app = projector
        for selector in ("#clock-digits", "#clock-title", "#clock-status", "#clock-keys"):
            assert on_screen(app, selector), (selector, app.screen.query_one(selector).region)
        digits = app.screen.query_one("#clock-digits", BigDigits)
        room = digits.size
        size = fitting_size(digits.value, room.width, room.height)
        painted = [strip.text for strip in app.screen._compositor.render_strips()]
        if size:  # the block digits, read back from the screen as painted
            shown = [line.strip() for line in render("01:40", size)]
            assert all(any(row in line for line in painted) for row in shown if row)
        else:
            assert any("01:40" in line for line in painted)
        status = app.screen.query_one("#clock-status", BigText)
        if status.big_lines(status.size.width) is None:  # a projector's height draws it big
            assert any("▲ WRAP UP 01:40 left" in line for line in painted)


@pytest.mark.parametrize(("width", "height"), [(120, 40), (80, 24), (80, 17), (60, 14)])
async def test_on_a_tall_enough_screen_nothing_gives_way(projector, width, height) -> None:
    async with projector.run_test(size=(width, height)) as pilot:
        await steady(pilot)
        for selector in ("#clock-day", "#clock-next", "#clock-progress"):
            assert on_screen(projector, selector), selector


async def test_on_a_tiny_screen_a_long_title_takes_two_lines_and_the_time_its_room(
    clock_app, clock, log_agenda, rotation
) -> None:
    """At 30x8 the rotation's long title wrapped to three lines and the digits shrank to
    plain text; two lines, the second cut with "…", leave the digits a block's height."""
    log_agenda((EventKind.START, "darzi-rotation", 0))
    clock.advance(60)
    async with clock_app.run_test(size=(30, 8)) as pilot:
        await steady(pilot)
        title = clock_app.screen.query_one("#clock-title", BigText)
        lines = title.shown_lines(title.size.width)
        assert lines == ["Darzi Fellow case studies:", "two presentations at each…"]
        assert title.size.height == 2
        digits = clock_app.screen.query_one("#clock-digits", BigDigits)
        room = digits.size
        assert fitting_size(digits.value, room.width, room.height)  # drawn in blocks
        assert on_screen(clock_app, "#clock-status")


async def test_on_a_tiny_screen_no_plan_is_one_line_under_the_title(clock_app, clock, log_agenda):
    log_agenda((EventKind.START, "darzi-rotation", 0))
    clock.advance(60)
    async with clock_app.run_test(size=(30, 8)) as pilot:
        await steady(pilot)
        round_line = clock_app.screen.query_one("#clock-round")
        assert str(round_line.render()) == "No rotation planned yet"
        assert round_line.size.height == 1
        digits = clock_app.screen.query_one("#clock-digits", BigDigits)
        assert fitting_size(digits.value, digits.size.width, digits.size.height)


async def digit_rows(repo, demo, programme, clock, size: tuple[int, int]) -> int:
    app = ClockApp(repo, demo[0].id, programme, day=2, clock=clock, tz=UTC, poll_seconds=0.1)
    async with app.run_test(size=size) as pilot:
        await steady(pilot)
        assert app.screen.query_one("#clock-round").display  # a round is shown
        digits = app.screen.query_one("#clock-digits", BigDigits)
        return len([line for line in digits.drawn_lines() if line.strip()])


async def test_in_a_rotation_a_taller_screen_never_has_smaller_digits(
    repo, demo, programme, clock, rotation, log_agenda
) -> None:
    """The round's line costs the spacing below 30 lines, not the digits' size: at 80x24 they
    were 7 rows tall against 10 at 80x17."""
    log_agenda((EventKind.START, "darzi-rotation", 0))
    clock.advance(10 * 60)
    rows = [
        await digit_rows(repo, demo, programme, clock, (80, height))
        for height in (17, 20, 23, 24, 26, 29, 30, 34, 40)
    ]
    assert rows == sorted(rows), rows
    assert rows[3] >= 10  # 80x24


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_projector_in_a_round(
    clock_app, snap_compare, rotation, log_agenda, clock, size
) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))
    clock.advance(10 * 60)
    assert snap_compare(clock_app, terminal_size=size, run_before=steady)
