"""Evaluation forms' comments in the workbook and the csv: the words alone, a column for each
kind of comment, headed by what it answers (never "comments: ..." inside the cell)."""

from __future__ import annotations

import csv
import io
from datetime import UTC

from openpyxl import load_workbook

from lp_tui.domain.clock import iso
from lp_tui.domain.model import Answer, Comment, EvaluationForm, new_id
from lp_tui.export.gather import gather
from lp_tui.export.sheets import forms
from tests.export.conftest import AFTER, FORMULA, export_demo

USEFUL = "What did you find most useful?"  # Day 3's free-text question


def add_forms(repo, cohort_id: str, *comments: tuple[Comment, ...]) -> None:
    at = iso(AFTER)
    repo.add_forms(
        [
            EvaluationForm(new_id(), cohort_id, 3, n, at, (Answer("small_groups", 4),), said)
            for n, said in enumerate(comments, start=1)
        ]
    )


def test_each_kind_of_comment_has_its_column_and_the_cells_hold_the_words_alone(
    repo, demo, programme, tmp_path
) -> None:
    cohort = demo[0]
    add_forms(
        repo,
        cohort.id,
        (Comment(USEFUL, "Networking", "most_useful"), Comment("Comments", "More tea")),
        (Comment("Comments on the venue", "Too cold"), Comment("comments", FORMULA)),
        (Comment("comments", "Lunch"), Comment("comments", "Parking")),
        (),
    )
    [written] = export_demo(repo, demo, programme, "xlsx", tmp_path / "r.xlsx")
    sheet = load_workbook(written)["Evaluation forms"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][-3:] == [USEFUL, "Comments on the venue", "Comments"]
    said = [row[-3:] for row in rows[1:]]
    assert said == [
        ["Networking", None, "More tea"],
        [None, "Too cold", FORMULA],
        [None, None, "Lunch | Parking"],  # two general comments on one form
        [None, None, None],
    ]
    formula = sheet.cell(3, len(rows[0]))
    assert formula.data_type == "s" and formula.quotePrefix  # text, never a formula
    assert not any(":" in str(v) for row in said for v in row if v != FORMULA)


def test_the_csv_keys_a_free_text_question_by_its_key_and_general_comments_as_comments(
    repo, demo, programme, tmp_path
) -> None:
    add_forms(
        repo,
        demo[0].id,
        (Comment("most_useful", "Networking", "most_useful"),),
        (Comment("comments", "More tea"),),
    )
    written = export_demo(repo, demo, programme, "csv", tmp_path / "records")
    [path] = [p for p in written if p.name == "forms.csv"]
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert [(r["most_useful"], r["comments"]) for r in rows] == [
        ("Networking", ""),
        ("", "More tea"),
    ]


def test_forms_without_comments_keep_one_comments_column(repo, demo, programme) -> None:
    add_forms(repo, demo[0].id, (), ())
    sheet = forms(gather(repo.snapshot(), demo[0], programme, now=AFTER, tz=UTC))
    assert sheet.columns[-1] == "comments" and "most_useful" not in sheet.columns
    assert sheet.column("comments").header == "Comments"
    assert [row[-1] for row in sheet.rows] == ["", ""]


def test_a_comment_column_named_like_a_question_key_does_not_take_its_column(
    repo, demo, programme
) -> None:
    add_forms(repo, demo[0].id, (Comment("small_groups", "odd"),))
    sheet = forms(gather(repo.snapshot(), demo[0], programme, now=AFTER, tz=UTC))
    assert sheet.columns.count("small_groups") == 1
    row = dict(zip(sheet.columns, sheet.rows[0], strict=True))
    assert row["small_groups"] == 4 and row["comments (small_groups)"] == "odd"
    assert sheet.column("comments (small_groups)").header == "Small groups"
