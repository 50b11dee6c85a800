"""``--anonymise``: stable pseudonyms for names (P01 participants, C01 coaches, D01 Darzi
Fellows, M01 managers, F01 facilitators, S01 support), and no access needs or free text that
could identify someone. Applied to the records before any format sees them, so every format is
anonymised the same way."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from lp_tui.store.repo import (
    AGENDA,
    FOLLOWUP_CALLS,
    FORMS,
    IMPACT_REPORTS,
    OBSERVATIONS,
    PEER_FEEDBACK,
    PEOPLE,
    PRESENTER_FEEDBACK,
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

# Fields of free text (or that place a person) dropped from each record kind.
DROPPED: dict[str, tuple[str, ...]] = {
    PEOPLE: ("organisation", "access_needs", "project"),
    OBSERVATIONS: ("note",),
    PEER_FEEDBACK: ("words",),
    PRESENTER_FEEDBACK: ("text",),
    FORMS: ("comments",),
    FOLLOWUP_CALLS: ("note",),
    IMPACT_REPORTS: ("quote", "details"),
    AGENDA: ("text",),
}


def pseudonyms(people: list[dict[str, Any]]) -> dict[str, str]:
    """Person id -> pseudonym; numbered by id within each kind, so the same records always get
    the same pseudonyms and the numbers say nothing about the names."""
    kinds: dict[str, list[str]] = defaultdict(list)
    for doc in people:
        kind = doc.get("presenter_kind") or doc.get("role", "participant")
        kinds[PREFIX.get(kind, "P")].append(doc["id"])
    names = {}
    for prefix, ids in kinds.items():
        width = max(2, len(str(len(ids))))
        for number, person in enumerate(sorted(ids), start=1):
            names[person] = f"{prefix}{number:0{width}d}"
    return names


def anonymised(snapshot: Snapshot, cohort_id: str) -> Snapshot:
    """The snapshot with this cohort's people renamed and its free text left out; only the
    documents that change are copied."""
    people = [d for d in snapshot.tables.get(PEOPLE, {}).values() if d["cohort"] == cohort_id]
    names = pseudonyms(people)
    tables = dict(snapshot.tables)
    for table in {PEOPLE, *DROPPED}:
        docs = tables.get(table)
        if docs:
            tables[table] = {
                key: _anonymise(table, doc, names) if doc.get("cohort") == cohort_id else doc
                for key, doc in docs.items()
            }
    return Snapshot(tables)


def _anonymise(table: str, doc: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    doc = dict(doc)
    if table == PEOPLE:
        doc["name"] = names[doc["id"]]
    for field in DROPPED.get(table, ()):
        if field in doc:
            doc[field] = [] if isinstance(doc[field], list) else ""
    return doc
