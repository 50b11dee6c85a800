"""The session records as tables of rows, one per record kind: what the csv files and the xlsx
sheets hold. Cells are str, int, float, None, or a local datetime / date / time (the csv writes
those as text, the workbook as real date-time cells); text from people is made safe by the
writer. Each sheet's columns are described in words in lp_tui.export.columns."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from lp_tui.domain.model import Comment, FeedbackKind
from lp_tui.domain.programme import Question, heading_name
from lp_tui.domain.roster import OPTIONAL as ROSTER_OPTIONAL
from lp_tui.domain.roster import REQUIRED as ROSTER_REQUIRED
from lp_tui.domain.self_assessment import STAGES, latest, statements
from lp_tui.domain.tally import RATINGS, comment_heading
from lp_tui.export import columns as described
from lp_tui.export.columns import Column
from lp_tui.export.gather import CohortRecords

Cell = str | int | float | datetime | date | time | None


@dataclass(frozen=True)
class Sheet:
    name: str  # file stem and sheet title
    title: str  # what it holds, in words
    columns: tuple[str, ...]  # the keys: the csv header
    rows: list[tuple[Cell, ...]]
    # columns made from the records (a form's questions): key -> header in words
    extra: Mapping[str, Column] = field(default_factory=dict)

    def column(self, key: str) -> Column:
        return self.extra.get(key) or described.column(self.name, key)

    @property
    def tab(self) -> str:
        """Its tab in the workbook, in words (columns.tab)."""
        return described.tab(self.name)

    @property
    def description(self) -> str:
        found = described.SHEETS.get(self.name)
        return found.description if found else ""


def _sheet(name: str, columns: tuple[str, ...], rows: list[tuple[Cell, ...]], **kw: Any) -> Sheet:
    return Sheet(name, described.info(name).title, columns, rows, **kw)


def _text(value: Cell) -> str:
    """A cell as sortable text: a moment as its ISO form, nothing as ""."""
    return "" if value is None else str(value)


def _time(when: datetime | None) -> time | None:
    return None if when is None else when.time()


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def sheets(records: CohortRecords) -> list[Sheet]:
    """Every record kind, in the order the programme lead reads them."""
    return [
        people(records),
        attendance(records),
        tables(records),
        agenda(records),
        rotations(records),
        behaviours(records),
        observations(records),
        feedback(records),
        forms(records),
        tally(records),
        followups(records),
        followup_calls(records),
        impact_reports(records),
        self_assessments(records),
        reflections(records),
        lessons(records),
    ]


def people(r: CohortRecords) -> Sheet:
    rows = [
        (
            p.id,
            p.name,
            p.role.value,
            p.presenter_kind.value if p.presenter_kind else "",
            p.organisation,
            p.experience.value if p.experience else "",
            p.access_needs,
            yes_no(p.followup_call),
            p.project,
            yes_no(p.accessible_table) if p.accessible_table else "",
            yes_no(r.consent.get(p.id, p.consent_quotes)),  # as it stands: marks win
        )
        for p in r.people
    ]
    columns = ("id", *ROSTER_REQUIRED, *ROSTER_OPTIONAL)  # the roster file's columns, and id
    return _sheet("people", columns, rows)


def attendance(r: CohortRecords) -> Sheet:
    rows = [
        (day.number, r.moment(m.at), m.person, r.name(m.person), m.status.value)
        for day in r.days
        for m in day.marks
    ]
    columns = ("day", "at", "person_id", "name", "status")
    return _sheet("attendance", columns, rows)


def tables(r: CohortRecords) -> Sheet:
    rows: list[tuple[Cell, ...]] = []
    for day in r.days:
        if day.seating is None:
            continue
        for table in day.seating.tables:
            for member in table.members:
                rows.append(
                    (
                        day.number,
                        table.number,
                        r.name(table.coach or ""),
                        "yes" if table.accessible else "",
                        member,
                        r.name(member),
                    )
                )
    columns = ("day", "table", "coach", "accessible", "person_id", "name")
    return _sheet("tables", columns, rows)


def agenda(r: CohortRecords) -> Sheet:
    rows = [
        (
            day.number,
            index,
            item.title,
            item.kind.value,
            item.status.value,
            _time(r.moment(item.planned_start)) if item.planned_start else "extra",
            minutes(item.planned_seconds),
            minutes(item.allotted_seconds),
            r.moment(item.started_at),
            r.moment(item.ended_at),
            minutes(item.actual_seconds),
            item.note,
        )
        for day in r.days
        for index, item in enumerate(day.clock.items, start=1)
    ]
    columns = (
        "day",
        "position",
        "item",
        "kind",
        "status",
        "planned_start",
        "planned_minutes",
        "allotted_minutes",
        "actual_start",
        "actual_end",
        "actual_minutes",
        "note",
    )
    return _sheet("agenda", columns, rows)


def rotations(r: CohortRecords) -> Sheet:
    rows: list[tuple[Cell, ...]] = []
    for day in r.days:
        plan = day.rotation
        if plan is None:
            continue
        for visit in sorted(plan.visits):
            presenter = plan.presenters[visit.presenter]
            rows.append(
                (
                    day.number,
                    visit.round,
                    plan.tables[visit.table - 1],
                    presenter,
                    r.name(presenter),
                )
            )
    columns = ("day", "round", "table", "presenter_id", "presenter")
    return _sheet("rotations", columns, rows)


def behaviours(r: CohortRecords) -> Sheet:
    found = r.behaviours
    rows: list[tuple[Cell, ...]] = [
        ("aspired", i, b.name, "; ".join(s for s in b.sources if s != b.name))
        for i, b in enumerate(found.aspired, start=1)
    ]
    rows += [
        ("appreciated", i, phrase, found.home_of(phrase) or "")
        for i, phrase in enumerate(found.appreciated, start=1)
    ]
    columns = ("list", "number", "behaviour", "includes_or_part_of")
    return _sheet("behaviours", columns, rows)


def observations(r: CohortRecords) -> Sheet:
    rows = [
        (
            o.day,
            r.moment(o.at),
            r.name(o.by),
            o.about,
            r.name(o.about),
            o.behaviour,
            r.behaviours.canonical(o.behaviour),
            o.note,
        )
        for o in r.observations
    ]
    columns = ("day", "at", "coach", "person_id", "name", "behaviour", "counted_as", "note")
    return _sheet("observations", columns, rows)


def feedback(r: CohortRecords) -> Sheet:
    rows: list[tuple[Cell, ...]] = [
        (
            f.day,
            r.moment(f.at),
            "peer",
            f.table or None,
            None,
            r.name(f.giver),
            r.name(f.receiver),
            r.behaviours.canonical(f.behaviour),
            f.words,
            r.name(f.by),
        )
        for f in r.peer_feedback
    ]
    for day in r.days:
        for f in day.presenter_feedback:
            giver = {
                FeedbackKind.TABLE: f"table {f.table}",
                FeedbackKind.COACH: r.name(f.by) or "coach",
                FeedbackKind.PRESENTER: r.name(f.presenter),
            }.get(f.kind, f.kind)
            receiver = "" if f.kind == FeedbackKind.PRESENTER else r.name(f.presenter)
            rows.append(
                (
                    f.day,
                    r.moment(f.at),
                    f"presenter: {f.kind}",
                    f.table or None,
                    f.round or None,
                    giver,
                    receiver,
                    "",
                    f.text,
                    r.name(f.by),
                )
            )
    if r.anonymised:  # by pseudonym of who it was for, then who gave it
        rows.sort(key=lambda row: (row[0], str(row[6]), str(row[5]), _text(row[1])))
    else:
        rows.sort(key=lambda row: (row[0], _text(row[1])))
    columns = (
        "day",
        "at",
        "kind",
        "table",
        "round",
        "from",
        "to",
        "behaviour",
        "words",
        "logged_by",
    )
    return _sheet("feedback", columns, rows)


def forms(r: CohortRecords) -> Sheet:
    """One row a form: its ratings, a column a question, then its comments, a column a kind
    of comment (``_comment_columns``), each cell the words alone."""
    keys: list[str] = []
    for day in r.days:
        if day.forms:
            keys += [q.key for q in day.plan.questions if q.key not in keys]
    taken = {"day", "form", "table", *keys}
    said = _comment_columns(r, taken)
    rows: list[tuple[Cell, ...]] = []
    for day in r.days:
        for form in day.forms:
            ratings = {a.question: a.rating for a in form.answers}
            words: dict[str, list[str]] = {}
            for c in form.comments:
                if c.text:
                    key = _comment_key(c, day.plan.free_text, taken)
                    words.setdefault(key, []).append(c.text)
            rows.append(
                (
                    day.number,
                    form.number,
                    form.table or None,
                    *(ratings.get(k) for k in keys),
                    *(" | ".join(words.get(k, [])) for k in said),
                )
            )
    columns = ("day", "form", "table", *keys, *said)
    extra = {
        q.key: Column(q.label, f"The rating 1-5 of '{q.label}' (blank: not answered or not asked).")
        for day in reversed(r.days)
        for q in day.plan.questions
        if q.key in keys
    }
    return _sheet("forms", columns, rows, extra={**extra, **said})


GENERAL_COMMENTS = "comments"  # the column of comments that answer no question of their own


def _comment_columns(r: CohortRecords, taken: Collection[str]) -> dict[str, Column]:
    """A column for each kind of comment the forms carry, key -> its header in words: a
    free-text question's answers under its label ("What did you find most useful?"), those of
    a comment column with its own name ("Comments on the venue") under that name, general
    comments (a 'comments' column, or typed on screen) under "Comments", last. With no
    comments at all, the one "Comments" column."""
    named: dict[str, Column] = {}
    general = False
    for day in r.days:
        for form in day.forms:
            for c in (c for c in form.comments if c.text):
                key = _comment_key(c, day.plan.free_text, taken)
                if key == GENERAL_COMMENTS:
                    general = True
                elif key not in named:
                    named[key] = _comment_column(c, day.plan.free_text)
    if general or not named:
        named[GENERAL_COMMENTS] = described.column("forms", GENERAL_COMMENTS)
    order = {q.key: i for i, q in enumerate(q for d in r.days for q in d.plan.free_text)}
    keys = sorted(named, key=lambda k: (k == GENERAL_COMMENTS, order.get(k, len(order))))
    return {k: named[k] for k in keys}


def _comment_key(comment: Comment, free_text: Sequence[Question], taken: Collection[str]) -> str:
    """The column a comment goes in: its free-text question's key; "comments" for a general
    comment; else the name of the column it was written under (case and spaces aside)."""
    for question in free_text:
        if question.key == comment.question:
            key = question.key
            break
    else:
        key = heading_name(comment.column)
        if key in ("", "comment", GENERAL_COMMENTS):
            return GENERAL_COMMENTS
    return f"{GENERAL_COMMENTS} ({key})" if key in taken else key


def _comment_column(comment: Comment, free_text: Sequence[Question]) -> Column:
    """A kind of comment's column: headed by what it answers (comment_heading)."""
    words = " ".join(comment_heading(comment, free_text).replace("_", " ").split())
    header = words[:1].upper() + words[1:]
    return Column(header, f"The words written under '{words}' on the form.", True)


