"""What a participant said at one or three months."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from lp_tui.domain.model import ImpactKind, ImpactReport, Stage
from lp_tui.ui.widgets.answer_box import AnswerBox, TickBox
from lp_tui.ui.widgets.in_order import InOrderInput


class ImpactDialog(ModalScreen[ImpactReport | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str, stage: Stage, current: ImpactReport | None) -> None:
        super().__init__()
        self.person_name = name
        self.stage = stage
        self.current = current

    def compose(self) -> ComposeResult:
        now = self.current
        with Vertical(classes="dialog", id="impact-dialog"):
            yield Label(
                f"{self.person_name}: {self.stage} follow-up", classes="dialog-title", markup=False
            )
            yield AnswerBox(
                "The programme met their expectations",
                now.met_expectations if now else None,
                id="met",
            )
            yield AnswerBox(
                "Would recommend it to a friend",
                now.would_recommend if now else None,
                id="recommend",
            )
            if self.stage is Stage.THREE_MONTHS:
                yield AnswerBox(
                    "Came to the follow-up meeting",
                    now.attended_meeting if now else None,
                    id="meeting",
                )
            yield Static("Impacts")
            for kind in ImpactKind:
                yield TickBox(kind.value, bool(now and kind in now.impacts), id=kind.name.lower())
            yield InOrderInput(
                value=now.quote if now else "", placeholder="A quote, in their words", id="quote"
            )
            yield InOrderInput(
                value=now.details if now else "", placeholder="Details", id="details"
            )
            yield Button("Save", variant="primary", id="impact-save")
            yield Static(
                "tab moves · space ticks (a question: not asked, yes, no) · y/n answer it · "
                "escape cancels",
                classes="dialog-hint",
            )

    def on_button_pressed(self) -> None:
        def ticked(widget_id: str) -> bool:
            return self.query_one(f"#{widget_id}", TickBox).value

        def answered(widget_id: str) -> bool | None:
            return self.query_one(f"#{widget_id}", AnswerBox).answer

        self.dismiss(
            ImpactReport(
                id="",
                cohort="",
                person="",
                stage=self.stage,
                at="",
                met_expectations=answered("met"),
                would_recommend=answered("recommend"),
                quote=self.query_one("#quote", Input).value.strip(),
                impacts=tuple(k for k in ImpactKind if ticked(k.name.lower())),
                details=self.query_one("#details", Input).value.strip(),
                attended_meeting=answered("meeting") if self.stage is Stage.THREE_MONTHS else None,
            )
        )

    def on_input_submitted(self) -> None:
        self.on_button_pressed()

    def action_cancel(self) -> None:
        self.dismiss(None)
