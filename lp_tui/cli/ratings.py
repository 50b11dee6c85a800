"""``lp-tui ratings``: evaluation forms and their tally."""

from __future__ import annotations

from pathlib import Path

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
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.model import new_id
from lp_tui.store import files
from lp_tui.store.repo import Conflict


@cli.group()
def ratings() -> None:
    """End-of-day evaluation forms and their tally."""


@ratings.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@day_option()
@cohort_option
@pass_context
def ratings_import(context: Context, file: Path, day: int, cohort_name: str | None) -> None:
    """Add evaluation forms from a CSV (one row a form): columns 'form', 'table', one per
    question of the day (key or label), and comments (a free-text question of the day, or a
    header starting 'comment'). Any other column, a bad value, or forms already imported
    stop the import, and nothing is stored."""
    from lp_tui.domain.model import EvaluationForm
    from lp_tui.domain.seating import day_seating
    from lp_tui.domain.tally import fingerprint, number_forms, parse_forms_csv, rows_fingerprint
    from lp_tui.export.report import plural

    repo = context.repo()
    snapshot = repo.snapshot()
    target, plan = context.cohort_day(snapshot, cohort_name, day)
    seating = day_seating(snapshot.seatings(target.id), day)
    text = files.read_text(file, "CSV")
    try:
        rows = parse_forms_csv(
            text,
            str(file),
            plan.questions,
            free_text=plan.free_text,
            tables={t.number for t in seating.tables} if seating else None,
            day=day,
        )
    except InputError as error:  # every refusal says the import was all or nothing
        raise Failure(f"{error}; nothing imported") from None
    standing = snapshot.forms(target.id, day)
    source = rows_fingerprint(rows)
    # forms stored before the fingerprint was taken of the rows carry the raw text's
    if any(f.source in (source, fingerprint(text)) for f in standing):
        raise Failure(f"{file}: this file's forms for day {day} were imported already")
    numbers = {f.number for f in standing}
    for row in rows:
        if row.number in numbers:
            raise Failure(
                f"{file}: row {row.row}, field 'form': form {row.number} is already stored"
            )
    ever = {f.number for f in snapshot.forms(target.id, day, every=True)}
    now = iso(context.clock.now())
    forms = [
        EvaluationForm(
            id=new_id(),
            cohort=target.id,
            day=day,
            number=number,
            at=now,
            answers=row.answers,
            comments=row.comments,
            source=source,
            table=row.table,
        )
        for number, row in number_forms(rows, ever)
    ]
    try:
        repo.add_forms(forms)
    except Conflict as error:
        raise Failure(f"{file}: {error}") from None
    click.echo(f"{file}: imported {plural(len(forms), 'form')} for day {day}")


@ratings.command("tally")
@day_option()
@click.option("--format", "fmt", type=click.Choice(["json", "md", "text"]), default="text")
@cohort_option
@pass_context
def ratings_tally(context: Context, day: int, fmt: str, cohort_name: str | None) -> None:
    """Per question: how many answered, and the average."""
    from lp_tui.domain.tally import tally
    from lp_tui.export.tally import tally_document, tally_markdown, tally_text

    snapshot = context.repo().snapshot()
    target, plan = context.cohort_day(snapshot, cohort_name, day)
    questions = plan.questions
    result = tally(day, questions, snapshot.forms(target.id, day))
    if fmt == "json":
        click.echo(orjson.dumps(tally_document(result)).decode())
    elif fmt == "md":
        click.echo(tally_markdown(result), nl=False)
    else:
        click.echo(tally_text(result))
