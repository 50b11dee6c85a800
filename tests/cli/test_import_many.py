"""`lp-tui import FILE...`: several rooms' json exports into one database, in one write: all of
them or, on any fault in any file, none."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import orjson
import pytest

from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.demo_day import demo_activity
from lp_tui.domain.model import new_id
from lp_tui.store.repo import Repo
from tests.conftest import one_line

ROOMS = ("London Nov 2017", "London 2018", "Kent Surrey and Sussex 2018")


@pytest.fixture
def exports(tmp_path: Path, programme, run_cli) -> list[Path]:
    """Each room's cohort, run on a laptop of its own, exported as json."""
    made = []
    for number, name in enumerate(ROOMS):
        laptop = tmp_path / f"laptop{number}" / "lp-tui.json"
        repo = Repo(laptop)
        cohort, people = demo_cohort("2017-11-20T09:00:00+00:00")
        cohort = dataclasses.replace(cohort, name=name)
        repo.add_cohort(cohort, people)
        repo.add_activity(demo_activity(cohort, people, programme, seed=number))
        out = tmp_path / f"room{number}.json"
        result = run_cli("--db", str(laptop), "export", "--format", "json", "--out", str(out))
        assert result.exit_code == 0, result.output
        made.append(out)
    return made


def _state(db_path: Path) -> bytes | None:
    return db_path.read_bytes() if db_path.exists() else None


def test_several_files_in_one_write(exports, run_cli, repo, db_path, monkeypatch) -> None:
    writes = []
    real = type(repo.db).transaction

    def counted(self):
        writes.append(1)
        return real(self)

    monkeypatch.setattr(type(repo.db), "transaction", counted)
    result = run_cli("import", *map(str, exports))
    assert result.exit_code == 0, result.output
    assert len(writes) == 1  # one transaction for every file
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [str(p) for p in exports]
    assert all("imported cohort" in line for line in lines)
    monkeypatch.undo()
    snapshot = repo.snapshot()
    assert sorted(c.name for c in snapshot.cohorts()) == sorted(ROOMS)
    for path in exports:  # every record kept, with its own id
        document = orjson.loads(path.read_bytes())
        cohort_id = document["cohort"]["id"]
        stored = snapshot.cohort_docs(cohort_id)
        assert {d["id"] for d in stored["forms"]} == {d["id"] for d in document["forms"]}
        assert len(stored["people"]) == len(document["people"])


def test_export_import_export_same_json(exports, run_cli, tmp_path) -> None:
    assert run_cli("import", *map(str, exports)).exit_code == 0
    again = tmp_path / "again.json"
    result = run_cli("export", "--format", "json", "--cohort", ROOMS[1], "--out", str(again))
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == exports[1].read_bytes()


def test_a_cohort_already_here_refused_naming_its_file(exports, run_cli, db_path) -> None:
    assert run_cli("import", str(exports[0])).exit_code == 0
    before = _state(db_path)
    result = run_cli("import", str(exports[1]), str(exports[0]))
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert (
        line.startswith(f"lp-tui: {exports[0]}: ") and "is already here; nothing imported" in line
    )
    assert _state(db_path) == before  # the other file was not imported either


def test_the_same_cohort_twice_among_the_files(exports, run_cli, db_path, tmp_path) -> None:
    copy = tmp_path / "copy-of-room0.json"
    copy.write_bytes(exports[0].read_bytes())
    result = run_cli("import", str(exports[0]), str(exports[1]), str(copy))
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert (
        line.startswith(f"lp-tui: {copy}: ")
        and f"is also in {exports[0]}; nothing imported" in line
    )
    assert _state(db_path) is None or "London" not in db_path.read_text()


def test_the_same_name_twice_among_the_files(exports, run_cli, db_path, tmp_path) -> None:
    document = orjson.loads(exports[1].read_bytes())
    document["cohort"]["name"] = ROOMS[0].upper()  # the same name, another case
    renamed = tmp_path / "renamed.json"
    renamed.write_bytes(orjson.dumps(document))
    result = run_cli("import", str(exports[0]), str(renamed))
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert line.startswith(f"lp-tui: {renamed}: ") and f"is also in {exports[0]}" in line
    assert _state(db_path) is None or "London" not in db_path.read_text()


def test_a_record_id_shared_by_two_files(exports, run_cli, db_path, tmp_path) -> None:
    """A copy of a room given another cohort id and name still carries the same record ids."""
    document = orjson.loads(exports[0].read_bytes())
    fresh = new_id()
    document["cohort"] = {**document["cohort"], "id": fresh, "name": "A copy"}
    for docs in document.values():
        if isinstance(docs, list):
            for doc in docs:
                doc["cohort"] = fresh
    twin = tmp_path / "twin.json"
    twin.write_bytes(orjson.dumps(document))
    result = run_cli("import", str(exports[0]), str(twin))
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert line.startswith(f"lp-tui: {twin}: table 'people' record 1 (id ")
    assert f"id: also used in {exports[0]} (table 'people'); nothing imported" in line
    assert _state(db_path) is None or "London" not in db_path.read_text()


