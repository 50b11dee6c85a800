"""Programme definitions: days, timed agenda items and evaluation questions.

A programme is written in TOML (``sessions/*.toml``). ``parse_programme`` turns the text into
typed, validated objects or raises ``ProgrammeError`` with one line that names the file and key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lp_tui.domain.model import PresenterKind
from lp_tui.domain.text import control_character

MAX_MINUTES = 600
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ItemKind(StrEnum):
    TALK = "talk"
    TABLE = "table"
    EXERCISE = "exercise"
    ROTATION = "rotation"
    BREAK = "break"
    FEEDBACK = "feedback"
    REFLECTION = "reflection"
    EVALUATION = "evaluation"

    @property
    def use(self) -> TimeUse:
        """What the item's time goes on, as the report splits a day: talks, interactive work
        (tables, exercises, rotations, feedback, reflection), evaluation forms, or breaks."""
        if self is ItemKind.TALK:
            return TimeUse.TALKS
        if self is ItemKind.BREAK:
            return TimeUse.BREAKS
        if self is ItemKind.EVALUATION:
            return TimeUse.EVALUATION
        return TimeUse.INTERACTIVE


class TimeUse(StrEnum):
    """How a day's time is split in the report, in the order it lists them."""

    TALKS = "talks"
    INTERACTIVE = "interactive work"
    EVALUATION = "evaluation forms"
    BREAKS = "breaks"


def time_split(items: Iterable[tuple[ItemKind, float]]) -> dict[TimeUse, float]:
    """The time (any unit) of (kind, time) pairs added up per use, every use listed in order."""
    split = dict.fromkeys(TimeUse, 0.0)
    for kind, amount in items:
        split[kind.use] += amount
    return split


def interactive_share(split: dict[TimeUse, float]) -> float | None:
    """Interactive work's share (0-1) of the time spent on talks and interactive work (breaks
    and evaluation forms apart); None when there was none of either."""
    working = split.get(TimeUse.TALKS, 0.0) + split.get(TimeUse.INTERACTIVE, 0.0)
    return split.get(TimeUse.INTERACTIVE, 0.0) / working if working > 0 else None


class ProgrammeError(ValueError):
    """A programme file that cannot be used; the message is one line."""


PROGRAMME_KEY_MAX = 64


def programme_key_problem(key: object) -> str | None:
    """A programme is named by its key (lower-case letters, digits, '-' and '_'; at most
    PROGRAMME_KEY_MAX characters), looked up in the sessions folders: never by a path."""
    if not isinstance(key, str):
        return f"a programme key is text, not {type(key).__name__}"
    if len(key) > PROGRAMME_KEY_MAX:
        return f"a programme key has at most {PROGRAMME_KEY_MAX} characters"
    if not _KEY.fullmatch(key):
        shown = repr(key) if len(key) <= 40 else repr(key[:37]) + "..."
        return f"{shown} is not a programme key (lower-case letters, digits, '-' and '_')"
    return None


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One item of a day's agenda: as the programme plans it, or inserted on the day."""

    key: str
    title: str
    kind: ItemKind
    minutes: int
    presenters: PresenterKind | None = None
    visits: int = 0
    changeover_minutes: int = 0


@dataclass(frozen=True, slots=True)
class Question:
    """A question of a day's evaluation form: rated 1-5, or (in ``DayPlan.free_text``) answered
    in words."""

    key: str
    label: str
    recommend: bool = False


# Evaluation CSV headers that are not questions: a question may not be named like them.
FORM_COLUMNS = ("form", "table")
COMMENT_PREFIX = "comment"
# What a day's rating table is headed with unless the day says otherwise (the evaluation
# report's words for its Day 3 table).
RATING_CAPTION = "How helpful did you find the following elements of the course? (Marks out of 5)"


