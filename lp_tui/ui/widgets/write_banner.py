"""The red banner at the top of every screen while changes wait to be saved.

A write the store did not take (a full disk, no permission, a read-only folder) is not a toast
that fades: the banner stays, says how many changes wait and why, and goes once they land.
The words come from lp_tui.domain.pending; they are shown as plain text, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class WriteBanner(Static):
    """Changes not saved yet: how many, which, why, and that they are tried again."""

    DEFAULT_CSS = """
    WriteBanner {
        width: 100%;
        height: auto;
        padding: 0 1;
        background: $error;
        color: $text;
        display: none;
    }
    WriteBanner.-shown {
        display: block;
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="write-banner", markup=False)

    def show(self, lines: list[str]) -> None:
        """Say ``lines`` (the first in bold); no lines hides the banner."""
        text = Text()
        for index, line in enumerate(lines):
            if index:
                text.append("\n")
            text.append(line, style="bold" if index == 0 else "")
        self.update(text)
        self.set_class(bool(lines), "-shown")
