"""Start of each lp-tui app against a bare Textual app, in a real terminal (tmux).

Run: python bench/start_bench.py [--rounds 7] [--size 120x40] [--against CHECKOUT]

Each app is started in its own tmux session (a terminal of --size); the time is from just
before the process is started to the moment tmux's screen first shows the texts that only its
first screen shows, whole: a text of its own and, where it has a footer, a key in the footer
(polled with ``capture-pane`` every 10 ms). Textual's Footer, the bare app's, draws its keys a
frame after the rest of its screen (50-90 ms later here); lp-tui's footer comes in the same
frame as the rest. Timed to a text above the footer alone (``--first-text``, this bench's
measure until 2026-11), the bare app's screen was timed before it was whole, and lp-tui's
ratios came out some 0.12-0.15 higher; ratios taken one way are not to be compared with
ratios taken the other. Its peak memory (VmHWM) is read
from /proc once that screen has been up for half a second. The baseline is a bare Textual app
(Header + DataTable + Footer) started the same way in the same run, every app from compiled
bytecode (see bytecode_env); the apps take turns, in an
order rotated every round, and the medians are compared. Beside the time, the CPU the app had
used when its first screen showed (from /proc, in clock ticks): on a machine whose file cache
and neighbours vary from one start to the next it moves less than the time. Prints each app's
ratio against the bare app: no absolute time is a pass or a fail (the wanted ratios: start at
most 1.3x, memory at most 1.5x, for the facilitator's app and the coach view). An lp-tui app
keeps the code its start compiled for dataclasses (lp_tui/code_cache.py), Textual's classes'
among it; the bare app, as any Textual app, compiles that code at every start.

With ``--against`` (``git worktree add /tmp/old REV``, then ``--against /tmp/old``), each app
also starts from that checkout in the same rounds: old code against new on one machine in one
hour, which two runs of this bench, a tenth apart from run to run, cannot resolve.

The database is a demo cohort, its tables allocated for Day 1 and its first item running.
``--bare`` runs the bare app itself (``--bare tick``: with a countdown ticking 4 times a
second, the baseline of bench/idle_bench.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

PREFIX = "g3-bench"
HERE = Path(__file__).resolve()


# Every app runs from compiled bytecode, as an installed lp-tui does (pip compiles it at install)
# and as Textual does from site-packages: where PYTHONDONTWRITEBYTECODE is set, an editable
# checkout would otherwise compile lp_tui's sources on every start and the bare app would not.
# The bytecode goes to a folder of the run (filled by one uncounted start of each app).
def bytecode_env(folder: Path) -> dict[str, str]:
    return {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(folder / "bytecode")}


def coach_names() -> list[str]:
    """The demo cohort's coaches (imported here: the bare app runs this file and must not
    pay for lp-tui's imports)."""
    from lp_tui.domain.demo import demo_cohort
    from lp_tui.domain.model import Role

    return [p.name for p in demo_cohort("2017-11-20T09:00:00+00:00")[1] if p.role is Role.COACH]


@dataclass(frozen=True)
class Launch:
    name: str
    argv: list[str]
    shows: tuple[str, ...]  # texts its first screen shows whole, and no terminal shows before
    env: tuple[tuple[str, str], ...] = ()  # more environment for this app alone


def from_checkout(launch: Launch, checkout: Path, label: str) -> Launch:
    """``launch`` with lp_tui imported from ``checkout`` (PYTHONPATH), named with ``label``."""
    env = (*launch.env, ("PYTHONPATH", str(checkout)))
    return Launch(f"{launch.name} {label}", launch.argv, launch.shows, env)


def lp_tui(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "lp_tui", "--db", str(db), *args]


def bare(mode: str = "still") -> Launch:
    argv = [sys.executable, str(HERE), "--bare", mode]
    return Launch(f"bare ({mode})", argv, ("bare-ready", "Start/Pause"))


def facilitator(db: Path) -> Launch:
    return Launch("facilitator", lp_tui(db, "run", "--day", "1"), ("Morning break", "Start/Pause"))


def coach(db: Path, name: str = "Dr Anjali Rao") -> Launch:
    argv = lp_tui(db, "coach", "--as", name)
    return Launch(f"coach {name}", argv, ("Your entries today", "Peer feedback"))


def clock(db: Path) -> Launch:
    return Launch("clock", lp_tui(db, "clock"), ("Next: Table introductions",))  # no footer


