"""Anonymised exports cannot be linked to a named export of the same cohort: no id, exact
moment, name, organisation or access need of the named export appears in any anonymised one,
in any format; people are listed by pseudonym, never in an order of their real names; text left
out is left out. Exported here: json, csv (a zip), xlsx, md and html, named and anonymised, of
the demo after a full run of its days (tests/export/conftest.py)."""

from __future__ import annotations

import dataclasses
import errno
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lp_tui.domain.clock import iso
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.model import Person, new_id
from lp_tui.domain.timers import AgendaEvent, EventKind
from lp_tui.export import json_format
from lp_tui.export.write import export, render
from lp_tui.store import validate
from lp_tui.store.repo import PEOPLE, ROTATIONS, SEATINGS, SECRETS, Repo, Snapshot
from lp_tui.store.storage import StoreWriteError
from tests.export.conftest import AFTER, busy_cohort

FORMATS = ["json", "csv", "xlsx", "md", "html"]
SUFFIX = {"json": ".json", "csv": ".zip", "xlsx": ".xlsx", "md": ".md", "html": ".html"}
# text that looks like a record id: 16 or more hex characters, or an inserted agenda item's key
ID_LIKE = re.compile(r"[0-9a-f]{16,}|extra-[0-9a-f]+")
SECONDS = re.compile(r"\d\d:\d\d:\d\d")


def key_of(repo: Repo, cohort_id: str) -> str:
    return repo.pseudonym_key(cohort_id, iso(AFTER))


def write(repo: Repo, demo, programme, fmt: str, folder: Path, anonymise: bool) -> Path:
    out = folder / (("anonymised" if anonymise else "named") + SUFFIX[fmt])
    key = key_of(repo, demo[0].id) if anonymise else ""
    snapshot = repo.snapshot()
    [written] = export(
        snapshot, demo[0], programme, fmt, out, now=AFTER, tz=UTC, anonymise=anonymise, key=key
    )
    return written


def text_of(path: Path) -> str:
    """Everything a file holds, as text: every cell of every sheet, every csv of a zip."""
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        return "\n".join(
            "\t".join(shown(c.value) for c in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
        )
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(n).decode("utf-8-sig") for n in archive.namelist())
    return path.read_text()


def shown(value: Any) -> str:
    """A workbook cell as text: a date-time or time cell as it shows, to the minute (any
    seconds it holds are kept, so a moment to the second is still found)."""
    if isinstance(value, datetime | time) and not (value.second or value.microsecond):
        return value.strftime("%Y-%m-%d %H:%M" if isinstance(value, datetime) else "%H:%M")
    return "" if value is None else str(value)


def strings(value: Any) -> set[str]:
    """Every string a json document holds, at any depth."""
    if isinstance(value, dict):
        return set().union(*(strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings(v) for v in value)) if value else set()
    return {value} if isinstance(value, str) else set()


class Exports(Mapping[str, Path]):
    """Each format's export of the busy cohort, written when a test first asks for it (a test
    of one format writes that one: the workbook alone takes a second)."""

    def __init__(self, write_one: Callable[[str], Path]) -> None:
        self._write_one = write_one
        self._written: dict[str, Path] = {}

    def __getitem__(self, fmt: str) -> Path:
        if fmt not in FORMATS:
            raise KeyError(fmt)
        if fmt not in self._written:
            self._written[fmt] = self._write_one(fmt)
        return self._written[fmt]

    def __iter__(self) -> Iterator[str]:
        return iter(FORMATS)

    def __len__(self) -> int:
        return len(FORMATS)


def exports(repo, demo, programme, folder: Path, anonymise: bool) -> Exports:
    folder.mkdir()
    return Exports(lambda fmt: write(repo, demo, programme, fmt, folder, anonymise))


@pytest.fixture
def named(repo, demo, programme, busy, tmp_path) -> Exports:
    return exports(repo, demo, programme, tmp_path / "named", False)


@pytest.fixture
def anonymised(repo, demo, programme, busy, tmp_path) -> Exports:
    return exports(repo, demo, programme, tmp_path / "anonymised", True)


def ids_in(named: Exports) -> set[str]:
    """Every id the named exports hold: the json's, and any id-like text of the others."""
    found = {s for s in strings(json.loads(named["json"].read_text())) if ID_LIKE.fullmatch(s)}
    for fmt in FORMATS:
        found |= set(ID_LIKE.findall(text_of(named[fmt])))
    return found


@dataclasses.dataclass(frozen=True)
class Room:
    """One busy cohort exported named and anonymised, for the tests that only read the
    files: made once a module (and a test process), not once a test and format."""

    people: list[Person]
    named: Exports
    anonymised: Exports
    named_ids: set[str]


