"""Every record is checked on every read: a bad one is named in one line, doctor lists every
one, and nothing ever writes over such a file."""

from __future__ import annotations

import copy
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lp_tui.domain.clock import iso
from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.demo_day import demo_activity
from lp_tui.domain.live_day import LiveDay
from lp_tui.domain.model import new_id
from lp_tui.store import validate
from lp_tui.store.repo import Repo
from lp_tui.store.storage import Database
from lp_tui.store.validate import BadRecord, Problem
from tests.conftest import DEMO_MOMENT, one_line, store_copy

Tables = dict[str, dict[str, Any]]


@pytest.fixture(scope="session")
def full_file(tmp_path_factory: pytest.TempPathFactory, programme) -> bytes:
    """The demo cohort after a full run of its days, stored once a process."""
    made = Repo(tmp_path_factory.mktemp("full") / "lp-tui.json")
    cohort, people = demo_cohort(iso(DEMO_MOMENT))
    made.add_cohort(cohort, people)
    made.add_activity(demo_activity(cohort, people, programme))
    return made.path.read_bytes()


@pytest.fixture
def full(repo: Repo, full_file: bytes) -> Path:
    """The demo cohort after a full run of its days (every table holds records), copied."""
    store_copy(repo.path, full_file)
    return repo.path


@pytest.fixture
def written(repo: Repo, demo, programme) -> Path:
    """The same written by the store here, with the backups its writes keep."""
    cohort, people = demo
    repo.add_activity(demo_activity(cohort, people, programme))
    return repo.path


def load(path: Path) -> Tables:
    return orjson.loads(path.read_bytes())


def bad_file(path: Path, change: Callable[[Tables], Any]) -> bytes:
    tables = load(path)
    change(tables)
    content = orjson.dumps(tables)
    path.write_bytes(content)
    return content


DROP = object()  # as a value: the field is taken out


@dataclass(frozen=True)
class Bad:
    """One kind of bad record: ``field`` of a record of ``table`` set to ``value`` (its first
    entry's ``inner`` field, for a list of records); the problem holds ``words``. No field:
    the record's key is one the store never writes."""

    table: str
    field: str
    value: Any
    words: str
    inner: str = ""

    def apply(self, tables: Tables, key: str = "1") -> str:
        """Make the record at ``key`` bad; the record as the problem names it."""
        docs = tables[self.table]
        if not self.field:
            docs["abc"] = docs.pop(key)
            return "'abc'"
        doc = docs[key][self.field][0] if self.inner else docs[key]
        name = self.inner or self.field
        if self.value is DROP:
            del doc[name]
        else:
            doc[name] = copy.deepcopy(self.value)
        return key

    def named_in(self, problem: Problem | str, record: str) -> bool:
        text = str(problem)
        where = f"table '{self.table}' record {record}: "
        if self.field:
            where += f"{self.field}: "
        return where in text and self.words in text


