"""Every command that writes, on a disk that refuses the write (full, no permission, read-only,
failing): one line on stderr naming the file and the cause, a non-zero exit, no traceback, and
the database exactly as it was (or still absent). Faults are injected where a real one strikes
(tests/helpers/faults.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lp_tui.store.repo import Repo
from tests.cli.test_commands import OBSERVE, ROSTER
from tests.conftest import one_line
from tests.helpers.faults import FAULTS, DiskFault
from tests.unit.test_tally import FIXTURE as RATINGS


@dataclass
class Case:
    """A command, with what it needs set up first; ``target`` is the file it would write."""

    args: list[str]
    target: Path
    folders: list[Path] = field(default_factory=list)


def empty_database(db_path: Path) -> None:
    with Repo(db_path).db.transaction():
        pass


def with_demo(run_cli, db_path: Path) -> None:
    assert run_cli("demo", "--no-launch").exit_code == 0


def cohort_create(run_cli, db_path: Path, tmp_path: Path) -> Case:
    with_demo(run_cli, db_path)
    return Case(["cohort", "create", "London Mar 2018"], db_path)


def cohort_create_first(run_cli, db_path: Path, tmp_path: Path) -> Case:
    db_path.parent.mkdir(parents=True)  # no database yet: none is left behind either
    return Case(["cohort", "create", "London Mar 2018"], db_path)


def roster_import(run_cli, db_path: Path, tmp_path: Path) -> Case:
    assert run_cli("cohort", "create", "London Mar 2018").exit_code == 0
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    return Case(["roster", "import", str(roster)], db_path)


def observe(run_cli, db_path: Path, tmp_path: Path) -> Case:
    with_demo(run_cli, db_path)
    return Case([*OBSERVE, "--note", "typed on a full disk"], db_path)


def ratings_import(run_cli, db_path: Path, tmp_path: Path) -> Case:
    with_demo(run_cli, db_path)
    return Case(["ratings", "import", str(RATINGS), "--day", "3"], db_path)


def tables_allocate(run_cli, db_path: Path, tmp_path: Path) -> Case:
    with_demo(run_cli, db_path)
    return Case(["tables", "allocate", "--day", "2", "--seed", "1"], db_path)


def rotations_plan(run_cli, db_path: Path, tmp_path: Path) -> Case:
    with_demo(run_cli, db_path)
    assert run_cli("tables", "allocate", "--day", "2").exit_code == 0
    return Case(["rotations", "plan", "--day", "2", "--format", "json"], db_path)


def demo(run_cli, db_path: Path, tmp_path: Path) -> Case:
    empty_database(db_path)
    return Case(["demo", "--no-launch"], db_path)


def import_json(run_cli, db_path: Path, tmp_path: Path) -> Case:
    other = tmp_path / "other" / "lp-tui.json"
    exported = tmp_path / "cohort.json"
    assert run_cli("--db", str(other), "demo", "--no-launch").exit_code == 0
    args = ["--db", str(other), "export", "--format", "json", "--out", str(exported)]
    assert run_cli(*args).exit_code == 0
    empty_database(db_path)
    return Case(["import", str(exported)], db_path)


def export(run_cli, db_path: Path, tmp_path: Path) -> Case:
    with_demo(run_cli, db_path)
    out = tmp_path / "exports" / "cohort.json"
    out.parent.mkdir()
    return Case(["export", "--format", "json", "--out", str(out)], out, [out.parent])


def export_xlsx(run_cli, db_path: Path, tmp_path: Path) -> Case:
    with_demo(run_cli, db_path)
    out = tmp_path / "exports" / "cohort.xlsx"
    out.parent.mkdir()
    return Case(["export", "--format", "xlsx", "--out", str(out)], out, [out.parent])


def lessons_set(run_cli, db_path: Path, tmp_path: Path) -> Case:
    with_demo(run_cli, db_path)
    return Case(["lessons", "set", "--section", "next", "--text", "Re-run in Kent"], db_path)


def demo_named(run_cli, db_path: Path, tmp_path: Path) -> Case:
    empty_database(db_path)
    return Case(["demo", "--no-launch", "--name", "KSS 2018 (demo)"], db_path)


def import_replace(run_cli, db_path: Path, tmp_path: Path) -> Case:
    """A room's later export over the cohort imported before."""
    case = import_json(run_cli, db_path, tmp_path)
    assert run_cli(*case.args).exit_code == 0
    other = tmp_path / "other" / "lp-tui.json"
    args = ["--db", str(other), "lessons", "set", "--section", "next", "--text", "Later"]
    assert run_cli(*args).exit_code == 0
    later = tmp_path / "later.json"
    args = ["--db", str(other), "export", "--format", "json", "--out", str(later)]
    assert run_cli(*args).exit_code == 0
    return Case(["import", "--replace", str(later)], db_path)


