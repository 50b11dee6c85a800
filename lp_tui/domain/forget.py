"""Forgetting a person: what changes in a cohort's records (no I/O: lp_tui.store.forget does it).

Records are otherwise append-only (a correction is a new record naming the one it replaces);
forgetting a person is the one deliberate rewrite, because keeping what identifies them is
what the law (UK GDPR, the right to erasure) forbids. What goes: their name (it becomes a
pseudonym, "Forgotten person 1", numbered among the cohort's forgotten people), organisation,
project and access needs, and every word they wrote or that was written about them: notes of
observations by or about them, words of peer feedback they gave, received or logged, feedback
to or from them as a presenter (and the feedback they gave presenters as a table's coach),
their follow-up call notes, the reflections they wrote as a coach, impact report quotes and
details, the points of the facilitator's lessons that name them, and any free text anywhere in
the cohort that names them. What stays: every record and id, every rating, attendance mark,
seating and count, so every tally and count is as it was.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lp_tui.domain.lessons import LessonNote, without_points
from lp_tui.domain.model import (
    CallAttempt,
    EvaluationForm,
    FeedbackKind,
    FollowUpCall,
    ImpactReport,
    Observation,
    PeerFeedback,
    Person,
    PresenterFeedback,
    Seating,
)
from lp_tui.domain.people import whole_name
from lp_tui.domain.reflection import Reflection
from lp_tui.domain.text import clean_name, name_key
from lp_tui.domain.timers import AgendaEvent

PSEUDONYM = "Forgotten person {}"
_PSEUDONYM = re.compile(r"Forgotten person ([1-9][0-9]*)")

# What a removed text was, as the summary names it (one line per kind).
NAME = "name"
ORGANISATION = "organisation"
PROJECT = "project"
ACCESS_NEEDS = "access needs"
OBSERVATION_NOTES = "observation notes"
PEER_WORDS = "peer feedback words"
PRESENTER_TEXTS = "presenter feedback texts"
CALL_NOTES = "follow-up call notes"
REFLECTIONS = "coach reflections"
QUOTES = "impact report quotes"
DETAILS = "impact report details"
AGENDA_TEXTS = "agenda notes and titles"
LESSON_TEXTS = "lessons and recommendations naming them"
FORM_COMMENTS = "evaluation form comments"
OTHER_TEXTS = "other texts naming them"
KINDS = (
    NAME,
    ORGANISATION,
    PROJECT,
    ACCESS_NEEDS,
    OBSERVATION_NOTES,
    PEER_WORDS,
    PRESENTER_TEXTS,
    CALL_NOTES,
    REFLECTIONS,
    QUOTES,
    DETAILS,
    AGENDA_TEXTS,
    LESSON_TEXTS,
    FORM_COMMENTS,
    OTHER_TEXTS,
)


def forgotten_number(name: str) -> int | None:
    """N when ``name`` is the pseudonym "Forgotten person N", else None."""
    found = _PSEUDONYM.fullmatch(name)
    return int(found.group(1)) if found else None


def is_forgotten(person: Person) -> bool:
    return forgotten_number(person.name) is not None


def next_pseudonym(people: Iterable[Person]) -> str:
    """The pseudonym for the next person forgotten in a cohort: one more than the highest
    number its forgotten people have."""
    numbers = [n for p in people if (n := forgotten_number(p.name)) is not None]
    return PSEUDONYM.format(max(numbers, default=0) + 1)


@dataclass(frozen=True, slots=True)
class Removal:
    """One text removed: what kind it was, and the text (never empty)."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Forgetting:
    """Whom to forget, and what finds the records by or about them."""

    person: Person
    pseudonym: str
    coached: frozenset[tuple[int, int]] = frozenset()  # (day, table) where they were the coach
    # Each text already looked at, and whether it names them: a cohort's records hold the same
    # texts again and again (ids, behaviours, organisations), and folding each one is the cost
    # of a forgetting.
    _seen: dict[str, bool] = dataclasses.field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    @property
    def id(self) -> str:
        return self.person.id

    def mentions(self, text: str) -> bool:
        """Whether ``text`` names them, as whole words (ignoring case, accents, spacing and
        invisible characters): "Ann Lee" is not in "Ann Leeson"."""
        if not text:
            return False
        found = self._seen.get(text)
        if found is None:
            as_key, as_words = _name_patterns(self.person.name)
            found = self._seen[text] = bool(
                as_key.search(name_key(text)) or as_words.search(whole_name(text))
            )
        return found

    def renamed(self, text: str) -> str:
        """``text`` with their name replaced by the pseudonym; "" when the name is in it in a
        form the replacement does not find (other normal form, invisible characters)."""
        pattern = _whole_words(clean_name(self.person.name), re.IGNORECASE)
        text = pattern.sub(self.pseudonym, text)
        return "" if self.mentions(text) else text


