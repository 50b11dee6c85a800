"""``lp-tui followup``: follow-up calls as work to be done (assign a caller, record an attempt,
list who is due).

Only a participant who opted in (the roster's ``followup_call``, or the follow-up screen's
``o``) has a call: assigning a caller or recording a call for anyone else is refused, exit 2.
A caller is a coach or a facilitator. ``followup call`` credits the person's assigned caller
unless ``--caller`` names another; with neither it is refused.
"""

from __future__ import annotations

from datetime import date

import click
import orjson

from lp_tui.cli.common import (
    Context,
    Failure,
    cohort_option,
    pass_context,
    person_named,
    plain_text,
)
from lp_tui.cli.root import cli
from lp_tui.domain.clock import iso, local_zone
from lp_tui.domain.followup_work import (
    CALLER_ROLES,
    MAX_MINUTES,
    CallWork,
    call_work,
    latest_assignments,
    not_opted_in,
    opted_in,
    parse_date,
    work_for,
)
from lp_tui.domain.model import CallAttempt, CallerAssignment, Cohort, Outcome, Person, Role, new_id
from lp_tui.domain.seating import participants
from lp_tui.store.repo import Snapshot


@cli.group()
def followup() -> None:
    """Follow-up calls: callers, attempts, who is due.

    Only a participant who opted in has a call (assign and call refuse anyone else); a caller
    is a coach or a facilitator; a call is due four weeks after the cohort's last day unless
    assign gave --due; it is overdue once that day has passed with no call that happened or
    was declined."""


def _date_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    found = parse_date(value)
    if found is None:
        raise Failure(f"{option} {value}: not a date like 2017-12-21 (YYYY-MM-DD)")
    return found


def _opted_person(snapshot: Snapshot, cohort: Cohort, wanted: str) -> Person:
    people = snapshot.people(cohort.id)
    person = person_named(people, wanted, "--person", *Role)
    opted = opted_in(participants(people), snapshot.followup_calls(cohort.id))
    if why := not_opted_in(person, opted):
        raise Failure(f"--person: {why}; only someone who opted in has a call")
    return person


# The participant a call is about: the same option on assign and call.
person_option = click.option(
    "--person",
    required=True,
    metavar="NAME",
    help="The participant (name or id).",
    callback=plain_text,
)


@followup.command("assign")
@person_option
@click.option(
    "--caller",
    required=True,
    metavar="NAME",
    help="A coach or facilitator (name or id).",
    callback=plain_text,
)
@click.option(
    "--due",
    default=None,
    metavar="YYYY-MM-DD",
    help="When the call is due (default: four weeks after the cohort's last day).",
)
@cohort_option
@pass_context
def assign(
    context: Context, person: str, caller: str, due: str | None, cohort_name: str | None
) -> None:
    """Give one participant who opted in a caller (the latest assignment wins)."""
    due_date = _date_option(due, "--due")
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    subject = _opted_person(snapshot, target, person)
    who = person_named(snapshot.people(target.id), caller, "--caller", *CALLER_ROLES)
    assignment = CallerAssignment(
        id=new_id(),
        cohort=target.id,
        person=subject.id,
        caller=who.id,
        due=due_date.isoformat() if due_date else "",
        at=iso(context.clock.now()),
    )
    repo.add_caller_assignments(assignment)
    click.echo(f"{subject.name}: {who.name} calls", err=True)
    click.echo(assignment.id)


