"""Day 2's behaviours exercise: the room calls out what they appreciate in others at meetings,
the facilitator types it in, then refines it into the cohort's list of collaborative behaviours
they aspire to (adopt, fold in, rename, merge, reorder). Coaches pick from that list."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, Label

from lp_tui.domain.behaviours import BehaviourList, key
from lp_tui.domain.clock import iso
from lp_tui.domain.feedback import summarise
from lp_tui.domain.model import BehaviourEdit, EditKind, new_id
from lp_tui.domain.text import read_whole_number
from lp_tui.domain.timers import cut_words
from lp_tui.ui.screens.form_dialog import Field, FormDialog
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.widgets.fit_table import fit_table
from lp_tui.ui.widgets.in_order import EntryInput
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

# "Part of": the number of the aspired behaviour (the list beside it) a phrase was folded
# into, so that the phrase, which a participant said, has the pane's width
APPRECIATED = (("#", 2), ("Appreciated in others", 40), ("Part of", 7))
APPRECIATED_LEAST = (2, 14, 7)
PHRASE_COLUMN = 1
ASPIRED = (("#", 2), ("Our collaborative behaviours", 32), ("Phrases", 7), ("Seen", 4))

# action -> the table it works on
ON_APPRECIATED = {"adopt", "fold"}
RENAME_TITLE_ROOM = 54  # a dialog's 70 columns less its frame and "Rename “…”"
ON_ASPIRED = {"rename", "merge", "move", "remove"}


def numbered_list(names: list[str]) -> str:
    return "\n".join(f"{i:>2}  {name}" for i, name in enumerate(names, start=1))


class BehavioursScreen(QuietScreen):
    CSS_PATH = "behaviours.tcss"  # its own rules, read when it is first shown

    app: LiveApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "other_list", "Other list", id="other-list"),
        Binding("n", "type_phrase", "Phrase", id="type-phrase"),
        Binding("enter", "adopt", "Adopt", id="adopt", priority=True),
        Binding("i", "fold", "Fold into…", id="fold"),
        Binding("R", "rename", "Rename", id="rename"),
        Binding("m", "merge", "Merge into…", id="merge"),
        Binding("K", "move(-1)", "Up", id="move-up", show=False),
        Binding("J", "move(1)", "Down", id="move-down", show=False),
        Binding("delete", "remove", "Take off", id="remove"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.list = BehaviourList()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="behaviours-body"):
            with Vertical(id="behaviours-left"):
                yield Label("", id="appreciated-title", classes="pane-title")
                yield RowTable(APPRECIATED, id="appreciated")
                yield EntryInput(
                    placeholder="n: type what someone appreciates; enter adds it",
                    id="phrase",
                )
            with Vertical(id="behaviours-right"):
                yield Label("", id="aspired-title", classes="pane-title")
                yield RowTable(ASPIRED, id="aspired")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.query_one("#appreciated", RowTable).focus()

    def _refresh(self) -> None:
        snapshot = self.app.snapshot
        cohort = self.app.cohort_id
        self.list = snapshot.behaviours(cohort)
        self.refresh_bindings()  # a list's keys while it has something to act on
        counted = summarise(
            [], snapshot.observations(cohort), snapshot.peer_feedback(cohort), self.list
        )
        seen = dict(counted.per_behaviour)
        self._show_appreciated()
        self.query_one("#aspired", RowTable).refill(
            (key(b.name), (str(i), b.name, str(len(b.sources)), str(seen[b.name])))
            for i, b in enumerate(self.list.aspired, start=1)
        )
        self.query_one("#appreciated-title", Label).update(
            f"What we appreciate in others at meetings: {len(self.list.appreciated)}"
        )
        self.query_one("#aspired-title", Label).update(
            f"Collaborative behaviours we aspire to: {len(self.list.aspired)}"
        )

    def _show_appreciated(self) -> None:
        number = {b.name: i for i, b in enumerate(self.list.aspired, start=1)}
        self.query_one("#appreciated", RowTable).refill(
            (key(phrase), (str(i), phrase, self._part_of(phrase, number)))
            for i, phrase in enumerate(self.list.appreciated, start=1)
        )

    def _part_of(self, phrase: str, number: dict[str, int]) -> str:
        home = self.list.home_of(phrase)
        return f"→ {number[home]}" if home in number else "·"

    def on_row_table_resized(self, event: RowTable.Resized) -> None:
        """The phrases take the pane's width (cut with … at 80x24)."""
        if event.table.id == "appreciated" and fit_table(
            event.table, APPRECIATED, APPRECIATED_LEAST, grow=PHRASE_COLUMN
        ):
            self._show_appreciated()

    # ------------------------------------------------------------------ which keys apply
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A list's keys while it has the focus and something to act on."""
        focused = self.focused.id if self.focused else None
        if action == "fold":  # into a behaviour on the aspired list
            return focused == "appreciated" and bool(self.list.appreciated and self.list.aspired)
        if action == "merge":  # one behaviour into another
            return focused == "aspired" and len(self.list.aspired) >= 2
        if action in ON_APPRECIATED:
            return focused == "appreciated" and bool(self.list.appreciated)
        if action in ON_ASPIRED:
            return focused == "aspired" and bool(self.list.aspired)
        return True

    def _selected(self, table: str) -> str | None:
        """The selected row's text (appreciated phrase or behaviour name)."""
        row = self.query_one(f"#{table}", RowTable).selected_key()
        if row is None:
            return None
        source = self.list.appreciated if table == "appreciated" else self.list.names
        return next((text for text in source if key(text) == row), None)

    def action_other_list(self) -> None:
        focused = self.focused.id if self.focused else None
        self.query_one("#aspired" if focused == "appreciated" else "#appreciated").focus()

    # ------------------------------------------------------------------ typing phrases
    def action_type_phrase(self) -> None:
        self.query_one("#phrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()  # the box emptied itself as enter was typed
        if text:
            self._edit(EditKind.APPRECIATE, f"Added: {text}", text=text)

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape" and self.focused is self.query_one("#phrase", Input):
            event.stop()
            self.query_one("#appreciated", RowTable).focus()

    # ------------------------------------------------------------------ refining
    def action_adopt(self) -> None:
        phrase = self._selected("appreciated")
        if phrase is None:
            return
        if self.list.home_of(phrase):
            self.notify(f"{phrase!r} is already part of {self.list.home_of(phrase)!r}", timeout=4)
            return
        self._edit(EditKind.ADOPT, f"On the list: {phrase}", text=phrase)

    def action_fold(self) -> None:
        phrase = self._selected("appreciated")
        if phrase is None or not self.list.aspired:
            return
        self._ask_target(f"Fold {phrase!r} into", EditKind.FOLD, text=phrase)

    def action_merge(self) -> None:
        name = self._selected("aspired")
        if name is None or len(self.list.aspired) < 2:
            return
        self._ask_target(f"Merge {name!r} into", EditKind.MERGE, target=name)

    def _ask_target(self, title: str, kind: EditKind, *, text: str = "", target: str = "") -> None:
        names = self.list.names

        def check(answer: str) -> str | None:
            if read_whole_number(answer, len(names)) is not None:
                return None
            if key(answer) in {key(n) for n in names}:
                return None
            return f"A number from 1 to {len(names)}, or a behaviour's name."

        def done(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            into = self.list.pick(answer[0])
            if kind is EditKind.FOLD:
                self._edit(kind, f"{text} → {into}", text=text, target=into)
            else:
                self._edit(kind, f"{target} merged into {into}", text=into, target=target)

        field = Field("Which behaviour (number or name)", check=check, suggestions=names)
        self.app.push_screen(FormDialog(title, [field], intro=numbered_list(names)), done)

    def action_rename(self) -> None:
        name = self._selected("aspired")
        if name is None:
            return
        others = {key(n) for n in self.list.names if n != name}

        def check(answer: str) -> str | None:
            return "Another behaviour has that name." if key(answer) in others else None

        def done(answer: tuple[str, ...] | None) -> None:
            if answer and answer[0] != name:
                self._edit(EditKind.RENAME, f"Renamed: {answer[0]}", target=name, text=answer[0])

        field = Field("New name", value=name, check=check)
        # the name cut at a word, so its closing quote shows in the dialog's 70 columns
        title = f"Rename “{cut_words(name, RENAME_TITLE_ROOM)}”"
        self.app.push_screen(FormDialog(title, [field]), done)

    def action_move(self, places: int) -> None:
        name = self._selected("aspired")
        if name is not None:
            self._edit(EditKind.MOVE, "", target=name, places=places)  # the highlight follows

    def action_remove(self) -> None:
        name = self._selected("aspired")
        if name is not None:
            self._edit(EditKind.REMOVE, f"Taken off the list: {name}", target=name)

    def _edit(self, kind: EditKind, saved: str, **fields: object) -> None:
        edit = BehaviourEdit(
            id=new_id(),
            cohort=self.app.cohort_id,
            kind=kind,
            at=iso(self.app.clock.now()),
            **fields,  # type: ignore[arg-type]
        )
        self.app.write(lambda repo: repo.add_behaviour_edits(edit), saved, f"behaviours: {saved}")
