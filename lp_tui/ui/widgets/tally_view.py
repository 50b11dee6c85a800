"""The tally as the report lays it out, with each question's 1-5 spread drawn as bars."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from lp_tui.domain.model import EvaluationForm
from lp_tui.domain.programme import Question
from lp_tui.domain.tally import RATINGS, QuestionTally, Tally, commonest_comments, one_dp
from lp_tui.domain.timers import cut_words
from lp_tui.ui.widgets.hanging import hanging

LABEL_WIDTH = 32
BAR_WIDTH = 12
FULL, NO_BLANK, NO_BARS = 22, 16, 9  # the columns a row needs besides its label
READABLE = 20  # the narrowest label worth keeping the bars for


def bars(distribution: dict[int, int]) -> str:
    """Five small bars, one per rating, as tall as its share of the answers."""
    blocks = " ▁▂▃▄▅▆▇█"
    top = max(distribution.values(), default=0)
    if not top:
        return "·" * len(RATINGS)
    return "".join(blocks[round(distribution[r] / top * (len(blocks) - 1))] for r in RATINGS)


class TallyView(Static):
    """The tally beside the form; narrower than a full row, it drops the blank column and
    shortens the labels rather than wrap."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._shown: Tally | None = None
        self._layout = (LABEL_WIDTH, True, True)  # label width, blank column, bars
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
        available = self.content_size.width or LABEL_WIDTH + FULL
        # the richest layout whose labels stay readable: drop the blank column, then the bars
        with_blank, with_bars = True, True
        if available < LABEL_WIDTH + FULL:
            with_blank = False
            with_bars = available - NO_BLANK >= READABLE
        extra = FULL if with_blank else NO_BLANK if with_bars else NO_BARS
        width = max(10, min(LABEL_WIDTH, available - extra))
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
                self._row(text, question)
        for heading, comments in self._comments:
            text.append(f"\n{heading}\n", style="bold")
            for said, count in comments:
                lead = Text(f"  {count} × ")
                text.append_text(hanging(lead, Text(said), available, self.app.console))
                text.append("\n")
        self.update(text)

    def _row(self, text: Text, question: QuestionTally) -> None:
        width, with_blank, with_bars = self._layout
        blank = f" {question.blank:>5}" if with_blank else ""
        spread = f"  {bars(question.distribution)}" if with_bars else ""
        label = cut_words(question.label, width, keep=width // 2)  # mid-word rather than little
        text.append(
            f"{label:<{width}} {question.number:>3}{blank} {one_dp(question.average):>4}{spread}\n"
        )
