"""Every record checked on every read, and every imported record before it is written.

A database can be valid JSON and still hold records that break later: a person with no name,
a string for ``meta.rev``, an unknown role, a day the cohort does not have, a record of a
cohort that is not there. ``check`` runs on every read (``Database(check=...)``, so in every
transaction too): the first bad record ends the read with ``BadRecord``, one line, and nothing
ever writes over such a file. ``problems`` lists every bad record (``lp-tui doctor``).

Reads happen on every change in every open app, so they must be cheap. The checks are built
once per record class, when a table of its records is first read (``_kinds``): a (field, test)
list that names what is wrong. A table that is byte for byte as it was when the same file last
read good is not checked again (``check``). See bench/validate_bench.py for what it costs.

What comes in from outside (``lp-tui import``) gets the same checks plus size limits, no
control characters and no unknown fields (``import_problem``).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import threading
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from lp_tui.domain import record_rules as rules
from lp_tui.domain.programme import programme_key_problem
from lp_tui.domain.pseudonyms import key_problem
from lp_tui.domain.text import control_character
from lp_tui.store.storage import META, StoreError, Tables

Test = Callable[[Any], str | None]

_MISSING = object()
# Text fields that hold a moment (ISO 8601 with its offset).
_MOMENTS = frozenset({"at", "created_at"})
# Text fields that must not be empty: a record's own id, and the cohort it belongs to.
_IDS = frozenset({"id", "cohort"})
COHORTS_TABLE = "cohorts"
# A table's keys, joined by commas, when each is a record number as the store writes it.
_KEYS = re.compile(r"[1-9][0-9]*(?:,[1-9][0-9]*)*")
ROTATIONS_TABLE = "rotations"


class BadRecord(StoreError):
    """A record that is valid JSON but cannot be used; the message is one line."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad field of one record: ``record`` is its key in the table (the doc id)."""

    table: str
    record: str
    field: str
    problem: str

    def __str__(self) -> str:
        where = f"table '{self.table}' record {self.record}"
        return (
            f"{where}: {self.field}: {self.problem}" if self.field else f"{where}: {self.problem}"
        )

    def as_dict(self) -> dict[str, str]:
        return {
            "table": self.table,
            "record": self.record,
            "field": self.field,
            "problem": self.problem,
        }


@dataclass(frozen=True, slots=True)
class _Kind:
    """The checks of one record class, built once."""

    name: str
    tests: tuple[tuple[str, Test], ...]
    required: frozenset[str]
    known: frozenset[str]
    nested: dict[str, _Kind]  # fields holding a list of records of another class


# ---------------------------------------------------------------- reading


def check(tables: Tables, path: Path) -> None:
    """Raise BadRecord naming the first bad record (``Database``'s read hook).

    A table exactly as it was (byte for byte) when this path last read good is not checked
    again, and of a table that only grew (its records as they were, then more: an append)
    only the new records are, unless the cohorts changed: an app re-reads the file on every
    change, and most changes add a record or two to one table. Serialising a table to compare
    it costs a fraction of checking it."""
    kinds = _kinds()
    with _good_lock:
        previous = _good.get(path)
    fingerprints = {table: _fingerprint(docs) for table, docs in tables.items() if table in kinds}
    checked_up_to: dict[str, int] = {}
    if previous is not None and previous.get(COHORTS_TABLE) == fingerprints.get(COHORTS_TABLE):
        for table, now in fingerprints.items():
            before = previous.get(table)
            if before is None or not isinstance(now, _Serialised):
                continue
            if before == now:
                checked_up_to[table] = now.count
            elif now.grew_from(before):
                checked_up_to[table] = before.count
    first = next(_find(tables, checked_up_to), None)
    if first is not None:
        raise BadRecord(f"{path}: {first}; left untouched (lp-tui doctor lists every bad record)")
    with _good_lock:  # apps read in worker threads
        _good.pop(path, None)
        _good[path] = fingerprints
        while len(_good) > _GOOD_KEPT:
            del _good[next(iter(_good))]


