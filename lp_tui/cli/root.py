"""The ``lp-tui`` click group: global options; with no command it opens the facilitator's app."""

from __future__ import annotations

import click

from lp_tui import startup
from lp_tui.cli.common import (
    Context,
    OneLineGroup,
    plain_text,
)

# The commands that open an app, and None (no command: the facilitator's app). They keep the
# start's hold on the cycle collector until their first screen is up; see lp_tui/startup.py.
APP_COMMANDS = frozenset({None, "run", "coach", "clock", "demo"})


@click.group(cls=OneLineGroup, invoke_without_command=True)
@click.option(
    "--db", "db", metavar="PATH", help="Database file (else $LP_TUI_DB, else data/lp-tui.json)."
)
@click.option(
    "--cohort",
    "cohort",
    metavar="NAME_OR_ID",
    help="Which cohort, when there are several.",
    callback=plain_text,
)
@click.version_option(package_name="lp-tui", prog_name="lp-tui")
@click.pass_context
def cli(ctx: click.Context, db: str | None, cohort: str | None) -> None:
    """lp-tui runs live training days for the Effective Lay Partner programme."""
    if isinstance(ctx.obj, Context):  # a caller (a test) brought its own clock
        ctx.obj.db_option = db or ctx.obj.db_option
        ctx.obj.cohort_option = cohort or ctx.obj.cohort_option
    else:
        ctx.obj = Context(db_option=db, cohort_option=cohort)
    if ctx.invoked_subcommand not in APP_COMMANDS:
        startup.release()  # an app releases it when its first screen is up
    if ctx.invoked_subcommand is None:
        from lp_tui.cli.apps import run

        ctx.invoke(run)