def tally(r: CohortRecords) -> Sheet:
    rows = [
        (
            day.number,
            day.tally.forms,
            q.key,
            q.label,
            q.number,
            q.average,  # unrounded: the workbook shows it to 1 place, the csv writes 3
            *(q.distribution[n] for n in RATINGS),
        )
        for day in r.days
        if day.forms
        for q in day.tally.questions
    ]
    columns = ("day", "forms", "key", "question", "number", "average", *map(str, RATINGS))
    return _sheet("tally", columns, rows)


def followups(r: CohortRecords) -> Sheet:
    rows: list[tuple[Cell, ...]] = []
    for row in r.follow_ups:
        base: tuple[Any, ...] = (row.person.id, row.person.name)
        rows.append(
            (*base, "call", yes_no(row.opted_in), yes_no(row.happened), "", "", "", "", row.note)
        )
        for stage, report in sorted(row.reports.items()):
            rows.append(
                (
                    *base,
                    stage.value,
                    "",
                    "",
                    yes_no(report.met_expectations),
                    yes_no(report.would_recommend),
                    "; ".join(k.value for k in report.impacts),
                    yes_no(report.attended_meeting),
                    " ".join(t for t in (report.quote, report.details) if t),
                )
            )
    columns = (
        "person_id",
        "name",
        "stage",
        "opted_in",
        "call_happened",
        "met_expectations",
        "would_recommend",
        "impacts",
        "attended_meeting",
        "words",
    )
    return _sheet("followups", columns, rows)


