"""Finding people on the roster: role groups, search as you type, and the one rule for
which person a typed name means.

The rule, everywhere a name is typed (check-in, People, the choose-a-person dialogs, forms):
- search ignores case and accents ("wojc" finds Wójcik, "siobhan" finds Siobhán), in the name
  and in every other field searched (role, organisation, needs, project);
- matches on the name come first (a word of the name starting with what was typed before a
  name that only contains it), then those that match only on the other fields;
- enter acts only on an unambiguous choice: the one person whose name matches (or whose whole
  name was typed), the one person that matches at all, or the row the user moved to with the
  arrows. Otherwise it says how many match and asks for more (``choose``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum

from lp_tui.domain.model import ROLE_ORDER, AttendanceMark, AttendanceStatus, Person, Role
from lp_tui.domain.text import visible


class RoleGroup(StrEnum):
    ALL = "all"
    PARTICIPANTS = "participants"
    COACHES = "coaches"
    PRESENTERS = "presenters"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    def includes(self, person: Person) -> bool:
        return {
            RoleGroup.ALL: True,
            RoleGroup.PARTICIPANTS: person.role is Role.PARTICIPANT,
            RoleGroup.COACHES: person.role is Role.COACH,
            RoleGroup.PRESENTERS: person.role is Role.PRESENTER,
            RoleGroup.STAFF: person.role in (Role.FACILITATOR, Role.SUPPORT),
        }[self]


def by_role_then_name(people: Iterable[Person]) -> list[Person]:
    def key(person: Person) -> tuple[int, str, str]:
        kind = person.presenter_kind.value if person.presenter_kind else ""
        return ROLE_ORDER.index(person.role), kind, fold(person.name)

    return sorted(people, key=key)


def fold(text: str) -> str:
    """Text as search compares it: accents dropped and case folded ("Siobhán" -> "siobhan").

    casefold lowers ("ß" -> "ss"); NFKD splits a letter from its accents (and "ﬁ" into "fi");
    the accents (combining marks) are dropped. Case first, so a letter that folds into one
    with an accent ("ᾀ" -> "ἀι") loses it too. Repeated until nothing changes, so folding
    twice is folding once. Invisible characters (a zero-width space...) are dropped too."""
    for _ in range(4):
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        folded = visible("".join(c for c in decomposed if not unicodedata.combining(c)))
        if folded == text:
            break
        text = folded
    return text


def query_words(query: str) -> list[str]:
    return fold(query).split()


def whole_name(text: str) -> str:
    """A whole name as it is compared: folded, outer and repeated spaces dropped."""
    return " ".join(query_words(text))


class Rank(IntEnum):
    """How well a person matches what was typed; lower ranks first."""

    EXACT = 0  # the whole name, as typed (ignoring case, accents and spacing)
    NAME_START = 1  # every word typed starts a word of the name
    NAME = 2  # every word typed is inside the name
    OTHER = 3  # found only with the role, organisation, needs or project

    @property
    def on_name(self) -> bool:
        return self is not Rank.OTHER


def _name_words(folded_name: str) -> list[str]:
    return re.findall(r"\w+", folded_name)


def rank(person: Person, query: str) -> Rank | None:
    """Where ``person`` ranks for ``query``; None when they do not match it at all."""
    words = query_words(query)
    name = whole_name(person.name)
    if words and " ".join(words) == name:
        return Rank.EXACT
    starts = _name_words(name)
    if all(any(w.startswith(word) for w in starts) for word in words):
        return Rank.NAME_START
    if all(word in name for word in words):
        return Rank.NAME
    if matches(person, query):
        return Rank.OTHER
    return None


def ranked(people: Iterable[Person], query: str) -> list[Person]:
    """Those who match ``query``, name matches first; the given order kept within a rank."""
    found = [(r, p) for p in people if (r := rank(p, query)) is not None]
    return [p for r, p in sorted(found, key=lambda pair: pair[0])]


def named(people: Iterable[Person], query: str) -> list[Person]:
    """Those whose name matches ``query`` (``rank`` on the name: the whole name, or every word
    typed starting or inside a word of it; case, accents and spacing ignored), never on the
    other fields; nobody for a query of no words."""
    if not query_words(query):
        return []
    return [p for p in people if (r := rank(p, query)) is not None and r.on_name]


@dataclass(frozen=True, slots=True)
class Choice:
    """Whom enter means for what was typed: ``person``, or None with ``count`` matching."""

    person: Person | None
    count: int
    query: str

    @property
    def problem(self) -> str:
        """What to say when enter cannot act ("" when it can)."""
        if self.person is not None:
            return ""
        typed = " ".join(self.query.split())
        if self.count == 0:
            return f"Nobody matches “{typed}”." if typed else "Nobody to choose."
        return (
            f"{self.count} match “{typed}”: type more of the name, or pick one with the arrows."
            if typed
            else f"{self.count} people: type part of a name, or pick one with the arrows."
        )


def choose(people: Sequence[Person], query: str, picked: str | None = None) -> Choice:
    """The person enter acts on for ``query`` (see the module's rule).

    ``picked`` is the id of the row the user moved the highlight to with the arrows (None if
    they did not): it wins when it is among the matches."""
    found = [(r, p) for p in people if (r := rank(p, query)) is not None]
    count = len(found)
    if picked is not None:
        for _, person in found:
            if person.id == picked:
                return Choice(person, count, query)
    exact = [p for r, p in found if r is Rank.EXACT]
    on_name = [p for r, p in found if r.on_name]
    if len(exact) == 1:
        return Choice(exact[0], count, query)
    if len(on_name) == 1:
        return Choice(on_name[0], count, query)
    if not on_name and count == 1:
        return Choice(found[0][1], count, query)
    return Choice(None, len(on_name) or count, query)


def matches(person: Person, query: str) -> bool:
    """Every word of the query is in the name, role, organisation, needs or project
    (ignoring case and accents)."""
    haystack = " ".join(
        (
            person.name,
            person.role_label,
            person.role.value,
            person.organisation,
            person.experience.value if person.experience else "",
            person.access_needs,
            "access needs" if person.access_needs else "",
            person.project,
        )
    )
    folded = fold(haystack)
    return all(word in folded for word in query_words(query))


def search(people: Iterable[Person], query: str, group: RoleGroup = RoleGroup.ALL) -> list[Person]:
    """The People screen's list: matches on the name first, each rank by role then name."""
    return ranked((p for p in by_role_then_name(people) if group.includes(p)), query)


def group_counts(people: Iterable[Person]) -> dict[RoleGroup, int]:
    people = list(people)
    return {group: sum(1 for p in people if group.includes(p)) for group in RoleGroup}


# ---------------------------------------------------------------- arrivals


def standing_marks(marks: Iterable[AttendanceMark]) -> dict[str, AttendanceMark]:
    """Each person's attendance mark that stands: their latest one (in the order given, the
    order made) that is neither an undo nor undone by one."""
    marks = list(marks)
    undone = {mark.undoes for mark in marks if mark.undoes}
    standing: dict[str, AttendanceMark] = {}
    for mark in marks:
        if not mark.undoes and mark.id not in undone:
            standing[mark.person] = mark
    return standing


def statuses(marks: Iterable[AttendanceMark]) -> dict[str, AttendanceStatus]:
    """Each marked person's status today (``standing_marks``)."""
    return {person: mark.status for person, mark in standing_marks(marks).items()}


def mark_to_undo(
    mine: Sequence[AttendanceMark], every: Iterable[AttendanceMark]
) -> AttendanceMark | None:
    """The latest of ``mine`` (one terminal's marks, in the order made) that undo can take
    back: not an undo itself, and not undone by any of ``every`` (all the day's marks)."""
    undone = {mark.undoes for mark in every if mark.undoes}
    return next((m for m in reversed(mine) if not m.undoes and m.id not in undone), None)


def status_before(marks: Sequence[AttendanceMark], cancelled: AttendanceMark) -> AttendanceStatus:
    """The status ``cancelled.person`` had just before ``cancelled`` (what undoing it restores,
    as far as readers that take the latest mark are concerned); ``marks`` in the order made."""
    ids = [m.id for m in marks]
    earlier = marks[: ids.index(cancelled.id)] if cancelled.id in ids else marks
    before = standing_marks(earlier).get(cancelled.person)
    return before.status if before is not None else AttendanceStatus.EXPECTED


def undo_mark(
    marks: Sequence[AttendanceMark], cancelled: AttendanceMark, new_id: str, at: str
) -> AttendanceMark:
    """The mark that undoes ``cancelled``: appended, naming it, restoring the status before."""
    return AttendanceMark(
        id=new_id,
        cohort=cancelled.cohort,
        day=cancelled.day,
        person=cancelled.person,
        status=status_before(marks, cancelled),
        at=at,
        undoes=cancelled.id,
    )


def arrival_time(mark: AttendanceMark | None, day_started: datetime | None) -> datetime | None:
    """When someone arrived, to show beside their status: for a late mark always, for a
    present mark when it was made after the day's first item started; else None."""
    if mark is None:
        return None
    at = datetime.fromisoformat(mark.at)
    if mark.status is AttendanceStatus.LATE:
        return at
    if mark.status is AttendanceStatus.PRESENT and day_started is not None and at > day_started:
        return at
    return None
