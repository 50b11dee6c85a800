"""``lp-tui ratings import`` and ``ratings tally`` as CONTRACT.md says."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import one_line
from tests.unit.test_tally import FIXTURE, REPORT


def test_import_then_tally_reproduces_the_report(run_cli, demo) -> None:
    result = run_cli("ratings", "import", str(FIXTURE), "--day", "3")
    assert result.exit_code == 0, result.stderr
    assert "imported 32 forms for day 3" in result.stdout
    document = json.loads(run_cli("ratings", "tally", "--day", "3", "--format", "json").stdout)
    assert document["day"] == 3 and document["forms"] == 32
    assert [(q["label"], q["number"]) for q in document["questions"]] == [
        (label, number) for label, number, _ in REPORT
    ]
    first = document["questions"][0]
    assert set(first) >= {"key", "label", "number", "average", "distribution"}
    assert set(first["distribution"]) == {"1", "2", "3", "4", "5"}
    assert first["average"] == 150 / 32  # unrounded


def test_tally_as_markdown(run_cli, demo) -> None:
    run_cli("ratings", "import", str(FIXTURE), "--day", "3")
    md = run_cli("ratings", "tally", "--day", "3", "--format", "md").stdout
    for label, number, average in REPORT:
        assert f"| {label} | {number} | {average} |" in md


def test_importing_the_same_file_twice_is_refused(run_cli, db_path: Path, demo) -> None:
    assert run_cli("ratings", "import", str(FIXTURE), "--day", "3").exit_code == 0
    before = db_path.read_bytes()
    again = run_cli("ratings", "import", str(FIXTURE), "--day", "3")
    assert again.exit_code == 2
    assert "this file's forms for day 3 were imported already" in one_line(again.stderr)
    assert db_path.read_bytes() == before


def test_the_same_forms_without_numbers_are_refused_as_a_file(
    run_cli, db_path: Path, tmp_path, demo
) -> None:
    forms = tmp_path / "forms.csv"
    forms.write_text("small_groups,table_coaches\n5,4\n4,\n")
    assert run_cli("ratings", "import", str(forms), "--day", "3").exit_code == 0
    again = run_cli("ratings", "import", str(forms), "--day", "3")
    assert again.exit_code == 2
    assert "were imported already" in one_line(again.stderr)
    document = json.loads(run_cli("ratings", "tally", "--day", "3", "--format", "json").stdout)
    assert document["forms"] == 2


def test_a_rating_out_of_range_writes_nothing(run_cli, db_path: Path, tmp_path, demo) -> None:
    before = db_path.read_bytes()
    forms = tmp_path / "forms.csv"
    forms.write_text("Form,Working in small groups,Table coaches\n1,5,4\n2,6,4\n")
    result = run_cli("ratings", "import", str(forms), "--day", "3")
    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        f"lp-tui: {forms}: row 3, field 'Working in small groups': "
        "'6' is not a rating from 1 to 5 or blank"
    )
    assert db_path.read_bytes() == before


def test_an_unreadable_file(run_cli, tmp_path, demo) -> None:
    bad = tmp_path / "forms.csv"
    bad.write_bytes(b"\xff\xfe\x00bad")
    result = run_cli("ratings", "import", str(bad), "--day", "3")
    assert result.exit_code == 2
    assert "not UTF-8 text" in one_line(result.stderr)


def test_day_one_has_its_own_short_questions(run_cli, tmp_path, demo) -> None:
    forms = tmp_path / "day1.csv"
    forms.write_text("The day overall,Discussion at my table\n5,4\n4,4\n")
    assert run_cli("ratings", "import", str(forms), "--day", "1").exit_code == 0
    text = run_cli("ratings", "tally", "--day", "1").stdout
    assert "Day 1: 2 forms" in text and "The day overall" in text
