"""``--anonymise``: an export that cannot be linked back to the people in it, even by someone
holding a named export of the same cohort.

- Names become pseudonyms (P01 participants, C01 coaches, D01 Darzi Fellows, M01 managers, F01
  facilitators, S01 support), numbered in the order of the HMAC of each person's id under the
  cohort's secret (lp_tui.domain.pseudonyms): nothing real decides them.
- Every id (records, the cohort, people named in records, corrections, undos, seating members,
  rotation presenters, inserted agenda items) becomes a fresh one: the HMAC cut short.
- Access needs, organisations, projects and free text are left out, and so are the other
  values that would match a named export (a seating's random seed, a forms file's fingerprint).
- People are listed by pseudonym wherever a record lists them (seating members, rotation
  presenters), and the json lists people and records about people by pseudonym too.
- The json keeps moments to the minute; the other formats show minutes only already.

Applied to the records before any format sees them, so every format is anonymised the same way.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from lp_tui.domain.model import Cohort
from lp_tui.domain.pseudonyms import numbered, pseudo_ids, to_minute
from lp_tui.export import json_format
from lp_tui.store.records import to_doc
from lp_tui.store.repo import (
    AGENDA,
    ATTENDANCE,
    CALL_ATTEMPTS,
    CALLER_ASSIGNMENTS,
    COHORT_TABLES,
    COHORTS,
    CONSENT_MARKS,
    FOLLOWUP_CALLS,
    FORMS,
    IMPACT_REPORTS,
    LESSONS,
    OBSERVATIONS,
    PEER_FEEDBACK,
    PEOPLE,
    PRESENTER_FEEDBACK,
    REFLECTIONS,
    ROTATIONS,
    SEATINGS,
    SELF_ASSESSMENTS,
    TABLE_RULES,
    Snapshot,
)

PREFIX = {
    "participant": "P",
    "coach": "C",
    "darzi_fellow": "D",
    "manager": "M",
    "presenter": "D",
    "facilitator": "F",
    "support": "S",
}

# Fields left out of each record kind: free text, what places or describes a person, and
# values that would match the same record in a named export.
DROPPED: dict[str, tuple[str, ...]] = {
    PEOPLE: ("organisation", "access_needs", "project", "accessible_table"),
    OBSERVATIONS: ("note",),
    PEER_FEEDBACK: ("words",),
    PRESENTER_FEEDBACK: ("text",),
    FORMS: ("comments", "source"),
    FOLLOWUP_CALLS: ("note",),
    CALL_ATTEMPTS: ("note",),
    IMPACT_REPORTS: ("quote", "details"),
    AGENDA: ("text",),
    REFLECTIONS: ("text",),
    LESSONS: ("text",),
    SEATINGS: ("seed",),
}

# Fields that hold the id of a record (a person's, or another record's), at any depth.
ID_FIELDS = frozenset(
    {
        "id",
        "cohort",
        "person",
        "other",
        "by",
        "about",
        "giver",
        "receiver",
        "presenter",
        "presenters",
        "coach",
        "caller",
        "members",
        "replaces",
        "undoes",
        "report",
    }
)
# Fields that name an agenda item; items inserted on the day have a random key ("extra-...").
ITEM_FIELDS = frozenset({"item", "after"})
EXTRA = "extra-"

# The person each record is about, by table: the json lists those records by that person's
# pseudonym (the same person's records in the order made, so an import replays them alike).
ABOUT = {
    ATTENDANCE: "person",
    OBSERVATIONS: "about",
    PEER_FEEDBACK: "receiver",
    PRESENTER_FEEDBACK: "presenter",
    TABLE_RULES: "person",
    FOLLOWUP_CALLS: "person",
    IMPACT_REPORTS: "person",
    CONSENT_MARKS: "person",
    CALLER_ASSIGNMENTS: "person",
    CALL_ATTEMPTS: "person",
    SELF_ASSESSMENTS: "person",
    REFLECTIONS: "by",
}
MOMENTS = ("at", "created_at")


def prefix_of(doc: dict[str, Any]) -> str:
    kind = doc.get("presenter_kind") or doc.get("role", "participant")
    return PREFIX.get(kind, "P")


def pseudonyms(people: list[dict[str, Any]], key: str) -> dict[str, str]:
    """Person id -> pseudonym, numbered within each kind in the order of the ids' HMACs."""
    return numbered(key, ((doc["id"], prefix_of(doc)) for doc in people))


def anonymised(snapshot: Snapshot, cohort: Cohort, key: str) -> tuple[Snapshot, Cohort]:
    """The cohort's records (and nothing of any other cohort, nor any table outside a cohort)
    with fresh ids, people renamed and free text left out; and the cohort as they name it."""
    if not key:
        raise ValueError("an anonymised export needs the cohort's pseudonym secret")
    tables = {
        table: [d for d in snapshot.tables.get(table, {}).values() if d.get("cohort") == cohort.id]
        for table in COHORT_TABLES
    }
    names = pseudonyms(tables[PEOPLE], key)
    reals: set[str] = {cohort.id}
    for docs in tables.values():
        for doc in docs:
            _collect(doc, "", reals)
    ids = pseudo_ids(key, reals)

    def order(real: str) -> tuple[str, str]:
        return (names.get(real, "~"), ids.get(real, real))

    out: dict[str, dict[str, dict[str, Any]]] = {}
    for table, docs in tables.items():
        if not docs:
            continue
        made = [_anonymise(table, doc, names, order) for doc in docs]
        out[table] = {str(n): _mapped(doc, "", ids) for n, doc in enumerate(made, start=1)}
    pseudo_cohort = dataclasses.replace(cohort, id=ids[cohort.id])
    out[COHORTS] = {"1": to_doc(pseudo_cohort)}
    return Snapshot(out), pseudo_cohort


