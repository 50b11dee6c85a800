"""A coach's reflection on the day: several lines of free text (ctrl+o saves, escape cancels,
asking first when something typed would be lost)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.widgets.in_order import InOrderTextArea

SAVE_KEY = "ctrl+o"  # ctrl+s is the app's "save now" (retry waiting writes)


class ReflectionDialog(ModalScreen[str | None]):
    """The text as typed (outer spaces trimmed) when saved, None when cancelled."""

    DEFAULT_CSS = """
    #reflection-dialog {
        width: 76;
        max-height: 100%;
    }
    #reflection-text {
        height: 10;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(SAVE_KEY, "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, title: str, text: str = "", intro: str = "") -> None:
        super().__init__()
        self.heading = title
        self.text = text
        self.intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reflection-dialog"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            if self.intro:
                yield Static(self.intro, classes="dialog-intro", markup=False)
            yield InOrderTextArea(self.text, id="reflection-text", soft_wrap=True)
            yield Static("", id="reflection-problem", classes="dialog-problem")
            yield Static("ctrl+o saves · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one("#reflection-text", TextArea)
        self.set_focus(area)
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        text = self.query_one("#reflection-text", TextArea).text.strip()
        if not text:
            self.query_one("#reflection-problem", Static).update("Write something, or escape.")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        """Escape: closes at once if nothing was changed, else asks first (what was typed would
        be lost)."""
        if self.query_one("#reflection-text", TextArea).text.strip() == self.text.strip():
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            Confirm(
                "Leave without saving?",
                f"What you typed here is lost (answer n (no), then {SAVE_KEY} saves it).",
                losing=True,
            ),
            answered,
        )
