from __future__ import annotations

import os
import subprocess
import sys

import pytest
from textual.coordinate import Coordinate

from lp_tui.ui.screens.feedback import FeedbackScreen
from lp_tui.ui.widgets.row_table import RowTable
from tests.app.conftest import SIZE, steady, wait_until
from tests.conftest import REPO_ROOT

EACH = 25


@pytest.mark.slow
async def test_coaches_writing_at_once_all_reach_the_facilitators_feed(
    app, repo, demo, seated, db_path
) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FeedbackScreen)
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
        coaches = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.helpers.coach_writer",
                    str(db_path),
                    cohort.id,
                    table.coach,
                    ",".join(table.members),
                    str(EACH),
                ],
                cwd=REPO_ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for table in seated.tables
        ]
        for process in coaches:
            process.wait(timeout=120)
            assert process.returncode == 0
        expected = EACH * len(coaches)
        feed = app.screen.query_one("#feedback-feed", RowTable)
        await wait_until(pilot, lambda: feed.row_count == expected, seconds=5)
        stored = repo.snapshot().observations(cohort.id, 2)
        assert len(stored) == len({o.id for o in stored}) == expected
        assert "No feedback yet: 0" in str(app.screen.query_one("#feedback-without").render())


async def test_who_has_had_no_feedback_yet(app, repo, demo, clock) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import Observation, Role, new_id

    cohort, people = demo
    coach = next(p for p in people if p.role is Role.COACH)
    first = next(p for p in people if p.role is Role.PARTICIPANT)
    repo.add_observation(
        Observation(new_id(), cohort.id, 2, coach.id, first.id, "Listens", iso(clock.now()))
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        text = str(app.screen.query_one("#feedback-without").render())
        assert "No feedback yet: 39" in text
        assert first.name not in text


async def test_who_never_arrived_is_not_waiting_for_feedback(app, repo, demo, clock) -> None:
    """With check-in used, only those here are counted: the absent and the never-arrived are
    in neither the "No feedback yet" list nor the counts."""
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import AttendanceMark, AttendanceStatus, Role, new_id

    cohort, people = demo
    group = sorted((p for p in people if p.role is Role.PARTICIPANT), key=lambda p: p.name)
    here, away = group[:30], group[30:32]
    marks = [
        AttendanceMark(new_id(), cohort.id, 2, p.id, AttendanceStatus.PRESENT, iso(clock.now()))
        for p in here
    ] + [
        AttendanceMark(new_id(), cohort.id, 2, p.id, AttendanceStatus.ABSENT, iso(clock.now()))
        for p in away
    ]
    repo.mark_attendance(marks)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        without = app.screen.query_one("#feedback-without")
        await wait_until(pilot, lambda: "No feedback yet: 30" in str(without.render()))
        text = str(without.render())
        assert "30\u00a0of\u00a030" in text  # below the least entries: of those here
        for person in [*away, *group[32:]]:  # absent, or never arrived
            assert person.name not in text
        people_table = app.screen.query_one("#feedback-people", RowTable)
        assert people_table.row_count == 30


@pytest.fixture
def day_of_entries(repo, demo, seated, clock) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import Observation, PeerFeedback, new_id

    cohort, _ = demo
    behaviours = [
        "Listens before speaking",
        "Builds on the ideas of others",
        "Invites quieter voices",
    ]
    observations = []
    for index, table in enumerate(seated.tables):
        for n, member in enumerate(table.members[:4]):
            clock.advance(37)
            observations.append(
                Observation(
                    new_id(),
                    cohort.id,
                    2,
                    table.coach,
                    member,
                    behaviours[(index + n) % 3],
                    iso(clock.now()),
                    "",
                )
            )
    for observation in observations:
        repo.add_observation(observation)
    table = seated.tables[0]
    clock.advance(60)
    repo.add_peer_feedback(
        PeerFeedback(
            new_id(),
            cohort.id,
            2,
            table.coach,
            table.members[4],
            table.members[0],
            behaviours[1],
            iso(clock.now()),
            "you picked up my point",
            1,
        )
    )


async def run_before(pilot) -> None:
    await pilot.press("f")
    await steady(pilot)


LONG_WORDS = (
    "when Sam was talking over the clinicians you asked him, kindly, to let the nurse finish "
    "her point first, and the whole table relaxed"
)


async def test_the_highlighted_entry_shows_whole_below_the_feed(
    app, repo, demo, seated, clock, day_of_entries
) -> None:
    """The feed's columns cut the words a coach wrote; the card below shows them as written,
    and follows the highlight; the per-participant view has no card."""
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import Observation, new_id

    table = seated.tables[1]
    names = {p.id: p.name for p in demo[1]}
    clock.advance(60)
    repo.add_observation(
        Observation(
            new_id(), demo[0].id, 2, table.coach, table.members[2], "Invites quieter voices",
            iso(clock.now()), LONG_WORDS,
        )
    )  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        card = app.screen.query_one("#feedback-entry")
        await wait_until(pilot, lambda: "Coach's observation" in str(card.render()))
        shown = " ".join(str(card.render()).split())
        assert f"by {names[table.coach]}" in shown
        assert f"{names[table.members[2]]} · Invites quieter voices" in shown
        assert f"“{LONG_WORDS}”" in shown  # whole, wrapped to the card's width
        feed = app.screen.query_one("#feedback-feed", RowTable)
        assert LONG_WORDS not in " ".join(str(c) for c in feed.get_row_at(0))  # the column cuts
        await pilot.press("down")
        await wait_until(pilot, lambda: "you picked up my point" in str(card.render()))
        assert "Peer feedback" in str(card.render())
        await pilot.press("s")
        await wait_until(pilot, lambda: not card.display)
        await pilot.press("s")
        await wait_until(pilot, lambda: card.display)


async def test_the_feeds_words_take_a_wide_terminals_room(app, day_of_entries) -> None:
    """At 120 columns the Words column is wider than the others' least, and every column is
    in view beside the side panel; at 80x24 the columns narrow to their least first."""
    from lp_tui.ui.screens.feedback import FEED, FEED_LEAST

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f")
        feed = app.screen.query_one("#feedback-feed", RowTable)
        await wait_until(pilot, lambda: feed.widths != [w for _, w in FEED])
        room = feed.scrollable_content_region.width
        assert sum(w + 2 for w in feed.widths) == room  # all in view, ending at the edge
        assert feed.widths[-1] > FEED_LEAST[-1]
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: feed.widths == list(FEED_LEAST))


