"""Each participant's own feedback sheet: one page for one person, to hand to them.

It holds their table and coach each day, every standing observation about them under the
cohort's behaviours (with the coach's note), the peer feedback they received (with the words) and
gave, and what their table told visiting presenters. Nothing about anyone else: another
participant is named only as the giver or receiver of a piece of feedback with this person, and
no entry about or by anyone else is read. ``participant_sheet`` gathers; ``markdown`` and
``html`` render, every piece of text escaped (html printable on one or two A4 pages)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html import escape

from lp_tui.domain.model import AttendanceStatus, FeedbackKind, Person
from lp_tui.export import markdown_format
from lp_tui.export.gather import CohortRecords
from lp_tui.export.html_format import block_html
from lp_tui.export.report import Bullets, Heading, Paragraph, Report, Table, plural

FORMATS = ("html", "md")
NONE_YET = "None recorded."


@dataclass(frozen=True)
class DaySeat:
    day: int
    when: str  # ISO date or ""
    status: str  # present, late, absent, expected or "" (no mark)
    table: int | None  # None: not at a table that day
    coach: str  # the table coach's name, "" when none


@dataclass(frozen=True)
class Seen:
    """One standing observation about the person."""

    id: str
    day: int
    coach: str
    note: str


@dataclass(frozen=True)
class BehaviourSeen:
    behaviour: str
    entries: tuple[Seen, ...]


@dataclass(frozen=True)
class Peer:
    """A piece of peer feedback the person received (``other`` gave it) or gave (to ``other``)."""

    id: str
    day: int
    other: str
    behaviour: str
    words: str


@dataclass(frozen=True)
class TableWords:
    """What the person's table asked and advised a visiting presenter."""

    id: str
    day: int
    table: int
    round: int
    presenter: str
    text: str


@dataclass(frozen=True)
class ParticipantSheet:
    person: str  # id
    name: str
    cohort: str
    programme: str
    made: str  # local date and time the sheet was made
    days: tuple[DaySeat, ...]
    seen: tuple[BehaviourSeen, ...]  # the cohort's behaviours first, in the list's order
    not_seen: tuple[str, ...]  # the cohort's behaviours with no observation of the person
    received: tuple[Peer, ...]
    given: tuple[Peer, ...]
    table_words: tuple[TableWords, ...]

    @property
    def title(self) -> str:
        return f"Feedback sheet: {self.name}"


def participant_sheet(r: CohortRecords, person_id: str) -> ParticipantSheet:
    """The sheet of one participant (by id), from the cohort's records."""
    person = next((p for p in r.participants if p.id == person_id), None)
    if person is None:
        raise KeyError(person_id)
    days = []
    tables: dict[int, int] = {}  # day -> the person's table number
    for day in r.days:
        seated = None
        if day.seating is not None:
            seated = next((t for t in day.seating.tables if person.id in t.members), None)
        if seated is not None:
            tables[day.number] = seated.number
        status = day.status.get(person.id)
        days.append(
            DaySeat(
                day=day.number,
                when=day.when,
                status=status.value if status is not None else "",
                table=seated.number if seated is not None else None,
                coach=r.name(seated.coach or "") if seated is not None else "",
            )
        )
    seen = _seen(r, person)
    return ParticipantSheet(
        person=person.id,
        name=person.name,
        cohort=r.cohort.name,
        programme=r.programme.title,
        made=r.local(r.generated),
        days=tuple(days),
        seen=seen,
        not_seen=tuple(b for b in r.behaviours.names if b not in {g.behaviour for g in seen}),
        received=tuple(
            Peer(f.id, f.day, r.name(f.giver), r.behaviours.canonical(f.behaviour), f.words)
            for f in sorted(r.peer_feedback, key=lambda f: (f.day, f.at))
            if f.receiver == person.id
        ),
        given=tuple(
            Peer(f.id, f.day, r.name(f.receiver), r.behaviours.canonical(f.behaviour), f.words)
            for f in sorted(r.peer_feedback, key=lambda f: (f.day, f.at))
            if f.giver == person.id
        ),
        table_words=tuple(
            TableWords(f.id, day.number, f.table, f.round, r.name(f.presenter), f.text)
            for day in r.days
            if day.number in tables
            for f in sorted(day.presenter_feedback, key=lambda f: (f.round, f.at))
            if f.kind == FeedbackKind.TABLE and f.table == tables[day.number]
        ),
    )


def _seen(r: CohortRecords, person: Person) -> tuple[BehaviourSeen, ...]:
    """The standing observations about the person, grouped under the behaviour they count
    for: the cohort's behaviours in the list's order, then any other, alphabetically."""
    groups: dict[str, list[Seen]] = {}
    for o in sorted(r.observations, key=lambda o: (o.day, o.at)):
        if o.about == person.id:
            entry = Seen(o.id, o.day, r.name(o.by), o.note)
            groups.setdefault(r.behaviours.canonical(o.behaviour), []).append(entry)
    order = {name: i for i, name in enumerate(r.behaviours.names)}
    ranked = sorted(groups, key=lambda b: (order.get(b, len(order)), b.casefold()))
    return tuple(BehaviourSeen(b, tuple(groups[b])) for b in ranked)


