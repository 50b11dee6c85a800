"""``lp-tui import FILE.json``: every record is checked before anything is written; a bad one
is refused in one line naming the table, record and field, and the database is untouched."""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lp_tui.cli import cli
from lp_tui.domain import record_rules as rules
from lp_tui.store import validate
from lp_tui.store.repo import COHORT_TABLES, Repo
from tests.conftest import REPO_ROOT, one_line

Document = dict[str, Any]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """The json export of the demo cohort after a full run of its days."""
    folder = tmp_path_factory.mktemp("export")
    db, out = folder / "demo.json", folder / "export.json"
    runner = CliRunner()
    made = runner.invoke(cli, ["--db", str(db), "demo", "--no-launch", "--with-activity"])
    assert made.exit_code == 0, made.stderr
    done = runner.invoke(cli, ["--db", str(db), "export", "--format", "json", "--out", str(out)])
    assert done.exit_code == 0, done.stderr
    return json.loads(out.read_text())


@pytest.fixture
def target(run_cli, db_path: Path) -> Path:
    """A database that already holds a cohort of its own (so its bytes can be compared)."""
    assert run_cli("cohort", "create", "Here already").exit_code == 0
    return db_path


def write(document: Any, folder: Path, name: str = "in.json") -> Path:
    path = folder / name
    path.write_bytes(document if isinstance(document, bytes) else json.dumps(document).encode())
    return path


def refused(run_cli, target: Path, file: Path) -> str:
    """The one line of a refused import, the database checked to be byte for byte as it was."""
    before = target.read_bytes()
    result = run_cli("import", str(file))
    assert result.exit_code == 2, result.stdout
    assert target.read_bytes() == before
    assert "Traceback" not in result.output
    return one_line(result.stderr)


def first(table: str, field: str, value: Any) -> Callable[[Document], tuple[str, int]]:
    def change(document: Document) -> tuple[str, int]:
        document[table][0][field] = value
        return table, 1

    return change


def of_cohort(field: str, value: Any) -> Callable[[Document], tuple[str, int]]:
    def change(document: Document) -> tuple[str, int]:
        document["cohort"][field] = value
        return "cohort", 0

    return change


CONTROL_NAME = "Ann \x1b[2J Lee"
# (change, field, words): each kind of record that breaks later, refused at import.
BAD_IMPORTS = [
    (first("observations", "at", "2017-13-01T09:00:00+00:00"), "at", "is not a date and time"),
    (first("observations", "at", "2017-11-24T09:00:00"), "at", "has no UTC offset"),
    (first("attendance", "at", "half past nine"), "at", "is not a date and time"),
    (of_cohort("dates", ["2017-11-23", "24/11/2017", "2018-01-16"]), "dates", "day 2"),
    (of_cohort("created_at", "today"), "created_at", "is not a date and time"),
    (first("observations", "day", 99), "day", "99 is not a day of its cohort (1 to 3)"),
    (first("agenda", "day", 0), "day", "0 is not a day of its cohort"),
    (first("observations", "day", "2"), "day", "is not a whole number"),
    (first("people", "name", "x" * 1_000_000), "name", "1,000,000 characters; at most 200"),
    (first("observations", "note", "x" * 20_001), "note", "at most 20,000"),
    (first("people", "organisation", "x" * 5_000), "organisation", "at most 1,000"),
    (first("people", "name", CONTROL_NAME), "name", "holds a control character (U+001B)"),
    (first("observations", "note", "a\x00b"), "note", "control character (U+0000)"),
    (first("people", "access_needs", "x\u202ey"), "access_needs", "control character (U+202E)"),
    (first("people", "role", "king"), "role", "'king' is not one of"),
    (first("people", "name", ""), "name", "empty"),
    (first("people", "nickname", "Jo"), "'nickname'", "not a field of"),
    (first("forms", "number", 2**70), "number", "is not a whole number"),
    (first("forms", "number", 2**40), "number", "too large"),
    (first("seatings", "tables", [{"number": 1, "members": ["x\x1b"]}]), "tables", "U+001B"),
    (first("seatings", "tables", [{"number": "1", "members": []}]), "tables", "entry 1: number"),
    (first("rotations", "visits", [{"round": 1, "table": 9, "presenter": 0}]), "visits", "table"),
    (first("observations", "about", "nobody-at-all"), "about", "names nobody in people"),
    (first("attendance", "cohort", "another"), "cohort", "belongs to another cohort"),
    (of_cohort("programme", "../../x/evil"), "programme", "is not a programme key"),
    (of_cohort("programme", "/etc/passwd"), "programme", "is not a programme key"),
    (of_cohort("programme", 42), "programme", "not int"),
    (of_cohort("name", "\x1b]0;owned\x07"), "name", "control character"),
]
IDS = [f"{words[:30]}" for _, _, words in BAD_IMPORTS]


