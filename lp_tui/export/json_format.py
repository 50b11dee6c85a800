"""The json export: every record of a cohort, enough to rebuild it with ``lp-tui import``."""

from __future__ import annotations

from typing import Any

import orjson

from lp_tui.domain.csv_input import InputError
from lp_tui.domain.model import Cohort
from lp_tui.domain.text import name_key
from lp_tui.store import validate
from lp_tui.store.records import from_doc, to_doc
from lp_tui.store.repo import COHORT_TABLES, COHORTS, PEOPLE, Snapshot

FORMAT = "lp-tui-export"
VERSION = 1


def export_document(snapshot: Snapshot, cohort: Cohort) -> dict[str, Any]:
    docs = snapshot.cohort_docs(cohort.id)
    consent = snapshot.consents(cohort.id)  # people carry it as it stands, always as a boolean
    docs[PEOPLE] = [{**d, "consent_quotes": consent.get(d["id"], False)} for d in docs[PEOPLE]]
    return {
        "format": FORMAT,
        "version": VERSION,
        "cohort": to_doc(cohort),
        **docs,
    }


def dumps(document: dict[str, Any]) -> bytes:
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def parse_export(text: str, source: str) -> tuple[Cohort, dict[str, list[dict[str, Any]]]]:
    """A cohort and its records from an export, every record checked as a read checks it,
    plus what comes from outside needs (``validate.import_problem``: sizes, no control
    characters, no unknown fields), its cohort and day, ids used once, people named that are
    in it. Any fault: InputError, one line naming the table, record and field."""
    try:
        document = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise InputError(source, f"not valid JSON ({error}); nothing imported") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(source, f'not an lp-tui export (no "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise InputError(source, f"export version {_shown(document.get('version'))} is not 1")
    for key in document:
        if key not in _TOP_LEVEL:
            raise InputError(
                source, f"{_shown(key)}: not a table of an lp-tui export; nothing imported"
            )
    cohort_doc = document.get("cohort")
    if problem := validate.import_problem(COHORTS, cohort_doc):
        raise _bad(source, "cohort", cohort_doc, *problem)
    cohort = from_doc(Cohort, cohort_doc)
    records: dict[str, list[dict[str, Any]]] = {}
    ids: set[str] = {cohort.id}
    for table in COHORT_TABLES:
        docs = document.get(table, [])
        if not isinstance(docs, list):
            raise InputError(source, f"table '{table}': must be a list; nothing imported")
        for number, doc in enumerate(docs, start=1):
            where = f"table '{table}' record {number}"
            if problem := validate.import_problem(table, doc, len(cohort.dates)):
                raise _bad(source, where, doc, *problem)
            if doc["cohort"] != cohort.id:
                raise _bad(source, where, doc, "cohort", "belongs to another cohort")
            if doc["id"] in ids:
                raise _bad(source, where, doc, "id", "used by another record of the file")
            ids.add(doc["id"])
        records[table] = docs
    named: set[str] = set()
    for number, doc in enumerate(records.get(PEOPLE, []), start=1):
        # one name one person, ignoring case, spacing and invisible characters, as a roster
        if (key := name_key(doc["name"])) in named:
            where = f"table '{PEOPLE}' record {number}"
            raise _bad(source, where, doc, "name", "is the name of another person of the file")
        named.add(key)
    people = {doc["id"] for doc in records.get(PEOPLE, [])}
    for table, fields in _NAMES_PEOPLE.items():
        for number, doc in enumerate(records.get(table, []), start=1):
            for field in fields:
                value = doc.get(field, "")
                if value and value not in people:
                    where = f"table '{table}' record {number}"
                    raise _bad(source, where, doc, field, "names nobody in people")
    return cohort, records


# What an export holds besides the cohort's tables.
_TOP_LEVEL = frozenset({"format", "version", "cohort", *COHORT_TABLES})
# The fields of each table that hold a person's id.
_NAMES_PEOPLE = {
    "attendance": ("person",),
    "observations": ("by", "about"),
    "peer_feedback": ("by", "giver", "receiver"),
    "presenter_feedback": ("presenter", "by"),
    "table_rules": ("person", "other"),
    "followup_calls": ("person",),
    "impact_reports": ("person",),
    "caller_assignments": ("person", "caller"),
    "call_attempts": ("person", "caller"),
    "consent_marks": ("person",),
}


def _bad(source: str, where: str, doc: Any, field: str, problem: str) -> InputError:
    """'<file>: table 'people' record 3 (id ...): name: ...; nothing imported'."""
    record_id = doc.get("id") if isinstance(doc, dict) else None
    named = f" (id {_shown(record_id)})" if record_id is not None else ""
    what = f"{field}: {problem}" if field else problem
    return InputError(source, f"{where}{named}: {what}; nothing imported")


def _shown(value: Any) -> str:
    """A value from the file as a message shows it: plain when it is short, printable text;
    else quoted with its control characters escaped, and cut short."""
    if isinstance(value, str) and len(value) <= 40 and value.isprintable() and value.strip():
        return value
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
