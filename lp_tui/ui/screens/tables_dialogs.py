"""Questions the tables screen asks: where to move someone, why they sit there, whom a rule
pairs them with, and whether to replace the day's tables."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from lp_tui.domain.model import Person
from lp_tui.domain.people import choose, ranked
from lp_tui.domain.text import read_whole_number
from lp_tui.ui.widgets.find_input import FindInput

LIST_ROWS = 14  # the most rows a dialog's list shows; fewer on a short terminal


def fit_list(options: OptionList, height: int, around: int) -> None:
    """The list as tall as the terminal leaves room for, ``around`` rows taken by the rest of
    its dialog, so the dialog's frame and hint stay on screen (24 rows and up)."""
    options.styles.max_height = max(3, min(LIST_ROWS, height - around))


class ChooseTable(ModalScreen[int | None]):
    """Move someone: pick a table (its number, or arrows and enter)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str, options: list[tuple[int, str]], leaving: str = "") -> None:
        """``leaving``: what the table they leave would then break (the same whichever table
        they go to), said above the choices."""
        super().__init__()
        self.person_name = name
        self.options = options
        self.leaving = leaving

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Move {self.person_name} to", classes="dialog-title", markup=False)
            if self.leaving:
                yield Static(self.leaving, id="tables-leaving", markup=False)
            yield OptionList(
                *(Option(Text(text), id=str(number)) for number, text in self.options),
                id="tables-list",
            )
            yield Static("a number or arrows and enter · escape cancels", classes="dialog-hint")

    def _fit(self, height: int) -> None:
        fit_list(self.query_one("#tables-list", OptionList), height, 10 if self.leaving else 9)

    def on_mount(self) -> None:
        self._fit(self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.height)

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        number = read_whole_number(event.character or "", 9)  # one key: tables 1 to 9
        if number is not None and any(n == number for n, _ in self.options):
            event.stop()
            self.dismiss(number)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoosePerson(ModalScreen[str | None]):
    """Pick a person by typing part of a name (names first, case and accents ignored).

    Enter chooses only an unambiguous person (lp_tui.domain.people.choose): the one name
    that matches, or the row moved to with the arrows; otherwise the dialog says how many
    match. Keys are taken in the order typed (FindInput)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    HINT = "enter chooses · arrows pick · escape cancels"

    def __init__(self, title: str, people: list[Person], first: str | None = None) -> None:
        """``first``: the id of the person to start on (the one highlighted on the screen
        behind), so enter alone chooses them; typing searches as ever."""
        super().__init__()
        self.title_text = title
        self.people = people
        self.first = first
        self.shown: list[Person] = []
        self.picked: str | None = None  # the row moved to with the arrows since the last change

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield FindInput(
                keys=["enter", "down", "up"],
                on_key=self._key,
                on_text=self._typed,
                placeholder="Type part of a name",
                id="person-search",
            )
            yield OptionList(id="person-list")
            yield Static(self.HINT, id="person-hint", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        fit_list(self.query_one("#person-list", OptionList), self.app.size.height, 12)
        self._fill("")
        ids = [person.id for person in self.shown]
        if self.first in ids:
            self.query_one("#person-list", OptionList).highlighted = ids.index(self.first)
            self.picked = self.first

    def on_resize(self, event: events.Resize) -> None:
        fit_list(self.query_one("#person-list", OptionList), event.size.height, 12)

    def _typed(self, text: str) -> None:
        if self.is_mounted:
            self._fill(text)

    def _fill(self, query: str) -> None:
        self.picked = None
        self.shown = ranked(self.people, query)
        options = self.query_one("#person-list", OptionList)
        options.clear_options()
        options.add_options(
            Option(Text(f"{person.name} · {person.organisation}"), id=person.id)
            for person in self.shown
        )
        if options.option_count:
            options.highlighted = 0
        self.query_one("#person-hint", Static).update(self.HINT)

    def _key(self, key: str, text: str) -> bool:
        """A key from the search box, in the order typed."""
        if key == "enter":
            choice = choose(self.shown, text, self.picked)
            if choice.person is None:
                self.query_one("#person-hint", Static).update(choice.problem)
            else:
                self.dismiss(choice.person.id)
            return True
        options = self.query_one("#person-list", OptionList)
        if options.option_count:
            step = 1 if key == "down" else -1
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))
            self.picked = options.get_option_at_index(options.highlighted).id
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Explain(ModalScreen[None]):
    """Why the allocator put someone where they are."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "close", "Close"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # a Static, not a Label: a long name and how they came to sit there wrap, so the
            # table's number and the end of the words stay in view; names are never markup
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.text, id="explain-text", markup=False)
            yield Static("escape closes", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
