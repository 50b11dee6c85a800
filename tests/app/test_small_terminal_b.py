"""The grids at 80x24 (an SSH terminal) and at 120x40: the tables, rotations, tally, follow-up,
feedback, behaviours and self-assessment screens and their dialogs reflow or scroll so every
table, round and column can be reached, and every footer key shows whole."""

from __future__ import annotations

import itertools
from datetime import UTC, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.containers import VerticalScroll
from textual.widgets import DataTable, OptionList

from lp_tui.domain.clock import FixedClock, iso
from lp_tui.domain.columns import BORDER, MAX_NAME, MIN_NAME, ROW_EXTRA, card_layout
from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.demo_day import demo_activity
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.evaluation import EvaluationScreen
from lp_tui.ui.widgets.row_table import RowTable
from lp_tui.ui.widgets.table_card import NAME_WIDTH, CardGrid, TableCard
from tests.app.conftest import footer_shown, steady, wait_for_message, wait_until
from tests.conftest import DEMO_MOMENT

SMALL, LARGE = (80, 24), (120, 40)
SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
AFTER_DAY_2 = DEMO_MOMENT + timedelta(hours=6)  # Day 2 at 15:30: its activity all done


# ---------------------------------------------------------------- the card layout, for any width
@given(
    width=st.integers(min_value=0, max_value=400),
    cards=st.integers(min_value=0, max_value=12),
    longest=st.integers(min_value=0, max_value=40),
)
def test_card_layout_never_breaks_a_name_it_has_room_for(
    width: int, cards: int, longest: int
) -> None:
    layout = card_layout(width, cards, longest)
    assert layout.columns == card_layout(width, cards).columns  # names never cost a column
    assert 1 <= layout.columns <= max(1, cards)
    assert MIN_NAME <= layout.name_width <= MAX_NAME
    assert layout.padding in (0, 1)
    outer = (width - (layout.columns - 1)) // layout.columns
    needed = BORDER + 2 * layout.padding + ROW_EXTRA + layout.name_width
    if width >= BORDER + ROW_EXTRA + MIN_NAME:  # room for one card: every row fits on one line
        assert needed <= outer
    if layout.columns < max(1, cards):  # one more column would not fit a name of MIN_NAME
        more = layout.columns + 1
        assert (width - (more - 1)) // more < BORDER + ROW_EXTRA + MIN_NAME
    wanted = max(MIN_NAME, min(MAX_NAME, longest))
    room = outer - BORDER - ROW_EXTRA
    if room >= wanted:  # the longest name has room: it shows whole, padding or not
        assert layout.name_width >= wanted
    if layout.padding:  # padding only where the longest name still fits beside it
        assert layout.name_width >= wanted


@pytest.mark.parametrize(
    ("width", "longest", "name_width", "padding"),
    [
        (116, 17, 18, 0),
        (116, 16, 16, 1),
        (116, 12, 16, 1),
        (116, 30, 18, 0),
        (196, 17, 17, 0),
        (196, 14, 15, 1),
    ],
)
def test_a_long_name_takes_the_padding_first(
    width: int, longest: int, name_width: int, padding: int
) -> None:
    layout = card_layout(width, 7, longest)
    assert (layout.name_width, layout.padding) == (name_width, padding)


@pytest.mark.parametrize(
    ("width", "cards", "columns"), [(76, 7, 2), (116, 7, 4), (118, 7, 4), (196, 7, 7), (76, 1, 1)]
)
def test_card_layout_at_common_widths(width: int, cards: int, columns: int) -> None:
    assert card_layout(width, cards).columns == columns


# ---------------------------------------------------------------- a busy cohort, always the same
@pytest.fixture
def demo(repo, clock, programme, monkeypatch):
    """The demo cohort with a full run of its days; ids counted, so every run draws the same."""
    counter = itertools.count(1)
    monkeypatch.setattr("lp_tui.domain.demo.new_id", lambda: f"{next(counter):032x}")
    cohort, people = demo_cohort(iso(clock.now()), programme.key)
    repo.add_cohort(cohort, people)
    repo.add_activity(demo_activity(cohort, people, programme))
    return cohort, people


def busy_app(repo, demo, programme, day: int = 2) -> FacilitatorApp:
    cohort, _ = demo
    clock = FixedClock(AFTER_DAY_2 if day == 2 else AFTER_DAY_2 + timedelta(days=14))
    return FacilitatorApp(
        repo, cohort.id, programme, day=day, clock=clock, tz=UTC, poll_seconds=0.1
    )


@pytest.fixture
def day2(repo, demo, programme) -> FacilitatorApp:
    return busy_app(repo, demo, programme, day=2)


