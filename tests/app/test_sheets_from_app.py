"""Feedback sheets from the apps: ``S`` on the facilitator's Feedback screen writes them all,
the Feedback screen marks who has not been observed enough, and a coach reads the sheet of a
member of their own table (``s`` then the member's number)."""

from __future__ import annotations

import dataclasses
import io
import stat
from datetime import UTC
from html import escape

import pytest
from rich.console import Console
from textual.widgets import Static

from lp_tui.domain.clock import iso
from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.feedback import OBSERVED_ENOUGH
from lp_tui.domain.model import Observation, PeerFeedback, Person, Role, new_id
from lp_tui.export.markdown_format import md_text
from lp_tui.export.sheet_files import ELSEWHERE
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.screens.feedback import FeedbackScreen
from lp_tui.ui.screens.sheet_view import SheetView
from lp_tui.ui.widgets.row_table import RowTable
from tests.app.conftest import SIZE, steady, wait_until
from tests.app.test_export_from_app import toasts

SIZES = [(80, 24), (120, 40)]
NASTY = "[b]Bold[/b] <i>x</i>"


def sheets_dir(db_path):
    return db_path.parent / "exports" / "sheets-2017-11-24"  # the fixed clock's day


def observe(repo, cohort, coach, about, at, note="", behaviour="Listens") -> None:
    repo.add_observation(Observation(new_id(), cohort, 2, coach, about, behaviour, at, note))


# ------------------------------------------------------------------ S writes the sheets
async def test_S_writes_every_participants_sheet_and_says_where(app, repo, demo, db_path) -> None:
    cohort, people = demo
    group = [p for p in people if p.role is Role.PARTICIPANT]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "S")
        await wait_until(pilot, lambda: "written to" in toasts(app), seconds=10)
        folder = sheets_dir(db_path)
        written = sorted(folder.glob("*.html"))
        assert len(written) == len(group)
        assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o600}
        for person in group:
            (page,) = [p for p in written if p.stem.endswith("-" + person.id[:8])]
            assert f"<title>Feedback sheet: {escape(person.name)}</title>" in page.read_text()
        said = toasts(app)
        assert f"{len(group)} feedback sheets" in said and folder.name in said
        recorded = {e.path for e in repo.snapshot().exports() if e.cohort == cohort.id}
        assert recorded == {str(p.resolve()) for p in written}  # doctor and forget know them
        assert isinstance(app.screen, FeedbackScreen)


async def test_S_that_cannot_write_is_one_line_in_a_toast(app, db_path, demo) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    (db_path.parent / "exports").write_text("a file where the folder would go")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "S")
        await wait_until(pilot, lambda: bool(app._notifications), seconds=10)
        (note,) = list(app._notifications)
        assert note.severity == "error" and note.title == "No sheets written"
        assert "\n" not in str(note.message) and "not saved" in str(note.message)
        assert isinstance(app.screen, FeedbackScreen)  # no crash, still on the screen
        await pilot.press("s")  # and it still answers
        assert app.screen.query_one("#feedback-people", RowTable).has_focus


# ------------------------------------------------------------------ observed enough
def words(shown: object) -> str:
    """What a widget shows, its words only: a narrow panel wraps a line under a hanging indent."""
    return " ".join(str(shown).split())


def needs(app, name: str) -> str:
    grid = app.screen.query_one("#feedback-people", RowTable)
    rows = {str(grid.get_row_at(i)[0]): grid.get_row_at(i) for i in range(grid.row_count)}
    return str(rows[name][1])


async def test_participants_below_the_number_are_marked(app, repo, demo, seated, clock) -> None:
    cohort, people = demo
    names = {p.id: p.name for p in people}
    table = seated.tables[0]
    full, part, peer_only = table.members[:3]
    at = iso(clock.now())
    for _ in range(OBSERVED_ENOUGH):
        observe(repo, cohort.id, table.coach, full, at)
    observe(repo, cohort.id, table.coach, part, at)
    repo.add_peer_feedback(
        PeerFeedback(new_id(), cohort.id, 2, table.coach, part, peer_only, "Listens", at, "", 1)
    )
    group = [p for p in people if p.role is Role.PARTICIPANT]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "s")
        await pilot.pause()
        assert needs(app, names[full]) == ""
        assert needs(app, names[part]) == f"▲ +{OBSERVED_ENOUGH - 1}"  # giving does not count
        assert needs(app, names[peer_only]) == f"▲ +{OBSERVED_ENOUGH - 1}"  # receiving does
        side = words(app.screen.query_one("#feedback-without").render())
        assert f"Below {OBSERVED_ENOUGH} entries: {len(group) - 1} of {len(group)}" in side
        title = str(app.screen.query_one("#feedback-title").render())
        assert f"fewer than {OBSERVED_ENOUGH} entries" in title


