"""``lp-tui doctor``: check the database; list and restore backups."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import orjson

from lp_tui.cli.common import (
    EXIT_BAD_INPUT,
    Context,
    pass_context,
)
from lp_tui.cli.root import cli


@cli.command()
@click.option(
    "--restore", metavar="BACKUP", type=click.Path(path_type=Path), help="Backup to put back."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@pass_context
def doctor(context: Context, restore: Path | None, fmt: str) -> None:
    """Check the database; list and restore backups."""
    from lp_tui.store.doctor import examine

    repo = context.repo()
    if restore is not None:
        kept = repo.db.restore(restore)
        note = f"; the file it replaced is kept as {kept}" if kept else ""
        click.echo(f"{repo.path}: restored from {restore}{note}")
        return
    report = examine(repo.db)
    if fmt == "json":
        click.echo(orjson.dumps(report.as_dict()).decode())
    else:
        click.echo(report.text())
    if not report.healthy:
        sys.exit(EXIT_BAD_INPUT)
