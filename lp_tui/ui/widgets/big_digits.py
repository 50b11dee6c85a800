"""Digits big enough to read from the back of a room: the block font scaled to the space
given, whole at any size; when even its smallest size does not fit, the text as it is.

Drawn line by line (``render_line``) so that no space is ever trimmed from a line: a glyph's
blank pixels are spaces, and a trimmed line would shift its pixels (03:20 read "n3:Pn")."""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from lp_tui.ui.widgets.block_font import fitting_size, render


class BlockLines(Widget):
    """A widget showing lines of text exactly as given, each centred, the block centred in
    the widget's height; subclasses say what the lines are at a width and height."""

    _drawn: tuple[tuple[object, ...], list[str]] | None = None

    def shown_lines(self, width: int, height: int) -> list[str]:
        raise NotImplementedError

    def drawn_key(self) -> tuple[object, ...]:
        """What the lines depend on besides the widget's size (the lines are drawn once for
        all the rows of a render, not once a row)."""
        return (getattr(self, "value", None), self.app.size)

    def drawn_lines(self) -> list[str]:
        """The lines at the widget's size now, drawn once for every row that asks."""
        width, height = self.size.width, self.size.height
        key = (width, height, *self.drawn_key())
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self.shown_lines(width, height))
        return self._drawn[1]

    def drawn_width(self) -> int:
        """How wide the lines are drawn (0 before the widget has a size)."""
        if not self.size.area:
            return 0
        return min(self.size.width, max((len(line) for line in self.drawn_lines()), default=0))

    def render_line(self, y: int) -> Strip:
        width, height = self.size.width, self.size.height
        lines = self.drawn_lines()
        top = max(0, (height - len(lines)) // 2)
        index = y - top
        text = lines[index] if 0 <= index < len(lines) else ""
        text = text[:width]
        left = (width - len(text)) // 2  # as Textual centres (the bar under the digits)
        text = f"{' ' * left}{text}".ljust(width)
        return Strip([Segment(text, self.rich_style)], width)


class BigDigits(BlockLines):
    """Like Textual's Digits, but as large as the widget's size allows, and never cut."""

    DEFAULT_CSS = """
    BigDigits {
        width: 1fr;
        height: 1fr;
    }
    """

    value: reactive[str] = reactive("")

    class Resized(Message):
        """The digits were laid out at a new size (what is drawn beside them may follow)."""

    def on_resize(self, _: events.Resize) -> None:
        self.post_message(self.Resized())

    def update(self, value: str) -> None:
        self.value = value

    def shown_lines(self, width: int, height: int) -> list[str]:
        size = fitting_size(self.value, width, height)
        return render(self.value, size) if size else [self.value]
