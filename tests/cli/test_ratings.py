"""``lp-tui ratings import`` and ``ratings tally`` as CONTRACT.md says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.tally import withdrawn_form
from lp_tui.export.tally import LABEL_WIDTH
from tests.conftest import one_line
from tests.unit.test_tally import FIXTURE, REPORT

DAY3_KEYS = (
    "small_groups, table_coaches, patient_leader_talks, guest_speakers, darzi_exercise, "
    "manager_case_studies, impact_on_others, recommend"
)


def refused(run_cli, db_path: Path, file: Path, *args: str) -> str:
    """Import FILE, expecting a refusal: exit 2, one line, the database byte-identical."""
    before = db_path.read_bytes()
    result = run_cli("ratings", "import", str(file), *args)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert db_path.read_bytes() == before
    return one_line(result.stderr)


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


def test_tally_as_text_shows_every_question_whole(run_cli, demo) -> None:
    run_cli("ratings", "import", str(FIXTURE), "--day", "3")
    lines = run_cli("ratings", "tally", "--day", "3").stdout.splitlines()
    assert lines[0] == "Day 3: 32 forms"
    assert "…" not in "\n".join(lines)
    assert max(map(len, lines)) <= LABEL_WIDTH + len("  Number  Average")
    rows = lines[2:]
    for label, number, average in REPORT:  # the longest (recommend) wraps, its numbers first
        start = next(n for n, line in enumerate(rows) if line.startswith(label[:40]))
        *words, shown_number, shown_average = rows[start].split()
        assert (shown_number, shown_average) == (str(number), average)
        for line in rows[start + 1 :]:
            if not line.startswith("  "):
                break
            words += line.split()  # the label's next line, indented under it
        assert words == label.split()


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
        "'6' is not a rating from 1 to 5 or blank; nothing imported"
    )
    assert db_path.read_bytes() == before


def test_an_unreadable_file(run_cli, tmp_path, demo) -> None:
    bad = tmp_path / "forms.csv"
    bad.write_bytes(b"\xc3(bad")  # not UTF-8 (a UTF-16 file is told apart: its own test)
    result = run_cli("ratings", "import", str(bad), "--day", "3")
    assert result.exit_code == 2
    assert "not UTF-8 text (byte 0): save it as UTF-8 CSV" in one_line(result.stderr)


def test_day_one_has_its_own_short_questions(run_cli, tmp_path, demo) -> None:
    forms = tmp_path / "day1.csv"
    forms.write_text("The day overall,Discussion at my table\n5,4\n4,4\n")
    assert run_cli("ratings", "import", str(forms), "--day", "1").exit_code == 0
    text = run_cli("ratings", "tally", "--day", "1").stdout
    assert "Day 1: 2 forms" in text and "The day overall" in text


# ---------------------------------------------------------------- columns that are no question


def test_a_misspelt_question_stops_the_import(run_cli, db_path: Path, tmp_path, demo) -> None:
    forms = tmp_path / "forms.csv"
    forms.write_text("form,Working in smal groups,Table coaches\n1,5,4\n")
    line = refused(run_cli, db_path, forms, "--day", "3")
    assert line == (
        f"lp-tui: {forms}: row 1, field 'Working in smal groups': not a question of day 3 "
        f"(its questions: {DAY3_KEYS}; comment columns: most_useful, or a header starting "
        "'comment'); nothing imported"
    )


def test_a_day_three_file_imported_as_day_two_is_refused(run_cli, db_path: Path, demo) -> None:
    line = refused(run_cli, db_path, FIXTURE, "--day", "2")
    assert line.startswith(
        f"lp-tui: {FIXTURE}: row 1, field 'Working in small groups': not a question of day 2 "
        "(its questions: day_overall, behaviours_exercise, darzi_exercise, peer_feedback;"
    )
    document = json.loads(run_cli("ratings", "tally", "--day", "2", "--format", "json").stdout)
    assert document["forms"] == 0


def test_the_free_text_answers_are_stored_with_their_question(run_cli, repo, demo) -> None:
    assert run_cli("ratings", "import", str(FIXTURE), "--day", "3").exit_code == 0
    forms = repo.snapshot().forms(demo[0].id, 3)
    comments = [c for f in forms for c in f.comments]
    assert comments and {c.question for c in comments} == {"most_useful"}
    assert forms[0].comments[0].text == "links to inclusive language"


def test_comment_columns_are_kept_as_comments(run_cli, repo, tmp_path, demo) -> None:
    forms = tmp_path / "forms.csv"
    forms.write_text("small_groups,Comments,comment (facilitator)\n5,lovely,keyed late\n")
    assert run_cli("ratings", "import", str(forms), "--day", "3").exit_code == 0
    [form] = repo.snapshot().forms(demo[0].id, 3)
    assert [(c.column, c.text, c.question) for c in form.comments] == [
        ("Comments", "lovely", ""),
        ("comment (facilitator)", "keyed late", ""),
    ]


# ---------------------------------------------------------------- tables


def test_a_table_column_links_each_form_to_a_table_of_the_days_seating(
    run_cli, repo, db_path: Path, tmp_path, demo
) -> None:
    allocated = run_cli("tables", "allocate", "--day", "3", "--format", "json")
    tables = json.loads(allocated.stdout)
    numbers = [t["table"] for t in tables["tables"]]
    forms = tmp_path / "forms.csv"
    forms.write_text(f"form,table,small_groups\n1,{numbers[0]},5\n2,{numbers[-1]},4\n3,,3\n")
    assert run_cli("ratings", "import", str(forms), "--day", "3").exit_code == 0
    stored = repo.snapshot().forms(demo[0].id, 3)
    assert [(f.number, f.table) for f in stored] == [(1, numbers[0]), (2, numbers[-1]), (3, 0)]

    missing = max(numbers) + 1
    other = tmp_path / "other.csv"
    other.write_text(f"form,table,small_groups\n4,1,5\n5,{missing},4\n")
    listed = ", ".join(map(str, sorted(numbers)))
    assert refused(run_cli, db_path, other, "--day", "3") == (
        f"lp-tui: {other}: row 3, field 'table': there is no table {missing} on day 3 "
        f"(its tables: {listed}); nothing imported"
    )


def test_without_a_seating_a_table_is_any_whole_number(run_cli, repo, tmp_path, demo) -> None:
    forms = tmp_path / "forms.csv"
    forms.write_text("table,small_groups\n4,5\n")
    assert run_cli("ratings", "import", str(forms), "--day", "3").exit_code == 0
    assert [f.table for f in repo.snapshot().forms(demo[0].id, 3)] == [4]


# ---------------------------------------------------------------- bad values


@pytest.mark.parametrize(
    ("header", "value", "problem"),
    [
        ("Table coaches", "²", "'²' is not a rating from 1 to 5 or blank"),
        ("Table coaches", "³", "'³' is not a rating from 1 to 5 or blank"),
        ("Table coaches", "4.5", "'4.5' is not a rating from 1 to 5 or blank"),
        ("Table coaches", "0", "'0' is not a rating from 1 to 5 or blank"),
        ("form", str(2**70), f"'{2**70}' is not a form number (a whole number from 1 to"),
        ("form", "9" * 5000, "'99999999999999999999…' is not a form number"),
        ("form", "²", "'²' is not a form number"),
        ("form", "-4", "'-4' is not a form number"),
        ("form", "12.0", "'12.0' is not a form number"),
        ("table", "½", "'½' is not a table number"),
        ("table", "1.5", "'1.5' is not a table number"),
    ],
)
def test_a_bad_value_is_refused_naming_the_row_and_field(
    run_cli, db_path: Path, tmp_path, demo, header: str, value: str, problem: str
) -> None:
    columns = ["form", "table", "Table coaches"]
    good = {"form": "1", "table": "2", "Table coaches": "4"}
    bad = {**good, "form": "2", header: value}
    forms = tmp_path / "forms.csv"
    forms.write_text(
        ",".join(columns) + "\n" + "\n".join(",".join(r[c] for c in columns) for r in (good, bad))
    )
    line = refused(run_cli, db_path, forms, "--day", "3")
    assert line.startswith(f"lp-tui: {forms}: row 3, field '{header}': {problem}")
    assert line.endswith("; nothing imported")


def test_a_form_number_already_stored_is_refused(run_cli, db_path: Path, tmp_path, demo) -> None:
    assert run_cli("ratings", "import", str(FIXTURE), "--day", "3").exit_code == 0
    forms = tmp_path / "more.csv"
    forms.write_text("form,small_groups\n40,5\n7,4\n")
    assert refused(run_cli, db_path, forms, "--day", "3") == (
        f"lp-tui: {forms}: row 3, field 'form': form 7 is already stored"
    )


# ---------------------------------------------------------------- the same file twice


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("\n", "\r\n"),  # saved again on Windows
        lambda text: text.replace("Form,Working in small groups", "FORM, working in small groups "),
        lambda text: text.replace(",\n", ",\n\n"),  # blank lines between rows
    ],
)
def test_the_same_forms_laid_out_differently_are_refused_as_the_same_file(
    run_cli, db_path: Path, tmp_path, demo, change
) -> None:
    text = FIXTURE.read_bytes().decode("utf-8")
    first = tmp_path / "first.csv"
    first.write_bytes(text.replace("\r\n", "\n").encode())
    again = tmp_path / "again.csv"
    again.write_bytes(change(text.replace("\r\n", "\n")).encode())
    assert first.read_bytes() != again.read_bytes()
    assert run_cli("ratings", "import", str(first), "--day", "3").exit_code == 0
    assert refused(run_cli, db_path, again, "--day", "3") == (
        f"lp-tui: {again}: this file's forms for day 3 were imported already"
    )
    document = json.loads(run_cli("ratings", "tally", "--day", "3", "--format", "json").stdout)
    assert document["forms"] == 32


def test_forms_stored_before_the_row_fingerprint_still_refuse_their_file(
    run_cli, repo, db_path: Path, tmp_path, demo
) -> None:
    from lp_tui.domain.model import Answer, EvaluationForm
    from lp_tui.domain.tally import fingerprint

    text = "small_groups\n5\n"
    forms = tmp_path / "old.csv"
    forms.write_text(text)
    answers = (Answer("small_groups", 5),)
    old = EvaluationForm(
        "old", demo[0].id, 3, 1, "2018-01-16T16:00:00+00:00", answers, source=fingerprint(text)
    )
    repo.add_forms([old])
    assert "were imported already" in refused(run_cli, db_path, forms, "--day", "3")


# ---------------------------------------------------------------- only standing forms count


def test_tally_and_exports_count_only_standing_forms(run_cli, repo, clock, tmp_path, demo) -> None:
    assert run_cli("ratings", "import", str(FIXTURE), "--day", "3").exit_code == 0
    first = repo.snapshot().forms(demo[0].id, 3)[0]
    repo.add_forms([withdrawn_form(first, id="withdrawal", at=iso(clock.now()))])
    document = json.loads(run_cli("ratings", "tally", "--day", "3", "--format", "json").stdout)
    assert document["forms"] == 31
    assert document["questions"][0]["number"] == 31
    out = tmp_path / "export"
    assert run_cli("export", "--format", "csv", "--out", str(out)).exit_code == 0
    rows = (out / "forms.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("day,form,table,")
    assert len(rows) == 1 + 31
    assert not any(row.startswith(f"3,{first.number},") for row in rows[1:])
    # the json export is the record: every form kept, the withdrawal too
    saved = tmp_path / "all.json"
    assert run_cli("export", "--format", "json", "--out", str(saved)).exit_code == 0
    docs = json.loads(saved.read_text())["forms"]
    assert len(docs) == 33
    assert [d for d in docs if d.get("withdrawn")] == [
        {
            **next(d for d in docs if d["id"] == first.id),
            "id": "withdrawal",
            "at": iso(clock.now()),
            "replaces": first.id,
            "withdrawn": True,
        }
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("form,small_groups,Form\n1,5,2\n", "row 1, field 'Form': the same column appears twice"),
        (
            "small_groups,Working in small groups\n5,4\n",
            "row 1, field 'Working in small groups': the same question appears twice",
        ),
        ("form,small_groups\n1,5\n01,4\n", "row 3, field 'form': form 1 is also on row 2"),
        ("small_groups,\n5,\n4,x\n", "row 3, field 'column 2': 'x' is in a column with no header"),
        ("comments\nlovely\n", "row 1: no column matches a question of day 3"),
        ("small_groups\n5\n5,4\n", "row 3: 2 values for 1 columns"),
        ("", "the file is empty"),
    ],
)
def test_every_other_refusal_is_one_line_and_writes_nothing(
    run_cli, db_path: Path, tmp_path, demo, text: str, where: str
) -> None:
    forms = tmp_path / "forms.csv"
    forms.write_text(text)
    assert refused(run_cli, db_path, forms, "--day", "3").startswith(f"lp-tui: {forms}: {where}")


def test_the_report_names_the_question_comments_answer(run_cli, tmp_path, demo) -> None:
    assert run_cli("ratings", "import", str(FIXTURE), "--day", "3").exit_code == 0
    out = tmp_path / "report.md"
    assert run_cli("export", "--format", "md", "--out", str(out)).exit_code == 0
    text = out.read_text()
    assert "What participants wrote to “What did you find most useful?”" in text
    assert "“links to inclusive language” (6)" in text


# ---------------------------------------------------------------- the store keeps one chain a form


def test_a_form_corrected_already_cannot_be_corrected_from_a_stale_copy(
    run_cli, repo, db_path: Path, clock, demo
) -> None:
    from lp_tui.domain.tally import corrected_form
    from lp_tui.store.repo import Conflict

    assert run_cli("ratings", "import", str(FIXTURE), "--day", "3").exit_code == 0
    form = repo.snapshot().forms(demo[0].id, 3)[4]
    at = iso(clock.now())
    repo.add_forms([corrected_form(form, {"small_groups": 1}, id="first", at=at)])
    before = db_path.read_bytes()
    with pytest.raises(Conflict, match=f"form {form.number} of day 3 was corrected or withdrawn"):
        repo.add_forms([withdrawn_form(form, id="second", at=at)])  # another terminal's copy
    assert db_path.read_bytes() == before
    [standing] = [f for f in repo.snapshot().forms(demo[0].id, 3) if f.number == form.number]
    assert standing.id == "first"


def test_numbers_are_not_given_again_after_a_withdrawal(
    run_cli, repo, tmp_path, clock, demo
) -> None:
    forms = tmp_path / "forms.csv"
    forms.write_text("small_groups\n5\n4\n")
    assert run_cli("ratings", "import", str(forms), "--day", "3").exit_code == 0
    last = repo.snapshot().forms(demo[0].id, 3)[-1]
    repo.add_forms([withdrawn_form(last, id="gone", at=iso(clock.now()))])
    more = tmp_path / "more.csv"
    more.write_text("small_groups\n3\n")
    assert run_cli("ratings", "import", str(more), "--day", "3").exit_code == 0
    assert [f.number for f in repo.snapshot().forms(demo[0].id, 3)] == [1, 3]
    # a withdrawn number can still be given on purpose, in a form column
    numbered = tmp_path / "numbered.csv"
    numbered.write_text("form,small_groups\n2,2\n")
    assert run_cli("ratings", "import", str(numbered), "--day", "3").exit_code == 0
    assert [f.number for f in repo.snapshot().forms(demo[0].id, 3)] == [1, 2, 3]


def test_an_unclosed_quote_is_refused_naming_the_row_it_opened(
    run_cli, db_path: Path, demo, tmp_path: Path
) -> None:
    """The rows after it would otherwise be read, silently, as the one comment."""
    file = tmp_path / "r9.csv"
    file.write_text('form,The day overall,comments\n10,5,"Loved it\n11,4,fine\n12,3,ok\n13,2,meh\n')
    message = refused(run_cli, db_path, file, "--day", "1")
    assert "r9.csv: row 2, field 'comments': a quote" in message
    assert "never closed" in message


def test_a_quoted_comment_over_two_lines_imports(run_cli, demo, tmp_path: Path) -> None:
    file = tmp_path / "r.csv"
    file.write_text('form,The day overall,comments\n10,5,"Loved it\nreally"\n11,4,fine\n')
    result = run_cli("ratings", "import", str(file), "--day", "1")
    assert result.exit_code == 0, result.stderr
    assert "imported 2 forms for day 1" in result.stdout
