"""The agenda clock survives a killed process: restart and it is still running, time moved on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.tmux import Tmux, env_for

pytestmark = pytest.mark.e2e


def seconds_left(screen: str) -> int:
    found = re.search(r"▶ RUNNING\s+(\d\d):(\d\d) left", screen)
    assert found, screen
    return int(found[1]) * 60 + int(found[2])


def agenda_state(env: dict[str, str]) -> str:
    status = subprocess.run(
        [sys.executable, "-m", "lp_tui", "agenda", "status", "--day", "1", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(status.stdout)["state"]


def wait_until_stored(env: dict[str, str], state: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while agenda_state(env) != state:
        assert time.monotonic() < deadline, f"the store never said {state}"
        time.sleep(0.1)


def test_a_killed_app_resumes_the_running_item(db_path: Path) -> None:
    env = env_for(db_path)
    subprocess.run([sys.executable, "-m", "lp_tui", "demo", "--no-launch"], env=env, check=True)
    command = [sys.executable, "-m", "lp_tui", "run", "--day", "1"]
    first = Tmux(command, env)
    try:
        first.ready("NOT STARTED")
        before = seconds_left(first.press_until("Space", "▶ RUNNING"))
        seen_at = time.monotonic()
        wait_until_stored(env, "running")  # the screen shows a press at once; the store follows
        first.kill_program()
        first.wait_for("EXITED-")
    finally:
        first.close()
    time.sleep(3)
    second = Tmux(command, env)
    try:
        screen = second.wait_for("▶ RUNNING")
        elapsed = time.monotonic() - seen_at
        after = seconds_left(screen)
        assert "1/14  Welcome, housekeeping and access needs" in screen
        assert before - after == pytest.approx(elapsed, abs=2.5)
        assert after < before
    finally:
        second.close()
    assert agenda_state(env) == "running"


def test_the_projector_clock_follows_the_facilitator(db_path: Path) -> None:
    env = env_for(db_path)
    subprocess.run([sys.executable, "-m", "lp_tui", "demo", "--no-launch"], env=env, check=True)
    facilitator = Tmux([sys.executable, "-m", "lp_tui", "run", "--day", "2"], env)
    projector = Tmux([sys.executable, "-m", "lp_tui", "clock", "--day", "2"], env)
    try:
        facilitator.ready("NOT STARTED")
        projector.wait_for("NOT STARTED")
        facilitator.press_until("Space", "▶ RUNNING")
        projector.wait_for("▶ RUNNING", timeout=2)
        facilitator.send("n")
        screen = projector.wait_for("Next: From appreciated to aspired", timeout=2)
        assert "Behaviours we appreciate in others at meetings" in screen
    finally:
        facilitator.close()
        projector.close()
