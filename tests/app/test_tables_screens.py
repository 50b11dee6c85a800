from __future__ import annotations

from datetime import UTC

from textual.widgets import Input, Static

from lp_tui.domain.clock import iso
from lp_tui.domain.model import AttendanceStatus, Seating, new_id
from lp_tui.domain.seating import allocate_day
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.screens.checkin import CheckInScreen
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.tables import TablesScreen
from lp_tui.ui.widgets.table_card import TableCard
from tests.app.conftest import (
    SIZE,
    steady,
    store_tables,
    type_keys,
    wait_for_message,
    wait_until,
)


async def test_check_in_by_typing_and_enter(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CheckInScreen)
        await type_keys(pilot, *"grace", "enter")
        await wait_until(pilot, lambda: repo.snapshot().attendance(cohort.id, 2))
        marks = repo.snapshot().attendance(cohort.id, 2)
        people = {p.id: p.name for p in repo.snapshot().people(cohort.id)}
        assert {people[p]: s for p, s in marks.items()} == {"Grace Nwosu": AttendanceStatus.PRESENT}
        assert app.screen.query_one("#checkin-search", Input).value == ""
        summary = str(app.screen.query_one("#checkin-summary").render())
        assert "✔ 1 present" in summary


async def test_late_absent_and_undo(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await type_keys(pilot, *"owen", "ctrl+l")
        await type_keys(pilot, *"zainab", "ctrl+o")
        await wait_until(pilot, lambda: len(repo.snapshot().attendance(cohort.id, 2)) == 2)
        await type_keys(pilot, *"owen", "ctrl+r")
        await wait_until(
            pilot,
            lambda: AttendanceStatus.EXPECTED in repo.snapshot().attendance(cohort.id, 2).values(),
        )
        summary = str(app.screen.query_one("#checkin-summary").render())
        assert "◑ 0 late" in summary and "✖ 1 absent" in summary


async def test_allocate_from_the_tables_screen(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TablesScreen)
        assert "No tables for day 2 yet" in str(app.screen.query_one("#tables-empty").render())
        await pilot.press("A")
        await wait_until(pilot, lambda: repo.snapshot().seatings(cohort.id))
        cards = list(app.screen.query(TableCard))
        assert len(cards) == 7
        [seating] = repo.snapshot().seatings(cohort.id)
        assert sorted(len(t.members) for t in seating.tables) == [5, 5, 6, 6, 6, 6, 6]
        await pilot.press("A")  # again: it asks first, and day 2 mixes who sat together
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        assert "mixing people who sat together on earlier days" in app.screen.detail
        await pilot.press("escape")
        await pilot.pause()
        assert len(repo.snapshot().seatings(cohort.id)) == 1


async def test_allocating_day_one_again_speaks_of_no_earlier_day(
    repo, demo, programme, clock
) -> None:
    store_tables(repo, demo, clock, 1)
    app = FacilitatorApp(repo, demo[0].id, programme, day=1, clock=clock, tz=UTC)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "A")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        assert app.screen.detail.startswith("A new allocation. The current tables stay")


async def test_move_a_person_and_see_the_warning(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "A")
        await wait_until(pilot, lambda: repo.snapshot().seatings(cohort.id))
        screen = app.screen
        person = screen.seating.tables[0].members[0]
        await pilot.press("m")
        await pilot.pause()
        assert not app.screen.query("#tables-leaving")  # table 1 (6) keeps 5: nothing to say
        await pilot.press("escape")
        # from a table of 5, what the table left behind would break is said above the choices
        small = next(i for i, t in enumerate(screen.seating.tables) if len(t.members) == 5)
        await pilot.press(*["right"] * small, "m")
        await pilot.pause()
        number = screen.seating.tables[small].number
        leaving = str(app.screen.query_one("#tables-leaving").render())
        assert leaving.startswith(f"Table {number} after: ⚠ ") and "4 people" in leaving
        await pilot.press("escape", *["left"] * small, "m")
        await pilot.pause()
        await pilot.press("2")
        await wait_until(pilot, lambda: len(repo.snapshot().seatings(cohort.id)) == 2)
        latest = repo.snapshot().seatings(cohort.id)[-1]
        assert latest.how == "move"
        assert person in latest.tables[1].members
        assert "7 people: more than 6" in str(screen._cards[1].render())


