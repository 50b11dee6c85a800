"""Text a person types on the command line, and text already stored, at the terminal:
control characters refused at the door, shown as a mark on the way out; names compared
ignoring invisible characters, normal form and spacing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lp_tui.domain.model import Person, new_id
from lp_tui.domain.text import clean_name
from lp_tui.store.repo import Conflict, Repo
from tests.conftest import one_line

OBSERVE = ["observe", "--day", "2", "--by", "Dr Anjali Rao", "--about", "Grace Nwosu"]
OBSERVE += ["--behaviour", "Listens"]


def _with(args: list[str], option: str, value: str) -> list[str]:
    changed = list(args)
    if option in changed:
        changed[changed.index(option) + 1] = value
    else:
        changed += [option, value]
    return changed


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (_with(OBSERVE, "--by", "Dr Anjali\x1b[2J Rao"), "--by"),
        (_with(OBSERVE, "--about", "Grace\x00"), "--about"),
        (_with(OBSERVE, "--behaviour", "Listens\x9b2J"), "--behaviour"),
        (_with(OBSERVE, "--note", "said \u202eti"), "--note"),
        (_with(OBSERVE, "--cohort", "London\x07"), "--cohort"),
        (["--cohort", "London\x1b", *OBSERVE], "--cohort"),
        (["cohort", "create", "New\x1b[2J"], "NAME"),
        (["cohort", "create", "New", "--programme", "effective\x1b"], "--programme"),
        (["coach", "--as", "Dr Anjali\x1b Rao"], "--as"),
    ],
)
def test_a_control_character_typed_in_any_text_option_is_refused(
    run_cli, db_path: Path, args: list[str], named: str
) -> None:
    run_cli("demo", "--no-launch")
    before = db_path.read_bytes()
    result = run_cli(*args)
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert line.startswith(f"lp-tui: {named}: holds a control character (U+")
    assert line.endswith("names and notes are plain text")
    assert db_path.read_bytes() == before


def test_a_note_over_lines_with_tabs_is_plain_text(run_cli, db_path: Path) -> None:
    run_cli("demo", "--no-launch")
    result = run_cli(*_with(OBSERVE, "--note", "first\tpoint\nsecond line"))
    assert result.exit_code == 0, result.stderr
    snapshot = Repo(db_path).snapshot()
    [observation] = snapshot.observations(snapshot.cohorts()[0].id)
    assert observation.note == "first\tpoint\nsecond line"


def _store_raw_names(db_path: Path, changes: dict[str, str]) -> None:
    """Rename people in the JSON file directly (lp-tui never writes such names itself)."""
    tables = json.loads(db_path.read_text())
    for doc in tables["people"].values():
        if doc["name"] in changes:
            doc["name"] = changes[doc["name"]]
    db_path.write_text(json.dumps(tables))


def test_a_stored_name_with_control_characters_is_printed_marked(run_cli, db_path: Path) -> None:
    run_cli("demo", "--no-launch")
    _store_raw_names(
        db_path, {"Grace Nwosu": "Grace\x1b[2JNwosu", "Dr Anjali Rao": "Dr Anjali\x9b2J Rao"}
    )
    result = run_cli("tables", "allocate", "--day", "2")
    assert result.exit_code == 0, result.stderr
    assert "Grace\ufffd[2JNwosu" in result.stdout
    assert "Dr Anjali\ufffd2J Rao" in result.stdout
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x9b" not in result.stdout + result.stderr


def test_a_refusal_quoting_a_stored_name_prints_it_marked(run_cli, db_path: Path) -> None:
    run_cli("demo", "--no-launch")
    _store_raw_names(db_path, {"Grace Nwosu": "Grace\x1b[2JNwosu"})
    tables = json.loads(db_path.read_text())
    [grace] = [d["id"] for d in tables["people"].values() if d["name"].startswith("Grace")]
    result = run_cli(*_with(OBSERVE, "--by", grace))
    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        "lp-tui: --by: 'Grace\ufffd[2JNwosu' is a participant, not a coach or facilitator"
    )


@pytest.mark.parametrize("twin", ["London\u200b Nov", " london  nov ", "London Nov\ufeff"])
def test_a_cohort_name_differing_only_invisibly_is_taken(run_cli, db_path: Path, twin) -> None:
    assert run_cli("cohort", "create", "London Nov").exit_code == 0
    before = db_path.read_bytes()
    result = run_cli("cohort", "create", twin)
    assert result.exit_code == 2
    said = f"a cohort named {clean_name(twin)!r} already exists"  # the name as it would be kept
    assert one_line(result.stderr).endswith(said)
    assert db_path.read_bytes() == before


def test_a_cohort_name_is_stored_clean(run_cli, db_path: Path) -> None:
    assert run_cli("cohort", "create", "\u200bZoe\u0308  Group\u2060").exit_code == 0
    [cohort] = Repo(db_path).snapshot().cohorts()
    assert cohort.name == "Zo\u00eb Group"


def test_a_roster_name_differing_only_invisibly_from_one_stored_is_refused(
    run_cli, db_path: Path, tmp_path: Path
) -> None:
    run_cli("demo", "--no-launch")
    before = db_path.read_bytes()
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nGrace\u200b Nwosu\n")
    result = run_cli("roster", "import", str(roster))
    assert result.exit_code == 2
    assert one_line(result.stderr).endswith(
        "row 2, field 'name': 'Grace Nwosu' is already on the cohort's roster"
    )
    assert db_path.read_bytes() == before


def test_a_typed_name_with_invisible_characters_finds_the_person(run_cli, db_path: Path) -> None:
    run_cli("demo", "--no-launch")
    result = run_cli(*_with(OBSERVE, "--about", "Grace\u200b Nwo\u00adsu"))
    assert result.exit_code == 0, result.stderr


def test_the_store_refuses_a_person_whose_name_differs_only_invisibly(repo, demo) -> None:
    cohort, people = demo
    name = people[0].name
    twin = name.replace(" ", " \u200b", 1) + "\ufeff"
    with pytest.raises(Conflict):
        repo.add_people(cohort.id, [Person(id=new_id(), cohort=cohort.id, name=twin)])
    with pytest.raises(Conflict):
        repo.add_people(
            cohort.id,
            [
                Person(id=new_id(), cohort=cohort.id, name="Zo\u00eb Lee"),
                Person(id=new_id(), cohort=cohort.id, name="Zoe\u0308 Lee"),
            ],
        )


@pytest.mark.parametrize(
    "args",
    [
        ("cohort", "create", "A\udcffB"),
        ("demo", "--no-launch", "--name", "\udc9b2J"),
    ],
    ids=["cohort create", "demo --name"],
)
def test_an_argument_that_is_not_utf8_is_refused_in_one_line(
    run_cli, db_path: Path, args: tuple[str, ...]
) -> None:
    """A byte that is not UTF-8 in an argument (Python holds it as a lone surrogate) could be
    neither shown nor saved: refused like a control character, nothing written."""
    result = run_cli(*args)
    assert result.exit_code == 2
    assert "a byte that is not UTF-8" in one_line(result.stderr)
    assert "Traceback" not in result.output + result.stderr
    assert not db_path.exists()


def test_the_error_log_takes_text_that_is_not_utf8(tmp_path: Path) -> None:
    from lp_tui.store.errors import log_error

    written = log_error(tmp_path / "lp-tui.json", ValueError("bad \udcff byte"), "lp-tui x")
    assert written is not None and "bad \\udcff byte" in written.read_text()
