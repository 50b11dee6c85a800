"""The headless commands of shared/CONTRACT.md, as a script would call them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lp_tui.domain.model import BehaviourEdit, EditKind, new_id
from lp_tui.store.repo import Repo
from tests.conftest import REPO_ROOT, one_line

OBSERVE = ["observe", "--day", "2", "--by", "Dr Anjali Rao", "--about", "Grace Nwosu"]
OBSERVE += ["--behaviour", "Listens"]
ROSTER = """name,role,presenter_kind,organisation,experience,access_needs,followup_call
Ann Lee,participant,,Riverside CCG,new,Hearing loop,yes
Dr Omar Said,coach,,,,,
Dr Bo Chan,presenter,darzi_fellow,,,,
"""


def test_cohort_create_then_roster_import(run_cli, db_path: Path, tmp_path: Path) -> None:
    created = run_cli(
        "cohort", "create", "London Nov 2017", "--dates", "2017-11-23,2017-11-24,2018-01-16"
    )
    assert created.exit_code == 0, created.stderr
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    result = run_cli("roster", "import", str(roster))
    assert result.exit_code == 0, result.stderr
    assert "imported 3 people" in result.stdout
    assert "(1 participant, 1 coach, 1 presenter)" in result.stdout
    snapshot = Repo(db_path).snapshot()
    [cohort] = snapshot.cohorts()
    assert cohort.id == created.stdout.strip()
    assert cohort.dates == ("2017-11-23", "2017-11-24", "2018-01-16")
    assert sorted(p.name for p in snapshot.people(cohort.id)) == [
        "Ann Lee",
        "Dr Bo Chan",
        "Dr Omar Said",
    ]


def test_a_bad_roster_row_writes_nothing(run_cli, db_path: Path, tmp_path: Path) -> None:
    run_cli("cohort", "create", "C")
    before = db_path.read_bytes()
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER + "Cy Dee,participant,,,expert,,\n")
    result = run_cli("roster", "import", str(roster))
    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        f"lp-tui: {roster}: row 5, field 'experience': "
        "'expert' is not one of new, some, experienced"
    )
    assert db_path.read_bytes() == before


def test_importing_the_same_roster_twice_is_refused(run_cli, db_path: Path, tmp_path: Path) -> None:
    run_cli("cohort", "create", "C")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    assert run_cli("roster", "import", str(roster)).exit_code == 0
    before = db_path.read_bytes()
    again = run_cli("roster", "import", str(roster))
    assert again.exit_code == 2
    assert "row 2, field 'name': 'Ann Lee' is already on the cohort's roster" in one_line(
        again.stderr
    )
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("roster", "import", "missing.csv"), "missing.csv: no such file"),
        (("--bogus",), "No such option"),
        (("observe", "--day", "2"), "Missing option"),
        (("cohort", "create", "X", "--dates", "2017-11-23"), "--dates: the programme has 3 days"),
        (("cohort", "create", "X", "--programme", "nope"), "nope.toml: no such programme file"),
        (("export", "--format", "pdf", "--out", "x"), "'pdf' is not one of 'json'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_cli, args, expected: str) -> None:
    run_cli("cohort", "create", "C")
    result = run_cli(*args)
    assert result.exit_code == 2
    assert expected in one_line(result.stderr)


def test_a_command_that_needs_a_cohort_says_how_to_make_one(run_cli, tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("name\nAnn\n")
    result = run_cli("roster", "import", str(roster))
    assert result.exit_code == 2
    assert "there is no cohort yet (lp-tui cohort create NAME, or lp-tui demo)" in one_line(
        result.stderr
    )


def test_demo_writes_the_cohort_once(run_cli, db_path: Path) -> None:
    first = run_cli("demo", "--no-launch")
    assert first.exit_code == 0
    assert "wrote demo cohort" in first.stderr
    second = run_cli("demo", "--no-launch")
    assert "already holds cohort" in second.stderr
    snapshot = Repo(db_path).snapshot()
    [cohort] = snapshot.cohorts()
    assert len(snapshot.people(cohort.id)) == 64


def test_observe_appends_by_names(run_cli, db_path: Path) -> None:
    run_cli("demo", "--no-launch")
    result = run_cli(
        "observe",
        "--day",
        "2",
        "--by",
        "Dr Anjali Rao",
        "--about",
        "grace nwosu",
        "--behaviour",
        "Builds on others' ideas",
        "--note",
        "Picked up Owen's point",
    )
    assert result.exit_code == 0, result.stderr
    snapshot = Repo(db_path).snapshot()
    [obs] = snapshot.observations(snapshot.cohorts()[0].id)
    people = {p.id: p.name for p in snapshot.people(obs.cohort)}
    assert (people[obs.by], people[obs.about], obs.day) == ("Dr Anjali Rao", "Grace Nwosu", 2)
    assert obs.id == result.stdout.strip()


AGREED = ["Listening to understand", "Inviting quieter voices", "Challenging with respect"]
OBSERVE_GRACE = ["observe", "--day", "2", "--by", "Dr Anjali Rao", "--about", "Grace Nwosu"]
AGREED_AT = "2017-11-24T11:00:00+00:00"


def _agree_behaviours(db_path: Path, names: list[str]) -> None:
    repo = Repo(db_path)
    cohort = repo.snapshot().cohorts()[0]
    repo.add_behaviour_edits(
        *(BehaviourEdit(new_id(), cohort.id, EditKind.ADOPT, AGREED_AT, text=n) for n in names)
    )


def _behaviours_stored(db_path: Path) -> list[str]:
    snapshot = Repo(db_path).snapshot()
    return [o.behaviour for o in snapshot.observations(snapshot.cohorts()[0].id)]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2", "Inviting quieter voices"),
        (" 03 ", "Challenging with respect"),
        ("  inviting   QUIETER voices", "Inviting quieter voices"),
        ("Keeps time", "Keeps time"),
    ],
)
def test_observe_reads_a_behaviour_as_the_coachs_app_does(
    run_cli, db_path: Path, typed: str, stored: str
) -> None:
    """A number is the behaviour of that number on the cohort's agreed list, not the text."""
    run_cli("demo", "--no-launch")
    _agree_behaviours(db_path, AGREED)
    result = run_cli(*OBSERVE_GRACE, "--behaviour", typed)
    assert result.exit_code == 0, result.stderr
    assert _behaviours_stored(db_path) == [stored]


