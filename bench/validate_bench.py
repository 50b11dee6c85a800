"""What checking every record costs a read: the demo database scaled up, read with and without.

Run: python bench/validate_bench.py [--records 5000] [--reads 30]

Writes the demo cohort with a full run of its days, copies its records (fresh ids and keys)
until the file holds about --records records, then times Database.read() without the check
(file read + JSON parse + schema check), validate.check alone on the parsed tables, and
Repo.snapshot() (the read every app does on every change, check included). Prints medians
and the ratio check/read, measured in this run: no absolute time is a pass or a fail.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import tempfile
import time
from pathlib import Path

import orjson
from click.testing import CliRunner

from lp_tui.cli import cli
from lp_tui.store import validate
from lp_tui.store.repo import COHORT_TABLES, Repo
from lp_tui.store.storage import Database


def scaled_database(path: Path, records: int) -> int:
    result = CliRunner().invoke(cli, ["--db", str(path), "demo", "--no-launch", "--with-activity"])
    assert result.exit_code == 0, result.output
    tables = orjson.loads(path.read_bytes())
    originals = {table: list(tables.get(table, {}).values()) for table in COHORT_TABLES}
    count = sum(len(docs) for docs in originals.values())
    copy_number = 0
    while count < records:
        copy_number += 1
        for table, docs in originals.items():
            for doc in docs:
                again = copy.deepcopy(doc)
                again["id"] = f"{doc['id'][:-6]}{copy_number:06d}"
                table_docs = tables[table]
                table_docs[str(len(table_docs) + 1)] = again
                count += 1
    path.write_bytes(orjson.dumps(tables))
    return count


def median_ms(action, reads: int) -> float:
    times = []
    for _ in range(reads):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5_000)
    parser.add_argument("--reads", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scaled.json"
        count = scaled_database(path, args.records)
        plain = Database(path)
        tables = plain.read()
        assert validate.problems(tables) == [], "the scaled demo should hold no bad record"
        read = median_ms(plain.read, args.reads)
        cold = median_ms(lambda: cold_check(tables, path), args.reads)
        median_ms(lambda: warm_check(tables, path), args.reads)
        warm = statistics.median(WARM) * 1000
        validate._good.clear()
        snapshot = median_ms(Repo(path).snapshot, args.reads)
        size = path.stat().st_size
    print(f"{count:,} records, {size / 1e6:.1f} MB")
    print(f"read (parse, no check)               {read:8.2f} ms")
    print(f"check, first read (every record)     {cold:8.2f} ms  {cold / read:5.2f} x the read")
    print(f"check, re-read after one append      {warm:8.2f} ms  {warm / read:5.2f} x the read")
    print(f"Repo.snapshot (read + check, warm)   {snapshot:8.2f} ms")


def cold_check(tables, path: Path) -> None:
    validate._good.clear()  # as a process's first read of the file
    validate.check(tables, path)


def warm_check(tables, path: Path) -> None:
    """As an app re-reads after another terminal appended one observation (the file's other
    tables exactly as last read)."""
    validate._good.clear()
    validate.check(tables, path)
    observations = dict(tables["observations"])
    added = dict(next(iter(observations.values())), id="0" * 32)
    observations[str(len(observations) + 1)] = added
    changed = {**tables, "observations": observations}
    start = time.perf_counter()
    validate.check(changed, path)
    WARM.append(time.perf_counter() - start)


WARM: list[float] = []


if __name__ == "__main__":
    main()