def participant_sheets(r: CohortRecords) -> list[ParticipantSheet]:
    """Every participant's sheet, in the order of their names."""
    return [participant_sheet(r, p.id) for p in r.participants]


# ----------------------------------------------------------------------------- the page


def _day(seat: DaySeat) -> str:
    return f"Day {seat.day}" + (f" ({seat.when})" if seat.when else "")


def _where(seat: DaySeat) -> tuple[str, str]:
    if seat.table is not None:
        return str(seat.table), seat.coach or "no coach"
    if seat.status == AttendanceStatus.ABSENT:
        return "absent", ""
    return "not at a table", ""


def sheet_report(sheet: ParticipantSheet) -> Report:
    """The sheet as report blocks, the same for md and html."""
    report = Report(sheet.title)
    report.add(
        Paragraph(f"{sheet.programme}, {sheet.cohort}. Made {sheet.made} for {sheet.name} only."),
        Heading("Your table each day"),
        Table(("Day", "Table", "Coach"), [(_day(s), *_where(s)) for s in sheet.days]),
        Heading("What your coaches saw"),
    )
    count = sum(len(g.entries) for g in sheet.seen)
    report.add(
        Paragraph(
            f"{plural(count, 'observation')}, under the collaborative behaviours the cohort chose."
            if count
            else NONE_YET
        )
    )
    for group in sheet.seen:
        report.add(
            Heading(group.behaviour, 3),
            Bullets(
                [
                    f"Day {e.day}, {e.coach or 'a coach'}" + (f": {e.note}" if e.note else "")
                    for e in group.entries
                ]
            ),
        )
    if sheet.not_seen and count:
        report.add(Paragraph("Not yet seen: " + "; ".join(sheet.not_seen) + "."))
    _peer(report, "Feedback from other participants", "From", sheet.received)
    _peer(report, "Feedback you gave", "To", sheet.given)
    report.add(Heading("What your table told visiting presenters"))
    if sheet.table_words:
        report.add(
            Table(
                ("Day", "Table", "Round", "Presenter", "The table asked and advised"),
                [
                    (str(w.day), str(w.table), str(w.round or ""), w.presenter, w.text)
                    for w in sheet.table_words
                ],
            )
        )
    else:
        report.add(Paragraph(NONE_YET))
    return report


def _peer(report: Report, heading: str, who: str, entries: tuple[Peer, ...]) -> None:
    report.add(Heading(heading))
    if not entries:
        report.add(Paragraph(NONE_YET))
        return
    report.add(
        Table(
            ("Day", who, "Behaviour", "Words"),
            [(str(e.day), e.other, e.behaviour, e.words) for e in entries],
        )
    )


def markdown(sheet: ParticipantSheet) -> str:
    """The sheet as Markdown; its first line is the title with the person's name."""
    return markdown_format.markdown(sheet_report(sheet))


STYLE = """
@page { size: A4; margin: 15mm 15mm 18mm; }
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 10.5pt; line-height: 1.35;
       color: #1d1d1b; max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 16pt; color: #005eb8; border-bottom: 2px solid #005eb8; margin: 0 0 .4rem; }
h2 { font-size: 12.5pt; color: #003087; margin: 1rem 0 .3rem; border-bottom: 1px solid #aeb7bd; }
h3 { font-size: 11pt; color: #425563; margin: .6rem 0 .2rem; }
p, ul { margin: .2rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; margin: .2rem 0 .6rem; }
th, td { border: 1px solid #aeb7bd; padding: .15rem .4rem; text-align: left; vertical-align: top; }
th { background: #e8edee; }
@media print { body { margin: 0; max-width: none; padding: 0; }
               h2, h3 { break-after: avoid; } tr, li { break-inside: avoid; } }
"""


def html(sheet: ParticipantSheet) -> str:
    """The sheet as one self-contained html page (no scripts, no outside files), every piece
    of text escaped; the person's name is in its <title> and first heading."""
    report = sheet_report(sheet)
    body = "\n".join(filter(None, (block_html(b) for b in report.blocks)))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(report.title, quote=True)}</title>\n"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(report.title, quote=True)}</h1>\n{body}\n</body>\n</html>\n"
    )


def render(sheet: ParticipantSheet, fmt: str) -> str:
    if fmt == "md":
        return markdown(sheet)
    if fmt == "html":
        return html(sheet)
    raise ValueError(fmt)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 40) -> str:
    """Letters and digits of the text, ASCII, lower case, joined by hyphens ("" if none)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", plain.casefold())[:limit].strip("-")


def file_name(sheet: ParticipantSheet, fmt: str, id_length: int = 8) -> str:
    """A safe file name: the name's slug and the start of the person's id, e.g.
    ``ada-lovelace-3f2a9c1b.html``; never a path, never hidden."""
    short = slug(sheet.person)[:id_length] or "id"
    return f"{slug(sheet.name) or 'participant'}-{short}.{fmt}"
