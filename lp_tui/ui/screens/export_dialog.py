"""`x`: export the cohort's session records from the facilitator's app."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

CHOICES = (
    ("xlsx", "xlsx: one workbook, a sheet per record kind and a summary"),
    ("csv", "csv: a file per record kind, in one zip"),
    ("html", "html: the programme report, printable, with rating charts"),
    ("md", "md: the programme report as Markdown"),
    ("json", "json: every record, to rebuild the cohort with lp-tui import"),
)


class ExportDialog(ModalScreen[tuple[str, bool] | None]):
    """Which format, and whether to anonymise; answers (format, anonymise)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("a", "toggle_anonymise", "Anonymise on/off"),
    ]

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder
        self.anonymise = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("Export the session records", classes="dialog-title")
            yield OptionList(*(Option(text, id=key) for key, text in CHOICES), id="export-formats")
            yield Static(id="export-anonymise")
            yield Static(f"Written to {self.folder}", classes="dialog-hint", markup=False)
            yield Static(
                "↑↓ choose · enter exports · a anonymise · escape cancels", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self._show_anonymise()
        self.set_focus(self.query_one("#export-formats", OptionList))

    def _show_anonymise(self) -> None:
        self.query_one("#export-anonymise", Static).update(
            "Anonymised: pseudonyms (P01, C01...), no access needs or free text"
            if self.anonymise
            else "Not anonymised: names, access needs and comments included (a to change)"
        )

    def action_toggle_anonymise(self) -> None:
        self.anonymise = not self.anonymise
        self._show_anonymise()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((str(event.option.id), self.anonymise))

    def action_cancel(self) -> None:
        self.dismiss(None)
