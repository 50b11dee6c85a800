"""Idle CPU of a whole room (the facilitator's app, the projector clock, 8 coaches) with an
item running, against bare Textual apps that tick a countdown 4 times a second.

Run: python bench/idle_bench.py [--rounds 3] [--seconds 10] [--size 120x40]

Every app runs in a real terminal (a tmux session of --size, as bench/start_bench.py starts
them). A round starts ten apps at once, waits until each shows its first screen and then two
seconds more, and reads the CPU (user + system, from /proc) each uses in the next --seconds.
Rounds of the room and rounds of ten bare ticking apps (Header + countdown + DataTable +
Footer) take turns, so both see the same machine. Prints each app's median share of a core and
its ratio against the bare app's median, and the room's total against ten bare apps' (the
wanted ratio: at most 1.2x for each app).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from start_bench import (
    Launch,
    Terminal,
    bare,
    clock,
    coach,
    coach_names,
    demo_database,
    facilitator,
    size_of,
    tmux_server,
)

SETTLE_SECONDS = 2.0


def room(db: Path) -> list[Launch]:
    return [facilitator(db), clock(db), *(coach(db, name) for name in coach_names())]


def bare_room(count: int) -> list[Launch]:
    return [bare("tick") for _ in range(count)]


def idle_shares(launches: list[Launch], size: tuple[int, int], seconds: float) -> list[float]:
    """Each app's CPU over ``seconds``, as a share of one core (1.0: a core busy)."""
    terminals = [Terminal(launch, size) for launch in launches]
    try:
        for terminal in terminals:
            terminal.wait_shown()
        time.sleep(SETTLE_SECONDS)
        before = [terminal.cpu_seconds() for terminal in terminals]
        started = time.perf_counter()
        time.sleep(seconds)
        after = [terminal.cpu_seconds() for terminal in terminals]
        elapsed = time.perf_counter() - started
    finally:
        for terminal in terminals:
            terminal.close()
    return [(b - a) / elapsed for a, b in zip(before, after, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--size", default="120x40", help="each terminal, WIDTHxHEIGHT")
    args = parser.parse_args()
    size = size_of(args.size)
    with tmux_server(), tempfile.TemporaryDirectory() as folder:
        db = demo_database(Path(folder))
        apps = room(db)
        shares: dict[str, list[float]] = {launch.name: [] for launch in apps}
        bare_shares: list[float] = []
        room_totals: list[float] = []
        bare_totals: list[float] = []
        for round_ in range(args.rounds):
            turns = ("room", "bare") if round_ % 2 == 0 else ("bare", "room")
            for turn in turns:
                if turn == "room":
                    measured = idle_shares(apps, size, args.seconds)
                    for launch, share in zip(apps, measured, strict=True):
                        shares[launch.name].append(share)
                    room_totals.append(sum(measured))
                else:
                    measured = idle_shares(bare_room(len(apps)), size, args.seconds)
                    bare_shares.extend(measured)
                    bare_totals.append(sum(measured))
    base = statistics.median(bare_shares)
    print(
        f"idle CPU with an item running, {args.rounds} rounds of {args.seconds:.0f} s, "
        f"terminals {args.size}, % of one core"
    )
    print(f"{'app':<28}{'median %':>10}{'ratio':>8}")
    print(f"{'bare (tick 4/s)':<28}{100 * base:>10.2f}{1:>7.2f}x")
    for launch in apps:
        share = statistics.median(shares[launch.name])
        print(f"{launch.name:<28}{100 * share:>10.2f}{share / base:>7.2f}x")
    coaches = [statistics.median(shares[launch.name]) for launch in apps[2:]]
    coach_median = statistics.median(coaches)
    print(f"{'coaches (median of 8)':<28}{100 * coach_median:>10.2f}{coach_median / base:>7.2f}x")
    total, bare_total = statistics.median(room_totals), statistics.median(bare_totals)
    print(
        f"{'room total (10 apps)':<28}{100 * total:>10.2f}{total / bare_total:>7.2f}x"
        f"   (10 bare apps: {100 * bare_total:.2f}%)"
    )


if __name__ == "__main__":
    main()