@pytest.fixture
def day3(repo, demo, programme) -> FacilitatorApp:
    return busy_app(repo, demo, programme, day=3)


def inside(widget, outer) -> bool:
    """The widget's whole region shows within ``outer``'s (the screen or a scroll view)."""
    region, box = widget.region, outer.region
    return region.width > 0 and box.contains_region(region)


# ---------------------------------------------------------------- tables
async def test_tables_at_80x24_two_columns_of_whole_names_and_every_table_reachable(day2) -> None:
    async with day2.run_test(size=SMALL) as pilot:
        await pilot.press("t")
        await pilot.pause()
        grid = day2.screen.query_one(CardGrid)
        cards = list(day2.screen.query(TableCard))
        assert len(cards) == 7
        assert grid.styles.grid_size_columns == 2
        people = day2.snapshot.people(day2.cohort_id)
        longest = max(len(p.name) for p in people)
        assert longest <= MAX_NAME
        assert all(card.name_width >= longest for card in cards)  # no name cut
        for card in cards:  # each member on one line: the card is as tall as its rows
            assert card.content_size.width >= BORDER + ROW_EXTRA + card.name_width - BORDER
        scroll = day2.screen.query_one("#tables-scroll", VerticalScroll)
        assert not inside(cards[-1], scroll)  # the last table starts below the fold
        for _ in range(len(cards) - 1):
            await pilot.press("right")
        await pilot.pause()
        assert scroll.scroll_y > 0
        assert inside(cards[-1], scroll)  # the highlight brought it in
        assert cards[-1].has_class("-current")


