"""Most of the records lp-tui stores, one class a table (and the records they hold): people,
attendance, observations, tables, forms, self-assessments, rotations and feedback to
presenters, behaviours, follow-up and consent. A few live with the little they need: agenda
events (timers.py), the live day (live_day.py), reflections, lessons, pseudonym secrets and
the record of exports (reflection.py, lessons.py, pseudonyms.py, retention.py).

What is worked out from the records lives beside that work (tally.py, rotation.py,
followup.py...). Every read checks every table against its record class, so each app imports
this module at its start; the facilitator's app imports the work when it is done."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lp_tui.domain.rotation import Rotation


def new_id() -> str:
    """A record id that stays unique across processes and machines."""
    return uuid.uuid4().hex


class Role(StrEnum):
    PARTICIPANT = "participant"
    COACH = "coach"
    PRESENTER = "presenter"
    FACILITATOR = "facilitator"
    SUPPORT = "support"

    @property
    def plural(self) -> str:
        return {
            Role.PARTICIPANT: "participants",
            Role.COACH: "coaches",
            Role.PRESENTER: "presenters",
            Role.FACILITATOR: "facilitators",
            Role.SUPPORT: "support",
        }[self]


ROLE_ORDER = tuple(Role)


class PresenterKind(StrEnum):
    DARZI_FELLOW = "darzi_fellow"
    MANAGER = "manager"

    @property
    def label(self) -> str:
        return "Darzi Fellow" if self is PresenterKind.DARZI_FELLOW else "Manager"


class Experience(StrEnum):
    """How much experience a participant has of lay partner roles."""

    NEW = "new"
    SOME = "some"
    EXPERIENCED = "experienced"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    EXPECTED = "expected"  # a mark taken back: not arrived yet


@dataclass(frozen=True, slots=True)
class Cohort:
    """One run of a programme, e.g. "London Nov 2017"."""

    id: str
    name: str
    programme: str
    dates: tuple[str, ...]
    created_at: str
    # standing entries a participant should have on a day ("observed enough"); None: the
    # programme's default, lp_tui.domain.feedback.OBSERVED_ENOUGH
    observed_enough: int | None = None

    @property
    def days(self) -> range:
        return range(1, len(self.dates) + 1)

    def date_of(self, day: int) -> date | None:
        text = self.dates[day - 1] if 1 <= day <= len(self.dates) else ""
        return date.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in a cohort: a participant, a coach, a presenter, a facilitator or support."""

    id: str
    cohort: str
    name: str
    role: Role = Role.PARTICIPANT
    presenter_kind: PresenterKind | None = None
    organisation: str = ""
    experience: Experience | None = None
    access_needs: str = ""
    followup_call: bool | None = None
    project: str = ""
    accessible_table: bool = False
    consent_quotes: bool = False  # may be quoted in reports (lp_tui.domain.consent: marks win)

    @property
    def role_label(self) -> str:
        if self.role is Role.PRESENTER and self.presenter_kind is not None:
            return self.presenter_kind.label
        return self.role.value.capitalize()


@dataclass(frozen=True, slots=True)
class AttendanceMark:
    """An arrival, late arrival or absence on one day; the latest mark that stands wins.

    An undo is a mark too: it names the mark it cancels (``undoes``) and carries the status
    that stood before it, so replay (lp_tui.domain.people.standing_marks) skips both."""

    id: str
    cohort: str
    day: int
    person: str
    status: AttendanceStatus
    at: str
    undoes: str = ""


@dataclass(frozen=True, slots=True)
class Observation:
    """What a coach saw a person do: one collaborative behaviour, with an optional note."""

    id: str
    cohort: str
    day: int
    by: str
    about: str
    behaviour: str
    at: str
    note: str = ""
    replaces: str = ""  # the id of the entry this one corrects or withdraws
    withdrawn: bool = False


@dataclass(frozen=True, slots=True)
class PeerFeedback:
    """Positive feedback one participant gave another on a collaborative behaviour, as the
    table's coach logged it."""

    id: str
    cohort: str
    day: int
    by: str  # the coach who logged it
    giver: str
    receiver: str
    behaviour: str
    at: str
    words: str = ""
    table: int = 0
    replaces: str = ""
    withdrawn: bool = False


class RuleKind(StrEnum):
    PIN = "pin"  # person at table
    APART = "apart"  # person and other never at one table
    TOGETHER = "together"  # person and other at one table
    ACCESSIBLE = "accessible"  # table is accessible


