"""The md/html report laid out like the programme's evaluation report: its sections in the
report's order, the programme as the report describes it, each day with planned and allotted
minutes and the split of time between talks and interactive work, a caption per day's rating
table, comments under the question they answer, follow-up calls per caller, and the
facilitator's lessons learned and recommendations."""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import timedelta

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.lessons import LessonNote, LessonSection, lesson_points
from lp_tui.domain.model import (
    Answer,
    CallAttempt,
    CallerAssignment,
    Comment,
    EvaluationForm,
    Outcome,
    Role,
    new_id,
)
from lp_tui.domain.programme import TimeUse
from lp_tui.export.gather import CohortRecords, gather
from lp_tui.export.html_format import html as render_html
from lp_tui.export.markdown_format import markdown, md_text
from lp_tui.export.report import (
    Block,
    Bullets,
    Heading,
    Paragraph,
    Ratings,
    Report,
    Table,
    build_report,
)
from tests.export.conftest import AFTER, FORMULA, SCRIPT

ORDER = [
    "The programme",
    "The cohort",
    "The days",
    "Tables",
    "Case-study rotations and presenter feedback",
    "Collaborative behaviours",
    "Observations and feedback",
    "Evaluation",
    "Follow-up and impacts",
    "Lessons learned and recommendations",
]


def records_of(repo, demo, programme, anonymise: bool = False) -> CohortRecords:
    key = repo.pseudonym_key(demo[0].id, iso(AFTER)) if anonymise else ""
    return gather(
        repo.snapshot(),
        demo[0],
        programme,
        now=AFTER,
        tz=AFTER.tzinfo,
        anonymise=anonymise,
        key=key,
    )


def section(report: Report, text: str, level: int = 2) -> list[Block]:
    """The blocks under the heading ``text`` of ``level``, up to the next heading of that level
    or higher."""
    blocks = report.blocks
    start = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Heading) and b.level == level and b.text == text
    )
    out = []
    for block in blocks[start + 1 :]:
        if isinstance(block, Heading) and block.level <= level:
            break
        out.append(block)
    return out


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def table(blocks: list[Block], caption_start: str) -> Table:
    [found] = [b for b in blocks if isinstance(b, Table) and b.caption.startswith(caption_start)]
    return found


# ---------------------------------------------------------------- the report's order


def test_the_sections_follow_the_evaluation_reports_order(repo, demo, programme, busy) -> None:
    report = build_report(records_of(repo, demo, programme))
    top = [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 2]
    assert [t for t in top if t in ORDER] == ORDER
    assert top[0] == "The programme" and top[-1] == "Lessons learned and recommendations"
    # the line saying when it was made comes first, before any heading
    assert isinstance(report.blocks[0], Paragraph)
    assert report.blocks[0].text.startswith("Report made ")


def test_the_programme_section_is_the_programmes_own_words(repo, demo, programme, busy) -> None:
    blocks = section(build_report(records_of(repo, demo, programme)), "The programme")
    assert programme.summary in texts(blocks)
    assert f"Commissioned by {programme.commissioner}." in texts(blocks)
    lists = [b for b in blocks if isinstance(b, Bullets)]
    assert [b.items for b in lists] == [
        list(programme.characteristics),
        list(programme.principles),
        list(programme.objectives),
    ]
    assert all(b.numbered for b in lists)
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == [
        "Characteristics sought",
        "Design principles",
        "Learning objectives",
        "Design",
    ]
    design = section(build_report(records_of(repo, demo, programme)), "Design", 3)
    paragraphs = [p for p in re.split(r"\n\s*\n", programme.design) if p.strip()]
    assert texts(design) == [" ".join(p.split()) for p in paragraphs]
    assert len(design) >= 3


def test_a_programme_without_principles_or_design_leaves_those_out(
    repo, demo, programme, busy
) -> None:
    import dataclasses

    bare = dataclasses.replace(programme, principles=(), design="", commissioner="")
    blocks = section(build_report(records_of(repo, demo, bare)), "The programme")
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == ["Characteristics sought", "Learning objectives"]
    assert not any(t.startswith("Commissioned by") for t in texts(blocks))


