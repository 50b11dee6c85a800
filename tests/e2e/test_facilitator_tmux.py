"""The real lp-tui in a real terminal (tmux): People searches as you type; quit works."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.e2e.tmux import Tmux

pytestmark = pytest.mark.e2e


def test_demo_opens_people_and_searches_as_you_type(terminal_env, db_path: Path) -> None:
    tmux = Tmux([sys.executable, "-m", "lp_tui", "demo"], terminal_env)
    try:
        tmux.ready("NOT STARTED")
        screen = tmux.press_until("p", "Showing 64 of 64")
        assert "London Nov 2017 (demo)" in screen
        assert "Participants 40" in screen and "Coaches 8" in screen
        tmux.type("wheelchair")
        screen = tmux.wait_for("Showing 1 of 64")
        assert "Sunil Varma" in screen
        assert "Wheelchair user: step-free table near the door" in screen
        tmux.send("C-q")
        tmux.wait_for("EXITED-0")
    finally:
        tmux.close()
    assert db_path.is_file()


def test_a_second_terminal_sees_a_roster_import_live(
    terminal_env, db_path: Path, tmp_path: Path
) -> None:
    tmux = Tmux([sys.executable, "-m", "lp_tui", "demo"], terminal_env)
    try:
        tmux.ready("NOT STARTED")
        tmux.press_until("p", "Showing 64 of 64")
        roster = tmp_path / "late.csv"
        roster.write_text("name,role,organisation\nWinifred Late,participant,Riverside CCG\n")
        import subprocess

        subprocess.run(
            [sys.executable, "-m", "lp_tui", "roster", "import", str(roster)],
            env={**os.environ, **terminal_env},
            check=True,
            capture_output=True,
        )
        screen = tmux.wait_for("Showing 65 of 65", timeout=10)
        assert "All 65" in screen
        tmux.type("winifred")
        assert "Winifred Late" in tmux.wait_for("Showing 1 of 65")
    finally:
        tmux.close()
