"""Tick boxes whose state is a sign as well as a colour (a projector, a poor screen or NO_COLOR
shows ticked and unticked in one colour), and a yes/no question that may not have been asked."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox

ANSWER_SIGN = {True: "✔", False: "✖", None: "–"}
ANSWER_WORD = {True: "yes", False: "no", None: "not asked"}
# space (or a click) goes round the three: not asked, yes, no
NEXT_ANSWER: dict[bool | None, bool | None] = {None: True, True: False, False: None}


class TickBox(Checkbox):
    """A Checkbox showing ✔ when ticked and nothing when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✔" if self.value else " "
        return super()._button


class AnswerBox(TickBox):
    """A question answered yes (✔), no (✖) or not asked (–), said in words after the label:
    space or a click goes round the three, y and n answer at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
    ]

    def __init__(self, label: str, answer: bool | None, *, id: str) -> None:
        super().__init__(label, answer is True, id=id)
        self.question = label
        self.answer: bool | None = None
        self._show(answer)

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = ANSWER_SIGN[self.answer]
        return super(TickBox, self)._button  # the box as Textual draws it, with this sign

    def toggle(self) -> AnswerBox:
        self._show(NEXT_ANSWER[self.answer])
        return self

    def action_answer(self, answer: bool) -> None:
        self._show(answer)

    def _show(self, answer: bool | None) -> None:
        self.answer = answer
        self.label = f"{self.question}: {ANSWER_WORD[answer]}"
        self.value = answer is True  # ticked colours for a yes
        self.refresh(layout=True)