@pytest.fixture(scope="module")
def room(tmp_path_factory, programme) -> Room:
    folder = tmp_path_factory.mktemp("linkage")
    made = busy_cohort(folder, programme)
    named = exports(made.repo, made.demo, programme, folder / "named", False)
    anonymised = exports(made.repo, made.demo, programme, folder / "anonymised", True)
    return Room(made.everyone, named, anonymised, ids_in(named))


def test_the_named_exports_hold_the_ids_and_exact_moments_looked_for(room) -> None:
    document = json.loads(room.named["json"].read_text())
    people = document["people"]
    assert len(room.named_ids) > 500
    assert {p["id"] for p in people} <= room.named_ids
    assert document["cohort"]["id"] in room.named_ids
    assert SECONDS.search(room.named["json"].read_text())


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_id_of_a_named_export_is_in_any_anonymised_export(room, fmt) -> None:
    text = text_of(room.anonymised[fmt])
    assert [i for i in room.named_ids if i in text] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_moment_to_the_second_in_any_anonymised_export(room, fmt) -> None:
    assert SECONDS.findall(text_of(room.anonymised[fmt])) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_name_organisation_project_or_access_need_and_no_filler(room, fmt) -> None:
    text = text_of(room.anonymised[fmt])
    for person in room.people:
        for said in (person.name, person.organisation, person.project, person.access_needs):
            if said:
                assert said not in text, said
    assert "text left out" not in text
    assert re.search(r"\bP\d\d\b", text) and re.search(r"\bC\d\d\b", text)


def test_every_id_in_the_anonymised_json_is_fresh_and_consistent(room) -> None:
    document = json.loads(room.anonymised["json"].read_text())
    ids = {d["id"] for table in document.values() if isinstance(table, list) for d in table}
    ids.add(document["cohort"]["id"])
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)
    people = {p["id"] for p in document["people"]}
    # every person a record names is one of the anonymised people
    for mark in document["attendance"]:
        assert mark["person"] in people and mark["cohort"] == document["cohort"]["id"]
    for seating in document["seatings"]:
        for table in seating["tables"]:
            assert set(table["members"]) <= people
    for plan in document["rotations"]:
        assert set(plan["presenters"]) <= people
    every = {d["id"] for d in document["observations"]}
    assert all(o["replaces"] in every for o in document["observations"] if "replaces" in o)
    assert ids.isdisjoint(strings(json.loads(room.named["json"].read_text())))


def test_the_anonymised_json_imports_and_reports_as_the_anonymised_report(
    repo, demo, programme, anonymised, tmp_path
) -> None:
    cohort, records = json_format.parse_export(anonymised["json"].read_text(), "a.json")
    other = Repo(tmp_path / "other" / "lp-tui.json")
    other.import_cohort(cohort, records)
    [again] = export(
        other.snapshot(), cohort, programme, "md", tmp_path / "again.md", now=AFTER, tz=UTC
    )
    lines = anonymised["md"].read_text().splitlines()
    assert again.read_text().splitlines()[5:] == lines[5:]  # past the line saying "Anonymised"


def test_pseudonyms_are_stable_across_exports_of_a_cohort(
    repo, demo, programme, busy, anonymised, tmp_path
) -> None:
    folder = tmp_path / "again"
    folder.mkdir()
    for fmt in ("json", "md", "html", "csv"):
        again = write(repo, demo, programme, fmt, folder, True)
        assert again.read_bytes() == anonymised[fmt].read_bytes(), fmt
    again = write(repo, demo, programme, "xlsx", folder, True)
    assert text_of(again) == text_of(anonymised["xlsx"])
    assert len(repo.snapshot().tables[SECRETS]) == 1  # made once, by the first export


def test_another_database_has_another_secret_and_other_ids(
    repo, demo, programme, named, anonymised, tmp_path
) -> None:
    cohort, records = json_format.parse_export(named["json"].read_text(), "n.json")
    other = Repo(tmp_path / "other" / "lp-tui.json")
    other.import_cohort(cohort, records)  # the same records, the same real ids
    key = other.pseudonym_key(cohort.id, iso(AFTER))
    assert key != key_of(repo, demo[0].id)
    [made] = export(
        other.snapshot(),
        cohort,
        programme,
        "json",
        tmp_path / "other.json",
        now=AFTER,
        tz=UTC,
        anonymise=True,
        key=key,
    )
    mine = strings(json.loads(anonymised["json"].read_text()))
    theirs = strings(json.loads(made.read_text()))
    fresh = {s for s in theirs if ID_LIKE.fullmatch(s)}
    assert len(fresh) > 500 and fresh.isdisjoint(mine)


