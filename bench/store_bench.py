"""One durable append through lp-tui's store vs a plain ``TinyDB(path).insert``, same data.

Run: python bench/store_bench.py [--appends 40]

For 1k, 5k and 20k records already in the file, both sides append the same observations, each
append opening the database afresh (as separate processes would). Prints per-append medians and
the ratio safe/unsafe, measured in this run: no absolute time is a pass or a fail.

Then one observation appended to a database holding one demo cohort (its three days run, about
600 records) and to one holding ten: the ratio ten/one against the ratio of the files' sizes
(a cost that grew with the file would be about as large; the checks of every record on every
read made it so before only new records were checked).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

import orjson
from tinydb import TinyDB

from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.demo_day import demo_activity
from lp_tui.domain.model import Cohort, Observation, new_id
from lp_tui.store.files import load_programme
from lp_tui.store.records import to_doc
from lp_tui.store.repo import COHORTS, OBSERVATIONS, Repo

SIZES = (1_000, 5_000, 20_000)
COHORT = new_id()
PEOPLE = [new_id() for _ in range(48)]
NOW = "2017-11-23T09:00:00+00:00"


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
    cohort = Cohort(
        COHORT, "Bench", "effective-lay-partner", ("2017-11-23", "2017-11-24", "2018-01-16"), NOW
    )
    safe.write_bytes(
        orjson.dumps(
            {
                COHORTS: {"1": to_doc(cohort)},
                OBSERVATIONS: docs,
                "meta": {"1": {"schema": 1, "rev": 1}},
            }
        )
    )
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


def cohorts_file(path: Path, count: int) -> str:
    """A database of ``count`` demo cohorts, each run through its days; a coach's id."""
    repo = Repo(path)
    programme = load_programme("effective-lay-partner")
    coach = ""
    for n in range(count):
        cohort, people = demo_cohort("2017-11-20T09:00:00+00:00")
        repo.add_cohort(dataclasses.replace(cohort, name=f"{cohort.name} {n + 1}"), people)
        repo.add_activity(demo_activity(cohort, people, programme, seed=n))
        if n == 0:
            first = cohort
            coach = next(p.id for p in people if p.role.value == "coach")
            about = next(p.id for p in people if p.role.value == "participant")
    return f"{first.id} {coach} {about}"


def time_cohort_append(path: Path, ids: str) -> float:
    cohort, coach, about = ids.split()
    record = dataclasses.replace(
        observation(0), id=new_id(), cohort=cohort, by=coach, about=about, day=1
    )
    start = time.perf_counter()
    Repo(path).add_observation(record)
    return time.perf_counter() - start


def by_cohorts(appends: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        one, ten = Path(folder) / "one.json", Path(folder) / "ten.json"
        one_ids, ten_ids = cohorts_file(one, 1), cohorts_file(ten, 10)
        one_times, ten_times = [], []
        for _ in range(appends):  # interleaved
            one_times.append(time_cohort_append(one, one_ids))
            ten_times.append(time_cohort_append(ten, ten_ids))
        a, b = statistics.median(one_times), statistics.median(ten_times)
        size = ten.stat().st_size / one.stat().st_size
        print(
            f"one append, 1 cohort: {a * 1000:.2f} ms; 10 cohorts: {b * 1000:.2f} ms; "
            f"ratio {b / a:.2f}x for a file {size:.1f}x the size"
        )


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
    by_cohorts(args.appends)


if __name__ == "__main__":
    main()
