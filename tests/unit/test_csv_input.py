"""``read_csv``: a quote that opens a field and is never closed is refused, naming the row
where it opened and its field; a quoted field closed properly may span any number of lines."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.csv_input import InputError, read_csv

HEADER = ["form", "The day overall", "comments"]
# cells as people write them: commas, quotes, line ends, blanks (no control characters)
CELL = st.text(st.sampled_from('ab ,"\n\r5'), max_size=8)
ROWS = st.lists(st.lists(CELL, min_size=1, max_size=3), max_size=6)


def written(rows: list[list[str]], header: list[str] = HEADER) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    return buffer.getvalue()


def read(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    header, rows = read_csv(text, "r9.csv")
    return header, list(rows)


def refusal(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read(text)
    assert "\n" not in str(caught.value)
    return caught.value


def test_the_newcomers_file_is_refused_at_the_row_the_quote_opened() -> None:
    error = refusal('form,The day overall,comments\n10,5,"Loved it\n11,4,fine\n12,3,ok\n13,2,meh\n')
    assert (error.row, error.field) == (2, "comments")
    assert str(error).startswith("r9.csv: row 2, field 'comments': a quote")
    assert "never closed" in str(error)


def test_a_quoted_comment_over_several_lines_still_reads() -> None:
    header, rows = read('form,The day overall,comments\n10,5,"Loved it\nreally"\n11,4,fine')
    assert header == HEADER
    assert rows == [(2, ["10", "5", "Loved it\nreally"]), (3, ["11", "4", "fine"])]


def test_the_row_counts_records_not_lines_and_the_field_is_where_the_quote_is() -> None:
    error = refusal('form,The day overall,comments\n1,2,"two\nlines"\n\n2,"3\n')
    assert (error.row, error.field) == (4, "The day overall")


def test_an_open_quote_in_the_header_is_refused_as_row_1() -> None:
    error = refusal('form,"comments\n10,fine\n')
    assert (error.row, error.field) == (1, "column 2")


def test_an_open_quote_past_the_last_column_names_its_column() -> None:
    assert refusal('form\n1,"x\n').field == "column 2"


def test_an_escaped_quote_does_not_close_the_field() -> None:
    assert refusal('form,comments\n1,"he said ""hi""\n').field == "comments"


@pytest.mark.parametrize("text", ["", "\ufeff"])
def test_an_empty_file_is_still_called_empty(text: str) -> None:
    assert "the file is empty" in str(refusal(text))


@pytest.mark.parametrize(
    ("text", "header", "rows"),
    [
        ("form", ["form"], []),
        ("form\n", ["form"], []),
        ("\n", [], []),
        ("form\r\n1\r\n\r\n", ["form"], [(2, ["1"])]),
        ('form,comments\n1,"Smith" Jr\n', ["form", "comments"], [(2, ["1", "Smith Jr"])]),
        ('form,comments\n1,say "hi"\n', ["form", "comments"], [(2, ["1", 'say "hi"'])]),
    ],
)
def test_files_that_read_before_read_the_same(
    text: str, header: list[str], rows: list[tuple[int, list[str]]]
) -> None:
    assert read(text) == (header, rows)


@given(ROWS)
def test_any_file_a_csv_writer_makes_reads_back_row_for_row(rows: list[list[str]]) -> None:
    header, read_rows = read(written(rows))
    kept = [
        (number, [value.replace("\r\n", "\n").replace("\r", "\n") for value in row])
        for number, row in enumerate(rows, start=2)
        if any(value.strip() for value in row)
    ]
    assert (header, read_rows) == (HEADER, kept)


@given(ROWS, st.integers(0, 2), st.text(st.sampled_from("ab ,\n5"), max_size=12))
def test_an_unclosed_quote_anywhere_is_refused_at_its_row(
    rows: list[list[str]], column: int, rest: str
) -> None:
    """Good rows, then one whose field ``column`` opens a quote that never closes."""
    opened = ",".join(["1"] * column + ['"' + rest])
    error = refusal(written(rows) + opened)
    assert error.row == len(rows) + 2
    assert error.field == HEADER[column]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("form;The day overall\n1;5\n", "with ';' in it: the file looks semicolon-separated"),
        ("form\tThe day overall\n1\t5\n", "with a tab in it: the file looks tab-separated"),
    ],
)
def test_a_header_of_one_column_holding_another_separator_says_how_to_save_it(
    text: str, said: str
) -> None:
    error = refusal(text)
    assert error.row == 1
    assert str(error) == (
        f"r9.csv: row 1: the header row is one column {said}; save it as comma-separated CSV"
    )


def test_a_header_of_one_plain_column_is_read() -> None:
    assert read("name\nAnn; Lee\n") == (["name"], [(2, ["Ann; Lee"])])
