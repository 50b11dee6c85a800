"""``lp-tui self-assessment import`` and ``summary`` as CONTRACT.md says; the report's table."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import orjson
import pytest

from lp_tui.domain.model import Role
from lp_tui.domain.self_assessment import statements
from lp_tui.export.write import export
from lp_tui.store import validate
from lp_tui.store.repo import SELF_ASSESSMENTS, Repo
from tests.conftest import DEMO_MOMENT, one_line


@pytest.fixture
def names(demo) -> list[str]:
    _, people = demo
    return [p.name for p in people if p.role is Role.PARTICIPANT][:4]


def csv(tmp_path: Path, text: str, name: str = "self.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def imported(run_cli, file: Path, stage: str) -> str:
    result = run_cli("self-assessment", "import", str(file), "--stage", stage)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def refused(run_cli, db_path: Path, file: Path, *args: str) -> str:
    """Import FILE, expecting a refusal: exit 2, one line, the database byte-identical."""
    before = db_path.read_bytes()
    result = run_cli("self-assessment", "import", str(file), *args)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert db_path.read_bytes() == before
    line = one_line(result.stderr)
    assert line.startswith(f"lp-tui: {file}")
    return line


def summary(run_cli) -> dict:
    result = run_cli("self-assessment", "summary", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_import_then_summary_as_json(run_cli, tmp_path: Path, names, programme) -> None:
    a, b, c, _ = names
    label = programme.characteristics[0]
    before = csv(tmp_path, f"Name,{label.upper()},o6\n{a},2,3\n{b},3,\n", "before.csv")
    assert "imported 2 self-assessments (before the course)" in imported(run_cli, before, "before")
    end = csv(tmp_path, f"name, c1 ,O6\n{a},4,4\n{c},5,1\n", "end.csv")
    imported(run_cli, end, "end")
    document = summary(run_cli)
    assert document["assessed"] == {"before": 2, "end": 2, "3-months": 0}
    keys = [s["key"] for s in document["statements"]]
    assert keys == [s.key for s in statements(programme)]
    c1 = document["statements"][0]
    assert c1["label"] == label
    assert c1["stages"]["before"] == {"number": 2, "average": 2.5}
    assert c1["stages"]["end"] == {"number": 2, "average": 4.5}
    assert c1["stages"]["3-months"] == {"number": 0, "average": None}
    assert c1["pairs"][0] == {"from": "before", "to": "end", "pairs": 1, "mean_change": 2.0}
    assert [(p["from"], p["to"]) for p in c1["pairs"]] == [
        ("before", "end"),
        ("before", "3-months"),
        ("end", "3-months"),
    ]
    o6 = document["statements"][-1]
    assert o6["stages"]["before"] == {"number": 1, "average": 3.0}  # b left it blank
    assert o6["pairs"][0]["pairs"] == 1 and o6["pairs"][0]["mean_change"] == 1.0


def test_summary_as_markdown(run_cli, tmp_path: Path, names, programme) -> None:
    a, b, *_ = names
    imported(run_cli, csv(tmp_path, f"name,c1\n{a},2\n{b},5\n"), "before")
    imported(run_cli, csv(tmp_path, f"name,c1\n{a},3\n", "end.csv"), "end")
    result = run_cli("self-assessment", "summary", "--format", "md")
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    label = programme.characteristics[0]
    assert f"| {label} | 2 | 3.5 | 1 | 3.0 | 0 | - |" in md
    assert f"| {label} | 1 | +1.0 | 0 | - | 0 | - |" in md
    assert "| Statement | Before: number | Before: average |" in md
    assert "Before → end: pairs | Before → end: mean change" in md


def test_an_empty_summary_has_every_statement_and_no_numbers(run_cli, demo, programme) -> None:
    document = summary(run_cli)
    assert len(document["statements"]) == len(statements(programme)) == 13
    assert all(s["stages"]["before"]["number"] == 0 for s in document["statements"])


def test_each_refusal_is_one_line_and_writes_nothing(
    run_cli, db_path: Path, tmp_path: Path, names
) -> None:
    a, b, *_ = names
    imported(run_cli, csv(tmp_path, f"name,c1\n{a},4\n", "first.csv"), "before")
    cases = [
        (f"name,c1,mood\n{b},4,3\n", "row 1, field 'mood': not a statement"),
        (f"name,c1\n{b},6\n", "row 2, field 'c1': '6' is not a rating"),
        (f"name,c1\n{b},²\n", "row 2, field 'c1': '²' is not a rating"),
        (f"name,c1\n{b},4.5\n", "row 2, field 'c1': '4.5' is not a rating"),
        (f"name,c1\n{b},{2**70}\n", "row 2, field 'c1'"),
        ("name,c1\nNobody Here,4\n", "row 2, field 'name': no person called 'Nobody Here'"),
        (f"name,c1\n{b},4\n{b.upper()},3\n", "row 3, field 'name'"),
        (f"name,c1\n{b},4\n{a},3\n", f"row 3, field 'name': '{a}' has a self-assessment before"),
        (f"c1\n{b}\n", "no 'name' column"),
        ("", "the file is empty"),
    ]
    for number, (text, words) in enumerate(cases):
        file = csv(tmp_path, text, f"bad{number}.csv")
        line = refused(run_cli, db_path, file, "--stage", "before")
        assert words in line, line
        assert line.endswith("; nothing imported"), line


def test_a_coach_cannot_be_self_assessed(run_cli, db_path: Path, tmp_path: Path, demo) -> None:
    coach = next(p for p in demo[1] if p.role is Role.COACH)
    line = refused(run_cli, db_path, csv(tmp_path, f"name,c1\n{coach.name},4\n"), "--stage", "end")
    assert "is a coach, not a participant" in line


def test_a_missing_file_or_a_bad_stage_is_one_line(
    run_cli, db_path: Path, tmp_path: Path, demo
) -> None:
    line = refused(run_cli, db_path, tmp_path / "none.csv", "--stage", "end")
    assert "no such file; nothing imported" in line
    file = csv(tmp_path, "name,c1\n")
    before = db_path.read_bytes()
    result = run_cli("self-assessment", "import", str(file), "--stage", "during")
    assert result.exit_code == 2 and "--stage" in one_line(result.stderr)
    assert db_path.read_bytes() == before


def test_the_same_person_at_another_stage_is_welcome(run_cli, tmp_path: Path, names) -> None:
    file = csv(tmp_path, f"name,c1\n{names[0]},4\n")
    for stage in ("before", "end", "3-months"):
        imported(run_cli, file, stage)
    assert summary(run_cli)["assessed"] == {"before": 1, "end": 1, "3-months": 1}


def test_the_report_carries_the_table_only_when_any_is_stored(
    run_cli, repo: Repo, tmp_path: Path, demo, names, programme
) -> None:
    cohort = demo[0]

    def report() -> str:
        [out] = export(
            repo.snapshot(), cohort, programme, "md", tmp_path / "r.md", now=DEMO_MOMENT, tz=UTC
        )
        return out.read_text()

    assert "Self-assessment" not in report()
    imported(run_cli, csv(tmp_path, f"name,c1\n{names[0]},2\n{names[1]},4\n"), "before")
    imported(run_cli, csv(tmp_path, f"name,c1\n{names[0]},5\n", "end.csv"), "end")
    md = report()
    assert "## Self-assessment before and after" in md
    label = programme.characteristics[0]
    assert f"| {label} | 2 | 3.0 | 1 | 5.0 | 0 | \\- |" in md  # the md writer escapes -
    assert f"| {label} | 1 | \\+3.0 | 0 | \\- | 0 | \\- |" in md  # and a leading +
    html_out = export(
        repo.snapshot(), cohort, programme, "html", tmp_path / "r.html", now=DEMO_MOMENT, tz=UTC
    )[0].read_text()
    assert "Self-assessment before and after" in html_out and "+3.0" in html_out


def test_an_anonymised_export_names_no_real_person_in_self_assessments(
    run_cli, repo: Repo, tmp_path: Path, demo, names, programme
) -> None:
    imported(run_cli, csv(tmp_path, f"name,c1\n{names[0]},2\n{names[1]},4\n"), "before")
    cohort, people = demo
    key = repo.pseudonym_key(cohort.id, "2017-11-24T09:30:00+00:00")
    snapshot = repo.snapshot()
    [out] = export(
        snapshot,
        cohort,
        programme,
        "json",
        tmp_path / "anon.json",
        now=DEMO_MOMENT,
        tz=UTC,
        anonymise=True,
        key=key,
    )
    document = json.loads(out.read_text())
    real = {p.id for p in people} | {d["id"] for d in snapshot.tables[SELF_ASSESSMENTS].values()}
    found = document[SELF_ASSESSMENTS]
    assert len(found) == 2
    pseudo_people = {p["id"] for p in document["people"]}
    for record in found:
        assert record["person"] in pseudo_people
        assert record["person"] not in real and record["id"] not in real
    # listed by the person's pseudonym, not in the order made
    by_id = {p["id"]: p["name"] for p in document["people"]}
    listed = [by_id[r["person"]] for r in found]
    assert listed == sorted(listed)


def test_export_import_export_keeps_self_assessments(
    run_cli, db_path: Path, tmp_path: Path, names
) -> None:
    imported(run_cli, csv(tmp_path, f"name,c1,o2\n{names[0]},2,\n{names[1]},4,5\n"), "end")
    first = tmp_path / "first.json"
    assert run_cli("export", "--format", "json", "--out", str(first)).exit_code == 0
    other = tmp_path / "other" / "db.json"
    result = run_cli("--db", str(other), "import", str(first))
    assert result.exit_code == 0, result.stderr
    second = tmp_path / "second.json"
    result = run_cli("--db", str(other), "export", "--format", "json", "--out", str(second))
    assert result.exit_code == 0, result.stderr
    document = json.loads(second.read_text())
    assert document == json.loads(first.read_text())
    assert len(document[SELF_ASSESSMENTS]) == 2
    assert validate.problems(orjson.loads(other.read_bytes())) == []


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("stage", "during", "stage: 'during' is not one of"),
        (
            "answers",
            [{"question": "c1", "rating": "5"}],
            "answers: entry 1: rating: '5' is not a whole",
        ),
        ("person", 7, "person: 7 is not text"),
    ],
)
def test_a_bad_stored_self_assessment_is_named(
    run_cli, db_path: Path, tmp_path: Path, names, field: str, value, words: str
) -> None:
    imported(run_cli, csv(tmp_path, f"name,c1\n{names[0]},2\n"), "end")
    tables = orjson.loads(db_path.read_bytes())
    tables[SELF_ASSESSMENTS]["1"][field] = value
    [problem] = validate.problems(tables)
    assert f"table '{SELF_ASSESSMENTS}' record 1: {words}" in str(problem)


def test_the_store_refuses_a_second_one_at_a_stage_written_meanwhile(
    repo: Repo, db_path: Path, demo
) -> None:
    from lp_tui.domain.model import Answer, AssessmentStage, SelfAssessment
    from lp_tui.store.repo import Conflict

    cohort, people = demo
    person = next(p for p in people if p.role is Role.PARTICIPANT)

    def made(number: int, stage: AssessmentStage) -> SelfAssessment:
        at = f"2017-11-24T09:3{number}:00+00:00"
        return SelfAssessment(f"a{number}", cohort.id, person.id, stage, at, (Answer("c1", 3),))

    repo.add_self_assessments([made(1, AssessmentStage.END)])
    before = db_path.read_bytes()
    with pytest.raises(Conflict, match="at the end of the course is already stored"):
        repo.add_self_assessments([made(2, AssessmentStage.BEFORE), made(3, AssessmentStage.END)])
    with pytest.raises(Conflict, match="before the course is already stored"):
        repo.add_self_assessments(
            [made(5, AssessmentStage.BEFORE), made(6, AssessmentStage.BEFORE)]
        )
    assert db_path.read_bytes() == before
    repo.add_self_assessments([made(4, AssessmentStage.BEFORE)])
    assert [a.id for a in repo.snapshot().self_assessments(cohort.id)] == ["a1", "a4"]


def test_an_unclosed_quote_is_refused_naming_the_row_it_opened(
    run_cli, db_path: Path, tmp_path: Path, names
) -> None:
    a, b, _, _ = names
    file = csv(tmp_path, f'name,c1\n{a},"3\n{b},4\n')
    line = refused(run_cli, db_path, file, "--stage", "before")
    assert f"{file}: row 2, field 'c1': a quote" in line and "never closed" in line