def test_a_broken_file_stops_them_all(exports, run_cli, db_path, tmp_path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "lp-tui-export", ')
    result = run_cli("import", str(exports[0]), str(broken), str(exports[2]))
    assert result.exit_code == 2
    assert one_line(result.stderr).startswith(f"lp-tui: {broken}: not valid JSON")
    assert _state(db_path) is None or "London" not in db_path.read_text()


def test_a_missing_file_named(exports, run_cli, db_path, tmp_path) -> None:
    gone = tmp_path / "gone.json"
    result = run_cli("import", str(exports[0]), str(gone))
    assert result.exit_code == 2
    assert f"{gone}: no such file" in one_line(result.stderr)
    assert _state(db_path) is None or "London" not in db_path.read_text()


def test_no_file_is_a_usage_error(run_cli) -> None:
    result = run_cli("import")
    assert result.exit_code == 2
    assert "FILE..." in result.stderr


def later_export(path: Path, tmp_path: Path, programme, run_cli) -> Path:
    """The same room later: its json imported on its laptop, a record added (the facilitator's
    next steps), and exported again."""
    laptop = tmp_path / "laptop-later" / "lp-tui.json"
    assert run_cli("--db", str(laptop), "import", str(path)).exit_code == 0
    result = run_cli(
        "--db", str(laptop), "lessons", "set", "--section", "next", "--text", "Re-run in Kent"
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = tmp_path / "room0-later.json"
    assert (
        run_cli("--db", str(laptop), "export", "--format", "json", "--out", str(out)).exit_code == 0
    )
    return out


def test_replace_brings_a_cohort_up_to_date_from_a_later_export(
    exports, run_cli, repo, tmp_path, programme
) -> None:
    assert run_cli("import", *map(str, exports)).exit_code == 0
    later = later_export(exports[0], tmp_path, programme, run_cli)
    refused = run_cli("import", str(later))
    assert refused.exit_code == 2 and "is already here" in one_line(refused.stderr)
    result = run_cli("import", "--replace", str(later))
    assert result.exit_code == 0, result.output
    assert "brought up to date cohort 'London Nov 2017'" in result.stdout
    again = tmp_path / "again.json"
    back = run_cli("export", "--format", "json", "--cohort", ROOMS[0], "--out", str(again))
    assert back.exit_code == 0
    assert again.read_bytes() == later.read_bytes()  # exactly the later export
    assert len(repo.snapshot().cohorts()) == 3  # the other rooms untouched


def test_replace_refuses_an_earlier_export_and_writes_nothing(
    exports, run_cli, db_path, tmp_path, programme
) -> None:
    later = later_export(exports[0], tmp_path, programme, run_cli)
    assert run_cli("import", str(later)).exit_code == 0
    before = _state(db_path)
    result = run_cli("import", "--replace", str(exports[0]))
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert "record(s) of it that the file does not" in line and "earlier export" in line
    assert _state(db_path) == before


def test_replace_keeps_the_pseudonym_secret(exports, run_cli, repo, tmp_path, programme) -> None:
    assert run_cli("import", str(exports[0])).exit_code == 0
    first = tmp_path / "anon1.json"
    args = ("export", "--format", "json", "--anonymise", "--out")
    assert run_cli(*args, str(first)).exit_code == 0
    later = later_export(exports[0], tmp_path, programme, run_cli)
    assert run_cli("import", "--replace", str(later)).exit_code == 0
    second = tmp_path / "anon2.json"
    assert run_cli(*args, str(second)).exit_code == 0
    a, b = orjson.loads(first.read_bytes()), orjson.loads(second.read_bytes())
    assert a["people"] == b["people"]  # the same pseudonyms and ids after the update


def test_two_rooms_demos_by_name_import_together(run_cli, repo, tmp_path) -> None:
    """Trying the programme across rooms: a demo per laptop, each named for its room."""
    files = []
    for room in ("London 2018 (demo)", "Kent, Surrey and Sussex 2018 (demo)"):
        laptop = tmp_path / room.split()[0] / "lp-tui.json"
        made = run_cli("--db", str(laptop), "demo", "--no-launch", "--name", room)
        assert made.exit_code == 0, made.output
        out = tmp_path / f"{room.split()[0]}.json"
        assert (
            run_cli("--db", str(laptop), "export", "--format", "json", "--out", str(out)).exit_code
            == 0
        )
        files.append(str(out))
    assert run_cli("import", *files).exit_code == 0
    assert sorted(c.name for c in repo.snapshot().cohorts()) == [
        "Kent, Surrey and Sussex 2018 (demo)",
        "London 2018 (demo)",
    ]
    refused = run_cli("--db", str(tmp_path / "x.json"), "demo", "--no-launch", "--name", "  ")
    assert (
        refused.exit_code == 2
        and one_line(refused.stderr) == "lp-tui: --name: a cohort needs a name"
    )
