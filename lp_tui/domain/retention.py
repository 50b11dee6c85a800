"""How long lp-tui keeps what it wrote: backups, and the exports it recorded writing.

``lp-tui doctor`` lists backups and exports older than a number of days (90 unless told) and
``--prune`` removes them: a named export or a backup holds people's names and access needs, so
it should not outlive its use. Only files lp-tui recorded writing (``ExportRecord``) are ever
removed, never another file that happens to sit beside them.
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


def too_old(modified: float, now: float, keep_days: int) -> bool:
    """Whether a file last changed at ``modified`` (seconds) is older than ``keep_days`` days
    at ``now``."""
    return now - modified > keep_days * DAY_SECONDS


def age_days(modified: float, now: float) -> int:
    """Whole days since ``modified``."""
    return max(0, int((now - modified) // DAY_SECONDS))
