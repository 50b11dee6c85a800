"""Digits big enough to read from the back of a room: a block font scaled to the space given."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

# 3 x 5 pixel glyphs; '#' is ink.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("   ", " # ", "###", " # ", "   "),
    "-": ("   ", "   ", "###", "   ", "   "),
    " ": ("  ",) * 5,
}
ROWS = 5


def render_big(text: str, scale: int) -> list[str]:
    """The text as lines of block characters, each pixel ``2*scale`` wide and ``scale`` tall."""
    lines = []
    for row in range(ROWS):
        pixels = " ".join(GLYPHS.get(ch, GLYPHS[" "])[row] for ch in text)
        line = "".join(("█" if p == "#" else " ") * 2 * scale for p in pixels)
        lines.extend([line] * scale)
    return lines


def width_of(text: str, scale: int) -> int:
    return len(render_big(text, scale)[0]) if text else 0


class BigDigits(Widget):
    """Like Textual's Digits, but as large as the widget's size allows."""

    DEFAULT_CSS = """
    BigDigits {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
    }
    """

    value: reactive[str] = reactive("")

    def update(self, value: str) -> None:
        self.value = value

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        scale = 1
        while width_of(self.value, scale + 1) <= width and ROWS * (scale + 1) <= height:
            scale += 1
        lines = render_big(self.value, scale)
        pad = max(0, (height - len(lines)) // 2)
        return Text("\n" * pad + "\n".join(line.center(width) for line in lines))
