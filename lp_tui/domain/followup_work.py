"""Follow-up calls as work to be done: who calls whom, by when, and each attempt made.

Every participant who opted in (the roster's ``followup_call``, or the latest ``FollowUpCall``
record that says so) has a call due. The records are append-only:

- ``CallerAssignment``: a caller (a coach or a facilitator) for one person; the latest one (by
  ``at``) wins, so reassigning is a new record. ``due`` is "" for the default, four weeks after
  the cohort's last day (worked out when read, so a date fixed later counts).
- ``CallAttempt``: one call attempt, on a date, with its minutes, outcome and a note. Several
  per person are kept; the latest (by ``on``, then ``at``) gives the person's outcome.

A call is overdue when its due date has passed (due < today) and no attempt 'happened' or was
'declined', and the call is not marked as made on the Follow-up screen (the latest
``FollowUpCall`` saying it happened: the same call, recorded without its attempts). Only
someone who opted in has a call: assigning or recording a call for anyone else is refused
(``not_opted_in``), so the list, the screen and the report agree on who counts.

The records (CallerAssignment, CallAttempt, Outcome) are in lp_tui/domain/model.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lp_tui.domain.followup import follow_ups
from lp_tui.domain.model import (
    CallAttempt,
    CallerAssignment,
    Cohort,
    FollowUpCall,
    Outcome,
    Person,
    Role,
)

DUE_AFTER = timedelta(days=28)
CALLER_ROLES = (Role.COACH, Role.FACILITATOR)
MAX_MINUTES = 600  # ten hours: more is a typing slip


# Outcomes that close the work: nothing more is due after them.
CLOSED = frozenset({Outcome.HAPPENED, Outcome.DECLINED})


@dataclass(frozen=True, slots=True)
class CallWork:
    """One opted-in participant's call as it stands."""

    person: Person
    caller: Person | None
    due: date | None  # None: the cohort's last day is not fixed yet
    attempts: tuple[CallAttempt, ...]  # oldest first (by on, then at)
    overdue: bool
    marked_made: bool = False  # marked as made (Follow-up screen's h) without any attempt

    @property
    def outcome(self) -> Outcome | None:
        if self.attempts:
            return self.attempts[-1].outcome
        return Outcome.HAPPENED if self.marked_made else None


def default_due(cohort: Cohort) -> date | None:
    """Four weeks after the cohort's last day; None while that day has no date."""
    last = cohort.date_of(len(cohort.dates)) if cohort.dates else None
    return last + DUE_AFTER if last else None


def parse_date(text: str) -> date | None:
    """A date as YYYY-MM-DD (exactly), else None."""
    if len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def minutes_problem(minutes: int) -> str | None:
    if 0 <= minutes <= MAX_MINUTES:
        return None
    return f"{minutes} is not a number of minutes from 0 to {MAX_MINUTES}"


def latest_assignments(assignments: Iterable[CallerAssignment]) -> dict[str, CallerAssignment]:
    """Each person's standing assignment: the latest by ``at`` (the later record on a tie)."""
    out: dict[str, CallerAssignment] = {}
    for assignment in sorted(assignments, key=lambda a: a.at):
        out[assignment.person] = assignment
    return out


def is_overdue(due: date | None, attempts: Iterable[CallAttempt], today: date) -> bool:
    """Due before today, and no attempt that happened or was declined."""
    if due is None or due >= today:
        return False
    return not any(a.outcome in CLOSED for a in attempts)


def callers(people: Iterable[Person]) -> list[Person]:
    """Who may make calls: the coaches and facilitators, by name."""
    return sorted((p for p in people if p.role in CALLER_ROLES), key=lambda p: (p.name, p.id))


def opted_in(participants: Sequence[Person], calls: Iterable[FollowUpCall]) -> list[Person]:
    """The participants who opted in, as it stands (the roster, until a call record changes
    it), in roster order."""
    return [row.person for row in follow_ups(participants, calls, ()) if row.opted_in]


def with_opt_in_as_it_stands(
    people: Sequence[Person], calls: Iterable[FollowUpCall]
) -> list[Person]:
    """Everyone, each participant's ``followup_call`` as it stands (the roster's, until a call
    record changes it), so every screen counts opt-ins as the Follow-up screen and report do."""
    standing = {
        row.person.id: row.opted_in
        for row in follow_ups([p for p in people if p.role is Role.PARTICIPANT], calls, ())
    }
    return [
        dataclasses.replace(p, followup_call=standing[p.id]) if p.id in standing else p
        for p in people
    ]


def not_opted_in(person: Person, opted: Sequence[Person]) -> str | None:
    """Why ``person`` has no call to assign or record, or None when they have one."""
    if person.role is not Role.PARTICIPANT:
        return f"{person.name!r} is a {person.role.value}, not a participant"
    if all(p.id != person.id for p in opted):
        return f"{person.name!r} did not opt in to a follow-up call"
    return None


