"""A view started with no terminal (ssh -T, scp, sftp to the coaches' account, a pipe) says so
in one line and exits at once, instead of running on unseen and busy."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import one_line

NEEDS = (
    "lp-tui: this view needs a terminal (over SSH: ssh -t, or the 'pty' option in "
    "authorized_keys, as lp-tui ssh-setup prints)"
)


@pytest.mark.parametrize("command", [["coach", "--as", "Dr Anjali Rao"], ["clock"], ["run"], []])
def test_a_view_without_a_terminal_exits_at_once_with_one_line(
    run_cli, db_path: Path, command: list[str]
) -> None:
    run_cli("demo", "--no-launch")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "lp_tui", "--db", str(db_path), *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    assert done.returncode == 2
    assert one_line(done.stderr) == NEEDS
    assert done.stdout == ""
    assert time.monotonic() - started < 30  # it never waited on a screen