BAD = [
    Bad("people", "name", DROP, "missing"),
    Bad("people", "name", "   ", "empty"),
    Bad("people", "name", 7, "7 is not text"),
    Bad("meta", "rev", "x", "'x' is not a whole number"),
    Bad("meta", "rev", -1, "below 0"),
    Bad("meta", "backup_at", "soon", "not a number"),
    Bad("people", "role", "king", "'king' is not one of"),
    Bad("people", "experience", 3, "3 is not one of"),
    Bad("people", "followup_call", "yes", "not true or false"),
    Bad("cohorts", "programme", 42, "not int"),
    Bad("cohorts", "programme", "../../x/evil", "is not a programme key"),
    Bad("cohorts", "dates", "2017", "not a list of dates"),
    Bad("cohorts", "created_at", "now", "is not a date and time"),
    Bad("people", "cohort", "nope", "no cohort has the id 'nope'"),
    Bad("people", "cohort", "", "empty"),
    Bad("observations", "day", "x", "not a whole number"),
    Bad("observations", "day", True, "not a whole number"),
    Bad("observations", "day", 99, "99 is not a day of its cohort"),
    Bad("attendance", "at", "2017-11-23T09:10", "has no UTC offset"),
    Bad("attendance", "at", "x", "is not a date and time"),
    Bad("attendance", "status", "gone", "is not one of"),
    Bad("agenda", "item", DROP, "missing"),
    Bad("agenda", "kind", "explode", "is not one of"),
    Bad("agenda", "seconds", 1.5, "not a whole number"),
    Bad("seatings", "tables", "3", "entry 1: number: '3' is not a whole number", "number"),
    Bad("seatings", "tables", [1], "entry 1: members: entry 1: 1 is not text", "members"),
    Bad("forms", "answers", "5", "entry 1: rating: '5' is not a whole number", "rating"),
    Bad("rotations", "visits", 99, "presenter 99 is not one of", "presenter"),
    Bad("presenter_feedback", "kind", "boss", "'boss' is not one of"),
    Bad("impact_reports", "impacts", ["fame"], "entry 1: 'fame' is not one of"),
    Bad("impact_reports", "stage", "1 year", "is not one of"),
    Bad("behaviours", "kind", "dance", "is not one of"),
    Bad("followup_calls", "opted_in", "yes", "not true or false"),
    Bad("peer_feedback", "table", "2", "not a whole number"),
    Bad("people", "", None, "'abc' is not a record number"),
]
IDS = [
    f"{b.table}.{b.inner or b.field or 'key'}={'(dropped)' if b.value is DROP else repr(b.value)}"[
        :50
    ]
    for b in BAD
]  # the same in every process (pytest-xdist): no object's address


def every_bad(tables: Tables) -> list[tuple[Bad, str]]:
    """Each kind of bad record made at once, each in a record of its own where its table has
    enough records (the others left out); (bad, record) for each one made."""
    made = []
    used: dict[str, int] = {}
    for bad in BAD[:-1]:
        number = used.get(bad.table, 0) + 1
        if str(number) in tables[bad.table]:
            used[bad.table] = number
            made.append((bad, bad.apply(tables, str(number))))
    last = max(tables["people"], key=int)  # the renamed key: on the table's last record
    made.append((BAD[-1], BAD[-1].apply(tables, last)))
    return made


@pytest.mark.parametrize("bad", BAD, ids=IDS)
def test_each_kind_of_bad_record_is_named_in_one_line(full: Path, bad: Bad) -> None:
    made: list[str] = []
    content = bad_file(full, lambda tables: made.append(bad.apply(tables)))
    with pytest.raises(BadRecord) as caught:
        Repo(full).snapshot()
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{full}: ")
    assert message.endswith("; left untouched (lp-tui doctor lists every bad record)")
    assert bad.named_in(message, made[0]), message
    assert [p for p in validate.problems(load(full)) if bad.named_in(p, made[0])]
    assert full.read_bytes() == content


@pytest.mark.parametrize("bad", BAD[:6], ids=IDS[:6])
def test_a_write_refuses_such_a_file_and_leaves_it_byte_for_byte(full: Path, bad: Bad) -> None:
    cohort = next(iter(load(full)["cohorts"].values()))
    content = bad_file(full, bad.apply)
    with pytest.raises(BadRecord):
        Repo(full).add_live_day(LiveDay(new_id(), cohort["id"], 1, "2017-11-23T09:00:00+00:00"))
    assert full.read_bytes() == content


def test_the_demo_after_its_days_holds_no_bad_record(full: Path) -> None:
    assert validate.problems(load(full)) == []
    assert Repo(full).snapshot().cohorts()


def test_a_control_character_in_stored_text_is_not_a_bad_record(full: Path) -> None:
    tables = load(full)
    tables["people"]["1"]["name"] = "Ann \x1b[2J Lee"
    tables["observations"]["1"]["note"] = "bell\x07 and \u202e"
    full.write_bytes(orjson.dumps(tables))
    assert validate.problems(load(full)) == []
    assert Repo(full).snapshot().cohorts()


def test_unknown_tables_and_fields_are_left_alone_on_read(full: Path) -> None:
    tables = load(full)
    tables["someday"] = {"x": {"what": 1}}
    tables["people"]["1"]["nickname"] = "Jo"
    full.write_bytes(orjson.dumps(tables))
    assert validate.problems(load(full)) == []


