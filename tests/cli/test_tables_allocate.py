"""``lp-tui tables allocate`` as CONTRACT.md says."""

from __future__ import annotations

import json
from pathlib import Path

from lp_tui.store.repo import Repo
from tests.conftest import one_line


def allocate(run_cli, *args: str) -> dict:
    result = run_cli("tables", "allocate", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_json_shape_and_that_it_is_stored(run_cli, db_path: Path, demo) -> None:
    document = allocate(run_cli, "--day", "1", "--seed", "4")
    assert document["day"] == 1
    tables = document["tables"]
    assert [t["table"] for t in tables] == list(range(1, 8))
    assert all(isinstance(t["coach"], str) for t in tables)
    assert all({"id", "name"} <= set(m) for t in tables for m in t["members"])
    assert sum(len(t["members"]) for t in tables) == 40
    assert (
        document["spare_coaches"] == ["Dr Tobias Ferreira"] or len(document["spare_coaches"]) == 1
    )
    [seating] = Repo(db_path).snapshot().seatings(demo[0].id)
    assert seating.day == 1 and seating.seed == 4


def test_the_same_seed_gives_the_same_tables(run_cli, demo) -> None:
    first = allocate(run_cli, "--day", "1", "--seed", "9")
    second = allocate(run_cli, "--day", "1", "--seed", "9")
    assert first["tables"] == second["tables"]


def test_only_present_people_are_seated_once_anyone_is_checked_in(
    run_cli, repo, demo, clock
) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import AttendanceMark, AttendanceStatus, new_id
    from lp_tui.domain.seating import participants

    cohort, people = demo
    here = participants(people)[:23]
    repo.mark_attendance(
        AttendanceMark(new_id(), cohort.id, 1, p.id, AttendanceStatus.PRESENT, iso(clock.now()))
        for p in here
    )
    document = allocate(run_cli, "--day", "1")
    seated = {m["id"] for t in document["tables"] for m in t["members"]}
    assert seated == {p.id for p in here}
    assert sorted(len(t["members"]) for t in document["tables"]) == [5, 6, 6, 6]


def test_day_three_remixes_for_new_contacts(run_cli, demo, capsys) -> None:
    allocate(run_cli, "--day", "1", "--seed", "1")
    allocate(run_cli, "--day", "2", "--keep")
    day3 = allocate(run_cli, "--day", "3", "--seed", "3")
    assert day3["how"] == "remix"
    print(f"Day 3 re-mix on the demo cohort: {day3['repeated_pairs']} repeated pairs")
    assert day3["repeated_pairs"] <= 5


def test_keep_on_the_first_day_is_refused(run_cli, demo) -> None:
    result = run_cli("tables", "allocate", "--day", "1", "--keep")
    assert result.exit_code == 2
    assert "there are no tables from before day 1 to keep" in one_line(result.stderr)
