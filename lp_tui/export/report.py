"""The programme report, laid out like the programme's evaluation report, as a list of blocks
(headings, paragraphs, tables, lists, rating charts) that the md and html writers render."""

from __future__ import annotations

import re
from collections import Counter

from lp_tui.domain.behaviours import Behaviour
from lp_tui.domain.feedback import summarise
from lp_tui.domain.model import AttendanceStatus, FeedbackKind, PresenterFeedback, Role
from lp_tui.domain.programme import (
    COMMENT_PREFIX,
    TimeUse,
    heading_name,
    interactive_share,
    time_split,
)
from lp_tui.domain.rotation_change import dropped_words
from lp_tui.domain.tally import comment_heading, one_dp
from lp_tui.domain.tally_by_table import NO_TABLE, any_table, tally_by_coach, tally_by_table
from lp_tui.domain.timers import drift_words
from lp_tui.export.blocks import (  # the blocks are imported from here too
    Block,
    Bullets,
    Heading,
    Paragraph,
    Ratings,
    Report,
    Table,
    tally_rows,
)
from lp_tui.export.gather import CohortRecords, DayRecords
from lp_tui.export.report_after import followup, lesson_lists, lessons, self_assessment
from lp_tui.export.report_words import left_out_words, may_quote, plural

__all__ = [
    "Block",
    "Bullets",
    "Heading",
    "Paragraph",
    "Ratings",
    "Report",
    "Table",
    "build_report",
    "lesson_lists",
    "plural",
    "tally_rows",
]


def build_report(r: CohortRecords) -> Report:
    """The sections in the evaluation report's order: the programme, the cohort, each day as
    it ran, tables and rotations, behaviours, observations and feedback, the evaluation per
    day with its comments, coach reflections, follow-up and impacts, self-assessment, and the
    facilitator's lessons learned and recommendations."""
    report = Report(f"{r.programme.title}: {r.cohort.name}")
    made = f"Report made {r.local(r.generated)} from lp-tui's session records."
    if r.anonymised:
        made += " Anonymised: names are pseudonyms; access needs and free text are left out."
    report.add(Paragraph(made))  # first, so every report's later lines compare alike
    _programme(report, r)
    _cohort(report, r)
    _attendance(report, r)
    _agenda(report, r)
    _tables(report, r)
    _rotations(report, r)
    _behaviours(report, r)
    _entries(report, r)
    _evaluation(report, r)
    _reflections(report, r)
    followup(report, r)
    self_assessment(report, r)
    lessons(report, r)
    return report


def _programme(report: Report, r: CohortRecords) -> None:
    """What the programme is, as the evaluation report opens: who commissioned it, the
    characteristics it looks for, the principles it was designed on, its objectives, and how
    it is delivered."""
    p = r.programme
    report.add(Heading("The programme"))
    if p.summary.strip():
        report.add(Paragraph(p.summary.strip()))
    if p.commissioner:
        report.add(Paragraph(f"Commissioned by {p.commissioner}."))
    if p.characteristics:
        report.add(
            Heading("Characteristics sought", 3),
            Paragraph("The most effective lay partners have the following characteristics:"),
            Bullets(list(p.characteristics), numbered=True),
        )
    if p.principles:
        report.add(
            Heading("Design principles", 3),
            Paragraph("The programme was developed on these principles:"),
            Bullets(list(p.principles), numbered=True),
        )
    if p.objectives:
        report.add(
            Heading("Learning objectives", 3),
            Paragraph("By the end of the programme, participants should:"),
            Bullets(list(p.objectives), numbered=True),
        )
    if p.design.strip():
        report.add(Heading("Design", 3), *(Paragraph(t) for t in _paragraphs(p.design)))


