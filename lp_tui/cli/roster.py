"""``lp-tui roster``: the people of a cohort."""

from __future__ import annotations

from pathlib import Path

import click

from lp_tui.cli.common import (
    Context,
    cohort_option,
    pass_context,
)
from lp_tui.cli.root import cli
from lp_tui.domain.model import Role
from lp_tui.domain.roster import parse_roster_csv
from lp_tui.export.report import plural
from lp_tui.store import files


@cli.group()
def roster() -> None:
    """The people of a cohort."""


@roster.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@cohort_option
@pass_context
def roster_import(context: Context, file: Path, cohort_name: str | None) -> None:
    """Add people from a roster CSV; every row is checked before anything is written."""
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    existing = [p.name for p in snapshot.people(target.id)]
    rows = parse_roster_csv(files.read_text(file, "CSV"), str(file), existing)
    repo.add_people(target.id, [row.person(target.id) for row in rows])
    counts: dict[Role, int] = {}
    for row in rows:
        counts[row.role] = counts.get(row.role, 0) + 1
    summary = ", ".join(plural(n, role.value, role.plural) for role, n in counts.items())
    everyone = plural(len(rows), "person", "people")
    click.echo(f"{file}: imported {everyone} into {target.name!r} ({summary})")
