"""`x`: export the cohort's session records from the facilitator's app; with more than one
cohort in the database, `o` turns to the programme across all cohorts (their counts and
averages side by side: md, html, xlsx or json, nothing to anonymise)."""

from __future__ import annotations

from dataclasses import dataclass
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
# What each format holds when all cohorts are on (csv is not offered then: disabled).
ALL_CHOICES = {
    "xlsx": "xlsx: a workbook of every cohort's figures and the overall",
    "csv": "csv: not offered across cohorts (xlsx holds the same)",
    "html": "html: the programme across cohorts, printable",
    "md": "md: the programme across cohorts as Markdown",
    "json": "json: every cohort's counts and averages, for scripts",
}


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    anonymise: bool = False
    all_cohorts: bool = False


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Which format, whether to anonymise, and (with several cohorts) whether all cohorts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("a", "toggle_anonymise", "Anonymise on/off"),
        Binding("o", "toggle_all", "All cohorts on/off"),
    ]

    def __init__(self, folder: str, cohorts: int = 1) -> None:
        super().__init__()
        self.folder = folder
        self.cohorts = cohorts
        self.anonymise = False
        self.all_cohorts = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("Export the session records", classes="dialog-title", id="export-title")
            yield OptionList(*(Option(text, id=key) for key, text in CHOICES), id="export-formats")
            yield Static(id="export-anonymise")
            yield Static(f"Written to {self.folder}", classes="dialog-hint", markup=False)
            yield Static(id="export-keys", classes="dialog-hint")

    def on_mount(self) -> None:
        self._show()
        self.set_focus(self.query_one("#export-formats", OptionList))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_all":
            return self.cohorts > 1
        if action == "toggle_anonymise":
            return not self.all_cohorts
        return True

    def _show(self) -> None:
        formats = self.query_one("#export-formats", OptionList)
        # Textual moves the highlight off an option whose prompt is replaced or that is enabled
        # again: the format chosen stays chosen (a toggled 'a' once turned csv into html).
        chosen = formats.highlighted
        for key, text in CHOICES:
            shown = ALL_CHOICES.get(key, text) if self.all_cohorts else text
            formats.replace_option_prompt(key, shown)
        if self.all_cohorts:
            formats.disable_option("csv")
        else:
            formats.enable_option("csv")
        if chosen is not None and formats.get_option_at_index(chosen).disabled:
            chosen = 0  # the first format: csv is of one cohort only
        formats.highlighted = chosen
        self.query_one("#export-title", Label).update(
            f"Export all {self.cohorts} cohorts side by side"
            if self.all_cohorts
            else "Export the session records"
        )
        if self.all_cohorts:
            line = "All cohorts: counts and averages only, no names or free text"
        elif self.anonymise:
            line = "Anonymised: pseudonyms (P01, C01...), no access needs or free text"
        else:
            line = "Not anonymised: names, access needs and comments included (a to change)"
        self.query_one("#export-anonymise", Static).update(line)
        keys = ["↑↓ choose", "enter exports"]
        if not self.all_cohorts:
            keys.append("a anonymise")
        if self.cohorts > 1:
            keys.append("o all cohorts")
        keys.append("escape cancels")
        self.query_one("#export-keys", Static).update(" · ".join(keys))
        self.refresh_bindings()

    def action_toggle_anonymise(self) -> None:
        self.anonymise = not self.anonymise
        self._show()

    def action_toggle_all(self) -> None:
        self.all_cohorts = not self.all_cohorts
        if self.all_cohorts:
            self.anonymise = False  # nothing to anonymise: no names, no free text
        self._show()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(ExportChoice(str(event.option.id), self.anonymise, self.all_cohorts))

    def action_cancel(self) -> None:
        self.dismiss(None)