@followup.command("call")
@person_option
@click.option(
    "--outcome",
    required=True,
    type=click.Choice([o.value for o in Outcome]),
    help="What came of the call.",
)
@click.option("--on", "on", default=None, metavar="YYYY-MM-DD", help="Day of the call (today).")
@click.option(
    "--minutes", type=click.IntRange(0, MAX_MINUTES), default=None, help="How long it took."
)
@click.option("--note", default="", metavar="TEXT", help="What was discussed.", callback=plain_text)
@click.option(
    "--caller",
    default=None,
    metavar="NAME",
    help="Who called, when not the assigned caller.",
    callback=plain_text,
)
@cohort_option
@pass_context
def call(
    context: Context,
    person: str,
    outcome: str,
    on: str | None,
    minutes: int | None,
    note: str,
    caller: str | None,
    cohort_name: str | None,
) -> None:
    """Record one call attempt (kept with every other; none is ever changed)."""
    today = context.clock.now().astimezone(local_zone()).date()
    day = _date_option(on, "--on") or today
    if day > today:
        raise Failure(f"--on {day.isoformat()}: after today ({today.isoformat()})")
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    subject = _opted_person(snapshot, target, person)
    people = snapshot.people(target.id)
    if caller is not None:
        who = person_named(people, caller, "--caller", *CALLER_ROLES)
    else:
        assigned = latest_assignments(snapshot.caller_assignments(target.id)).get(subject.id)
        if assigned is None:
            raise Failure(
                f"--person: {subject.name!r} has no caller yet "
                "(lp-tui followup assign, or name one with --caller)"
            )
        found = next((p for p in people if p.id == assigned.caller), None)
        if found is None:
            raise Failure(f"--person: {subject.name!r}'s caller is not on the roster; use --caller")
        who = found
    attempt = CallAttempt(
        id=new_id(),
        cohort=target.id,
        person=subject.id,
        caller=who.id,
        on=day.isoformat(),
        minutes=minutes,
        outcome=Outcome(outcome),
        note=note.strip(),
        at=iso(context.clock.now()),
    )
    repo.add_call_attempt(attempt)
    click.echo(f"{subject.name}: {outcome} on {attempt.on}", err=True)
    click.echo(attempt.id)


@followup.command("list")
@click.option(
    "--caller",
    default=None,
    metavar="NAME",
    help="Only this caller's calls.",
    callback=plain_text,
)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), required=True)
@cohort_option
@pass_context
def list_(context: Context, caller: str | None, fmt: str, cohort_name: str | None) -> None:
    """Per participant who opted in: caller, due date, attempts, latest outcome, overdue."""
    snapshot = context.repo().snapshot()
    target = context.cohort(snapshot, cohort_name)
    people = snapshot.people(target.id)
    today = context.clock.now().astimezone(local_zone()).date()
    rows = call_work(
        opted_in(participants(people), snapshot.followup_calls(target.id)),
        people,
        target,
        snapshot.caller_assignments(target.id),
        snapshot.call_attempts(target.id),
        today,
        snapshot.followup_calls(target.id),
    )
    if caller is not None:
        rows = work_for(rows, person_named(people, caller, "--caller", *CALLER_ROLES).id)
    if fmt == "json":
        names = {p.id: p.name for p in people}
        document = {
            "cohort": target.name,
            "today": today.isoformat(),
            "people": [_row_json(row, names) for row in rows],
        }
        click.echo(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode())
        return
    for line in text_lines(rows):
        click.echo(line)


def _row_json(row: CallWork, names: dict[str, str]) -> dict[str, object]:
    return {
        "id": row.person.id,
        "name": row.person.name,
        "caller": {"id": row.caller.id, "name": row.caller.name} if row.caller else None,
        "due": row.due.isoformat() if row.due else None,
        "attempts": len(row.attempts),
        "outcome": row.outcome.value if row.outcome else None,
        "overdue": row.overdue,
        "marked_made": row.marked_made,  # marked as made on the Follow-up screen, no attempt
        "calls": [
            {
                "on": a.on,
                "caller": {"id": a.caller, "name": names.get(a.caller)},
                "minutes": a.minutes,
                "outcome": a.outcome.value,
                "note": a.note,
            }
            for a in row.attempts
        ],
    }


def text_lines(rows: list[CallWork]) -> list[str]:
    """One line a person: name, caller, due, attempts, latest outcome, OVERDUE."""
    if not rows:
        return ["No follow-up calls (nobody who opted in, or none for this caller)."]
    width = max(len(row.person.name) for row in rows)
    callers = max(len(row.caller.name) if row.caller else 9 for row in rows)
    lines = []
    for row in rows:
        tried = len(row.attempts)
        cells = [
            row.person.name.ljust(width),
            (row.caller.name if row.caller else "no caller").ljust(callers),
            f"due {row.due.isoformat() if row.due else 'not set'}",
            f"{tried} attempt{'' if tried == 1 else 's'}".ljust(10),
            (row.outcome.value if row.outcome else "not called").ljust(11),
        ]
        if row.overdue:
            cells.append("OVERDUE")
        lines.append("  ".join(cells).rstrip())
    return lines
