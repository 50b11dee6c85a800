"""A coach's table: each member's number and name, and their access needs beside the name or,
where the line is too narrow, under it with a hanging indent (never back at the left edge)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from lp_tui.domain.model import Person
from lp_tui.ui.widgets.hanging import hanging

NEEDS_INDENT = 5  # under the name: " 1  " and one more
BULLET = "• "


class MembersList(Static):
    """Your table's members, numbered as the coach logs them; redrawn to its width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._table: int | None = None
        self._members: Sequence[Person] = ()

    def show(self, table: int | None, members: Sequence[Person]) -> None:
        """``members`` of table ``table``; None: no table yet today."""
        self._table, self._members = table, members
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        text = Text()
        if self._table is None:
            text.append("You have no table yet today: the facilitator allocates the tables.\n")
            self.update(text)
            return
        width = self.content_size.width
        text.append(f"Your table: {self._table}", style="bold")
        for index, member in enumerate(self._members, start=1):
            line = f" {index}  {member.name}"
            text.append(f"\n{line}")
            if not member.access_needs:
                continue
            beside = f"   {BULLET}{member.access_needs}"
            if not width or cell_len(line + beside) <= width:
                text.append(beside, style="italic")
                continue
            lead = Text(" " * NEEDS_INDENT + BULLET)
            needs = Text(member.access_needs, style="italic")
            text.append("\n")
            text.append_text(hanging(lead, needs, width, self.app.console))
        self.update(text)
