"""A coach's table: each member's number and name, and their access needs beside the name or,
where the line is too narrow, under it with a hanging indent (never back at the left edge)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from lp_tui.domain.model import Person
from lp_tui.ui.widgets.hanging import HangingLines, hanging

NEEDS_INDENT = 5  # under the name: " 1  " and one more
BULLET = "• "


class MembersList(HangingLines):
    """Your table's members, numbered as the coach logs them; redrawn to its width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._table: int | None = None
        self._members: Sequence[Person] = ()
        self._allocated = False

    def show_members(
        self, table: int | None, members: Sequence[Person], *, allocated: bool = False
    ) -> None:
        """``members`` of table ``table``; None: no table yet today (``allocated``: the day's
        tables are made, and none is this coach's)."""
        self._table, self._members, self._allocated = table, members, allocated
        self.redraw()

    def lines(self, width: int) -> Text:
        if self._table is None and self._allocated:
            return Text(
                "You lead no table today: the day's tables are made without you; ask the "
                "facilitator.\n"
            )
        if self._table is None:
            return Text("You have no table yet today: the facilitator allocates the tables.\n")
        text = Text(f"Your table: {self._table}", style="bold")
        for index, member in enumerate(self._members, start=1):
            line = Text(f" {index}  {member.name}")
            text.append("\n")
            if not member.access_needs:
                text.append_text(line)
                continue
            beside = Text(f"   {BULLET}{member.access_needs}", style="italic")
            if not width or line.cell_len + beside.cell_len <= width:
                text.append_text(line)
                text.append_text(beside)
                continue
            text.append_text(line)
            lead = Text(" " * NEEDS_INDENT + BULLET)
            needs = Text(member.access_needs, style="italic")
            text.append("\n")
            text.append_text(hanging(lead, needs, width, self.app.console))
        return text