def test_problems_lists_every_bad_record_and_check_names_the_first(full: Path) -> None:
    tables = load(full)
    made = every_bad(tables)
    assert len(made) >= 20
    problems = validate.problems(tables)
    for bad, record in made:
        assert any(bad.named_in(p, record) for p in problems), (bad, record)
    with pytest.raises(BadRecord, match=re.escape(f"{problems[0]}; left untouched")):
        validate.check(tables, full)


def test_doctor_lists_every_bad_record_as_text_and_json(run_cli, full: Path) -> None:
    made: list[tuple[Bad, str]] = []
    before = bad_file(full, lambda tables: made.extend(every_bad(tables)))
    text = run_cli("doctor")
    assert text.exit_code == 2
    lines = [line.strip() for line in text.stdout.splitlines() if "PROBLEM:" in line]
    for bad, record in made:
        assert any(bad.named_in(line, record) for line in lines), (bad, record)
    report = json.loads(run_cli("doctor", "--format", "json").stdout)
    assert report["healthy"] is False
    listed = report["bad_records"]
    assert len(listed) == len(lines) >= len(made)
    for bad, record in made:
        assert any(
            (p["table"], p["record"], p["field"]) == (bad.table, record, bad.field)
            and bad.words in p["problem"]
            for p in listed
        ), (bad, record)
    assert full.read_bytes() == before


def test_doctor_says_ok_again_once_the_record_is_put_right(run_cli, full: Path) -> None:
    good = full.read_bytes()
    bad_file(full, BAD[6].apply)
    assert run_cli("doctor").exit_code == 2
    full.write_bytes(good)
    healthy = run_cli("doctor")
    assert healthy.exit_code == 0 and "ok: schema 1" in healthy.stdout


def test_doctor_marks_a_backup_that_holds_a_bad_record(run_cli, written: Path) -> None:
    backups = Repo(written).db.backups()
    assert backups, "the demo's first writes keep a backup"
    bad_file(backups[0], BAD[6].apply)
    report = json.loads(run_cli("doctor", "--format", "json").stdout)
    states = {b["path"]: b["state"] for b in report["backups"]}
    assert states[str(backups[0])] == "bad records"


# ---------------------------------------------------------------- no command writes over it

OBSERVE = ["observe", "--day", "2", "--by", "Dr Anjali Rao", "--about", "Grace Nwosu"]
WRITES = [
    (*OBSERVE, "--behaviour", "Listens"),
    ("cohort", "create", "Another"),
    ("roster", "import", "ROSTER"),
    ("import", "EXPORT"),
    ("demo", "--no-launch"),
    ("tables", "allocate", "--day", "1"),
    ("ratings", "import", "FORMS", "--day", "3"),
    ("rotations", "plan", "--day", "2", "--tables", "3", "--presenters", "3", "--visits", "2"),
    ("run", "--day", "1"),
    ("coach", "--as", "Dr Anjali Rao"),
    ("export", "--format", "json", "--out", "OUT"),
    ("doctor",),
]


@pytest.mark.parametrize("args", WRITES, ids=[" ".join(a[:2]) for a in WRITES])
@pytest.mark.parametrize("bad", [BAD[6], BAD[3], BAD[-1]], ids=["role", "meta.rev", "key"])
def test_no_command_writes_over_a_file_with_a_bad_record(
    run_cli, full: Path, tmp_path: Path, args: tuple[str, ...], bad: Bad
) -> None:
    export = tmp_path / "export.json"
    assert run_cli("export", "--format", "json", "--out", str(export)).exit_code == 0
    document = json.loads(export.read_text())
    document["cohort"]["id"], document["cohort"]["name"] = "other", "Other"
    only_the_cohort = {k: document[k] for k in ("format", "version", "cohort")}
    export.write_text(json.dumps(only_the_cohort))
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nNew Person\n")
    forms = tmp_path / "forms.csv"
    forms.write_text("small_groups\n5\n")
    files = {"ROSTER": roster, "EXPORT": export, "FORMS": forms, "OUT": tmp_path / "out.json"}
    content = bad_file(full, bad.apply)
    listing = sorted(p.name for p in full.parent.iterdir())
    result = run_cli(*[str(files.get(a, a)) for a in args])
    assert result.exit_code == 2
    assert full.read_bytes() == content
    assert sorted(p.name for p in full.parent.iterdir()) == listing
    assert "Traceback" not in result.output
    if args[0] == "doctor":
        assert "PROBLEM: table '" in result.stdout
    else:
        line = one_line(result.stderr)
        assert line.startswith(f"lp-tui: {full}: table '") and "left untouched" in line


