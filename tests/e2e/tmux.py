"""Drive the real lp-tui in a tmux pane: type keys, read the screen. Every wait is bounded."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT


def env_for(db_path: Path) -> dict[str, str]:
    """The environment lp-tui runs in, in a pane: this checkout, its own database."""
    return {
        "LP_TUI_DB": str(db_path),
        "PYTHONPATH": str(REPO_ROOT),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }


class Tmux:
    def __init__(
        self, command: list[str], env: Mapping[str, str], width: int = 120, height: int = 34
    ) -> None:
        if shutil.which("tmux") is None:
            pytest.skip("tmux is not installed")
        self.name = f"lp-tui-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        shell = f"env {exports} {shlex.join(command)}; echo EXITED-$?; sleep 30"
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                shell,
            ],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def send(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(
            f"{text!r} did not appear within {timeout} s; the screen was:\n{screen}"
        )

    def quit_after_writes(self, timeout: float = 20.0) -> str:
        """ctrl+q until the program has exited 0. For a moment after a change's write has
        landed in the file the app is still finishing it, and ctrl+q then asks (rightly) about
        a change still being written: the answer is n, and ctrl+q again."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            self.send("C-q")
            wait_until = min(deadline, time.monotonic() + 3)
            while time.monotonic() < wait_until:
                screen = self.screen()
                if "EXITED-0" in screen:
                    return screen
                if "Quit with" in screen:
                    self.send("n")
                    time.sleep(0.5)
                    break
                time.sleep(0.1)
        raise AssertionError(f"the program did not exit 0 within {timeout} s:\n{screen}")

    def kill_program(self) -> None:
        """SIGKILL the program running in the pane (the shell's children), as a crash would."""
        pane = subprocess.run(
            ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[0]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == pane:
                os.kill(int(stat.parent.name), signal.SIGKILL)

    def ready(self, text: str, timeout: float = 20.0) -> str:
        """Wait for the first screen, then a moment more: keys sent while a Textual app is
        still switching the terminal into its modes can be lost."""
        screen = self.wait_for(text, timeout)
        time.sleep(0.7)
        return screen

    def press_until(self, key: str, text: str, tries: int = 3, wait: float = 4.0) -> str:
        """Press a key until ``text`` shows; only for keys whose effect is shown by ``text``
        (a key sent while the app is still starting up can go unread)."""
        for _ in range(tries - 1):
            self.send(key)
            try:
                return self.wait_for(text, wait)
            except AssertionError:
                continue
        self.send(key)
        return self.wait_for(text, wait)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)
