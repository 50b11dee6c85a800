"""Words under a hanging indent: never back under their lead, whatever the width."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from lp_tui.ui.widgets.hanging import LEAST, hanging

CONSOLE = Console(width=200)
SAID = "Guide dog: space beside the table, water bowl"


def lines(lead: str, body: str, width: int) -> list[str]:
    return hanging(Text(lead), Text(body), width, CONSOLE).plain.split("\n")


def test_words_that_fit_stay_on_one_line() -> None:
    assert lines("  6 × ", SAID, 80) == [f"  6 × {SAID}"]


def test_an_unknown_width_keeps_one_line() -> None:  # before the first layout
    assert lines("  6 × ", SAID, 0) == [f"  6 × {SAID}"]


@pytest.mark.parametrize("width", [16, 20, 27, 33, 40])
def test_longer_words_wrap_under_the_words_and_within_the_width(width: int) -> None:
    shown = lines("  6 × ", SAID, width)
    assert len(shown) > 1
    assert shown[0].startswith("  6 × Guide")
    assert all(line.startswith(" " * 6) and line[6] != " " for line in shown[1:])
    assert all(cell_len(line.rstrip()) <= width for line in shown)
    assert " ".join(" ".join(shown).replace("6 ×", "").split()) == SAID


def test_wide_letters_are_counted_by_the_cells_they_take() -> None:
    shown = lines(" 1 ", "日本語の名前と長い説明です", 16)
    assert len(shown) > 1
    assert all(cell_len(line) <= 16 for line in shown)
    assert all(line.startswith("   ") for line in shown[1:])


def test_a_lead_wider_than_the_line_still_leaves_the_words_some_room() -> None:
    shown = lines("x" * 30, SAID, 20)
    assert all(cell_len(line) - 30 <= LEAST for line in shown)


def test_the_words_keep_their_style() -> None:
    out = hanging(Text("• "), Text(SAID, style="italic"), 20, CONSOLE)
    assert all(span.style == "italic" for span in out.spans)
    assert out.spans
