"""Check-in: mark arrivals fast. Type a few letters of a name, press enter.

Enter marks only an unambiguous choice (lp_tui.domain.people.choose): the one name that
matches, or the row moved to with the arrows; otherwise it says how many match. Every key is
taken in the order typed (FindInput), so "efua⏎eileen⏎" in one burst marks both.

ctrl+z undoes this terminal's marks, newest first, one at a time: each undo is a mark that
names the one it cancels and restores the status before it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from lp_tui.domain.allocation import size_rule
from lp_tui.domain.clock import clock_time, iso
from lp_tui.domain.model import AttendanceMark, AttendanceStatus, Person, new_id
from lp_tui.domain.people import (
    arrival_time,
    choose,
    mark_to_undo,
    ranked,
    standing_marks,
    undo_mark,
)
from lp_tui.domain.seating import participants, present
from lp_tui.domain.timers import day_started
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.widgets.find_input import MOVE_KEYS, FindInput
from lp_tui.ui.widgets.fit_table import fit_table, widest
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

STATUS_TEXT = {
    AttendanceStatus.PRESENT: "✔ present",
    AttendanceStatus.LATE: "◑ late",
    AttendanceStatus.ABSENT: "✖ absent",
}
COLUMNS = (("Name", 22), ("Status", 15), ("Organisation", 26), ("Access needs", 40))
LEAST = (16, 13, 12, 12)  # the widths a narrow terminal (80x24) may narrow them to
MARK_KEYS = {
    "enter": AttendanceStatus.PRESENT,
    "ctrl+l": AttendanceStatus.LATE,
    "ctrl+o": AttendanceStatus.ABSENT,
    "ctrl+r": AttendanceStatus.EXPECTED,
}


def mark_words(status: AttendanceStatus) -> str:
    return "not arrived yet" if status is AttendanceStatus.EXPECTED else status.value


class CheckInScreen(QuietScreen):
    """Who has arrived today. Enter: present; ctrl+l: late; ctrl+o: absent; ctrl+r: not yet;
    ctrl+z: undo the last mark."""

    CSS_PATH = "checkin.tcss"  # its own rules, read when it is first shown

    app: LiveApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "mark('present')", "Present", id="present"),
        Binding("ctrl+l", "mark('late')", "Late", id="late"),
        Binding("ctrl+o", "mark('absent')", "Absent", id="absent"),
        Binding("ctrl+r", "mark('expected')", "Not yet", id="undo-mark", show=False),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
        Binding("escape", "clear", "Clear / back", id="clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Person] = []
        self.stored: list[AttendanceMark] = []  # the day's marks in the store
        self.mine: list[AttendanceMark] = []  # marks this terminal made (undo walks these back)
        self.marks: dict[str, AttendanceMark] = {}  # the mark that stands, per person
        self.day_started: datetime | None = None
        self.picked: str | None = None  # the row moved to with the arrows since the last change

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="checkin-main"):
            yield Static(id="checkin-summary")
            yield FindInput(
                keys=[*MARK_KEYS, *MOVE_KEYS, "ctrl+z"],
                on_key=self._key,
                on_text=self._typed,
                placeholder="Type a few letters of a name, then enter",
                id="checkin-search",
            )
            yield RowTable(COLUMNS, id="checkin")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.watch(self.app, "unsaved", self._unsaved_changed, init=False)
        self.search.focus()

    def on_row_table_resized(self, event: RowTable.Resized) -> None:
        """Every column in view at any width (the terminal's, or beside the keys panel), the
        wide ones narrowed (their text cut with …)."""
        self._fit(event.table)

    def _fit(self, table: RowTable) -> None:
        """The columns to the table's width; room over goes to the text they cut (an
        organisation, access needs) before the last column."""
        rows = [(p.name, "", p.organisation, p.access_needs) for p in self.people]
        if fit_table(table, COLUMNS, LEAST, wants=widest(rows, len(COLUMNS))):
            self._fill(self.search.value, keep_pick=True)

    def _unsaved_changed(self) -> None:
        self._fill(self.search.value, keep_pick=True)

    @property
    def search(self) -> FindInput:
        return self.query_one("#checkin-search", FindInput)

    # ------------------------------------------------------------------ showing
    def _refresh(self) -> None:
        snapshot = self.app.snapshot
        self.people = participants(snapshot.people(self.app.cohort_id))
        self.stored = snapshot.attendance_marks(self.app.cohort_id, self.app.day)
        self.day_started = day_started(self.app.agenda_events())
        self._restand()
        self._fill(self.search.value, keep_pick=True)
        self._fit(self.query_one("#checkin", RowTable))  # a longer name or need may come

    def _stored_ids(self) -> set[str]:
        return {mark.id for mark in self.stored}

    def _every_mark(self) -> list[AttendanceMark]:
        """The store's marks and this terminal's still landing, in the order made."""
        known = {mark.id for mark in self.stored}
        every = [*self.stored, *(m for m in self.mine if m.id not in known)]
        return sorted(every, key=lambda m: m.at)

    def _restand(self) -> None:
        """The marks that stand today."""
        self.marks = standing_marks(m for m in self._every_mark() if m.day == self.app.day)

    def _typed(self, text: str) -> None:
        if self.is_mounted:
            self._fill(text)

    def _fill(self, text: str, keep_pick: bool = False) -> None:
        if not keep_pick:
            self.picked = None
        table = self.query_one("#checkin", RowTable)
        keys = table.refill((p.id, self._cells(p)) for p in ranked(self.people, text))
        if not keep_pick and keys:
            table.move_cursor(row=0, animate=False)
        self._summarise()

    def _status(self, person: Person) -> AttendanceStatus:
        mark = self.marks.get(person.id)
        return mark.status if mark is not None else AttendanceStatus.EXPECTED

    def _cells(self, person: Person) -> tuple[str, ...]:
        mark = self.marks.get(person.id)
        status = STATUS_TEXT.get(self._status(person), "○ not yet")
        arrived = arrival_time(mark, self.day_started)
        if arrived is not None:
            status = f"{status} {clock_time(arrived, self.app.tz)}"
        if mark is not None and self.app.unsaved and mark.id not in self._stored_ids():
            status = f"{status.split()[0]} not saved"  # a write failed: the banner says why
        return (person.name, status, person.organisation, person.access_needs)

    def _summarise(self) -> None:
        counts = {status: 0 for status in AttendanceStatus}
        for person in self.people:
            counts[self._status(person)] += 1
        statuses = {person: mark.status for person, mark in self.marks.items()}
        seated = len(present(self.people, statuses))
        late, absent = counts[AttendanceStatus.LATE], counts[AttendanceStatus.ABSENT]
        self.query_one("#checkin-summary", Static).update(
            f"Day {self.app.day}: ✔ {counts[AttendanceStatus.PRESENT]} present · "
            f"◑ {late} late · ✖ {absent} absent · "
            f"○ {counts[AttendanceStatus.EXPECTED]} not yet — {size_rule(seated)}"
        )

    # ------------------------------------------------------------------ acting
    def _key(self, key: str, text: str) -> bool:
        """A key from the search box, in the order typed, with the text typed before it."""
        if key in MARK_KEYS:
            self._mark(MARK_KEYS[key], text)
        elif key in MOVE_KEYS:
            self.action_move(MOVE_KEYS[key])
        elif key == "ctrl+z":
            self.action_undo()
        else:
            return False
        return True

    def action_move(self, rows: int) -> None:
        table = self.query_one("#checkin", RowTable)
        table.move_by(rows)
        self.picked = table.selected_key()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """A click or a move in the list itself (it has the focus): that row is the choice,
        and the search box takes the keys again."""
        if event.data_table.has_focus:
            self.picked = event.row_key.value
            self.search.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on the list: that row is chosen, and the search box takes the
        keys again (a click alone never marks anyone)."""
        self.picked = event.row_key.value
        self.search.focus()

    def action_mark(self, status: str) -> None:
        self._mark(AttendanceStatus(status), self.search.value)

    def _mark(self, status: AttendanceStatus, text: str) -> None:
        choice = choose(self.people, text, self.picked)
        person = choice.person
        if person is None:
            self.notify(choice.problem, severity="warning")
            return
        if self._status(person) is status:  # again: their first mark (and time) stands
            self.notify(self._already(person, status))
            self.search.value = ""
            self.search.focus()
            return
        mark = AttendanceMark(
            id=new_id(),
            cohort=self.app.cohort_id,
            day=self.app.day,
            person=person.id,
            status=status,
            at=iso(self.app.clock.now()),
        )
        self._write(mark, f"{person.name}: {mark_words(status)}")
        self.search.value = ""  # at once: what is typed next starts afresh
        self.search.focus()

    def _already(self, person: Person, status: AttendanceStatus) -> str:
        """What a second mark of the same would change: nothing, and when the first was."""
        if status is AttendanceStatus.EXPECTED:
            return f"{person.name}: not marked yet; nothing changed."
        arrived = arrival_time(self.marks.get(person.id), self.day_started)
        since = f" since {clock_time(arrived, self.app.tz)}" if arrived is not None else ""
        return f"{person.name}: already {mark_words(status)}{since}; nothing changed."

    def _write(self, mark: AttendanceMark, saved: str) -> None:
        self.mine.append(mark)
        self._restand()
        self.app.write(lambda repo: repo.mark_attendance([mark]), saved, f"check-in: {saved}")
        self._fill(self.search.value, keep_pick=True)

    def action_undo(self) -> None:
        """Undo this terminal's latest mark that still stands undone."""
        every = self._every_mark()
        cancel = mark_to_undo(self.mine, every)
        if cancel is None:
            self.notify("Nothing to undo: no marks made here yet.", severity="warning")
            return
        undo = undo_mark(every, cancel, new_id(), iso(self.app.clock.now()))
        name = next((p.name for p in self.people if p.id == cancel.person), "?")
        self._write(undo, f"Undone: {name} marked {mark_words(cancel.status)}")

    def action_clear(self) -> None:
        if not self.search.value:
            self.app.switch_mode("agenda")
            return
        self.search.value = ""
