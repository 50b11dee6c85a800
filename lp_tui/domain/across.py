"""The programme across cohorts: each cohort's tally of a question beside the others', and an
overall figure pooled from every answer given (never a mean of the cohorts' averages: a cohort
of 10 forms weighs a third of one of 30), and the follow-up of every cohort added together.

Cohorts may run different programmes, or one programme whose days ask different questions: a
day's questions are those of any cohort's programme for that day, matched by key, in the order
first seen; a cohort without the day or the question has no figure there (None), which is not
the same as a figure of nobody answering (number 0, average None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lp_tui.domain.followup import FollowUpSummary, StageSummary
from lp_tui.domain.model import ImpactKind, Stage
from lp_tui.domain.programme import DayPlan
from lp_tui.domain.tally import RATINGS, QuestionTally, Tally


@dataclass(frozen=True, slots=True)
class Pooled:
    """Every answer to a question, from every cohort that asked it."""

    number: int
    average: float | None
    distribution: dict[int, int]


def pooled(tallies: Sequence[QuestionTally]) -> Pooled:
    """The answers of ``tallies`` as one: counts added, the average of all the answers."""
    distribution = {r: sum(t.distribution.get(r, 0) for t in tallies) for r in RATINGS}
    number = sum(distribution.values())
    total = sum(rating * count for rating, count in distribution.items())
    return Pooled(number, total / number if number else None, distribution)


@dataclass(frozen=True, slots=True)
class QuestionRow:
    key: str
    label: str
    cohorts: tuple[QuestionTally | None, ...]  # one per cohort, None when it did not ask it
    overall: Pooled


@dataclass(frozen=True, slots=True)
class DayRow:
    day: int
    title: str  # the day's title where every cohort's programme agrees, else ""
    caption: str  # what the form asked of its rated questions (the first cohort's words)
    forms: tuple[int | None, ...]  # per cohort, None when the cohort has no such day
    questions: tuple[QuestionRow, ...]

    @property
    def total_forms(self) -> int:
        return sum(n for n in self.forms if n is not None)


@dataclass(frozen=True, slots=True)
class CohortDays:
    """One cohort's days: each day's plan (from its programme) and the tally of its forms."""

    days: tuple[tuple[DayPlan, Tally], ...]


def side_by_side(cohorts: Sequence[CohortDays]) -> tuple[DayRow, ...]:
    """Per day (every day any cohort has, in order), per question, each cohort's tally and the
    pooled figure."""
    numbers = sorted({plan.number for c in cohorts for plan, _ in c.days})
    out = []
    for number in numbers:
        found = [next(((p, t) for p, t in c.days if p.number == number), None) for c in cohorts]
        plans = [f[0] for f in found if f is not None]
        titles = {p.title for p in plans}
        labels: dict[str, str] = {}
        for plan in plans:
            for question in plan.questions:
                labels.setdefault(question.key, question.label)
        rows = []
        for key, label in labels.items():
            per = tuple(
                None if f is None else next((q for q in f[1].questions if q.key == key), None)
                for f in found
            )
            rows.append(QuestionRow(key, label, per, pooled([q for q in per if q is not None])))
        out.append(
            DayRow(
                day=number,
                title=titles.pop() if len(titles) == 1 else "",
                caption=plans[0].rating_caption,
                forms=tuple(None if f is None else f[1].forms for f in found),
                questions=tuple(rows),
            )
        )
    return tuple(out)


def combined_followup(summaries: Sequence[FollowUpSummary]) -> FollowUpSummary:
    """Every cohort's follow-up added together (quotes left out: counts only)."""
    stages = []
    for stage in Stage:
        mine = [s for summary in summaries for s in summary.stages if s.stage == stage]
        stages.append(
            StageSummary(
                stage=stage,
                responses=sum(s.responses for s in mine),
                met_expectations=sum(s.met_expectations for s in mine),
                would_recommend=sum(s.would_recommend for s in mine),
                impacts={k: sum(s.impacts.get(k, 0) for s in mine) for k in ImpactKind},
                attended_meeting=sum(s.attended_meeting for s in mine),
                quotes=(),
                asked_expectations=sum(s.asked_expectations for s in mine),
                asked_recommend=sum(s.asked_recommend for s in mine),
            )
        )
    return FollowUpSummary(
        participants=sum(s.participants for s in summaries),
        opted_in=sum(s.opted_in for s in summaries),
        calls_happened=sum(s.calls_happened for s in summaries),
        stages=tuple(stages),
    )


def rate(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as a fraction, None when ``whole`` is 0."""
    return part / whole if whole else None


def percent(part: int, whole: int) -> str:
    """e.g. '75%' (to the nearest whole, halves up), '-' when ``whole`` is 0."""
    fraction = rate(part, whole)
    return "-" if fraction is None else f"{int(fraction * 100 + 0.5 + 1e-9)}%"


def natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """A name's sort key with its numbers read as numbers: "Room 2" before "Room 10";
    letters without regard to case."""
    parts = re.split(r"(\d+)", name.casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


def cohort_key(name: str, dates: Sequence[str]) -> tuple[object, ...]:
    """Cohorts in order of their first date set (the earliest), then their names read
    naturally; cohorts with no date set last."""
    set_dates = [d for d in dates if d]
    first = min(set_dates) if set_dates else ""
    return (first == "", first, natural_key(name), name)


def chunks(count: int, most: int) -> list[range]:
    """``range(count)`` in as few runs of at most ``most`` as can be, as even as can be
    (the longer first): 10 by 4 -> 4, 3, 3."""
    if count <= 0:
        return []
    runs = -(-count // most)
    base, extra = divmod(count, runs)
    out = []
    start = 0
    for index in range(runs):
        size = base + (index < extra)
        out.append(range(start, start + size))
        start += size
    return out
