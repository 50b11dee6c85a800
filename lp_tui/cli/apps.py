"""Commands that open an app: the facilitator's, a coach's, the projector clock, the demo."""

from __future__ import annotations

import contextlib
import dataclasses
import sys
from collections.abc import Callable
from typing import Any

import click

from lp_tui.cli.common import (
    PROGRAMME,
    Context,
    Failure,
    check_day,
    coach_named,
    cohort_option,
    day_option,
    pass_context,
    plain_text,
)
from lp_tui.cli.root import cli
from lp_tui.domain.clock import iso
from lp_tui.domain.text import clean_name
from lp_tui.store import files
from lp_tui.store.storage import StoreWriteError


def launch(
    context: Context,
    cohort_name: str | None,
    day: int | None,
    *,
    app: str = "facilitator",
    bell: bool = True,
) -> None:
    repo = context.repo()
    snapshot = repo.snapshot()
    cohort = context.cohort(snapshot, cohort_name)
    check_day(cohort, day)
    programme = files.load_programme(cohort.programme)
    if app == "facilitator" and day is not None:
        # a database that cannot be written to (a full disk, read-only) still opens: the app
        # makes the day live with its first change, which then waits under a banner
        with contextlib.suppress(StoreWriteError):
            context.open_day(repo, snapshot, cohort, day)
    # Textual loads only when a screen is wanted.
    if app == "clock":
        from lp_tui.ui.clock import ClockApp as AppClass
    else:
        from lp_tui.ui.app import FacilitatorApp as AppClass  # type: ignore[assignment]
    run_app(AppClass(repo, cohort.id, programme, day=day, clock=context.clock, bell=bell))


def run_app(app: Any) -> None:
    """Run an app; one that ended on an error ends the command with its code, not 0."""
    from lp_tui.ui.live import NoTerminal

    try:
        app.run()
    except NoTerminal as error:
        raise Failure(str(error)) from None
    if app.return_code:
        sys.exit(app.return_code)


def bell_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--no-bell", "no_bell", is_flag=True, help="No terminal bell at amber and at zero."
    )(command)


@cli.command()
@day_option(required=False, follows=True)
@bell_option
@cohort_option
@pass_context
def run(
    context: Context, day: int | None, no_bell: bool = False, cohort_name: str | None = None
) -> None:
    """Open the facilitator's app on a day (it becomes the live day), else on the live day."""
    launch(context, cohort_name, day, bell=not no_bell)


@cli.command()
@click.option(
    "--as",
    "coach_name",
    required=True,
    metavar="NAME",
    help="The coach: their id, whole name, or enough of it to name one coach (any case and "
    "accents).",
    callback=plain_text,
)
@day_option(required=False, follows=True)
@cohort_option
@pass_context
def coach(context: Context, coach_name: str, day: int | None, cohort_name: str | None) -> None:
    """A table coach's view: their own table only, the live agenda, and observations; without
    --day it follows the live day."""
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    check_day(target, day)
    person = coach_named(snapshot.people(target.id), coach_name, "--as")
    programme = files.load_programme(target.programme)
    from lp_tui.ui.coach import CoachApp

    run_app(
        CoachApp(
            repo, target.id, programme, day=day, clock=context.clock, bell=False, coach_id=person.id
        )
    )


@cli.command()
@day_option(required=False, follows=True)
@cohort_option
@pass_context
def clock(context: Context, day: int | None, cohort_name: str | None) -> None:
    """The projector's full-screen clock of the current item (read-only); without --day it
    follows the live day."""
    launch(context, cohort_name, day, app="clock", bell=False)


@cli.command()
@click.option("--no-launch", is_flag=True, help="Only write the demo cohort; open no app.")
@click.option(
    "--with-activity",
    is_flag=True,
    help="Also write a full run of its days (check-in, tables, agenda, rotations, feedback, "
    "forms, follow-up), to try the screens and the exports.",
)
@click.option(
    "--name",
    default=None,
    callback=plain_text,
    help="The demo cohort's name (default 'London Nov 2017 (demo)'): a second room's demo to "
    "try lp-tui import of several rooms.",
)
@pass_context
def demo(context: Context, no_launch: bool, with_activity: bool, name: str | None) -> None:
    """Write a demo cohort (if the database has none) and open the facilitator's app."""
    repo = context.repo()
    programme = files.load_programme(PROGRAMME)
    snapshot = repo.snapshot()
    if snapshot.cohorts():
        cohort = snapshot.cohorts()[0]
        click.echo(f"{repo.path}: already holds cohort {cohort.name!r}; nothing written", err=True)
    else:
        from lp_tui.domain.demo import demo_cohort  # the demo's alone: no app start needs it

        cohort, people = demo_cohort(iso(context.clock.now()), programme.key)
        if name is not None:
            if not clean_name(name):
                raise Failure("--name: a cohort needs a name")
            cohort = dataclasses.replace(cohort, name=clean_name(name))
        repo.add_cohort(cohort, people)
        said = f"{repo.path}: wrote demo cohort {cohort.name!r} with {len(people)} people"
        if with_activity:
            from lp_tui.domain.demo_day import demo_activity

            activity = demo_activity(cohort, people, programme)
            repo.add_activity(activity)
            said += f" and {activity.count} records of its days"
        click.echo(said, err=True)
    if not no_launch:
        launch(context, cohort.id, None)
