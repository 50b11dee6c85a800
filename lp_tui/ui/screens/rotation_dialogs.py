"""A presenter's own comment afterwards."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from lp_tui.ui.widgets.in_order import InOrderInput


class WriteComment(ModalScreen[str | None]):
    """The presenter's own word afterwards."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, presenter: str) -> None:
        super().__init__()
        self.presenter = presenter

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.presenter}, afterwards", classes="dialog-title", markup=False)
            yield InOrderInput(
                placeholder="e.g. it helped us see the project from a patient perspective"
            )
            yield Static("enter saves · escape cancels", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
