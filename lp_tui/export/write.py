"""One export of a cohort in one format: everything is made in memory first, then written
whole (a file at a time, each atomically), so a failure writes nothing half-done."""

from __future__ import annotations

import hashlib
from datetime import datetime, tzinfo
from pathlib import Path

from lp_tui.domain.clock import iso
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.model import Cohort, new_id
from lp_tui.domain.programme import Programme
from lp_tui.domain.retention import ExportRecord
from lp_tui.export import csv_format, json_format
from lp_tui.export.anonymise import json_document
from lp_tui.export.gather import gather
from lp_tui.export.html_format import html
from lp_tui.export.markdown_format import markdown
from lp_tui.export.report import build_report
from lp_tui.export.sheets import sheets
from lp_tui.export.xlsx_format import xlsx_bytes
from lp_tui.store import files
from lp_tui.store.repo import Repo, Snapshot

SUFFIX = {"json": ".json", "csv": ".zip", "md": ".md", "html": ".html", "xlsx": ".xlsx"}


def default_name(cohort: Cohort, fmt: str, anonymise: bool = False, stamp: str = "") -> str:
    """e.g. london-nov-2017-demo-records-20171124-1530.xlsx (csv: one .zip)"""
    stem = "".join(c if c.isalnum() else "-" for c in cohort.name.casefold())
    words = [part for part in stem.split("-") if part] or ["cohort"]
    words += ["records", *(["anonymised"] if anonymise else []), *([stamp] if stamp else [])]
    return "-".join(words) + SUFFIX[fmt]


def unused_path(path: Path) -> Path:
    """``path``, or when something is there already the first free of name-2.ext, name-3.ext...
    (two exports in the same minute never write over each other)."""
    number = 1
    found = path
    while found.exists():
        number += 1
        found = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return found


def render(
    snapshot: Snapshot,
    cohort: Cohort,
    programme: Programme,
    fmt: str,
    out: Path,
    *,
    now: datetime,
    tz: tzinfo,
    anonymise: bool = False,
    key: str = "",
) -> dict[Path, bytes]:
    """The files an export writes, by path, not yet written. An anonymised export needs the
    cohort's pseudonym secret (``Repo.pseudonym_key``) as ``key``. csv: ``out`` a .zip, else
    the folder its files go in (``export`` names a .zip in a folder that is there already)."""
    if fmt == "json":
        if anonymise:
            return {out: json_format.dumps(json_document(snapshot, cohort, key))}
        return {out: json_format.dumps(json_format.export_document(snapshot, cohort))}
    records = gather(snapshot, cohort, programme, now=now, tz=tz, anonymise=anonymise, key=key)
    if fmt == "md":
        return {out: markdown(build_report(records)).encode()}
    if fmt == "html":
        return {out: html(build_report(records)).encode()}
    all_sheets = sheets(records)
    if fmt == "xlsx":
        return {out: xlsx_bytes(records, all_sheets)}
    if fmt == "csv":
        made = csv_format.csv_files(records, all_sheets)
        if csv_format.is_zip(out):
            when = records.generated.astimezone(records.tz)  # each entry's date: the export's
            return {out: csv_format.zip_bytes(made, out.stem, when)}
        if out.exists() and not out.is_dir():
            raise InputError(str(out), "is a file: csv writes a folder (or name a .zip)")
        return {out / name: data for name, data in made.items()}
    raise ValueError(f"unknown format {fmt!r}")


def export(
    snapshot: Snapshot,
    cohort: Cohort,
    programme: Programme,
    fmt: str,
    out: Path,
    *,
    now: datetime,
    tz: tzinfo,
    anonymise: bool = False,
    key: str = "",
    record_in: Repo | None = None,
) -> list[Path]:
    """Write the export; with ``record_in``, each file written is recorded there (its
    ``exports`` table), for ``lp-tui doctor``'s retention and ``lp-tui forget``. ``out`` an
    existing folder: one file is named in it, whatever the format (csv: a zip), so files already
    there, the user's own, are never written over; csv writes loose files only into a folder
    it makes."""
    if out.is_dir():  # a file named there (csv: a .zip), never over an earlier one or another's
        out = unused_path(out / default_name(cohort, fmt, anonymise))
    made = render(
        snapshot, cohort, programme, fmt, out, now=now, tz=tz, anonymise=anonymise, key=key
    )
    written = [files.write_bytes(path, data) for path, data in made.items()]
    if record_in is not None:
        at = iso(now)
        record_in.add_exports(
            ExportRecord(
                new_id(),
                cohort.id,
                str(path.resolve()),
                fmt,
                at,
                anonymise,
                hashlib.sha256(data).hexdigest(),
            )
            for path, data in zip(written, made.values(), strict=True)
        )
    return written
