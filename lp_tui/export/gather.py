"""Everything an export shows, read once from a snapshot and worked out: each day's agenda as
planned and as it ran, attendance, tables, rotation, forms and tally, and the cohort's
behaviours, entries and follow-up. The csv, xlsx, md and html formats all draw on this."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from lp_tui.domain.behaviours import BehaviourList
from lp_tui.domain.followup import FollowUpSummary, PersonFollowUp, follow_ups
from lp_tui.domain.followup import summary as followup_summary
from lp_tui.domain.followup_work import CallWork, call_work, opted_in
from lp_tui.domain.lessons import LessonNote, LessonSection, standing_lessons
from lp_tui.domain.model import (
    AttendanceMark,
    AttendanceStatus,
    Cohort,
    EvaluationForm,
    ImpactReport,
    Observation,
    PeerFeedback,
    Person,
    PresenterFeedback,
    RotationPlan,
    Seating,
    SelfAssessment,
)
from lp_tui.domain.programme import DayPlan, Programme
from lp_tui.domain.reflection import Reflection, standing_reflections
from lp_tui.domain.seating import day_seating, participants
from lp_tui.domain.tally import Tally, tally
from lp_tui.domain.timers import DayClock, day_clock
from lp_tui.export.anonymise import anonymised
from lp_tui.store.repo import Snapshot


@dataclass(frozen=True)
class DayRecords:
    number: int
    plan: DayPlan
    when: str  # ISO date or ""
    clock: DayClock
    marks: list[AttendanceMark]  # every mark, in the order made
    status: dict[str, AttendanceStatus]  # each person's latest mark
    seating: Seating | None  # the tables in use that day (None before any were made)
    rotation: RotationPlan | None
    presenter_feedback: list[PresenterFeedback]
    forms: list[EvaluationForm]
    tally: Tally


@dataclass(frozen=True)
class CohortRecords:
    cohort: Cohort
    programme: Programme
    people: list[Person]
    names: dict[str, str]
    days: list[DayRecords]
    behaviours: BehaviourList
    observations: list[Observation]
    peer_feedback: list[PeerFeedback]
    follow_ups: list[PersonFollowUp]
    followup_summary: FollowUpSummary
    impact_reports: list[ImpactReport]
    generated: datetime
    tz: tzinfo
    anonymised: bool
    # who may be quoted in md/html reports (lp_tui.domain.consent), and the starred quotes
    consent: dict[str, bool] = field(default_factory=dict)
    starred_quotes: frozenset[str] = frozenset()
    # every self-assessment record (lp_tui.domain.self_assessment summarises those standing)
    self_assessments: list[SelfAssessment] = field(default_factory=list)
    # each coach's standing reflection per day (lp_tui.domain.reflection)
    reflections: list[Reflection] = field(default_factory=list)
    # the facilitator's lessons and recommendations, each section's standing note
    lessons: dict[LessonSection, LessonNote] = field(default_factory=dict)
    # each opted-in participant's follow-up call: caller, due date, attempts, overdue
    call_work: list[CallWork] = field(default_factory=list)

    @property
    def participants(self) -> list[Person]:
        return participants(self.people)

    def name(self, person_id: str) -> str:
        return self.names.get(person_id, "?") if person_id else ""

    def local(self, moment: str | datetime | None) -> str:
        """A stored moment as the room's local date and time, e.g. 2017-11-24 09:31."""
        if not moment:
            return ""
        when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
        return when.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")

    def moment(self, moment: str | datetime | None) -> datetime | None:
        """A stored moment as the room's local date and time to the minute, without a zone
        (what a spreadsheet's date-time cell holds); None when there is none."""
        if not moment:
            return None
        when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
        return when.astimezone(self.tz).replace(tzinfo=None, second=0, microsecond=0)


def gather(
    snapshot: Snapshot,
    cohort: Cohort,
    programme: Programme,
    *,
    now: datetime,
    tz: tzinfo,
    anonymise: bool = False,
    key: str = "",
) -> CohortRecords:
    """With ``anonymise``, from the cohort's records anonymised under ``key`` (its pseudonym
    secret): every list of people in pseudonym order, never in any order of real names."""
    if anonymise:
        snapshot, cohort = anonymised(snapshot, cohort, key)
    people = sorted(snapshot.people(cohort.id), key=lambda p: (p.role.value, p.name.casefold()))
    names = {p.id: p.name for p in people}

    def by_name(person: str) -> str:
        return names.get(person, "~") if anonymise else ""

    seatings = snapshot.seatings(cohort.id)
    days = []
    for number in cohort.days:
        plan = programme.day(number)
        marks = snapshot.attendance_marks(cohort.id, number)
        if anonymise:  # by pseudonym: the order marks were made follows the room, not names
            marks.sort(key=lambda m: by_name(m.person))
        events = snapshot.agenda_events(cohort.id, number)
        # the tables in use: the day's own seating, or the earlier one kept on a day that ran
        seating = day_seating(seatings, number)
        if seating is not None and seating.day != number and not (events or marks):
            seating = None
        rotations = snapshot.rotations(cohort.id, number)
        forms = snapshot.forms(cohort.id, number)
        days.append(
            DayRecords(
                number=number,
                plan=plan,
                when=cohort.dates[number - 1],
                clock=day_clock(
                    plan,
                    events,
                    now,
                    day_date=cohort.date_of(number),
                    tz=tz,
                ),
                marks=marks,
                status=snapshot.attendance(cohort.id, number),
                seating=seating,
                rotation=rotations[-1] if rotations else None,
                presenter_feedback=sorted(
                    snapshot.presenter_feedback(cohort.id, number),
                    key=lambda f: by_name(f.presenter),
                ),
                forms=forms,
                tally=tally(number, plan.questions, forms),
            )
        )
    group = participants(people)
    rows = follow_ups(
        group,
        snapshot.followup_calls(cohort.id),
        snapshot.impact_reports(cohort.id),
        snapshot.call_attempts(cohort.id),  # a call that happened counts as followed through
    )
    return CohortRecords(
        cohort=cohort,
        programme=programme,
        people=people,
        names=names,
        days=days,
        behaviours=snapshot.behaviours(cohort.id),
        observations=sorted(
            snapshot.observations(cohort.id), key=lambda o: (o.day, by_name(o.about))
        ),
        peer_feedback=sorted(
            snapshot.peer_feedback(cohort.id),
            key=lambda f: (f.day, by_name(f.receiver), by_name(f.giver)),
        ),
        follow_ups=rows,
        followup_summary=followup_summary(rows),
        impact_reports=sorted(
            snapshot.impact_reports(cohort.id), key=lambda r: (by_name(r.person), r.at)
        ),
        generated=now,
        tz=tz,
        anonymised=anonymise,
        consent=snapshot.consents(cohort.id),
        starred_quotes=snapshot.starred_quotes(cohort.id),
        self_assessments=snapshot.self_assessments(cohort.id),
        reflections=sorted(
            standing_reflections(snapshot.reflections(cohort.id)),
            key=lambda f: (f.day, by_name(f.by)),
        ),
        lessons=standing_lessons(snapshot.lessons(cohort.id)),
        call_work=call_work(
            opted_in(group, snapshot.followup_calls(cohort.id)),
            people,
            cohort,
            snapshot.caller_assignments(cohort.id),
            sorted(snapshot.call_attempts(cohort.id), key=lambda a: (a.on, by_name(a.person))),
            now.astimezone(tz).date(),
            snapshot.followup_calls(cohort.id),
        ),
    )