def _paragraphs(text: str) -> list[str]:
    """A text's paragraphs (blank lines between), each one line."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


def _cohort(report: Report, r: CohortRecords) -> None:
    roles = Counter(p.role for p in r.people)
    kinds = Counter(p.presenter_kind.label for p in r.people if p.presenter_kind)
    who = [
        plural(roles[Role.PARTICIPANT], "participant"),
        plural(roles[Role.COACH], "table coach", "table coaches"),
        *(plural(n, kind) for kind, n in sorted(kinds.items())),
    ]
    report.add(
        Heading("The cohort"),
        Paragraph(f"The cohort: {', '.join(who)}."),
        Table(
            ("Day", "Date", "Theme", "Focus"),
            [(str(d.number), d.when or "not set", d.plan.title, d.plan.focus) for d in r.days],
        ),
    )


def _attendance(report: Report, r: CohortRecords) -> None:
    group = r.participants
    rows = []
    for day in r.days:
        counts = Counter(day.status.get(p.id, AttendanceStatus.EXPECTED) for p in group)
        rows.append(
            (
                str(day.number),
                str(counts[AttendanceStatus.PRESENT] + counts[AttendanceStatus.LATE]),
                str(counts[AttendanceStatus.LATE]),
                str(counts[AttendanceStatus.ABSENT]),
                str(counts[AttendanceStatus.EXPECTED]),
            )
        )
    report.add(
        Heading("Attendance", 3),
        Paragraph(f"Participants on the roster: {len(group)}."),
        Table(("Day", "Present", "of whom late", "Absent", "Not marked"), rows, (1, 2, 3, 4)),
    )


def _agenda(report: Report, r: CohortRecords) -> None:
    """Each day as it ran: its focus, planned and actual times item by item (planned minutes,
    and the minutes allotted once the facilitator added or took time), how the time split
    between talks and interactive work, and who presented or spoke."""
    report.add(Heading("The days"))
    for day in r.days:
        clock = day.clock
        report.add(Heading(f"Day {day.number}: {day.plan.title}", 3))
        if day.plan.focus:
            report.add(Paragraph(day.plan.focus))
        span = f"{r.local(clock.planned_start)[11:]}-{r.local(clock.planned_end)[11:]}"
        on = f" on {day.when}" if day.when else ""
        if not clock.started:
            report.add(Paragraph(f"Not run yet: planned{on} {span}."))
        else:
            report.add(
                Paragraph(
                    f"Planned{on} {span}; {clock.state.value}, ending "
                    f"{r.local(clock.projected_end)[11:]} ({drift_words(clock.drift_seconds)})."
                )
            )
            _agenda_table(report, r, day)
        _time_split(report, day)
        _presenters(report, r, day)


def _agenda_table(report: Report, r: CohortRecords, day: DayRecords) -> None:
    rows = []
    for item in day.clock.items:
        took = item.actual_seconds
        speaker = r.name(item.speaker) if item.speaker else item.guest
        rows.append(
            (
                item.title + (f" (speaker: {speaker})" if speaker else ""),
                item.kind.value,
                r.local(item.planned_start)[11:] if item.planned_start else "extra",
                str(item.planned_seconds // 60),
                str(item.allotted_seconds // 60),
                r.local(item.started_at)[11:],
                "" if took is None else str(round(took / 60)),
                item.status.value + (f": {item.note}" if item.note else ""),
            )
        )
    columns = ("Item", "Kind", "Planned start", "Planned min", "Allotted min", "Started")
    report.add(
        Table(
            (*columns, "Took min", "Status"),
            rows,
            (3, 4, 6),
            caption="Agenda: planned and actual (allotted: the planned minutes with any the "
            "facilitator added or took; extra: an item added on the day)",
        )
    )


def _time_split(report: Report, day: DayRecords) -> None:
    """How the day's time went: talks against interactive work (tables, exercises, rotations,
    feedback, reflection), with evaluation forms and breaks apart; planned, allotted and (for
    the items that ran) taken."""
    items = day.clock.items
    planned = time_split((i.kind, i.planned_seconds) for i in items)
    allotted = time_split((i.kind, i.allotted_seconds) for i in items)
    ran = [i for i in items if i.actual_seconds is not None]
    took = time_split((i.kind, i.actual_seconds or 0.0) for i in ran)
    counts = Counter(i.kind.use for i in items)
    rows = [
        (
            use.value.capitalize(),
            str(counts[use]),
            str(round(planned[use] / 60)),
            str(round(allotted[use] / 60)),
            str(round(took[use] / 60)) if ran else "",
        )
        for use in TimeUse
    ]
    shares = [
        f"{name} {_percent(interactive_share(split))}"
        for name, split in (("planned", planned), ("as it ran", took if ran else None))
        if split is not None and interactive_share(split) is not None
    ]
    report.add(
        Table(
            ("Time on", "Items", "Planned min", "Allotted min", "Took min"),
            rows,
            (1, 2, 3, 4),
            caption="How the day's time was split",
        )
    )
    if shares:
        report.add(
            Paragraph(
                "Interactive work's share of the time on talks and interactive work "
                f"(breaks and evaluation forms apart): {'; '.join(shares)}."
            )
        )


def _percent(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100)}%"


def _presenters(report: Report, r: CohortRecords, day: DayRecords) -> None:
    """Who spoke on the day's items, and who presented at the tables in its rotations."""
    speakers = []
    for item in day.clock.items:
        who = r.name(item.speaker) if item.speaker else item.guest
        if who:
            speakers.append(f"{who} ({item.title})")
    lines = []
    if speakers:
        lines.append("Speakers: " + "; ".join(speakers) + ".")
    plan = day.rotation
    if plan is not None and plan.visits:
        kinds = {i.presenters for i in day.plan.items if i.presenters is not None}
        kind = next(iter(kinds)).label if len(kinds) == 1 else ""
        seen = {plan.presenters[v.presenter] for v in plan.visits}
        names = sorted((r.name(p) for p in seen), key=str.casefold)
        what = f"{kind}s" if kind else "Presenters"
        lines.append(f"{what} presenting at the tables ({len(names)}): {', '.join(names)}.")
    for line in lines:
        report.add(Paragraph(line))


