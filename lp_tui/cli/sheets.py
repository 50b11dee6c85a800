"""``lp-tui sheets``: each participant's own feedback sheet, one file a participant."""

from __future__ import annotations

from pathlib import Path

import click

from lp_tui.cli.common import (
    Context,
    Failure,
    cohort_option,
    pass_context,
    person_named,
    plain_text,
)
from lp_tui.cli.root import cli
from lp_tui.domain.clock import local_zone
from lp_tui.domain.model import Role
from lp_tui.store import files


@cli.command("sheets")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write the sheets into (made when missing, private to you).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("html", "md")),
    default="html",
    show_default=True,
    help="html (printable on A4) or md.",
)
@click.option(
    "--person",
    metavar="NAME",
    callback=plain_text,
    help="Only this participant's sheet (name or id).",
)
@cohort_option
@pass_context
def sheets(
    context: Context, out: Path, fmt: str, person: str | None, cohort_name: str | None
) -> None:
    """Write one feedback sheet per participant: their tables, what coaches saw, the feedback
    they received and gave. Each file holds one person's entries only (mode 600)."""
    from lp_tui.domain.csv_input import InputError
    from lp_tui.export.sheet_files import NoSheets, write_sheets

    if out.exists() and not out.is_dir():
        raise Failure(f"--out {out}: is a file, not a folder")
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    people = snapshot.people(target.id)
    wanted = [person_named(people, person, "--person", Role.PARTICIPANT).id] if person else None
    try:
        written = write_sheets(
            snapshot,
            target,
            files.load_programme(target.programme),
            out,
            now=context.clock.now(),
            tz=local_zone(),
            fmt=fmt,
            person_ids=wanted,
            record_in=repo,  # as exports: doctor ages them, forget removes them
        )
    except (NoSheets, InputError) as error:
        raise Failure(str(error)) from None
    click.echo(f"{out}: {len(written)} sheet{'' if len(written) == 1 else 's'} written")
