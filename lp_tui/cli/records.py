"""``lp-tui export`` and ``lp-tui import``: a cohort's session records in and out."""

from __future__ import annotations

from pathlib import Path

import click

from lp_tui.cli.common import (
    Context,
    cohort_option,
    pass_context,
)
from lp_tui.cli.root import cli
from lp_tui.domain.clock import iso, local_zone
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.model import Cohort
from lp_tui.domain.programme import ProgrammeError
from lp_tui.export import FORMATS, json_format
from lp_tui.store import files


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    required=True,
    help="json (every record), csv (a folder, or a .zip), xlsx, md or html (the report).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="File to write (for csv a folder, or a .zip); an existing folder gets a named file.",
)
@click.option(
    "--anonymise",
    is_flag=True,
    help="Pseudonyms (P01, C01...) for names; no access needs or free text.",
)
@cohort_option
@pass_context
def export(context: Context, fmt: str, out: Path, anonymise: bool, cohort_name: str | None) -> None:
    """Export the cohort's session records."""
    from lp_tui.export.write import export as write_export

    snapshot = context.repo().snapshot()
    target = context.cohort(snapshot, cohort_name)
    programme = files.load_programme(target.programme)
    # the cohort's pseudonym secret: stored (one write) the first time one is needed
    key = context.repo().pseudonym_key(target.id, iso(context.clock.now())) if anonymise else ""
    written = write_export(
        snapshot,
        target,
        programme,
        fmt,
        out,
        now=context.clock.now(),
        tz=local_zone(),
        anonymise=anonymise,
        key=key,
        record_in=context.repo(),
    )
    where = written[0] if len(written) == 1 else f"{out} ({len(written)} files)"
    how = f"{fmt}, anonymised" if anonymise else fmt
    click.echo(f"{where}: exported cohort {target.name!r} as {how}", err=True)


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def import_(context: Context, file: Path) -> None:
    """Rebuild a cohort from an ``export --format json`` into this database."""
    cohort_record, records = json_format.parse_export(files.read_text(file), str(file))
    _check_programme(cohort_record, str(file))
    context.repo().import_cohort(cohort_record, records, source=str(file))
    total = sum(len(docs) for docs in records.values())
    click.echo(f"{file}: imported cohort {cohort_record.name!r} ({total} records)")


def _check_programme(cohort: Cohort, source: str) -> None:
    """The cohort's programme is one lp-tui has (a key in the sessions folders), with a day
    for each of the cohort's days."""
    where = f"{source}: cohort (id {cohort.id}): programme"
    try:
        programme = files.load_programme(cohort.programme)
    except (ProgrammeError, InputError) as error:
        raise InputError(where, f"{error}; nothing imported") from None
    if len(cohort.dates) > len(programme.days):
        raise InputError(
            f"{source}: cohort (id {cohort.id}): dates",
            f"{len(cohort.dates)} days, programme {programme.key!r} has "
            f"{len(programme.days)}; nothing imported",
        )
