"""A form's table typed while keying (lp_tui.domain.tally.read_table)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.tally import MAX_TABLE_NUMBER, read_table


@pytest.mark.parametrize("typed", ["", "   "])
def test_blank_is_no_table(typed: str) -> None:
    assert read_table(typed, {1, 2}) == 0


def test_a_table_of_the_day_is_taken_with_outer_spaces_trimmed() -> None:
    assert read_table(" 2 ", {1, 2, 3}) == 2


@pytest.mark.parametrize("typed", ["x", "0", "-1", "2.5", "²", "100"])
def test_what_is_not_a_table_number_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="is not a table number"):
        read_table(typed)


def test_a_table_not_seated_that_day_is_refused_naming_the_tables() -> None:
    with pytest.raises(ValueError, match=r"no table 4 today \(its tables: 1, 2\)"):
        read_table("4", {2, 1})


@given(st.integers(min_value=1, max_value=MAX_TABLE_NUMBER))
def test_any_table_number_reads_back_when_no_seating_limits_it(number: int) -> None:
    assert read_table(str(number)) == number
    assert read_table(str(number), {number}) == number


@given(st.text(max_size=6))
def test_the_answer_is_always_a_table_of_the_day_or_none(typed: str) -> None:
    tables = {1, 3}
    try:
        number = read_table(typed, tables)
    except ValueError:
        return
    assert number == 0 or number in tables
