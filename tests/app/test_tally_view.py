"""The evaluation tally: its layout at any width, and its comments, alike whatever their case
and shown as people wrote them."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from textual.app import App, ComposeResult

from lp_tui.domain.columns import LABEL_LEAST, LAYOUTS, READABLE, tally_layout
from lp_tui.domain.model import Comment, EvaluationForm
from lp_tui.domain.tally import tally
from lp_tui.ui.widgets.tally_view import TallyView


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield TallyView(id="tally")


def form(number: int, said: str) -> EvaluationForm:
    return EvaluationForm(
        id=f"f{number}",
        cohort="c",
        day=3,
        number=number,
        at="2017-11-27T15:40:00+00:00",
        comments=(Comment("comments", said),),
    )


async def test_comments_alike_but_for_case_are_counted_together_and_shown_as_first_written() -> (
    None
):
    forms = [form(1, "Meeting NHS England"), form(2, "meeting nhs england "), form(3, "The food")]
    app = Holder()
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(TallyView)
        view.show(tally(3, [], forms), forms)
        await pilot.pause()
        shown = str(view.render())
        assert "2 × Meeting NHS England" in shown
        assert "1 × The food" in shown
        assert "nhs england" not in shown


@pytest.mark.parametrize(
    "available, longest, expected",
    [
        (66, 95, (44, True, True)),  # 120 columns: every column, the labels as wide as room allows
        (80, 40, (40, True, True)),  # room over: the labels whole, no wider than the longest
        (34, 44, (19, True, False)),  # 80x24: the bars go first, the blank count stays
        (26, 44, (17, False, False)),  # narrower still: the blank column too
        (12, 44, (LABEL_LEAST, False, False)),
    ],
)
def test_the_tally_drops_the_bars_then_the_blank_column(available, longest, expected) -> None:
    assert tally_layout(available, longest) == expected


@given(st.integers(0, 300), st.integers(1, 120))
@example(16, 1)  # a one-letter label: no wider than itself
def test_a_tally_layout_keeps_labels_readable_and_fits(available, longest) -> None:
    width, with_blank, with_bars = tally_layout(available, longest)
    cells = next(c for b, bars, c in LAYOUTS if (b, bars) == (with_blank, with_bars))
    assert min(LABEL_LEAST, longest) <= width <= longest  # no wider than the longest label
    if (with_blank, with_bars) != (False, False):  # a richer layout only with readable labels
        assert width >= min(longest, READABLE) and width + cells <= available
    richer = [c for b, bars, c in LAYOUTS if c > cells]
    for more in richer:  # no richer layout would have kept the labels readable
        assert available - more < min(longest, READABLE)


@pytest.mark.parametrize("width", [30, 40, 60])
async def test_the_recommend_question_shows_whole_and_the_others_keep_one_line(
    programme, width
) -> None:
    """Under its heading the recommend question wraps, its numbers on its last line; the
    rated questions above keep a line each, cut with "…" where their column is narrower."""
    questions = programme.day(3).questions
    recommend = next(q for q in questions if q.recommend)
    app = Holder()
    async with app.run_test(size=(width, 30)) as pilot:
        view = app.query_one(TallyView)
        view.show(tally(3, questions, []), [])
        await pilot.pause()
        lines = str(view.render()).splitlines()
        assert all(len(line) <= width for line in lines)
        start = lines.index("Would recommend the course") + 1
        end = lines.index("", start) if "" in lines[start:] else len(lines)
        words = " ".join(lines[start:end]).split()  # the label's lines, then N, blank, avg
        said = recommend.label.split()
        assert words[: len(said)] == said
        assert words[len(said)] == "0"  # then its numbers, on the label's last line: N first
        rated = [q for q in questions if not q.recommend]
        assert len(lines[2 : lines.index("Would recommend the course") - 1]) == len(rated)
