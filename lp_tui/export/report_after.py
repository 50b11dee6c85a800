"""The report's sections on what came after the room: follow-up calls and the 1- and 3-month
impacts with their case studies, participants' self-assessment, and the facilitator's lessons
learned and recommendations (lp_tui.export.report puts them last, as the evaluation report does)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from lp_tui.domain.case_studies import chosen_case_studies
from lp_tui.domain.consent import chosen_quotes
from lp_tui.domain.followup import of_asked
from lp_tui.domain.followup_work import CallWork
from lp_tui.domain.lessons import LessonSection, lesson_points
from lp_tui.domain.model import ImpactReport, Outcome, Stage
from lp_tui.export.blocks import (  # the blocks are imported from here too
    Bullets,
    Heading,
    Paragraph,
    Report,
    Table,
)
from lp_tui.export.gather import CohortRecords
from lp_tui.export.report_words import left_out_words, plural


def followup(report: Report, r: CohortRecords) -> None:
    s = r.followup_summary
    report.add(
        Heading("Follow-up and impacts"),
        Paragraph(
            f"{plural(s.opted_in, 'participant')} opted to have follow-up phone calls; "
            f"{s.calls_happened} followed through."
        ),
    )
    _calls(report, r)
    for stage in s.stages:
        report.add(Heading(f"{stage.stage.value.capitalize()} follow-up", 3))
        if not stage.responses:
            report.add(Paragraph("No responses recorded yet."))
            continue
        impacts = [f"{kind.value}: {n}" for kind, n in stage.impacts.items() if n]
        lines = [
            f"Responses: {stage.responses}",
            f"The programme met their expectations: {stage.met_expectations}"
            + of_asked(stage.asked_expectations, stage.responses),
            f"Would recommend it to a friend: {stage.would_recommend}"
            + of_asked(stage.asked_recommend, stage.responses),
        ]
        if stage.attended_meeting:
            lines.append(f"Came to the follow-up meeting: {stage.attended_meeting}")
        if impacts:
            lines.append("Impacts: " + "; ".join(impacts))
        report.add(Bullets(lines))
        said = [row.reports[stage.stage] for row in r.follow_ups if stage.stage in row.reports]
        quotes = chosen_quotes(said, r.consent, r.starred_quotes)  # once each; starred only
        if quotes.shown:
            report.add(
                Paragraph("Representative quotes:"), Bullets([f"“{q}”" for q in quotes.shown])
            )
        if quotes.left_out:
            report.add(Paragraph(left_out_words(quotes.left_out, "quote", "quotes")))
        if stage.stage == Stage.THREE_MONTHS:
            _case_studies(report, r, said)


def _calls(report: Report, r: CohortRecords) -> None:
    """The follow-up calls per caller, once any caller is assigned or any attempt recorded:
    the participants they call, the attempts made, the calls that happened (as the line above
    counts them), those declined, those still to make and of those how many are overdue."""
    if not any(w.caller or w.attempts for w in r.call_work):
        return
    reached = {f.person.id for f in r.follow_ups if f.happened or f.call_happened}
    callers: dict[str, list[CallWork]] = {}
    for work in r.call_work:
        callers.setdefault(work.caller.name if work.caller else "", []).append(work)
    rows = []
    for caller in sorted(callers, key=lambda c: (c == "", c.casefold())):
        works = callers[caller]
        happened = [w for w in works if w.person.id in reached]
        declined = [w for w in works if w not in happened and w.outcome is Outcome.DECLINED]
        still = [w for w in works if w not in happened and w not in declined]
        rows.append(
            (
                caller or "no caller yet",
                str(len(works)),
                str(sum(len(w.attempts) for w in works)),
                str(len(happened)),
                str(len(declined)),
                str(len(still)),
                str(sum(1 for w in still if w.overdue)),
            )
        )
    report.add(
        Table(
            ("Caller", "Participants", "Attempts", "Happened", "Declined", "To call", "Overdue"),
            rows,
            (1, 2, 3, 4, 5, 6),
            caption="Follow-up calls by caller",
        )
    )


def _case_studies(report: Report, r: CohortRecords, said: list[ImpactReport]) -> None:
    """The 3-month case studies (the details people gave of their impacts), each once, only
    from people who consented to be quoted."""
    studies = chosen_case_studies(said, r.consent)
    if studies.shown:
        report.add(Heading("Case studies", 4), Bullets(list(studies.shown)))
    if studies.left_out:
        report.add(Paragraph(left_out_words(studies.left_out, "case study", "case studies")))


def self_assessment(report: Report, r: CohortRecords) -> None:
    """Participants' self-assessment (1-5) against the programme's characteristics and
    objectives, per stage, and the mean change of those assessed at both stages; only when
    any self-assessment is stored."""
    from lp_tui.domain.self_assessment import STAGES, statements, summarise
    from lp_tui.export.self_assessment import change_table, stage_table

    summary = summarise(statements(r.programme), r.self_assessments)
    if not any(summary.assessed.values()):
        return
    counts = ", ".join(
        f"{plural(summary.assessed[stage], 'participant')} {stage.label}" for stage in STAGES
    )
    report.add(
        Heading("Self-assessment before and after"),
        Paragraph(
            "Participants rated themselves from 1 to 5 against the programme's characteristics "
            f"and objectives: {counts}."
        ),
        Table(*stage_table(summary)),
        Paragraph("Mean change for those who rated a statement at both stages:"),
        Table(*change_table(summary)),
    )


def lessons(report: Report, r: CohortRecords) -> None:
    """The facilitator's lessons learned and recommendations, as the evaluation report closes:
    a sub-heading per section written (before, during, after the programme, next steps), its
    points numbered. While none are written (or an anonymised export left their words out),
    one line says so and where they are written."""
    report.add(Heading("Lessons learned and recommendations"))
    if not r.lessons:
        report.add(
            Paragraph(
                "No lessons learned are written in these records. The facilitator writes them "
                "in the app (the Follow-up screen, key l) or with lp-tui lessons set "
                "--section before|during|after|next; an anonymised export leaves their words out."
            )
        )
        return
    for section, points, start in lesson_lists({s: n.text for s, n in r.lessons.items()}):
        report.add(Heading(section.label, 3))
        if start is None:
            report.add(Paragraph(points[0]))
        else:
            report.add(Bullets(points, numbered=True, start=start))


RUNNING = (LessonSection.BEFORE, LessonSection.DURING, LessonSection.AFTER)
_MARKED = re.compile(r"(?:\d+[.)]|[-*•])(?:\s|$)")


def lesson_lists(
    texts: Mapping[LessonSection, str],
) -> list[tuple[LessonSection, list[str], int | None]]:
    """Each written section (in the sections' order) with its points and the number its list
    starts at, as the evaluation report numbers lessons: one count running on through before,
    during and after the programme, next steps from 1 again. A section written as numbered or
    bulleted lines, or holding more than one point, is a numbered list even with one point;
    a single paragraph (start None) is printed as a paragraph and takes no number."""
    out: list[tuple[LessonSection, list[str], int | None]] = []
    number = 1
    for section in LessonSection:
        text = texts.get(section, "")
        points = lesson_points(text)
        if not points:
            continue
        if section not in RUNNING:
            number = 1
        first = next(line.strip() for line in text.splitlines() if line.strip())
        if len(points) == 1 and not _MARKED.match(first):
            out.append((section, points, None))
            continue
        out.append((section, points, number))
        number += len(points)
    return out