@pytest.mark.parametrize(("change", "field", "words"), BAD_IMPORTS, ids=IDS)
def test_a_bad_record_is_refused_naming_table_record_and_field(
    run_cli, target: Path, tmp_path: Path, exported: Document, change, field: str, words: str
) -> None:
    document = copy.deepcopy(exported)
    table, number = change(document)
    file = write(document, tmp_path)
    line = refused(run_cli, target, file)
    if table == "cohort":
        where = f"lp-tui: {file}: cohort (id {document['cohort']['id']}): {field}: "
    else:
        record_id = document[table][number - 1]["id"]
        where = f"lp-tui: {file}: table '{table}' record {number} (id {record_id}): {field}: "
    assert line.startswith(where), line
    assert words in line
    assert line.endswith("; nothing imported")
    assert len(line) < 400
    assert "\x1b" not in line and "\x00" not in line and "\u202e" not in line


def test_an_id_used_twice_in_the_file_is_refused(
    run_cli, target: Path, tmp_path: Path, exported: Document
) -> None:
    document = copy.deepcopy(exported)
    document["observations"][1]["id"] = document["people"][0]["id"]
    line = refused(run_cli, target, write(document, tmp_path))
    assert "table 'observations' record 2" in line and "id: used by another record" in line


@pytest.mark.parametrize(
    "same",
    [str, str.upper, lambda n: n.replace(" ", "  "), lambda n: "\u200b" + n],
    ids=["exact", "case", "spacing", "zero-width space"],
)
def test_two_people_of_one_name_are_refused_as_a_roster_would(
    run_cli, target: Path, tmp_path: Path, exported: Document, same: Callable[[str], str]
) -> None:
    """Names that differ only by case, spacing or an invisible character are one name."""
    document = copy.deepcopy(exported)
    document["people"][1]["name"] = same(document["people"][0]["name"])
    line = refused(run_cli, target, write(document, tmp_path))
    assert "table 'people' record 2" in line and "name: is the name of another person" in line


def test_ids_that_clash_with_stored_ones_are_refused_in_any_table(
    run_cli, db_path: Path, tmp_path: Path, exported: Document
) -> None:
    first_file = write(exported, tmp_path, "first.json")
    assert run_cli("import", str(first_file)).exit_code == 0
    document = copy.deepcopy(exported)
    document["cohort"]["id"] = "a-new-cohort-id"
    document["cohort"]["name"] = "A new cohort"
    for table in COHORT_TABLES:
        for doc in document.get(table, []):
            doc["cohort"] = "a-new-cohort-id"
    line = refused(run_cli, db_path, write(document, tmp_path))
    person = document["people"][0]["id"]
    assert f"table 'people' record 1 (id {person}): id: already used in this database" in line
    assert "(table 'people')" in line


def test_a_record_whose_id_is_a_stored_cohort_is_refused(
    run_cli, target: Path, tmp_path: Path, exported: Document
) -> None:
    here = Repo(target).snapshot().cohorts()[0].id
    document = copy.deepcopy(exported)
    document["observations"][0]["id"] = here
    line = refused(run_cli, target, write(document, tmp_path))
    assert "table 'observations' record 1" in line and "(table 'cohorts')" in line


def test_a_cohort_name_already_here_in_another_case_is_refused(
    run_cli, target: Path, tmp_path: Path, exported: Document
) -> None:
    document = copy.deepcopy(exported)
    document["cohort"]["name"] = "HERE ALREADY"
    line = refused(run_cli, target, write(document, tmp_path))
    assert "a cohort named 'HERE ALREADY' already exists; nothing imported" in line


def test_a_programme_lp_tui_does_not_have_is_refused(
    run_cli, target: Path, tmp_path: Path, exported: Document
) -> None:
    document = copy.deepcopy(exported)
    document["cohort"]["programme"] = "no-such-programme"
    line = refused(run_cli, target, write(document, tmp_path))
    assert "cohort (id " in line and "programme: no-such-programme.toml: no such programme" in line


def test_more_days_than_the_programme_has_are_refused(
    run_cli, target: Path, tmp_path: Path, exported: Document
) -> None:
    document = copy.deepcopy(exported)
    document["cohort"]["dates"] = [*document["cohort"]["dates"], ""]
    line = refused(run_cli, target, write(document, tmp_path))
    assert "dates: 4 days, programme 'effective-lay-partner' has 3; nothing imported" in line


