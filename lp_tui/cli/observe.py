"""``lp-tui observe``: one observation of a collaborative behaviour."""

from __future__ import annotations

import click

from lp_tui.cli.common import (
    Context,
    Failure,
    cohort_option,
    day_option,
    pass_context,
    person_named,
    plain_text,
)
from lp_tui.cli.root import cli
from lp_tui.domain.clock import iso
from lp_tui.domain.model import Observation, Role, new_id
from lp_tui.domain.seating import day_seating, outside_coach_table


@cli.command()
@day_option(required=False, follows=True)
@click.option(
    "--by",
    "by",
    required=True,
    metavar="COACH",
    help="The coach (name or id).",
    callback=plain_text,
)
@click.option(
    "--about",
    "about",
    required=True,
    metavar="PERSON",
    help="Whom it is about.",
    callback=plain_text,
)
@click.option(
    "--behaviour",
    required=True,
    metavar="TEXT",
    help="The collaborative behaviour: its number on the cohort's agreed list, or words.",
    callback=plain_text,
)
@click.option(
    "--note", default="", metavar="TEXT", help="What was seen or said.", callback=plain_text
)
@cohort_option
@pass_context
def observe(
    context: Context,
    day: int | None,
    by: str,
    about: str,
    behaviour: str,
    note: str,
    cohort_name: str | None,
) -> None:
    """Append one observation of a collaborative behaviour."""
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    day = context.day_or_live(snapshot, target, day)
    people = snapshot.people(target.id)
    coach = person_named(people, by, "--by", Role.COACH, Role.FACILITATOR)
    subject = person_named(people, about, "--about", Role.PARTICIPANT, Role.COACH)
    if coach.role is Role.COACH:
        seating = day_seating(snapshot.seatings(target.id), day)
        why = outside_coach_table(seating, coach.id, subject.id)
        if why:
            raise Failure(f"--about: {subject.name!r}: {why} (day {day}, {coach.name!r})")
    if not behaviour.strip():
        raise Failure("--behaviour: must not be empty")
    # as the coach's app reads it: a number is the behaviour of that number on the cohort's
    # agreed list, refused when the list has none; words are counted under the behaviour
    # they belong to
    behaviours = snapshot.behaviours(target.id)
    if problem := behaviours.pick_problem(behaviour):
        raise Failure(
            f"--behaviour: {behaviour.strip()!r} is not a number on the cohort's list; "
            f"{problem[:1].lower()}{problem[1:].rstrip('.')}"
        )
    behaviour = behaviours.pick(behaviour)
    observation = Observation(
        id=new_id(),
        cohort=target.id,
        day=day,
        by=coach.id,
        about=subject.id,
        behaviour=behaviour,
        note=note.strip(),
        at=iso(context.clock.now()),
    )
    repo.add_observation(observation)
    click.echo(observation.id)
