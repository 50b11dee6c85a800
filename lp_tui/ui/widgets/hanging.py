"""Text with a hanging indent: a lead (a number, a bullet, a count) and words that wrap under
the words, never back under the lead, so the lead's column stays clear to read down."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text
from textual.widgets import Static

LEAST = 10  # narrower than this, the words wrap at this width anyway
KEEP = "\u00a0"  # a no-break space: the words either side stay on one line ("table 2")
STAND_IN = "\u2800"  # one cell and not a space, so the wrap does not break there


def hanging(lead: Text, body: Text, width: int, console: Console) -> Text:
    """``lead`` then ``body``, ``body`` wrapped to what ``width`` leaves beside ``lead`` with
    each further line indented to where it began; as one line when it fits or ``width`` is
    not known yet (0). Each keeps its own style."""
    out = Text()
    out.append_text(lead)
    indent = lead.cell_len
    if not width or indent + body.cell_len <= width:
        out.append_text(body)
        return out
    kept = KEEP in body.plain
    if kept:
        body = Text(body.plain.replace(KEEP, STAND_IN), style=body.style, spans=body.spans)
    for number, line in enumerate(body.wrap(console, max(LEAST, width - indent))):
        if number:
            out.append("\n" + " " * indent)
        if kept:
            line = Text(line.plain.replace(STAND_IN, KEEP), style=line.style, spans=line.spans)
        out.append_text(line)
    return out


class HangingLines(Static):
    """Rows of a lead and words, each with its hanging indent, redrawn to the widget's width.
    A subclass with more to lay out gives its own ``lines``."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._rows: Sequence[tuple[Text, Text]] = ()

    def show(self, rows: Sequence[tuple[Text, Text]]) -> None:
        self._rows = rows
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        self.update(self.lines(self.content_size.width))

    def lines(self, width: int) -> Text:
        """What to show at ``width`` (0: not laid out yet)."""
        console = self.app.console
        return Text("\n").join(hanging(lead, body, width, console) for lead, body in self._rows)
