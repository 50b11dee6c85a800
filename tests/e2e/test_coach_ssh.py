"""A coach over a real OpenSSH connection on 127.0.0.1: the forced command starts their view,
whatever command the client asks for; an observation and a follow-up call are recorded with
keystrokes and land in the database; no one from another table (or another caller's list)
appears on the coach's screen."""

from __future__ import annotations

import getpass
import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.e2e.tmux import Tmux

pytestmark = pytest.mark.e2e
COACH = "Dr Anjali Rao"
LP_TUI = (sys.executable, "-m", "lp_tui")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"sshd did not listen on {port}")


@pytest.fixture
def sshd(tmp_path: Path, db_path: Path):
    daemon = shutil.which("sshd") or "/usr/sbin/sshd"
    if not Path(daemon).exists() or shutil.which("ssh") is None:
        pytest.skip("OpenSSH is not installed (.ci/run installs it)")
    env = {**os.environ, "LP_TUI_DB": str(db_path), "PYTHONPATH": str(REPO_ROOT)}
    subprocess.run([sys.executable, "-m", "lp_tui", "demo", "--no-launch"], env=env, check=True)
    subprocess.run(
        [sys.executable, "-m", "lp_tui", "tables", "allocate", "--day", "1", "--seed", "1"],
        env=env,
        check=True,
        capture_output=True,
    )
    for name in ("host", "coach"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / name)], check=True
        )
    command = (
        f"env LP_TUI_DB={shlex.quote(str(db_path))} PYTHONPATH={shlex.quote(str(REPO_ROOT))} "
        f"{sys.executable} -m lp_tui coach --as {shlex.quote(COACH)} --day 1"
    )
    public = (tmp_path / "coach.pub").read_text().strip()
    keys = tmp_path / "authorized_keys"
    keys.write_text(f'restrict,pty,command="{command}" {public}\n')
    keys.chmod(0o600)
    port = free_port()
    config = tmp_path / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {tmp_path / 'host'}",
                f"AuthorizedKeysFile {keys}",
                f"PidFile {tmp_path / 'sshd.pid'}",
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "",
            ]
        )
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)
    with open(tmp_path / "sshd.log", "w") as log:
        process = subprocess.Popen([daemon, "-D", "-e", "-f", str(config)], stderr=log)
        try:
            wait_for_port(port)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=10)


def ssh_as_coach(tmp_path: Path, port: int, mode: str, *command: str) -> list[str]:
    """An ssh to the test sshd with the coach's key; ``mode`` -tt (a terminal) or -T (none)."""
    return [
        "ssh",
        mode,
        "-i",
        str(tmp_path / "coach"),
        "-p",
        str(port),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "BatchMode=yes",
        "-o",
        "LogLevel=ERROR",
        f"{getpass.getuser()}@127.0.0.1",
        *command,
    ]


def test_a_coach_logs_an_observation_over_ssh(sshd: int, tmp_path: Path, db_path: Path) -> None:
    env = {**os.environ, "LP_TUI_DB": str(db_path), "PYTHONPATH": str(REPO_ROOT)}
    tables = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "lp_tui",
                "tables",
                "allocate",
                "--day",
                "1",
                "--seed",
                "1",
                "--format",
                "json",
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )["tables"]
    mine = next(t for t in tables if t["coach"] == COACH)
    others = [m["name"] for t in tables if t is not mine for m in t["members"]]
    intruder = tmp_path / "client-command-ran"
    ssh = ssh_as_coach(tmp_path, sshd, "-tt", f"touch {intruder}")
    terminal = Tmux(ssh, {"TERM": "xterm-256color", "PATH": os.environ.get("PATH", "")}, 110, 34)
    try:
        screen = terminal.ready(f"Your table: {mine['table']}", timeout=30)
        for name in (m["name"] for m in mine["members"]):
            assert name in screen
        assert not [name for name in others if name in screen]
        terminal.press_until("1", "Observation:")
        # typed at once, as a burst over ssh: enter still moves to the note in key order
        terminal.send(
            "Builds on the ideas of others", "Enter", "Picked up a quieter voice", "Enter"
        )
        screen = terminal.wait_for("Your entries today: 1", timeout=10)
        assert "Builds on the ideas of others" in screen and "Picked up a quieter voice" in screen
    finally:
        terminal.close()
    assert not intruder.exists(), "the command the client asked for ran"
    from lp_tui.store.repo import Repo

    snapshot = Repo(db_path).snapshot()
    [cohort] = snapshot.cohorts()
    [observation] = snapshot.observations(cohort.id, 1)
    names = {p.id: p.name for p in snapshot.people(cohort.id)}
    assert names[observation.by] == COACH
    assert names[observation.about] == mine["members"][0]["name"]
    assert observation.note == "Picked up a quieter voice"


