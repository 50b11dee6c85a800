"""The agenda: the day's items with live timers; the facilitator's main screen on the day.

ctrl+z undoes this terminal's last agenda action (next, skip, start/pause, +/-, insert, move,
note, give back, speaker), and again the one before: each undo appends UNDO events naming the
events that action stored, and the screen says what was undone.

k names who speaks on the highlighted item (someone on the roster, or a guest by name); w
records that speaker's own words afterwards, as a presenter's own comment is recorded.

Each dialog's module is imported when the dialog is first opened: a start shows the agenda.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header

from lp_tui.domain.clock import clock_time, iso
from lp_tui.domain.columns import edge_widths
from lp_tui.domain.model import FeedbackKind, Person, PresenterFeedback, new_id
from lp_tui.domain.programme import MAX_MINUTES
from lp_tui.domain.speakers import read_speaker, roster_like, speaker_choices, speaker_name
from lp_tui.domain.text import read_whole_number
from lp_tui.domain.timers import (
    AgendaEvent,
    DayClock,
    EventKind,
    ItemStatus,
    ItemView,
    Level,
    action_words,
    actions_for_next,
    actions_for_skip,
    actions_for_space,
    countdown,
    cut_words,
    suggest_trims,
    undo_events,
)
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.now_panel import NowPanel, compact_for
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

TITLE_WIDTH = 40
# The time, the title and the status first: they show whole at any width (80x24 too), the
# title taking the room the later columns leave (those lie to the right, a scroll away).
COLUMNS = (
    ("#", 3),
    ("Planned", 7),
    ("Item", TITLE_WIDTH),
    ("Status", 12),
    ("Length", 10),  # "120m (+15)"
    ("Started", 7),
    ("Actual", 8),
    ("Note", 14),
    ("Kind", 10),
)
TITLE_COLUMN = 2
NOTE_COLUMN = 7
SHOWN_WHOLE = 4  # #, Planned, Item and Status
TITLE_LEAST = 16
STATUS_SIGNS = {
    ItemStatus.PENDING: "  to come",
    ItemStatus.RUNNING: "▶ running",
    ItemStatus.PAUSED: "❚❚ paused",
    ItemStatus.FINISHED: "✔ done",
    ItemStatus.SKIPPED: "↷ skipped",
}
TICK_SECONDS = 0.25
MIN_ITEM_SECONDS = 60  # - and [ stop at a minute: an item of none is skipped (s) instead
LEVEL_ORDER = (Level.IDLE, Level.OK, Level.AMBER, Level.OVER)


def length_text(item: ItemView) -> str:
    minutes = item.allotted_seconds // 60
    extra = item.extension_seconds // 60
    return f"{minutes}m ({extra:+d})" if extra else f"{minutes}m"


def status_text(item: ItemView, unsaved: bool = False) -> str:
    """The item's status; "not saved" after its sign while a write of it failed."""
    if unsaved:
        shown = status_text(item)
        return f"{'⚠' if shown.startswith(' ') else shown.split()[0]} not saved"
    if item.level is Level.OVER:
        return f"✖ {countdown(item.remaining_seconds)}"
    if item.level is Level.AMBER:
        return f"▲ {countdown(item.remaining_seconds)}"
    return STATUS_SIGNS[item.status]


def longest_title(clock: DayClock) -> int:
    """The cells the day's longest item title takes."""
    return max((cell_len(item.title) for item in clock.items), default=0)