@pytest.mark.parametrize(
    ("agreed", "typed", "expected"),
    [
        (AGREED, "99", "'99' is not a number on the cohort's list; a number from 1 to 3, or"),
        (AGREED, "0", "'0' is not a number on the cohort's list; a number from 1 to 3, or"),
        ([], "2", "'2' is not a number on the cohort's list; no list of behaviours is agreed"),
    ],
)
def test_observe_refuses_a_number_the_list_does_not_have(
    run_cli, db_path: Path, agreed: list[str], typed: str, expected: str
) -> None:
    run_cli("demo", "--no-launch")
    if agreed:
        _agree_behaviours(db_path, agreed)
    before = db_path.read_bytes()
    result = run_cli(*OBSERVE_GRACE, "--behaviour", typed)
    assert result.exit_code == 2
    assert one_line(result.stderr).startswith(f"lp-tui: --behaviour: {expected}")
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("by", "about", "day", "expected"),
    [
        ("Nobody", "Grace Nwosu", "2", "--by: no person called 'Nobody'"),
        ("Grace Nwosu", "Owen Pritchard", "2", "--by: 'Grace Nwosu' is a participant, not a coach"),
        ("Dr Anjali Rao", "Dr Ellie Novak", "2", "--about: 'Dr Ellie Novak' is a presenter"),
        ("Dr Anjali Rao", "Grace Nwosu", "4", "--day 4: cohort"),
    ],
)
def test_observe_refuses_unknown_people_and_days(
    run_cli, db_path: Path, by, about, day, expected
) -> None:
    run_cli("demo", "--no-launch")
    before = db_path.read_bytes()
    result = run_cli(
        "observe", "--day", day, "--by", by, "--about", about, "--behaviour", "Listens"
    )
    assert result.exit_code == 2
    assert expected in one_line(result.stderr)
    assert db_path.read_bytes() == before


