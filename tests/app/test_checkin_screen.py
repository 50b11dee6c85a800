"""Check-in acts on the right person: name matches first, enter only on a clear choice, keys
taken in the order typed even in one burst, undo, and the time of a late arrival."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from textual import events
from textual.widgets import Input

from lp_tui.domain.clock import iso
from lp_tui.domain.model import AttendanceMark, AttendanceStatus, new_id
from lp_tui.domain.timers import AgendaEvent, EventKind
from lp_tui.store.records import to_doc
from lp_tui.store.repo import PEOPLE
from lp_tui.ui.screens.checkin import CheckInScreen
from tests.app.conftest import SIZE, messages, type_keys, wait_for_message, wait_until
from tests.conftest import DEMO_MOMENT


def named(repo, cohort_id: str, day: int = 2) -> dict[str, AttendanceStatus]:
    snapshot = repo.snapshot()
    people = {p.id: p.name for p in snapshot.people(cohort_id)}
    return {people[p]: s for p, s in snapshot.attendance(cohort_id, day).items()}


def burst(app, text: str) -> None:
    """Keys posted all at once, as a paste or a loaded laptop delivers them: no waiting."""
    for char in text:
        if char == "\n":
            app.post_message(events.Key("enter", "\r"))
        else:
            app.post_message(events.Key(char, char))


def rows(app) -> list[str]:
    table = app.screen.query_one("#checkin")
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def open_check_in(pilot) -> None:
    await pilot.press("c")
    assert isinstance(pilot.app.screen, CheckInScreen)


async def test_a_burst_of_names_and_enters_marks_each_person(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        burst(app, "efua\neileen\n")
        await wait_until(pilot, lambda: len(named(repo, cohort.id)) == 2)
        assert named(repo, cohort.id) == {
            "Efua Boateng": AttendanceStatus.PRESENT,
            "Eileen Walsh": AttendanceStatus.PRESENT,
        }
        assert app.screen.query_one("#checkin-search", Input).value == ""


async def test_a_burst_with_a_newline_as_a_terminal_sends_it(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        for char in "grace\nowen\n":
            key = "ctrl+j" if char == "\n" else char
            app.post_message(events.Key(key, "\n" if char == "\n" else char))
        await wait_until(pilot, lambda: len(named(repo, cohort.id)) == 2)
        assert set(named(repo, cohort.id)) == {"Grace Nwosu", "Owen Pritchard"}


async def test_a_pasted_list_marks_each_line(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        app.screen.query_one("#checkin-search").post_message(events.Paste("zainab\nmarek\nval"))
        await wait_until(pilot, lambda: len(named(repo, cohort.id)) == 2)
        assert set(named(repo, cohort.id)) == {"Zainab Bello", "Marek Nowak"}
        assert app.screen.query_one("#checkin-search", Input).value == "val"


async def test_a_name_match_comes_before_an_organisation_match(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        await type_keys(pilot, *"pati")
        assert rows(app)[0] == "Patience Mensah"
        await pilot.press("enter")
        await wait_until(pilot, lambda: named(repo, cohort.id))
        assert named(repo, cohort.id) == {"Patience Mensah": AttendanceStatus.PRESENT}


async def test_enter_on_several_names_asks_and_marks_nobody(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        await type_keys(pilot, *"ma", "enter")
        await pilot.pause(0.3)
        assert named(repo, cohort.id) == {}
        box = app.screen.query_one("#checkin-search", Input)
        assert box.value == "ma"  # kept, to type more
        shown = messages(app)
        assert any("match “ma”" in message and "arrows" in message for message in shown)


async def test_the_row_moved_to_with_the_arrows_is_the_choice(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        await type_keys(pilot, *"ma")
        second = rows(app)[1]
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: named(repo, cohort.id))
        assert named(repo, cohort.id) == {second: AttendanceStatus.PRESENT}


async def test_accents_and_case_are_ignored(app, repo, demo) -> None:
    cohort, people = demo
    siobhan = next(p for p in people if p.name == "Eileen Walsh")  # renamed: the demo has
    # no accented participant
    with repo.db.transaction() as db:
        table = db.table(PEOPLE)
        table.remove(lambda doc: doc["id"] == siobhan.id)
        table.insert(to_doc(replace(siobhan, name="Siobhán Wójcik")))
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        await type_keys(pilot, *"SIOBHAN", "enter")
        await wait_until(pilot, lambda: named(repo, cohort.id))
        assert named(repo, cohort.id) == {"Siobhán Wójcik": AttendanceStatus.PRESENT}


async def test_undo_takes_back_the_last_mark_and_says_so(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        await type_keys(pilot, *"owen", "ctrl+l")
        await type_keys(pilot, *"owen", "ctrl+o")
        await wait_until(pilot, lambda: len(repo.snapshot().attendance_marks(cohort.id, 2)) == 2)
        assert named(repo, cohort.id) == {"Owen Pritchard": AttendanceStatus.ABSENT}
        await pilot.press("ctrl+z")
        await wait_until(
            pilot, lambda: named(repo, cohort.id) == {"Owen Pritchard": AttendanceStatus.LATE}
        )
        marks = repo.snapshot().attendance_marks(cohort.id, 2)
        assert marks[-1].undoes == marks[1].id  # appended, naming the mark it cancels
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: named(repo, cohort.id) == {})  # not arrived yet
        assert len(repo.snapshot().attendance_marks(cohort.id, 2)) == 4
        await wait_for_message(pilot, "Undone: Owen Pritchard marked absent")
        await wait_for_message(pilot, "Undone: Owen Pritchard marked late")
        summary = str(app.screen.query_one("#checkin-summary").render())
        assert "◑ 0 late" in summary and "✖ 0 absent" in summary


async def test_a_late_arrival_shows_the_time_it_was_marked(app, repo, demo, clock) -> None:
    cohort, people = demo
    repo.add_agenda_events(
        [AgendaEvent(new_id(), cohort.id, 2, EventKind.START, "welcome", iso(DEMO_MOMENT))]
    )
    participant = next(p for p in people if p.name == "Grace Nwosu")
    repo.mark_attendance(
        [
            AttendanceMark(
                new_id(),
                cohort.id,
                2,
                participant.id,
                AttendanceStatus.PRESENT,
                iso(DEMO_MOMENT - timedelta(minutes=5)),
            )
        ]
    )
    clock.advance(42 * 60)
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        await type_keys(pilot, *"owen", "ctrl+l")
        await type_keys(pilot, *"zainab", "enter")
        await wait_until(pilot, lambda: len(named(repo, cohort.id)) == 3)
        await type_keys(pilot, *"owen")
        assert app.screen.query_one("#checkin").get_row_at(0)[1].plain == "◑ late 10:12"
        await pilot.press("escape")
        await type_keys(pilot, *"zainab")
        assert app.screen.query_one("#checkin").get_row_at(0)[1].plain == "✔ present 10:12"
        await pilot.press("escape")
        await type_keys(pilot, *"grace")
        assert app.screen.query_one("#checkin").get_row_at(0)[1].plain == "✔ present"
        # marked again a minute on: the first mark and its time stand, and the toast says so
        clock.advance(60)
        await pilot.press("escape")
        await type_keys(pilot, *"zainab", "enter")
        await wait_for_message(pilot, "Zainab Bello: already present since 10:12; nothing changed.")
        assert app.screen.search.value == ""
        await type_keys(pilot, *"zainab")
        assert app.screen.query_one("#checkin").get_row_at(0)[1].plain == "✔ present 10:12"
        assert len(repo.snapshot().attendance_marks(cohort.id, 2)) == 3  # no fourth mark


async def test_a_click_picks_a_row_and_enter_then_marks_it(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        await type_keys(pilot, *"ma")
        third = rows(app)[2]
        await pilot.click("#checkin", offset=(3, 3))  # the header, then rows 0, 1, 2
        await pilot.pause(0.2)
        assert named(repo, cohort.id) == {}  # a click alone marks nobody
        assert app.focused is app.screen.query_one("#checkin-search")
        await pilot.press("enter")
        await wait_until(pilot, lambda: named(repo, cohort.id))
        assert named(repo, cohort.id) == {third: AttendanceStatus.PRESENT}
