"""Keys typed fast never jam: in a real terminal, "efua⏎eileen⏎" sent as ONE burst (a single
`tmux send-keys` call, as a paste or a loaded laptop delivers it) marks both people."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from lp_tui.domain.model import AttendanceStatus
from lp_tui.store.repo import Repo
from tests.e2e.tmux import Tmux

pytestmark = pytest.mark.e2e


def present_names(db_path: Path) -> set[str]:
    """Everyone marked present on any day, read from the database file."""
    snapshot = Repo(db_path).snapshot()
    [cohort] = snapshot.cohorts()
    names = {p.id: p.name for p in snapshot.people(cohort.id)}
    return {
        names[person]
        for day in cohort.days
        for person, status in snapshot.attendance(cohort.id, day).items()
        if status is AttendanceStatus.PRESENT
    }


def wait_for_names(db_path: Path, wanted: set[str], timeout: float = 10.0) -> set[str]:
    deadline = time.monotonic() + timeout
    found: set[str] = set()
    while time.monotonic() < deadline:
        found = present_names(db_path)
        if found >= wanted:
            return found
        time.sleep(0.1)
    return found


@pytest.mark.parametrize("newline", ["\n", "\r"], ids=["line-feed", "carriage-return"])
def test_a_burst_of_two_names_marks_both(terminal_env, db_path: Path, newline: str) -> None:
    tmux = Tmux([sys.executable, "-m", "lp_tui", "demo"], terminal_env)
    try:
        tmux.ready("NOT STARTED")
        tmux.press_until("c", "Type a few letters")
        tmux.type(f"efua{newline}eileen{newline}")  # one send-keys call: one burst
        screen = tmux.wait_for("✔ 2 present", timeout=10)
        assert "efuaeileen" not in screen
        assert wait_for_names(db_path, {"Efua Boateng", "Eileen Walsh"}) == {
            "Efua Boateng",
            "Eileen Walsh",
        }
        tmux.quit_after_writes()
    finally:
        tmux.close()


def test_ctrl_z_in_a_real_terminal_undoes_the_last_mark(terminal_env, db_path: Path) -> None:
    tmux = Tmux([sys.executable, "-m", "lp_tui", "demo"], terminal_env)
    try:
        tmux.ready("NOT STARTED")
        tmux.press_until("c", "Type a few letters")
        tmux.type("efua\reileen\r")
        tmux.wait_for("✔ 2 present", timeout=10)
        assert wait_for_names(db_path, {"Efua Boateng", "Eileen Walsh"})
        tmux.send("C-z")
        tmux.wait_for("Undone: Eileen Walsh marked present", timeout=10)
        tmux.wait_for("✔ 1 present", timeout=10)
        deadline = time.monotonic() + 10
        while present_names(db_path) != {"Efua Boateng"} and time.monotonic() < deadline:
            time.sleep(0.1)
        assert present_names(db_path) == {"Efua Boateng"}
        tmux.quit_after_writes()
    finally:
        tmux.close()
