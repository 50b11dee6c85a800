"""Lessons learned and recommendations: the facilitator writes the report's last section, in
four parts (before, during and after the programme, and next steps).

The sections are listed on the left with what stands for each (saved, and how many points the
report lists; or changed and not saved yet); the text of the one highlighted is written on the
right. ctrl+o saves every section changed, in one write (a new note for each, naming the one it
replaces); escape goes back, asking first when something is not saved. Opened with ``l`` on the
Follow-up screen, or from the palette (ctrl+p). ``lp-tui lessons`` does the same from a shell.

A full screen that is a ModalScreen: the app's one-letter keys (a, c, t...) stay out of it, so
they never leave the text behind unsaved.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Header, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from lp_tui.domain.clock import iso
from lp_tui.domain.lessons import (
    LessonNote,
    LessonSection,
    latest_notes,
    lesson_points,
    note_for,
    tidied,
    unsaved,
)
from lp_tui.domain.model import new_id
from lp_tui.domain.record_rules import MAX_TEXT
from lp_tui.domain.text import shown
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.widgets.in_order import InOrderTextArea
from lp_tui.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

# an option list drops spaces at the start of a line: no-break spaces indent
INDENT = "\u00a0\u00a0"
SAVE_KEY = "ctrl+o"  # ctrl+s is the app's "save now" (retry waiting writes)
HOW = (
    "The report's last section. Numbered or bulleted lines (1. 2. or -) become its points; "
    "else each paragraph does. An empty section is left out."
)


class LessonsScreen(ModalScreen[None]):
    app: LiveApp

    DEFAULT_CSS = """
    LessonsScreen {
        align: left top;
        background: $background;
    }
    #lessons-body { height: 1fr; }
    #lessons-side { width: 32; padding: 0 1; }
    #lessons-sections { height: auto; max-height: 12; }
    #lessons-how { color: $text-muted; margin-top: 1; }
    #lessons-main { width: 1fr; padding: 0 1 0 0; }
    #lessons-heading { text-style: bold; width: 1fr; }
    #lessons-text { height: 1fr; min-height: 4; }
    #lessons-status { height: 1; }
    #lessons-saved { height: auto; max-height: 9; overflow-y: auto; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(SAVE_KEY, "save", "Save", id="lessons-save", priority=True),
        Binding("escape", "back", "Back", id="lessons-back", priority=True),
        Binding("tab", "app.focus_next", "Sections / text", id="lessons-tab", show=True),
        # a screen over the others: the app's keys do not reach it, so it has f1 and the
        # palette's key of its own, and its footer ends as every other screen's does
        Binding("f1", "app.toggle_help_panel", "Keys", id="lessons-help"),
        Binding(
            "ctrl+p",
            "app.command_palette",
            "palette",
            id="lessons-palette",
            show=False,
            tooltip="Open the command palette",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.section = LessonSection.BEFORE
        self.drafts: dict[LessonSection, str] = {}
        self.held: dict[LessonSection, LessonNote] = {}  # what stands, as last read
        self._typing = False  # the last key here was typed text, sent on into the text box

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lessons-body"):
            with Vertical(id="lessons-side"):
                yield OptionList(
                    *(Option(part.label, id=part.value) for part in LessonSection),
                    id="lessons-sections",
                )
                yield Static(HOW, id="lessons-how", markup=False)
            with Vertical(id="lessons-main"):
                yield Label("", id="lessons-heading", markup=False)
                yield InOrderTextArea("", id="lessons-text", soft_wrap=True)
                yield Static("", id="lessons-status", markup=False)
                yield Static("", id="lessons-saved", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Lessons learned and recommendations"
        self.held = latest_notes(self.app.snapshot.lessons(self.app.cohort_id))
        self.drafts = {part: self._stored(part) for part in LessonSection}
        self.watch(self.app, "snapshot", self._refresh, init=False)
        self.watch(self.app, "unsaved", self._show_banner, init=False)
        self._open(LessonSection.BEFORE)
        self._show_sections()
        area = self.query_one("#lessons-text", TextArea)
        self.set_focus(area)
        area.move_cursor(area.document.end)
        self._show_banner()  # a change already waiting to be saved

    # ------------------------------------------------------------------ showing
    def _stored(self, part: LessonSection) -> str:
        note = self.held.get(part)
        return note.text if note else ""

    def _refresh(self) -> None:
        """Another terminal (or ``lp-tui lessons``) saved, or this screen's write landed: a
        section not changed here shows the stored text; one changed here keeps the draft."""
        self._keep_draft()
        before = self.held
        self.held = latest_notes(self.app.snapshot.lessons(self.app.cohort_id))
        for part in LessonSection:
            old = before[part].text if part in before else ""
            if tidied(self.drafts.get(part, "")) == old:
                self.drafts[part] = self._stored(part)
        area = self.query_one("#lessons-text", TextArea)
        if area.text != self.drafts[self.section]:
            area.load_text(self.drafts[self.section])
        self._show_sections()

    def _show_banner(self) -> None:
        """A write that failed is kept waiting: the app's banner says so on this screen too."""
        from lp_tui.ui.live import LiveApp

        LiveApp._banner_on(self, self.app.banner_lines())

    def _open(self, part: LessonSection) -> None:
        self.section = part
        self.query_one("#lessons-heading", Label).update(part.label)
        area = self.query_one("#lessons-text", TextArea)
        area.load_text(self.drafts[part])
        self.query_one("#lessons-sections", OptionList).highlighted = list(LessonSection).index(
            part
        )

    def _keep_draft(self) -> None:
        self.drafts[self.section] = self.query_one("#lessons-text", TextArea).text

    def _show_sections(self) -> None:
        changed = set(unsaved(self.held.values(), self.drafts))
        sections = self.query_one("#lessons-sections", OptionList)
        for index, part in enumerate(LessonSection):
            sections.replace_option_prompt_at_index(index, self._prompt(part, part in changed))
        self._show_status(part_changed=self.section in changed)

    def _prompt(self, part: LessonSection, changed: bool) -> Text:
        prompt = Text()
        prompt.append(part.label, style="bold")
        prompt.append("\n")  # the state under it, indented
        if changed:
            prompt.append(f"{INDENT}changed, not saved", style="bold yellow")
        elif part in self.held and self.held[part].text:
            points = len(lesson_points(self.held[part].text))
            prompt.append(f"{INDENT}saved · {_points(points)}", style="green")
        else:
            prompt.append(f"{INDENT}not written yet", style="dim")
        return prompt

    def _when(self, note: LessonNote) -> str:
        moment = datetime.fromisoformat(note.at).astimezone(self.app.tz)
        return moment.strftime("%d %b %H:%M")

    def _show_status(self, part_changed: bool) -> None:
        note = self.held.get(self.section)
        saved = note.text if note else ""
        if part_changed:
            status = f"Changed, not saved: {SAVE_KEY} saves"
        elif saved:
            status = f"Saved {self._when(note)}" if note else ""
        else:
            status = "Not written yet: type here, then ctrl+o saves"
        self.query_one("#lessons-status", Static).update(status)
        points = lesson_points(saved)
        if points:
            lines = [f"In the report, as saved ({_points(len(points))}):"]
            lines += [f"{n}. {shown(p)}" for n, p in enumerate(points, start=1)]
        else:
            lines = ["Nothing saved for this section: the report leaves it out."]
        self.query_one("#lessons-saved", Static).update("\n".join(lines))

    # ------------------------------------------------------------------ events
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        part = LessonSection(event.option.id or LessonSection.BEFORE.value)
        if part is not self.section:
            self._keep_draft()
            self._open(part)
            self._show_sections()

    def on_key(self, event: events.Key) -> None:
        """Text typed while the section list has the focus goes into the section's text (the
        list has no use for it): typed after a tab too many, it was lost without a word."""
        area = self.query_one("#lessons-text", TextArea)
        # The focus as the key arrives here: keys typed fast were sent to the list before the
        # first of them moved the focus (the text box itself takes every printable key). An
        # enter among them breaks the line, as it would have in the text box, instead of
        # opening the section highlighted (an enter of its own, after a move, still opens it).
        typing = event.is_printable or (event.key == "enter" and self._typing)
        self._typing = False
        if self.focused in (self.query_one("#lessons-sections"), area) and typing:
            event.stop()
            event.prevent_default()
            self.set_focus(area)
            area.insert(event.character if event.is_printable else "\n")
            self._typing = True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.set_focus(self.query_one("#lessons-text", TextArea))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.text != self.drafts.get(self.section):
            self._keep_draft()
            self._show_sections()

    # ------------------------------------------------------------------ actions
    def action_save(self) -> None:
        """Every section changed, as a new note each, in one write."""
        self._keep_draft()
        notes = self.app.snapshot.lessons(self.app.cohort_id)
        changed = unsaved(notes, self.drafts)
        if not changed:
            self.notify("Nothing changed: every section is saved as it stands.", timeout=3)
            return
        too_long = [p for p in changed if len(tidied(self.drafts[p])) > MAX_TEXT]
        if too_long:
            self.notify(
                f"{too_long[0].label}: at most {MAX_TEXT:,} characters; nothing saved.",
                severity="error",
            )
            return
        now = iso(self.app.clock.now())
        made = [
            note
            for part in changed
            if (
                note := note_for(
                    notes,
                    part,
                    self.drafts[part],
                    id=new_id(),
                    cohort=self.app.cohort_id,
                    by="",
                    at=now,
                )
            )
            is not None
        ]
        names = ", ".join(part.label for part in changed)
        self.app.write(
            lambda repo: repo.add_lesson(*made),
            f"Lessons saved: {names}",
            f"lessons ({names}) as typed",
        )
        # shown as saved once the write lands and the store is read again (_refresh)

    def action_back(self) -> None:
        self._keep_draft()
        changed = unsaved(self.held.values(), self.drafts)
        if not changed:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        names = ", ".join(part.label for part in changed)
        self.app.push_screen(
            Confirm(
                "Leave without saving?",
                f"Not saved: {names}. What you typed there is lost "
                f"(answer n (no), then {SAVE_KEY} saves it).",
                losing=True,
            ),
            answered,
        )


def _points(count: int) -> str:
    return f"{count} point{'' if count == 1 else 's'}"