async def test_the_cohorts_own_number(repo, programme, clock) -> None:
    cohort, people = demo_cohort(iso(clock.now()))
    cohort = dataclasses.replace(cohort, observed_enough=1)
    repo.add_cohort(cohort, people)
    coach = next(p for p in people if p.role is Role.COACH)
    seen = next(p for p in people if p.role is Role.PARTICIPANT)
    observe(repo, cohort.id, coach.id, seen.id, iso(clock.now()))
    app = FacilitatorApp(repo, cohort.id, programme, clock=clock, tz=UTC, poll_seconds=0.1)
    group = [p for p in people if p.role is Role.PARTICIPANT]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "s")
        await pilot.pause()
        assert needs(app, seen.name) == ""
        side = words(app.screen.query_one("#feedback-without").render())
        assert f"Below 1 entries: {len(group) - 1} of {len(group)}" in side


@pytest.fixture
def marked_day(repo, demo, seated, clock) -> None:
    """Day 2 with a few entries: some participants observed enough, most not."""
    cohort, _ = demo
    for index, table in enumerate(seated.tables):
        for n, member in enumerate(table.members[:3]):
            for _ in range((index + n) % 4):
                clock.advance(41)
                observe(repo, cohort.id, table.coach, member, iso(clock.now()))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_snapshot_feedback_marks(app, marked_day, snap_compare, size) -> None:
    async def per_participant(pilot) -> None:
        await pilot.press("f", "s")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=per_participant)


# ------------------------------------------------------------------ the coach's sheet
@pytest.fixture
def member_entries(repo, demo, seated, clock) -> dict[str, str]:
    """At the coach's table (the third): an observation of member 2 and peer feedback between
    members 1 and 2; and feedback from a participant at another table to member 2."""
    cohort, people = demo
    table, other = seated.tables[2], seated.tables[5]
    first, second = table.members[:2]
    at = iso(clock.now())
    observe(repo, cohort.id, table.coach, second, at, "asked the quiet ones first")
    observe(repo, cohort.id, other.coach, other.members[0], at, "NOT FOR THIS COACH")
    repo.add_peer_feedback(
        PeerFeedback(
            new_id(), cohort.id, 2, table.coach, first, second, "Listens", at, "you listened", 3
        )
    )
    repo.add_peer_feedback(
        PeerFeedback(
            new_id(), cohort.id, 1, other.coach, other.members[1], second, "Listens", at, "ta", 6
        )
    )
    names = {p.id: p.name for p in people}
    return {
        "first": names[first],
        "second": names[second],
        "stranger": names[other.members[1]],
        "elsewhere": names[other.members[0]],
    }


async def test_s_then_a_number_shows_that_members_sheet(coach_app, member_entries) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        title = str(coach_app.screen.query_one("#coach-recent-title").render())
        assert "Whose sheet?" in title
        await pilot.press("2")
        assert isinstance(coach_app.screen, SheetView)
        sheet = coach_app.screen
        heading = str(sheet.query_one("#sheet-title").render())
        assert heading.startswith(f"Feedback sheet: {member_entries['second']}")
        text = sheet.markdown
        assert "asked the quiet ones first" in text
        assert md_text(member_entries["first"]) in text and "you listened" in text
        assert member_entries["stranger"] not in text and ELSEWHERE in text
        assert member_entries["elsewhere"] not in text and "NOT FOR THIS COACH" not in text
        await pilot.press("escape")
        assert not isinstance(coach_app.screen, SheetView)
        await pilot.press("2")  # the number logs an observation again
        assert not isinstance(coach_app.screen, SheetView)
        assert "Observation" in str(coach_app.screen.query_one(".dialog-title").render())


async def test_s_then_escape_or_a_number_off_the_table(coach_app, seated) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "9")
        assert len(seated.tables[2].members) < 9
        assert not isinstance(coach_app.screen, SheetView)
        await pilot.press("escape")
        title = str(coach_app.screen.query_one("#coach-recent-title").render())
        assert "Whose sheet?" not in title
        await pilot.press("s", "s", "1")  # s again cancels: 1 logs an observation
        assert not isinstance(coach_app.screen, SheetView)


async def test_a_name_in_the_sheet_is_never_markup(coach_app, repo, demo, clock) -> None:
    cohort, _ = demo
    nasty = Person(new_id(), cohort.id, NASTY)
    repo.add_people(cohort.id, [nasty])
    seating = repo.snapshot().seatings(cohort.id)[-1]
    tables = list(seating.tables)
    tables[2] = dataclasses.replace(tables[2], members=(*tables[2].members, nasty.id))
    clock.advance(60)
    repo.add_seating(
        dataclasses.replace(seating, id=new_id(), at=iso(clock.now()), tables=tuple(tables))
    )
    number = str(len(tables[2].members))
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", number)
        assert isinstance(coach_app.screen, SheetView)
        heading = str(coach_app.screen.query_one("#sheet-title").render())
        assert heading.startswith(f"Feedback sheet: {NASTY}")
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(coach_app.screen.query_one("#sheet-text", Static).content)
        assert f"Feedback sheet: {NASTY}" in console.export_text()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_snapshot_coach_sheet(coach_app, member_entries, snap_compare, size) -> None:
    async def opened(pilot) -> None:
        await pilot.pause()
        await pilot.press("s", "2")
        await steady(pilot)

    assert snap_compare(coach_app, terminal_size=size, run_before=opened)
