"""The records of a cohort: people, attendance and observations."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


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
    """Someone in a cohort: a participant, a coach, a facilitator or a presenter."""

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