def followup_calls(r: CohortRecords) -> Sheet:
    rows: list[tuple[Cell, ...]] = []
    for work in r.call_work:
        base: tuple[Cell, ...] = (
            work.person.id,
            work.person.name,
            work.caller.name if work.caller else "",
            work.due,
            yes_no(work.overdue),
            work.outcome.value if work.outcome else "",
        )
        if not work.attempts:
            rows.append((*base, None, None, None, "", "", ""))
        for number, attempt in enumerate(work.attempts, start=1):
            rows.append(
                (
                    *base,
                    number,
                    _date(attempt.on),
                    attempt.minutes,
                    attempt.outcome.value,
                    r.name(attempt.caller),
                    attempt.note,
                )
            )
    columns = (
        "person_id",
        "name",
        "caller",
        "due",
        "overdue",
        "outcome",
        "attempt",
        "on",
        "minutes",
        "attempt_outcome",
        "called_by",
        "note",
    )
    return _sheet("followup_calls", columns, rows)


def impact_reports(r: CohortRecords) -> Sheet:
    rows: list[tuple[Cell, ...]] = [
        (
            report.person,
            r.name(report.person),
            report.stage.value,
            r.moment(report.at),
            yes_no(report.met_expectations),
            yes_no(report.would_recommend),
            "; ".join(k.value for k in report.impacts),
            yes_no(report.attended_meeting),
            report.quote,
            report.details,
        )
        for report in r.impact_reports
    ]
    columns = (
        "person_id",
        "name",
        "stage",
        "at",
        "met_expectations",
        "would_recommend",
        "impacts",
        "attended_meeting",
        "quote",
        "details",
    )
    return _sheet("impact_reports", columns, rows)