def test_something_not_a_table_of_an_export_is_refused(
    run_cli, target: Path, tmp_path: Path, exported: Document
) -> None:
    document = {**copy.deepcopy(exported), "meta": {"1": {"rev": "x"}}}
    line = refused(run_cli, target, write(document, tmp_path))
    assert "meta: not a table of an lp-tui export" in line


def test_a_good_export_imports_and_reads_clean(
    run_cli, db_path: Path, tmp_path: Path, exported: Document
) -> None:
    result = run_cli("import", str(write(exported, tmp_path)))
    assert result.exit_code == 0, result.stderr
    tables = orjson.loads(db_path.read_bytes())
    assert validate.problems(tables) == []
    total = sum(len(exported.get(t, [])) for t in COHORT_TABLES)
    assert f"({total} records)" in result.stdout


def test_cohort_create_refuses_a_programme_path(run_cli, db_path: Path, tmp_path: Path) -> None:
    evil = tmp_path / "evil.toml"
    evil.write_text((REPO_ROOT / "sessions" / "effective-lay-partner.toml").read_text())
    for programme in (str(tmp_path / "evil"), "../../x/evil", "Effective-Lay-Partner"):
        result = run_cli("cohort", "create", "X", "--programme", programme)
        assert result.exit_code == 2
        assert "programme key" in one_line(result.stderr)
    assert not db_path.exists()


def test_the_size_limits_are_the_ones_the_rules_name() -> None:
    assert (rules.MAX_NAME, rules.MAX_TEXT) == (200, 20_000)


# ---------------------------------------------------------------- fuzz: nothing gets through


def import_once(content: bytes) -> None:
    """Import ``content`` into a fresh database: it imports clean records or exits 2."""
    with tempfile.TemporaryDirectory(prefix="lp-tui-fuzz-") as name:
        folder = Path(name)
        file = write(content, folder)
        db = folder / "db.json"
        result = CliRunner().invoke(cli, ["--db", str(db), "import", str(file)])
        clean_or_one_line(result.exit_code, result.stderr, db)


def clean_or_one_line(code: int, stderr: str, db: Path) -> None:
    event(f"exit {code}")
    assert code in (0, 2), stderr
    if code == 2:
        line = one_line(stderr)
        assert line.startswith("lp-tui: ") and "unexpected error" not in line
        assert not db.exists()
    else:
        assert validate.problems(orjson.loads(db.read_bytes())) == []
        Repo(db).snapshot()


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(content=st.binary(max_size=400))
def test_any_bytes_either_import_or_exit_2_with_one_line(content: bytes) -> None:
    import_once(content)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["", "2017-11-24", "2017-11-24T10:00:00+00:00", "coach", "../x", "\x1b"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)


@st.composite
def mutated(draw: st.DrawFn, document: Document) -> bytes:
    """The export with one to three changes: a field set to any JSON value or taken out, a
    record removed or doubled, a table replaced; sometimes the bytes cut short."""
    # Copied where it changes, a level at a time (a deep copy of the whole export for each
    # example was a tenth of the CLI tests' time): a table or record is copied before it is
    # changed, so the export the examples share is never touched.
    document = dict(document)
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(["cohort", "format", "version", *COHORT_TABLES]))
        value = document.get(table)
        how = draw(st.sampled_from(["set", "drop", "record", "table"]))
        if isinstance(value, list) and value and how in ("set", "drop", "record"):
            records = document[table] = list(value)
            index = draw(st.integers(0, len(records) - 1))
            if how == "record":
                doubled = draw(st.booleans())
                records.insert(index, records[index]) if doubled else records.pop(index)
                continue
            value = records[index] = copy.copy(records[index])
        elif isinstance(value, dict):
            value = document[table] = dict(value)
        if isinstance(value, dict) and value and how in ("set", "drop"):
            field = draw(st.sampled_from(sorted(value)) | st.text(max_size=6))
            if how == "drop":
                value.pop(field, None)
            else:
                value[field] = draw(json_values)
        else:
            document[table] = draw(json_values)
    content = json.dumps(document).encode()  # json: numbers of any size
    if draw(st.integers(0, 9)) == 0:
        content = content[: draw(st.integers(0, len(content)))]
    return content


@pytest.mark.long
@FUZZ
@given(data=st.data())
def test_any_change_to_a_good_export_imports_clean_or_exits_2_with_one_line(
    exported: Document, data: st.DataObject
) -> None:
    import_once(data.draw(mutated(exported)))
