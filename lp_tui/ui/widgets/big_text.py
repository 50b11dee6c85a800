"""Words that grow with the screen: on a big screen (the projector) drawn in the block font,
broken over at most ``most`` lines; where that does not fit, plain text, centred and wrapped
at spaces. The words as given are the widget's ``content`` (for tests and screen readers)."""

from __future__ import annotations

import textwrap

from textual.geometry import Size
from textual.reactive import reactive

from lp_tui.domain.timers import cut_words
from lp_tui.ui.widgets.big_digits import BlockLines
from lp_tui.ui.widgets.block_font import can_draw, render, wrapped

BIG_FROM_HEIGHT = 36  # a terminal this tall (a projector's) has room for big words and digits


class BigText(BlockLines):
    DEFAULT_CSS = """
    BigText {
        width: 100%;
        height: auto;
    }
    """

    value: reactive[str] = reactive("", layout=True)

    def __init__(self, *, most: int = 2, plain_most: int | None = None, id: str | None = None):
        """``most``: lines of the block font at most; ``plain_most``: lines of plain text at
        most (the last cut with "…"), None for as many as the words take."""
        super().__init__(id=id)
        self.most = most
        self.plain_most = plain_most

    def update(self, value: str) -> None:
        self.value = value

    @property
    def content(self) -> str:
        return self.value

    def big_lines(self, width: int) -> list[str] | None:
        """The words in the block font at ``width``, or None where plain text is shown."""
        text = " ".join(self.value.split())
        if not text or self.app.size.height < BIG_FROM_HEIGHT or not can_draw(text):
            return None
        rows = wrapped(text, width)
        if rows is None or len(rows) > self.most:
            return None
        return [line for row in rows for line in render(row, 1)]

    def shown_lines(self, width: int, height: int = 0) -> list[str]:
        drawn = self.big_lines(width)
        if drawn is not None:
            return drawn
        lines = textwrap.wrap(" ".join(self.value.split()), max(1, width)) or [""]
        most = self.plain_most
        if most is not None and len(lines) > most:
            lines[most - 1 :] = [cut_words(" ".join(lines[most - 1 :]), width)]
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.shown_lines(width))