def heading_name(text: str) -> str:
    """A question's key or label, or a CSV header, as they are compared: outer and repeated
    spaces dropped, case ignored."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class DayPlan:
    """One day of the programme: its agenda and the questions of its evaluation form."""

    number: int
    title: str
    focus: str
    start: str
    items: tuple[AgendaItem, ...]
    questions: tuple[Question, ...]
    free_text: tuple[Question, ...] = ()  # questions answered in words, not rated
    rating_caption: str = RATING_CAPTION  # what the day's form asks of its rated questions

    @property
    def planned_minutes(self) -> int:
        return sum(item.minutes for item in self.items)


@dataclass(frozen=True, slots=True)
class Programme:
    """A programme as its file describes it: its aims and its days."""

    key: str
    title: str
    summary: str
    commissioner: str
    objectives: tuple[str, ...]
    characteristics: tuple[str, ...]
    table_size: tuple[int, int]
    days: tuple[DayPlan, ...]
    # the design principles the programme was built on, and how it is delivered (days, table
    # coaches, co-delivery), as the evaluation report describes them
    principles: tuple[str, ...] = ()
    design: str = ""

    def day(self, number: int) -> DayPlan:
        for plan in self.days:
            if plan.number == number:
                return plan
        raise KeyError(number)


class _Reader:
    """Reads typed values out of parsed TOML, naming the key path in every error."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> ProgrammeError:
        return ProgrammeError(f"{self.source}: {where}: {problem}")

    def get(self, table: dict[str, Any], key: str, where: str, kind: type, default: Any = ...):
        path = f"{where}.{key}" if where else key
        if key not in table:
            if default is ...:
                raise self.fail(path, "missing")
            return default
        value = table[key]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise self.fail(path, f"must be a whole number, not {value!r}")
        if kind is not int and not isinstance(value, kind):
            raise self.fail(path, f"must be {_kind_name(kind)}, not {type(value).__name__}")
        if kind is str and not value.strip():
            raise self.fail(path, "must not be empty")
        if kind is str and (bad := control_character(value)):
            raise self.fail(path, f"holds a control character ({bad}); write plain text")
        return value

    def strings(self, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        values = self.get(table, key, where, list)
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{key}[{index}]", "must be a non-empty string")
            if bad := control_character(value):
                problem = f"holds a control character ({bad}); write plain text"
                raise self.fail(f"{key}[{index}]", problem)
        return tuple(v.strip() for v in values)

    def key(self, table: dict[str, Any], where: str) -> str:
        value = self.get(table, "key", where, str)
        if not _KEY.match(value):
            raise self.fail(f"{where}.key", "use lower-case letters, digits, '-' and '_'")
        return value


def _kind_name(kind: type) -> str:
    return {str: "text", list: "a list", dict: "a table", bool: "true or false"}.get(
        kind, kind.__name__
    )


def parse_programme(text: str, source: str) -> Programme:
    """Parse and validate a programme; raises ProgrammeError naming ``source`` and the key."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProgrammeError(f"{source}: not valid TOML: {error}") from None
    read = _Reader(source)
    table_size = read.get(raw, "table_size", "", list, [5, 6])
    if (
        len(table_size) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in table_size)
        or not 2 <= table_size[0] <= table_size[1] <= 20
    ):
        raise read.fail("table_size", "must be [smallest, largest], e.g. [5, 6]")
    raw_days = read.get(raw, "days", "", list)
    if not raw_days:
        raise read.fail("days", "a programme needs at least one day")
    days = tuple(_parse_day(read, raw_day, index) for index, raw_day in enumerate(raw_days))
    numbers = [day.number for day in days]
    if numbers != list(range(1, len(days) + 1)):
        raise read.fail("days", f"days must be numbered 1, 2, 3... in order, found {numbers}")
    return Programme(
        key=read.key(raw, ""),
        title=read.get(raw, "title", "", str).strip(),
        summary=read.get(raw, "summary", "", str, "").strip(),
        commissioner=read.get(raw, "commissioner", "", str, "").strip(),
        objectives=read.strings(raw, "objectives", ""),
        characteristics=read.strings(raw, "characteristics", ""),
        table_size=(table_size[0], table_size[1]),
        days=days,
        principles=read.strings(raw, "principles", "") if "principles" in raw else (),
        design=read.get(raw, "design", "", str, "").strip(),
    )


def _parse_day(read: _Reader, raw: Any, index: int) -> DayPlan:
    where = f"days[{index}]"
    if not isinstance(raw, dict):
        raise read.fail(where, "must be a table ([[days]])")
    start = read.get(raw, "start", where, str)
    if not _TIME.match(start):
        raise read.fail(f"{where}.start", f"must be a 24-hour time like 09:30, not {start!r}")
    raw_items = read.get(raw, "items", where, list)
    if not raw_items:
        raise read.fail(f"{where}.items", "a day needs at least one agenda item")
    items = tuple(
        _parse_item(read, item, f"{where}.items[{i}]") for i, item in enumerate(raw_items)
    )
    _unique(read, [item.key for item in items], f"{where}.items")
    raw_questions = read.get(raw, "questions", where, list, [])
    questions = tuple(
        _parse_question(read, q, f"{where}.questions[{i}]") for i, q in enumerate(raw_questions)
    )
    raw_free_text = read.get(raw, "free_text", where, list, [])
    free_text = tuple(
        _parse_question(read, q, f"{where}.free_text[{i}]", rated=False)
        for i, q in enumerate(raw_free_text)
    )
    _unique_names(read, questions, free_text, where)
    return DayPlan(
        number=read.get(raw, "number", where, int),
        title=read.get(raw, "title", where, str).strip(),
        focus=read.get(raw, "focus", where, str, "").strip(),
        start=start,
        items=items,
        questions=questions,
        free_text=free_text,
        rating_caption=" ".join(
            read.get(raw, "rating_caption", where, str, RATING_CAPTION).split()
        ),
    )


def _parse_item(read: _Reader, raw: Any, where: str) -> AgendaItem:
    if not isinstance(raw, dict):
        raise read.fail(where, "must be a table ([[days.items]])")
    kind_text = read.get(raw, "kind", where, str)
    try:
        kind = ItemKind(kind_text)
    except ValueError:
        allowed = ", ".join(k.value for k in ItemKind)
        raise read.fail(f"{where}.kind", f"{kind_text!r} is not one of {allowed}") from None
    minutes = read.get(raw, "minutes", where, int)
    if not 1 <= minutes <= MAX_MINUTES:
        raise read.fail(f"{where}.minutes", f"must be from 1 to {MAX_MINUTES}, not {minutes}")
    presenters = None
    visits = changeover = 0
    if kind is ItemKind.ROTATION:
        presenter_text = read.get(raw, "presenters", where, str)
        try:
            presenters = PresenterKind(presenter_text)
        except ValueError:
            raise read.fail(f"{where}.presenters", "must be darzi_fellow or manager") from None
        visits = read.get(raw, "visits", where, int)
        if not 1 <= visits <= 10:
            raise read.fail(f"{where}.visits", f"must be from 1 to 10, not {visits}")
        changeover = read.get(raw, "changeover_minutes", where, int, 0)
        if not 0 <= changeover * visits < minutes:
            raise read.fail(
                f"{where}.changeover_minutes", "changeovers must leave time for the visits"
            )
    return AgendaItem(
        key=read.key(raw, where),
        title=read.get(raw, "title", where, str).strip(),
        kind=kind,
        minutes=minutes,
        presenters=presenters,
        visits=visits,
        changeover_minutes=changeover,
    )


def _parse_question(read: _Reader, raw: Any, where: str, *, rated: bool = True) -> Question:
    if not isinstance(raw, dict):
        table = "days.questions" if rated else "days.free_text"
        raise read.fail(where, f"must be a table ([[{table}]])")
    if not rated and "recommend" in raw:
        raise read.fail(f"{where}.recommend", "only a rated question can be the recommend one")
    question = Question(
        key=read.key(raw, where),
        label=" ".join(read.get(raw, "label", where, str).split()),
        recommend=read.get(raw, "recommend", where, bool, False),
    )
    for field, value in (("key", question.key), ("label", question.label)):
        name = heading_name(value)
        if name in FORM_COLUMNS or (rated and name.startswith(COMMENT_PREFIX)):
            raise read.fail(
                f"{where}.{field}",
                f"{value!r} would be read as a form's {name}, not a question"
                if name in FORM_COLUMNS
                else f"{value!r} would be read as a comment column, not a rated question",
            )
    return question


def _unique_names(
    read: _Reader, questions: tuple[Question, ...], free_text: tuple[Question, ...], where: str
) -> None:
    """Every key and label of a day's form names one question only, so a CSV header that
    matches one is never ambiguous."""
    seen: dict[str, str] = {}
    lists = (("questions", questions), ("free_text", free_text))
    for name, found in lists:
        for index, question in enumerate(found):
            for field, value in (("key", question.key), ("label", question.label)):
                folded = heading_name(value)
                path = f"{where}.{name}[{index}].{field}"
                if folded in seen and seen[folded] != question.key:
                    raise read.fail(path, f"{value!r} also names question {seen[folded]!r}")
                if folded in seen and field == "key":
                    raise read.fail(path, f"{value!r} is used twice")
                seen[folded] = question.key


def _unique(read: _Reader, keys: list[str], where: str) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            raise read.fail(f"{where}[{index}].key", f"{key!r} is used twice")
        seen.add(key)
