from __future__ import annotations

import os
import subprocess
import sys

import pytest

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
        await wait_until(pilot, lambda: feed.row_count == expected, tries=100)
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
