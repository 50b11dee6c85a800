"""``lp-tui self-assessment``: participants' self-assessment before the course, at its end and
three months on, against the programme's characteristics (c1..) and objectives (o1..)."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from lp_tui.cli.common import Context, Failure, cohort_option, pass_context
from lp_tui.cli.root import cli
from lp_tui.domain.clock import iso
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.model import AssessmentStage, new_id
from lp_tui.domain.self_assessment import STAGES
from lp_tui.store import files
from lp_tui.store.repo import Conflict


@cli.group("self-assessment")
def self_assessment() -> None:
    """Self-assessment against the programme's characteristics and objectives, rated 1-5."""


@self_assessment.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--stage",
    type=click.Choice([s.value for s in STAGES]),
    required=True,
    help="When they rated themselves: before the course, at its end, or 3 months on.",
)
@cohort_option
@pass_context
def self_assessment_import(
    context: Context, file: Path, stage: str, cohort_name: str | None
) -> None:
    """Add self-assessments from a CSV (one participant a row): a 'name' column and one per
    statement, headed by its key (c1..c7 the characteristics, o1..o6 the objectives) or its
    text; each answer 1-5 or blank. Any other column, a bad value, an unknown name, a person
    twice or already assessed at this stage stop the import, and nothing is stored."""
    from lp_tui.domain.model import SelfAssessment
    from lp_tui.domain.self_assessment import parse_self_assessment_csv, statements
    from lp_tui.export.report import plural

    when = AssessmentStage(stage)
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    items = statements(files.load_programme(target.programme))
    try:
        text = files.read_text(file, "CSV")
        rows = parse_self_assessment_csv(
            text,
            str(file),
            items,
            snapshot.people(target.id),
            stage=when,
            stored=snapshot.self_assessments(target.id),
        )
    except InputError as error:  # every refusal says the import was all or nothing
        raise Failure(f"{error}; nothing imported") from None
    now = iso(context.clock.now())
    made = [
        SelfAssessment(
            id=new_id(),
            cohort=target.id,
            person=row.person.id,
            stage=when,
            at=now,
            answers=row.answers,
        )
        for row in rows
    ]
    try:
        repo.add_self_assessments(made)
    except Conflict as error:
        raise Failure(f"{file}: {error}; nothing imported") from None
    click.echo(f"{file}: imported {plural(len(made), 'self-assessment')} ({when.label})")


@self_assessment.command("summary")
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="md")
@cohort_option
@pass_context
def self_assessment_summary(context: Context, fmt: str, cohort_name: str | None) -> None:
    """Per statement and stage: how many rated it and the average; per pair of stages, the
    people rated at both and their mean change."""
    from lp_tui.domain.self_assessment import statements, summarise
    from lp_tui.export.self_assessment import summary_document, summary_markdown

    snapshot = context.repo().snapshot()
    target = context.cohort(snapshot, cohort_name)
    items = statements(files.load_programme(target.programme))
    result = summarise(items, snapshot.self_assessments(target.id))
    if fmt == "json":
        click.echo(orjson.dumps(summary_document(result)).decode())
    else:
        click.echo(summary_markdown(result), nl=False)