def test_ssh_without_a_terminal_ends_at_once_with_one_line(sshd: int, tmp_path: Path) -> None:
    """ssh -T (and scp or sftp, which ask for no terminal either) to the coaches' account gets
    one line and a closed connection, not a coach view left running unseen."""
    started = time.monotonic()
    done = subprocess.run(
        ssh_as_coach(tmp_path, sshd, "-T"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "this view needs a terminal" in done.stderr
    assert COACH not in done.stdout + done.stderr  # nothing of the table either
    assert time.monotonic() - started < 30


def coach_views(db_path: Path) -> list[int]:
    """Pids of coach views on this test's database (their environment names it)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
            environ = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"coach" in command and f"LP_TUI_DB={db_path}".encode() in environ:
            found.append(int(proc.name))
    return found


@pytest.mark.parametrize("how", ["client killed", "terminal closed"])
def test_a_coach_view_ends_when_its_connection_ends(
    sshd: int, tmp_path: Path, db_path: Path, how: str
) -> None:
    """A dropped laptop lid or a killed ssh client: sshd hangs up on the session, and the coach
    view it started goes with it, rather than running on unseen."""
    ssh = ssh_as_coach(tmp_path, sshd, "-tt")
    terminal = Tmux(ssh, {"TERM": "xterm-256color", "PATH": os.environ.get("PATH", "")}, 110, 34)
    try:
        terminal.ready("Your table:", timeout=30)
        [view] = coach_views(db_path)
        if how == "client killed":
            terminal.kill_program()
        else:
            terminal.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and Path(f"/proc/{view}").exists():
            time.sleep(0.2)
        assert not Path(f"/proc/{view}").exists(), "the coach view outlived its connection"
    finally:
        terminal.close()


def test_a_coach_records_a_follow_up_call_over_ssh(
    sshd: int, tmp_path: Path, db_path: Path
) -> None:
    """``c`` lists the coach's own calls (nobody else's); ``r`` records one in a few keys."""
    env = {**os.environ, "LP_TUI_DB": str(db_path), "PYTHONPATH": str(REPO_ROOT)}
    from lp_tui.domain.model import Role
    from lp_tui.store.repo import Repo

    snapshot = Repo(db_path).snapshot()
    [cohort] = snapshot.cohorts()
    opted = [
        p.name for p in snapshot.people(cohort.id) if p.role is Role.PARTICIPANT and p.followup_call
    ]
    other_coach = next(
        p.name for p in snapshot.people(cohort.id) if p.role is Role.COACH and p.name != COACH
    )
    mine, theirs = opted[0], opted[1]
    for person, caller in ((mine, COACH), (theirs, other_coach)):
        subprocess.run(
            [*LP_TUI, "followup", "assign", "--person", person, "--caller", caller],
            env=env,
            check=True,
            capture_output=True,
        )
    ssh = ssh_as_coach(tmp_path, sshd, "-tt")
    terminal = Tmux(ssh, {"TERM": "xterm-256color", "PATH": os.environ.get("PATH", "")}, 110, 34)
    try:
        terminal.ready("Your table:", timeout=30)
        screen = terminal.press_until("c", "Your follow-up calls: 1")
        assert mine in screen and theirs not in screen
        terminal.press_until("r", f"Call: {mine}")
        # typed at once, as a burst over ssh: each enter moves on in key order
        terminal.send("h", "Enter", "20", "Enter", "Talked about chairing a panel", "Enter")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not Repo(db_path).snapshot().call_attempts(cohort.id):
            time.sleep(0.2)
        screen = terminal.wait_for("Tries", timeout=10)
        deadline = time.monotonic() + 10
        while f"Call: {mine}" in screen and time.monotonic() < deadline:
            time.sleep(0.2)
            screen = terminal.screen()
        assert f"Call: {mine}" not in screen  # the dialog closed on the last enter

        def row() -> str:
            return next((line for line in screen.splitlines() if mine in line), "")

        # the list shows the call once the write has landed and the view has read it back
        deadline = time.monotonic() + 10
        while "happened" not in row() and time.monotonic() < deadline:
            time.sleep(0.2)
            screen = terminal.screen()
        assert "happened" in row() and theirs not in screen
    finally:
        terminal.close()
    after = Repo(db_path).snapshot()
    names = {p.id: p.name for p in after.people(cohort.id)}
    [attempt] = after.call_attempts(cohort.id)
    assert names[attempt.caller] == COACH and names[attempt.person] == mine
    assert attempt.outcome.value == "happened" and attempt.minutes == 20
    assert attempt.note == "Talked about chairing a panel"
