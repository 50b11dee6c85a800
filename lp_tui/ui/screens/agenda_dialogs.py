"""Small questions the agenda screen asks: a note, minutes to give back. (An unplanned item
is a form: lp_tui/ui/screens/agenda.py ``action_insert``.)"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from lp_tui.domain.timers import DayClock, DayState, Trim, cut_words, drift_words
from lp_tui.ui.widgets.find_input import FindInput

LINE_WIDTH = 64  # inside a .dialog (70 wide, less its border and padding)


class ItemNote(ModalScreen[str | None]):
    """A note on one item: what happened, why it ran over."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.item_title = title
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Note on: {self.item_title}", classes="dialog-title", markup=False)
            yield FindInput(
                keys=["enter"],
                on_key=self._enter,
                value=self.note,
                placeholder="What happened",
                id="note-text",
            )
            yield Static("enter saves · escape cancels", classes="dialog-hint")

    def _enter(self, key: str, text: str) -> bool:
        """Enter saves what was typed before it (taken in typing order: FindInput)."""
        self.dismiss(text.strip())
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)


class TrimDialog(ModalScreen[bool]):
    """Which later items could give back the minutes the day is behind."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Apply"),
    ]

    def __init__(self, clock: DayClock, trims: list[Trim]) -> None:
        super().__init__()
        self.clock = clock
        self.trims = trims

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Give back minutes", classes="dialog-title")
            if self.clock.state is DayState.FINISHED:
                yield Static(
                    f"The day is done ({drift_words(self.clock.drift_seconds)}): nothing is "
                    "left to give time back."
                )
                yield Static("escape closes", classes="dialog-hint")
                return
            yield Static(f"The day is {drift_words(self.clock.drift_seconds)}.")
            if not self.trims:
                yield Static("Nothing needs trimming, or nothing later can give time back.")
                yield Static("escape closes", classes="dialog-hint")
                return
            lines = []
            for t in self.trims:  # one line each: a long title is cut, never the minutes
                minutes = f": {t.from_minutes} → {t.to_minutes} min (−{t.minutes})"
                lines.append(f"  {cut_words(t.title, LINE_WIDTH - 2 - len(minutes))}{minutes}")
            total = sum(t.minutes for t in self.trims)
            behind = int(self.clock.drift_seconds // 60)
            lines.append(f"  Together: {total} min")
            if total < behind:
                lines.append(f"  Still {drift_words((behind - total) * 60)} after these.")
            yield Static("\n".join(lines), id="trim-list")
            yield Static("enter applies · escape leaves the agenda as it is", classes="dialog-hint")

    def action_apply(self) -> None:
        self.dismiss(bool(self.trims))

    def action_cancel(self) -> None:
        self.dismiss(False)
