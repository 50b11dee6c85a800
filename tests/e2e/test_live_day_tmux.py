"""One room, one "now": three real processes follow the day the facilitator runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.tmux import Tmux, env_for

pytestmark = pytest.mark.e2e

LP_TUI = [sys.executable, "-m", "lp_tui"]


def test_the_clock_and_a_coach_follow_the_facilitators_day(db_path: Path) -> None:
    env = env_for(db_path)
    subprocess.run([*LP_TUI, "demo", "--no-launch"], env=env, check=True)
    facilitator = Tmux([*LP_TUI, "run", "--day", "2"], env)
    projector = Tmux([*LP_TUI, "clock"], env)
    coach = Tmux([*LP_TUI, "coach", "--as", "Dr Anjali Rao"], env)
    try:
        facilitator.ready("NOT STARTED")
        facilitator.press_until("Space", "▶ RUNNING")
        # neither has --day: both open on the day the facilitator opened, not the calendar's
        # (a pane may start narrower than asked: only the start of each header is looked at)
        assert "Day 2 of 3" in projector.wait_for("▶ RUNNING", timeout=20)
        screen = coach.wait_for("▶ RUNNING", timeout=20)
        assert "Dr Anjali Rao (coach)" in screen and "— Day 2 of 3" in screen

        facilitator.send("C-d")
        facilitator.wait_for("Which day is the room on?", timeout=5)
        facilitator.send("Down")
        facilitator.send("Enter")
        # Day 2's item runs: the room moves on only once the facilitator says y to that
        facilitator.wait_for("while “Welcome back and check-in” runs?", timeout=5)
        facilitator.send("y")
        # "— Day 3 of 3 · …", or at 80 columns the shorter "— Day 3 · live · …" (Day 3's title
        # is longer than Day 2's: the header drops the day count so that the date stays whole)
        facilitator.wait_for("— Day 3 ", 5)

        screen = projector.wait_for("· Day 3 ", timeout=5)
        assert "Welcome back" in screen and "Day 2 of 3" not in screen
        screen = coach.wait_for("— Day 3 ", timeout=5)
        assert "Day 2 of 3" not in screen and "Welcome back" in screen
    finally:
        facilitator.close()
        projector.close()
        coach.close()
    status = subprocess.run(
        [*LP_TUI, "agenda", "status", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"day":3' in status.stdout
