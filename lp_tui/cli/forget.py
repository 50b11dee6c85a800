"""``lp-tui forget NAME [--yes]``: a person's personal data out of the database, every backup and
the error logs; their ratings, attendance and counts stay under a pseudonym."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lp_tui.cli.common import (
    EXIT_FAILED,
    Context,
    Failure,
    cohort_option,
    pass_context,
    person_named,
    plain_text,
)
from lp_tui.cli.root import cli
from lp_tui.domain import forget as rules
from lp_tui.domain.model import Role
from lp_tui.domain.text import shown
from lp_tui.store import forget as store
from lp_tui.store.files import shown_path
from lp_tui.store.forget import Outcome

OWN = {rules.NAME, rules.ORGANISATION, rules.PROJECT, rules.ACCESS_NEEDS}


def can_ask() -> bool:
    """Whether there is someone at a terminal to confirm (tests stand in for one)."""
    return sys.stdin.isatty()


@cli.command()
@click.argument("name", callback=plain_text)
@click.option("--yes", is_flag=True, help="Do not ask first (forgetting cannot be undone).")
@cohort_option
@pass_context
def forget(context: Context, name: str, yes: bool, cohort_name: str | None) -> None:
    """Remove a person's name, organisation, project, access needs and every word by or about
    them from the database, every backup and the error logs; their counts stay."""
    repo = context.repo()
    snapshot = repo.snapshot()
    cohort = context.cohort(snapshot, cohort_name)
    person = person_named(snapshot.people(cohort.id), name, "NAME", *Role)
    if rules.is_forgotten(person):
        raise Failure(f"NAME: {person.name!r} is a forgotten person already")
    if not yes and not can_ask():
        raise Failure(
            f"NAME: forgetting {person.name!r} cannot be undone: run it at a terminal to be "
            "asked, or add --yes"
        )
    if not yes:
        plan = store.preview(repo, cohort.id, person.id)
        click.echo(_preview(person.name, cohort.name, plan))
        if not click.confirm(f"Forget {shown(person.name)}? This cannot be undone", default=False):
            click.echo("nothing changed")
            return
    outcome = store.forget(repo, cohort.id, person.id)
    click.echo(_summary(person.name, outcome, store.data_folder(repo)))
    if not outcome.clean:
        for path, what in outcome.remaining:
            click.echo(f"lp-tui: {shown_path(path)}: still holds {what}", err=True)
        for path in outcome.unreadable:
            click.echo(f"lp-tui: {shown_path(path)}: could not be read to check it", err=True)
        sys.exit(EXIT_FAILED)


def _removed_lines(removed: dict[str, int]) -> list[str]:
    lines = [f"  their {kind}" for kind in rules.KINDS if kind in OWN and kind in removed]
    lines += [f"  {kind}: {n}" for kind, n in removed.items() if kind not in OWN]
    return lines


def _files_lines(outcome: Outcome) -> list[str]:
    lines = []
    if outcome.database:
        lines.append("  rewrites the database, keeping no backup of it as it was")
    if outcome.backups:
        lines.append(f"  rewrites {_count(len(outcome.backups), 'backup')}")
    if outcome.scrubbed:
        lines.append(f"  cuts their strings out of {_count(len(outcome.scrubbed), 'damaged file')}")
    if outcome.logs:
        lines.append(
            f"  removes {_count(outcome.log_lines, 'line')} from "
            f"{_count(len(outcome.logs), 'error log')}"
        )
    if outcome.temp_files:
        lines.append(f"  removes {_count(len(outcome.temp_files), 'stale temp file')}")
    lines += [f"  removes the export {shown_path(p)}" for p in outcome.exports]
    return lines


def _preview(name: str, cohort: str, plan: Outcome) -> str:
    lines = [
        f"Forgetting {shown(name)} in cohort {shown(cohort)!r}: they become "
        f"{plan.pseudonym!r}; their ratings, attendance and counts stay.",
        "It removes:",
        *_removed_lines(plan.removed),
        "Files:",
        *_files_lines(plan),
    ]
    lines += [
        f"  {shown_path(p)}: an export written before, outside the data folder; "
        "it still holds their data (delete it yourself)"
        for p in plan.exports_elsewhere
    ]
    return "\n".join(lines)


def _summary(name: str, outcome: Outcome, folder: Path) -> str:
    lines = [f"forgot {shown(name)}: now {outcome.pseudonym!r}; removed:"]
    lines += _removed_lines(outcome.removed)
    lines.append("files:")
    lines += [
        line.replace("  rewrites", "  rewrote")
        .replace("  removes", "  removed")
        .replace("  cuts", "  cut")
        for line in _files_lines(outcome)
    ]
    lines += [
        f"  {shown_path(p)}: an export written before, outside the data folder, still holds "
        "their data: delete it yourself"
        for p in outcome.exports_elsewhere
    ]
    if outcome.shared:
        lines.append(
            f"kept {_count(outcome.shared, 'string')} of theirs that other people's records "
            "hold too (a shared organisation, a common phrase)"
        )
    if outcome.clean:
        others = outcome.looked_for - 1
        also = f" or any of the {_count(others, 'other string')} removed" if others else ""
        lines.append(f"checked every file under {shown_path(folder)}: none holds their name{also}")
    return "\n".join(lines)


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")
