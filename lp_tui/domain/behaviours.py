"""The Day 2 behaviours exercise: what participants appreciated in others at meetings, refined
into the cohort's own list of collaborative behaviours they aspire to.

Every change is an append-only edit; the list is the edits folded in order, so two quick edits
never undo each other and the room's first words are never lost. Edits name behaviours by their
text (case and spacing ignored), so an edit whose target has gone is simply ignored.

The edit records (BehaviourEdit, EditKind) are in lp_tui/domain/model.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lp_tui.domain.model import BehaviourEdit, EditKind
from lp_tui.domain.text import read_whole_number


@dataclass(frozen=True, slots=True)
class Behaviour:
    """One behaviour the cohort aspires to, and the phrases folded into it."""

    name: str
    sources: tuple[str, ...] = ()  # appreciated phrases and former names folded into it


@dataclass(frozen=True, slots=True)
class BehaviourList:
    """A cohort's behaviours as its edits leave them: appreciated, then aspired to."""

    appreciated: tuple[str, ...] = ()
    aspired: tuple[Behaviour, ...] = ()
    _index: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def names(self) -> list[str]:
        return [b.name for b in self.aspired]

    def home_of(self, phrase: str) -> str | None:
        """The aspired behaviour a phrase (appreciated, a former name, or a name) belongs to."""
        return self._index.get(key(phrase))

    def canonical(self, text: str) -> str:
        """How a behaviour typed by a coach is counted: under the aspired behaviour it belongs
        to, else as typed (spacing tidied, first letter capital)."""
        return self.home_of(text) or tidy(text)

    def pick(self, answer: str) -> str:
        """A coach's answer in a behaviour field: a number from the list, or words."""
        answer = answer.strip()
        number = read_whole_number(answer, len(self.aspired))
        if number is not None:
            return self.aspired[number - 1].name
        return self.canonical(answer) if answer else ""

    def pick_problem(self, answer: str) -> str | None:
        """What is wrong with a coach's answer: a number no behaviour on the list has (words
        are always taken, as a behaviour of their own)."""
        answer = answer.strip()
        if not (answer.isascii() and answer.isdigit()):
            return None
        if read_whole_number(answer, len(self.aspired)) is not None:
            return None
        if not self.aspired:
            return "No list of behaviours is agreed yet: say the behaviour in words."
        return f"A number from 1 to {len(self.aspired)}, or the behaviour in words."


def key(text: str) -> str:
    return " ".join(text.split()).casefold()


def tidy(text: str) -> str:
    words = " ".join(text.split())
    return words[:1].upper() + words[1:]


def fold(edits: Iterable[BehaviourEdit]) -> BehaviourList:
    """The list as the edits, in the order given, leave it."""
    appreciated: list[str] = []
    aspired: list[Behaviour] = []

    def find(name: str) -> int | None:
        wanted = key(name)
        return next((i for i, b in enumerate(aspired) if key(b.name) == wanted), None)

    def owner(phrase: str) -> int | None:
        wanted = key(phrase)
        return next(
            (i for i, b in enumerate(aspired) if wanted in {key(s) for s in b.sources}), None
        )

    for edit in edits:
        text = tidy(edit.text)
        if edit.kind is EditKind.APPRECIATE:
            if text and key(text) not in {key(a) for a in appreciated}:
                appreciated.append(text)
        elif edit.kind is EditKind.ADOPT:
            if text and find(text) is None:
                held = owner(text)
                if held is not None:  # a phrase moves, it never belongs to two behaviours
                    b = aspired[held]
                    aspired[held] = Behaviour(b.name, _without(b.sources, text))
                aspired.append(Behaviour(text, (text,)))
        elif edit.kind is EditKind.FOLD:
            target = find(edit.target)
            named = find(text) if text else None
            if text and target is not None and named in (None, target):  # a name: merge it
                held = owner(text)
                if held is not None:
                    b = aspired[held]
                    aspired[held] = Behaviour(b.name, _without(b.sources, text))
                b = aspired[target]
                aspired[target] = Behaviour(b.name, (*_without(b.sources, text), text))
        elif edit.kind is EditKind.RENAME:
            target = find(edit.target)
            clash = find(text) if text else None
            if target is not None and text and clash in (None, target):
                held = owner(text)
                if held is not None and held != target:  # the new name comes home with it
                    b = aspired[held]
                    aspired[held] = Behaviour(b.name, _without(b.sources, text))
                b = aspired[target]
                aspired[target] = Behaviour(text, (*_without(b.sources, b.name), b.name))
        elif edit.kind is EditKind.MERGE:
            source, target = find(edit.target), find(text)
            if source is not None and target is not None and source != target:
                gone, into = aspired[source], aspired[target]
                extra = tuple(s for s in (gone.name, *gone.sources) if s not in into.sources)
                aspired[target] = Behaviour(into.name, (*into.sources, *extra))
                del aspired[source]
        elif edit.kind is EditKind.MOVE:
            source = find(edit.target)
            if source is not None:
                moved = aspired.pop(source)
                aspired.insert(max(0, min(len(aspired), source + edit.places)), moved)
        elif edit.kind is EditKind.REMOVE:
            source = find(edit.target)
            if source is not None:
                del aspired[source]
    index: dict[str, str] = {}
    for behaviour in aspired:
        for source in behaviour.sources:
            index.setdefault(key(source), behaviour.name)
    for behaviour in aspired:
        index[key(behaviour.name)] = behaviour.name
    return BehaviourList(tuple(appreciated), tuple(aspired), index)


def _without(sources: tuple[str, ...], phrase: str) -> tuple[str, ...]:
    return tuple(s for s in sources if key(s) != key(phrase))