def export_all_cohorts(run_cli, db_path: Path, tmp_path: Path) -> Case:
    with_demo(run_cli, db_path)
    out = tmp_path / "exports" / "all.html"
    out.parent.mkdir()
    args = ["export", "--all-cohorts", "--format", "html", "--out", str(out)]
    return Case(args, out, [out.parent])


def doctor_restore(run_cli, db_path: Path, tmp_path: Path) -> Case:
    with_demo(run_cli, db_path)
    assert run_cli(*OBSERVE).exit_code == 0  # the second write keeps a backup of the first
    [backup, *_] = Repo(db_path).db.backups()
    return Case(["doctor", "--restore", str(backup)], db_path)


COMMANDS: list[Callable[..., Case]] = [
    cohort_create,
    cohort_create_first,
    roster_import,
    observe,
    ratings_import,
    tables_allocate,
    rotations_plan,
    demo,
    import_json,
    export,
    export_xlsx,
    doctor_restore,
    lessons_set,
    demo_named,
    import_replace,
    export_all_cohorts,
]


def state(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


@pytest.mark.parametrize("setup", COMMANDS, ids=lambda setup: setup.__name__)
@pytest.mark.parametrize(("code", "words"), FAULTS)
def test_a_refused_write_is_one_line_naming_the_file_and_the_cause(
    run_cli, db_path: Path, tmp_path: Path, monkeypatch, setup, code: int, words: str
) -> None:
    case = setup(run_cli, db_path, tmp_path)
    before, target_before = state(db_path), state(case.target)
    fault = DiskFault(monkeypatch, db_path.parent, *case.folders, code=code)

    result = run_cli(*case.args)

    fault.clear()
    assert fault.hits >= 1, "the command wrote nothing the fault could refuse"
    assert result.exit_code != 0
    line = one_line(result.stderr)
    assert line.startswith(f"lp-tui: {case.target}: not saved: {words}")  # a note may follow
    assert "Traceback" not in result.output + result.stderr
    assert state(db_path) == before  # the database exactly as it was
    assert state(case.target) == target_before
    assert not list(case.target.parent.glob("*.tmp"))  # no temp file left behind


@pytest.mark.parametrize(("code", "words"), FAULTS)
def test_run_day_opens_the_app_even_when_the_live_day_cannot_be_stored(
    run_cli, db_path: Path, monkeypatch, code: int, words: str
) -> None:
    """``run --day 2`` stores Day 2 as the live day before the app opens; on a database that
    cannot be written to, the app still opens (its first change then waits under a banner).
    Here, with no terminal, getting as far as the app means its one line about a terminal."""
    with_demo(run_cli, db_path)
    before = state(db_path)
    fault = DiskFault(monkeypatch, db_path.parent, code=code)

    result = run_cli("run", "--day", "2")

    fault.clear()
    assert fault.hits >= 1
    assert "this view needs a terminal" in one_line(result.stderr)
    assert "not saved" not in result.stderr
    assert state(db_path) == before
