"""Small questions the agenda screen asks: an unplanned item, a note, minutes to give back."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from lp_tui.domain.text import read_whole_number
from lp_tui.domain.timers import DayClock, Trim, cut_words, drift_words
from lp_tui.ui.widgets.find_input import FindInput

LINE_WIDTH = 64  # inside a .dialog (70 wide, less its border and padding)


class InsertItem(ModalScreen[tuple[str, int] | None]):
    """'Extra discussion, 10 min': an item that was not in the plan."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, after: str | None) -> None:
        super().__init__()
        self.after = after

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Insert an unplanned item", classes="dialog-title")
            yield Static(
                f"It comes after: {self.after}" if self.after else "It comes first.", markup=False
            )
            yield FindInput(
                keys=["enter"],
                on_key=self._enter,
                placeholder="What, e.g. Extra discussion",
                id="insert-title",
            )
            yield FindInput(
                keys=["enter"],
                on_key=self._enter,
                value="10",
                placeholder="Minutes",
                id="insert-minutes",
                type="integer",
            )
            yield Static("", id="insert-problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Insert", variant="primary", id="insert-ok")
                yield Button("Cancel", id="insert-cancel")

    def on_mount(self) -> None:
        self.query_one("#insert-title", Input).focus()

    def _enter(self, key: str, text: str) -> bool:
        """Enter in either box, taken in the order typed (FindInput)."""
        self._submit()
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "insert-ok":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        title = " ".join(self.query_one("#insert-title", Input).value.split())
        minutes_text = self.query_one("#insert-minutes", Input).value.strip()
        problem = self.query_one("#insert-problem", Static)
        if not title:
            problem.update("Give the item a name.")
            return
        minutes = read_whole_number(minutes_text, 600)
        if minutes is None:
            problem.update("Minutes: a whole number from 1 to 600.")
            return
        self.dismiss((title, minutes))

    def action_cancel(self) -> None:
        self.dismiss(None)


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
                lines.append(f"  Still {behind - total} min behind after these.")
            yield Static("\n".join(lines), id="trim-list")
            yield Static("enter applies · escape leaves the agenda as it is", classes="dialog-hint")

    def action_apply(self) -> None:
        self.dismiss(bool(self.trims))

    def action_cancel(self) -> None:
        self.dismiss(False)