@dataclass(frozen=True, slots=True)
class _Serialised:
    """A table as orjson writes it, and how many records it holds."""

    data: bytes
    count: int

    def grew_from(self, before: object) -> bool:
        """This table is ``before`` with records added after its last: the same bytes up to
        its closing brace, then a comma (an empty table's "{}" is followed by a record)."""
        if not isinstance(before, _Serialised) or self.count <= before.count:
            return False
        if before.count == 0:
            return True
        head = before.data[:-1]
        return self.data.startswith(head) and self.data[len(head) : len(head) + 1] == b","


def _fingerprint(docs: Any) -> object:
    """A table as orjson writes it; for what it cannot write (a whole number beyond 64 bits,
    made in memory) a new object, equal to nothing, so that table is checked every time."""
    try:
        return _Serialised(orjson.dumps(docs), len(docs) if isinstance(docs, dict) else -1)
    except orjson.JSONEncodeError:
        return object()


# The tables of the files last read good (the newest last), as orjson serialised them.
_good: dict[Path, dict[str, object]] = {}
_good_lock = threading.Lock()
_GOOD_KEPT = 8


def problems(tables: Tables) -> list[Problem]:
    """Every bad field of every record, table by table."""
    return list(_find(tables))


def _find(tables: Tables, checked_up_to: dict[str, int] | None = None) -> Iterator[Problem]:
    """Every problem; of each table in ``checked_up_to``, the records before that many were
    found good before (the cohorts are always checked)."""
    checked_up_to = checked_up_to or {}
    meta = tables.get(META)
    if meta is not None:
        yield from _meta_problems(meta)
    kinds = _kinds()
    cohort_days: dict[str, int] = {}
    cohorts = tables.get(COHORTS_TABLE)
    if cohorts:
        kind = kinds[COHORTS_TABLE]
        for key, doc in cohorts.items():
            yield from _record(COHORTS_TABLE, key, doc, kind)
            cohort_id, dates = doc.get("id"), doc.get("dates")
            if type(cohort_id) is str and type(dates) is list:
                cohort_days[cohort_id] = len(dates)
    for table in kinds:
        docs = tables.get(table)
        if not docs or table == COHORTS_TABLE:
            continue
        kind = kinds[table]
        skip = checked_up_to.get(table, 0)
        if skip >= len(docs):
            continue
        has_day = "day" in kind.known
        records = iter(docs.items())
        if skip:
            records = itertools.islice(records, skip, None)
        for key, doc in records:
            yield from _record(table, key, doc, kind)
            if not key.isdigit():
                key = rules.quoted(key)  # named by _record already; shown escaped
            cohort = doc.get("cohort")
            if type(cohort) is not str:
                continue  # named by _record already
            days = cohort_days.get(cohort)
            if days is None:
                yield Problem(table, key, "cohort", f"no cohort has the id {rules.quoted(cohort)}")
                continue
            if has_day:
                day = doc.get("day")
                if type(day) is int and not 1 <= day <= days:
                    yield Problem(table, key, "day", rules.day_problem(day, days) or "")
            if table == ROTATIONS_TABLE:
                yield from _rotation(table, key, doc)


def _record(table: str, key: str, doc: dict[str, Any], kind: _Kind) -> Iterator[Problem]:
    if not (key.isascii() and key.isdigit() and key[0] != "0"):
        yield Problem(table, rules.quoted(key), "", rules.record_key_problem(key) or "")
        key = rules.quoted(key)
    for name, test in kind.tests:
        value = doc.get(name, _MISSING)
        if value is _MISSING:
            if name in kind.required:
                yield Problem(table, key, name, "missing")
        elif (what := test(value)) is not None:
            yield Problem(table, key, name, what)


def _rotation(table: str, key: str, doc: dict[str, Any]) -> Iterator[Problem]:
    presenters, tables, visits = doc.get("presenters"), doc.get("tables"), doc.get("visits")
    if not (type(presenters) is list and type(tables) is list and type(visits) is list):
        return  # named by _record
    if all(type(v) is dict and type(v.get("presenter")) is int for v in visits) and all(
        type(v.get("table")) is int for v in visits
    ):
        what = rules.rotation_problem(len(presenters), len(tables), visits)
        if what:
            yield Problem(table, key, "visits", what)


def _meta_problems(meta: dict[str, Any]) -> Iterator[Problem]:
    doc = meta.get("1")
    if doc is None:
        return
    for name, test in (("schema", _whole), ("rev", _count), ("backup_at", _number)):
        if name in doc and (what := test(doc[name])) is not None:
            yield Problem(META, "1", name, what)


