"""A full, believable run of the demo cohort's days: check-in, tables, the agenda as it ran,
the Darzi Fellow rotation with feedback, the behaviours exercise, observations and peer
feedback, Day 3's evaluation forms, and follow-up. For trying exports, tests and benchmarks.
The same cohort and seed always give the same records."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from lp_tui.domain.clock import iso
from lp_tui.domain.model import (
    Answer,
    AttendanceMark,
    AttendanceStatus,
    BehaviourEdit,
    Cohort,
    Comment,
    EditKind,
    EvaluationForm,
    FeedbackKind,
    FollowUpCall,
    ImpactKind,
    ImpactReport,
    Observation,
    PeerFeedback,
    Person,
    PresenterFeedback,
    RotationPlan,
    Seating,
    Stage,
)
from lp_tui.domain.programme import DayPlan, ItemKind, Programme
from lp_tui.domain.rotation_day import day_presenters, plan_day, rotation_item
from lp_tui.domain.seating import allocate_day, participants
from lp_tui.domain.timers import AgendaEvent, EventKind

APPRECIATED = [
    "Listens without interrupting",
    "Asks what others think",
    "Lets people finish",
    "Owns their mistakes",
    "Brings evidence, not just anecdote",
    "Invites the quieter voices",
    "Challenges kindly",
    "Builds on other people's ideas",
]
ASPIRED = {  # behaviour: appreciated phrases folded into it
    "Listening to understand": ["Lets people finish"],
    "Inviting quieter voices": ["Asks what others think"],
    "Challenging with respect": ["Owns their mistakes"],
    "Building on others' ideas": [],
}
NOTES = ["asked Gordon first", "summarised before disagreeing", "", "waited for a pause", ""]
WORDS = ["you made room for me", "you took my idea further", "thank you for asking", ""]
COMMENTS = [
    "Learning from each other",
    "The coaching element",
    "Knowledge on how the NHS works",
    "Networking",
    "Links to inclusive language",
]
QUOTES = [
    "I have spoken up on behalf of patients in meetings since the course",
    "The setting up of a patient awareness group at the local GP",
]


@dataclass
class DemoActivity:
    """Records of every kind, ready to store."""

    attendance: list[AttendanceMark] = field(default_factory=list)
    seatings: list[Seating] = field(default_factory=list)
    agenda: list[AgendaEvent] = field(default_factory=list)
    rotations: list[RotationPlan] = field(default_factory=list)
    presenter_feedback: list[PresenterFeedback] = field(default_factory=list)
    behaviours: list[BehaviourEdit] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    peer_feedback: list[PeerFeedback] = field(default_factory=list)
    forms: list[EvaluationForm] = field(default_factory=list)
    followup_calls: list[FollowUpCall] = field(default_factory=list)
    impact_reports: list[ImpactReport] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(v) for v in vars(self).values())


def _day_start(cohort: Cohort, programme: Programme, day: int) -> datetime:
    when = cohort.date_of(day) or datetime(2017, 11, 22 + day).date()
    hour, minute = (int(part) for part in programme.day(day).start.split(":"))
    return datetime(when.year, when.month, when.day, hour, minute, tzinfo=UTC)


Minutes = Callable[[float], str]  # minutes after the day's start -> a stored moment


def _minutes_after(start: datetime) -> Minutes:
    def at(minutes: float) -> str:
        return iso(start + timedelta(minutes=minutes))

    return at


def demo_activity(
    cohort: Cohort,
    people: Sequence[Person],
    programme: Programme,
    *,
    days: Sequence[int] = (1, 2, 3),
    seed: int = 1,
) -> DemoActivity:
    rng = random.Random(f"{cohort.id}:{seed}")
    out = DemoActivity()
    ids = iter(f"{cohort.id[:8]}{n:08x}{rng.getrandbits(64):016x}" for n in range(10**9))
    group = participants(people)
    for day in days:
        at = _minutes_after(_day_start(cohort, programme, day))
        absent = {p.id for p in rng.sample(group, 3)}
        late = {p.id for p in rng.sample([p for p in group if p.id not in absent], 2)}
        marks = {}
        for index, person in enumerate(group):
            status = (
                AttendanceStatus.ABSENT
                if person.id in absent
                else AttendanceStatus.LATE
                if person.id in late
                else AttendanceStatus.PRESENT
            )
            marks[person.id] = status
            # marked as they came in before the start; the late ones after it, as they arrived
            minute = 12 + index / 4 if status is AttendanceStatus.LATE else -20 + index / 4
            out.attendance.append(
                AttendanceMark(next(ids), cohort.id, day, person.id, status, at(minute))
            )
        allocation, how = allocate_day(people, marks, out.seatings, [], day, seed=seed)
        seating = Seating(next(ids), cohort.id, day, at(-5), how, allocation.tables, seed)
        out.seatings.append(seating)
        spans = _agenda(out, cohort, programme, day, at, ids, rng)
        _rotation(out, cohort, people, programme, day, seating, marks, at, ids, spans)
        if day == 2:
            _behaviours(out, cohort, at, ids)
        _entries(out, cohort, programme.day(day), seating, at, ids, rng, spans)
        if day == len(cohort.dates):
            _forms(out, cohort, programme, day, marks, at, ids, rng)
    _followup(out, cohort, group, ids)
    return out


def _agenda(
    out: DemoActivity,
    cohort: Cohort,
    programme: Programme,
    day: int,
    at: Minutes,
    ids: Iterator[str],
    rng: random.Random,
) -> dict[str, tuple[float, float]]:
    """The day's agenda run item by item, each a little early or late; where each item ran
    (minutes after the day's start), so what the demo records happened when it could have."""
    spans = {}
    minute = 0.0
    for index, item in enumerate(programme.day(day).items):
        taken = item.minutes + rng.choice([-3, 0, 0, 2, 5])
        events = [AgendaEvent(next(ids), cohort.id, day, EventKind.START, item.key, at(minute))]
        if index == 2:
            events.append(
                AgendaEvent(
                    next(ids), cohort.id, day, EventKind.EXTEND, item.key, at(minute + 5),
                    seconds=300,
                )
            )  # fmt: skip
        started = minute
        minute += max(1, taken)
        events.append(
            AgendaEvent(next(ids), cohort.id, day, EventKind.FINISH, item.key, at(minute))
        )
        out.agenda.extend(events)
        spans[item.key] = (started, minute)
    return spans


def _rotation(
    out: DemoActivity,
    cohort: Cohort,
    people: Sequence[Person],
    programme: Programme,
    day: int,
    seating: Seating,
    marks: dict[str, AttendanceStatus],
    at: Minutes,
    ids: Iterator[str],
    spans: dict[str, tuple[float, float]],
) -> None:
    """The rotation planned at the lunch before it; each visit's feedback near the end of its
    round, and the presenters' own words in the item after the rotation."""
    items = programme.day(day).items
    item = rotation_item(programme.day(day))
    if item is None:
        return
    presenters = day_presenters(people, item)
    if not presenters:
        return
    plan = plan_day(
        plan_id=next(ids),
        cohort=cohort.id,
        day=day,
        at=at(spans[item.key][0] - 20),
        item=item,
        presenters=presenters,
        marks=marks,
        tables=[t.number for t in seating.tables],
    )
    out.rotations.append(plan)
    coach_of = {t.number: t.coach for t in seating.tables}
    began, ended = spans[item.key]
    length = (ended - began) / max(1, plan.rotation().rounds)
    for visit in sorted(plan.visits):
        table = plan.tables[visit.table - 1]
        presenter = plan.presenters[visit.presenter]
        when = at(began + visit.round * length - 2)
        out.presenter_feedback += [
            PresenterFeedback(
                next(ids), cohort.id, day, presenter, FeedbackKind.TABLE,
                "Ask patients before the pilot, not after", when, table, visit.round,
            ),
            PresenterFeedback(
                next(ids), cohort.id, day, presenter, FeedbackKind.COACH,
                "Clear aims; make room for the table's questions earlier", when, table,
                visit.round, by=coach_of.get(table) or "",
            ),
        ]  # fmt: skip
    after = items[items.index(item) + 1 :]
    said = spans[after[0].key][0] + 5 if after else ended + 5
    for presenter in plan.presenters[:2]:
        out.presenter_feedback.append(
            PresenterFeedback(
                next(ids), cohort.id, day, presenter, FeedbackKind.PRESENTER,
                "It helped us see the project from a patient's perspective", at(said),
            )
        )  # fmt: skip


def _behaviours(out: DemoActivity, cohort: Cohort, at: Minutes, ids: Iterator[str]) -> None:
    edits = [(EditKind.APPRECIATE, phrase, "") for phrase in APPRECIATED]
    for name, phrases in ASPIRED.items():
        edits.append((EditKind.ADOPT, name, ""))
        edits += [(EditKind.FOLD, phrase, name) for phrase in phrases]
    for index, (kind, text, target) in enumerate(edits):
        out.behaviours.append(
            BehaviourEdit(next(ids), cohort.id, kind, at(30 + index / 10), text, target)
        )


def _entries(
    out: DemoActivity,
    cohort: Cohort,
    plan: DayPlan,
    seating: Seating,
    at: Minutes,
    ids: Iterator[str],
    rng: random.Random,
    spans: dict[str, tuple[float, float]],
) -> None:
    """Coaches' observations during the day's first table work, and peer feedback in its
    feedback item (its last table work on a day with none)."""
    day = plan.number
    behaviours = list(ASPIRED)
    tables = [i for i in plan.items if i.kind is ItemKind.TABLE]
    feedback = [i for i in plan.items if i.kind is ItemKind.FEEDBACK] or tables
    seen = spans[tables[0].key][0] + 2 if tables else 90
    peer = spans[feedback[-1].key][0] + 2 if feedback else 330
    for table in seating.tables:
        if table.coach is None:
            continue
        for n, member in enumerate(table.members):
            if rng.random() < 0.8:
                out.observations.append(
                    Observation(
                        next(ids), cohort.id, day, table.coach, member, rng.choice(behaviours),
                        at(seen + n * 4), rng.choice(NOTES),
                    )
                )  # fmt: skip
            if len(table.members) > 1 and rng.random() < 0.6:
                receiver = table.members[(n + 1) % len(table.members)]
                out.peer_feedback.append(
                    PeerFeedback(
                        next(ids), cohort.id, day, table.coach, member, receiver,
                        rng.choice(behaviours), at(peer + n), rng.choice(WORDS), table.number,
                    )
                )  # fmt: skip


def _forms(
    out: DemoActivity,
    cohort: Cohort,
    programme: Programme,
    day: int,
    marks: dict[str, AttendanceStatus],
    at: Minutes,
    ids: Iterator[str],
    rng: random.Random,
) -> None:
    questions = programme.day(day).questions
    here = sum(1 for status in marks.values() if status is not AttendanceStatus.ABSENT)
    for number in range(1, min(32, here) + 1):
        answers = tuple(
            Answer(q.key, None if rng.random() < 0.08 else rng.choices([3, 4, 5], [1, 3, 6])[0])
            for q in questions
        )
        # the words answer the day's first free-text question ("What did you find most
        # useful?"), as a keyed form's would; a day with none has a plain comment
        asked = programme.day(day).free_text[:1]
        comments: tuple[Comment, ...] = ()
        if rng.random() < 0.5:
            words = rng.choice(COMMENTS)
            comments = (
                Comment(asked[0].label, words, asked[0].key)
                if asked
                else Comment("comments", words),
            )
        out.forms.append(
            EvaluationForm(next(ids), cohort.id, day, number, at(400), answers, comments)
        )


def _followup(
    out: DemoActivity, cohort: Cohort, group: Sequence[Person], ids: Iterator[str]
) -> None:
    base = datetime(2018, 2, 1, 10, tzinfo=UTC)
    for index, person in enumerate(group):
        if index % 5 == 4:
            continue
        opted = index % 7 != 0
        happened = opted and index % 6 != 1
        when = iso(base + timedelta(hours=index))
        out.followup_calls.append(
            FollowUpCall(next(ids), cohort.id, person.id, when, opted, happened)
        )
        if happened:
            out.impact_reports.append(
                ImpactReport(
                    next(ids), cohort.id, person.id, Stage.ONE_MONTH, when, True, True,
                    QUOTES[index % 2] if index % 4 == 0 else "",
                    (ImpactKind.CONFIDENCE,) if index % 3 else (ImpactKind.NEW_ROLE,),
                )
            )  # fmt: skip
