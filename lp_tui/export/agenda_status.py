"""``lp-tui agenda status``: the day's clock as JSON for scripts, or as lines for people."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from lp_tui.domain.clock import clock_time, iso
from lp_tui.domain.timers import DayClock, DayState, ItemView, countdown, drift_words


def _when(moment: datetime | None) -> str | None:
    return iso(moment) if moment else None


def item_document(item: ItemView) -> dict[str, Any]:
    actual = item.actual_seconds
    return {
        "key": item.key,
        "title": item.title,
        "kind": item.kind.value,
        "status": item.status.value,
        "unplanned": item.unplanned,
        "planned_start": _when(item.planned_start),
        "planned_seconds": item.planned_seconds,
        "extension_seconds": item.extension_seconds,
        "allotted_seconds": item.allotted_seconds,
        "remaining_seconds": round(item.remaining_seconds),
        "actual_start": _when(item.started_at),
        "actual_end": _when(item.ended_at),
        "actual_seconds": None if actual is None else round(actual),
        "note": item.note,
    }


def status_document(clock: DayClock) -> dict[str, Any]:
    current = clock.current
    following = clock.next
    return {
        "day": clock.day,
        "state": clock.state.value,
        "now": iso(clock.now),
        "item": item_document(current) if current else None,
        "remaining_seconds": round(current.remaining_seconds) if current else None,
        "next": item_document(following) if following else None,
        "planned_start": iso(clock.planned_start),
        "planned_end": iso(clock.planned_end),
        "projected_end": iso(clock.projected_end),
        "behind_seconds": round(clock.drift_seconds),
        "items": [item_document(item) for item in clock.items],
    }


def status_text(clock: DayClock, tz: tzinfo) -> str:
    def hhmm(moment: datetime | None) -> str:
        return clock_time(moment, tz)

    current = clock.current
    lines = [f"Day {clock.day}: {clock.state.value}"]
    if current is not None:
        lines.append(f"  now:  {current.title} ({countdown(current.remaining_seconds)})")
    if clock.next is not None:
        lines.append(f"  next: {clock.next.title}")
    end = "ended" if clock.state is DayState.FINISHED else "projected end"
    lines.append(
        f"  planned {hhmm(clock.planned_start)}-{hhmm(clock.planned_end)}, "
        f"{end} {hhmm(clock.projected_end)} ({drift_words(clock.drift_seconds)})"
    )
    lines.append("")
    lines.append(f"  {'planned':<8}{'length':>7}  {'started':<8}{'actual':>7}  item")
    for item in clock.items:
        actual = "" if item.actual_seconds is None else f"{round(item.actual_seconds / 60)}m"
        planned = hhmm(item.planned_start) if item.planned_start else "extra"
        lines.append(
            f"  {planned:<8}{item.allotted_seconds // 60:>6}m  {hhmm(item.started_at):<8}"
            f"{actual:>7}  {item.title} [{item.status.value}]"
        )
    return "\n".join(lines)