class AgendaScreen(QuietScreen):
    """Keys: space start/pause, n next, +/- a minute, ]/[ five, s skip, i insert, m note,
    k speaker, w speaker's feedback, ctrl+z undo."""

    app: LiveApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "space", "Start/Pause", id="start-pause"),
        Binding("n", "next", "Next", id="next"),
        Binding("plus,equals_sign", "extend(60)", "+1m", id="plus-one"),
        Binding("minus", "extend(-60)", "-1m", id="minus-one"),
        Binding("right_square_bracket", "extend(300)", "+5 min", id="plus-five", show=False),
        Binding("left_square_bracket", "extend(-300)", "-5 min", id="minus-five", show=False),
        Binding("s", "skip", "Skip", id="skip"),
        # the footer holds the timer keys (80 columns): f1 and the palette name the others
        Binding("i", "insert", "Insert", id="insert", show=False),
        Binding("m", "note", "Note", id="note", show=False),
        Binding("k", "speaker", "Speaker", id="speaker", show=False),
        Binding("w", "speaker_feedback", "Speaker's feedback", id="speaker-feedback", show=False),
        Binding("shift+up,K", "move(-1)", "Move up", id="move-up", show=False),
        Binding("shift+down,J", "move(1)", "Move down", id="move-down", show=False),
        Binding("g", "give_back", "Give back", id="give-back"),
        # g while nothing can be given back (on time, ahead, or every item done): not offered,
        # yet it opens the same dialog, which says why
        Binding("g", "give_back_none", "Give back", id="give-back-none", show=False),
        Binding("ctrl+z", "undo", "Undo", id="undo", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.events: list[AgendaEvent] = []
        self.clock: DayClock | None = None
        self._row_texts: dict[str, tuple[str, ...]] = {}
        self._order: tuple[str, ...] = ()
        self._current_key: str | None = None
        self._behind = False
        self._levels_seen: dict[str, Level] = {}
        self.done: list[list[AgendaEvent]] = []  # this terminal's actions, oldest first
        self._unsaved_items: set[str] = set()  # items whose events a failed write holds
        self.widths = [width for _, width in COLUMNS]
        self._longest_title = 0  # cells: the title column has them where the room allows

    def compose(self) -> ComposeResult:
        yield Header()
        clock = self.app.day_clock(self.app.agenda_events())
        self._behind = clock.behind  # the footer's keys are composed with "Give back" or not
        self._longest_title = longest_title(clock)
        yield NowPanel(self.app.tz, clock=clock, compact=compact_for(self.app.size), id="now")
        yield RowTable(COLUMNS, id="agenda", fixed_columns=2)  # # and Planned name the row
        yield KeyFooter()

    def on_mount(self) -> None:
        # Sized to the terminal before the first rows: the first frame draws the table once,
        # at its fitted widths (the fit after layout then finds nothing to change).
        self._fit_columns(self._room_before_layout())
        self.watch(self.app, "snapshot", self._events_changed)
        self.watch(self.app, "unsaved", self._unsaved_changed, init=False)
        self.set_interval(TICK_SECONDS, self.tick)
        self.query_one("#agenda", DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        """A small terminal: the now panel drops its big digits (the time is in words too)."""
        self.query_one("#now", NowPanel).set_class(compact_for(event.size), "-compact")

    def on_row_table_resized(self, event: RowTable.Resized) -> None:
        """The columns fitted to the table's new width (the terminal's, or beside the keys
        panel)."""
        self._fit_columns()

    def _room_before_layout(self) -> int:
        """The table's width for its columns, from the screen's width and the table's own
        margins, border and padding (a scrollbar, if one comes, is fitted after layout)."""
        styles = self.query_one("#agenda", RowTable).styles
        return self.size.width - styles.margin.width - styles.gutter.width

    def _fit_columns(self, room: int | None = None) -> None:
        table = self.query_one("#agenda", RowTable)
        if room is None:
            room = table.scrollable_content_region.width
        if room <= 0:
            return  # not laid out yet
        widths = edge_widths(
            room,
            [width for _, width in COLUMNS],
            stretch=TITLE_COLUMN,
            keep=SHOWN_WHOLE,
            least=TITLE_LEAST,
            spill=NOTE_COLUMN,  # a wide terminal: the notes and speakers in full
            want=self._longest_title,  # every title whole before a later column in view
        )
        if widths == self.widths:
            return
        self.widths = table.widths = widths
        selected = self.selected_key()
        table.clear(columns=True)
        for (label, _), width in zip(COLUMNS, widths, strict=True):
            table.add_column(label, width=width, key=label)
        self._order = ()
        if self.clock is not None:
            self._show_rows(self.clock)
            if selected in self._order:
                table.move_cursor(row=self._order.index(selected), animate=False)

    def _events_changed(self) -> None:
        """A fresh read: the store's events, and this terminal's that a failed write holds
        (shown as not saved until they land)."""
        stored = self.app.agenda_events()
        known = {event.id for event in stored}
        waiting = [e for e in self.events if e.id not in known] if self.app.unsaved else []
        self.events = [*stored, *waiting]
        self._unsaved_items = {event.item for event in waiting}
        self.tick()

    def _unsaved_changed(self) -> None:
        """A write failed, or what waited has landed (the read that shows it follows)."""
        known = {event.id for event in self.app.agenda_events()}
        waiting = {e.item for e in self.events if e.id not in known}
        self._unsaved_items = waiting if self.app.unsaved else set()
        self.tick()

    # ------------------------------------------------------------------ showing
    def tick(self) -> None:
        clock = self.app.day_clock(self.events)
        self.clock = clock
        self.query_one("#now", NowPanel).show(clock)
        self._show_rows(clock)
        self._follow_current(clock)
        self._alert(clock)
        behind = clock.behind
        if behind != self._behind:
            self._behind = behind
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """'Give back time' is offered in the footer only while the day is behind with an item
        still to run; otherwise g says why there is nothing to give back."""
        if action == "give_back":
            return self._behind
        if action == "give_back_none":
            return not self._behind
        return True

    def _show_rows(self, clock: DayClock) -> None:
        table = self.query_one("#agenda", DataTable)
        order = tuple(item.key for item in clock.items)
        rows = {item.key: self._row(index, item) for index, item in enumerate(clock.items)}
        if order != self._order:
            self._longest_title = longest_title(clock)  # an inserted item may be longer
            selected = self.selected_key()
            table.clear()
            for key in order:
                table.add_row(*rows[key], key=key)
            self._order = order
            if selected in order:
                table.move_cursor(row=order.index(selected), animate=False)
            self.call_after_refresh(self._fit_columns)  # a scrollbar may come or go
        else:
            for key, texts in rows.items():
                old = self._row_texts.get(key)
                for (label, _), text, before in zip(COLUMNS, texts, old or (), strict=False):
                    if text != before:
                        table.update_cell(key, label, text)
        self._row_texts = rows

    def _follow_current(self, clock: DayClock) -> None:
        """When the current item changes, the highlight follows it, unless moved elsewhere."""
        current = clock.current_index
        key = clock.items[current].key if current is not None else None
        if key == self._current_key:
            return
        selected = self.selected_key()
        if current is not None and selected in (None, self._current_key, self._order[0]):
            table = self.query_one("#agenda", DataTable)
            table.move_cursor(row=current, animate=False)
            table.scroll_to(x=0, animate=False)  # its time and title, though scrolled sideways
        self._current_key = key

    def _row(self, index: int, item: ItemView) -> tuple[str, ...]:
        tz = self.app.tz
        actual = item.actual_seconds
        if actual is None and item.started_at is not None:
            actual = (self.app.clock.now() - item.started_at).total_seconds()
        return (
            str(index + 1),
            clock_time(item.planned_start, tz) if item.planned_start else "extra",
            cut_words(item.title, self.widths[TITLE_COLUMN]),
            status_text(item, unsaved=item.key in self._unsaved_items),
            length_text(item),
            clock_time(item.started_at, tz) if item.started_at else "",
            f"{int(actual // 60)}m" if actual is not None else "",
            cut_words(self._note_text(item), self.widths[NOTE_COLUMN]),
            item.kind.value,
        )

    def _note_text(self, item: ItemView) -> str:
        """The note column: who speaks on the item, then its note."""
        speaker = item.guest
        if item.speaker:  # the roster only when someone on it speaks: rows redraw each tick
            speaker = speaker_name(item.speaker, "", self._people())
        said = f"speaker: {speaker}" if speaker else ""
        return " · ".join(part for part in (said, item.note) if part)

    def _people(self) -> list[Person]:
        return self.app.snapshot.people(self.app.cohort_id)

    def _alert(self, clock: DayClock) -> None:
        """The bell when the running item reaches amber and again at zero (not on opening)."""
        current = clock.current
        if current is None or current.status is not ItemStatus.RUNNING:
            return
        before = self._levels_seen.get(current.key)
        if before is not None and LEVEL_ORDER.index(current.level) > LEVEL_ORDER.index(before):
            self.app.ring()
        self._levels_seen[current.key] = current.level

    # ------------------------------------------------------------------ acting
    def selected_key(self) -> str | None:
        return self.query_one("#agenda", RowTable).selected_key()

    def _selected(self) -> ItemView | None:
        key = self.selected_key()
        if self.clock is None or key is None:
            return None
        return self.clock.item(key)

    def _send(self, actions: list[tuple[EventKind, str]], saved: str = "") -> None:
        if actions:
            self._store([self.app.agenda_event(kind, key) for kind, key in actions], saved)
        elif self.clock is not None and self.clock.current is None:
            # space, n or s with every item done or skipped: say so rather than nothing
            self.notify(
                "The day is done: nothing left to start. i inserts an item after the "
                "highlighted one; ctrl+d chooses another day.",
                severity="warning",
            )

    def _store(self, events: list[AgendaEvent], saved: str = "", undo: bool = True) -> None:
        """Append one action's events: shown at once, the store confirms; undoable."""
        self.events = [*self.events, *events]
        self.tick()
        if undo:
            self.done.append(events)
        titles = self._titles()
        what = ", ".join(f"{e.kind.value} {titles.get(e.item, e.item)}" for e in events)
        self.app.record(events, saved, what)

    def _titles(self) -> dict[str, str]:
        titles = {item.key: item.title for item in self.app.plan.items}
        if self.clock is not None:
            titles.update((item.key, item.title) for item in self.clock.items)
        return titles

    def action_undo(self) -> None:
        """Undo this terminal's latest action that is not undone yet."""
        undone = {e.undoes for e in self.events if e.kind is EventKind.UNDO}
        while self.done and all(e.id in undone for e in self.done[-1]):
            self.done.pop()
        if not self.done:
            self.notify("Nothing to undo: no agenda action made here yet.", severity="warning")
            return
        action = [e for e in self.done.pop() if e.id not in undone]
        words = action_words(action, self._titles())
        events = undo_events(action, new_id, iso(self.app.clock.now()))
        self._store(events, f"Undone: {words}", undo=False)

    def action_space(self) -> None:
        if self.clock is not None:
            self._send(actions_for_space(self.clock))

    def action_next(self) -> None:
        if self.clock is not None:
            self._send(actions_for_next(self.clock))

    def action_skip(self) -> None:
        if self.clock is not None:
            self._send(actions_for_skip(self.clock))

    def action_extend(self, seconds: int) -> None:
        """More or less time for the highlighted item (the current one unless moved)."""
        item = self._selected() or (self.clock.current if self.clock else None)
        if item is None or item.status.done:
            self.notify("Choose an item that has not finished.", severity="warning")
            return
        if seconds < 0 and item.allotted_seconds + seconds < MIN_ITEM_SECONDS:
            left = item.allotted_seconds // 60
            self.notify(
                f"“{item.title}” has {left} min: an item keeps at least a minute (s skips it).",
                severity="warning",
            )
            return
        self._store([self.app.agenda_event(EventKind.EXTEND, item.key, seconds=seconds)])

    def action_move(self, step: int) -> None:
        """Move the highlighted item among those still to come."""
        item = self._selected()
        if self.clock is None or item is None or item.status is not ItemStatus.PENDING:
            self.notify("Only an item still to come can move.", severity="warning")
            return
        keys = [i.key for i in self.clock.items]
        index = keys.index(item.key)
        target = index + step
        if not 0 <= target < len(keys) or self.clock.items[target].status is not ItemStatus.PENDING:
            return
        keys.pop(index)
        keys.insert(target, item.key)
        after = keys[target - 1] if target > 0 else ""
        self._store([self.app.agenda_event(EventKind.MOVE, item.key, after=after)])
        self.query_one("#agenda", DataTable).move_cursor(row=target, animate=False)

    def action_insert(self) -> None:
        """'Extra discussion, 10 min': an item that was not in the plan, after the highlighted
        one. Enter moves from its name to its minutes (10, ready to type over), then saves."""
        from lp_tui.ui.screens.form_dialog import Field, FormDialog

        anchor = self._selected() or (self.clock.current if self.clock else None)

        def minutes_problem(answer: str) -> str | None:
            if read_whole_number(answer, MAX_MINUTES) is None:  # as a programme's items
                return f"Minutes: a whole number from 1 to {MAX_MINUTES}."
            return None

        def done(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            title = " ".join(answer[0].split())
            minutes = int(answer[1])  # checked: ASCII digits, 1 to MAX_MINUTES
            after = anchor.key if anchor is not None else ""
            key = f"extra-{new_id()[:8]}"
            event = self.app.agenda_event(
                EventKind.INSERT, key, title=title, minutes=minutes, after=after
            )
            self._store([event], f"Added “{title}”, {minutes} min")

        fields = [
            Field("What", placeholder="e.g. Extra discussion"),
            Field("Minutes", value="10", check=minutes_problem),
        ]
        intro = f"It comes after: {anchor.title}" if anchor else "It comes first."
        dialog = FormDialog("Insert an unplanned item", fields, intro=intro, dialog_id="insert")
        self.app.push_screen(dialog, done)

    def action_note(self) -> None:
        from lp_tui.ui.screens.agenda_dialogs import ItemNote

        item = self._selected()
        if item is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                event = self.app.agenda_event(EventKind.NOTE, item.key, text=text)
                self._store([event], f"Note saved for “{item.title}”")

        self.app.push_screen(ItemNote(item.title, item.note), done)

    def action_speaker(self) -> None:
        from lp_tui.ui.screens.form_dialog import Field, FormDialog

        item = self._selected()
        if item is None:
            return
        people = self._people()

        def check(answer: str) -> str | None:
            try:
                read_speaker(answer, people)
            except ValueError as problem:
                return str(problem)
            return None

        def done(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            person, guest = read_speaker(answer[0], people)
            if (person, guest) == (item.speaker, item.guest):
                return
            event = self.app.agenda_event(EventKind.SPEAKER, item.key, person=person, text=guest)
            named = speaker_name(person, guest, people)
            saved = f"Speaker on “{item.title}”: {named}" if named else "Speaker taken off"
            self._store([event], saved)
            meant = roster_like(guest, people)
            if meant:
                names = ", ".join(meant[:3]) + (", …" if len(meant) > 3 else "")
                self.app.notify(  # plain text: the guest's name is as typed
                    f"“{guest}” is kept as a guest. On the roster: {names}? "
                    "k again with the name in full links them.",
                    title="A guest, or someone on the roster?",
                    severity="warning",
                    timeout=12,
                )

        field = Field(
            "Speaker (on the roster, or a guest's name; blank: none)",
            value=speaker_name(item.speaker, item.guest, people),
            placeholder="a facilitator, support, presenter or guest",
            required=False,
            check=check,
            suggestions=[p.name for p in speaker_choices(people)],
        )
        dialog = FormDialog(f"Speaker on: {item.title}", [field], dialog_id="speaker-dialog")
        self.app.push_screen(dialog, done)

    def action_speaker_feedback(self) -> None:
        from lp_tui.ui.screens.form_dialog import Field, FormDialog

        item = self._selected()
        if item is None:
            return
        people = self._people()
        named = speaker_name(item.speaker, item.guest, people)
        if not named:
            self.notify("Name the item's speaker first (k).", severity="warning")
            return

        def done(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            record = PresenterFeedback(
                id=new_id(),
                cohort=self.app.cohort_id,
                day=self.app.day,
                presenter=item.speaker,  # "" for a guest: never quoted (no consent on record)
                kind=FeedbackKind.PRESENTER,
                text=answer[0],
                at=iso(self.app.clock.now()),
            )
            self.app.write(
                lambda repo: repo.add_presenter_feedback(record),
                f"{named}'s feedback saved",
                f"{named}'s feedback as typed",
            )

        field = Field(f"What {named} said afterwards", placeholder="their own feedback")
        intro = f"On: {item.title}" + ("" if item.speaker else " (a guest: not quoted)")
        dialog = FormDialog(
            "Speaker's feedback", [field], intro=intro, dialog_id="speaker-feedback-dialog"
        )
        self.app.push_screen(dialog, done)

    def action_give_back(self) -> None:
        from lp_tui.ui.screens.agenda_dialogs import TrimDialog

        if self.clock is None:
            return
        trims = suggest_trims(self.clock)

        def done(apply: bool | None) -> None:
            if apply and trims:
                events = [
                    self.app.agenda_event(EventKind.EXTEND, t.key, seconds=-60 * t.minutes)
                    for t in trims
                ]
                total = sum(t.minutes for t in trims)
                self._store(events, f"{total} min given back by {len(trims)} items")

        self.app.push_screen(TrimDialog(self.clock, trims), done)

    def action_give_back_none(self) -> None:
        self.action_give_back()  # the dialog says why nothing can be given back
