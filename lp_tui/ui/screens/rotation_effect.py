"""Before a late, dropped or arriving presenter changes the rotation: each way to do it, with
what it does (rounds, round length, tables, the item's length), for the facilitator to choose.
Answers the chosen option's key, or None (change nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True, slots=True)
class EffectOption:
    key: str
    title: str
    lines: tuple[str, ...]


class RotationEffectDialog(ModalScreen[str | None]):
    """The effect of each choice, shown before any of it is stored."""

    DEFAULT_CSS = """
    RotationEffectDialog #effect-intro {
        margin-bottom: 1;
    }
    RotationEffectDialog #effect-choices {
        height: auto;
        max-height: 75vh;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Change nothing")]

    def __init__(self, title: str, intro: Sequence[str], options: Sequence[EffectOption]) -> None:
        super().__init__()
        self.heading = title
        self.intro = list(intro)
        self.options = list(options)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="effect-dialog") as box:
            box.border_title = Text(self.heading, style="bold")  # a name: never markup
            box.border_subtitle = "↑↓ choose · enter applies it · escape changes nothing"
            yield Static(Text("\n".join(self.intro)), id="effect-intro")
            items: list[Option | None] = []
            for number, option in enumerate(self.options, start=1):
                if items:
                    items.append(None)
                prompt = Text(f"{number}. {option.title}", style="bold")
                for line in option.lines:
                    prompt.append(f"\n   {line}", style="")
                items.append(Option(prompt, id=option.key))
            yield OptionList(*items, id="effect-choices")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#effect-choices", OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
