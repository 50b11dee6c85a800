"""``lp-tui export`` and ``lp-tui import``: a cohort's session records in and out."""

from __future__ import annotations

from pathlib import Path

import click

from lp_tui.cli.common import (
    Context,
    Failure,
    cohort_option,
    pass_context,
)
from lp_tui.cli.root import cli
from lp_tui.domain.clock import iso, local_zone
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.model import Cohort
from lp_tui.domain.programme import ProgrammeError
from lp_tui.domain.text import plural
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
    help="File to write (for csv a new folder, or a .zip); an existing folder gets a named file "
    "(for csv a .zip), never over one there.",
)
@click.option(
    "--anonymise",
    is_flag=True,
    help="Pseudonyms (P01, C01...) for names; no access needs or free text.",
)
@click.option(
    "--all-cohorts",
    is_flag=True,
    help="The programme across every cohort in the database (md, html, xlsx or json): per "
    "question each cohort's number and average side by side and overall, follow-up, impacts.",
)
@cohort_option
@pass_context
def export(
    context: Context,
    fmt: str,
    out: Path,
    anonymise: bool,
    all_cohorts: bool,
    cohort_name: str | None,
) -> None:
    """Export the cohort's session records (or, with --all-cohorts, every cohort's figures)."""
    from lp_tui.export.write import export as write_export

    if all_cohorts:
        _export_all(context, fmt, out, anonymise, cohort_name)
        return
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


def _export_all(
    context: Context, fmt: str, out: Path, anonymise: bool, cohort_name: str | None
) -> None:
    """``export --all-cohorts``: every cohort of the database from one read."""
    from lp_tui.export.across import FORMATS as ACROSS_FORMATS
    from lp_tui.export.across import export_across

    if fmt not in ACROSS_FORMATS:
        raise Failure(f"--all-cohorts: --format {fmt} is not offered (use md, html, xlsx or json)")
    if anonymise:
        raise Failure(
            "--all-cohorts: holds counts and averages only, no names or free text: "
            "leave out --anonymise"
        )
    if cohort_name or context.cohort_option:
        raise Failure("--all-cohorts: covers every cohort: leave out --cohort")
    repo = context.repo()
    snapshot = repo.snapshot()
    count = len(snapshot.cohorts())
    if not count:
        raise Failure("there is no cohort yet (lp-tui cohort create NAME, or lp-tui demo)")
    written = export_across(
        snapshot, fmt, out, now=context.clock.now(), tz=local_zone(), record_in=repo
    )
    click.echo(f"{written}: exported {plural(count, 'cohort')} as {fmt}", err=True)


@cli.command("import")
@click.argument(
    "files_in", metavar="FILE...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "--replace",
    is_flag=True,
    help="A cohort already here is replaced by a later export of it (one that holds every "
    "record this database has of it).",
)
@pass_context
def import_(context: Context, files_in: tuple[Path, ...], replace: bool) -> None:
    """Rebuild cohorts from JSON export files into this database (files written by export
    --format json): all of them in one write, or (on any fault in any file) none. With
    --replace, a room's later export brings a cohort imported before up to date."""
    parsed = []
    for file in files_in:
        cohort_record, records = json_format.parse_export(files.read_text(file), str(file))
        _check_programme(cohort_record, str(file))
        parsed.append((cohort_record, records, str(file)))
    replaced = context.repo().import_cohorts(parsed, replace=replace)
    for cohort_record, records, file in parsed:
        total = sum(len(docs) for docs in records.values())
        how = "brought up to date" if cohort_record.id in replaced else "imported"
        click.echo(f"{file}: {how} cohort {cohort_record.name!r} ({total} records)")


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
