"""``lp-tui tables``: tables of 5-6 participants, each with a coach."""

from __future__ import annotations

import click
import orjson

from lp_tui.cli.common import (
    Context,
    Failure,
    check_day,
    cohort_option,
    day_option,
    pass_context,
)
from lp_tui.cli.root import cli
from lp_tui.domain.clock import iso
from lp_tui.domain.model import Seating, new_id
from lp_tui.domain.seating import allocate_day, history_before


@cli.group()
def tables() -> None:
    """Tables of 5-6 participants, each with a coach."""


@tables.command("allocate")
@day_option()
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same tables.")
@click.option(
    "--keep", is_flag=True, help="Keep the previous day's tables, absorbing who came or went."
)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@cohort_option
@pass_context
def tables_allocate(
    context: Context, day: int, seed: int, keep: bool, fmt: str, cohort_name: str | None
) -> None:
    """Allocate the day's present participants to tables and store it.

    Later days re-mix by default so that everyone meets as many new people as possible.
    """
    from lp_tui.export.tables import seating_document, seating_text

    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    check_day(target, day)
    people = snapshot.people(target.id)
    seatings = snapshot.seatings(target.id)
    try:
        allocation, how = allocate_day(
            people,
            snapshot.attendance(target.id, day),
            seatings,
            snapshot.table_rules(target.id),
            day,
            seed=seed,
            keep=keep,
        )
    except ValueError as error:
        raise Failure(f"--keep: {error}") from None
    if not allocation.tables:
        raise Failure(f"day {day}: no participants to seat")
    seating = Seating(
        id=new_id(),
        cohort=target.id,
        day=day,
        at=iso(context.clock.now()),
        how=how,
        tables=allocation.tables,
        seed=seed,
    )
    repo.add_seating(seating)
    history = history_before(seatings, day)
    if fmt == "json":
        document = seating_document(seating, people, history, allocation.notes)
        click.echo(orjson.dumps(document).decode())
    else:
        click.echo(seating_text(seating, people, history, allocation.notes))
