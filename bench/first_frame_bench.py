"""CPU each app has used when its first whole screen is drawn, against a bare Textual app.

Run: python bench/first_frame_bench.py [--rounds 15] [--size 120x40] [--against CHECKOUT]

bench/start_bench.py times a start from outside, as a person sees it: the wall clock and the
CPU read from /proc (in steps of 10 ms) when tmux first shows the screen's text. On a busy
machine both move by a tenth from run to run, more than most changes to a start. This bench
measures from inside: each app runs in a real terminal (tmux, --size) as before, and a probe
(bench/first_frame_probe.py) notes the process's own CPU time (``time.process_time``: from the
interpreter's start, to the nanosecond) when the first frame is drawn in which the screen's
footer has its keys (a footer composes after the rest of its screen), then ends the app. The
apps take turns in each round, the same way as bench/start_bench.py; ``--against`` starts each
app from another checkout in the same rounds and prints, per app, the median of the
differences between the two in each round and in how many rounds this checkout used less.

The database is bench/start_bench.py's: a demo cohort, Day 1 live, its first item running.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
PROBE = HERE.with_name("first_frame_probe.py")
sys.path.insert(0, str(HERE.parent))

import start_bench  # noqa: E402  (bench/ is not a package)


def probe_launch(launch: start_bench.Launch, out: Path) -> list[str]:
    """The argv that runs ``launch`` under the probe, writing to ``out``."""
    if launch.argv[1:3] == [str(start_bench.HERE), "--bare"]:
        return [sys.executable, str(PROBE), str(out), "bare"]
    return [sys.executable, str(PROBE), str(out), "--", *launch.argv[3:]]  # after -m lp_tui


def measure(
    launch: start_bench.Launch, size: tuple[int, int], env: dict[str, str], folder: Path
) -> float:
    out = folder / "probe.txt"
    out.unlink(missing_ok=True)
    probed = start_bench.Launch(launch.name, probe_launch(launch, out), (), launch.env)
    terminal = start_bench.Terminal(probed, size, {**env, **dict(launch.env)})
    try:
        deadline = time.monotonic() + 60
        while not out.exists() or not out.read_text().endswith("\n"):
            if time.monotonic() > deadline:
                raise SystemExit(f"{launch.name}: no whole frame in 60 s:\n{terminal.screen()}")
            time.sleep(0.02)
        return float(out.read_text())
    finally:
        terminal.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    start_bench.add_arguments(parser, rounds=15)
    args = parser.parse_args()
    size = start_bench.size_of(args.size)
    with start_bench.tmux_server(), tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        launches = start_bench.the_launches(start_bench.demo_database(folder), args.against)
        env = start_bench.bytecode_env(folder)
        # Not counted: each app started once whole, as bench/start_bench.py starts it (to its
        # first screen and half a second on), so that its bytecode is compiled and its start
        # over: an installed lp-tui keeps then what a start compiled (lp_tui/code_cache.py),
        # which a probed start, ended at its first frame, never reaches.
        for launch in launches:
            start_bench.measure(launch, size, env)
        cpu: dict[str, list[float]] = {launch.name: [] for launch in launches}
        for round_ in range(args.rounds):
            turn = round_ % len(launches)
            for launch in launches[turn:] + launches[:turn]:
                cpu[launch.name].append(measure(launch, size, env, folder))
    _print(args, launches, cpu)


def _print(
    args: argparse.Namespace, launches: list[start_bench.Launch], cpu: dict[str, list[float]]
) -> None:
    base = statistics.median(cpu[launches[0].name])
    print(f"CPU to the first whole frame, {args.rounds} rounds interleaved, terminal {args.size}")
    print(f"{'app':<34}{'median ms':>10}{'ratio':>8}")
    for launch in launches:
        median = statistics.median(cpu[launch.name])
        print(f"{launch.name:<34}{median:>10.0f}{median / base:>7.2f}x")
    if args.against is None:
        return
    print("this checkout against the other, round by round")
    for launch in launches[1:]:
        if not launch.name.endswith("(this)"):
            continue
        other = launch.name.replace("(this)", "(against)")
        differences = [a - b for a, b in zip(cpu[launch.name], cpu[other], strict=True)]
        fewer = sum(d < 0 for d in differences)
        print(
            f"{launch.name.removesuffix(' (this)'):<34}{statistics.median(differences):>+9.0f} ms"
            f"  less in {fewer} of {len(differences)} rounds"
        )


if __name__ == "__main__":
    main()