def call_work(
    opted: Sequence[Person],
    people: Sequence[Person],
    cohort: Cohort,
    assignments: Iterable[CallerAssignment],
    attempts: Iterable[CallAttempt],
    today: date,
    calls: Iterable[FollowUpCall] = (),
) -> list[CallWork]:
    """Each opted-in participant's call: caller (the latest assignment), due date (the
    assignment's own, else the default), attempts in order, and whether it is overdue (not
    when ``calls``, the follow-up call records, mark it as made)."""
    by_id = {p.id: p for p in people}
    latest_call: dict[str, FollowUpCall] = {}
    for call in sorted(calls, key=lambda c: c.at):
        if call.happened is not None:
            latest_call[call.person] = call
    made = {person for person, call in latest_call.items() if call.happened}
    standing = latest_assignments(assignments)
    tried: dict[str, list[CallAttempt]] = {}
    for attempt in sorted(attempts, key=lambda a: (a.on, a.at)):
        tried.setdefault(attempt.person, []).append(attempt)
    fallback = default_due(cohort)
    out = []
    for person in opted:
        assignment = standing.get(person.id)
        due = (parse_date(assignment.due) if assignment and assignment.due else None) or fallback
        tries = tuple(tried.get(person.id, ()))
        marked = person.id in made
        out.append(
            CallWork(
                person=person,
                caller=by_id.get(assignment.caller) if assignment else None,
                due=due,
                attempts=tries,
                overdue=is_overdue(due, tries, today) and not marked,
                marked_made=marked,
            )
        )
    return out


def spread(
    people: Sequence[str], caller_ids: Sequence[str], current: Mapping[str, str]
) -> dict[str, str]:
    """New assignments (person -> caller) spreading ``people`` evenly over ``caller_ids``.

    A person whose current caller is one of ``caller_ids`` keeps them; each other person goes
    to the caller with the fewest people so far (the first in ``caller_ids`` order on a tie).
    From no assignments the callers' counts differ by at most one; from uneven ones, the gap
    between the most and fewest never grows (nor past one). No callers: no assignments."""
    counts = {caller: 0 for caller in caller_ids}
    for person in people:
        if current.get(person) in counts:
            counts[current[person]] += 1
    order = {caller: index for index, caller in enumerate(counts)}
    out: dict[str, str] = {}
    if not counts:
        return out
    for person in people:
        if current.get(person) in counts:
            continue
        chosen = min(counts, key=lambda c: (counts[c], order[c]))
        out[person] = chosen
        counts[chosen] += 1
    return out


def work_for(rows: Sequence[CallWork], caller_id: str) -> list[CallWork]:
    """Only the calls assigned to one caller (nothing of other callers' people)."""
    return [row for row in rows if row.caller is not None and row.caller.id == caller_id]


# One key an outcome, for recording a call in a few keystrokes (the coach's calls screen).
OUTCOME_KEYS: dict[str, Outcome] = {
    "h": Outcome.HAPPENED,
    "n": Outcome.NO_ANSWER,
    "d": Outcome.DECLINED,
    "r": Outcome.RESCHEDULED,
}


def outcome_from(answer: str) -> Outcome | None:
    """The outcome for its key (h, n, d, r) or its name (``no-answer``), any case; else None."""
    text = answer.strip().lower()
    return OUTCOME_KEYS.get(text) or next((o for o in Outcome if o.value == text), None)


def parse_minutes(answer: str) -> int | None:
    """Minutes as typed: "" is None (not given); raises ValueError with the problem for
    anything but a whole number from 0 to MAX_MINUTES."""
    text = answer.strip()
    if not text:
        return None
    if not text.isdecimal() or not text.isascii():
        raise ValueError(f"{text!r} is not a number of minutes")
    minutes = int(text)
    if problem := minutes_problem(minutes):
        raise ValueError(problem)
    return minutes


class NotYourCall(ValueError):
    """The person's call is not assigned to this caller."""


def own_attempt(
    rows: Sequence[CallWork],
    caller_id: str,
    person_id: str,
    *,
    id: str,
    cohort: str,
    on: str,
    minutes: int | None,
    outcome: Outcome,
    note: str,
    at: str,
) -> CallAttempt:
    """A call attempt a caller records on their own list: credited to ``caller_id``; raises
    NotYourCall when ``person_id`` is not among the calls assigned to them."""
    if all(row.person.id != person_id for row in work_for(rows, caller_id)):
        raise NotYourCall(f"{person_id} is not on caller {caller_id}'s list")
    return CallAttempt(
        id=id,
        cohort=cohort,
        person=person_id,
        caller=caller_id,
        on=on,
        minutes=minutes,
        outcome=outcome,
        note=note.strip(),
        at=at,
    )
