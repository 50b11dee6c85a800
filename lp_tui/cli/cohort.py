"""``lp-tui cohort``: one run of a programme."""

from __future__ import annotations

import click

from lp_tui.cli.common import (
    PROGRAMME,
    Context,
    Failure,
    pass_context,
    plain_text,
)
from lp_tui.cli.root import cli
from lp_tui.domain.clock import iso
from lp_tui.domain.feedback import OBSERVED_ENOUGH
from lp_tui.domain.model import Cohort, new_id
from lp_tui.domain.text import clean_name
from lp_tui.store import files


@cli.group()
def cohort() -> None:
    """Cohorts: one run of a programme."""


@cohort.command("create")
@click.argument("name", callback=plain_text)
@click.option(
    "--programme",
    default=PROGRAMME,
    show_default=True,
    help="Programme file in sessions/.",
    callback=plain_text,
)
@click.option("--dates", metavar="D1,D2,D3", help="The days' dates, YYYY-MM-DD, comma-separated.")
@click.option(
    "--observed-enough",
    type=click.IntRange(1, 99),
    metavar="N",
    help=f"Standing entries a participant should have on a day (default {OBSERVED_ENOUGH}).",
)
@pass_context
def cohort_create(
    context: Context, name: str, programme: str, dates: str | None, observed_enough: int | None
) -> None:
    """Create a cohort NAME from a programme file."""
    plan = files.load_programme(programme)
    name = clean_name(name)  # a name differing only by invisible characters is the same name
    if not name:
        raise Failure("NAME: a cohort needs a name")
    day_dates = _parse_dates(dates, len(plan.days))
    new = Cohort(
        id=new_id(),
        name=name,
        programme=plan.key,
        dates=day_dates,
        created_at=iso(context.clock.now()),
        observed_enough=observed_enough,
    )
    context.repo().add_cohort(new)
    click.echo(new.id)


def _parse_dates(text: str | None, days: int) -> tuple[str, ...]:
    from datetime import date

    if not text:
        return tuple("" for _ in range(days))
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != days:
        raise Failure(f"--dates: the programme has {days} days, {len(parts)} dates were given")
    parsed = []
    for index, part in enumerate(parts, start=1):
        try:
            parsed.append(date.fromisoformat(part))
        except ValueError:
            raise Failure(f"--dates: day {index}: {part!r} is not a date like 2017-11-23") from None
    if parsed != sorted(parsed) or len(set(parsed)) != len(parsed):
        raise Failure("--dates: the days must be in order, one date each")
    return tuple(d.isoformat() for d in parsed)
