"""The json export: every record of a cohort, enough to rebuild it with ``lp-tui import``."""

from __future__ import annotations

from typing import Any

import orjson

from lp_tui.domain.csv_input import InputError
from lp_tui.domain.model import Cohort
from lp_tui.store.records import BadField, check_doc, to_doc
from lp_tui.store.repo import COHORT_TABLES, Snapshot

FORMAT = "lp-tui-export"
VERSION = 1


def export_document(snapshot: Snapshot, cohort: Cohort) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "cohort": to_doc(cohort),
        **snapshot.cohort_docs(cohort.id),
    }


def dumps(document: dict[str, Any]) -> bytes:
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def parse_export(text: str, source: str) -> tuple[Cohort, dict[str, list[dict[str, Any]]]]:
    """A cohort and its records from an export, every record checked (InputError if not)."""
    try:
        document = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise InputError(source, f"not valid JSON ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(source, f'not an lp-tui export (no "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise InputError(source, f"export version {document.get('version')!r} is not {VERSION}")
    cohort = _check(Cohort, document.get("cohort"), source, "cohort")
    records: dict[str, list[dict[str, Any]]] = {}
    ids: set[str] = {cohort.id}
    for table, cls in COHORT_TABLES.items():
        docs = document.get(table, [])
        if not isinstance(docs, list):
            raise InputError(source, "must be a list", field=table)
        for index, doc in enumerate(docs):
            where = f"{table}[{index}]"
            record = _check(cls, doc, source, where)
            if record.cohort != cohort.id:
                raise InputError(source, "belongs to another cohort", row=where, field="cohort")
            if record.id in ids:
                raise InputError(source, f"id {record.id} is used twice", row=where, field="id")
            ids.add(record.id)
        records[table] = docs
    people = {doc["id"] for doc in records.get("people", [])}
    for table in ("attendance", "observations", "peer_feedback"):
        for index, doc in enumerate(records.get(table, [])):
            for field in ("person", "by", "about", "giver", "receiver"):
                if field in doc and doc[field] not in people:
                    raise InputError(
                        source, "names nobody in people", row=f"{table}[{index}]", field=field
                    )
    return cohort, records


def _check(cls: type, doc: Any, source: str, where: str) -> Any:
    try:
        return check_doc(cls, doc)
    except BadField as error:
        raise InputError(source, str(error), row=where, field=error.field) from None
