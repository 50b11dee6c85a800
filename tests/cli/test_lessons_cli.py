"""``lp-tui lessons set | show``: each section's text from --text, --file or stdin, stored as a
note naming the one it replaces; shown as plain text (the default), Markdown or json; bad input
refused with one line and nothing written. And the lessons travel: a json export and import keep
them, an anonymised export drops their text, forgetting a person takes out the points that name
them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lp_tui.cli import Context, cli
from lp_tui.domain.clock import FixedClock, iso
from lp_tui.domain.lessons import LessonSection, lesson_points, standing_lessons
from lp_tui.domain.record_rules import MAX_TEXT
from lp_tui.store.repo import Repo
from tests.conftest import one_line

NOW = datetime(2018, 1, 20, 16, 45, tzinfo=UTC)
BEFORE = "1. Send joining notes early\n   with the access form\n2. Book the hearing loop\n"


@pytest.fixture
def run(db_path: Path):
    def invoke(*args: str, input: str | bytes | None = None, at: datetime = NOW) -> Result:
        context = Context(db_option=None, cohort_option=None, clock=FixedClock(at))
        return CliRunner().invoke(cli, list(args), obj=context, input=input, catch_exceptions=False)

    return invoke


def shown_json(run, *extra: str) -> dict:
    result = run("lessons", "show", "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_set_from_text_file_and_stdin_then_show_json(run, demo, repo: Repo, tmp_path) -> None:
    cohort, _ = demo
    first = run("lessons", "set", "--section", "before", "--text", BEFORE)
    assert first.exit_code == 0, first.stderr
    assert first.stderr.strip() == "Before the programme: saved (2 points)"
    written = tmp_path / "during.txt"
    written.write_bytes(b"Tables of six worked.\r\n\r\nRotations ran long.\r\n")
    assert run("lessons", "set", "--section", "during", "--file", str(written)).exit_code == 0
    piped = run("lessons", "set", "--section", "next", input="Run it in Kent, Surrey and Sussex")
    assert piped.exit_code == 0, piped.stderr

    notes = repo.snapshot().lessons(cohort.id)
    standing = standing_lessons(notes)
    assert first.stdout.strip() == standing[LessonSection.BEFORE].id
    assert standing[LessonSection.DURING].text == "Tables of six worked.\n\nRotations ran long."
    assert {n.at for n in notes} == {iso(NOW)}

    document = shown_json(run)
    assert document["cohort"] == cohort.name
    assert [s["section"] for s in document["sections"]] == ["before", "during", "after", "next"]
    by_key = {s["section"]: s for s in document["sections"]}
    assert by_key["before"]["points"] == [
        "Send joining notes early with the access form",
        "Book the hearing loop",
    ]
    assert by_key["before"]["label"] == "Before the programme"
    assert by_key["during"]["points"] == ["Tables of six worked.", "Rotations ran long."]
    assert by_key["after"] == {
        "section": "after",
        "label": "After the programme",
        "text": "",
        "points": [],
        "id": None,
        "at": None,
    }
    assert by_key["next"]["at"] == iso(NOW)


def test_a_new_text_replaces_the_standing_one_the_same_text_stores_nothing(
    run, demo, repo: Repo
) -> None:
    cohort, _ = demo
    run("lessons", "set", "--section", "after", "--text", "Call at four weeks")
    again = run("lessons", "set", "--section", "after", "--text", "Call at four weeks  \n")
    assert again.exit_code == 0
    assert "unchanged" in again.stderr
    [first] = repo.snapshot().lessons(cohort.id)
    assert again.stdout.strip() == first.id  # the note that stands

    run("lessons", "set", "--section", "after", "--text", "Call at three weeks")
    first, second = repo.snapshot().lessons(cohort.id)
    assert (second.replaces, second.text) == (first.id, "Call at three weeks")

    cleared = run("lessons", "set", "--section", "after", "--text", "")
    assert cleared.exit_code == 0
    assert cleared.stderr.strip() == "After the programme: cleared"
    assert cleared.stdout == ""
    notes = repo.snapshot().lessons(cohort.id)
    assert len(notes) == 3 and notes[2].replaces == second.id
    assert standing_lessons(notes) == {}


def test_show_markdown_numbers_the_points_and_escapes_them(run, demo) -> None:
    run("lessons", "set", "--section", "before", "--text", BEFORE)
    run("lessons", "set", "--section", "next", "--text", "- [a link](http://x) <b>bold</b>")
    result = run("lessons", "show", "--format", "md")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"# Lessons learned and recommendations: {demo[0].name}"
    assert "## Before the programme" in lines
    assert "1. Send joining notes early with the access form" in lines
    assert "2. Book the hearing loop" in lines
    after = lines.index("## After the programme")
    assert lines[after + 2].startswith("_Not written yet")
    point = next(line for line in lines if line.startswith("1. ") and "link" in line)
    assert "[a link](" not in point and "<b>" not in point


def test_show_prints_plain_text_by_default_no_markdown_escapes(run, demo) -> None:
    run("lessons", "set", "--section", "before", "--text", BEFORE)
    run("lessons", "set", "--section", "during", "--text", "1. Hearing loop <2018> *worked*")
    run("lessons", "set", "--section", "next", "--text", "- Recruit for [Kent]")
    result = run("lessons", "show")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"Lessons learned and recommendations: {demo[0].name}"
    assert "Before the programme" in lines and "## Before the programme" not in lines
    assert "  1. Send joining notes early with the access form" in lines
    assert "  2. Book the hearing loop" in lines
    # one numbered point stays numbered, running on from Before; next steps start at 1
    assert "  3. Hearing loop <2018> *worked*" in lines
    assert "  1. Recruit for [Kent]" in lines
    assert "\\" not in result.stdout  # no Markdown escapes
    after = lines.index("After the programme")
    assert lines[after + 1].strip().startswith("Not written yet")
    assert result.stdout == run("lessons", "show", "--format", "text").stdout


def test_show_markdown_numbers_run_on_as_the_report_numbers_them(run, demo) -> None:
    run("lessons", "set", "--section", "before", "--text", BEFORE)
    run("lessons", "set", "--section", "after", "--text", "1. Calls need <paid> coaches")
    lines = run("lessons", "show", "--format", "md").stdout.splitlines()
    assert "3. Calls need \\<paid\\> coaches" in lines


def test_show_of_a_cohort_with_no_lessons(run, demo) -> None:
    document = shown_json(run)
    assert [s["points"] for s in document["sections"]] == [[], [], [], []]
    text = run("lessons", "show", "--format", "md").stdout
    assert text.count("_Not written yet") == 4


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("--section", "during", "--text", "a", "--file", "x.txt"), None, "--text and --file"),
        (("--section", "during", "--text", "a\x1b[2Jb"), None, "--text: holds a control"),
        (("--section", "during", "--file", "missing.txt"), None, "missing.txt: no such file"),
        (("--section", "during"), b"\xff\xfe bad", "stdin: not UTF-8 text"),
        (
            ("--section", "during"),
            b" \n",
            'stdin: nothing piped in; to clear the section, give --text ""',
        ),
        (("--section", "during", "--text", "x" * (MAX_TEXT + 1)), None, "at most 20,000"),
        (("--section", "middle", "--text", "a"), None, "'middle' is not one of"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    run, demo, db_path: Path, args, stdin, message
) -> None:
    before = db_path.read_bytes()
    result = run("lessons", "set", *args, input=stdin)
    assert result.exit_code == 2
    assert message in one_line(result.stderr)
    assert db_path.read_bytes() == before


def test_a_file_with_a_control_character_is_named(run, demo, db_path: Path, tmp_path) -> None:
    bad = tmp_path / "lessons.txt"
    bad.write_text("fine\nthen \x1b]0;title\x07 here\n", encoding="utf-8")
    before = db_path.read_bytes()
    result = run("lessons", "set", "--section", "after", "--file", str(bad))
    assert result.exit_code == 2
    assert f"{bad}: holds a control character (U+001B)" in one_line(result.stderr)
    assert db_path.read_bytes() == before


def test_no_cohort_yet_is_refused(run, db_path: Path) -> None:
    result = run("lessons", "set", "--section", "after", "--text", "x")
    assert result.exit_code == 2
    assert "no cohort yet" in one_line(result.stderr)


# ---------------------------------------------------------------- lessons travel


def _with_lessons(run) -> None:
    """Three notes a minute apart (the json lists records in the order made)."""
    texts = (("before", BEFORE), ("during", "Old text"), ("during", "New text"))
    for minute, (section, text) in enumerate(texts):
        written = run(
            "lessons",
            "set",
            "--section",
            section,
            "--text",
            text,
            at=NOW + timedelta(minutes=minute),
        )
        assert written.exit_code == 0, written.stderr


def test_json_export_import_export_keeps_the_lessons(run, demo, tmp_path) -> None:
    _with_lessons(run)
    first = tmp_path / "first.json"
    assert run("export", "--format", "json", "--out", str(first)).exit_code == 0
    document = json.loads(first.read_text())
    assert [d["text"] for d in document["lessons"]] == [BEFORE.strip(), "Old text", "New text"]

    other = tmp_path / "other" / "db.json"
    imported = run("--db", str(other), "import", str(first))
    assert imported.exit_code == 0, imported.stderr
    second = tmp_path / "second.json"
    assert (
        run("--db", str(other), "export", "--format", "json", "--out", str(second)).exit_code == 0
    )
    assert json.loads(second.read_text()) == document
    moved = Repo(other).snapshot()
    standing = standing_lessons(moved.lessons(demo[0].id))
    assert {s: n.text for s, n in standing.items()} == {
        LessonSection.BEFORE: BEFORE.strip(),
        LessonSection.DURING: "New text",
    }


def test_an_anonymised_export_keeps_no_lesson_text(run, demo, tmp_path) -> None:
    _with_lessons(run)
    out = tmp_path / "anon.json"
    assert run("export", "--format", "json", "--anonymise", "--out", str(out)).exit_code == 0
    raw = out.read_text()
    document = json.loads(raw)
    assert len(document["lessons"]) == 3
    assert all(d["text"] == "" for d in document["lessons"])
    for text in ("joining notes", "hearing loop", "Old text", "New text"):
        assert text not in raw
    for fmt, name in (("md", "anon.md"), ("html", "anon.html")):
        path = tmp_path / name
        assert run("export", "--format", fmt, "--anonymise", "--out", str(path)).exit_code == 0
        assert "hearing loop" not in path.read_text()


def test_forgetting_a_person_takes_the_points_naming_them_out_of_the_lessons(
    run, demo, repo: Repo
) -> None:
    cohort, people = demo
    name = next(p.name for p in people if p.role.value == "participant")
    text = f"1. Book a hearing loop\n2. {name} needed step-free access\n3. Lunch at 12"
    assert run("lessons", "set", "--section", "during", "--text", text).exit_code == 0
    result = run("forget", name, "--yes")
    assert result.exit_code == 0, result.stderr
    assert "lessons and recommendations naming them: 1" in result.stdout
    [stored] = repo.snapshot().lessons(cohort.id)
    assert lesson_points(stored.text) == ["Book a hearing loop", "Lunch at 12"]
    assert name.lower() not in repo.path.read_text().lower()
