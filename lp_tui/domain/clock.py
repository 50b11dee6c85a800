"""The injected clock: every 'now' in lp-tui comes from one of these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


class SystemClock:
    """Wall-clock time in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that only moves when told to: for tests and snapshots."""

    moment: datetime = field(default_factory=lambda: datetime(2017, 11, 24, 9, 30, tzinfo=UTC))

    def now(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


def local_zone() -> tzinfo:
    """The time zone of the room: the machine's local zone."""
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def clock_time(moment: datetime | None, tz: tzinfo) -> str:
    """A moment as the room reads it, e.g. '09:30'; '--:--' when there is none."""
    return moment.astimezone(tz).strftime("%H:%M") if moment else "--:--"


def iso(moment: datetime) -> str:
    """A moment as stored: ISO 8601 in UTC with microseconds."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
