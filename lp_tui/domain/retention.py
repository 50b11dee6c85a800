"""How long lp-tui keeps what it wrote: backups, and the exports it recorded writing.

``lp-tui doctor`` lists backups and exports older than a number of days (90 unless told) and
``--prune`` removes them: a named export or a backup holds people's names and access needs, so
it should not outlive its use. Only files lp-tui recorded writing (``ExportRecord``) are ever
removed, never another file that happens to sit beside them, and only while the file holds
exactly what lp-tui wrote (its SHA-256, ``digest``): a file written over since, at the same
path, is someone else's. The newest good backup is never pruned.
"""

from __future__ import annotations

from dataclasses import dataclass

KEEP_DAYS = 90
DAY_SECONDS = 24 * 60 * 60


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """lp-tui wrote ``path`` (absolute) as an export of a cohort at ``at``."""

    id: str
    cohort: str
    path: str
    format: str
    at: str
    anonymised: bool = False
    digest: str = ""  # SHA-256 of the bytes written, hex


def still_ours(records: list[ExportRecord], digest: str) -> bool:
    """Whether a file whose content has SHA-256 ``digest`` is one of these writes, unchanged
    (a record with no digest, from before digests were kept, never matches)."""
    return any(r.digest and r.digest == digest for r in records)


def too_old(modified: float, now: float, keep_days: int) -> bool:
    """Whether a file last changed at ``modified`` (seconds) is older than ``keep_days`` days
    at ``now``."""
    return now - modified > keep_days * DAY_SECONDS


def age_days(modified: float, now: float) -> int:
    """Whole days since ``modified``."""
    return max(0, int((now - modified) // DAY_SECONDS))
