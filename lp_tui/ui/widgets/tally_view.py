"""The tally as the report lays it out, with each question's 1-5 spread drawn as bars."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.widgets import Static

from lp_tui.domain.tally import RATINGS, EvaluationForm, Tally, one_dp

LABEL_WIDTH = 32
BAR_WIDTH = 12


def bars(distribution: dict[int, int]) -> str:
    """Five small bars, one per rating, as tall as its share of the answers."""
    blocks = " ▁▂▃▄▅▆▇█"
    top = max(distribution.values(), default=0)
    if not top:
        return "·" * len(RATINGS)
    return "".join(blocks[round(distribution[r] / top * (len(blocks) - 1))] for r in RATINGS)


class TallyView(Static):
    def show(self, result: Tally, forms: list[EvaluationForm]) -> None:
        text = Text()
        text.append(f"Day {result.day}: {result.forms} forms\n", style="bold")
        text.append(f"{'':<{LABEL_WIDTH}} {'N':>3} {'blank':>5} {'avg':>4}  1-5\n", style="dim")
        ordinary = [q for q in result.questions if not q.recommend]
        apart = [q for q in result.questions if q.recommend]
        for question in ordinary:
            self._row(text, question.label, question)
        if apart:
            text.append("\n")
            for question in apart:
                text.append("Would recommend the course\n", style="bold")
                self._row(text, question.label, question)
        comments = Counter(
            c.text.strip().casefold() for f in forms for c in f.comments if c.text.strip()
        )
        if comments:
            text.append("\nComments\n", style="bold")
            for comment, count in comments.most_common(8):
                text.append(f"  {count} × {comment}\n")
        self.update(text)

    def _row(self, text: Text, label: str, question) -> None:  # type: ignore[no-untyped-def]
        short = label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 1] + "…"
        text.append(
            f"{short:<{LABEL_WIDTH}} {question.number:>3} {question.blank:>5} "
            f"{one_dp(question.average):>4}  {bars(question.distribution)}\n"
        )