def test_the_secret_is_in_no_export_and_never_imported(
    repo, demo, named, anonymised, tmp_path
) -> None:
    key = key_of(repo, demo[0].id)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    for paths in (named, anonymised):
        for path in paths.values():
            assert key not in text_of(path)
            assert key.encode() not in path.read_bytes()
    document = json.loads(named["json"].read_text())
    assert SECRETS not in document
    [secret] = repo.snapshot().tables[SECRETS].values()
    document[SECRETS] = [secret]
    with pytest.raises(InputError, match="secrets: not a table of an lp-tui export"):
        json_format.parse_export(json.dumps(document), "x.json")


def test_a_bad_secret_is_a_bad_record(repo, demo) -> None:
    key_of(repo, demo[0].id)
    tables = repo.snapshot().tables
    [(number, doc)] = tables[SECRETS].items()
    for bad, problem in (("abc", "64 lower-case hex"), (7, "is not text")):
        broken = {**tables, SECRETS: {number: {**doc, "key": bad}}}
        [found] = validate.problems(broken)
        assert (found.table, found.field) == (SECRETS, "key") and problem in found.problem
    orphan = {**tables, SECRETS: {number: {**doc, "cohort": "nobody"}}}
    assert [p.field for p in validate.problems(orphan)] == ["cohort"]


