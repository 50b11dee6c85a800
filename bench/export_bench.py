"""Export time for one cohort, and for ten cohorts' worth of records.

Run: python bench/export_bench.py [--repeat 5]

Builds the demo cohort with a full run of its days (about 600 records), then a database holding
ten such cohorts. For each format it times: exporting the one cohort from a one-cohort database;
the same cohort from the ten-cohort database (the cost of a bigger file to read through); and
all ten cohorts one after the other. Prints medians and ratios measured in this run (each format
against the json export of one cohort, and ten cohorts against one): no absolute time is a pass
or a fail. Then the across-cohorts export (``export --all-cohorts``) of the ten from one read,
against one cohort's export of the same format, and whether it is under the issue's targets
(1 s for md, html and json; 3 s for xlsx).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.demo_day import demo_activity
from lp_tui.export import FORMATS
from lp_tui.export.across import FORMATS as ACROSS_FORMATS
from lp_tui.export.across import render_across
from lp_tui.export.write import render
from lp_tui.store.files import load_programme
from lp_tui.store.repo import Repo, Snapshot

NOW = datetime(2018, 5, 1, 12, tzinfo=UTC)


def build(path: Path, cohorts: int) -> list[str]:
    repo = Repo(path)
    programme = load_programme("effective-lay-partner")
    ids = []
    for n in range(cohorts):
        cohort, people = demo_cohort("2017-11-20T09:00:00+00:00")
        cohort = dataclasses.replace(cohort, name=f"{cohort.name} {n + 1}")
        repo.add_cohort(cohort, people)
        repo.add_activity(demo_activity(cohort, people, programme, seed=n))
        ids.append(cohort.id)
    return ids


def median_seconds(snapshot: Snapshot, cohort_ids: list[str], fmt: str, repeat: int) -> float:
    programme = load_programme("effective-lay-partner")
    out = Path(tempfile.gettempdir()) / ("bench.zip" if fmt == "csv" else f"bench.{fmt}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for cohort_id in cohort_ids:
            render(snapshot, snapshot.cohort(cohort_id), programme, fmt, out, now=NOW, tz=UTC)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def across_seconds(snapshot: Snapshot, fmt: str, repeat: int) -> float:
    """Median time of the across-cohorts export of every cohort in ``snapshot``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render_across(snapshot, fmt, now=NOW, tz=UTC)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        one_ids = build(Path(folder) / "one.json", 1)
        ten_ids = build(Path(folder) / "ten.json", 10)
        one = Repo(Path(folder) / "one.json").snapshot()
        ten = Repo(Path(folder) / "ten.json").snapshot()
        records = sum(len(docs) for docs in one.cohort_docs(one_ids[0]).values())
        print(f"one cohort: {records} records; ten cohorts: {10 * records} records (about)")
        print(f"{'format':<6} {'1 cohort':>10} {'vs json':>8} {'1 of 10':>10} {'ratio':>6} "
              f"{'all 10':>10} {'ratio':>6}")  # fmt: skip
        baseline = median_seconds(one, one_ids, "json", args.repeat)
        for fmt in FORMATS:
            single = median_seconds(one, one_ids, fmt, args.repeat)
            among = median_seconds(ten, ten_ids[:1], fmt, args.repeat)
            every = median_seconds(ten, ten_ids, fmt, max(1, args.repeat // 2))
            print(
                f"{fmt:<6} {single * 1000:>8.1f}ms {single / baseline:>7.2f}x "
                f"{among * 1000:>8.1f}ms {among / single:>5.2f}x "
                f"{every * 1000:>8.1f}ms {every / single:>5.2f}x"
            )
        print("vs json: this format / json for one cohort; ratio: against the same format's one")
        print("cohort time (1 of 10: the same cohort read from a ten-cohort database).")
        print()
        print("export --all-cohorts: the programme across the ten cohorts, one snapshot read")
        print(f"{'format':<6} {'all 10':>10} {'vs 1 cohort':>12} {'target':>8}")
        for fmt in ACROSS_FORMATS:
            single = median_seconds(one, one_ids, fmt, args.repeat)
            across = across_seconds(ten, fmt, args.repeat)
            target = 3.0 if fmt == "xlsx" else 1.0
            verdict = "under" if across < target else "OVER"
            print(
                f"{fmt:<6} {across * 1000:>8.1f}ms {across / single:>11.2f}x "
                f"{verdict:>5} {target:.0f} s"
            )
        print("vs 1 cohort: against the same format's export of one cohort in this run.")


if __name__ == "__main__":
    main()
