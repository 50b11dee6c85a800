"""K on the tables screen with few checked in: the tables kept and the words that say so agree;
a coach's entry written before the re-seating stays in their list."""

from __future__ import annotations

from datetime import UTC

import pytest

from lp_tui.domain.allocation import table_sizes
from lp_tui.domain.clock import iso
from lp_tui.domain.model import AttendanceMark, AttendanceStatus, Observation, Seating, new_id
from lp_tui.ui.coach import CoachApp
from lp_tui.ui.widgets.table_card import TableCard
from tests.app.conftest import SIZE, messages, store_tables, wait_for_message, wait_until
from tests.app.test_coach_view import recent_text


@pytest.fixture
def day_one(repo, demo, clock):
    """Day 1's tables, allocated and stored; Day 2 has none of its own yet."""
    return store_tables(repo, demo, clock, 1)


def check_in(repo, cohort, clock, people: list[str]) -> None:
    repo.mark_attendance(
        AttendanceMark(new_id(), cohort.id, 2, p, AttendanceStatus.PRESENT, iso(clock.now()))
        for p in people
    )


async def keep(app, pilot, repo, cohort) -> Seating:
    await pilot.press("t", "K")
    await pilot.pause()
    await pilot.press("y")  # "Keep the tables of the earlier day?"
    await wait_until(pilot, lambda: any(s.day == 2 for s in repo.snapshot().seatings(cohort.id)))
    return repo.snapshot().seatings(cohort.id)[-1]


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (2, "Tables kept: 2 to seat: fewer than 5, so one table of 2"),
        (7, "Tables kept: 7 to seat: no split into tables of 5-6 exists; 2 tables of 4/3"),
    ],
)
async def test_keep_with_few_checked_in_seats_them_as_the_toast_says(
    app, repo, demo, clock, day_one, count, said
) -> None:
    """One from each of Day 1's tables checked in (the reported case: two, each from a table
    of their own, were kept as two tables of one while the toast said one table of two)."""
    cohort, _ = demo
    tables = day_one.tables
    present = [tables[i % len(tables)].members[i // len(tables)] for i in range(count)]
    check_in(repo, cohort, clock, present)
    async with app.run_test(size=SIZE) as pilot:
        seating = await keep(app, pilot, repo, cohort)
        await wait_until(pilot, lambda: any(m.startswith(said) for m in messages(app)))
        assert seating.day == 2 and seating.how == "keep"
        assert sorted(p for t in seating.tables for p in t.members) == sorted(present)
        assert sorted((len(t.members) for t in seating.tables), reverse=True) == table_sizes(count)
        assert all(t.coach for t in seating.tables)
        assert {t.number for t in seating.tables} <= {t.number for t in tables}
        await wait_until(pilot, lambda: len(app.screen.query(TableCard)) == len(seating.tables))
        # the toast also says who moved from where they sat on Day 1
        names = {p.id: p.name for p in demo[1]}
        before = {p: t.number for t in tables for p in t.members}
        after = {p: t.number for t in seating.tables for p in t.members}
        moved = [p for p in present if before[p] != after[p]]
        assert moved  # the sizes could not be kept without moving someone
        told = (
            "; ".join(f"{names[p]} moved from table {before[p]} to {after[p]}" for p in moved)
            if len(moved) <= 3
            else f"{len(moved)} moved from where they sat before"
        )
        toasts = [m for m in messages(app) if m.startswith("Tables kept")]
        assert toasts == [f"{said} · {told}"]


async def test_a_coachs_entry_stays_in_their_list_after_keep_with_two_checked_in(
    app, repo, demo, programme, clock, day_one
) -> None:
    """The coach of Day 1's third table logged an observation of a member on Day 2; then two
    from other tables were checked in and K pressed. The coach now has no table (the one table
    of two is another coach's), and their entry still stands in their list, to withdraw."""
    cohort, people = demo
    names = {p.id: p.name for p in people}
    coach, about = day_one.tables[2].coach, day_one.tables[2].members[1]
    repo.add_observation(
        Observation(new_id(), cohort.id, 2, coach, about, "Listens", iso(clock.now()))
    )
    clock.advance(60)
    check_in(repo, cohort, clock, [day_one.tables[0].members[0], day_one.tables[1].members[0]])
    async with app.run_test(size=SIZE) as pilot:
        seating = await keep(app, pilot, repo, cohort)
        assert [len(t.members) for t in seating.tables] == [2]
        assert all(t.coach != coach for t in seating.tables)
    coach_app = CoachApp(
        repo, cohort.id, programme, clock=clock, tz=UTC, poll_seconds=0.1, coach_id=coach
    )
    async with coach_app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: names[about] in recent_text(coach_app))
        title = str(coach_app.screen.query_one("#coach-recent-title").render())
        assert title.startswith("Your entries today: 1")
        await pilot.press("e")  # a correction would write about someone off their table now
        await wait_for_message(
            pilot,
            f"{names[about]} no longer sits at your table: w withdraws the entry; "
            "it cannot be corrected.",
        )
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: not repo.snapshot().observations(cohort.id, 2))