def _tables(report: Report, r: CohortRecords) -> None:
    report.add(Heading("Tables"))
    seated = [d for d in r.days if d.seating is not None]
    if not seated:
        report.add(Paragraph("No tables were allocated."))
    for day in seated:
        assert day.seating is not None
        report.add(
            Heading(f"Day {day.number}", 3),
            Table(
                ("Table", "Coach", "Members"),
                [
                    (
                        str(t.number) + (" (accessible)" if t.accessible else ""),
                        r.name(t.coach or "") or "none",
                        ", ".join(r.name(m) for m in t.members),
                    )
                    for t in day.seating.tables
                ],
            ),
        )


def _rotations(report: Report, r: CohortRecords) -> None:
    days = [d for d in r.days if d.rotation is not None or d.presenter_feedback]
    report.add(Heading("Case-study rotations and presenter feedback"))
    if not days:
        report.add(Paragraph("No rotations were planned."))
    for day in days:
        report.add(Heading(f"Day {day.number}", 3))
        plan = day.rotation
        if plan is not None:
            grid = plan.rotation()
            rows = []
            for number in range(1, grid.rounds + 1):
                visits = {v.table: v.presenter for v in grid.round_visits(number)}
                rows.append(
                    (
                        str(number),
                        *(
                            r.name(plan.presenters[visits[t]]) if t in visits else "rest"
                            for t in range(1, len(plan.tables) + 1)
                        ),
                    )
                )
            report.add(Table(("Round", *(f"Table {t}" for t in plan.tables)), rows))
            gone = {d.presenter: r.name(d.presenter) for d in plan.dropped}
            if gone:
                report.add(Bullets(dropped_words(plan, gone)))
        _presenter_feedback(report, r, day)