def demo_database(folder: Path) -> Path:
    """A demo cohort, Day 1 live, its tables allocated, its first item started just now."""
    db = folder / "bench.json"
    quiet = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(lp_tui(db, "demo", "--no-launch"), **quiet)  # type: ignore[call-overload]
    subprocess.run(lp_tui(db, "tables", "allocate", "--day", "1", "--seed", "1"), **quiet)  # type: ignore[call-overload]
    script = (
        "import sys\n"
        "from datetime import datetime, timezone\n"
        "from lp_tui.domain.clock import iso\n"
        "from lp_tui.domain.live_day import LiveDay\n"
        "from lp_tui.domain.model import new_id\n"
        "from lp_tui.domain.timers import AgendaEvent, EventKind\n"
        "from lp_tui.store.repo import Repo\n"
        "repo = Repo(sys.argv[1])\n"
        "cohort = repo.snapshot().cohorts()[0]\n"
        "now = iso(datetime.now(timezone.utc))\n"
        "repo.add_live_day(LiveDay(id=new_id(), cohort=cohort.id, day=1, at=now))\n"
        "repo.add_agenda_events([AgendaEvent(id=new_id(), cohort=cohort.id, day=1,\n"
        "    kind=EventKind.START, item='welcome', at=now)])\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True)
    return db


# ---------------------------------------------------------------------- tmux
def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], check=False, capture_output=True, text=True)
    return done.stdout


class Terminal:
    """One tmux session running one app (the app is the pane's process: ``exec``)."""

    count = 0

    def __init__(
        self, launch: Launch, size: tuple[int, int], env: Mapping[str, str] | None = None
    ) -> None:
        Terminal.count += 1
        self.launch = launch
        self.name = f"{PREFIX}-{os.getpid()}-{Terminal.count}"
        command = "exec " + " ".join(_quoted(part) for part in launch.argv)
        self.started = time.perf_counter()
        width, height = str(size[0]), str(size[1])
        new = ["tmux", "new-session", "-d", "-s", self.name, "-x", width, "-y", height]
        variables = {"TERM": "xterm-256color", **(env or {})}
        options = [f"-e{name}={value}" for name, value in variables.items()]
        subprocess.run([*new, *options, command], check=True)
        self.pid = int(tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name)

    def wait_shown(self, timeout: float = 60.0) -> float:
        """Seconds from start to the first screen (its known text on the terminal)."""
        while True:
            text = self.screen()
            now = time.perf_counter()
            if all(shown in text for shown in self.launch.shows):
                return now - self.started
            if now - self.started > timeout:
                raise SystemExit(f"{self.launch.name}: not shown after {timeout:.0f} s:\n{text}")
            time.sleep(0.01)

    def status(self, field: str) -> int:
        """A field of /proc/PID/status in kB (VmHWM, VmRSS)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise KeyError(field)

    def cpu_seconds(self) -> float:
        """User and system CPU the app has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        tmux("kill-session", "-t", self.name)


@contextmanager
def tmux_server() -> Iterator[None]:
    """A session held open for the whole run: with none left between two measurements the
    tmux server exits, and the next session can race its exit and fail to start."""
    holder = f"{PREFIX}-{os.getpid()}-hold"
    subprocess.run(["tmux", "new-session", "-d", "-s", holder], check=True)
    try:
        yield
    finally:
        tmux("kill-session", "-t", holder)


