"""At 80x24 (SSH's size) and 120x40: the footer, the agenda, check-in, people and the coach's
screens. Each footer shows its screen's own keys whole, with f1 and ^p; the screen-switch keys
live in the keys panel (f1) and the palette (ctrl+p), both naming every one in words."""

from __future__ import annotations

import io
from datetime import UTC

import pytest
from rich.console import Console
from textual.binding import Binding
from textual.widgets import DataTable, Digits, Static
from textual.widgets._key_panel import BindingsTable

from lp_tui.domain.clock import iso
from lp_tui.domain.model import Observation, PeerFeedback, new_id
from lp_tui.domain.timers import EventKind, cut_words
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.coach import CoachApp, CoachScreen
from lp_tui.ui.screens.agenda import COLUMNS as AGENDA_COLUMNS
from lp_tui.ui.screens.agenda_dialogs import ItemNote, TrimDialog
from lp_tui.ui.screens.checkin import COLUMNS as CHECKIN_COLUMNS
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.form_dialog import FormDialog
from lp_tui.ui.screens.people import COLUMNS as PEOPLE_COLUMNS
from lp_tui.ui.screens.sheet_view import SheetView
from lp_tui.ui.widgets.now_panel import NowPanel
from lp_tui.ui.widgets.row_table import RowTable
from tests.app.conftest import footer_keys, footer_shown, steady, type_keys, wait_until
from tests.app.test_coach_calls import calls  # noqa: F401 - the fixture

SMALL = (80, 24)
SIZES = [SMALL, (120, 40)]
IDS = ["80x24", "120x40"]
SWITCHES = [
    b
    for b in FacilitatorApp.BINDINGS
    if isinstance(b, Binding) and b.action.startswith("switch_mode(")
]


def assert_footer_whole(app, own: set[str]) -> None:
    """Every footer key whole (as painted), left of the palette key, the screen's ``own`` keys
    and f1 among them, and no screen-switch key."""
    keys, palette = footer_shown(app)
    assert palette.whole and palette.x + palette.width == app.size.width
    for spot in keys:
        assert spot.whole and spot.x >= 0 and spot.x + spot.width <= palette.x, spot.item
    assert own | {"f1"} <= {spot.item.key for spot in keys}
    assert not {spot.item.action for spot in keys} & {b.action for b in SWITCHES}


def panel_text(app) -> str:
    """What the keys panel (f1) says, as text."""
    table = app.screen.query_one(BindingsTable).render_bindings_table()
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text()


def line(table: DataTable, y: int) -> str:
    """The text of the table's line ``y`` as drawn (0: the header)."""
    return table.render_line(y).text


async def opened(pilot, key: str | None = None) -> None:
    if key:
        await pilot.press(key)
    await pilot.pause(0.2)
    await steady(pilot)


# ---------------------------------------------------------------- footers


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_agenda_footer_fits_with_its_own_keys(app, size) -> None:
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        assert_footer_whole(app, {"space", "n", "plus", "minus", "s"})
        assert "g" not in footer_keys(app)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_behind_the_give_back_key_joins_and_all_fits(app, log_agenda, clock, size) -> None:
    log_agenda((EventKind.START, "welcome", 0))
    clock.advance(40 * 60)
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        assert_footer_whole(app, {"space", "n", "plus", "minus", "s", "g"})


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_check_in_footer_fits_with_its_own_keys(app, size) -> None:
    async with app.run_test(size=size) as pilot:
        await opened(pilot, "c")
        assert_footer_whole(app, {"enter", "ctrl+l", "ctrl+o", "ctrl+z", "escape"})


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_people_footer_fits_with_its_own_keys(app, size) -> None:
    async with app.run_test(size=size) as pilot:
        await opened(pilot, "p")
        assert_footer_whole(app, {"ctrl+y", "escape"})


@pytest.mark.parametrize("size", SIZES, ids=IDS)
@pytest.mark.usefixtures("calls")  # r and f act on a call: a coach with calls to make
async def test_the_coach_footer_fits_with_its_own_keys(coach_app, size) -> None:
    async with coach_app.run_test(size=size) as pilot:
        await opened(pilot)
        assert_footer_whole(coach_app, {"p", "v", "e", "w"})
        await opened(pilot, "c")
        assert_footer_whole(coach_app, {"escape", "r", "f"})


async def test_the_keys_panel_names_every_screen_switch_key(app) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot, "f1")
        panel = panel_text(app)
        for binding in SWITCHES:
            if binding.action != "switch_mode('agenda')":  # the screen shown
                assert binding.description in panel
        for words in ("Export", "Quit", "Insert", "Note", "Speaker", "Undo"):
            assert words in panel


async def test_the_palette_names_every_screen_switch_key(app) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot, "c")
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        for binding in SWITCHES:
            title = f"Go to {binding.description}"
            assert title in commands
            assert f"({binding.key})" in commands[title]
        assert "Export" in commands and "Quit" in commands


