"""One durable append through lp-tui's store vs a plain ``TinyDB(path).insert``, same data.

Run: python bench/store_bench.py [--appends 40]

For 1k, 5k and 20k records already in the file, both sides append the same observations, each
append opening the database afresh (as separate processes would). Prints per-append medians and
the ratio safe/unsafe, measured in this run: no absolute time is a pass or a fail.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import orjson
from tinydb import TinyDB

from lp_tui.domain.model import Observation, new_id
from lp_tui.store.records import to_doc
from lp_tui.store.repo import OBSERVATIONS, Repo

SIZES = (1_000, 5_000, 20_000)
COHORT = new_id()
PEOPLE = [new_id() for _ in range(48)]


def observation(n: int) -> Observation:
    return Observation(
        id=new_id(),
        cohort=COHORT,
        day=2,
        by=PEOPLE[n % 8],
        about=PEOPLE[8 + n % 40],
        behaviour="Builds on the ideas of others",
        note="Picked up the quieter voice at the table and made space for it",
        at=f"2017-11-24T10:{n // 60 % 60:02d}:{n % 60:02d}.000000+00:00",
    )


def prefill(safe: Path, unsafe: Path, count: int) -> None:
    docs = {str(i + 1): to_doc(observation(i)) for i in range(count)}
    safe.write_bytes(orjson.dumps({OBSERVATIONS: docs, "meta": {"1": {"schema": 1, "rev": 1}}}))
    unsafe.write_bytes(orjson.dumps({"_default": docs}))


def time_safe(path: Path, n: int) -> float:
    record = observation(n)
    start = time.perf_counter()
    Repo(path).add_observation(record)
    return time.perf_counter() - start


def time_unsafe(path: Path, n: int) -> float:
    doc = to_doc(observation(n))
    start = time.perf_counter()
    db = TinyDB(path)
    db.insert(doc)
    db.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appends", type=int, default=40, help="appends timed per size and side")
    args = parser.parse_args()
    print(f"{'records':>8} {'safe ms':>9} {'tinydb ms':>10} {'ratio':>7}  (safe / plain TinyDB)")
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            safe, unsafe = Path(folder) / f"safe-{size}.json", Path(folder) / f"plain-{size}.json"
            prefill(safe, unsafe, size)
            safe_times, unsafe_times = [], []
            for n in range(args.appends):  # interleaved, so both sides see the same machine
                safe_times.append(time_safe(safe, size + n))
                unsafe_times.append(time_unsafe(unsafe, size + n))
            s, u = statistics.median(safe_times), statistics.median(unsafe_times)
            print(f"{size:>8} {s * 1000:>9.2f} {u * 1000:>10.2f} {s / u:>7.2f}")


if __name__ == "__main__":
    main()