def _presenter_feedback(report: Report, r: CohortRecords, day: DayRecords) -> None:
    items = []
    withheld = 0  # words of people who have not agreed to be quoted
    presenters = {p.id for p in r.people if p.role is Role.PRESENTER}
    for f in day.presenter_feedback:
        if f.text.strip() and not may_quote(r, _speakers(f, day)):
            withheld += 1
            continue
        where = f" (table {f.table}, round {f.round})" if f.table else ""
        said = {
            FeedbackKind.TABLE: "the table asked and advised",
            FeedbackKind.COACH: f"{r.name(f.by) or 'the coach'} fed back",
            FeedbackKind.PRESENTER: "the presenter said afterwards",
        }.get(f.kind, f.kind)
        if f.kind == FeedbackKind.PRESENTER and f.presenter not in presenters:
            said = "the speaker said afterwards"  # a facilitator or support who spoke
        if not f.text.strip():
            continue  # left out (anonymised) or never written: nothing to say, no bullet
        items.append(f"{r.name(f.presenter)}{where}, {said}: {f.text}")
    if items:
        report.add(Bullets(items))
    if withheld:
        report.add(Paragraph(left_out_words(withheld, "piece of feedback", "pieces of feedback")))


def _speakers(f: PresenterFeedback, day: DayRecords) -> tuple[str, ...]:
    """Whose words a piece of presenter feedback is: the presenter's own comment, the coach's
    feedback, or what a table asked and advised (everyone seated at it that day)."""
    if f.kind == FeedbackKind.PRESENTER:
        return (f.presenter,)
    if f.kind == FeedbackKind.COACH:
        return (f.by,) if f.by else ()
    if day.seating is None:
        return ()
    return next((t.members for t in day.seating.tables if t.number == f.table), ())


def _behaviours(report: Report, r: CohortRecords) -> None:
    found = r.behaviours
    report.add(Heading("Collaborative behaviours"))
    if not found.aspired and not found.appreciated:
        report.add(Paragraph("The behaviours exercise has not been recorded."))
        return
    report.add(
        Paragraph(
            f"Participants named {plural(len(found.appreciated), 'behaviour')} they appreciated "
            f"in others at meetings, refined into {len(found.aspired)} collaborative behaviours "
            "they aspire to:"
        ),
        Bullets([_behaviour_line(b) for b in found.aspired]),
    )


def _behaviour_line(behaviour: Behaviour) -> str:
    others = [s for s in behaviour.sources if s != behaviour.name]
    return behaviour.name + (f" (from: {', '.join(others)})" if others else "")


def _entries(report: Report, r: CohortRecords) -> None:
    result = summarise(r.participants, r.observations, r.peer_feedback, r.behaviours)
    report.add(
        Heading("Observations and feedback"),
        Paragraph(
            f"Coaches logged {plural(len(r.observations), 'observation')}; participants gave "
            f"each other {plural(len(r.peer_feedback), 'piece')} of positive feedback."
        ),
        Table(("Behaviour", "Times seen"), [(b, str(n)) for b, n in result.per_behaviour], (1,)),
        Table(
            ("Participant", "Seen by coach", "From peers", "Gave peers", "Seen + from peers"),
            [
                (
                    p.name,
                    str(result.seen[p.id]),
                    str(result.received[p.id]),
                    str(result.given[p.id]),
                    str(result.per_person[p.id]),
                )
                for p in sorted(r.participants, key=lambda p: p.name.casefold())
            ],
            (1, 2, 3, 4),
        ),
    )
    if result.without:
        names = ", ".join(p.name for p in result.without)
        report.add(Paragraph(f"No feedback recorded for: {names}."))


