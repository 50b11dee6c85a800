"""Unexpected errors go to a private log beside the database, never to a screen."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from lp_tui.store.errors import LOG_NAME, log_error, one_line
from tests.conftest import one_line as the_line


def fail_with_a_secret() -> None:
    needs = "SECRET-NEED: wheelchair user"  # a local a traceback with locals would print
    raise RuntimeError(f"broke after {len(needs)} characters")


def caught() -> RuntimeError:
    try:
        fail_with_a_secret()
    except RuntimeError as error:
        return error
    raise AssertionError("no error")


def test_the_log_is_private_and_holds_the_stack_without_locals(tmp_path: Path) -> None:
    database = tmp_path / "lp.json"
    logged = log_error(database, caught(), "lp-tui coach")
    assert logged == tmp_path / LOG_NAME
    assert stat.S_IMODE(os.stat(logged).st_mode) == 0o600
    text = logged.read_text()
    assert "lp-tui coach" in text and "RuntimeError: broke after 28 characters" in text
    assert "fail_with_a_secret" in text  # where it happened
    assert "SECRET-NEED" not in text


def test_the_log_is_appended_to(tmp_path: Path) -> None:
    database = tmp_path / "lp.json"
    log_error(database, caught(), "first")
    log_error(database, caught(), "second")
    text = (tmp_path / LOG_NAME).read_text()
    assert text.index("first") < text.index("second")


def test_the_screen_gets_one_line_naming_the_log(tmp_path: Path) -> None:
    line = one_line(tmp_path / "lp.json", caught(), "lp-tui")
    assert line == (
        f"unexpected error (RuntimeError); the details are in {tmp_path / LOG_NAME} "
        "(readable by you only)"
    )
    assert "SECRET" not in line


def test_a_log_that_cannot_be_written_is_said_in_the_line(tmp_path, monkeypatch) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "open", full)
    line = one_line(tmp_path / "lp.json", caught(), "lp-tui")
    assert line == "unexpected error (RuntimeError); the error log could not be written either"


def test_a_command_that_breaks_prints_one_line_and_logs_the_rest(
    run_cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lp_tui.cli.agenda

    run_cli("demo", "--no-launch")

    def broken(*args, **kwargs):
        fail_with_a_secret()

    monkeypatch.setattr(lp_tui.cli.agenda, "day_clock", broken)
    result = run_cli("agenda", "status", "--day", "1")
    assert result.exit_code == 1
    line = the_line(result.stderr)
    assert line.startswith("lp-tui: unexpected error (RuntimeError); the details are in ")
    assert "SECRET" not in result.stderr and "Traceback" not in result.stderr
    assert "fail_with_a_secret" in (db_path.parent / LOG_NAME).read_text()


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "No space left on device"),
        (errno.EACCES, "Permission denied"),
        (errno.EROFS, "Read-only file system"),
        (errno.EIO, "Input/output error"),
    ],
)
def test_an_os_error_on_a_write_is_one_line_naming_the_file(
    run_cli, db_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    from lp_tui.store.repo import Repo

    run_cli("demo", "--no-launch")

    def refused(self, *args, **kwargs):
        raise OSError(code, os.strerror(code), str(db_path))

    monkeypatch.setattr(Repo, "add_observation", refused)
    result = run_cli(
        "observe",
        "--day",
        "1",
        "--by",
        "Dr Anjali Rao",
        "--about",
        "Grace Nwosu",
        "--behaviour",
        "Listens",
    )
    assert result.exit_code == 1
    assert the_line(result.stderr) == f"lp-tui: {db_path}: {words}"


@pytest.mark.parametrize("command", [["run"], ["clock"], ["coach", "--as", "Dr Anjali Rao"]])
def test_an_app_that_ended_on_an_error_ends_the_command_non_zero(
    run_cli, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    from lp_tui.ui.live import LiveApp

    run_cli("demo", "--no-launch")

    def ended_on_an_error(self) -> None:
        self._return_code = 1

    monkeypatch.setattr(LiveApp, "run", ended_on_an_error)
    assert run_cli(*command).exit_code == 1
