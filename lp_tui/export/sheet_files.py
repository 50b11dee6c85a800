"""Participants' feedback sheets as files, and as a coach may see one.

``write_sheets`` is the one way sheets reach the disk: ``lp-tui sheets`` and the facilitator's
``S`` both call it. Every page is made in memory first and then written (each file atomically,
mode 600), so bad input writes nothing; with ``record_in`` the files are recorded as exports of
the cohort, so ``lp-tui doctor`` ages them and ``lp-tui forget`` removes them with the others.
The app writes into ``sheets-<date>/`` in the folder its exports go to (``exports_folder``).

``coach_sheet`` is the sheet a table coach is shown: the same page, except that a participant
outside the coach's own table is never named (the peer feedback they exchanged stays, its
other party said as "someone at another table"). ``caller_sheet`` is the one a follow-up
caller is shown: no other participant is named at all."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from datetime import date, datetime, tzinfo
from pathlib import Path

from lp_tui.domain.clock import iso
from lp_tui.domain.model import Cohort, new_id
from lp_tui.domain.programme import Programme
from lp_tui.domain.retention import ExportRecord
from lp_tui.export.gather import CohortRecords, gather
from lp_tui.export.participant_sheet import (
    ParticipantSheet,
    Peer,
    file_name,
    participant_sheet,
    render,
)
from lp_tui.store import files
from lp_tui.store.repo import Repo, Snapshot

ELSEWHERE = "someone at another table"
ANOTHER = "another participant"


class NoSheets(ValueError):
    """There is nobody to make a sheet for."""


def exports_folder(db_path: Path) -> Path:
    """Where the app writes exports: ``exports/`` beside the database."""
    return db_path.parent / "exports"


def sheets_folder(db_path: Path, today: date) -> Path:
    """Where the app writes a day's sheets: ``exports/sheets-YYYY-MM-DD/``."""
    return exports_folder(db_path) / f"sheets-{today.isoformat()}"


def sheet_pages(
    records: CohortRecords, fmt: str, person_ids: Collection[str] | None = None
) -> dict[str, bytes]:
    """File name -> page, one per participant (only ``person_ids`` when given), in the order
    of their names; two names alike get their whole id in the file name."""
    chosen = [p for p in records.participants if person_ids is None or p.id in set(person_ids)]
    if not chosen:
        raise NoSheets(f"cohort {records.cohort.name!r} has no participants")
    pages: dict[str, bytes] = {}
    for one in chosen:
        sheet = participant_sheet(records, one.id)
        name = file_name(sheet, fmt)
        if name in pages:  # two people whose names and ids start alike
            name = file_name(sheet, fmt, id_length=len(sheet.person))
        pages[name] = render(sheet, fmt).encode("utf-8")
    return pages


def write_sheets(
    snapshot: Snapshot,
    cohort: Cohort,
    programme: Programme,
    out: Path,
    *,
    now: datetime,
    tz: tzinfo,
    fmt: str = "html",
    person_ids: Collection[str] | None = None,
    record_in: Repo | None = None,
) -> list[Path]:
    """Every participant's sheet (or ``person_ids``' only) written into the folder ``out``;
    the paths written. Raises NoSheets when there is nobody, StoreWriteError (one line) when a
    file cannot be written, InputError when ``out`` is a file."""
    from lp_tui.domain.csv_input import InputError

    if out.exists() and not out.is_dir():
        raise InputError(str(out), "is a file, not a folder")
    records = gather(snapshot, cohort, programme, now=now, tz=tz)
    pages = sheet_pages(records, fmt, person_ids)
    written = [files.write_bytes(out / name, data) for name, data in pages.items()]
    if record_in is not None:
        at = iso(now)
        record_in.add_exports(
            ExportRecord(new_id(), cohort.id, str(path.resolve()), fmt, at) for path in written
        )
    return written


def coach_sheet(records: CohortRecords, person_id: str, table: Collection[str]) -> ParticipantSheet:
    """The sheet of ``person_id`` as the coach of ``table`` (its members' ids) may see it:
    a participant off that table is not named. Raises KeyError for anyone off the table."""
    members = set(table)
    if person_id not in members:
        raise KeyError(person_id)
    return _named_only(records, person_id, members, ELSEWHERE)


def caller_sheet(records: CohortRecords, person_id: str) -> ParticipantSheet:
    """The sheet of ``person_id`` as their follow-up caller may see it (the person may be
    from any table): no other participant is named (each is "another participant")."""
    return _named_only(records, person_id, {person_id}, ANOTHER)


def _named_only(
    records: CohortRecords, person_id: str, members: set[str], unnamed: str
) -> ParticipantSheet:
    sheet = participant_sheet(records, person_id)
    pair = {f.id: (f.giver, f.receiver) for f in records.peer_feedback}

    def shown(peer: Peer) -> Peer:
        other = set(pair.get(peer.id, ())) - {person_id}
        return peer if other <= members else dataclasses.replace(peer, other=unnamed)

    return dataclasses.replace(
        sheet,
        received=tuple(shown(p) for p in sheet.received),
        given=tuple(shown(p) for p in sheet.given),
    )