@dataclass(frozen=True, slots=True)
class TableRule:
    """A seating rule for the cohort; the latest record for the same rule wins (active or not)."""

    id: str
    cohort: str
    kind: RuleKind
    at: str
    person: str = ""
    other: str = ""
    table: int = 0
    active: bool = True

    @property
    def key(self) -> tuple[str, ...]:
        if self.kind is RuleKind.PIN:
            return (self.kind.value, self.person)
        if self.kind is RuleKind.ACCESSIBLE:
            return (self.kind.value, str(self.table))
        return (self.kind.value, *sorted((self.person, self.other)))


@dataclass(frozen=True, slots=True)
class SeatedTable:
    """One table of a seating: its number, its coach and who sits at it."""

    number: int
    coach: str | None
    members: tuple[str, ...]
    accessible: bool = False


@dataclass(frozen=True, slots=True)
class Seating:
    """Who sat at which table on a day; a later record for the day replaces it."""

    id: str
    cohort: str
    day: int
    at: str
    how: str  # allocate, remix, keep, move, absorb
    tables: tuple[SeatedTable, ...]
    seed: int = 0


# ---------------------------------------------------------------- evaluation forms


@dataclass(frozen=True, slots=True)
class Answer:
    """One rating: of a form's question, or of a self-assessment's statement (None: blank)."""

    question: str  # the question's key
    rating: int | None  # None: left blank


@dataclass(frozen=True, slots=True)
class Comment:
    """Words written on a form."""

    column: str  # the header it was under ("comments" when keyed on screen)
    text: str
    question: str = ""  # the key of the free-text question it answers; "" for a comment column


@dataclass(frozen=True, slots=True)
class EvaluationForm:
    """One end-of-day evaluation form as keyed or imported."""

    id: str
    cohort: str
    day: int
    number: int
    at: str
    answers: tuple[Answer, ...] = ()
    comments: tuple[Comment, ...] = ()
    source: str = ""  # fingerprint of the forms of the file it came from, to refuse them twice
    table: int = 0  # the table it came from; 0 when not known
    replaces: str = ""  # the id of the form this one corrects or withdraws
    withdrawn: bool = False

    def rating(self, question: str) -> int | None:
        for answer in self.answers:
            if answer.question == question:
                return answer.rating
        return None


# ---------------------------------------------------------------- self-assessments


class AssessmentStage(StrEnum):
    BEFORE = "before"
    END = "end"
    THREE_MONTHS = "3-months"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]


_STAGE_LABELS = {
    AssessmentStage.BEFORE: "before the course",
    AssessmentStage.END: "at the end of the course",
    AssessmentStage.THREE_MONTHS: "three months on",
}


@dataclass(frozen=True, slots=True)
class SelfAssessment:
    """One participant's self-assessment at one stage of the programme."""

    id: str
    cohort: str
    person: str
    stage: AssessmentStage
    at: str
    answers: tuple[Answer, ...] = ()  # Answer(question=statement key, rating 1-5)
    replaces: str = ""
    withdrawn: bool = False

    def rating(self, statement: str) -> int | None:
        for answer in self.answers:
            if answer.question == statement:
                return answer.rating
        return None


# ---------------------------------------------------------------- rotations, feedback to presenters


@dataclass(frozen=True, slots=True, order=True)
class Visit:
    """A presenter at a table in one round."""

    round: int
    table: int
    presenter: int


@dataclass(frozen=True, slots=True)
class RotationPlan:
    """A stored rotation: presenter n is ``presenters[n]``, table n is ``tables[n - 1]``."""

    id: str
    cohort: str
    day: int
    at: str
    item: str  # the agenda item it belongs to
    presenters: tuple[str, ...]
    tables: tuple[int, ...]
    visits_per_table: int
    visits: tuple[Visit, ...]
    how: str = "plan"  # plan, replan, late, drop, arrived
    # The rounds' times: the first ``done`` rounds share the item's first ``start_seconds``
    # (their changeovers included), the rest share what is left; with no start_seconds every
    # round has an even share. A change that keeps the number of rounds keeps these.
    done: int = 0  # rounds whose times were fixed when the timing was last set
    dropped: tuple[Dropout, ...] = ()  # presenters who dropped out, and when
    round_count: int = 0  # rounds kept even when the last ones have no visit (0: as visits say)
    start_seconds: int = 0  # the item's running seconds when round done+1 begins
    replaces: str = ""  # the plan this one was made from
    person: str = ""  # the presenter whose lateness, drop-out or arrival made it

    def rotation(self) -> Rotation:
        from lp_tui.domain.rotation import Rotation  # the planning, imported where it is used

        return Rotation(
            len(self.tables),
            len(self.presenters),
            self.visits_per_table,
            self.visits,
            self.round_count,
        )

    def dropped_before(self, person: str) -> int:
        """The round a presenter dropped out before (0: they did not)."""
        return next((d.before_round for d in self.dropped if d.presenter == person), 0)