# ---------------------------------------------------------------- any value, and the cache


def good_tables() -> Tables:
    return {
        "meta": {"1": {"schema": 1, "rev": 3}},
        "cohorts": {
            "1": {
                "id": "c1",
                "name": "A",
                "programme": "effective-lay-partner",
                "dates": ["2017-11-23", "2017-11-24"],
                "created_at": "2017-11-01T09:00:00+00:00",
            }
        },
        "people": {"1": {"id": "p1", "cohort": "c1", "name": "Ann"}},
        "seatings": {
            "1": {
                "id": "s1",
                "cohort": "c1",
                "day": 2,
                "at": "2017-11-24T09:00:00+00:00",
                "how": "allocate",
                "tables": [{"number": 1, "coach": None, "members": ["p1"]}],
            }
        },
        "forms": {
            "1": {
                "id": "f1",
                "cohort": "c1",
                "day": 1,
                "number": 1,
                "at": "2017-11-23T16:00:00+00:00",
                "answers": [{"question": "q", "rating": None}],
            }
        },
    }


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
TABLES_WITH_DOCS = ["cohorts", "people", "seatings", "forms"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.sampled_from(TABLES_WITH_DOCS),
    field=st.sampled_from(
        ["id", "cohort", "name", "day", "at", "dates", "tables", "answers", "number", "role"]
    ),
    value=json_values
    | st.sampled_from(["", " ", "2017-11-24T09:00:00", "2017-11-24", "participant", 0, 2, 3]),
    drop=st.booleans(),
)
def test_any_value_in_any_field_is_named_or_passes_never_a_crash(
    table: str, field: str, value: Any, drop: bool
) -> None:
    """Whatever a field holds, listing problems never raises, and the read check refuses the
    tables exactly when the list is not empty."""
    tables = good_tables()
    doc = tables[table]["1"]
    if drop:
        doc.pop(field, None)
    else:
        doc[field] = copy.deepcopy(value)
    found = validate.problems(tables)
    path = Path(f"/nonexistent/{uuid.uuid4().hex}.json")  # a path never read good before
    if found:
        with pytest.raises(validate.BadRecord, match=re.escape(str(found[0]))):
            validate.check(tables, path)
    else:
        validate.check(tables, path)


def test_a_table_changed_after_a_good_read_is_checked_again(full: Path) -> None:
    repo = Repo(full)
    repo.snapshot()  # good: remembered
    bad_file(full, Bad("observations", "day", 99, "").apply)
    with pytest.raises(BadRecord, match="table 'observations' record 1: day"):
        repo.snapshot()


def test_a_change_of_cohorts_checks_every_table_again(full: Path) -> None:
    repo = Repo(full)
    repo.snapshot()
    bad_file(full, Bad("cohorts", "dates", ["2017-11-23"], "").apply)  # day 2 and 3 are gone
    with pytest.raises(BadRecord, match="day: 2 is not a day of its cohort"):
        repo.snapshot()


def test_a_value_equal_but_of_another_type_is_caught_after_a_good_read(full: Path) -> None:
    repo = Repo(full)
    repo.snapshot()
    bad_file(full, Bad("observations", "day", 1.0, "").apply)  # == 1, but not a whole number
    with pytest.raises(BadRecord, match=r"day: 1\.0 is not a whole number"):
        repo.snapshot()


def test_a_database_without_the_check_reads_anything(full: Path) -> None:
    bad_file(full, BAD[6].apply)
    assert Database(full).read()["people"]["1"]["role"] == "king"
