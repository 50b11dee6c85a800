"""``lp-tui doctor``: check the database; list and restore backups; list and prune old backups
and exports."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import orjson

from lp_tui.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    Context,
    Failure,
    pass_context,
)
from lp_tui.cli.root import cli
from lp_tui.domain.retention import KEEP_DAYS


@cli.command()
@click.option(
    "--restore", metavar="BACKUP", type=click.Path(path_type=Path), help="Backup to put back."
)
@click.option(
    "--keep-days",
    type=click.IntRange(min=0),
    default=KEEP_DAYS,
    show_default=True,
    help="Backups and exports older than this many days are listed (and pruned).",
)
@click.option("--prune", is_flag=True, help="Remove backups and exports older than --keep-days.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@pass_context
def doctor(context: Context, restore: Path | None, keep_days: int, prune: bool, fmt: str) -> None:
    """Check the database; list and restore backups; list (and --prune) old backups and
    exports."""
    from lp_tui.store.doctor import examine, prune_old

    repo = context.repo()
    if restore is not None:
        if prune:
            raise Failure("--prune: not with --restore; run one, then the other")
        kept = repo.db.restore(restore)
        note = f"; the file it replaced is kept as {kept}" if kept else ""
        click.echo(f"{repo.path}: restored from {restore}{note}")
        return
    report = examine(repo.db, keep_days=keep_days, now=context.clock.now().timestamp())
    if prune:
        prune_old(repo.db, report)
    if fmt == "json":
        click.echo(orjson.dumps(report.as_dict()).decode())
    else:
        click.echo(report.text())
    if not report.healthy:
        sys.exit(EXIT_BAD_INPUT)
    if report.not_pruned:
        sys.exit(EXIT_FAILED)
