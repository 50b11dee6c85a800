"""A yes-or-no question with the consequence spelled out (y or enter, n or escape). Where yes
loses what someone typed, or would disturb the room (moving it off a day whose item runs),
enter (pressed out of habit, or typed ahead) says no: only y says yes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class Confirm(ModalScreen[bool]):
    """A yes-or-no question with the consequence spelled out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        Binding("enter", "enter", "Yes", show=False),
    ]

    def __init__(
        self, question: str, detail: str, *, losing: bool = False, careful: bool = False
    ) -> None:
        """``losing``: yes throws away what someone typed; ``careful``: yes disturbs the room.
        Either way enter says no, and only y says yes."""
        super().__init__()
        self.question = question
        self.detail = detail
        self.losing = losing or careful
        self.careful = careful

    def compose(self) -> ComposeResult:
        if self.careful:
            hint = "y: yes · n, escape or enter: no"
        elif self.losing:
            hint = "y: yes, lose it · n, escape or enter: no"
        else:
            hint = "y or enter: yes · n or escape: no"
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title", markup=False)
            yield Static(self.detail, markup=False)
            yield Static(hint, classes="dialog-hint")

    def action_enter(self) -> None:
        self.dismiss(not self.losing)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
