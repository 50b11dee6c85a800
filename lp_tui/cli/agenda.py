"""``lp-tui agenda``: the day's agenda and its clock."""

from __future__ import annotations

import click
import orjson

from lp_tui.cli.common import (
    Context,
    cohort_option,
    day_option,
    pass_context,
)
from lp_tui.cli.root import cli
from lp_tui.domain.clock import local_zone
from lp_tui.domain.timers import day_clock


@cli.group()
def agenda() -> None:
    """The day's agenda and its clock."""


@agenda.command("status")
@day_option(required=False, follows=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@cohort_option
@pass_context
def agenda_status(context: Context, day: int | None, fmt: str, cohort_name: str | None) -> None:
    """The live clock of a day (without --day, the live day): current item, state, seconds
    remaining, planned and actual."""
    from lp_tui.export.agenda_status import status_document, status_text

    snapshot = context.repo().snapshot()
    day = context.day_or_live(snapshot, context.cohort(snapshot, cohort_name), day)
    target, plan = context.cohort_day(snapshot, cohort_name, day)
    clock_now = day_clock(
        plan,
        snapshot.agenda_events(target.id, day),
        context.clock.now(),
        day_date=target.date_of(day),
        tz=local_zone(),
    )
    if fmt == "json":
        click.echo(orjson.dumps(status_document(clock_now)).decode())
    else:
        click.echo(status_text(clock_now, local_zone()))