async def test_tables_at_120x40_four_columns(day2) -> None:
    async with day2.run_test(size=LARGE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert day2.screen.query_one(CardGrid).styles.grid_size_columns == 4
        cards = list(day2.screen.query(TableCard))
        longest = max(card.longest_name for card in cards)
        assert longest == len("Bernard Whitfield") > NAME_WIDTH  # cut at 16 in padded cards
        assert all(card.name_width >= longest for card in cards)  # whole: padding given up
        assert all(card.styles.padding.left == 0 for card in cards)


# ---------------------------------------------------------------- rotations
async def test_rotations_at_80x24_reach_the_last_table_with_the_round_column_kept(day2) -> None:
    async with day2.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        await pilot.pause()
        grid = day2.screen.query_one("#rotation-grid", DataTable)
        assert grid.fixed_columns == 1
        columns = len(grid.columns)
        assert columns == 8  # Round and 7 tables
        assert grid.virtual_size.width > grid.size.width  # they do not all fit at once
        for _ in range(columns):
            await pilot.press("right")
        await pilot.pause()
        assert grid.cursor_column == columns - 1
        assert grid.scroll_x > 0
        region = grid._get_cell_region(grid.cursor_coordinate)
        assert region.right - grid.scroll_x <= grid.scrollable_content_region.width  # whole


# ---------------------------------------------------------------- evaluation
async def test_evaluation_at_80x24_shows_every_question_and_the_hint(day3) -> None:
    async with day3.run_test(size=SMALL) as pilot:
        await pilot.press("e")
        await pilot.pause()
        screen = day3.screen
        assert isinstance(screen, EvaluationScreen)
        assert screen.compact
        await pilot.press("4", "5")
        await pilot.pause()
        text = str(screen.query_one("#form-questions").render())
        lines = text.splitlines()
        for index, question in enumerate(screen.questions, start=1):  # one line a question
            [line] = [line for line in lines if line[2:].startswith(f"{index:>2}. ")]
            assert question.label.split()[0] in line
        assert "4" in lines[0] and "5" in lines[1] and "?" in lines[2]  # answers first
        assert inside(screen.query_one("#form-hint"), screen)
        tally = screen.query_one("#tally-scroll", VerticalScroll)
        assert tally.region.width >= 36  # the form and the tally share the width


async def test_evaluation_at_120x40_keeps_two_lines_a_question(day3) -> None:
    async with day3.run_test(size=LARGE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert not day3.screen.compact
        assert day3.screen.query_one("#form-entry").region.width == 50


# ---------------------------------------------------------------- follow-up and feedback
@pytest.mark.parametrize(
    ("key", "side", "table"),
    [("u", "#followup-side", "#followup-people"), ("f", "#feedback-side", "#feedback-feed")],
)
async def test_side_panel_scrolls_and_the_name_column_stays(day2, key, side, table) -> None:
    async with day2.run_test(size=SMALL) as pilot:
        await pilot.press(key)
        await pilot.pause()
        panel = day2.screen.query_one(side, VerticalScroll)
        rows = day2.screen.query_one(table, RowTable)
        assert rows.fixed_columns == 1
        assert rows.region.width >= 44  # the side panel leaves the table most of the width
        panel.scroll_end(animate=False)
        await pilot.pause()
        last = list(panel.children)[-1]
        assert inside(last, panel) or last.region.bottom <= panel.region.bottom


# ---------------------------------------------------------------- dialogs
async def test_choose_person_fits_a_short_terminal(day2) -> None:
    async with day2.run_test(size=SMALL) as pilot:
        await pilot.press("r", "d")
        await pilot.pause()
        dialog = day2.screen.query_one(".dialog")
        assert inside(dialog, day2.screen)
        assert day2.screen.query_one("#person-list", OptionList).styles.max_height is not None


# ---------------------------------------------------------------- every footer key whole
SCREENS = ["t", "r", "e", "f", "v", "u", "y"]


def footer_cut(app) -> list[str]:
    """The footer keys of the screen shown that do not show whole (as painted) left of ^p
    palette."""
    keys, palette = footer_shown(app)
    assert keys and palette.whole
    return [
        f"{spot.item.shown} {spot.item.description}"
        for spot in keys
        if not spot.whole or spot.x + spot.width > palette.x
    ]


@pytest.mark.parametrize("key", SCREENS)
async def test_every_footer_key_shows_whole_at_80x24(day2, key) -> None:
    async with day2.run_test(size=SMALL) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert footer_cut(day2) == []


# ---------------------------------------------------------------- snapshots, both sizes
def snap(app, snap_compare, size, *keys: str, then=None) -> bool:
    async def run_before(pilot) -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if then is not None:
            await then(pilot)
        await steady(pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_snapshot_tables_last_table(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "t", *["right"] * 6, "down")


@SIZES
def test_snapshot_allocate_again_with_one_pinned(day2, snap_compare, size) -> None:
    """A again once someone is pinned: the question says the pinned stay where they are."""

    async def allocate_again(pilot) -> None:
        await wait_for_message(pilot, "Rule saved: ", part=True)  # the pin has landed
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, Confirm))

    assert snap(day2, snap_compare, size, "t", "P", then=allocate_again)


@SIZES
def test_snapshot_move_dialog(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "t", "m")


@SIZES
def test_snapshot_move_dialog_from_a_table_of_five(day2, repo, demo, snap_compare, size) -> None:
    """The table left behind would be short: the dialog says so above the choices."""
    [*_, seating] = [s for s in repo.snapshot().seatings(demo[0].id) if s.day == 2]
    small = next(i for i, t in enumerate(seating.tables) if len(t.members) == 5)
    assert snap(day2, snap_compare, size, "t", *["right"] * small, "m")


@SIZES
def test_snapshot_give_back_on_a_finished_day(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "g")


@SIZES
def test_snapshot_why_dialog(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "t", "w")


@SIZES
def test_snapshot_rotations_last_table(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "r", *["right"] * 7)


@SIZES
def test_snapshot_choose_presenter(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "r", "d")


@SIZES
def test_snapshot_visit_feedback_dialog(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "r", "right", "f")


@SIZES
def test_snapshot_presenter_comment_dialog(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "r", "o", *"Blake", "enter")


@SIZES
def test_snapshot_evaluation_keying(day3, snap_compare, size) -> None:
    assert snap(day3, snap_compare, size, "e", "4", "5", "space")


@SIZES
def test_snapshot_feedback_feed(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "f")


@SIZES
def test_snapshot_feedback_per_participant_scrolled(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "f", "s", *["right"] * 4)


@SIZES
def test_snapshot_follow_up(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "u", "down")


@SIZES
def test_snapshot_one_month_dialog(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "u", "down", "1")


@SIZES
def test_snapshot_behaviours(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "v", "tab")


@SIZES
def test_snapshot_self_assessment_keying(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "y", "enter", *"Eileen", "enter", "4", "3")


@SIZES
def test_snapshot_export_dialog(day2, snap_compare, size, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the folder is shown relative to here: data/exports
    assert snap(day2, snap_compare, size, "t", "x")


@SIZES
def test_snapshot_three_months_dialog(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "u", "down", "3")


@SIZES
def test_snapshot_fold_into_dialog(day2, snap_compare, size) -> None:
    assert snap(day2, snap_compare, size, "v", "down", "down", "down", "down", "i")


@SIZES
def test_snapshot_key_again_dialog(day3, snap_compare, size) -> None:
    assert snap(day3, snap_compare, size, "e", "V")