def json_document(snapshot: Snapshot, cohort: Cohort, key: str) -> dict[str, Any]:
    """The anonymised json export: as ``json_format.export_document``, anonymised."""
    shown, pseudo = anonymised(snapshot, cohort, key)
    return {
        "format": json_format.FORMAT,
        "version": json_format.VERSION,
        "cohort": minutes(to_doc(pseudo)),
        **json_tables(shown, pseudo),
    }


def json_tables(snapshot: Snapshot, cohort: Cohort) -> dict[str, list[dict[str, Any]]]:
    """An anonymised snapshot's records as the json export lists them: people by pseudonym,
    records about a person by that person's pseudonym, the rest in the order made; every
    moment kept to the minute."""
    docs = snapshot.cohort_docs(cohort.id)  # in the order made (exact moments), then by id
    names = {d["id"]: d["name"] for d in docs.get(PEOPLE, [])}
    consent = snapshot.consents(cohort.id)  # as the named export: consent as it stands
    docs[PEOPLE] = sorted(
        ({**d, "consent_quotes": consent.get(d["id"], False)} for d in docs.get(PEOPLE, [])),
        key=lambda d: (d["name"], d["id"]),
    )
    for table, field in ABOUT.items():
        if table in docs:
            made = {id(d): n for n, d in enumerate(docs[table])}
            docs[table] = sorted(
                docs[table], key=lambda d: (names.get(d.get(field, ""), "~"), made[id(d)])
            )
    return {table: [minutes(d) for d in found] for table, found in docs.items()}


def minutes(doc: dict[str, Any]) -> dict[str, Any]:
    """A record with its moments kept to the minute."""
    return {k: to_minute(v) if k in MOMENTS and isinstance(v, str) else v for k, v in doc.items()}


def _collect(value: Any, field: str, into: set[str]) -> None:
    """Every id a record holds (its own, and those of the records it names)."""
    if isinstance(value, dict):
        for name, inner in value.items():
            _collect(inner, name, into)
    elif isinstance(value, list):
        for inner in value:
            _collect(inner, field, into)
    elif isinstance(value, str) and (
        field in ID_FIELDS or (field in ITEM_FIELDS and value.startswith(EXTRA))
    ):
        into.add(value)


def _mapped(value: Any, field: str, ids: dict[str, str]) -> Any:
    """The record with every id replaced by its fresh one (any text equal to an id is one)."""
    if isinstance(value, dict):
        return {name: _mapped(inner, name, ids) for name, inner in value.items()}
    if isinstance(value, list):
        return [_mapped(inner, field, ids) for inner in value]
    if isinstance(value, str) and value in ids:
        fresh = ids[value]
        return EXTRA + fresh[:8] if value.startswith(EXTRA) else fresh
    return value


def _anonymise(
    table: str, doc: dict[str, Any], names: dict[str, str], order: Any
) -> dict[str, Any]:
    """One record with its people renamed and listed by pseudonym and its text left out (ids
    are still the real ones here)."""
    doc = dict(doc)
    if table == PEOPLE:
        doc["name"] = names[doc["id"]]
    required = _required(table)
    for field in DROPPED.get(table, ()):
        if field in doc:
            if field in required:
                doc[field] = [] if isinstance(doc[field], list) else ""
            else:
                del doc[field]
    if table == SEATINGS:
        doc["tables"] = [
            {**t, "members": sorted(t.get("members", []), key=order)} for t in doc["tables"]
        ]
    if table == ROTATIONS:
        doc = _rotation(doc, order)
    return doc


def _rotation(doc: dict[str, Any], order: Any) -> dict[str, Any]:
    """A rotation with its presenters listed by pseudonym: the visits name presenters by
    position, so they follow; who visited which table in which round stays as it was."""
    presenters: list[str] = doc["presenters"]
    ranked = sorted(range(len(presenters)), key=lambda i: order(presenters[i]))
    moved = {old: new for new, old in enumerate(ranked)}
    visits = [{**v, "presenter": moved.get(v["presenter"], v["presenter"])} for v in doc["visits"]]
    visits.sort(key=lambda v: (v["round"], v["table"]))
    dropped = sorted(doc.get("dropped", []), key=lambda d: order(d["presenter"]))
    doc = {**doc, "presenters": [presenters[i] for i in ranked], "visits": visits}
    if dropped:
        doc["dropped"] = dropped
    return doc


def _required(table: str) -> frozenset[str]:
    """The fields a record of the table must have (no default): kept, empty, when left out."""
    return frozenset(
        f.name
        for f in dataclasses.fields(COHORT_TABLES[table])
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
