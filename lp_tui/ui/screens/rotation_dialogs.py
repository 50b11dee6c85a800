"""Feedback on a presenter's visit, and a presenter's own comment afterwards."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class VisitFeedback(ModalScreen[tuple[str, str] | None]):
    """What the table asked and advised, and the coach's feedback to the presenter."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, presenter: str, table: int, number: int) -> None:
        super().__init__()
        self.heading = f"{presenter} at table {table}, round {number}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            yield Static("What the table asked and advised")
            yield Input(id="table-said")
            yield Static("The coach's feedback to the presenter")
            yield Input(id="coach-said")
            yield Static("enter moves on, then saves · escape cancels", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "table-said":
            self.set_focus(self.query_one("#coach-said", Input))  # at once: typing goes on
            return
        self.dismiss(
            (self.query_one("#table-said", Input).value, self.query_one("#coach-said", Input).value)
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class WriteComment(ModalScreen[str | None]):
    """The presenter's own word afterwards."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, presenter: str) -> None:
        super().__init__()
        self.presenter = presenter

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.presenter}, afterwards", classes="dialog-title", markup=False)
            yield Input(placeholder="e.g. it helped us see the project from a patient perspective")
            yield Static("enter saves · escape cancels", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
