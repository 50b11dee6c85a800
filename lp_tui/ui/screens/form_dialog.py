"""A small form in a dialog: a few lines to fill in, enter moving on and saving at the last.

Each field may check its answer (the problem is shown and the cursor stays there) and offer
completions from a list (the right arrow takes a suggestion), matched ignoring case and accents
as every search does (lp_tui.domain.people.fold: "wojc" offers "Wójcik").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import RenderableType
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Label, Static

from lp_tui.domain.people import fold
from lp_tui.ui.widgets.find_input import NEWLINE
from lp_tui.ui.widgets.in_order import InOrderInput


class FoldedSuggestions(Suggester):
    """Completions from a list for what was typed, ignoring case and accents."""

    def __init__(self, suggestions: Sequence[str]) -> None:
        super().__init__(case_sensitive=True)  # folded here, accents too
        self.suggestions = [(fold(s), s) for s in suggestions]

    async def get_suggestion(self, value: str) -> str | None:
        typed = fold(value)
        if not typed:
            return None
        return next((s for folded, s in self.suggestions if folded.startswith(typed)), None)


class FieldInput(InOrderInput):
    """An Input that takes enter in the order it was typed, and hands on whatever was typed
    ahead of the form (a fast typist, or a burst over SSH) to the field now in focus.

    Textual delivers keys to the focused field's queue, but enter reaches the form only after
    bubbling: without this, "3⏎1⏎" typed at once would all land in the first field."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not self:
            event.stop()
            event.prevent_default()  # the Input's own handler must not take it
            if isinstance(focused, FieldInput):
                focused._forward_event(events.Key(event.key, event.character))
            return
        if event.key in ("enter", NEWLINE) and isinstance(self.screen, FormDialog):
            event.stop()
            event.prevent_default()
            self.screen.submit_field(self)


SHORT = 32  # rows: below this a form dialog puts each field on one row


@dataclass(frozen=True)
class Field:
    """One field of a form dialog: its label, what it holds and how it is checked."""

    label: str
    value: str = ""
    placeholder: str = ""
    required: bool = True
    check: Callable[[str], str | None] | None = None  # the problem with an answer, or None
    suggestions: Sequence[str] = ()
    # Words a person wrote, opened to change: focus leaves the cursor at their end, so a key
    # typed adds to them. Otherwise (a default, a number) focus selects the value, and the
    # first key typed replaces it.
    edit: bool = False


class FormDialog(ModalScreen[tuple[str, ...] | None]):
    """Answers, outer spaces trimmed, in the order of the fields; None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        *,
        intro: RenderableType = "",
        dialog_id: str | None = None,
        done: str = "saves",
    ) -> None:
        """``done``: what enter does on the last field, in the hint ("saves", "opens it")."""
        super().__init__()
        self.done = done
        self.heading = title
        self.fields = list(fields)
        self.intro = intro
        self.dialog_id = dialog_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id=self.dialog_id):
            yield Label(self.heading, classes="dialog-title", markup=False)
            if self.intro:
                yield Static(self.intro, classes="dialog-intro", markup=False)
            for index, field in enumerate(self.fields):
                yield Static(field.label, classes="dialog-label", markup=False)
                yield FieldInput(
                    value=field.value,
                    placeholder=field.placeholder,
                    select_on_focus=not field.edit,
                    id=f"field-{index}",
                    suggester=FoldedSuggestions(field.suggestions) if field.suggestions else None,
                )
            yield Static("", id="form-problem", classes="dialog-problem")
            hint = f"enter {self.done}"
            if len(self.fields) > 1:
                hint = f"enter moves on, then {self.done}"
            yield Static(f"{hint} · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self._input(0))

    def on_resize(self, event: events.Resize) -> None:
        """A short terminal (SSH's 24 rows): one row a field, so the whole form, its title and
        what it says above the fields (the members' numbers) show at once."""
        self.set_class(event.size.height < SHORT, "-short")

    def _input(self, index: int) -> FieldInput:
        return self.query_one(f"#field-{index}", FieldInput)

    def _problem(self, index: int) -> str | None:
        field = self.fields[index]
        answer = self._input(index).value.strip()
        if not answer:
            return f"{field.label}: needed." if field.required else None
        return field.check(answer) if field.check else None

    def submit_field(self, field: FieldInput) -> None:
        """Enter in a field: check it, then move on (at once, so typing goes on there) or,
        at the last field, check them all and answer."""
        index = int(str(field.id).removeprefix("field-"))
        shown = self.query_one("#form-problem", Static)
        problem = self._problem(index)
        if problem:
            shown.update(problem)
            return
        shown.update("")
        if index + 1 < len(self.fields):
            self.set_focus(self._input(index + 1))
            return
        for other in range(len(self.fields)):
            problem = self._problem(other)
            if problem:
                shown.update(problem)
                self.set_focus(self._input(other))
                return
        self.dismiss(tuple(self._input(i).value.strip() for i in range(len(self.fields))))

    def action_cancel(self) -> None:
        self.dismiss(None)
