"""The tally as the report lays it out, with each question's 1-5 spread drawn as bars."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from lp_tui.domain.columns import LABEL_LEAST, LAYOUTS, tally_layout
from lp_tui.domain.model import EvaluationForm
from lp_tui.domain.programme import Question
from lp_tui.domain.tally import RATINGS, QuestionTally, Tally, commonest_comments, one_dp
from lp_tui.domain.timers import cut_words
from lp_tui.ui.widgets.hanging import hanging


def bars(distribution: dict[int, int]) -> str:
    """Five small bars, one per rating, as tall as its share of the answers."""
    blocks = " ▁▂▃▄▅▆▇█"
    top = max(distribution.values(), default=0)
    if not top:
        return "·" * len(RATINGS)
    return "".join(blocks[round(distribution[r] / top * (len(blocks) - 1))] for r in RATINGS)


class TallyView(Static):
    """The tally beside the form. Its labels are as wide as the longest where there is room;
    narrower than a full row, it drops the bars, then the blank column, and shortens the
    labels rather than wrap; only the recommend question, under a heading of its own, wraps
    to show whole."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._shown: Tally | None = None
        self._layout = (LABEL_LEAST, True, True)  # label width, blank column, bars
        self._comments: list[tuple[str, list[tuple[str, int]]]] = []

    def show(
        self,
        result: Tally,
        forms: Sequence[EvaluationForm],
        free_text: Sequence[Question] = (),
    ) -> None:
        """The tally, then the commonest comments under the question they answer (a free-text
        question of the day), or under "Comments" (any other comment column)."""
        self._shown = result
        self._comments = commonest_comments(forms, free_text)  # once, not at every redraw
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        result = self._shown
        if result is None:
            return
        longest = max((len(q.label) for q in result.questions), default=LABEL_LEAST)
        available = self.content_size.width or longest + LAYOUTS[0][2]
        width, with_blank, with_bars = tally_layout(available, longest)
        text = Text()
        text.append(f"Day {result.day}: {result.forms} ", style="bold")
        text.append("form\n" if result.forms == 1 else "forms\n", style="bold")
        blank = f" {'blank':>5}" if with_blank else ""
        spread = "  1-5" if with_bars else ""
        text.append(f"{'':<{width}} {'N':>3}{blank} {'avg':>4}{spread}\n", style="dim")
        self._layout = (width, with_blank, with_bars)
        ordinary = [q for q in result.questions if not q.recommend]
        apart = [q for q in result.questions if q.recommend]
        for question in ordinary:
            self._row(text, question)
        if apart:
            text.append("\n")
            for question in apart:
                text.append("Would recommend the course\n", style="bold")
                self._row(text, question, whole=True)
        for heading, comments in self._comments:
            text.append(f"\n{heading}\n", style="bold")
            for said, count in comments:
                lead = Text(f"  {count} × ")
                text.append_text(hanging(lead, Text(said), available, self.app.console))
                text.append("\n")
        self.update(text)

    def _row(self, text: Text, question: QuestionTally, *, whole: bool = False) -> None:
        """One question's row; ``whole``: a label too long for its column wraps, the numbers
        on its last line (the question under a heading of its own, asked in a sentence)."""
        width, with_blank, with_bars = self._layout
        blank = f" {question.blank:>5}" if with_blank else ""
        spread = f"  {bars(question.distribution)}" if with_bars else ""
        if whole and len(question.label) > width:
            *above, label = textwrap.wrap(question.label, width) or [""]
            for line in above:
                text.append(f"{line}\n")
        else:
            label = cut_words(question.label, width, keep=width // 2)  # mid-word, not little
        text.append(
            f"{label:<{width}} {question.number:>3}{blank} {one_dp(question.average):>4}{spread}\n"
        )