def self_assessments(r: CohortRecords) -> Sheet:
    items = statements(r.programme)
    standing = latest(r.self_assessments)
    order = {stage: n for n, stage in enumerate(STAGES)}
    rows: list[tuple[Cell, ...]] = []
    for (person, stage), found in sorted(
        standing.items(), key=lambda kv: (r.name(kv[0][0]).casefold(), order[kv[0][1]])
    ):
        for item in items:
            rating = found.rating(item.key)
            if rating is None:
                continue
            rows.append(
                (
                    person,
                    r.name(person),
                    stage.value,
                    r.moment(found.at),
                    item.key,
                    item.label,
                    rating,
                )
            )
    columns = ("person_id", "name", "stage", "at", "statement", "statement_text", "rating")
    return _sheet("self_assessments", columns, rows)


def reflections(r: CohortRecords) -> Sheet:
    rows: list[tuple[Cell, ...]] = [
        (f.day, f.by, r.name(f.by), r.moment(f.at), f.text) for f in r.reflections
    ]
    return _sheet("reflections", ("day", "coach_id", "coach", "at", "text"), rows)


def lessons(r: CohortRecords) -> Sheet:
    rows: list[tuple[Cell, ...]] = [
        (section.value, section.label, r.moment(note.at), r.name(note.by), note.text)
        for section, note in r.lessons.items()
    ]
    return _sheet("lessons", ("section", "heading", "at", "by", "text"), rows)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:  # not a date as stored: nothing rather than a wrong one
        return None


def summary_rows(r: CohortRecords, all_sheets: list[Sheet]) -> list[tuple[Cell, ...]]:
    """The xlsx summary: the cohort, and how many rows each sheet holds."""
    rows: list[tuple[Cell, ...]] = [
        ("Cohort", r.cohort.name),
        ("Programme", r.programme.title),
        *((f"Day {d.number}", _date(d.when) or "not fixed") for d in r.days),
        ("Participants", len(r.participants)),
        ("Exported", r.moment(r.generated)),
        ("Anonymised", "yes" if r.anonymised else "no"),
        ("", ""),
        ("Sheet", "Rows"),
    ]
    rows += [(f"{s.tab}: {s.title}", len(s.rows)) for s in all_sheets]
    return rows