def test_a_secret_that_cannot_be_saved_is_one_line_and_nothing_changes(
    repo, demo, monkeypatch
) -> None:
    before = repo.path.read_bytes()
    real = os.replace

    def failing(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if str(dst) == str(repo.path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(StoreWriteError) as caught:
        key_of(repo, demo[0].id)
    assert len(str(caught.value).splitlines()) == 1
    assert repo.path.read_bytes() == before
    monkeypatch.undo()
    assert re.fullmatch(r"[0-9a-f]{64}", key_of(repo, demo[0].id))


def test_an_anonymised_export_without_the_secret_is_refused(repo, demo, programme, busy) -> None:
    with pytest.raises(ValueError, match="pseudonym secret"):
        render(
            repo.snapshot(),
            demo[0],
            programme,
            "md",
            Path("x.md"),
            now=AFTER,
            tz=UTC,
            anonymise=True,
        )


def test_the_anonymised_report_lists_tables_and_feedback_by_pseudonym(room) -> None:
    text = room.anonymised["md"].read_text()
    rows = re.findall(r"^\| \d+(?: \(accessible\))? \| C\d\d \| (.*) \|$", text, re.M)
    assert len(rows) >= 7
    for row in rows:
        members = row.split(", ")
        assert members == sorted(members)
    assert "Anonymised" in text


def test_attendance_rows_are_in_pseudonym_order(room) -> None:
    with zipfile.ZipFile(room.anonymised["csv"]) as archive:
        [name] = [n for n in archive.namelist() if n.endswith("/attendance.csv")]
        lines = archive.read(name).decode("utf-8-sig").splitlines()[1:]
    rows = [line.split(",") for line in lines]
    for day in {r[0] for r in rows}:
        names = [r[3] for r in rows if r[0] == day]
        assert names == sorted(names) and len(names) > 30


# ---------------------------------------------------------------- names decide no order


def _renamed(snapshot: Snapshot, names: list[str]) -> Snapshot:
    """Everyone renamed, and every list of people as stored put in the order of the new names
    (as a roster file, an allocation or a rotation sorted by name would store them): the
    people table, each table's members, each rotation's presenters (its visits following)."""
    people = [doc for _, doc in sorted(snapshot.tables[PEOPLE].items(), key=lambda d: int(d[0]))]
    new = {doc["id"]: name for doc, name in zip(people, names, strict=True)}

    def by_name(person: str) -> str:
        return new[person].casefold()

    people.sort(key=lambda doc: by_name(doc["id"]))
    tables = dict(snapshot.tables)
    tables[PEOPLE] = {str(n): {**d, "name": new[d["id"]]} for n, d in enumerate(people, 1)}
    tables[SEATINGS] = {
        number: {
            **doc,
            "tables": [
                {**t, "members": sorted(t.get("members", []), key=by_name)} for t in doc["tables"]
            ],
        }
        for number, doc in snapshot.tables[SEATINGS].items()
    }
    rotations = {}
    for number, doc in snapshot.tables[ROTATIONS].items():
        ranked = sorted(range(len(doc["presenters"])), key=lambda i: by_name(doc["presenters"][i]))
        moved = {old: new_index for new_index, old in enumerate(ranked)}
        rotations[number] = {
            **doc,
            "presenters": [doc["presenters"][i] for i in ranked],
            "visits": [{**v, "presenter": moved[v["presenter"]]} for v in doc["visits"]],
        }
    tables[ROTATIONS] = rotations
    return dataclasses.replace(snapshot, tables=tables)


def _outputs(snapshot: Snapshot, demo, programme, key: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for fmt in FORMATS:
        path = Path("records" + SUFFIX[fmt])
        [(_, data)] = render(
            snapshot, demo[0], programme, fmt, path, now=AFTER, tz=UTC, anonymise=True, key=key
        ).items()
        if fmt == "xlsx":  # the workbook's own creation time aside, every cell
            book = load_workbook(io.BytesIO(data))
            data = [[c.value for c in row] for s in book.worksheets for row in s.iter_rows()]
        out[fmt] = data
    return out


NAME = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll"), whitelist_characters=" -'"),
    min_size=1,
    max_size=24,
).filter(lambda s: s.strip())


@pytest.fixture
def as_stored(repo, demo, programme, busy) -> tuple[Snapshot, str, dict[str, Any]]:
    """The records as stored, their secret, and every anonymised format of them: made once
    for all the examples of a test (they share its fixtures, and the records do not change)."""
    key = key_of(repo, demo[0].id)
    snapshot = repo.snapshot()
    return snapshot, key, _outputs(snapshot, demo, programme, key)


@pytest.mark.long
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_no_order_in_an_anonymised_export_depends_on_names(
    demo, programme, as_stored, data
) -> None:
    """Rename everyone arbitrarily (or shuffle the names among them), with the lists of
    people as stored following the new names: with the same secret, every anonymised format
    is the same, byte for byte, so no order in them follows the names."""
    snapshot, key, base = as_stored
    count = len(snapshot.tables[PEOPLE])
    names = data.draw(
        st.one_of(
            st.permutations([d["name"] for d in snapshot.tables[PEOPLE].values()]),
            st.lists(NAME, min_size=count, max_size=count, unique_by=str.casefold),
        )
    )
    assert _outputs(_renamed(snapshot, list(names)), demo, programme, key) == base


def test_the_export_command_stores_the_secret_once_and_uses_it(
    run_cli, repo, demo, busy, tmp_path
) -> None:
    assert repo.snapshot().pseudonym_key(demo[0].id) is None
    made = []
    for name in ("one.json", "two.json"):
        result = run_cli("export", "--format", "json", "--out", str(tmp_path / name), "--anonymise")
        assert result.exit_code == 0, result.output
        made.append((tmp_path / name).read_bytes())
    assert made[0] == made[1]
    [secret] = repo.snapshot().tables[SECRETS].values()
    assert secret["cohort"] == demo[0].id and secret["key"].encode() not in made[0]
    result = run_cli("export", "--format", "json", "--out", str(tmp_path / "named.json"))
    assert result.exit_code == 0 and len(repo.snapshot().tables[SECRETS]) == 1


def test_an_item_inserted_on_the_day_gets_a_fresh_key_and_keeps_its_place(
    repo, demo, programme, busy, tmp_path
) -> None:
    cohort = demo[0]
    at = iso(AFTER.replace(year=2017, month=11, day=23, hour=15, minute=7, second=9, microsecond=5))
    insert = AgendaEvent(
        new_id(), cohort.id, 1, EventKind.INSERT, "extra-1a2b3c4d", at, title="Q&A", minutes=10
    )
    note = AgendaEvent(new_id(), cohort.id, 1, EventKind.NOTE, "extra-1a2b3c4d", at, text="x")
    repo.add_agenda_events([insert, note])
    [made] = export(
        repo.snapshot(),
        cohort,
        programme,
        "json",
        tmp_path / "a.json",
        now=AFTER,
        tz=UTC,
        anonymise=True,
        key=key_of(repo, cohort.id),
    )
    text = made.read_text()
    assert "extra-1a2b3c4d" not in text and insert.id not in text and note.id not in text
    events = [e for e in json.loads(text)["agenda"] if e.get("title") == "Q&A"]
    [fresh] = [e["item"] for e in events]
    assert re.fullmatch(r"extra-[0-9a-f]{8}", fresh) and events[0]["at"].endswith("15:07+00:00")
    notes = [e for e in json.loads(text)["agenda"] if e["item"] == fresh and e["kind"] == "note"]
    assert len(notes) == 1 and "text" not in notes[0]
