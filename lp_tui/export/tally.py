"""The rating tally as CONTRACT.md shapes it: JSON for scripts, Markdown and text for people."""

from __future__ import annotations

import textwrap
from typing import Any

from lp_tui.domain.tally import RATINGS, Tally, one_dp
from lp_tui.export.report import plural


def tally_document(result: Tally) -> dict[str, Any]:
    return {
        "day": result.day,
        "forms": result.forms,
        "questions": [
            {
                "key": q.key,
                "label": q.label,
                "recommend": q.recommend,
                "number": q.number,
                "blank": q.blank,
                "average": q.average,
                "distribution": {str(r): q.distribution[r] for r in RATINGS},
            }
            for q in result.questions
        ],
    }


def tally_markdown(result: Tally) -> str:
    lines = ["| Question | Number | Average |", "|---|---:|---:|"]
    for q in result.questions:
        label = q.label.replace("|", "\\|")
        lines.append(f"| {label} | {q.number} | {one_dp(q.average)} |")
    return "\n".join(lines) + "\n"


LABEL_WIDTH = 60  # a longer question wraps onto lines of its own below its numbers


def tally_text(result: Tally) -> str:
    """A table for a terminal: each question whole (wrapped past LABEL_WIDTH, never cut),
    its number of ratings and their average on its first line."""
    width = min(max((len(q.label) for q in result.questions), default=10), LABEL_WIDTH)
    lines = [f"Day {result.day}: {plural(result.forms, 'form')}", f"{'':<{width}}  Number  Average"]
    for q in result.questions:
        first, *rest = textwrap.wrap(q.label, width, break_on_hyphens=False) or [""]
        lines.append(f"{first:<{width}}  {q.number:>6}  {one_dp(q.average):>7}")
        lines.extend(f"  {line}" for line in textwrap.wrap(" ".join(rest), width - 2))
    return "\n".join(lines)
