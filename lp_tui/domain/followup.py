"""After the programme: follow-up calls, and what participants say at one and three months.

The records are append-only; for each participant the latest call record, and the latest
record of each stage, is the one that counts. ``summary`` gives the counts the report uses: a
call followed through is one marked as made, or one with a call attempt that happened
(lp_tui.domain.followup_work).

The records (FollowUpCall, ImpactReport, Stage, ImpactKind) are in lp_tui/domain/model.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lp_tui.domain.model import CallAttempt, FollowUpCall, ImpactKind, ImpactReport, Person, Stage


@dataclass(frozen=True, slots=True)
class PersonFollowUp:
    """One participant's follow-up as it stands: the call and the reports of each stage."""

    person: Person
    opted_in: bool | None
    happened: bool | None
    note: str
    reports: dict[Stage, ImpactReport]
    call_happened: bool = False  # a call attempt with the outcome 'happened' is recorded


def follow_ups(
    participants: Sequence[Person],
    calls: Iterable[FollowUpCall],
    reports: Iterable[ImpactReport],
    attempts: Iterable[CallAttempt] = (),
) -> list[PersonFollowUp]:
    """Each participant's follow-up as it stands (opt-in from the roster until changed)."""
    reached = {a.person for a in attempts if a.outcome == "happened"}
    latest_call: dict[str, FollowUpCall] = {}
    for call in sorted(calls, key=lambda c: c.at):
        latest_call[call.person] = call
    latest_report: dict[tuple[str, Stage], ImpactReport] = {}
    for report in sorted(reports, key=lambda r: r.at):
        latest_report[(report.person, report.stage)] = report
    out = []
    for person in participants:
        call = latest_call.get(person.id)
        out.append(
            PersonFollowUp(
                person=person,
                opted_in=call.opted_in
                if call and call.opted_in is not None
                else person.followup_call,
                happened=call.happened if call else None,
                note=call.note if call else "",
                reports={
                    stage: latest_report[(person.id, stage)]
                    for stage in Stage
                    if (person.id, stage) in latest_report
                },
                call_happened=person.id in reached,
            )
        )
    return out


def quote_key(text: str) -> str:
    """Two quotes are the same when they differ only in spacing and case."""
    return " ".join(text.split()).casefold()


def once(quotes: Iterable[str]) -> tuple[str, ...]:
    """Each quote once (spacing tidied), in the order first said; empty ones left out."""
    seen: dict[str, str] = {}
    for quote in quotes:
        if quote.strip():
            seen.setdefault(quote_key(quote), " ".join(quote.split()))
    return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class StageSummary:
    """The impact reports of one stage, counted."""

    stage: Stage
    responses: int
    met_expectations: int
    would_recommend: int
    impacts: dict[ImpactKind, int]
    attended_meeting: int
    quotes: tuple[str, ...]
    # how many were asked each question (a report may leave one not asked: neither yes nor no)
    asked_expectations: int = 0
    asked_recommend: int = 0


@dataclass(frozen=True, slots=True)
class FollowUpSummary:
    """A cohort's follow-up, counted: who opted in, the calls made, each stage."""

    participants: int
    opted_in: int
    calls_happened: int
    stages: tuple[StageSummary, ...]


def of_asked(asked: int, responses: int) -> str:
    """What a count of yeses is out of, where some who responded were not asked the question
    (so "22 would recommend it" is not read as one saying no): " (of 22 asked)"; else ""."""
    return f" (of {asked} asked)" if asked != responses else ""


def summary(rows: Sequence[PersonFollowUp]) -> FollowUpSummary:
    stages = []
    for stage in Stage:
        reports = [r.reports[stage] for r in rows if stage in r.reports]
        counted = Counter(kind for report in reports for kind in report.impacts)
        stages.append(
            StageSummary(
                stage=stage,
                responses=len(reports),
                met_expectations=sum(1 for r in reports if r.met_expectations),
                would_recommend=sum(1 for r in reports if r.would_recommend),
                impacts={kind: counted[kind] for kind in ImpactKind},
                attended_meeting=sum(1 for r in reports if r.attended_meeting),
                quotes=once(r.quote for r in reports),
                asked_expectations=sum(1 for r in reports if r.met_expectations is not None),
                asked_recommend=sum(1 for r in reports if r.would_recommend is not None),
            )
        )
    return FollowUpSummary(
        participants=len(rows),
        opted_in=sum(1 for r in rows if r.opted_in),
        calls_happened=sum(1 for r in rows if r.opted_in and (r.happened or r.call_happened)),
        stages=tuple(stages),
    )
