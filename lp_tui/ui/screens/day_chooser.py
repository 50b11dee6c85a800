"""`ctrl+d`: which day the room is on. The choice is stored, and every terminal follows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True, slots=True)
class DayChoice:
    day: int
    title: str  # e.g. 'Collaboration'
    when: str  # e.g. 'Fri 24 Nov 2017', or '' for an undated day
    progress: str  # finished, under way, not started
    live: bool

    @property
    def label(self) -> str:
        """E.g. 'Day 2 · Collaboration · Fri 24 Nov 2017 · under way · live'."""
        parts = [f"Day {self.day}", self.title, self.when, self.progress]
        return " · ".join(p for p in parts if p) + (" · live" if self.live else "")


class DayChooser(ModalScreen[int | None]):
    """The cohort's days, the live one marked; answers the day chosen (None: cancelled)."""

    DEFAULT_CSS = """
    #day-choices {
        height: auto;
        max-height: 12;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, choices: list[DayChoice], shown: int) -> None:
        super().__init__()
        self.choices = choices
        self.shown = shown  # the day this terminal shows now

    def compose(self) -> ComposeResult:
        options = [Option(c.label, id=str(c.day)) for c in self.choices]
        with Vertical(classes="dialog", id="day-chooser"):
            yield Label("Which day is the room on?", classes="dialog-title")
            yield OptionList(*options, id="day-choices", markup=False)
            yield Static(
                "The day you choose becomes the live day: the projector clock and every "
                "coach's view follow it.",
                classes="dialog-hint",
            )
            yield Static("↑↓ choose · enter switches · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        choices = self.query_one("#day-choices", OptionList)
        days = [c.day for c in self.choices]
        if self.shown in days:
            choices.highlighted = days.index(self.shown)
        self.set_focus(choices)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(str(event.option.id)))

    def action_cancel(self) -> None:
        self.dismiss(None)