async def test_why_explains_the_placement(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "A")
        await wait_until(pilot, lambda: repo.snapshot().seatings(cohort.id))
        await pilot.press("w")
        await pilot.pause()
        text = str(app.screen.query_one("#explain-text").render())
        assert text.startswith("• ")
        assert "table" in text or "only one from" in text
        # narrower than its title: the title wraps, whole, inside the dialog
        title = app.screen.query_one(".dialog-title")
        whole = str(title.render())
        await pilot.resize_terminal(40, 24)
        await pilot.pause()
        assert title.size.height >= 2 and title.region.right <= 40
        assert " ".join(str(title.render()).split()) == " ".join(whole.split())


async def test_why_says_moved_by_hand_of_the_person_moved_only(app, repo, demo) -> None:
    """After one move by hand, Why says so of the person moved; the others were placed by
    the allocator."""
    from lp_tui.ui.screens.tables_dialogs import Explain

    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "A")
        await wait_until(pilot, lambda: repo.snapshot().seatings(cohort.id))
        screen = app.screen
        mover, stayer = screen.seating.tables[0].members[:2]
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("2")
        await wait_until(pilot, lambda: len(repo.snapshot().seatings(cohort.id)) == 2)

        async def why(person: str) -> str:
            table = next(i for i, t in enumerate(screen.seating.tables) if person in t.members)
            screen.cursor = (table, screen.seating.tables[table].members.index(person))
            await pilot.press("w")
            await wait_until(pilot, lambda: isinstance(app.screen, Explain))
            title = app.screen.title_text
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is screen)
            return title

        names = {p.id: p.name for p in repo.snapshot().people(cohort.id)}
        assert await why(stayer) == f"{names[stayer]} at table 1 (placed by the allocator)"
        assert await why(mover) == f"{names[mover]} at table 2 (moved here by hand)"


async def test_pin_is_a_stored_rule(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "A")
        await wait_until(pilot, lambda: repo.snapshot().seatings(cohort.id))
        await pilot.press("P")
        await wait_until(pilot, lambda: repo.snapshot().table_rules(cohort.id))
        [rule] = repo.snapshot().table_rules(cohort.id)
        assert rule.kind.value == "pin" and rule.table == 1 and rule.active
        assert "⚑" in str(app.screen._cards[0].render())
        name = {p.id: p.name for p in repo.snapshot().people(cohort.id)}[rule.person]
        await wait_for_message(pilot, f"Rule saved: {name} pinned to table 1")
        await pilot.press("A")  # allocate again: asks first, and says the pinned stay
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        said = [str(shown.render()) for shown in app.screen.query(Static)]
        assert any(s.endswith("may move except 1 person pinned to a table.") for s in said)
        await pilot.press("escape")


async def fit_in(pilot, app, repo, cohort: str):
    """Once the tables screen says someone is not seated yet, U; the seating it stored."""
    summary = app.screen.query_one("#tables-summary")
    await wait_until(pilot, lambda: "not seated yet" in str(summary.render()))
    await pilot.press("U")
    await wait_until(pilot, lambda: len(repo.snapshot().seatings(cohort)) == 2)
    latest = repo.snapshot().seatings(cohort)[-1]
    assert latest.how == "absorb"
    return latest


async def test_latecomers_are_fitted_in(app, repo, demo, clock) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import AttendanceMark, new_id
    from lp_tui.domain.seating import participants

    cohort, people = demo
    everyone = participants(people)
    repo.mark_attendance(
        AttendanceMark(new_id(), cohort.id, 2, p.id, AttendanceStatus.PRESENT, iso(clock.now()))
        for p in everyone[:35]
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "A")
        await wait_until(pilot, lambda: repo.snapshot().seatings(cohort.id))
        repo.mark_attendance(
            [
                AttendanceMark(
                    new_id(), cohort.id, 2, everyone[36].id, AttendanceStatus.LATE, iso(clock.now())
                )
            ]
        )
        latest = await fit_in(pilot, app, repo, cohort.id)
        assert any(everyone[36].id in t.members for t in latest.tables)


