"""``lp-tui lessons``: the facilitator's lessons learned and recommendations for a cohort, the
report's last section (the app's Follow-up screen, ``l``, writes them too).

Four sections: before, during and after the programme, and next steps. ``set`` stores a new
note for one section (the note it replaces named; nothing stored when the text is the same);
an empty text clears the section. ``show`` prints the points the report lists under each
section, numbered as the report numbers them: as plain text (the default), Markdown or json.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import orjson

from lp_tui.cli.common import Context, Failure, cohort_option, pass_context
from lp_tui.cli.root import cli
from lp_tui.domain.clock import iso
from lp_tui.domain.lessons import (
    LessonNote,
    LessonSection,
    latest_notes,
    lesson_points,
    note_for,
    tidied,
)
from lp_tui.domain.model import new_id
from lp_tui.domain.record_rules import MAX_TEXT
from lp_tui.domain.text import control_character, shown
from lp_tui.store import files

HEADING = "Lessons learned and recommendations"


@cli.group()
def lessons() -> None:
    """Lessons learned and recommendations: before, during and after the programme, and next
    steps (the report's last section)."""


@lessons.command("set")
@click.option(
    "--section",
    required=True,
    type=click.Choice([s.value for s in LessonSection]),
    help="Which section: before, during or after the programme, or next steps.",
)
@click.option("--text", default=None, metavar="TEXT", help="The section's text.")
@click.option(
    "--file",
    "file",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A UTF-8 text file holding the section's text.",
)
@cohort_option
@pass_context
def set_(
    context: Context,
    section: str,
    text: str | None,
    file: Path | None,
    cohort_name: str | None,
) -> None:
    """Write one section (from --text, --file, or what is piped in; --text "" clears it).

    Numbered or bulleted lines (1. 2) - *) become the report's points, else each paragraph
    does. Prints the id of the note that stands (none when the section is empty)."""
    where, given = _given_text(text, file)
    written = tidied(given)
    if bad := control_character(written):
        raise Failure(f"{where}: holds a control character ({bad}); lessons are plain text")
    if len(written) > MAX_TEXT:
        raise Failure(f"{where}: {len(written):,} characters; at most {MAX_TEXT:,}")
    part = LessonSection(section)
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    notes = snapshot.lessons(target.id)
    note = note_for(
        notes, part, written, id=new_id(), cohort=target.id, by="", at=iso(context.clock.now())
    )
    if note is None:
        held = latest_notes(notes).get(part)
        click.echo(f"{part.label}: unchanged", err=True)
        if held is not None and held.text:
            click.echo(held.id)
        return
    repo.add_lesson(note)
    if note.text:
        points = len(lesson_points(note.text))
        click.echo(f"{part.label}: saved ({points} point{'' if points == 1 else 's'})", err=True)
        click.echo(note.id)
    else:
        click.echo(f"{part.label}: cleared", err=True)


def _given_text(text: str | None, file: Path | None) -> tuple[str, str]:
    """Where the text came from (as a message names it) and the text."""
    if text is not None and file is not None:
        raise Failure("--text and --file: give one of them, not both")
    if text is not None:
        return "--text", text
    if file is not None:
        return str(file), files.read_text(file)
    if sys.stdin is None or sys.stdin.isatty():
        raise Failure("--text, --file or text piped in: give the section's text one of these ways")
    raw = sys.stdin.buffer.read()
    try:
        piped = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Failure(f"stdin: not UTF-8 text (byte {error.start})") from None
    if not piped.strip():  # nothing piped in (a script's stdin closed): never a clearing
        raise Failure('stdin: nothing piped in; to clear the section, give --text ""')
    return "stdin", piped


@lessons.command("show")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "json"]),
    default="text",
    show_default=True,
    help="text: plain, to read at a terminal; md: Markdown (escaped); json: for scripts.",
)
@cohort_option
@pass_context
def show(context: Context, fmt: str, cohort_name: str | None) -> None:
    """Each section's text as it stands, and the points the report lists."""
    snapshot = context.repo().snapshot()
    target = context.cohort(snapshot, cohort_name)
    standing = latest_notes(snapshot.lessons(target.id))
    if fmt == "json":
        document = {
            "cohort": target.name,
            "sections": [_section_json(part, standing.get(part)) for part in LessonSection],
        }
        click.echo(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode())
        return
    if fmt == "md":
        click.echo(markdown(target.name, standing))
    else:
        click.echo(plain(target.name, standing))


def _section_json(part: LessonSection, note: LessonNote | None) -> dict[str, object]:
    text = note.text if note else ""
    return {
        "section": part.value,
        "label": part.label,
        "text": text,
        "points": lesson_points(text),
        "id": note.id if note and text else None,
        "at": note.at if note and text else None,
    }


def _numbered(
    standing: dict[LessonSection, LessonNote],
) -> dict[LessonSection, tuple[list[str], int | None]]:
    """Each written section's points and the number its list starts at, as the report numbers
    them (lp_tui.export.report.lesson_lists: one count through before, during and after)."""
    from lp_tui.export.report import lesson_lists

    texts = {part: note.text for part, note in standing.items()}
    return {part: (points, start) for part, points, start in lesson_lists(texts)}


def markdown(cohort: str, standing: dict[LessonSection, LessonNote]) -> str:
    """The sections as Markdown: a heading each, the points numbered as the report numbers
    them; each point one line, escaped (lp_tui.export.markdown_format.md_text)."""
    from lp_tui.export.markdown_format import md_text

    written = _numbered(standing)
    lines = [f"# {HEADING}: {md_text(shown(cohort))}"]
    for part in LessonSection:
        points, start = written.get(part, ([], 1))
        lines += ["", f"## {part.label}", ""]
        if not points:
            lines.append(f"_Not written yet (lp-tui lessons set --section {part.value})._")
        elif start is None:
            lines.append(md_text(shown(points[0])))
        else:
            lines += [f"{n}. {md_text(shown(p))}" for n, p in enumerate(points, start=start)]
    return "\n".join(lines)


def plain(cohort: str, standing: dict[LessonSection, LessonNote]) -> str:
    """The sections as plain text for a terminal: no Markdown escapes; a heading each, the
    points numbered as the report numbers them; control characters shown, never sent."""
    written = _numbered(standing)
    lines = [f"{HEADING}: {shown(cohort)}"]
    for part in LessonSection:
        points, start = written.get(part, ([], 1))
        lines += ["", part.label]
        if not points:
            lines.append(f"  Not written yet (lp-tui lessons set --section {part.value}).")
        elif start is None:
            lines.append(f"  {shown(points[0])}")
        else:
            lines += [f"  {n}. {shown(p)}" for n, p in enumerate(points, start=start)]
    return "\n".join(lines)
