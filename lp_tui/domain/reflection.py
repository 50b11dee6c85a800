"""A coach's reflection on a day, written from coach mode at the end of it.

A reflection is appended, never edited: a later reflection by the same coach for the same day
names the one it replaces, and the latest stands. The report gathers each coach's standing
reflection per day (lp_tui.export.report), quoting it only when the coach agreed to be quoted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reflection:
    """What one coach (``by``) reflected on one day of the cohort."""

    id: str
    cohort: str
    day: int
    by: str  # the coach's person id
    text: str
    at: str
    replaces: str = ""  # the id of the reflection this one replaces


def standing_reflections(reflections: Iterable[Reflection]) -> list[Reflection]:
    """Each coach's standing reflection per day, by day then in the order first written: of a
    coach's reflections for a day, the latest not replaced by another (ties: the later given)."""
    found = list(reflections)
    replaced = {r.replaces for r in found if r.replaces}
    latest: dict[tuple[int, str], Reflection] = {}
    first: dict[tuple[int, str], int] = {}
    for index, reflection in enumerate(found):
        key = (reflection.day, reflection.by)
        first.setdefault(key, index)
        if reflection.id in replaced:
            continue
        held = latest.get(key)
        if held is None or reflection.at >= held.at:
            latest[key] = reflection
    return sorted(latest.values(), key=lambda r: (r.day, first[(r.day, r.by)]))


def standing_reflection(
    reflections: Iterable[Reflection], day: int, coach: str
) -> Reflection | None:
    """The coach's standing reflection for the day, or None when they have written none."""
    return next(
        (r for r in standing_reflections(reflections) if r.day == day and r.by == coach), None
    )
