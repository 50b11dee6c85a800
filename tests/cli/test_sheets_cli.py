"""``lp-tui sheets --out DIR [--format html|md] [--person NAME]``: one private file a participant,
their name in its first lines; bad input is one line, exit 2, and nothing written."""

from __future__ import annotations

import stat
from html import escape
from pathlib import Path

import pytest

from lp_tui.domain.demo_day import demo_activity
from lp_tui.domain.model import Person, Role, new_id
from lp_tui.export.markdown_format import md_text
from tests.conftest import one_line

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def people(repo, demo, programme) -> list[Person]:
    """The demo cohort after its days, with one participant whose name is an html script."""
    cohort, people = demo
    nasty = Person(new_id(), cohort.id, SCRIPT)
    repo.add_people(cohort.id, [nasty])
    everyone = [*people, nasty]
    repo.add_activity(demo_activity(cohort, everyone, programme))
    return everyone


def participants(people: list[Person]) -> list[Person]:
    return [p for p in people if p.role is Role.PARTICIPANT]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_one_private_file_per_participant(run_cli, people, tmp_path) -> None:
    out = tmp_path / "sheets"
    result = run_cli("sheets", "--out", str(out))
    group = participants(people)
    assert result.exit_code == 0, result.output
    assert one_line(result.stdout) == f"{out}: {len(group)} sheets written"
    written = sorted(out.iterdir())
    assert len(written) == len(group)
    assert mode(out) == 0o700
    assert {mode(p) for p in written} == {0o600}
    assert {p.suffix for p in written} == {".html"}
    for person in group:
        (page,) = [p for p in written if p.stem.endswith("-" + person.id[:8])]
        first = "\n".join(page.read_text(encoding="utf-8").splitlines()[:6])
        assert escape(person.name) in first
    script = next(p for p in group if p.name == SCRIPT)
    page = next(p for p in written if p.stem.endswith(script.id[:8])).read_text(encoding="utf-8")
    assert SCRIPT not in page and escape(SCRIPT) in page


def test_one_person_as_markdown(run_cli, people, tmp_path) -> None:
    group = participants(people)
    person, other = group[3], group[4]
    out = tmp_path / "one"
    result = run_cli("sheets", "--out", str(out), "--format", "md", "--person", person.name.upper())
    assert result.exit_code == 0, result.output
    assert one_line(result.stdout) == f"{out}: 1 sheet written"
    (page,) = out.iterdir()
    assert page.name.endswith(f"-{person.id[:8]}.md") and mode(page) == 0o600
    text = page.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# Feedback sheet: {md_text(person.name)}"
    assert "## What your coaches saw" in text
    assert f"Feedback sheet: {md_text(other.name)}" not in text


def test_by_id_and_cohort_and_an_existing_folder(run_cli, people, demo, tmp_path) -> None:
    person = participants(people)[0]
    out = tmp_path / "kept"
    out.mkdir()
    (out / "other.txt").write_text("stays")
    result = run_cli("sheets", "--out", str(out), "--person", person.id, "--cohort", demo[0].name)
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in out.iterdir()) == [".html", ".txt"]
    assert len(list(out.glob(f"*-{person.id[:8]}.html"))) == 1
    assert (out / "other.txt").read_text() == "stays"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--person", "Nobody Here"), "--person: no person called 'Nobody Here'"),
        (("--format", "pdf"), "--format"),
        (("--cohort", "Nowhere"), "no cohort called 'Nowhere'"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    run_cli, people, tmp_path, args, says
) -> None:
    out = tmp_path / "never"
    result = run_cli("sheets", "--out", str(out), *args)
    assert result.exit_code == 2
    assert says in one_line(result.stderr)
    assert result.stdout == ""
    assert not out.exists()


def test_a_coach_has_no_sheet(run_cli, people, tmp_path) -> None:
    coach = next(p for p in people if p.role is Role.COACH)
    out = tmp_path / "never"
    result = run_cli("sheets", "--out", str(out), "--person", coach.name)
    assert result.exit_code == 2
    assert one_line(result.stderr).endswith("is a coach, not a participant")
    assert not out.exists()


def test_out_that_is_a_file(run_cli, people, tmp_path) -> None:
    out = tmp_path / "a-file"
    out.write_text("mine")
    result = run_cli("sheets", "--out", str(out))
    assert result.exit_code == 2
    assert "is a file, not a folder" in one_line(result.stderr)
    assert out.read_text() == "mine"


def test_no_cohort_yet(run_cli, db_path, tmp_path) -> None:
    result = run_cli("sheets", "--out", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "no cohort" in one_line(result.stderr)


def test_a_cohorts_own_observed_enough(run_cli, repo) -> None:
    made = run_cli("cohort", "create", "Leeds 2018", "--observed-enough", "5")
    assert made.exit_code == 0, made.output
    plain = run_cli("cohort", "create", "York 2018")
    cohorts = {c.name: c for c in repo.snapshot().cohorts()}
    assert cohorts["Leeds 2018"].observed_enough == 5
    assert cohorts["York 2018"].observed_enough is None  # the default: not stored
    assert plain.exit_code == 0 and repo.path.read_text().count("observed_enough") == 1
    refused = run_cli("cohort", "create", "Hull 2018", "--observed-enough", "0")
    assert refused.exit_code == 2 and "--observed-enough" in one_line(refused.stderr)
    assert "Hull" not in {c.name for c in repo.snapshot().cohorts()}


def test_sheets_are_recorded_as_exports(run_cli, people, repo, tmp_path) -> None:
    out = tmp_path / "rec"
    assert run_cli("sheets", "--out", str(out)).exit_code == 0
    assert {e.path for e in repo.snapshot().exports()} == {str(p.resolve()) for p in out.iterdir()}