async def test_fitting_in_gives_new_tables_a_free_coach_and_an_accessible_seat(
    app, repo, demo, clock
) -> None:
    """A with two checked in (one table of 2), then thirty more and U: every new table has a
    coach who leads no other, and Sunil Varma (who needs access) sits at an accessible table."""
    from lp_tui.domain.model import AttendanceMark
    from lp_tui.domain.seating import coaches, participants

    cohort, people = demo

    def check_in(group) -> None:
        repo.mark_attendance(
            AttendanceMark(new_id(), cohort.id, 2, p.id, AttendanceStatus.PRESENT, iso(clock.now()))
            for p in group
        )

    everyone = [p for p in participants(people) if p.name != "Eileen Walsh"]
    check_in(everyone[:2])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "A")
        await wait_until(pilot, lambda: repo.snapshot().seatings(cohort.id))
        check_in(everyone[2:32])
        latest = await fit_in(pilot, app, repo, cohort.id)
        led = [t.coach for t in latest.tables]
        assert len(led) == 6 and None not in led and len(set(led)) == 6
        assert set(led) <= {c.id for c in coaches(people)}
        sunil = next(p.id for p in people if p.name == "Sunil Varma")
        table = next(t for t in latest.tables if sunil in t.members)
        assert table.accessible  # none was: the toast says it has to be set up
        await wait_for_message(pilot, f"table {table.number} now needs step-free access", part=True)
        summary = str(app.screen.query_one("#tables-summary").render())
        assert "not seated yet" not in summary
        assert not any("no coach" in str(card.render()) for card in app.screen._cards)


async def test_move_with_one_table_says_there_is_no_other(app, repo, demo, clock) -> None:
    """Two checked in make one table: m says there is nowhere else, not an empty list."""
    from lp_tui.domain.model import AttendanceMark
    from lp_tui.domain.seating import participants
    from lp_tui.ui.screens.tables_dialogs import ChooseTable

    cohort, people = demo
    two = participants(people)[:2]
    repo.mark_attendance(
        AttendanceMark(new_id(), cohort.id, 2, p.id, AttendanceStatus.PRESENT, iso(clock.now()))
        for p in two
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "A")
        await wait_until(pilot, lambda: repo.snapshot().seatings(cohort.id))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.screen, ChooseTable)
        highlighted = app.screen._highlighted()
        name = next(p.name for p in people if p.id == highlighted)
        await wait_for_message(
            pilot, f"Table 1 is the only table: there is no other to move {name} to."
        )


async def choose_person(app, pilot, people, keys: list[str], burst: bool = False) -> list:
    from textual import events

    from lp_tui.ui.screens.tables_dialogs import ChoosePerson

    chosen: list = []
    app.push_screen(ChoosePerson("Who?", people), chosen.append)
    await pilot.pause()
    if burst:
        for key in keys:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
    else:
        await pilot.press(*keys)
    await pilot.pause(0.2)
    return chosen


async def test_choose_person_takes_the_name_over_the_organisation(app, demo) -> None:
    from lp_tui.domain.seating import participants

    _, people = demo
    everyone = participants(people)
    async with app.run_test(size=SIZE) as pilot:
        chosen = await choose_person(app, pilot, everyone, [*"pati", "enter"])
        assert [next(p.name for p in everyone if p.id == c) for c in chosen] == ["Patience Mensah"]


async def test_choose_person_asks_when_several_match_then_takes_the_arrowed_row(app, demo) -> None:
    from lp_tui.domain.seating import participants

    _, people = demo
    everyone = participants(people)
    async with app.run_test(size=SIZE) as pilot:
        chosen = await choose_person(app, pilot, everyone, [*"ma", "enter"])
        assert chosen == []
        hint = str(app.screen.query_one("#person-hint").render())
        assert "match “ma”" in hint
        options = app.screen.query_one("#person-list")
        second = options.get_option_at_index(1).id
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: chosen)
        assert chosen == [second]


async def test_choose_person_in_a_burst_with_accents(app, demo) -> None:
    _, people = demo
    presenters = [p for p in people if p.presenter_kind is not None]
    async with app.run_test(size=SIZE) as pilot:
        chosen = await choose_person(app, pilot, presenters, [*"WOJC", "enter"], burst=True)
        assert [next(p.name for p in presenters if p.id == c) for c in chosen] == [
            "Dr Tomasz Wójcik"
        ]