def test_cohort_must_be_chosen_when_there_are_several(run_cli, tmp_path: Path) -> None:
    run_cli("cohort", "create", "A")
    run_cli("cohort", "create", "B")
    roster = tmp_path / "r.csv"
    roster.write_text("name\nAnn\n")
    result = run_cli("roster", "import", str(roster))
    assert result.exit_code == 2
    assert "choose one with --cohort" in one_line(result.stderr)
    assert run_cli("roster", "import", str(roster), "--cohort", "B").exit_code == 0
    assert run_cli("--cohort", "A", "roster", "import", str(roster)).exit_code == 0


@pytest.mark.parametrize(
    "command",
    [
        ("demo", "--no-launch"),
        ("cohort", "create", "X"),
        ("observe", "--day", "2", "--by", "a", "--about", "b", "--behaviour", "c"),
        ("roster", "import", "ROSTER"),
        ("import", "EXPORT"),
    ],
)
def test_a_corrupt_database_exits_2_and_stays_byte_for_byte(
    run_cli, db_path: Path, tmp_path: Path, command
) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("name\nAnn\n")
    db_path.parent.mkdir(parents=True)
    damaged = b'{"cohorts": {"1": {"id": "x", "name": "A"'
    db_path.write_bytes(damaged)
    args = [a.replace("ROSTER", str(roster)) for a in command]
    if "EXPORT" in args:
        args = ["import", str(REPO_ROOT / "tests" / "cli" / "no-such-export.json")]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert db_path.read_bytes() == damaged
    assert "database is corrupt" in one_line(result.stderr) or "no such file" in result.stderr


def test_export_import_export_is_exact(run_cli, db_path: Path, tmp_path: Path) -> None:
    run_cli("demo", "--no-launch")
    run_cli(*OBSERVE)
    first = tmp_path / "first.json"
    assert run_cli("export", "--format", "json", "--out", str(first)).exit_code == 0
    document = json.loads(first.read_text())
    assert {p["role"] for p in document["people"]} >= {"participant", "coach", "presenter"}
    assert all("presenter_kind" in p for p in document["people"] if p["role"] == "presenter")
    other = tmp_path / "other.json"
    assert run_cli("--db", str(other), "import", str(first)).exit_code == 0
    second = tmp_path / "second.json"
    assert (
        run_cli("--db", str(other), "export", "--format", "json", "--out", str(second)).exit_code
        == 0
    )
    assert first.read_bytes() == second.read_bytes()


def test_import_refuses_a_broken_export_and_writes_nothing(
    run_cli, db_path: Path, tmp_path: Path
) -> None:
    run_cli("demo", "--no-launch")
    exported = tmp_path / "e.json"
    run_cli("export", "--format", "json", "--out", str(exported))
    document = json.loads(exported.read_text())
    document["people"][3]["role"] = "king"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document))
    target = tmp_path / "target.json"
    result = run_cli("--db", str(target), "import", str(broken))
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert f"{broken}: table 'people' record 4 (id {document['people'][3]['id']}): role:" in line
    assert line.endswith("; nothing imported")
    assert not target.exists()


def test_import_refuses_a_cohort_already_there(run_cli, db_path: Path, tmp_path: Path) -> None:
    run_cli("demo", "--no-launch")
    exported = tmp_path / "e.json"
    run_cli("export", "--format", "json", "--out", str(exported))
    result = run_cli("import", str(exported))
    assert result.exit_code == 2
    assert "is already here" in one_line(result.stderr)