async def test_the_coach_keys_out_of_the_footer_are_in_the_palette_and_panel(coach_app) -> None:
    async with coach_app.run_test(size=SMALL) as pilot:
        await opened(pilot, "f1")
        panel = panel_text(coach_app)
        commands = {c.title: c.help for c in coach_app.get_system_commands(coach_app.screen)}
        for binding in CoachScreen.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.description in panel
            assert f"({binding.key})" in commands[binding.description]


async def test_a_coach_palette_command_acts_like_its_key(coach_app) -> None:
    async with coach_app.run_test(size=SMALL) as pilot:
        await opened(pilot)
        commands = {c.title: c.callback for c in coach_app.get_system_commands(coach_app.screen)}
        commands["My calls"]()
        await pilot.pause()
        assert type(coach_app.screen).__name__ == "CoachCalls"


# ---------------------------------------------------------------- the agenda at 80x24


async def test_every_item_shows_its_time_title_and_status_at_80x24(app, log_agenda) -> None:
    log_agenda((EventKind.START, "welcome", 0))
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot)
        table = app.screen.query_one("#agenda", RowTable)
        assert "Status" in line(table, 0)
        clock = app.screen.clock
        assert clock is not None
        title_width = table.widths[2]
        assert title_width >= len("Behaviours we appreciate in others at")
        for index, item in enumerate(clock.items):
            table.move_cursor(row=index, animate=False)
            await pilot.pause()
            drawn = line(table, index + 1 - int(table.scroll_y))
            title = cut_words(item.title, title_width)
            assert len(title) <= title_width
            assert title in drawn, (title, drawn)
            status = str(table.get_row_at(index)[3]).strip()
            assert drawn.rstrip().endswith(status)
            assert str(table.get_row_at(index)[1]) in drawn  # the planned time


async def test_the_agenda_columns_after_the_status_are_a_scroll_away(app) -> None:
    """...and when the highlight follows a new current item (n), the table scrolls back to
    its time and title."""
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot)
        table = app.screen.query_one("#agenda", RowTable)
        assert "Length" not in line(table, 0)
        await pilot.press(*["right"] * 60)  # one cell a press
        await pilot.pause()
        assert table.scroll_x > 0
        assert "Note" in line(table, 0)
        await pilot.press("n", "n")  # the first item starts, then the second
        await wait_until(pilot, lambda: table.cursor_row == 1 and table.scroll_x == 0)
        assert "Item" in line(table, 0)


async def test_the_now_panel_is_compact_on_a_small_terminal(app, log_agenda) -> None:
    log_agenda((EventKind.START, "welcome", 0))
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot)
        panel = app.screen.query_one("#now", NowPanel)
        assert panel.has_class("-compact")
        assert (
            not panel.query_one("#now-clock").display or panel.query_one(Digits).region.height == 0
        )
        assert "15:00 left" in str(panel.query_one("#now-status", Static).render())
        assert panel.region.height <= 6
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: panel.query_one(Digits).region.height == 3)
        assert not panel.has_class("-compact")


async def test_the_title_column_grows_back_on_a_wider_terminal(app) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot)
        table = app.screen.query_one("#agenda", RowTable)
        narrow = list(table.widths)
        longest = max(len(item.title) for item in app.screen.clock.items)
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: table.widths != narrow and "Started" in line(table, 0))
        assert [str(c.label) for c in table.columns.values()] == [c for c, _ in AGENDA_COLUMNS]
        assert table.widths[2] >= longest  # every title whole: no cell of the column ends in "…"
        assert not any(
            str(table.get_row_at(row)[2]).endswith("…") for row in range(table.row_count)
        )


# ---------------------------------------------------------------- people, check-in, coach


@pytest.mark.parametrize(
    "mode, columns", [("people", PEOPLE_COLUMNS), ("checkin", CHECKIN_COLUMNS)]
)
async def test_every_column_is_in_view_at_80x24(app, mode, columns) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await app.switch_mode(mode)
        await opened(pilot)
        table = app.screen.query_one(RowTable)
        header = line(table, 0)
        for label, _ in columns:
            assert label in header, (label, header)
        for row in range(min(table.row_count, 10)):  # every cut cell ends in "…", at a word
            for cell, width in zip(table.get_row_at(row), table.widths, strict=True):
                assert len(str(cell)) <= width


async def test_the_person_card_keeps_each_fact_whole_at_80x24(app) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot, "p")
        card = str(app.screen.query_one("#person-card").render())
        for fact in ("Organisation:", "Experience:", "Follow-up call:", "Access needs:"):
            [at] = [ln for ln in card.splitlines() if fact in ln]
            assert at.split(fact)[1].strip(), fact  # the value on the same line
        summary = str(app.screen.query_one("#people-summary").render())
        assert "may be quoted" in summary
        assert all(len(ln) <= SMALL[0] for ln in summary.splitlines())


