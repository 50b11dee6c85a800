"""Every view follows the day the facilitator runs; the facilitator switches day in the app."""

from __future__ import annotations

import errno
import threading
from datetime import UTC, timedelta

import pytest
from textual.widgets import Input, Label

from lp_tui.domain.clock import iso
from lp_tui.domain.live_day import LiveDay
from lp_tui.domain.model import new_id
from lp_tui.domain.timers import EventKind, running_item
from lp_tui.store.repo import Repo
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.clock import ClockApp
from lp_tui.ui.coach import NOW_SIDE_CHROME
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.day_chooser import DayChooser
from lp_tui.ui.screens.rotations import RotationsScreen
from lp_tui.ui.widgets.big_digits import BigDigits
from lp_tui.ui.widgets.big_text import BigText
from tests.app.conftest import SIZE, steady, type_keys, wait_for_message, wait_until
from tests.conftest import DEMO_MOMENT
from tests.helpers.faults import DiskFault


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def another_terminal_opens(db_path, cohort_id: str, day: int, minutes: float = 1) -> None:
    """What ``lp-tui run --day N`` in another process stores: its own Repo, its own write."""
    at = iso(DEMO_MOMENT + timedelta(minutes=minutes))
    Repo(db_path).add_live_day(LiveDay(new_id(), cohort_id, day, at))


@pytest.fixture
def following_clock(repo, demo, programme, clock) -> ClockApp:
    cohort, _ = demo
    return ClockApp(repo, cohort.id, programme, clock=clock, tz=UTC, poll_seconds=0.1)


# ---------------------------------------------------------------- following from other terminals


async def test_a_coach_without_day_follows_the_live_day(coach_app, demo, db_path, programme):
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert coach_app.day == 2  # nothing run yet: the day whose date is today
        assert coach_app.sub_title.startswith("Day 2 of 3 · live · Collaboration")
        another_terminal_opens(db_path, demo[0].id, 3)
        await wait_until(pilot, lambda: coach_app.day == 3, seconds=1)  # within a second
        await pilot.pause()
        assert coach_app.sub_title == "Day 3 of 3 · live · Continuing Development · Tue 16 Jan 2018"
        assert programme.day(3).items[0].title in text_of(coach_app, "#now-title")
        assert "Your entries today: none yet" in text_of(coach_app, "#coach-recent-title")


async def test_a_projector_clock_without_day_follows_the_live_day(following_clock, demo, db_path):
    async with following_clock.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Day 2 of 3" in text_of(following_clock, "#clock-day")
        another_terminal_opens(db_path, demo[0].id, 1)
        await wait_until(pilot, lambda: following_clock.day == 1, seconds=1)
        await pilot.pause()
        day = text_of(following_clock, "#clock-day")
        assert "Day 1 of 3 · live · Co-production · Thu 23 Nov 2017" in day
        title = following_clock.screen.query_one("#clock-title").content
        assert title == "Welcome, housekeeping and access needs"


async def test_with_day_a_view_stays_on_it_and_says_which_day_is_live(clock_app, demo, db_path):
    async with clock_app.run_test(size=SIZE) as pilot:
        another_terminal_opens(db_path, demo[0].id, 3)
        await wait_until(pilot, lambda: clock_app.live == 3, seconds=1)
        await pilot.pause()
        assert clock_app.day == 2
        assert text_of(clock_app, "#clock-day").endswith(
            "Day 2 of 3 · live: Day 3 · Collaboration · Fri 24 Nov 2017"
        )


# ---------------------------------------------------------------- switching day in the app


async def test_ctrl_d_switches_the_day_and_stores_it(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, DayChooser)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: repo.snapshot().live_days(cohort.id))
        assert [r.day for r in repo.snapshot().live_days(cohort.id)] == [3]
        assert app.day == 3
        assert app.sub_title == "Day 3 of 3 · live · Continuing Development · Tue 16 Jan 2018"
        await pilot.pause()
        assert "Welcome back" in text_of(app, "#now-title")


