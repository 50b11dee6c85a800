"""``lp-tui rotations``: case-study rotations."""

from __future__ import annotations

import click
import orjson

from lp_tui.cli.common import (
    Context,
    Failure,
    cohort_option,
    day_option,
    pass_context,
)
from lp_tui.cli.root import cli
from lp_tui.domain.clock import iso
from lp_tui.domain.model import new_id


@cli.group()
def rotations() -> None:
    """Case-study rotations: presenters move between tables."""


@rotations.command("plan")
@click.option("--tables", "tables_count", type=click.IntRange(1, 200), help="Without a database.")
@click.option("--presenters", type=click.IntRange(1, 200), help="Without a database.")
@click.option("--visits", type=click.IntRange(1, 50), help="Presenters each table hears.")
@day_option(required=False)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@cohort_option
@pass_context
def rotations_plan(
    context: Context,
    tables_count: int | None,
    presenters: int | None,
    visits: int | None,
    day: int | None,
    fmt: str,
    cohort_name: str | None,
) -> None:
    """Plan a rotation: T tables each hear K different presenters.

    With --tables, --presenters and --visits it needs no database; with --day it plans the
    cohort's rotation of that day (its tables, its Darzi Fellows or managers) and stores it.
    """
    from lp_tui.domain.rotation import plan, presenter_names
    from lp_tui.export.rotations import rotation_document, rotation_text

    if day is None:
        given = {"--tables": tables_count, "--presenters": presenters, "--visits": visits}
        missing = [name for name, value in given.items() if value is None]
        if missing:
            raise Failure(f"{', '.join(missing)}: needed without --day")
        assert tables_count and presenters and visits
        try:
            rotation = plan(tables_count, presenters, visits)
        except ValueError as error:
            raise Failure(f"--visits: {error}") from None
        names = presenter_names(presenters)
        tables_numbers = tuple(range(1, tables_count + 1))
    else:
        stored = _plan_stored_rotation(context, day, cohort_name)
        rotation = stored.rotation()
        people = {p.id: p.name for p in context.repo().snapshot().people(stored.cohort)}
        names = [people.get(p, p) for p in stored.presenters]
        tables_numbers = stored.tables
    document = rotation_document(rotation, names, tables_numbers)
    if fmt == "json":
        click.echo(orjson.dumps(document).decode())
    else:
        click.echo(rotation_text(document))


def _plan_stored_rotation(context: Context, day: int, cohort_name: str | None):  # type: ignore[no-untyped-def]
    from lp_tui.domain.rotation_day import day_presenters, day_tables, plan_day, rotation_item

    repo = context.repo()
    snapshot = repo.snapshot()
    target, plan = context.cohort_day(snapshot, cohort_name, day)
    item = rotation_item(plan)
    if item is None:
        raise Failure(f"--day {day}: the programme has no rotation on day {day}")
    people = snapshot.people(target.id)
    marks = snapshot.attendance(target.id, day)
    try:
        stored = plan_day(
            plan_id=new_id(),
            cohort=target.id,
            day=day,
            at=iso(context.clock.now()),
            item=item,
            presenters=day_presenters(people, item),
            marks=marks,
            tables=day_tables(snapshot.seatings(target.id), day, people, marks),
        )
    except ValueError as error:
        raise Failure(f"--day {day}: {error}") from None
    repo.add_rotation(stored)
    return stored
