"""One participant's feedback sheet on screen, to scroll through (the coach's ``s``)."""

from __future__ import annotations

from typing import ClassVar

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class SheetView(ModalScreen[None]):
    """The sheet's Markdown, rendered (names are text, never markup); escape closes."""

    DEFAULT_CSS = """
    SheetView {
        align: center middle;
    }
    #sheet-dialog {
        width: 100%;
        max-width: 110;
        height: 100%;
        max-height: 46;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    #sheet-title {
        text-style: bold;
        width: 1fr;
    }
    #sheet-scroll {
        height: 1fr;
    }
    #sheet-hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, title: str, markdown: str) -> None:
        super().__init__()
        self.sheet_title = title
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(id="sheet-dialog"):
            yield Label(self.sheet_title, id="sheet-title", markup=False)
            with VerticalScroll(id="sheet-scroll"):
                yield Static(Markdown(self.markdown, hyperlinks=False), id="sheet-text")
            yield Label("↑↓ PgUp PgDn scroll · escape closes", id="sheet-hint")

    def on_mount(self) -> None:
        self.query_one("#sheet-scroll", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
