"""``lp-tui doctor``: what state the database file, its lock and its backups are in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
            for table, count in self.counts.items():
                lines.append(f"  {table:<14} {count:>6} records")
        for temp in self.removed_temp_files:
            lines.append(f"  removed a temp file left by an interrupted write: {temp}")
        if self.backups:
            lines.append("backups (newest first):")
            lines += [f"  {state:<8} {path}" for path, state in self.backups]
        else:
            lines.append("backups: none yet")
        return "\n".join(lines)


def examine(db: Database) -> Report:
    report = Report(path=str(db.path), exists=db.exists())
    report.backups = [(str(b), _backup_state(db, b)) for b in db.backups()]
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
