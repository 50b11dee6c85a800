"""The facilitator's lessons learned and recommendations for a cohort, written in the app (or
with ``lp-tui lessons``) and printed as the report's last section, as the evaluation report
closes: lessons from before, during and after the days, then next steps.

A note is appended, never edited: a later note for the same section stands (it names the one
it replaces); an empty text clears the section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class LessonSection(StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    NEXT = "next"

    @property
    def label(self) -> str:
        return {
            LessonSection.BEFORE: "Before the programme",
            LessonSection.DURING: "During the programme",
            LessonSection.AFTER: "After the programme",
            LessonSection.NEXT: "Next steps",
        }[self]


@dataclass(frozen=True, slots=True)
class LessonNote:
    """The text of one section of a cohort's lessons, as the facilitator last wrote it."""

    id: str
    cohort: str
    section: LessonSection
    text: str
    by: str  # who wrote it: a person id, or "" (the facilitator at the laptop)
    at: str
    replaces: str = ""  # the id of the note this one replaces


def standing_lessons(notes: Iterable[LessonNote]) -> dict[LessonSection, LessonNote]:
    """Each section's standing note (the latest not replaced; ties: the later given), in the
    sections' order; a section whose standing note is empty is left out."""
    found = list(notes)
    replaced = {n.replaces for n in found if n.replaces}
    latest: dict[LessonSection, LessonNote] = {}
    for note in found:
        if note.id in replaced:
            continue
        held = latest.get(note.section)
        if held is None or note.at >= held.at:
            latest[note.section] = note
    return {s: latest[s] for s in LessonSection if s in latest and latest[s].text.strip()}


def lesson_points(text: str) -> list[str]:
    """A section's text as the points the report lists. When it starts with a numbered or
    bulleted line (1. 2) - * •), each such line starts a point and the lines under it go on
    with it; otherwise each paragraph (blank lines between) is a point, its lines joined."""
    lines = [line.strip() for line in text.splitlines()]
    filled = [line for line in lines if line]
    if filled and _is_point(filled[0]):
        points: list[list[str]] = []
        for line in filled:
            if _is_point(line):
                points.append([_unmarked(line)])
            else:
                points[-1].append(line)
        return [" ".join(part for part in p if part) for p in points if any(p)]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _is_point(line: str) -> bool:
    head = line.split(" ", 1)[0]
    return head in ("-", "*", "•") or (head.rstrip(".)").isdigit() and head[-1:] in ".)")


def _unmarked(line: str) -> str:
    return line.partition(" ")[2].strip()


def latest_notes(notes: Iterable[LessonNote]) -> dict[LessonSection, LessonNote]:
    """Each section's latest note not replaced (ties: the later given), empty ones too: the
    one a new note for that section replaces."""
    found = list(notes)
    replaced = {n.replaces for n in found if n.replaces}
    latest: dict[LessonSection, LessonNote] = {}
    for note in found:
        held = latest.get(note.section)
        if note.id not in replaced and (held is None or note.at >= held.at):
            latest[note.section] = note
    return {s: latest[s] for s in LessonSection if s in latest}


def tidied(text: str) -> str:
    """A section's text as it is stored: every line end (CR LF from a file written on Windows,
    CR, a Unicode line separator) made LF, as lesson_points splits lines; spaces at the ends
    of lines and blank lines at either end dropped."""
    lines = text.splitlines()
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def note_for(
    notes: Iterable[LessonNote],
    section: LessonSection,
    text: str,
    *,
    id: str,
    cohort: str,
    by: str,
    at: str,
) -> LessonNote | None:
    """The note that makes ``text`` (tidied) the section's text, replacing the one standing;
    None when it is that already (an empty text and no note yet included): nothing to store."""
    text = tidied(text)
    held = latest_notes(notes).get(section)
    if text == (held.text if held else ""):
        return None
    return LessonNote(id, cohort, section, text, by, at, held.id if held else "")


def without_points(text: str, drop: Callable[[str], bool]) -> str:
    """``text`` without each point (a numbered or bulleted line and the lines under it) or,
    in a text of paragraphs, each paragraph, that ``drop`` picks: forgetting a person takes out
    what names them and keeps the other lessons."""
    lines = text.split("\n")
    filled = [line.strip() for line in lines if line.strip()]
    pointed = bool(filled) and _is_point(filled[0])
    blocks: list[list[str]] = []
    after_blank = True
    for line in lines:
        stripped = line.strip()
        starts = _is_point(stripped) if pointed else bool(stripped) and after_blank
        if starts or not blocks:
            blocks.append([])
        blocks[-1].append(line)
        after_blank = not stripped
    return tidied(
        "\n".join(line for block in blocks if not drop("\n".join(block)) for line in block)
    )


def unsaved(
    notes: Iterable[LessonNote], drafts: Mapping[LessonSection, str]
) -> list[LessonSection]:
    """The sections whose draft (tidied) is not the text that stands, in the sections' order."""
    held = latest_notes(notes)
    return [
        s
        for s in LessonSection
        if s in drafts and tidied(drafts[s]) != (held[s].text if s in held else "")
    ]
