"""Every sheet of the csv and xlsx exports in one place: what it holds, and each column as its
key (the csv header, which scripts read) -> its header in words (the workbook's header) and a
description (the csv folder's README.txt). A column whose key is ``id`` or ends in ``_id``
holds record ids: the workbook puts those last, after the names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    header: str  # in words, e.g. "Planned minutes"
    description: str  # one sentence for README.txt
    long: bool = False  # free text that can run long: wrapped, in a wide column
    number_format: str = ""  # the workbook's, e.g. "0.0": the value kept whole, shown so
    places: int | None = None  # the csv's: a number rounded to this many decimal places


@dataclass(frozen=True)
class SheetInfo:
    title: str  # what it holds, in words (the summary sheet lists it)
    description: str  # a sentence or two for README.txt
    columns: dict[str, Column]


def is_id(key: str) -> bool:
    """A column of record ids (``id``, ``person_id``...)."""
    return key == "id" or key.endswith("_id")


C = Column
DAY = C("Day", "The day of the programme: 1, 2 or 3.")
AT = C("When", "When it was logged, in the room's local time, to the minute.")
PERSON_ID = C("Person id", "The person's record id (people.csv's id).")
NAME = C("Name", "The person's name.")
YES_NO = "yes or no; blank when not known"
# What a participant said at 1 or 3 months (the follow-ups and impact reports files alike).
IMPACT_COLUMNS = {
    "met_expectations": C("Met expectations", f"The course met them: {YES_NO}."),
    "would_recommend": C("Would recommend", f"Would recommend the course: {YES_NO}."),
    "impacts": C("Impacts", "The impacts they reported, separated by '; '.", True),
    "attended_meeting": C(
        "Came to the follow-up meeting",
        f"Came to the programme's follow-up meeting (asked at 3 months): {YES_NO}.",
    ),
}

SHEETS: dict[str, SheetInfo] = {
    "people": SheetInfo(
        "People on the roster",
        "One row a person: participants, coaches, presenters, facilitators and support. The "
        "other columns are a roster file's: delete the id column and `lp-tui roster import` "
        "takes this file as a roster again.",
        {
            "id": C("Person id", "The person's record id; the other files name people by it."),
            "name": NAME,
            "role": C("Role", "participant, coach, presenter, facilitator or support."),
            "presenter_kind": C("Presenter kind", "For presenters: darzi_fellow or manager."),
            "organisation": C("Organisation", "Where the person works or volunteers.", True),
            "experience": C("Experience", "new, some or experienced (of sitting on boards)."),
            "access_needs": C("Access needs", "What the person needs to take part.", True),
            "followup_call": C("Follow-up call", f"Opted in to a follow-up call: {YES_NO}."),
            "project": C("Project", "A presenter's project.", True),
            "accessible_table": C("Accessible table", "yes when they need an accessible table."),
            "consent_quotes": C(
                "May be quoted",
                "yes when the person agreed to be quoted in reports (as it "
                "stands: the latest consent mark wins).",
            ),
        },
    ),
    "attendance": SheetInfo(
        "Attendance marks (the latest for a day counts)",
        "Every attendance mark as it was made; a person's latest mark of a day is the one "
        "that counts.",
        {
            "day": DAY,
            "at": C("Marked at", "When the mark was made."),
            "person_id": PERSON_ID,
            "name": NAME,
            "status": C("Status", "present, late, absent, or expected (a mark taken back)."),
        },
    ),
    "tables": SheetInfo(
        "Who sat at which table",
        "One row a person seated: the tables in use each day.",
        {
            "day": DAY,
            "table": C("Table", "The table's number."),
            "coach": C("Coach", "The table's coach."),
            "accessible": C("Accessible table", "yes when the table is the accessible one."),
            "person_id": PERSON_ID,
            "name": NAME,
        },
    ),
    "agenda": SheetInfo(
        "Agenda planned and actual",
        "One row an agenda item: as planned, and as it ran by the facilitator's clock.",
        {
            "day": DAY,
            "position": C("Position", "The item's place in the day's agenda."),
            "item": C("Item", "The agenda item's title.", True),
            "kind": C(
                "Kind",
                "talk, table, exercise, rotation, feedback, reflection, evaluation or break.",
            ),
            "status": C("Status", "pending, running, paused, finished or skipped."),
            "planned_start": C(
                "Planned start", "The planned start time (hh:mm); extra: added on the day."
            ),
            "planned_minutes": C("Planned minutes", "Its length in the programme."),
            "allotted_minutes": C(
                "Allotted minutes", "Its length after the facilitator added or took time."
            ),
            "actual_start": C("Actual start", "When it started."),
            "actual_end": C("Actual end", "When it ended."),
            "actual_minutes": C("Actual minutes", "How long it ran, pauses left out."),
            "note": C("Note", "The facilitator's note on the item.", True),
        },
    ),
    "rotations": SheetInfo(
        "Case-study rotations: who visited which table",
        "One row a presenter's visit to a table in a round of a day's rotation.",
        {
            "day": DAY,
            "round": C("Round", "The round of the rotation."),
            "table": C("Table", "The table visited."),
            "presenter_id": C("Presenter id", "The presenter's record id."),
            "presenter": C("Presenter", "The presenter's name."),
        },
    ),
    "behaviours": SheetInfo(
        "Collaborative behaviours (Day 2 exercise)",
        "The behaviours the cohort aspired to (the Day 2 list, merged) and those they "
        "appreciated in each other.",
        {
            "list": C("List", "aspired (the cohort's list) or appreciated (said in feedback)."),
            "number": C("Number", "Its place in the list."),
            "behaviour": C("Behaviour", "The behaviour, in the cohort's words.", True),
            "includes_or_part_of": C(
                "Includes or part of",
                "aspired: the phrases merged into it; appreciated: the aspired behaviour it "
                "counts towards.",
                True,
            ),
        },
    ),
    "observations": SheetInfo(
        "Coaches' observations",
        "One row an observation a coach logged of a participant.",
        {
            "day": DAY,
            "at": AT,
            "coach": C("Coach", "The coach who logged it."),
            "person_id": PERSON_ID,
            "name": C("Name", "The participant observed."),
            "behaviour": C("Behaviour", "The behaviour as the coach wrote it.", True),
            "counted_as": C("Counted as", "The cohort's behaviour it counts towards.", True),
            "note": C("Note", "The coach's note.", True),
        },
    ),
    "feedback": SheetInfo(
        "Peer feedback and feedback on presenters",
        "Participants' feedback to each other, and tables', coaches' and presenters' "
        "feedback on the presenters' sessions.",
        {
            "day": DAY,
            "at": AT,
            "kind": C("Kind", "peer, or presenter: table / coach / presenter (who gave it)."),
            "table": C("Table", "The table it came from."),
            "round": C("Round", "The rotation round (feedback on presenters)."),
            "from": C("From", "Who gave it."),
            "to": C("To", "Who it was for."),
            "behaviour": C("Behaviour", "The behaviour it appreciated (peer feedback).", True),
            "words": C("Words", "What was said.", True),
            "logged_by": C("Logged by", "Who typed it in."),
        },
    ),
    "forms": SheetInfo(
        "Evaluation forms, one a row",
        "One row an evaluation form; a column per question asked on any day (its rating "
        "1-5, blank when not answered), then a column per kind of comment: a free-text "
        "question's answers under its words, general comments under Comments.",
        {
            "day": DAY,
            "form": C("Form", "The form's number."),
            "table": C("Table", "The table it came from, when known."),
            "comments": C(
                "Comments",
                "The form's general comments (a 'comments' column, or typed on screen), "
                "its words alone; several are separated by ' | '.",
                True,
            ),
        },
    ),
    "tally": SheetInfo(
        "Rating tally per question",
        "Per day and question: how many answered, the average and how many gave each "
        "rating (as the evaluation report's tables).",
        {
            "day": DAY,
            "forms": C("Forms", "Forms handed in that day."),
            "key": C("Question key", "The question's key in the programme."),
            "question": C("Question", "The question as asked.", True),
            "number": C("Number", "How many answered it."),
            "average": C(
                "Average",
                "The average rating, to 3 decimal places (the workbook holds it unrounded, "
                "shown to 1).",
                number_format="0.0",
                places=3,
            ),
            **{str(n): C(f"Rated {n}", f"How many rated it {n}.") for n in range(1, 6)},
        },
    ),
    "followups": SheetInfo(
        "Follow-up calls and what participants said",
        "Per participant a 'call' row (opted in, call happened), then a row for what they "
        "said at each follow-up stage (as it stands).",
        {
            "person_id": PERSON_ID,
            "name": NAME,
            "stage": C("Stage", "call, 1 month or 3 months."),
            "opted_in": C("Opted in", f"Opted in to a follow-up call: {YES_NO}."),
            "call_happened": C("Call happened", f"The call happened: {YES_NO}."),
            **IMPACT_COLUMNS,
            "words": C("Words", "What they said: the quote, then details.", True),
        },
    ),
    "followup_calls": SheetInfo(
        "Follow-up calls: callers, due dates and attempts",
        "One row a call attempt for each participant who opted in to a call (a participant "
        "with no attempt yet: one row, the attempt columns blank).",
        {
            "person_id": PERSON_ID,
            "name": C("Name", "The participant to be called."),
            "caller": C("Caller", "Who calls them (blank: nobody assigned yet)."),
            "due": C("Due", "The date the call is due by (yyyy-mm-dd)."),
            "overdue": C("Overdue", "yes when the due date has passed and no call closed it."),
            "outcome": C("Outcome", "The outcome as it stands: the latest attempt's."),
            "attempt": C("Attempt", "The attempt's number, oldest first."),
            "on": C("Called on", "The date of the attempt (yyyy-mm-dd)."),
            "minutes": C("Minutes", "How long the call took, when given."),
            "attempt_outcome": C(
                "Attempt outcome", "happened, no-answer, declined or rescheduled."
            ),
            "called_by": C("Called by", "Who made the attempt."),
            "note": C("Note", "The caller's note.", True),
        },
    ),
    "impact_reports": SheetInfo(
        "Impact reports: what participants said at 1 and 3 months",
        "One row a report of a follow-up (every one recorded, the oldest first per person).",
        {
            "person_id": PERSON_ID,
            "name": NAME,
            "stage": C("Stage", "1 month or 3 months."),
            "at": C("Recorded at", "When the report was recorded."),
            **IMPACT_COLUMNS,
            "quote": C("Quote", "Their words, as they may be quoted.", True),
            "details": C("Details", "What else they said.", True),
        },
    ),
    "self_assessments": SheetInfo(
        "Self-assessments: each rating of each statement",
        "One row a rating a participant gave a statement (the programme's characteristics "
        "and objectives) at a stage; only the assessments that stand.",
        {
            "person_id": PERSON_ID,
            "name": NAME,
            "stage": C("Stage", "before, end or 3-months."),
            "at": C("Recorded at", "When the self-assessment was recorded."),
            "statement": C("Statement key", "c1, c2... (characteristics), o1... (objectives)."),
            "statement_text": C("Statement", "The statement as the programme words it.", True),
            "rating": C("Rating", "1 to 5."),
        },
    ),
    "reflections": SheetInfo(
        "Coach reflections per day",
        "Each coach's reflection on a day, as it stands.",
        {
            "day": DAY,
            "coach_id": C("Coach id", "The coach's record id."),
            "coach": C("Coach", "The coach who wrote it."),
            "at": C("Written at", "When it was written."),
            "text": C("Reflection", "What the coach wrote.", True),
        },
    ),
    "lessons": SheetInfo(
        "Lessons learned and recommendations",
        "The facilitator's lessons and recommendations, a row a section, as they stand.",
        {
            "section": C("Section key", "before, during, after or next."),
            "heading": C("Section", "The section's heading."),
            "at": C("Written at", "When it was last written."),
            "by": C("Written by", "Who wrote it (blank: the facilitator at the laptop)."),
            "text": C("Text", "The lessons and recommendations.", True),
        },
    ),
}


TABS = {
    "people": "People",
    "attendance": "Attendance",
    "tables": "Tables",
    "agenda": "Agenda",
    "rotations": "Rotations",
    "behaviours": "Behaviours",
    "observations": "Observations",
    "feedback": "Feedback",
    "forms": "Evaluation forms",
    "tally": "Tally",
    "followups": "Follow-ups",
    "followup_calls": "Follow-up calls",
    "impact_reports": "Impact reports",
    "self_assessments": "Self-assessments",
    "reflections": "Coach reflections",
    "lessons": "Lessons",
}
SUMMARY_TAB = "Summary"


def tab(sheet: str) -> str:
    """A sheet's tab in the workbook, in words like its headers ("Follow-up calls"; the csv
    file keeps its name, followup_calls.csv); at most 31 characters, as a workbook allows."""
    return (TABS.get(sheet) or sheet.replace("_", " ").capitalize())[:31]


def info(sheet: str) -> SheetInfo:
    return SHEETS[sheet]


def column(sheet: str, key: str) -> Column:
    """A column of a sheet in words; a key not written down here is shown as it is."""
    found = SHEETS.get(sheet)
    if found is not None and key in found.columns:
        return found.columns[key]
    return Column(key.replace("_", " ").capitalize(), "")