async def test_on_a_wide_terminal_who_it_went_to_is_whole_before_the_words(
    app, day_of_entries
) -> None:
    """At 200 columns the room went to the words alone, and the About column still cut who
    the feedback went to ("Winston Campbell → Grace…") beside 80 blank columns."""
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("f")
        feed = app.screen.query_one("#feedback-feed", RowTable)
        await wait_until(pilot, lambda: feed.row_count > 0)
        await pilot.pause()
        for row in range(feed.row_count):
            for column in (2, 3, 4):  # coach, about, behaviour
                cell = str(feed.get_cell_at(Coordinate(row, column)))
                assert "…" not in cell, cell
        assert any("→" in str(feed.get_cell_at(Coordinate(r, 3))) for r in range(feed.row_count))


def test_snapshot_feedback_screen(app, day_of_entries, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_feedback_per_participant(app, day_of_entries, snap_compare) -> None:
    async def per_participant(pilot) -> None:
        await pilot.press("f", "s")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=per_participant)


async def test_counts_per_participant_fewest_first(app, repo, demo, seated, clock) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import Observation, PeerFeedback, new_id

    cohort, people = demo
    table = seated.tables[1]
    a, b = table.members[:2]
    at = iso(clock.now())
    repo.add_observation(Observation(new_id(), cohort.id, 2, table.coach, a, "Listens", at))
    repo.add_peer_feedback(
        PeerFeedback(new_id(), cohort.id, 2, table.coach, a, b, "Listens", at, "", 2)
    )
    names = {p.id: p.name for p in people}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "s")
        await pilot.pause()
        grid = app.screen.query_one("#feedback-people", RowTable)
        rows = {str(grid.get_row_at(i)[0]): grid.get_row_at(i) for i in range(grid.row_count)}
        assert [str(c) for c in rows[names[a]][2:]] == ["2", "1", "0", "1", "1"]
        assert [str(c) for c in rows[names[b]][2:]] == ["2", "0", "1", "0", "1"]
        assert str(grid.get_row_at(0)[6]) == "0"  # fewest first
        without = str(app.screen.query_one("#feedback-without").render())
        assert "No feedback yet: 38" in without  # peer feedback counts as feedback
        assert names[b] not in without