def _evaluation(report: Report, r: CohortRecords) -> None:
    report.add(Heading("Evaluation"))
    if not any(d.forms for d in r.days):
        report.add(Paragraph("No evaluation forms have been entered."))
        return
    for day in r.days:
        if not day.forms:  # said, so a day left out is never mistaken for one forgotten
            report.add(Paragraph(f"Day {day.number}: no evaluation forms entered."))
            continue
        received = f"We received {plural(day.tally.forms, 'completed form')}."
        if any(q.number < day.tally.forms for q in day.tally.questions):
            received += " Not every participant answered every question."
        report.add(
            Heading(f"Day {day.number}", 3),
            Paragraph(received),
            Ratings(day.tally, caption=day.plan.rating_caption),
        )
        _comments(report, day)
        _by_table(report, r, day)


def _comments(report: Report, day: DayRecords) -> None:
    """A day's comments under the question they answer (a free-text question the programme
    asks, or the column they were written under); general comment columns last."""
    by_question: dict[tuple[str, str], Counter[str]] = {}
    for form in day.forms:
        for c in form.comments:
            if not c.text.strip():
                continue
            if c.question:
                asked = ("to", comment_heading(c, day.plan.free_text))
            elif heading_name(c.column).startswith(COMMENT_PREFIX):
                asked = ("", "")  # a comments column answers no question of its own
            else:
                asked = ("under", c.column)
            by_question.setdefault(asked, Counter())[" ".join(c.text.split())] += 1
    for (how, asked), comments in sorted(by_question.items(), key=lambda q: q[0][0] == ""):
        to = f" {how} “{asked}”" if asked else ""
        report.add(
            Paragraph(f"What participants wrote{to} (how many wrote it, where more than one):"),
            Bullets([f"“{c}”" + (f" ({n})" if n > 1 else "") for c, n in comments.most_common()]),
        )


def _by_table(report: Report, r: CohortRecords, day: DayRecords) -> None:
    """Under a day's tally, when any form names its table: the averages per table with the
    table's coach (by the report's names, so pseudonyms when anonymised), and per coach when a
    coach led more than one table."""
    if not any_table(day.forms):
        return
    questions = day.plan.questions
    tables = tally_by_table(day.number, questions, day.forms, day.seating)
    columns = ("Table", "Coach", "Forms", *(q.label for q in questions))
    numeric = tuple(range(2, len(columns)))
    report.add(
        Heading("By table and coach", 4),
        Paragraph("Average mark out of 5 per question; forms that name no table last."),
        Table(
            columns,
            [
                (
                    "no table" if t.table == NO_TABLE else str(t.table),
                    "" if t.table == NO_TABLE else (r.name(t.coach) or "none"),
                    str(t.tally.forms),
                    *(one_dp(q.average) for q in t.tally.questions),
                )
                for t in tables
            ],
            numeric,
        ),
    )
    coaches = tally_by_coach(day.number, questions, day.forms, day.seating)
    if any(len(c.tables) > 1 for c in coaches if c.coach):
        report.add(
            Table(
                ("Coach", "Tables", "Forms", *(q.label for q in questions)),
                [
                    (
                        r.name(c.coach) or "none",
                        ", ".join("no table" if n == NO_TABLE else str(n) for n in c.tables),
                        str(c.tally.forms),
                        *(one_dp(q.average) for q in c.tally.questions),
                    )
                    for c in coaches
                ],
                numeric,
            )
        )


def _reflections(report: Report, r: CohortRecords) -> None:
    """Each coach's standing reflection per day, only from coaches who agreed to be quoted
    (a count of the rest); only when any coach wrote one."""
    if not r.reflections:
        return
    report.add(Heading("Coach reflections"))
    if r.anonymised:
        report.add(Paragraph("Anonymised: the reflections' words are left out."))
    for day in sorted({f.day for f in r.reflections}):
        written = [f for f in r.reflections if f.day == day and f.text.strip()]
        if not written:
            continue
        items = [
            f"{r.name(f.by)}: {' '.join(f.text.split())}" for f in written if may_quote(r, (f.by,))
        ]
        withheld = len(written) - len(items)
        report.add(Heading(f"Day {day}", 3))
        if items:
            report.add(Bullets(items))
        if withheld:
            report.add(Paragraph(left_out_words(withheld, "reflection", "reflections")))
