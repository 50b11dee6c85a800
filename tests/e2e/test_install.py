"""lp-tui installed for real, not as an editable checkout: `pip install .` into a new virtual
environment, and `pipx install .`, as ``lp-tui ssh-setup`` tells an administrator to do. Run
from a folder with no ``sessions/`` and no ``$LP_TUI_SESSIONS``, the programme files must come
from the installed package."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

INSTALL_TIMEOUT = 300
# an install, and each command after it, stops at its own timeout with its own words, before
# the run's limit of a test (a new venv 120 s, the install, three commands of 60 s)
pytestmark = [pytest.mark.slow, pytest.mark.e2e, pytest.mark.timeout(INSTALL_TIMEOUT + 360)]
# --no-compile: pip compiles every installed module to bytecode (Textual, Rich, openpyxl...),
# seconds of CPU the two commands run here never use; a module that does not compile fails the
# install neither way (pip reports it and goes on).


def clean_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a new user: no lp-tui variables, nothing of this checkout on the path."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LP_TUI_", "PYTHON", "VIRTUAL_ENV", "PIPX_"))
    }
    env["HOME"] = str(tmp_path / "home")
    env["PATH"] = os.defpath
    return env


def use_installed(lp_tui: Path, work: Path, env: dict[str, str]) -> None:
    """The installed command makes a cohort from the shipped programme and reports on it."""
    db = work / "room.json"
    made = subprocess.run(
        [str(lp_tui), "--db", str(db), "cohort", "create", "Kent 2026",
         "--dates", "2026-03-02,2026-03-09,2026-03-16"],
        cwd=work, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    status = subprocess.run(
        [str(lp_tui), "--db", str(db), "agenda", "status", "--format", "text"],
        cwd=work, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert status.returncode == 0, status.stderr
    assert "Day 1" in status.stdout
    assert "Welcome, housekeeping" in status.stdout  # the programme's first item


def install(argv: list[str], work: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """An install that stops at INSTALL_TIMEOUT. pip's own processes (the build of the
    package) keep its output open: subprocess.run kills pip at its timeout, then waits on for
    them, and an install stuck on the network hung the whole test run. Here the install and
    every process it started are killed, and the test fails naming what pip said."""
    with subprocess.Popen(
        argv, cwd=work, env=env, text=True, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as process:  # fmt: skip
        try:
            out, err = process.communicate(timeout=INSTALL_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            pytest.fail(f"{' '.join(argv)}: not done in {INSTALL_TIMEOUT} s\n{err[-2000:]}")
    return subprocess.CompletedProcess(argv, process.returncode, out, err)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (tmp_path / "home").mkdir()
    return folder


def test_pip_install_ships_the_programme_files(tmp_path: Path, work: Path) -> None:
    # The new venv gets no pip of its own (ensurepip: 3.5 s of CPU, the test's largest step):
    # the pip that runs the tests installs into it (`pip --python`), the same pip ensurepip
    # would have put there, from the same wheel Python ships.
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120
    )
    env = clean_env(tmp_path)
    python = str(venv / "bin" / "python")
    installed = install(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-compile",
         str(REPO_ROOT)],
        work, env,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    package = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import lp_tui; print(lp_tui.__file__)"],
        cwd=work, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert str(venv) in package.stdout  # the installed copy, not this checkout
    assert list((Path(package.stdout.strip()).parent / "sessions").glob("*.toml"))
    use_installed(venv / "bin" / "lp-tui", work, env)


# Looked up, not run: `python -m pipx --version` cost each test process 0.4 s of CPU as it
# collected this module, four at once as the run starts.
@pytest.mark.skipif(
    shutil.which("pipx") is None and importlib.util.find_spec("pipx") is None,
    reason="pipx is not installed (the test extra installs it)",
)
def test_pipx_install_ships_the_programme_files(tmp_path: Path, work: Path) -> None:
    env = clean_env(tmp_path)
    env["PIPX_HOME"] = str(tmp_path / "pipx")
    env["PIPX_BIN_DIR"] = str(tmp_path / "bin")
    env["PIPX_MAN_DIR"] = str(tmp_path / "man")
    installed = install(
        [sys.executable, "-m", "pipx", "install", "--pip-args=--no-compile", str(REPO_ROOT)],
        work,
        env,
    )
    assert installed.returncode == 0, installed.stderr
    use_installed(tmp_path / "bin" / "lp-tui", work, env)
