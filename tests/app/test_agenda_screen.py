from __future__ import annotations

from textual.widgets import DataTable, Digits, Static

from lp_tui.domain.timers import EventKind
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.screens.agenda import AgendaScreen
from lp_tui.ui.widgets.now_panel import NowPanel
from tests.app.conftest import (
    SIZE,
    footer_keys,
    messages,
    steady,
    type_keys,
    wait_for_message,
    wait_stored,
    wait_until,
)


def digits(app) -> str:
    return app.screen.query_one("#countdown", Digits).value


def status(app) -> str:
    return str(app.screen.query_one("#now-status", Static).render())


def row(app, index: int) -> list[str]:
    return [str(cell) for cell in app.screen.query_one("#agenda", DataTable).get_row_at(index)]


async def settle(pilot, app, repo, count: int) -> None:
    """Wait (bounded) until ``count`` agenda events have reached the database and the app."""
    await wait_stored(
        pilot, lambda: len(repo.snapshot().agenda_events(app.cohort_id, app.day)) >= count
    )


async def test_it_opens_on_the_agenda_of_the_day(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert digits(app) == "15:00"
        assert "NOT STARTED" in status(app)
        assert row(app, 0)[:3] == ["1", "09:30", "Welcome back and check-in"]
        assert len(app.screen.query_one("#agenda", DataTable).rows) == 14


async def test_space_starts_and_the_start_is_stored(app, repo, clock, programme) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await settle(pilot, app, repo, 1)
        clock.advance(95)
        await wait_until(pilot, lambda: digits(app) == "13:25")  # at the next tick
        assert "RUNNING" in status(app)
    again = FacilitatorApp(repo, app.cohort_id, programme, day=2, clock=clock, tz=app.tz)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert digits(again) == "13:25"


async def test_space_pauses_and_time_stands_still(app, repo, clock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(60)
        await pilot.press("space")
        await settle(pilot, app, repo, 2)
        clock.advance(600)
        await pilot.pause(0.3)  # ticks come and go: the time stands still
        assert digits(app) == "14:00"
        assert "PAUSED" in status(app)


async def test_plus_and_minus_change_the_current_item(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "plus", "plus", "right_square_bracket", "minus")
        await settle(pilot, app, repo, 5)
        assert digits(app) == "21:00"
        assert row(app, 0)[4] == "21m (+6)"


async def test_minus_stops_at_a_minute_and_says_skip(app, repo) -> None:
    """15 min less three times five would be none: the third is refused, with why."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot, app, repo, 2)
        assert row(app, 0)[4] == "5m (-10)"
        await pilot.press("left_square_bracket")
        await wait_until(pilot, lambda: any("at least a minute" in m for m in messages(app)))
        await pilot.press(*["minus"] * 4)
        await settle(pilot, app, repo, 6)
        assert row(app, 0)[4] == "1m (-14)"
        await pilot.press("minus")
        await pilot.pause(0.2)
        assert len(repo.snapshot().agenda_events(app.cohort_id, app.day)) == 6
        assert row(app, 0)[4] == "1m (-14)"


async def test_space_and_n_on_a_finished_day_say_so(
    app, repo, log_agenda, programme, clock
) -> None:
    """Every item done or skipped: space, n and s store nothing and say why, once each; g
    says there is nothing to give back."""
    first, *later = (item.key for item in programme.day(2).items)
    log_agenda((EventKind.START, first, 0), *((EventKind.SKIP, key, 0) for key in later))
    log_agenda((EventKind.FINISH, first, 400))  # long over: the day ended behind
    clock.advance(401 * 60)
    stored = len(repo.snapshot().agenda_events(app.cohort_id, 2))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.clock is not None)
        for key in ("space", "n", "s"):
            app.clear_notifications()
            await pilot.press(key)
            await wait_until(pilot, lambda: any("The day is done" in m for m in messages(app)))
        assert len(repo.snapshot().agenda_events(app.cohort_id, app.day)) == stored
        # ended behind, nothing is left to give back: g is not offered, yet it says so
        assert "g" not in footer_keys(app)
        await pilot.press("g")
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "The day is done (" in text and "nothing is left to give time back" in text
        assert "Nothing needs trimming" not in text


async def test_g_on_time_says_nothing_needs_giving_back(app, log_agenda, clock) -> None:
    """Not offered while the day is on time, g still answers: the dialog says why."""
    log_agenda((EventKind.START, "welcome", 0))
    clock.advance(5 * 60)
    async with app.run_test(size=SIZE) as pilot:
        await steady(pilot)
        assert "g" not in footer_keys(app)
        await pilot.press("g")
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Nothing needs trimming" in text
        await pilot.press("escape")
        await pilot.pause()
        assert "Nothing needs trimming" not in " ".join(
            str(w.render()) for w in app.screen.query(Static)
        )


async def test_next_finishes_and_starts_the_following_item(app, repo, clock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(600)
        await pilot.press("n")
        await settle(pilot, app, repo, 3)
        assert row(app, 0)[3] == "✔ done"
        assert row(app, 1)[3] == "▶ running"
        assert "2/14" in str(app.screen.query_one("#now-title").render())
        table = app.screen.query_one("#agenda", DataTable)
        assert table.cursor_row == 1


async def test_skip_passes_an_item_by(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot, app, repo, 1)
        assert row(app, 0)[3] == "↷ skipped"
        assert "2/14" in str(app.screen.query_one("#now-title").render())


async def test_insert_an_unplanned_item_after_the_highlighted_one(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await type_keys(pilot, *"Extra discussion", "enter")  # on to the minutes, 10 selected
        await type_keys(pilot, *"12", "enter")
        await settle(pilot, app, repo, 1)
        assert [row(app, 1)[i] for i in (1, 2, 8, 4)] == [
            "extra",
            "Extra discussion",
            "table",
            "12m",
        ]


async def test_an_insert_typed_in_one_burst_keeps_its_minutes(app, repo) -> None:
    """ "Tea⏎15⏎" at once: enter moves on to the minutes (10, selected) and the 15 typed
    ahead of it lands there, not in the name."""
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        for key in (*"Tea", "enter", *"15", "enter"):
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        await settle(pilot, app, repo, 1)
        [event] = repo.snapshot().agenda_events(app.cohort_id, app.day)
        assert (event.kind, event.title, event.minutes) == (EventKind.INSERT, "Tea", 15)


async def test_insert_refuses_a_nameless_item(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "What: needed." in str(app.screen.query_one("#form-problem").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)


async def test_a_note_per_item(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down", "m")
        await pilot.pause()
        await type_keys(pilot, *"tea was late", "enter")
        await settle(pilot, app, repo, 1)
        assert row(app, 3)[7] == "tea was late"


async def test_move_reorders_what_is_to_come(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "K")
        await settle(pilot, app, repo, 1)
        assert row(app, 1)[2].startswith("From appreciated")


async def test_amber_then_over_ring_the_bell_once_each(app, clock, monkeypatch) -> None:
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause(0.3)
        clock.advance(13 * 60 + 1)
        await wait_until(pilot, lambda: "WRAP UP" in status(app))  # at the next tick
        assert "▲" in status(app)
        assert app.screen.query_one("#now", NowPanel).has_class("-amber")
        clock.advance(3 * 60)
        await wait_until(pilot, lambda: "OVER TIME" in status(app))
        assert "✖" in status(app)
        assert "+01:01 over" in status(app)
        assert app.screen.query_one("#now", NowPanel).has_class("-over")
        assert len(rings) == 2


async def test_the_bell_can_be_turned_off(app, clock, monkeypatch) -> None:
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "space")
        await pilot.pause(0.3)
        clock.advance(20 * 60)
        await pilot.pause(0.6)
        assert rings == []


async def test_give_back_trims_later_items(app, repo, clock, log_agenda) -> None:
    log_agenda((EventKind.START, "welcome", 0))
    clock.advance(25 * 60)  # ten minutes over
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        text = str(app.screen.query_one("#trim-list").render())
        assert "Together: 10 min" in text
        await pilot.press("enter")
        await settle(pilot, app, repo, 2)
        assert "on time" in str(app.screen.query_one("#day-shape").render())


async def test_give_back_says_what_is_left_behind_in_the_words_of_the_drift(
    app, clock, log_agenda
) -> None:
    log_agenda((EventKind.START, "welcome", 0))
    clock.advance(8 * 3600)  # far more than later items can give back
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await wait_until(pilot, lambda: bool(app.screen.query("#trim-list")))
        text = str(app.screen.query_one("#trim-list").render())
        still = text.splitlines()[-1]
        assert still.startswith("  Still ") and still.endswith(" behind after these.")
        assert " h " in still  # hours and minutes, as "The day is 7 h 45 min behind" above


async def test_another_terminal_sees_the_same_clock(app, repo, clock, log_agenda) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        log_agenda((EventKind.START, "welcome", 0))
        clock.advance(120)
        for _ in range(40):
            await pilot.pause(0.05)
            if "RUNNING" in status(app):
                break
        assert digits(app) == "13:00"


async def test_ctrl_z_undoes_the_last_extend_and_says_what(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "plus")
        await settle(pilot, app, repo, 2)
        assert row(app, 0)[4] == "16m (+1)"
        await pilot.press("ctrl+z")
        await settle(pilot, app, repo, 3)
        assert row(app, 0)[4] == "15m"
        assert digits(app) == "15:00"
        events = repo.snapshot().agenda_events(app.cohort_id, app.day)
        assert events[-1].kind is EventKind.UNDO
        assert events[-1].undoes == events[1].id  # appended, naming what it cancels
        await wait_for_message(pilot, "Undone: +1 min on Welcome back and check-in")


async def test_undo_of_next_takes_back_both_its_events_then_walks_back(app, repo, clock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(600)
        await pilot.press("n")
        await settle(pilot, app, repo, 3)
        assert row(app, 1)[3] == "▶ running"
        await pilot.press("ctrl+z")
        await settle(pilot, app, repo, 5)
        assert row(app, 0)[3] == "▶ running" and row(app, 1)[3] == "  to come"
        await pilot.press("ctrl+z")
        await settle(pilot, app, repo, 6)
        assert "NOT STARTED" in status(app)
        await pilot.press("ctrl+z")
        await wait_for_message(pilot, "Nothing to undo", part=True)
        assert len(repo.snapshot().agenda_events(app.cohort_id, app.day)) == 6


async def test_undo_of_skip_insert_and_move(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot, app, repo, 1)
        await pilot.press("ctrl+z")
        await settle(pilot, app, repo, 2)
        assert row(app, 0)[3] == "  to come"
        await pilot.press("down", "down", "K")
        await settle(pilot, app, repo, 3)
        moved = row(app, 1)[2]
        await pilot.press("ctrl+z")
        await settle(pilot, app, repo, 4)
        assert row(app, 2)[2] == moved
        await pilot.press("i")
        await type_keys(pilot, *"Extra discussion")
        await pilot.press("enter")
        await type_keys(pilot, *"10")
        await pilot.press("enter")
        await settle(pilot, app, repo, 5)
        assert len(app.screen.query_one("#agenda", DataTable).rows) == 15
        await pilot.press("ctrl+z")
        await settle(pilot, app, repo, 6)
        assert len(app.screen.query_one("#agenda", DataTable).rows) == 14
        await wait_for_message(pilot, "Undone: “Extra discussion” added")


async def test_a_note_typed_in_one_burst_is_saved_whole(app, repo) -> None:
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        for char in "tea was late\n":
            key = "enter" if char == "\n" else ("space" if char == " " else char)
            app.post_message(events.Key(key, "\r" if char == "\n" else char))
        await settle(pilot, app, repo, 1)
        [event] = repo.snapshot().agenda_events(app.cohort_id, app.day)
        assert (event.kind, event.text) == (EventKind.NOTE, "tea was late")


# ---------------------------------------------------------------- snapshots


def test_snapshot_agenda_not_started(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=steady)


def test_snapshot_agenda_running(app, clock, log_agenda, snap_compare) -> None:
    log_agenda((EventKind.START, "welcome", 0), (EventKind.FINISH, "welcome", 17))
    log_agenda((EventKind.START, "behaviours-appreciated", 17))
    clock.advance(27 * 60 + 15)
    assert snap_compare(app, terminal_size=SIZE, run_before=steady)


def test_snapshot_agenda_amber(app, clock, log_agenda, snap_compare) -> None:
    log_agenda((EventKind.START, "welcome", 0), (EventKind.FINISH, "welcome", 15))
    log_agenda((EventKind.START, "behaviours-appreciated", 15))
    clock.advance(40 * 60 + 30)
    assert snap_compare(app, terminal_size=SIZE, run_before=steady)


def test_snapshot_agenda_overrun(app, clock, log_agenda, snap_compare) -> None:
    log_agenda(
        (EventKind.START, "welcome", 0),
        (EventKind.EXTEND, "welcome", 5, {"seconds": 300}),
        (EventKind.FINISH, "welcome", 21),
        (EventKind.START, "behaviours-appreciated", 21),
        (EventKind.NOTE, "welcome", 22, {"text": "late coffee"}),
    )
    clock.advance(54 * 60 + 12)
    assert snap_compare(app, terminal_size=SIZE, run_before=steady)


def test_snapshot_projector_clock_running(clock_app, clock, log_agenda, snap_compare) -> None:
    log_agenda((EventKind.START, "welcome", 0), (EventKind.FINISH, "welcome", 15))
    log_agenda((EventKind.START, "behaviours-appreciated", 15))
    clock.advance(26 * 60 + 40)
    assert snap_compare(clock_app, terminal_size=SIZE)


def test_snapshot_projector_clock_overrun(clock_app, clock, log_agenda, snap_compare) -> None:
    log_agenda((EventKind.START, "welcome", 0))
    clock.advance(18 * 60 + 12)
    assert snap_compare(clock_app, terminal_size=SIZE)


async def test_f2_switches_to_the_high_contrast_theme_and_back(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        assert app.theme == "lp-high-contrast"
        await pilot.press("f2")
        assert app.theme == "textual-dark"


async def test_scrolled_right_at_80x24_each_row_keeps_its_number_and_time(app) -> None:
    """→ at 80x24 brings the later columns in; # and Planned stay put, so each row still says
    which item it is (half a title alone did not)."""
    from lp_tui.ui.widgets.row_table import RowTable

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#agenda", RowTable)
        await pilot.press("right")
        await pilot.pause()
        assert table.scroll_x > 0  # → scrolls the later columns in
        table.scroll_to(x=table.max_scroll_x, animate=False, immediate=True)
        await pilot.pause()
        header = table.render_line(0).text
        assert header.split()[:2] == ["#", "Planned"]
        assert "Kind" in header
        first_row = table.render_line(1).text
        assert first_row.split()[:2] == ["1", "09:30"]
