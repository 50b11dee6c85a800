"""``lp-tui rotations plan`` in both forms of CONTRACT.md."""

from __future__ import annotations

import json

from lp_tui.store.repo import Repo
from tests.conftest import one_line


def test_without_a_database(run_cli, db_path) -> None:
    result = run_cli(
        "rotations",
        "plan",
        "--tables",
        "8",
        "--presenters",
        "6",
        "--visits",
        "2",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [r["round"] for r in document["rounds"]] == [1, 2, 3]
    visits = [v for r in document["rounds"] for v in r["visits"]]
    assert len(visits) == 16
    assert {v["presenter"] for v in visits} == {f"P{n}" for n in range(1, 7)}
    assert {v["table"] for v in visits} == set(range(1, 9))
    assert not db_path.exists()


def test_an_impossible_plan_is_one_line(run_cli) -> None:
    result = run_cli("rotations", "plan", "--tables", "3", "--presenters", "2", "--visits", "3")
    assert result.exit_code == 2
    assert "cannot hear 3 different presenters out of 2" in one_line(result.stderr)


def test_missing_numbers_without_a_day(run_cli) -> None:
    result = run_cli("rotations", "plan", "--tables", "3")
    assert result.exit_code == 2
    assert "--presenters, --visits: needed without --day" in one_line(result.stderr)


def test_the_days_rotation_is_stored(run_cli, db_path, demo) -> None:
    run_cli("tables", "allocate", "--day", "2")
    result = run_cli("rotations", "plan", "--day", "2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["rounds"]) == 2
    names = {v["presenter"] for r in document["rounds"] for v in r["visits"]}
    assert names <= {
        p.name for p in demo[1] if p.presenter_kind and p.presenter_kind.value == "darzi_fellow"
    }
    [stored] = Repo(db_path).snapshot().rotations(demo[0].id, 2)
    assert stored.item == "darzi-rotation"


def test_day_three_has_managers_and_resting_tables(run_cli, demo) -> None:
    run_cli("tables", "allocate", "--day", "3")
    document = json.loads(run_cli("rotations", "plan", "--day", "3", "--format", "json").stdout)
    assert len(document["rounds"]) == 3  # six managers, seven tables, two visits each
    assert any(r["resting"] for r in document["rounds"])


def test_a_day_without_a_rotation(run_cli, demo) -> None:
    result = run_cli("rotations", "plan", "--day", "1")
    assert result.exit_code == 2
    assert "no rotation on day 1" in one_line(result.stderr)