@dataclass(frozen=True, slots=True)
class Dropout:
    """A presenter who dropped out: they stay in the record, with the round they missed first."""

    presenter: str  # person id
    before_round: int


class FeedbackKind:
    TABLE = "table"  # what the table asked and advised
    COACH = "coach"  # the table coach's feedback to the presenter
    PRESENTER = "presenter"  # the presenter's own comment afterwards


@dataclass(frozen=True, slots=True)
class PresenterFeedback:
    """Feedback on a presenter's visit (the table's, its coach's, the presenter's own), or a
    speaker's own words afterwards on an agenda item (no table, no round)."""

    id: str
    cohort: str
    day: int
    presenter: str
    kind: str
    text: str
    at: str
    table: int = 0
    round: int = 0
    by: str = ""
    replaces: str = ""  # the id of the entry this one corrects or withdraws
    withdrawn: bool = False


# ---------------------------------------------------------------- the cohort's behaviours


class EditKind(StrEnum):
    APPRECIATE = "appreciate"  # text: a behaviour someone appreciated in others
    ADOPT = "adopt"  # text: an aspired behaviour, new (from an appreciated phrase or typed)
    FOLD = "fold"  # text: an appreciated phrase; target: the aspired behaviour it belongs to
    RENAME = "rename"  # target: an aspired behaviour; text: its new name
    MERGE = "merge"  # target: an aspired behaviour folded into text (another aspired one)
    MOVE = "move"  # target: an aspired behaviour; places: how far down (negative is up)
    REMOVE = "remove"  # target: an aspired behaviour taken off the list


@dataclass(frozen=True, slots=True)
class BehaviourEdit:
    """One change to a cohort's list of behaviours (a phrase called out, adopted, renamed...)."""

    id: str
    cohort: str
    kind: EditKind
    at: str
    text: str = ""
    target: str = ""
    places: int = 0


# ---------------------------------------------------------------- follow-up after the course


class Stage(StrEnum):
    ONE_MONTH = "1 month"
    THREE_MONTHS = "3 months"


class ImpactKind(StrEnum):
    NEW_ROLE = "new role"
    NEW_SECTOR = "new sector"
    SPREADING_LEARNING = "spreading learning"
    CHANGED_GUIDELINES = "changed organisational guidelines"
    CONFIDENCE = "confidence"


@dataclass(frozen=True, slots=True)
class FollowUpCall:
    """Whether someone opted in to a follow-up call, and whether it happened."""

    id: str
    cohort: str
    person: str
    at: str
    opted_in: bool | None = None
    happened: bool | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class ImpactReport:
    """What someone reported of the programme's impact at one stage after it."""

    id: str
    cohort: str
    person: str
    stage: Stage
    at: str
    met_expectations: bool | None = None
    would_recommend: bool | None = None
    quote: str = ""
    impacts: tuple[ImpactKind, ...] = ()
    details: str = ""
    attended_meeting: bool | None = None


# ---------------------------------------------------------------- follow-up calls


class Outcome(StrEnum):
    HAPPENED = "happened"
    NO_ANSWER = "no-answer"
    DECLINED = "declined"
    RESCHEDULED = "rescheduled"


@dataclass(frozen=True, slots=True)
class CallerAssignment:
    """Who is to call a participant for their follow-up, and by when."""

    id: str
    cohort: str
    person: str
    caller: str
    due: str  # YYYY-MM-DD, or "" for the default (the cohort's last day + 28 days)
    at: str


@dataclass(frozen=True, slots=True)
class CallAttempt:
    """One follow-up call tried: when, how long, and how it went."""

    id: str
    cohort: str
    person: str
    caller: str
    on: str  # YYYY-MM-DD, the day of the call
    minutes: int | None  # None: not given
    outcome: Outcome
    note: str
    at: str


# ---------------------------------------------------------------- consent to be quoted


@dataclass(frozen=True, slots=True)
class ConsentMark:
    """A person said yes (or no, or no longer) to being quoted in reports."""

    id: str
    cohort: str
    person: str
    consent: bool
    at: str


@dataclass(frozen=True, slots=True)
class QuoteStar:
    """The quote of one impact report (``report``: its id) starred for the report, or not."""

    id: str
    cohort: str
    report: str
    starred: bool
    at: str