def _quoted(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def size_of(text: str) -> tuple[int, int]:
    width, height = text.lower().split("x")
    return int(width), int(height)


# ---------------------------------------------------------------------- the bench
def measure(
    launch: Launch, size: tuple[int, int], env: Mapping[str, str]
) -> tuple[float, float, int]:
    """Seconds to the first screen, the CPU seconds the app had used by then, its peak kB."""
    terminal = Terminal(launch, size, {**env, **dict(launch.env)})
    try:
        seconds = terminal.wait_shown()
        cpu = terminal.cpu_seconds()
        time.sleep(0.5)
        return seconds, cpu, terminal.status("VmHWM")
    finally:
        terminal.close()


def add_arguments(parser: argparse.ArgumentParser, rounds: int) -> None:
    """--rounds, --size and --against, as this bench and bench/first_frame_bench.py take them."""
    parser.add_argument("--rounds", type=int, default=rounds)
    parser.add_argument("--size", default="120x40", help="the terminal, WIDTHxHEIGHT")
    parser.add_argument(
        "--against",
        metavar="CHECKOUT",
        type=Path,
        help="another checkout of lp-tui (a git worktree of an older commit, say): each app "
        "also starts from it, in the same rounds, and from this one by the same PYTHONPATH",
    )


def the_launches(db: Path, against: Path | None) -> list[Launch]:
    """The bare app, then the three apps (from this checkout and, with ``against``, from it)."""
    apps = [facilitator(db), coach(db), clock(db)]
    if against is None:
        return [bare(), *apps]
    # a path on the import path costs each import a look there: both sides pay it, the bare
    # app does not
    os.chdir(db.parent)  # tmux starts each app here: `python -m` puts it first on the path
    return [
        bare(),
        *(from_checkout(app, against.resolve(), "(against)") for app in apps),
        *(from_checkout(app, HERE.parents[1], "(this)") for app in apps),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser, rounds=7)
    parser.add_argument(
        "--first-text",
        action="store_true",
        help="time each app to its own text alone, not its footer's keys too (the bare app's "
        "screen is then timed before its footer is drawn, as this bench did until 2026-11)",
    )
    parser.add_argument("--bare", choices=("still", "tick"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        run_bare(args.bare)
        return
    size = size_of(args.size)
    with tmux_server():
        measured = _measure_all(args.rounds, size, args.against, first_text=args.first_text)
    _print(args.rounds, args.size, *measured)


def _measure_all(
    rounds: int, size: tuple[int, int], against: Path | None = None, *, first_text: bool = False
) -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, list[int]], list[Launch]]:
    with tempfile.TemporaryDirectory() as folder:
        launches = the_launches(demo_database(Path(folder)), against)
        if first_text:
            launches = [dataclasses.replace(each, shows=each.shows[:1]) for each in launches]
        times: dict[str, list[float]] = {launch.name: [] for launch in launches}
        cpus: dict[str, list[float]] = {launch.name: [] for launch in launches}
        memory: dict[str, list[int]] = {launch.name: [] for launch in launches}
        env = bytecode_env(Path(folder))
        # not counted: warm the file cache, compile the bytecode, and let each lp-tui app keep
        # what its start compiled (lp_tui/code_cache.py), as an installed lp-tui has by then
        for launch in launches:
            measure(launch, size, env)
        for round_ in range(rounds):
            turn = round_ % len(launches)
            for launch in launches[turn:] + launches[:turn]:
                seconds, cpu, peak = measure(launch, size, env)
                times[launch.name].append(seconds)
                cpus[launch.name].append(cpu)
                memory[launch.name].append(peak)
    return times, cpus, memory, launches


def _print(
    rounds: int,
    size: str,
    times: dict[str, list[float]],
    cpus: dict[str, list[float]],
    memory: dict[str, list[int]],
    launches: list[Launch],
) -> None:
    base = launches[0].name
    base_time = statistics.median(times[base])
    base_cpu = statistics.median(cpus[base])
    base_memory = statistics.median(memory[base])
    print(f"start to first screen, {rounds} rounds interleaved, terminal {size}")
    heads = f"{'median s':>10}{'ratio':>8}{'cpu s':>8}{'ratio':>8}{'peak MB':>10}{'ratio':>8}"
    print(f"{'app':<30}{heads}")
    for launch in launches:
        seconds = statistics.median(times[launch.name])
        cpu = statistics.median(cpus[launch.name])
        peak = statistics.median(memory[launch.name])
        print(
            f"{launch.name:<30}{seconds:>10.3f}{seconds / base_time:>7.2f}x"
            f"{cpu:>8.2f}{cpu / base_cpu:>7.2f}x"
            f"{peak / 1024:>10.1f}{peak / base_memory:>7.2f}x"
        )


# ---------------------------------------------------------------------- the bare app
def run_bare(mode: str) -> None:
    """Header + DataTable + Footer; with ``tick``, a countdown updated 4 times a second."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header, Label

    class Bare(App[None]):
        BINDINGS: ClassVar = [
            ("space", "noop", "Start/Pause"),
            ("n", "noop", "Next"),
            ("s", "noop", "Skip"),
            ("ctrl+q", "quit", "Quit"),
        ]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Label("20:00", id="countdown")
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("#", "Planned", "Item", "Status")
            for n in range(14):
                table.add_row(str(n + 1), f"{9 + n // 2:02d}:00", f"item {n + 1}", "to come")
            table.add_row("15", "16:00", "bare-ready", "to come")
            self.left = 20 * 60.0
            if mode == "tick":
                self.set_interval(0.25, self.tick)

        def tick(self) -> None:
            self.left -= 0.25
            minutes, seconds = divmod(int(self.left), 60)
            self.query_one("#countdown", Label).update(f"{minutes:02d}:{seconds:02d}")

        def action_noop(self) -> None:
            pass

    Bare().run()


if __name__ == "__main__":
    main()
