"""What a report is made of: headings, paragraphs, tables, lists and rating charts, in order.
The report (lp_tui.export.report), the programme across cohorts and the feedback sheets build
them; the md and html writers render them, each block the same way wherever it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field

from lp_tui.domain.programme import RATING_CAPTION
from lp_tui.domain.tally import Tally, one_dp


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    numeric: tuple[int, ...] = ()  # columns aligned right
    caption: str = ""  # what the table shows, printed above it
    # a header row above the columns: (label, how many columns it spans), e.g. a cohort's
    # name over its "Number" and "Average"; html spans them, md names the group in the first
    # column under it ("Room 1: Number")
    groups: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    numbered: bool = False  # an ordered list (1. 2. 3.), e.g. objectives or lessons
    start: int = 1  # a numbered list's first number (lessons run on from section to section)


@dataclass(frozen=True)
class Ratings:
    """A day's tally: the table, and in html a bar chart of the averages."""

    tally: Tally
    caption: str = RATING_CAPTION  # the day's own (DayPlan.rating_caption)


Block = Heading | Paragraph | Table | Bullets | Ratings


@dataclass
class Report:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def tally_rows(tally: Tally) -> list[tuple[str, ...]]:
    return [(q.label, str(q.number), one_dp(q.average)) for q in tally.questions]