@functools.lru_cache(maxsize=8)
def _name_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A name as ``mentions`` looks for it: by its key, and as folded whole words."""
    return _whole_words(name_key(name)), _whole_words(whole_name(name))


def _whole_words(name: str, flags: int = 0) -> re.Pattern[str]:
    """``name`` as whole words, any run of spaces between them."""
    words = [re.escape(w) for w in name.split()] or ["(?!)"]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)


def plan(person: Person, people: Sequence[Person], seatings: Iterable[Seating]) -> Forgetting:
    """What forgetting ``person`` (one of ``people``, their cohort's roster) needs to know: the
    pseudonym they get, and the tables they coached (the coach's feedback to presenters there
    is theirs). A person forgotten already keeps their pseudonym."""
    others = [p for p in people if p.id != person.id]
    pseudonym = person.name if is_forgotten(person) else next_pseudonym(others)
    latest: dict[int, Seating] = {}
    for seating in sorted(seatings, key=lambda s: s.at):
        latest[seating.day] = seating
    coached = frozenset(
        (day, table.number)
        for day, seating in latest.items()
        for table in seating.tables
        if table.coach == person.id
    )
    return Forgetting(person, pseudonym, coached)


def strings_of(person: Person) -> list[str]:
    """The strings of a person's record that identify them: every form of their name, their
    organisation, project and access needs (those not empty)."""
    name = person.name
    found = [name, clean_name(name), name_key(name), whole_name(name)]
    found += [person.organisation, person.project, person.access_needs]
    return list(dict.fromkeys(s for s in found if s.strip()))


def name_forms(person: Person) -> list[str]:
    """The forms of their name a file must not hold (compared ignoring case)."""
    name = person.name
    return list(dict.fromkeys(s for s in (name, clean_name(name), whole_name(name)) if s.strip()))


def forget_record(record: Any, forgetting: Forgetting) -> tuple[Any, tuple[Removal, ...]]:
    """``record`` as it is once ``forgetting.person`` is forgotten, and what was removed from
    it. Ids, ratings, days, tables and flags never change; only names and free text do."""
    rule = _RULES.get(type(record))
    if rule is None:
        return record, ()
    changes: dict[str, Any] = {}
    removed: list[Removal] = []
    for field, kind, about in rule(record, forgetting):
        value = getattr(record, field)
        if value and (about or forgetting.mentions(value)):
            changes[field] = ""
            removed.append(Removal(kind, value))
    if isinstance(record, EvaluationForm):
        comments = []
        for comment in record.comments:
            if forgetting.mentions(comment.text):
                removed.append(Removal(FORM_COMMENTS, comment.text))
                comment = dataclasses.replace(comment, text="")
            comments.append(comment)
        if removed:
            changes["comments"] = tuple(comments)
    if isinstance(record, AgendaEvent) and forgetting.mentions(record.title):
        changes["title"] = forgetting.renamed(record.title) or forgetting.pseudonym
        removed.append(Removal(AGENDA_TEXTS, record.title))
    if (
        isinstance(record, LessonNote)
        and "text" not in changes
        and forgetting.mentions(record.text)
    ):
        # the facilitator's lessons lose the points (or paragraphs) that name them, no more
        kept = without_points(record.text, forgetting.mentions)
        changes["text"] = "" if forgetting.mentions(kept) else kept
        removed.append(Removal(LESSON_TEXTS, record.text))
    own = isinstance(record, Person) and record.id == forgetting.id
    if own and record.name != forgetting.pseudonym:
        changes["name"] = forgetting.pseudonym
        removed.append(Removal(NAME, record.name))
    if not changes:
        return record, ()
    return dataclasses.replace(record, **changes), tuple(removed)


# Each record kind's free-text fields: (field, kind of text, whether it is by or about them).
def _person(r: Person, f: Forgetting) -> list[tuple[str, str, bool]]:
    own = r.id == f.id
    return [
        ("organisation", ORGANISATION, own),
        ("project", PROJECT, own),
        ("access_needs", ACCESS_NEEDS, own),
    ]


def _observation(r: Observation, f: Forgetting) -> list[tuple[str, str, bool]]:
    return [("note", OBSERVATION_NOTES, f.id in (r.by, r.about))]


def _peer(r: PeerFeedback, f: Forgetting) -> list[tuple[str, str, bool]]:
    return [("words", PEER_WORDS, f.id in (r.by, r.giver, r.receiver))]


def _presenter(r: PresenterFeedback, f: Forgetting) -> list[tuple[str, str, bool]]:
    theirs = r.presenter == f.id or (r.kind == FeedbackKind.COACH and (r.day, r.table) in f.coached)
    return [("text", PRESENTER_TEXTS, theirs)]


def _call(r: FollowUpCall, f: Forgetting) -> list[tuple[str, str, bool]]:
    return [("note", CALL_NOTES, r.person == f.id)]


def _attempt(r: CallAttempt, f: Forgetting) -> list[tuple[str, str, bool]]:
    return [("note", CALL_NOTES, f.id in (r.person, r.caller))]


def _reflection(r: Reflection, f: Forgetting) -> list[tuple[str, str, bool]]:
    return [("text", REFLECTIONS, r.by == f.id)]


def _report(r: ImpactReport, f: Forgetting) -> list[tuple[str, str, bool]]:
    own = r.person == f.id
    return [("quote", QUOTES, own), ("details", DETAILS, own)]


def _agenda(r: AgendaEvent, f: Forgetting) -> list[tuple[str, str, bool]]:
    return [("text", AGENDA_TEXTS, False)]


def _lesson(r: LessonNote, f: Forgetting) -> list[tuple[str, str, bool]]:
    # theirs (a facilitator forgotten) goes whole; one naming them loses those points only
    return [("text", LESSON_TEXTS, True)] if r.by == f.id else []


def _none(r: Any, f: Forgetting) -> list[tuple[str, str, bool]]:
    return []


_RULES: dict[type, Any] = {
    Person: _person,
    Observation: _observation,
    PeerFeedback: _peer,
    PresenterFeedback: _presenter,
    FollowUpCall: _call,
    CallAttempt: _attempt,
    Reflection: _reflection,
    ImpactReport: _report,
    AgendaEvent: _agenda,
    LessonNote: _lesson,
    EvaluationForm: _none,
}


# Fields that hold ids and moments, never text from a person.
_KEPT_FIELDS = frozenset({"id", "cohort", "at", "created_at"})


def redact(value: Any, forgetting: Forgetting, strings: Sequence[str]) -> tuple[Any, int]:
    """A stored value (any JSON) with the person's name replaced by their pseudonym in every
    string, and every other string holding one of ``strings`` emptied; and how many strings
    changed. The last pass over what the record rules do not know (a field or table added
    later, a record a backup holds that no rule can read)."""
    if isinstance(value, str):
        text = value
        if forgetting.mentions(text):
            text = forgetting.renamed(text)
        if any(s in text for s in strings):
            text = ""
        return text, int(text != value)
    if isinstance(value, list):
        changed = 0
        out = []
        for item in value:
            new, n = redact(item, forgetting, strings)
            out.append(new)
            changed += n
        return out, changed
    if isinstance(value, dict):
        changed = 0
        mapped = {}
        for key, item in value.items():
            if key in _KEPT_FIELDS:
                mapped[key] = item
                continue
            new, n = redact(item, forgetting, strings)
            mapped[key] = new
            changed += n
        return mapped, changed
    return value, 0


def counted(removals: Iterable[Removal]) -> dict[str, int]:
    """How many texts of each kind were removed, in the order of KINDS (kinds with none left
    out)."""
    counts = {kind: 0 for kind in KINDS}
    for removal in removals:
        counts[removal.kind] = counts.get(removal.kind, 0) + 1
    return {kind: n for kind, n in counts.items() if n}
