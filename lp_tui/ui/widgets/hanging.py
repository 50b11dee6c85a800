"""Text with a hanging indent: a lead (a number, a bullet, a count) and words that wrap under
the words, never back under the lead, so the lead's column stays clear to read down."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text
from textual.widgets import Static

LEAST = 10  # narrower than this, the words wrap at this width anyway


def hanging(lead: Text, body: Text, width: int, console: Console) -> Text:
    """``lead`` then ``body``, ``body`` wrapped to what ``width`` leaves beside ``lead`` with
    each further line indented to where it began; as one line when it fits or ``width`` is
    not known yet (0)."""
    out = lead.copy()
    indent = lead.cell_len
    if not width or indent + body.cell_len <= width:
        out.append_text(body)
        return out
    for number, line in enumerate(body.wrap(console, max(LEAST, width - indent))):
        if number:
            out.append("\n" + " " * indent)
        out.append_text(line)
    return out


class HangingLines(Static):
    """Rows of a lead and words, each with its hanging indent, redrawn to the widget's width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._rows: Sequence[tuple[Text, Text]] = ()

    def show(self, rows: Sequence[tuple[Text, Text]]) -> None:
        self._rows = rows
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = self.content_size.width
        self.update(
            Text("\n").join(
                hanging(lead, body, width, self.app.console) for lead, body in self._rows
            )
        )