def test_doctor_reports_health_and_backups(run_cli, db_path: Path) -> None:
    run_cli("demo", "--no-launch")
    healthy = run_cli("doctor")
    assert healthy.exit_code == 0
    assert "ok: schema 1" in healthy.stdout
    report = json.loads(run_cli("doctor", "--format", "json").stdout)
    assert report["healthy"] and report["counts"]["people"] == 64
    db_path.write_bytes(b"{oops")
    sick = run_cli("doctor")
    assert sick.exit_code == 2
    assert "PROBLEM" in sick.stdout and "database is corrupt" in sick.stdout


def test_doctor_restores_a_backup(run_cli, db_path: Path) -> None:
    run_cli("demo", "--no-launch")
    run_cli(*OBSERVE)
    backup = Repo(db_path).db.backups()[0]
    db_path.write_bytes(b"{oops")
    result = run_cli("doctor", "--restore", str(backup))
    assert result.exit_code == 0, result.stderr
    assert "restored" in result.stdout
    assert Repo(db_path).snapshot().cohorts()


def test_python_dash_m_runs_the_same_cli(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lp_tui", "--db", str(db_path), "demo", "--no-launch"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert Repo(db_path).snapshot().cohorts()


def test_the_default_database_lives_under_data(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("LP_TUI_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "lp_tui", "demo", "--no-launch"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "lp-tui.json").is_file()


def test_ssh_setup_prints_the_steps_and_a_forced_command_per_coach(run_cli, db_path) -> None:
    run_cli("demo", "--no-launch")
    result = run_cli("ssh-setup")
    assert result.exit_code == 0
    assert f"chgrp -R lp-coaches {db_path.parent}" in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("restrict,pty,")]
    assert len(lines) == 8
    assert all(f"--db {db_path} coach --as " in line for line in lines)
    # each coach by their id (a name is matched in part too), named on the line above
    snapshot = Repo(db_path).snapshot()
    [cohort] = snapshot.cohorts()
    anjali = next(p for p in snapshot.people(cohort.id) if p.name == "Dr Anjali Rao")
    assert "# Dr Anjali Rao\nrestrict,pty,command=" in result.output
    assert f"coach --as {anjali.id}\" <Dr Anjali Rao's public key>" in result.output
    # a line whose coach has gone opens nobody's view, however like another coach's name
    gone = run_cli("coach", "--as", "0" * 32)
    assert gone.exit_code == 2 and "--as" in gone.output


def test_export_every_format_from_the_command_line(run_cli, db_path, tmp_path) -> None:
    assert run_cli("demo", "--no-launch", "--with-activity").exit_code == 0
    for fmt, name in [("json", "r.json"), ("csv", "r.zip"), ("md", "r.md"), ("html", "r.html"),
                      ("xlsx", "r.xlsx")]:  # fmt: skip
        result = run_cli("export", "--format", fmt, "--out", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 1000


def test_export_into_a_folder_names_the_file(run_cli, db_path, tmp_path) -> None:
    run_cli("demo", "--no-launch")
    result = run_cli("export", "--format", "md", "--out", str(tmp_path), "--anonymise")
    assert result.exit_code == 0
    assert (tmp_path / "london-nov-2017-demo-records-anonymised.md").exists()


def test_csv_onto_an_existing_file_is_refused_and_writes_nothing(
    run_cli, db_path, tmp_path
) -> None:
    run_cli("demo", "--no-launch")
    target = tmp_path / "taken.txt"
    target.write_text("keep me")
    result = run_cli("export", "--format", "csv", "--out", str(target))
    assert result.exit_code == 2
    assert str(target) in one_line(result.output)
    assert target.read_text() == "keep me"


def test_an_unknown_export_format_is_one_line(run_cli, db_path, tmp_path) -> None:
    run_cli("demo", "--no-launch")
    result = run_cli("export", "--format", "pdf", "--out", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "--format" in one_line(result.output)
    assert not (tmp_path / "x").exists()


def _tables_of_day_two(run_cli, db_path: Path) -> tuple[dict[str, str], list]:
    """Allocate day 2 of the demo; the people by id and the tables."""
    run_cli("demo", "--no-launch")
    assert run_cli("tables", "allocate", "--day", "2").exit_code == 0
    snapshot = Repo(db_path).snapshot()
    cohort = snapshot.cohorts()[0]
    names = {p.id: p.name for p in snapshot.people(cohort.id)}
    [seating] = snapshot.seatings(cohort.id)
    return names, list(seating.tables)


def test_observe_by_a_coach_only_about_their_own_table(run_cli, db_path: Path) -> None:
    names, tables = _tables_of_day_two(run_cli, db_path)
    mine, other = tables[0], tables[1]
    coach = names[mine.coach]
    ok = run_cli(
        "observe",
        "--day",
        "2",
        "--by",
        coach,
        "--about",
        names[mine.members[0]],
        "--behaviour",
        "Listens",
    )
    assert ok.exit_code == 0, ok.stderr
    before = db_path.read_bytes()
    outsider = names[other.members[0]]
    refused = run_cli(
        "observe", "--day", "2", "--by", coach, "--about", outsider, "--behaviour", "Listens"
    )
    assert refused.exit_code == 2
    assert one_line(refused.stderr) == (
        f"lp-tui: --about: {outsider!r}: not at the coach's table {mine.number} that day "
        f"(day 2, {coach!r})"
    )
    assert db_path.read_bytes() == before


def test_observe_by_a_coach_without_a_table_is_refused_once_tables_exist(
    run_cli, db_path: Path
) -> None:
    names, tables = _tables_of_day_two(run_cli, db_path)
    seated = {t.coach for t in tables}
    snapshot = Repo(db_path).snapshot()
    spare = [
        p.name
        for p in snapshot.people(snapshot.cohorts()[0].id)
        if p.role.value == "coach" and p.id not in seated
    ]
    if not spare:
        pytest.skip("every demo coach has a table")
    before = db_path.read_bytes()
    refused = run_cli(
        "observe",
        "--day",
        "2",
        "--by",
        spare[0],
        "--about",
        names[tables[0].members[0]],
        "--behaviour",
        "Listens",
    )
    assert refused.exit_code == 2
    assert "the coach has no table that day" in one_line(refused.stderr)
    assert db_path.read_bytes() == before


def test_a_facilitator_may_observe_anyone(run_cli, db_path: Path) -> None:
    names, tables = _tables_of_day_two(run_cli, db_path)
    snapshot = Repo(db_path).snapshot()
    facilitator = next(
        p.name for p in snapshot.people(snapshot.cohorts()[0].id) if p.role.value == "facilitator"
    )
    for table in tables:
        result = run_cli(
            "observe",
            "--day",
            "2",
            "--by",
            facilitator,
            "--about",
            names[table.members[0]],
            "--behaviour",
            "Listens",
        )
        assert result.exit_code == 0, result.stderr


def test_one_person_imported_is_one_person(run_cli, tmp_path: Path) -> None:
    run_cli("cohort", "create", "A")
    roster = tmp_path / "one.csv"
    roster.write_text("name\nAnn Lee\n")
    result = run_cli("roster", "import", str(roster))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("imported 1 person into 'A' (1 participant)")


def test_a_roster_with_an_unclosed_quote_writes_nothing(
    run_cli, db_path: Path, tmp_path: Path
) -> None:
    """Python's csv would read every row after the quote into one organisation."""
    run_cli("cohort", "create", "C")
    before = db_path.read_bytes()
    roster = tmp_path / "roster.csv"
    roster.write_text('name,role,organisation\nAnn Lee,participant,"Riverside\nBo Chan,coach,\n')
    result = run_cli("roster", "import", str(roster))
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert line.startswith(f"lp-tui: {roster}: row 2, field 'organisation': a quote")
    assert db_path.read_bytes() == before


def test_doctor_lines_its_counts_up_whatever_the_table_names(run_cli) -> None:
    run_cli("demo", "--no-launch", "--with-activity")  # presenter_feedback among the tables
    healthy = run_cli("doctor")
    counted = [line for line in healthy.stdout.splitlines() if line.endswith(" records")]
    assert any("presenter_feedback" in line for line in counted)
    assert len({line.index(" records") for line in counted}) == 1  # one column
