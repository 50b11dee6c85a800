"""``lp-tui followup assign | call | list``: the contract's shapes, its errors, nothing written
on bad input."""
# ruff: noqa: E501  (the table of bad inputs reads best one case a line)

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lp_tui.cli import Context, cli
from lp_tui.domain.clock import FixedClock
from lp_tui.domain.followup_work import default_due
from lp_tui.domain.model import Outcome, Person, Role
from lp_tui.domain.seating import participants
from lp_tui.store.repo import Repo
from tests.conftest import one_line

# After the due date of the demo cohort (its last day 2018-01-16, due four weeks later)
LATER = datetime(2018, 3, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def run(db_path: Path):
    def invoke(*args: str, at: datetime = LATER) -> Result:
        context = Context(db_option=None, cohort_option=None, clock=FixedClock(at))
        return CliRunner().invoke(cli, list(args), obj=context, catch_exceptions=False)

    return invoke


@pytest.fixture
def cast(demo):
    cohort, people = demo
    opted = [p for p in participants(people) if p.followup_call]  # in the order listed
    not_opted = next(p for p in people if p.role is Role.PARTICIPANT and not p.followup_call)
    coaches = [p for p in people if p.role is Role.COACH]
    presenter = next(p for p in people if p.role is Role.PRESENTER)
    return cohort, opted, not_opted, coaches, presenter


def listed(run, *extra: str) -> dict:
    result = run("followup", "list", "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def row_of(document: dict, person: Person) -> dict:
    return next(r for r in document["people"] if r["id"] == person.id)


def test_assign_then_list(run, cast, repo: Repo) -> None:
    cohort, opted, _, coaches, _ = cast
    result = run("followup", "assign", "--person", opted[0].name, "--caller", coaches[0].name)
    assert result.exit_code == 0, result.stderr
    [assignment] = repo.snapshot().caller_assignments(cohort.id)
    assert result.stdout.strip() == assignment.id
    assert (assignment.person, assignment.caller, assignment.due) == (
        opted[0].id,
        coaches[0].id,
        "",
    )
    document = listed(run)
    assert document["today"] == "2018-03-01"
    assert [r["id"] for r in document["people"]] == [p.id for p in opted]
    row = row_of(document, opted[0])
    assert row["name"] == opted[0].name
    assert row["caller"] == {"id": coaches[0].id, "name": coaches[0].name}
    assert row["due"] == str(default_due(cohort))
    assert (row["attempts"], row["outcome"], row["overdue"], row["calls"]) == (0, None, True, [])
    assert row_of(document, opted[1])["caller"] is None


def test_the_latest_assignment_wins_and_a_due_date_may_be_given(run, cast) -> None:
    _, opted, _, coaches, _ = cast
    name = opted[0].name
    run("followup", "assign", "--person", name, "--caller", coaches[0].name)
    later = datetime(2018, 3, 1, 11, 0, tzinfo=UTC)
    result = run(
        "followup",
        "assign",
        "--person",
        name,
        "--caller",
        coaches[1].id,
        "--due",
        "2018-03-20",
        at=later,
    )
    assert result.exit_code == 0, result.stderr
    row = row_of(listed(run), opted[0])
    assert row["caller"]["id"] == coaches[1].id
    assert (row["due"], row["overdue"]) == ("2018-03-20", False)


def test_call_attempts_are_kept_and_the_latest_gives_the_outcome(run, cast, repo) -> None:
    cohort, opted, _, coaches, _ = cast
    name = opted[0].name
    run("followup", "assign", "--person", name, "--caller", coaches[0].name)
    first = run(
        "followup",
        "call",
        "--person",
        name,
        "--outcome",
        "no-answer",
        "--on",
        "2018-02-20",
        "--minutes",
        "0",
    )
    assert first.exit_code == 0, first.stderr
    second = run(
        "followup",
        "call",
        "--person",
        name,
        "--outcome",
        "happened",
        "--minutes",
        "25",
        "--note",
        "Talked about chairing a patient panel",
    )
    assert second.exit_code == 0, second.stderr
    attempts = repo.snapshot().call_attempts(cohort.id)
    assert [a.id for a in attempts] == [first.stdout.strip(), second.stdout.strip()]
    assert attempts[1].on == "2018-03-01"  # today, from the injected clock
    assert attempts[1].caller == coaches[0].id
    row = row_of(listed(run), opted[0])
    assert (row["attempts"], row["outcome"], row["overdue"]) == (2, "happened", False)
    assert row["calls"][1] == {
        "on": "2018-03-01",
        "caller": {"id": coaches[0].id, "name": coaches[0].name},
        "minutes": 25,
        "outcome": "happened",
        "note": "Talked about chairing a patient panel",
    }
    assert row["calls"][0]["outcome"] == "no-answer"


def test_a_call_without_a_caller_names_one(run, cast, repo) -> None:
    cohort, opted, _, coaches, _ = cast
    result = run(
        "followup",
        "call",
        "--person",
        opted[0].name,
        "--outcome",
        "declined",
        "--caller",
        coaches[2].name,
    )
    assert result.exit_code == 0, result.stderr
    [attempt] = repo.snapshot().call_attempts(cohort.id)
    assert (attempt.caller, attempt.outcome) == (coaches[2].id, Outcome.DECLINED)


def test_list_for_one_caller_shows_only_their_people(run, cast) -> None:
    _, opted, _, coaches, _ = cast
    run("followup", "assign", "--person", opted[0].name, "--caller", coaches[0].name)
    run("followup", "assign", "--person", opted[1].name, "--caller", coaches[1].name)
    mine = listed(run, "--caller", coaches[0].name)
    assert [r["id"] for r in mine["people"]] == [opted[0].id]
    nobody = listed(run, "--caller", coaches[3].name)
    assert nobody["people"] == []


def test_list_as_text(run, cast) -> None:
    _, opted, _, coaches, _ = cast
    run("followup", "assign", "--person", opted[0].name, "--caller", coaches[0].name)
    run("followup", "call", "--person", opted[0].name, "--outcome", "rescheduled")
    result = run("followup", "list", "--format", "text")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(opted)
    first = next(line for line in lines if line.startswith(opted[0].name))
    assert coaches[0].name in first and "1 attempt  " in first
    assert "rescheduled" in first and first.endswith("OVERDUE")
    other = next(line for line in lines if line.startswith(opted[1].name))
    assert "no caller" in other and "0 attempts" in other and "not called" in other
    before_due = run("followup", "list", "--format", "text", at=datetime(2018, 2, 1, tzinfo=UTC))
    assert "OVERDUE" not in before_due.stdout


def test_the_report_counts_a_call_that_happened(run, cast, repo, tmp_path) -> None:
    _, opted, _, coaches, _ = cast
    run(
        "followup",
        "call",
        "--person",
        opted[0].name,
        "--outcome",
        "happened",
        "--caller",
        coaches[0].name,
    )
    out = tmp_path / "report.md"
    result = run("export", "--format", "md", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"{len(opted)} participants opted to have follow-up phone calls; 1 followed through" in (
        out.read_text()
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assign", "--person", "Nobody At All", "--caller", "{coach}"], "--person: no person called 'Nobody At All'"),
        (["assign", "--person", "{opted}", "--caller", "Nobody At All"], "--caller: no person called 'Nobody At All'"),
        (["assign", "--person", "{opted}", "--caller", "{presenter}"], "--caller: '{presenter}' is a presenter, not a coach or facilitator"),
        (["assign", "--person", "{opted}", "--caller", "{opted}"], "--caller: '{opted}' is a participant, not a coach or facilitator"),
        (["assign", "--person", "{not_opted}", "--caller", "{coach}"], "--person: '{not_opted}' did not opt in to a follow-up call; only someone who opted in has a call"),
        (["assign", "--person", "{coach}", "--caller", "{coach}"], "--person: '{coach}' is a coach, not a participant; only someone who opted in has a call"),
        (["assign", "--person", "{opted}", "--caller", "{coach}", "--due", "1 March"], "--due 1 March: not a date like 2017-12-21 (YYYY-MM-DD)"),
        (["call", "--person", "{opted}", "--outcome", "happened"], "--person: '{opted}' has no caller yet (lp-tui followup assign, or name one with --caller)"),
        (["call", "--person", "{not_opted}", "--outcome", "happened", "--caller", "{coach}"], "--person: '{not_opted}' did not opt in to a follow-up call; only someone who opted in has a call"),
        (["call", "--person", "{opted}", "--outcome", "happened", "--caller", "{presenter}"], "--caller: '{presenter}' is a presenter, not a coach or facilitator"),
        (["call", "--person", "{opted}", "--outcome", "happened", "--caller", "{coach}", "--on", "2018-02-30"], "--on 2018-02-30: not a date like 2017-12-21 (YYYY-MM-DD)"),
        (["call", "--person", "{opted}", "--outcome", "happened", "--caller", "{coach}", "--on", "2018-03-02"], "--on 2018-03-02: after today (2018-03-01)"),
        (["call", "--person", "{opted}", "--outcome", "happened", "--caller", "{coach}", "--minutes", "-5"], "'--minutes': -5 is not in the range 0<=x<=600"),
        (["call", "--person", "{opted}", "--outcome", "happened", "--caller", "{coach}", "--minutes", "ten"], "'--minutes': 'ten' is not a valid integer"),
        (["call", "--person", "{opted}", "--outcome", "answered", "--caller", "{coach}"], "'answered' is not one of 'happened', 'no-answer', 'declined', 'rescheduled'"),
        (["call", "--person", "{opted}", "--outcome", "happened", "--caller", "{coach}", "--note", "bad\x1b[2J"], "--note: holds a control character"),
        (["list", "--format", "json", "--caller", "{presenter}"], "--caller: '{presenter}' is a presenter, not a coach or facilitator"),
        (["list", "--format", "yaml"], "'yaml' is not one of 'json', 'text'"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    run, cast, db_path: Path, args: list[str], message: str
) -> None:
    _, opted, not_opted, coaches, presenter = cast
    names = {
        "opted": opted[0].name,
        "not_opted": not_opted.name,
        "coach": coaches[0].name,
        "presenter": presenter.name,
    }
    before = db_path.read_bytes()
    result = run("followup", *[a.format(**names) for a in args])
    assert result.exit_code == 2, result.stdout
    line = one_line(result.stderr)
    assert line.startswith("lp-tui: ")
    assert message.format(**names) in line
    assert result.stdout == ""
    assert db_path.read_bytes() == before


def _calls_made(run, opted, coaches) -> None:
    run("followup", "assign", "--person", opted[0].name, "--caller", coaches[0].name)
    run("followup", "assign", "--person", opted[1].name, "--caller", coaches[1].name,
        "--due", "2018-03-20")  # fmt: skip
    run("followup", "call", "--person", opted[0].name, "--outcome", "happened",
        "--minutes", "30", "--note", "Wants to chair the patient panel")  # fmt: skip


def test_the_records_export_and_import_alike(run, cast, tmp_path, monkeypatch) -> None:
    _, opted, _, coaches, _ = cast
    _calls_made(run, opted, coaches)
    first = tmp_path / "first.json"
    assert run("export", "--format", "json", "--out", str(first)).exit_code == 0
    exported = json.loads(first.read_text())
    assert len(exported["caller_assignments"]) == 2 and len(exported["call_attempts"]) == 1
    monkeypatch.setenv("LP_TUI_DB", str(tmp_path / "other.json"))
    result = run("import", str(first))
    assert result.exit_code == 0, result.stderr
    second = tmp_path / "second.json"
    assert run("export", "--format", "json", "--out", str(second)).exit_code == 0
    assert second.read_text() == first.read_text()
    assert listed(run)["people"][0]["outcome"] == "happened"


def test_the_anonymised_export_maps_person_and_caller_and_drops_the_note(
    run, cast, tmp_path, monkeypatch
) -> None:
    _, opted, _, coaches, _ = cast
    _calls_made(run, opted, coaches)
    out = tmp_path / "anonymised.json"
    assert run("export", "--format", "json", "--out", str(out), "--anonymise").exit_code == 0
    text = out.read_text()
    for real in (opted[0], opted[1], coaches[0], coaches[1]):
        assert real.id not in text and real.name not in text
    assert "patient panel" not in text
    document = json.loads(text)
    people = {p["id"] for p in document["people"]}
    for table in ("caller_assignments", "call_attempts"):
        assert document[table]
        for record in document[table]:
            assert record["person"] in people and record["caller"] in people
    # and it imports: every person and caller it names is one of its people
    monkeypatch.setenv("LP_TUI_DB", str(tmp_path / "other.json"))
    assert run("import", str(out)).exit_code == 0


@pytest.mark.parametrize(
    ("table", "field", "value", "problem"),
    [
        ("call_attempts", "on", "2018-13-01", "is not a date like 2017-11-23"),
        ("call_attempts", "on", "", "empty"),
        ("call_attempts", "outcome", "answered", "is not one of"),
        ("call_attempts", "caller", "nobody", "names nobody in people"),
        ("caller_assignments", "due", "soon", "is not a date like 2017-11-23"),
        ("caller_assignments", "person", "nobody", "names nobody in people"),
    ],
)
def test_an_import_with_a_bad_call_record_is_refused(
    run, cast, tmp_path, monkeypatch, table, field, value, problem
) -> None:
    _, opted, _, coaches, _ = cast
    _calls_made(run, opted, coaches)
    out = tmp_path / "export.json"
    run("export", "--format", "json", "--out", str(out))
    document = json.loads(out.read_text())
    document[table][0][field] = value
    out.write_text(json.dumps(document))
    other = tmp_path / "other.json"
    monkeypatch.setenv("LP_TUI_DB", str(other))
    result = run("import", str(out))
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert f"table '{table}' record 1" in line and f"{field}: " in line and problem in line
    assert not other.exists()