@pytest.mark.parametrize(
    "mode, columns", [("people", PEOPLE_COLUMNS), ("checkin", CHECKIN_COLUMNS)]
)
async def test_the_keys_panel_beside_a_table_refits_its_columns(app, mode, columns) -> None:
    """f1 narrows the table: its columns are fitted again, every one still in view, and
    widen back when the panel closes."""
    async with app.run_test(size=(120, 40)) as pilot:
        await app.switch_mode(mode)
        await opened(pilot)
        table = app.screen.query_one(RowTable)
        wide = list(table.widths)
        await opened(pilot, "f1")
        await wait_until(pilot, lambda: table.widths != wide)
        header = line(table, 0)
        for label, _ in columns:
            assert label in header, (label, header)
        await opened(pilot, "f1")
        await wait_until(pilot, lambda: table.widths == wide)


async def test_the_coach_entries_show_every_column_at_80x24(
    coach_app, repo, demo, seated, clock
) -> None:
    _entries(repo, demo, seated, clock)
    async with coach_app.run_test(size=SMALL) as pilot:
        await opened(pilot)
        table = coach_app.screen.query_one("#coach-recent", RowTable)
        header = line(table, 0)
        for label in ("Time", "What", "Who", "Behaviour", "Words"):
            assert label in header
        # the behaviours' list gives way (the logging dialog lists them): the members take
        # the width, and the entries are in view, not scrolled below the screen
        assert not coach_app.screen.query_one("#coach-behaviours").display
        assert coach_app.screen.query_one("#coach-table").size.width == SMALL[0] - 4
        assert table.row_count == 2
        assert table.region.height >= 4 and table.region.bottom <= SMALL[1] - 1


# ---------------------------------------------------------------- snapshots


def _entries(repo, demo, seated, clock) -> None:
    table = seated.tables[2]
    cohort, at = demo[0].id, iso(clock.now())
    repo.add_observation(
        Observation(
            id=new_id(),
            cohort=cohort,
            day=2,
            by=table.coach,
            about=table.members[0],
            behaviour="Listens well",
            at=at,
            note="let Owen finish before she came in with her own point",
        )
    )
    repo.add_peer_feedback(
        PeerFeedback(
            id=new_id(),
            cohort=cohort,
            day=2,
            by=table.coach,
            giver=table.members[1],
            receiver=table.members[2],
            behaviour="Builds on the ideas of others",
            at=at,
            words="you took my idea further than I could",
            table=3,
        )
    )


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_agenda_running(app, log_agenda, clock, snap_compare, size) -> None:
    log_agenda(
        (EventKind.START, "welcome", 0),
        (EventKind.NOTE, "welcome", 1, {"text": "started late: the lifts were out of order"}),
    )
    clock.advance(12 * 60)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_check_in(app, snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("c")
        await type_keys(pilot, *"ei")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_people(app, snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("p", "down", "down", "down", "down", "down")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_coach_view(coach_app, repo, demo, seated, clock, snap_compare, size) -> None:
    _entries(repo, demo, seated, clock)
    assert snap_compare(coach_app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_keys_panel(app, snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await opened(pilot, "f1")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
@pytest.mark.parametrize(
    "key, dialog", [("i", FormDialog), ("m", ItemNote)], ids=["insert", "note"]
)
def test_snapshot_agenda_dialogs(app, snap_compare, size, key, dialog) -> None:
    async def run_before(pilot) -> None:
        pilot.app.screen.query_one("#agenda", DataTable).move_cursor(row=2)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, dialog))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_give_back_dialog(app, log_agenda, clock, snap_compare, size) -> None:
    log_agenda((EventKind.START, "welcome", 0))
    clock.advance(40 * 60)

    async def run_before(pilot) -> None:
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TrimDialog))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_withdraw_confirm(coach_app, repo, demo, seated, clock, snap_compare, size):
    _entries(repo, demo, seated, clock)

    async def run_before(pilot) -> None:
        await pilot.pause(0.2)
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, Confirm))
        await steady(pilot)

    assert snap_compare(coach_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_member_sheet(coach_app, repo, demo, seated, clock, snap_compare, size) -> None:
    _entries(repo, demo, seated, clock)

    async def run_before(pilot) -> None:
        await pilot.pause(0.2)
        await pilot.press("s", "1")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, SheetView))
        await steady(pilot)

    assert snap_compare(coach_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_a_coach_the_tables_were_made_without(
    repo, demo, programme, seated, clock, snap_compare, size
) -> None:
    from lp_tui.domain.seating import coaches

    leading = {t.coach for t in seated.tables}
    [spare, *_] = [c for c in coaches(demo[1]) if c.id not in leading]
    app = CoachApp(repo, demo[0].id, programme, clock=clock, tz=UTC, coach_id=spare.id)
    assert snap_compare(app, terminal_size=size, run_before=steady)
