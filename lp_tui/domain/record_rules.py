"""What a stored record needs to be usable later, as pure rules on plain JSON values.

Each rule returns None when the value is fine, else what is wrong in a few words (the caller
names the table, record and field). ``lp_tui.store.validate`` applies them to every record it
reads and imports; the size limits apply to what comes in from outside (an import) only.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

# Size limits for records brought in from outside (an import): generous for any real use,
# small enough that one record cannot flood a screen, a report or the database.
MAX_NAME = 200  # a person's or cohort's name
MAX_TEXT = 20_000  # free text: a note, feedback words, access needs, a quote
MAX_SHORT = 1_000  # any other text: ids, keys, organisations, behaviours, titles
MAX_ITEMS = 10_000  # entries in one list field (members, visits, answers...)
MAX_NUMBER = 2**31 - 1  # any whole number, either sign
MAX_DAYS = 31  # days of one cohort
NAME_FIELDS = frozenset({"name"})
TEXT_FIELDS = frozenset({"note", "words", "text", "quote", "details", "access_needs"})


def moment_problem(value: str) -> str | None:
    """A stored moment: ISO 8601 with its UTC offset, e.g. 2017-11-23T09:30:00.000000+00:00
    (moments are compared with each other: one without an offset cannot be)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return f"{quoted(value)} is not a date and time like 2017-11-23T09:30:00+00:00"
    if moment.tzinfo is None:
        return f"{quoted(value)} has no UTC offset (like +00:00)"
    return None


def date_problem(value: str) -> str | None:
    """A cohort's day date: ISO 8601 (2017-11-23), or "" when not fixed yet."""
    if value == "":
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"{quoted(value)} is not a date like 2017-11-23"
    if len(value) != 10:
        return f"{quoted(value)} is not a date like 2017-11-23"
    return None


def dates_problem(values: list[str]) -> str | None:
    """A cohort's dates: one per day (1 to MAX_DAYS), each a date or "", set ones in order."""
    if not 1 <= len(values) <= MAX_DAYS:
        return f"a cohort has 1 to {MAX_DAYS} days, not {len(values)}"
    for index, value in enumerate(values, start=1):
        if problem := date_problem(value):
            return f"day {index}: {problem}"
    known = [v for v in values if v]
    if known != sorted(known) or len(set(known)) != len(known):
        return "the days' dates must be in order, one date each"
    return None


def day_problem(day: int, days: int) -> str | None:
    """A record's day: one of its cohort's ``days`` days."""
    if 1 <= day <= days:
        return None
    return f"{day} is not a day of its cohort (1 to {days})"


def choice_problem(value: Any, allowed: Collection[str]) -> str | None:
    """A value from a fixed set (a role, a status, a kind...)."""
    if isinstance(value, str) and value in allowed:
        return None
    return f"{quoted(value)} is not one of {', '.join(sorted(allowed))}"


def record_key_problem(key: str) -> str | None:
    """The key a record is stored under in its table: a whole number from 1, as written by
    the store (another one breaks every later write to that table)."""
    if key.isascii() and key.isdigit() and key[0] != "0":
        return None
    return f"{quoted(key)} is not a record number"


def size_problem(field: str, value: Any) -> str | None:
    """The size limits of a value brought in from outside (text length, list length, number
    range); ``field`` is the field's name (names, free text and other text differ)."""
    if isinstance(value, str):
        limit = (
            MAX_NAME if field in NAME_FIELDS else MAX_TEXT if field in TEXT_FIELDS else MAX_SHORT
        )
        if len(value) > limit:
            return f"{len(value):,} characters; at most {limit:,}"
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            return f"{len(value):,} entries; at most {MAX_ITEMS:,}"
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
        return f"{value} is too large (at most {MAX_NUMBER:,} either way)"
    return None


def rotation_problem(presenters: int, tables: int, visits: list[dict[str, Any]]) -> str | None:
    """A stored rotation's visits: presenter n is presenters[n], table n is tables[n - 1]."""
    for index, visit in enumerate(visits, start=1):
        presenter, table = visit["presenter"], visit["table"]
        if not 0 <= presenter < presenters:
            return f"entry {index}: presenter {presenter} is not one of 0 to {presenters - 1}"
        if not 1 <= table <= tables:
            return f"entry {index}: table {table} is not one of 1 to {tables}"
    return None


def quoted(value: Any) -> str:
    """A value as a message names it: as Python writes it (text quoted, control characters
    escaped, so nothing read is written raw to a terminal), cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
