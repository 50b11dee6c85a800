"""``lp-tui doctor``: what state the database file, its lock and its backups are in; which
backups and recorded exports are older than the days they are kept (``--prune`` removes them)."""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lp_tui.domain.retention import KEEP_DAYS, ExportRecord, age_days, still_ours, too_old
from lp_tui.store.files import digest_of
from lp_tui.store.records import from_doc
from lp_tui.store.repo import EXPORTS
from lp_tui.store.storage import META, Database, StoreError, revision_of, schema_of
from lp_tui.store.validate import Problem, problems


@dataclass
class Report:
    path: str
    exists: bool = False
    problem: str = ""
    schema: int | None = None
    revision: int | None = None
    mode: str = ""
    size: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    removed_temp_files: list[str] = field(default_factory=list)
    backups: list[tuple[str, str]] = field(default_factory=list)
    bad_records: list[Problem] = field(default_factory=list)
    keep_days: int = KEEP_DAYS
    old_backups: list[tuple[str, int]] = field(default_factory=list)  # (path, age in days)
    old_exports: list[tuple[str, int]] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    not_pruned: list[tuple[str, str]] = field(default_factory=list)  # (path, why)

    @property
    def healthy(self) -> bool:
        return not self.problem and not self.bad_records

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "exists": self.exists,
            "healthy": self.healthy,
            "problem": self.problem or None,
            "schema": self.schema,
            "revision": self.revision,
            "mode": self.mode,
            "size": self.size,
            "counts": self.counts,
            "removed_temp_files": self.removed_temp_files,
            "backups": [{"path": p, "state": s} for p, s in self.backups],
            "bad_records": [p.as_dict() for p in self.bad_records],
            "keep_days": self.keep_days,
            "old_backups": [{"path": p, "age_days": d} for p, d in self.old_backups],
            "old_exports": [{"path": p, "age_days": d} for p, d in self.old_exports],
            "pruned": self.pruned,
            "not_pruned": [{"path": p, "problem": w} for p, w in self.not_pruned],
        }

    def text(self) -> str:
        lines = [f"database: {self.path}"]
        if not self.exists:
            lines.append("  not created yet (it will be on the first write)")
        elif self.problem:
            lines.append(f"  PROBLEM: {self.problem}")
        elif self.bad_records:
            lines += [f"  PROBLEM: {problem}" for problem in self.bad_records]
            lines.append(
                f"  {len(self.bad_records)} problem(s) in records: every command refuses this "
                "file until they are put right or a good backup is restored"
            )
        else:
            lines.append(
                f"  ok: schema {self.schema}, revision {self.revision}, "
                f"{self.size:,} bytes, mode {self.mode}"
            )
            width = max((len(table) for table in self.counts), default=0)
            for table, count in self.counts.items():
                lines.append(f"  {table:<{width}} {count:>6} records")
        for temp in self.removed_temp_files:
            lines.append(f"  removed a temp file left by an interrupted write: {temp}")
        if self.backups:
            lines.append("backups (newest first):")
            lines += [f"  {state:<8} {path}" for path, state in self.backups]
        else:
            lines.append("backups: none yet")
        lines += self._retention_text()
        return "\n".join(lines)

    def _retention_text(self) -> list[str]:
        old = [*self.old_backups, *self.old_exports]
        if self.pruned or self.not_pruned:
            lines = [f"pruned (older than {self.keep_days} days):"]
            lines += [f"  removed {path}" for path in self.pruned]
            lines += [f"  PROBLEM: {path}: not removed: {why}" for path, why in self.not_pruned]
            return lines
        if not old:
            return [f"older than {self.keep_days} days: no backup or export"]
        lines = [f"older than {self.keep_days} days (lp-tui doctor --prune removes them):"]
        lines += [f"  backup  {age:>5} days  {path}" for path, age in self.old_backups]
        lines += [f"  export  {age:>5} days  {path}" for path, age in self.old_exports]
        return lines


def examine(db: Database, *, keep_days: int = KEEP_DAYS, now: float | None = None) -> Report:
    """The report; ``now`` (seconds) and ``keep_days`` say which backups and exports are old."""
    now = time.time() if now is None else now
    report = Report(path=str(db.path), exists=db.exists(), keep_days=keep_days)
    report.backups = [(str(b), _backup_state(db, b)) for b in db.backups()]
    good = [Path(path) for path, state in report.backups if state == "good"]
    # the newest good backup is kept whatever its age: it may be the only way back
    report.old_backups = _old([b for b in db.backups() if b not in good[:1]], now, keep_days)
    if not report.exists:
        return report
    st = os.stat(db.path)
    report.mode = oct(st.st_mode & 0o777)
    report.size = st.st_size
    try:
        tables = Database(db.path).read()  # unchecked: every bad record is listed below
    except StoreError as error:
        report.problem = str(error)
        return report
    report.old_exports = _old(_recorded_exports(tables), now, keep_days)
    report.bad_records = problems(tables)
    report.removed_temp_files = [str(p) for p in db.remove_stale_temp_files()]
    report.schema = schema_of(tables)
    if not any(problem.table == META for problem in report.bad_records):
        report.revision = revision_of(tables)
    report.counts = {name: len(docs) for name, docs in sorted(tables.items()) if name != META}
    return report


def _backup_state(db: Database, backup: Path) -> str:
    """good, corrupt, "bad records" (it parses but holds a record no command accepts), or why
    it cannot be read."""
    state = db.check_backup(backup)
    if state:
        return state
    try:
        tables = Database(backup).read()
    except StoreError:
        return "corrupt"
    return "bad records" if problems(tables) else "good"


def prune_old(db: Database, report: Report) -> None:
    """Remove the old backups and recorded exports the report lists (under the lock, so no
    backup is made or restored meanwhile); what was removed, and what could not be, go into
    the report."""
    if not report.old_backups and not report.old_exports:
        return
    with db.exclusive():
        for path, _age in [*report.old_backups, *report.old_exports]:
            try:
                os.unlink(path)
            except FileNotFoundError:
                continue
            except OSError as error:
                report.not_pruned.append((path, error.strerror or type(error).__name__))
                continue
            report.pruned.append(path)


def _old(paths: list[Path], now: float, keep_days: int) -> list[tuple[str, int]]:
    """The files among ``paths`` last changed more than ``keep_days`` days before ``now``, with
    their age in days, oldest first."""
    found = []
    for path in paths:
        try:
            state = os.stat(path)
        except OSError:
            continue  # gone meanwhile
        if too_old(state.st_mtime, now, keep_days):
            found.append((state.st_mtime, str(path), age_days(state.st_mtime, now)))
    found.sort()
    return [(path, age) for _, path, age in found]


def _recorded_exports(tables: dict[str, Any]) -> list[Path]:
    """Files lp-tui recorded writing as exports that are still there, each once, and still hold
    what lp-tui wrote (a file written over since at the same path is not lp-tui's)."""
    records: dict[Path, list[ExportRecord]] = {}
    for doc in tables.get(EXPORTS, {}).values():
        with contextlib.suppress(Exception):  # a bad record: doctor lists it above
            record = from_doc(ExportRecord, doc)
            records.setdefault(Path(record.path), []).append(record)
    return [
        path
        for path, written in records.items()
        if path.is_absolute()
        and path.is_file()
        and not path.is_symlink()
        and still_ours(written, digest_of(path) or "")
    ]