def test_markdown_numbers_the_programmes_lists(repo, demo, programme, busy) -> None:
    text = markdown(build_report(records_of(repo, demo, programme)))
    for number, principle in enumerate(programme.principles, 1):
        assert f"\n{number}. {md_text(principle)}\n" in text
    assert "- Listening to understand" in text  # plain lists stay bulleted


# ---------------------------------------------------------------- each day


def test_the_agenda_shows_planned_and_allotted_minutes_never_length(
    repo, demo, programme, busy
) -> None:
    records = records_of(repo, demo, programme)
    report = build_report(records)
    for day in records.days:
        blocks = section(report, f"Day {day.number}: {day.plan.title}", 3)
        agenda = table(blocks, "Agenda: planned and actual")
        assert "Length" not in agenda.columns
        planned = agenda.columns.index("Planned min")
        allotted = agenda.columns.index("Allotted min")
        assert [(row[planned], row[allotted]) for row in agenda.rows] == [
            (str(i.planned_seconds // 60), str(i.allotted_seconds // 60)) for i in day.clock.items
        ]
    # the demo's facilitator gave one item more time: its row shows both
    extended = [i for d in records.days for i in d.clock.items if i.extension_seconds]
    assert extended
    text = markdown(report)
    for item in extended:
        row = f"| {md_text(item.title)} | {item.kind.value} | "
        assert row in text
        line = next(x for x in text.splitlines() if x.startswith(row))
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[3:5] == [str(item.planned_seconds // 60), str(item.allotted_seconds // 60)]
        assert cells[3] != cells[4]


def test_each_days_time_is_split_between_talks_and_interactive_work(
    repo, demo, programme, busy
) -> None:
    records = records_of(repo, demo, programme)
    report = build_report(records)
    for day in records.days:
        blocks = section(report, f"Day {day.number}: {day.plan.title}", 3)
        split = table(blocks, "How the day's time was split")
        rows = {row[0]: row for row in split.rows}
        assert list(rows) == [use.value.capitalize() for use in TimeUse]
        talks = sum(i.minutes for i in day.plan.items if i.kind.value == "talk")
        breaks = sum(i.minutes for i in day.plan.items if i.kind.value == "break")
        interactive = sum(
            i.minutes
            for i in day.plan.items
            if i.kind.value in ("table", "exercise", "rotation", "feedback", "reflection")
        )
        assert rows["Talks"][2] == str(talks)
        assert rows["Breaks"][2] == str(breaks)
        assert rows["Interactive work"][2] == str(interactive)
        assert sum(int(r[1]) for r in split.rows) == len(day.clock.items)
        took = sum(round((i.actual_seconds or 0) / 60) for i in day.clock.items)
        assert abs(sum(int(r[4]) for r in split.rows) - took) <= len(TimeUse)  # rounding only
        share = round(interactive * 100 / (talks + interactive))
        assert any(f"planned {share}%" in t for t in texts(blocks))


def test_the_presenters_of_each_rotation_are_named_under_their_day(
    repo, demo, programme, busy
) -> None:
    records = records_of(repo, demo, programme)
    report = build_report(records)
    for day in records.days:
        lines = texts(section(report, f"Day {day.number}: {day.plan.title}", 3))
        presenting = [t for t in lines if "presenting at the tables" in t]
        if day.rotation is None:
            assert presenting == []
            continue
        [line] = presenting
        seen = {day.rotation.presenters[v.presenter] for v in day.rotation.visits}
        assert f"({len(seen)})" in line
        for person in seen:
            assert records.name(person) in line
        kind = {"darzi_fellow": "Darzi Fellows", "manager": "Managers"}
        rotation_item = next(i for i in day.plan.items if i.presenters)
        assert line.startswith(kind[rotation_item.presenters.value])


def test_a_day_not_run_says_so_and_still_splits_its_planned_time(repo, demo, programme) -> None:
    records = records_of(repo, demo, programme)
    report = build_report(records)
    day = records.days[0]
    blocks = section(report, f"Day 1: {day.plan.title}", 3)
    assert any(t.startswith("Not run yet: planned") for t in texts(blocks))
    assert not [b for b in blocks if isinstance(b, Table) and b.caption.startswith("Agenda")]
    split = table(blocks, "How the day's time was split")
    assert all(row[4] == "" for row in split.rows)  # nothing taken yet
    assert sum(int(row[2]) for row in split.rows) == day.plan.planned_minutes


# ---------------------------------------------------------------- evaluation per day


def form(cohort: str, day: int, number: int, answers, comments=()) -> EvaluationForm:
    when = iso(AFTER - timedelta(days=200))
    return EvaluationForm(
        new_id(), cohort, day, number, when, tuple(answers), tuple(comments), table=0
    )


def test_each_days_rating_table_has_its_own_caption(repo, demo, programme, busy) -> None:
    cohort = demo[0]
    day1 = programme.day(1)
    repo.add_forms(
        [form(cohort.id, 1, n, [Answer(q.key, 4) for q in day1.questions]) for n in (1, 2)]
    )
    report = build_report(records_of(repo, demo, programme))
    ratings = {
        r.tally.day: r.caption for r in section(report, "Evaluation") if isinstance(r, Ratings)
    }
    assert ratings == {1: day1.rating_caption, 3: programme.day(3).rating_caption}
    assert ratings[1] != ratings[3]
    text = markdown(report)
    assert text.count(f"*{md_text(programme.day(3).rating_caption)}*") == 1
    assert f"*{md_text(day1.rating_caption)}*" in text


def test_not_every_participant_answered_only_when_a_question_has_fewer_answers(
    repo, demo, programme
) -> None:
    cohort = demo[0]
    day1, day2 = programme.day(1), programme.day(2)
    full = [Answer(q.key, 5) for q in day1.questions]
    gap = [Answer(q.key, None if i == 0 else 3) for i, q in enumerate(day2.questions)]
    repo.add_forms([form(cohort.id, 1, n, full) for n in (1, 2, 3)])
    repo.add_forms([form(cohort.id, 2, 1, [Answer(q.key, 4) for q in day2.questions])])
    repo.add_forms([form(cohort.id, 2, 2, gap)])
    evaluation = section(build_report(records_of(repo, demo, programme)), "Evaluation")
    said = [t for t in texts(evaluation) if t.startswith("We received")]
    assert said == [
        "We received 3 completed forms.",
        "We received 2 completed forms. Not every participant answered every question.",
    ]


def test_comments_name_the_question_they_answer_and_general_ones_come_last(
    repo, demo, programme
) -> None:
    cohort = demo[0]
    day3 = programme.day(3)
    [free] = day3.free_text
    repo.add_forms(
        [
            form(cohort.id, 3, 1, [], [Comment("comments", "More tea please")]),
            form(cohort.id, 3, 2, [], [Comment(free.label, "the coaching", free.key)]),
            form(cohort.id, 3, 3, [], [Comment(free.key, "the  coaching", free.key)]),
            form(cohort.id, 3, 4, [], [Comment("best bit", "networking")]),
        ]
    )
    evaluation = section(build_report(records_of(repo, demo, programme)), "Evaluation")
    heads = [t for t in texts(evaluation) if t.startswith("What participants wrote")]
    assert heads == [
        f"What participants wrote to “{free.label}” (how many wrote it, where more than one):",
        "What participants wrote under “best bit” (how many wrote it, where more than one):",
        "What participants wrote (how many wrote it, where more than one):",
    ]
    lists = [b.items for b in evaluation if isinstance(b, Bullets)]
    assert lists[0] == ["“the coaching” (2)"]  # spacing tidied, counted once
    assert lists[-1] == ["“More tea please”"]


# ---------------------------------------------------------------- follow-up calls


def test_calls_per_caller_once_callers_are_assigned(repo, demo, programme, busy) -> None:
    records = records_of(repo, demo, programme)
    blocks = section(build_report(records), "Follow-up and impacts")
    assert not [b for b in blocks if isinstance(b, Table)]  # no caller, no attempt: no table
    cohort, people = demo
    coach = next(p for p in people if p.role is Role.COACH)
    waiting = [w.person for w in records.call_work][:3]
    when = iso(AFTER - timedelta(days=60))
    repo.add_caller_assignments(
        *(CallerAssignment(new_id(), cohort.id, p.id, coach.id, "", when) for p in waiting)
    )
    repo.add_call_attempt(
        CallAttempt(
            new_id(), cohort.id, waiting[0].id, coach.id, when[:10], 5, Outcome.DECLINED, "", when
        )
    )
    records = records_of(repo, demo, programme)
    calls = table(section(build_report(records), "Follow-up and impacts"), "Follow-up calls")
    rows = {row[0]: row for row in calls.rows}
    reached = {f.person.id for f in records.follow_ups if f.happened or f.call_happened}
    mine = [w for w in records.call_work if w.caller and w.caller.id == coach.id]
    happened = sum(1 for w in mine if w.person.id in reached)
    declined = 0 if waiting[0].id in reached else 1
    assert rows[coach.name][1:6] == (
        "3",
        "1",
        str(happened),
        str(declined),
        str(3 - happened - declined),
    )
    rest = len(records.call_work) - 3
    assert rows["no caller yet"][1] == str(rest)
    total = sum(int(r[3]) for r in calls.rows)
    assert total == records.followup_summary.calls_happened  # as the line above counts them


# ---------------------------------------------------------------- lessons


def note(cohort: str, section: LessonSection, text: str, minutes: int = 0) -> LessonNote:
    when = iso(AFTER - timedelta(days=10) + timedelta(minutes=minutes))
    return LessonNote(new_id(), cohort, section, text, "", when)


BEFORE = """1. Participants new to the role were a little lost on the first day.
   The two case study exercises helped them get involved.
2. Send the reading a week ahead."""
DURING = "Coaching at the tables was highly successful."
NEXT = f"- Recruit for Kent, Surrey and Sussex\n- {FORMULA}\n- {SCRIPT}"


def test_no_lessons_written_says_where_to_write_them(repo, demo, programme, busy) -> None:
    blocks = section(build_report(records_of(repo, demo, programme)), ORDER[-1])
    [line] = texts(blocks)
    assert "lp-tui lessons set" in line and "Follow-up screen" in line
    assert not [b for b in blocks if isinstance(b, Heading | Bullets)]


def test_lessons_are_listed_per_section_in_order_with_numbered_points(
    repo, demo, programme, busy
) -> None:
    cohort = demo[0]
    repo.add_lesson(
        note(cohort.id, LessonSection.NEXT, NEXT),
        note(cohort.id, LessonSection.BEFORE, BEFORE),
        note(cohort.id, LessonSection.DURING, DURING),
    )
    report = build_report(records_of(repo, demo, programme))
    blocks = section(report, ORDER[-1])
    assert [b.text for b in blocks if isinstance(b, Heading)] == [
        LessonSection.BEFORE.label,
        LessonSection.DURING.label,
        LessonSection.NEXT.label,
    ]
    before = section(report, LessonSection.BEFORE.label, 3)
    assert before == [Bullets(lesson_points(BEFORE), numbered=True)]
    assert len(lesson_points(BEFORE)) == 2
    assert section(report, LessonSection.DURING.label, 3) == [Paragraph(DURING)]
    text = markdown(report)
    tail = text.split("## Lessons learned and recommendations", 1)[1]
    assert "\n1. Participants new to the role were a little lost on the first day. The two" in tail
    assert "\n2. Send the reading a week ahead." in tail
    assert f"\n2. {md_text(FORMULA)}\n" in tail and "\n2. =" not in tail
    assert "<script>" not in tail and md_text(SCRIPT) in tail
    page = render_html(report)
    assert "<script>" not in page and html.escape(SCRIPT) in page
    assert "Send the reading a week ahead." in page


def test_a_later_note_replaces_a_section_and_an_empty_one_clears_it(
    repo, demo, programme, busy
) -> None:
    cohort = demo[0]
    first = note(cohort.id, LessonSection.AFTER, "Phone calls were useful")
    repo.add_lesson(first)
    later = LessonNote(
        new_id(), cohort.id, LessonSection.AFTER, "Calls need paid coaches", "", first.at, first.id
    )
    repo.add_lesson(later)
    report = build_report(records_of(repo, demo, programme))
    assert section(report, LessonSection.AFTER.label, 3) == [Paragraph("Calls need paid coaches")]
    cleared = LessonNote(new_id(), cohort.id, LessonSection.AFTER, "", "", first.at, later.id)
    repo.add_lesson(cleared)
    blocks = section(build_report(records_of(repo, demo, programme)), ORDER[-1])
    assert not [b for b in blocks if isinstance(b, Heading)]


def test_an_anonymised_report_leaves_the_lessons_words_out(repo, demo, programme, busy) -> None:
    repo.add_lesson(note(demo[0].id, LessonSection.DURING, DURING))
    text = markdown(build_report(records_of(repo, demo, programme, anonymise=True)))
    assert DURING not in text
    assert "an anonymised export leaves their words out" in text


# ---------------------------------------------------------------- nothing lost on the way


@pytest.mark.parametrize("anonymise", [False, True])
def test_md_and_html_render_every_block_of_the_report(
    repo, demo, programme, busy, anonymise
) -> None:
    repo.add_lesson(note(demo[0].id, LessonSection.BEFORE, BEFORE))
    report = build_report(records_of(repo, demo, programme, anonymise))
    kinds = Counter(type(b).__name__ for b in report.blocks)
    assert set(kinds) == {"Heading", "Paragraph", "Table", "Bullets", "Ratings"}
    text, page = markdown(report), render_html(report)
    headings = [b for b in report.blocks if isinstance(b, Heading)]
    assert len(re.findall(r"^#{2,6} ", text, re.M)) == len(headings)
    assert len(re.findall(r"<h[2-6]", page)) == len(headings)


def test_lesson_numbers_run_on_through_before_during_and_after_next_steps_from_one(
    repo, demo, programme, busy
) -> None:
    cohort = demo[0]
    repo.add_lesson(
        note(cohort.id, LessonSection.BEFORE, BEFORE),  # 2 points: 1, 2
        note(cohort.id, LessonSection.DURING, "1. Coaching at the tables worked."),  # 3
        note(cohort.id, LessonSection.AFTER, "- Calls need paid coaches\n- Start them sooner"),
        note(cohort.id, LessonSection.NEXT, "1. Recruit for Kent, Surrey and Sussex"),
    )
    report = build_report(records_of(repo, demo, programme))
    # a single numbered point stays a numbered list
    assert section(report, LessonSection.DURING.label, 3) == [
        Bullets(["Coaching at the tables worked."], numbered=True, start=3)
    ]
    [after] = section(report, LessonSection.AFTER.label, 3)
    assert isinstance(after, Bullets) and (after.start, len(after.items)) == (4, 2)
    [then] = section(report, LessonSection.NEXT.label, 3)
    assert isinstance(then, Bullets) and then.start == 1
    tail = markdown(report).split("## Lessons learned and recommendations", 1)[1]
    assert "\n3. Coaching at the tables worked." in tail
    assert "\n4. Calls need paid coaches\n5. Start them sooner" in tail
    assert "\n1. Recruit for Kent, Surrey and Sussex" in tail
    page = render_html(report).split("Lessons learned and recommendations</h2>", 1)[1]
    assert page.count("<ol>") == 2 and '<ol start="3">' in page and '<ol start="4">' in page


def test_each_day_without_forms_is_said_in_the_evaluation(repo, demo, programme, busy) -> None:
    records = records_of(repo, demo, programme)
    report = build_report(records)
    blocks = section(report, "Evaluation")
    empty = [d.number for d in records.days if not d.forms]
    rated = [d.number for d in records.days if d.forms]
    assert empty and rated  # the demo: forms on some days only
    said = texts(blocks)
    for number in empty:
        assert f"Day {number}: no evaluation forms entered." in said
    for number in rated:
        assert f"Day {number}: no evaluation forms entered." not in said
    assert [b.text for b in blocks if isinstance(b, Heading)][: len(rated)] == [
        f"Day {n}" for n in rated
    ]


def test_the_observations_total_says_what_it_adds_up(repo, demo, programme, busy) -> None:
    from lp_tui.domain.feedback import summarise

    records = records_of(repo, demo, programme)
    blocks = section(build_report(records), "Observations and feedback")
    [people] = [b for b in blocks if isinstance(b, Table) and b.columns[0] == "Participant"]
    assert people.columns[-1] == "Seen + from peers"
    result = summarise(
        records.participants, records.observations, records.peer_feedback, records.behaviours
    )
    assert sum(result.given.values())  # the demo's peers gave feedback: a column of its own
    for row in people.rows:  # the total is what the coach saw and peers gave them
        assert int(row[-1]) == int(row[1]) + int(row[2])