# ---------------------------------------------------------------- importing


def import_problem(table: str, doc: Any, cohort_days: int | None = None) -> tuple[str, str] | None:
    """(field, what is wrong) for a record brought in from outside, or None when it can be
    stored: the checks of a read, the day within ``cohort_days`` (for a cohort's records),
    then no unknown field, no control character and nothing over the size limits."""
    if not isinstance(doc, dict):
        return "", "must be a JSON object"
    kind = _kinds()[table]
    for found in _record(table, "1", doc, kind):
        return found.field, found.problem
    if cohort_days is not None and "day" in kind.known:
        what = rules.day_problem(doc["day"], cohort_days)
        if what:
            return "day", what
    if table == ROTATIONS_TABLE:
        for found in _rotation(table, "1", doc):
            return found.field, found.problem
    return _outside(kind, doc)


def _outside(kind: _Kind, doc: dict[str, Any]) -> tuple[str, str] | None:
    for name, value in doc.items():
        if name not in kind.known:
            return rules.quoted(name), f"not a field of {kind.name} records"
        what = _outside_value(name, value)
        if what:
            return name, what
        if name in kind.nested:
            for index, entry in enumerate(value, start=1):
                inner = _outside(kind.nested[name], entry)
                if inner:
                    return name, f"entry {index}: {inner[0]}: {inner[1]}"
        elif isinstance(value, list):
            for index, entry in enumerate(value, start=1):
                what = _outside_value(name, entry)
                if what:
                    return name, f"entry {index}: {what}"
    return None


def _outside_value(name: str, value: Any) -> str | None:
    if what := rules.size_problem(name, value):
        return what
    if isinstance(value, str) and (char := control_character(value)):
        return f"holds a control character ({char})"
    return None


# ---------------------------------------------------------------- the checks, built once


class _Kinds(Mapping[str, _Kind]):
    """Each table's checks, in the tables' order, each built when first asked for: a start
    reads a file that holds a few of the tables, and building one costs reading its record
    class's type hints."""

    def __init__(self, classes: dict[str, type], choices: dict[tuple[type, str], frozenset[str]]):
        self._classes = classes
        self._choices = choices
        self._built: dict[str, _Kind] = {}

    def __getitem__(self, table: str) -> _Kind:
        kind = self._built.get(table)
        if kind is None:  # two threads may build one at once: the same checks either way
            kind = self._built[table] = _kind_of(self._classes[table], self._choices)
        return kind

    def __iter__(self) -> Iterator[str]:
        return iter(self._classes)

    def __len__(self) -> int:
        return len(self._classes)

    def __contains__(self, table: object) -> bool:
        return table in self._classes


@cache
def _kinds() -> _Kinds:
    """Each table's checks (the import is here: repo imports this module)."""
    from lp_tui.domain.model import Cohort, FeedbackKind, PresenterFeedback
    from lp_tui.domain.pseudonyms import PseudonymSecret
    from lp_tui.domain.retention import ExportRecord
    from lp_tui.store.repo import COHORT_TABLES, EXPORTS, SECRETS

    choices = {
        (PresenterFeedback, "kind"): frozenset(
            v for k, v in vars(FeedbackKind).items() if k.isupper()
        )
    }
    tables = {
        COHORTS_TABLE: Cohort,
        **COHORT_TABLES,
        SECRETS: PseudonymSecret,
        EXPORTS: ExportRecord,
    }
    return _Kinds(tables, choices)


def _kind_of(cls: type, choices: dict[tuple[type, str], frozenset[str]]) -> _Kind:
    hints = typing.get_type_hints(cls)
    tests = []
    required = set()
    nested: dict[str, _Kind] = {}
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        optional, base = _optional(hint)
        no_default = (
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        )
        if no_default and not optional:
            required.add(field.name)
        inner = _tuple_of(base)
        if inner is not None and dataclasses.is_dataclass(inner):
            nested[field.name] = _kind_of(inner, choices)  # type: ignore[arg-type]
        allowed = choices.get((cls, field.name))
        test = _choice(allowed) if allowed else _test(field.name, base, nested.get(field.name))
        tests.append((field.name, _or_none(test) if optional else test))
    known = frozenset(f.name for f in dataclasses.fields(cls))
    return _Kind(cls.__name__, tuple(tests), frozenset(required), known, nested)


