"""``lp-tui doctor``: what state the database file, its lock and its backups are in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from lp_tui.store.storage import META, Database, StoreError, revision_of, schema_of


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

    @property
    def healthy(self) -> bool:
        return not self.problem

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
        }

    def text(self) -> str:
        lines = [f"database: {self.path}"]
        if not self.exists:
            lines.append("  not created yet (it will be on the first write)")
        elif self.problem:
            lines.append(f"  PROBLEM: {self.problem}")
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
    report.backups = [(str(b), db.check_backup(b) or "good") for b in db.backups()]
    if not report.exists:
        return report
    st = os.stat(db.path)
    report.mode = oct(st.st_mode & 0o777)
    report.size = st.st_size
    try:
        tables = db.read()
    except StoreError as error:
        report.problem = str(error)
        return report
    report.removed_temp_files = [str(p) for p in db.remove_stale_temp_files()]
    report.schema = schema_of(tables)
    report.revision = revision_of(tables)
    report.counts = {name: len(docs) for name, docs in sorted(tables.items()) if name != META}
    return report