def test_snapshot_check_in(app, repo, demo, clock, snap_compare) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import AttendanceMark, new_id
    from lp_tui.domain.seating import participants

    cohort, people = demo
    everyone = participants(people)
    marks = [
        AttendanceMark(new_id(), cohort.id, 2, p.id, AttendanceStatus.PRESENT, iso(clock.now()))
        for p in everyone[:30]
    ]
    marks.append(
        AttendanceMark(
            new_id(), cohort.id, 2, everyone[31].id, AttendanceStatus.LATE, iso(clock.now())
        )
    )
    marks.append(
        AttendanceMark(
            new_id(), cohort.id, 2, everyone[32].id, AttendanceStatus.ABSENT, iso(clock.now())
        )
    )
    # the day started at 09:30: Yvonne Marsh came late at 09:42, Nadia Rahman at 09:50
    from datetime import timedelta

    from lp_tui.domain.timers import AgendaEvent, EventKind

    repo.add_agenda_events(
        [AgendaEvent(new_id(), cohort.id, 2, EventKind.START, "welcome", iso(clock.now()))]
    )
    by_name = {p.name: p for p in everyone}
    for name, status, minutes in (
        ("Yvonne Marsh", AttendanceStatus.LATE, 12),
        ("Nadia Rahman", AttendanceStatus.PRESENT, 20),
    ):
        moment = iso(clock.now() + timedelta(minutes=minutes))
        marks.append(AttendanceMark(new_id(), cohort.id, 2, by_name[name].id, status, moment))
    repo.mark_attendance(marks)

    async def open_check_in(pilot) -> None:
        await pilot.press("c")
        await type_keys(pilot, *"ma")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_check_in)


def test_snapshot_tables(app, repo, demo, snap_compare) -> None:
    cohort, _ = demo

    async def allocate_and_move(pilot) -> None:
        await pilot.press("t", "A")
        await wait_until(pilot, lambda: repo.snapshot().seatings(cohort.id))
        await pilot.press("down", "m")
        await pilot.pause()
        await pilot.press("3")
        await wait_until(pilot, lambda: len(repo.snapshot().seatings(cohort.id)) == 2)
        await pilot.press("right", "down")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=allocate_and_move)


async def test_a_day_without_tables_says_whose_tables_stand(app, repo, demo, clock) -> None:
    """Day 2 before A: the coaches, rotations and forms use Day 1's tables; the screen says so
    rather than that there are no tables."""
    cohort, people = demo
    allocation, how = allocate_day(people, {}, [], [], 1, seed=1)
    repo.add_seating(Seating(new_id(), cohort.id, 1, iso(clock.now()), how, allocation.tables, 1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await steady(pilot)
        said = " ".join(str(app.screen.query_one("#tables-empty").render()).split())
        assert "No tables for day 2 yet" in said
        assert "Day 1's tables stand until then: the coaches, rotations and forms use them." in said


def person_line_in_view(app) -> bool:
    """The highlighted person's line (the one marked ▸, with their name) is on the screen as
    painted, inside the tables' scroll."""
    screen = app.screen
    name = screen.people[screen._highlighted()].name
    scroll = screen.query_one("#tables-scroll").content_region
    painted = [strip.text for strip in screen._compositor.render_strips()]
    rows = [y for y, line in enumerate(painted) if f"▸ {name}" in line]
    return len(rows) == 1 and scroll.y <= rows[0] < scroll.bottom


async def test_the_highlighted_person_stays_in_view_across_resizes(app, seated) -> None:
    """Highlighted at the last table on a small terminal, then the terminal grown and shrunk:
    the view follows the highlight (it stayed scrolled to the first tables, and m then
    moved someone the facilitator could not see)."""
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("t", *["right"] * 6, *["down"] * 4)
        await pilot.pause()
        assert app.screen.cursor == (len(seated.tables) - 1, 4)
        assert person_line_in_view(app)
        for size in ((120, 40), (80, 24), (60, 20), (80, 14)):
            await pilot.resize_terminal(*size)
            # the layout, then the scroll to the highlight, land a few messages later: wait
            # for them (4 s at most) rather than for two idle moments
            await wait_until(pilot, lambda at=size: app.size == at and person_line_in_view(app))
        await pilot.press("up", "up")
        await pilot.pause()
        assert person_line_in_view(app)