def _optional(hint: Any) -> tuple[bool, Any]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return len(args) < len(typing.get_args(hint)), args[0]
    return False, hint


def _tuple_of(hint: Any) -> Any:
    if typing.get_origin(hint) is tuple:
        return typing.get_args(hint)[0]
    return None


def _test(name: str, hint: Any, nested: _Kind | None) -> Test:
    if hint is str:
        if name in _MOMENTS:
            return _moment
        if name in _IDS:
            return _id
        if name == "name":
            return _name
        if name == "programme":
            return programme_key_problem
        if name == "key":  # a cohort's pseudonym secret (the secrets table)
            return _secret_key
        if name in _DAY_DATES:  # a follow-up call's day, or its due date ("" for the default)
            return _day_date(empty=name == "due")
        return _text
    if hint is bool:
        return _bool
    if hint is int:
        return _whole
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _choice(frozenset(member.value for member in hint))
    inner = _tuple_of(hint)
    if inner is not None:
        if nested is not None:
            return _list_of_records(nested)
        if name == "dates":
            return _dates
        return _list_of(_test(name, inner, None))
    raise TypeError(f"no check for {name}: {hint!r}")  # a new field type: add a test here


def _or_none(test: Test) -> Test:
    def optional(value: Any) -> str | None:
        return None if value is None else test(value)

    return optional


def _text(value: Any) -> str | None:
    return None if type(value) is str else _wrong(value, "text")


def _id(value: Any) -> str | None:
    if type(value) is not str:
        return _wrong(value, "text")
    return None if value else "empty"


def _name(value: Any) -> str | None:
    if type(value) is not str:
        return _wrong(value, "text")
    return None if value.strip() else "empty"


def _secret_key(value: Any) -> str | None:
    if type(value) is not str:
        return _wrong(value, "text")
    return key_problem(value)


def _moment(value: Any) -> str | None:
    if type(value) is not str:
        return _wrong(value, "a date and time")
    return rules.moment_problem(value)


_DAY_DATES = frozenset({"on", "due"})


def _day_date(*, empty: bool) -> Test:
    def day_date(value: Any) -> str | None:
        if type(value) is not str:
            return _wrong(value, "a date")
        if not value and not empty:
            return "empty"
        return rules.date_problem(value)

    return day_date


def _dates(value: Any) -> str | None:
    if type(value) is not list or not all(type(v) is str for v in value):
        return _wrong(value, "a list of dates")
    return rules.dates_problem(value)


def _whole(value: Any) -> str | None:
    return None if type(value) is int else _wrong(value, "a whole number")


def _count(value: Any) -> str | None:
    if type(value) is not int:
        return _wrong(value, "a whole number")
    return None if value >= 0 else f"{value} is below 0"


def _number(value: Any) -> str | None:
    return None if type(value) in (int, float) else _wrong(value, "a number")


def _bool(value: Any) -> str | None:
    return None if type(value) is bool else _wrong(value, "true or false")


def _choice(allowed: frozenset[str]) -> Test:
    def choice(value: Any) -> str | None:
        if type(value) is str and value in allowed:
            return None
        return rules.choice_problem(value, allowed)

    return choice


def _list_of(test: Test) -> Test:
    def listed(value: Any) -> str | None:
        if type(value) is not list:
            return _wrong(value, "a list")
        for index, entry in enumerate(value, start=1):
            what = test(entry)
            if what is not None:
                return f"entry {index}: {what}"
        return None

    return listed


def _list_of_records(kind: _Kind) -> Test:
    def listed(value: Any) -> str | None:
        if type(value) is not list:
            return _wrong(value, "a list")
        for index, entry in enumerate(value, start=1):
            if type(entry) is not dict:
                return f"entry {index}: {_wrong(entry, 'a JSON object')}"
            for name, test in kind.tests:
                inner = entry.get(name, _MISSING)
                if inner is _MISSING:
                    if name in kind.required:
                        return f"entry {index}: {name}: missing"
                elif (what := test(inner)) is not None:
                    return f"entry {index}: {name}: {what}"
        return None

    return listed


def _wrong(value: Any, wanted: str) -> str:
    return f"{rules.quoted(value)} is not {wanted}"