async def test_screens_shown_before_the_switch_show_the_new_day(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert "Darzi Fellow" in text_of(app, "#rotation-title")
        await pilot.press("ctrl+d", "down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RotationsScreen) and app.day == 3)
        await wait_until(pilot, lambda: "Manager case studies" in text_of(app, "#rotation-title"))
        await pilot.press("a")
        await pilot.pause()
        assert "Welcome back" in text_of(app, "#now-title")


@pytest.fixture
def welcome_running(log_agenda, clock) -> None:
    """Day 2's first item (15 min) started 5 minutes ago: 10:00 left."""
    log_agenda((EventKind.START, "welcome", 0))
    clock.advance(5 * 60)


async def test_leaving_a_day_while_an_item_runs_asks_first_and_enter_stays(
    app, repo, demo, welcome_running
) -> None:
    """A room moving on by a slip of ctrl+d: the clock and the coaches would follow while the
    item's timer goes on. Enter (the key that chose the day) says no here; only y switches."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+d", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        words = " ".join(str(w.render()) for w in app.screen.query("Label, Static"))
        assert "Leave Day 2 while “Welcome back and check-in” runs?" in words
        assert "Its timer goes on (10:00 left)" in words and "move to Day 3" in words
        assert "To pause it first: answer n (no), then space on the agenda (a)" in words
        assert "y: yes · n, escape or enter: no" in words
        await pilot.press("enter")
        await wait_for_message(pilot, "Still on Day 2: nothing changed.")
        assert app.day == 2 and not repo.snapshot().live_days(demo[0].id)
        await pilot.press("ctrl+d", "down", "enter")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: repo.snapshot().live_days(demo[0].id))
        assert app.day == 3


async def test_the_palettes_switch_asks_too_while_an_item_runs(
    app, repo, demo, welcome_running
) -> None:
    """ "Switch to Day 3" in the palette (ctrl+p) goes through the same question."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_keys(pilot, *"Switch to Day 3", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        assert app.day == 2 and not repo.snapshot().live_days(demo[0].id)
        await pilot.press("y")
        await wait_until(pilot, lambda: repo.snapshot().live_days(demo[0].id))
        assert app.day == 3


def held_writes(repo, monkeypatch) -> threading.Event:
    """Agenda writes held back until the event is set: an item started here is on its way to
    the store, not in it."""
    gate = threading.Event()
    store = repo.add_agenda_events

    def held(events):  # type: ignore[no-untyped-def]
        gate.wait(10)
        return store(events)

    monkeypatch.setattr(repo, "add_agenda_events", held)
    return gate


@pytest.mark.parametrize("fault", [None, errno.ENOSPC], ids=["on its way", "ENOSPC"])
async def test_an_item_started_here_asks_before_its_write_lands(
    app, repo, db_path, demo, monkeypatch, fault
) -> None:
    """space, then ctrl+d at once: the start has not reached the store yet (or waits on a full
    disk), but the agenda shows it running, and leaving the day asks as it would once stored."""
    gate = held_writes(repo, monkeypatch) if fault is None else threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        if fault is not None:
            DiskFault(monkeypatch, db_path.parent, code=fault)
        await pilot.press("space")
        await pilot.pause()
        assert not repo.snapshot().agenda_events(demo[0].id, 2)
        assert running_item(app.screen.clock) is not None  # type: ignore[attr-defined]
        await pilot.press("ctrl+d", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await wait_for_message(pilot, "Still on Day 2: nothing changed.")
        gate.set()
        if fault is None:
            await wait_until(pilot, lambda: repo.snapshot().agenda_events(demo[0].id, 2))
        assert app.day == 2 and not repo.snapshot().live_days(demo[0].id)


async def test_a_paused_item_lets_the_day_switch_at_once(app, repo, demo, log_agenda, clock):
    log_agenda((EventKind.START, "welcome", 0), (EventKind.PAUSE, "welcome", 3))
    clock.advance(5 * 60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+d", "down", "enter")
        await wait_until(pilot, lambda: repo.snapshot().live_days(demo[0].id))
        assert app.day == 3 and not isinstance(app.screen, Confirm)


async def test_ctrl_d_works_while_a_search_box_has_the_keys(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, DayChooser)


async def test_no_day_chooser_over_a_dialog(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert app.screen is dialog


async def test_escape_leaves_the_day_as_it_was(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.day == 2 and not repo.snapshot().live_days(demo[0].id)


async def test_acting_on_a_day_that_is_not_live_makes_it_live(repo, demo, programme, clock):
    cohort, _ = demo
    app = FacilitatorApp(repo, cohort.id, programme, day=1, clock=clock, tz=UTC, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        assert app.live == 2 and "live: Day 2" in app.sub_title
        await pilot.press("space")
        await wait_until(pilot, lambda: repo.snapshot().agenda_events(cohort.id, 1))
        assert [r.day for r in repo.snapshot().live_days(cohort.id)] == [1]
        assert app.sub_title.startswith("Day 1 of 3 · live ·")
        await pilot.press("space")  # the day is live now: nothing more stored
        await wait_until(pilot, lambda: len(repo.snapshot().agenda_events(cohort.id, 1)) == 2)
        assert len(repo.snapshot().live_days(cohort.id)) == 1


# ---------------------------------------------------------------- palette and keys


async def test_the_palette_lists_the_apps_own_commands(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
    for wanted in (
        "Go to Agenda",
        "Go to Tables",
        "Go to Check-in",
        "Go to Rotations",
        "Go to People",
        "Export",
        "Choose day",
        "Switch to Day 1 · Co-production",
        "Switch to Day 2 · Collaboration",
        "Switch to Day 3 · Continuing Development",
        "Toggle high contrast",
        "Bell on/off",
        "Undo",
    ):
        assert wanted in titles


async def run_from_palette(pilot, words: str) -> None:
    """ctrl+p, type the command's words, enter."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await type_keys(pilot, *words)
    await pilot.pause(0.3)
    await pilot.press("enter")


async def test_a_day_switched_from_the_palette(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await run_from_palette(pilot, "Switch to Day 1")
        await wait_until(pilot, lambda: repo.snapshot().live_days(demo[0].id))
        assert app.day == 1
        assert app.sub_title.startswith("Day 1 of 3 · live · Co-production")


async def test_go_to_a_screen_from_the_palette(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await run_from_palette(pilot, "Go to Tables")
        await wait_until(pilot, lambda: app.current_mode == "tables")


async def test_undo_where_there_is_nothing_to_undo_says_so(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        app.action_undo_here()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Nothing to undo here" in m for m in messages)


async def test_undo_calls_the_screens_own_undo(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        called: list[bool] = []
        app.screen.action_undo = lambda: called.append(True)  # type: ignore[attr-defined]
        app.action_undo_here()
        await pilot.pause()
        assert called == [True]


async def test_the_header_ends_with_the_date_at_80_and_120_columns(app, coach_app) -> None:
    """The header's title and day show whole at 80 columns: the facilitator's fits with the
    year; the coach's name is longer than the cohort's, so the year goes."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.sub_title == "Day 2 of 3 · live · Collaboration · Fri 24 Nov 2017"
        header = app.screen.query_one("HeaderTitle")
        assert header.content_region.width >= len(f"{app.title} — {app.sub_title}")
    async with coach_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert coach_app.sub_title == "Day 2 of 3 · live · Collaboration · Fri 24 Nov"
        header = coach_app.screen.query_one("HeaderTitle")
        assert header.content_region.width >= len(f"{coach_app.title} — {coach_app.sub_title}")
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: coach_app.sub_title.endswith("Fri 24 Nov 2017"))
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: coach_app.sub_title.endswith("Fri 24 Nov"))


async def test_a_longer_days_header_drops_the_count_and_weekday_at_80(app) -> None:
    """Day 3's title is longer: without the year it still does not fit 80 columns, so the
    day count and the weekday go too, and the date is whole."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+d")
        await wait_until(pilot, lambda: isinstance(app.screen, DayChooser))
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.day == 3)
        await wait_until(
            pilot, lambda: app.sub_title == "Day 3 · live · Continuing Development · 16 Jan"
        )
        header = app.screen.query_one("HeaderTitle")
        assert header.content_region.width >= len(f"{app.title} — {app.sub_title}")


async def test_f1_opens_the_keys_panel_and_f1_closes_it(app) -> None:
    """f1 again closes it, once its last page is shown (tests/app/test_keys_panel.py)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.query("HelpPanel")
        for _ in range(5):  # the list is two pages at most here
            await pilot.press("f1")
            await pilot.pause()
            if not app.screen.query("HelpPanel"):
                return
        raise AssertionError("f1 never closed the keys panel")


# ---------------------------------------------------------------- the rotation elsewhere


async def test_the_coach_sees_the_round_and_its_visitors(
    coach_app, rotation, log_agenda, clock, demo, seated
) -> None:
    names = {p.id: p for p in demo[1]}
    log_agenda((EventKind.START, "darzi-rotation", 0))
    clock.advance(10 * 60)
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(coach_app, "#now-round") == "Round 1 of 2 · 22:30 left"
        visits = [
            (v.round, rotation.presenters[v.presenter])
            for v in sorted(rotation.visits)
            if rotation.tables[v.table - 1] == seated.tables[2].number
        ]
        visitors = text_of(coach_app, "#now-visitors")
        first = names[visits[0][1]]
        assert visitors.startswith(f"Now: {first.name}")
        assert f"Then: {names[visits[1][1]].name}" in visitors
        clock.advance(23 * 60)
        await wait_until(pilot, lambda: text_of(coach_app, "#now-round").startswith("⇄ MOVE NOW"))
        assert coach_app.screen.query_one("#now").has_class("-move")


async def test_the_visitors_line_has_the_width_beside_the_digits(
    coach_app, rotation, log_agenda, clock, demo
) -> None:
    """The project is cut to the room beside the big digits, not to the width of the words
    shown the tick before (which kept it as short as at the first frame)."""
    projects = {p.name: p.project for p in demo[1]}
    log_agenda((EventKind.START, "darzi-rotation", 0))
    clock.advance(10 * 60)
    async with coach_app.run_test(size=(120, 40)) as pilot:
        side = coach_app.screen.query_one("#now-side")
        await wait_until(pilot, lambda: side.content_region.width > 0)
        await wait_until(pilot, lambda: text_of(coach_app, "#now-visitors").startswith("Now:"))
        await pilot.pause(0.6)  # a tick after the first frame (every 0.5 s)
        line = text_of(coach_app, "#now-visitors")
        name = line.removeprefix("Now: ").split(" (")[0]
        shown = line.split(" (", 1)[1].split(")")[0]
        project = projects[name]
        # the whole project, or cut only because the next word would pass the edge
        if shown != project:
            kept = shown.removesuffix("…")
            following = project[len(kept) :].split()[0]
            assert len(line) + len(following) + 1 > side.content_region.width, line
        assert len(line) <= side.content_region.width
        # the width before the first layout is the one after it: the first frame is the same
        assert coach_app.size.width - NOW_SIDE_CHROME == side.content_region.width


def status_of(app) -> str:
    """The projector's status words, whether drawn large or plain."""
    return app.screen.query_one("#clock-status", BigText).content


async def test_the_projector_shows_the_round_clock_and_move_now(
    clock_app, rotation, log_agenda, clock
) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))
    clock.advance(10 * 60)
    async with clock_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the big digits are the round's, and the words under them say so; the item's time is
        # the small line, named
        assert clock_app.screen.query_one("#clock-digits", BigDigits).value == "22:30"
        assert status_of(clock_app) == "Round 1 of 2 · 22:30 left"
        assert text_of(clock_app, "#clock-round") == "Item: ▶ RUNNING  1:00:00 left"
        clock.advance(23 * 60)
        await wait_until(
            pilot, lambda: status_of(clock_app).startswith("⇄ MOVE NOW · to round 2 of 2")
        )
        assert clock_app.screen.query_one("#clock-face").has_class("-move")
        assert text_of(clock_app, "#clock-round").startswith("Item: ▶ RUNNING")


async def test_no_round_clock_outside_the_rotation(clock_app, coach_app, rotation) -> None:
    async with clock_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not clock_app.screen.query_one("#clock-round", Label).display
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not coach_app.screen.query_one("#now").has_class("-rotation")


# ---------------------------------------------------------------- snapshots


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_day_chooser(app, snap_compare, log_agenda, programme, size) -> None:
    log_agenda(*((EventKind.SKIP, item.key, 0) for item in programme.day(2).items[:3]))

    async def open_chooser(pilot) -> None:
        await pilot.press("ctrl+d")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_chooser)


def test_snapshot_projector_clock_move_now(
    clock_app, snap_compare, rotation, log_agenda, clock
) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))
    clock.advance(34 * 60)
    assert snap_compare(clock_app, terminal_size=SIZE, run_before=steady)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_coach_view_in_a_round(
    coach_app, snap_compare, rotation, log_agenda, clock, size
) -> None:
    log_agenda((EventKind.START, "darzi-rotation", 0))
    clock.advance(10 * 60)
    assert snap_compare(coach_app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_leaving_a_day_while_an_item_runs(app, welcome_running, snap_compare, size):

    async def run_before(pilot) -> None:
        await pilot.press("ctrl+d", "down", "enter")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
