"""Check-in: mark arrivals fast. Type a few letters of a name, press enter."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from lp_tui.domain.allocation import size_rule
from lp_tui.domain.model import AttendanceStatus, Person
from lp_tui.domain.people import matches
from lp_tui.domain.seating import participants, present
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

STATUS_TEXT = {
    AttendanceStatus.PRESENT: "✔ present",
    AttendanceStatus.LATE: "◑ late",
    AttendanceStatus.ABSENT: "✖ absent",
}
COLUMNS = (("Name", 22), ("Status", 11), ("Organisation", 30), ("Access needs", 40))


class CheckInScreen(Screen[None]):
    """Who has arrived today. Enter: present; ctrl+l: late; ctrl+o: absent; ctrl+r: undo."""

    app: LiveApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "mark('present')", "Present", id="present", priority=True),
        Binding("ctrl+l", "mark('late')", "Late", id="late"),
        Binding("ctrl+o", "mark('absent')", "Absent", id="absent"),
        Binding("ctrl+r", "mark('expected')", "Undo mark", id="undo-mark"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
        Binding("escape", "clear", "Clear / back", id="clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Person] = []
        self.marks: dict[str, AttendanceStatus] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="checkin-main"):
            yield Static(id="checkin-summary")
            yield Input(placeholder="Type a few letters of a name, then enter", id="checkin-search")
            yield RowTable(COLUMNS, id="checkin")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.query_one("#checkin-search", Input).focus()

    def _refresh(self) -> None:
        snapshot = self.app.snapshot
        self.people = participants(snapshot.people(self.app.cohort_id))
        self.marks = snapshot.attendance(self.app.cohort_id, self.app.day)
        self._fill()

    def _fill(self) -> None:
        query = self.query_one("#checkin-search", Input).value
        self.query_one("#checkin", RowTable).refill(
            (person.id, self._cells(person)) for person in self.people if matches(person, query)
        )
        self._summarise()

    def _cells(self, person: Person) -> tuple[str, ...]:
        status = self.marks.get(person.id, AttendanceStatus.EXPECTED)
        return (
            person.name,
            STATUS_TEXT.get(status, "○ not yet"),
            person.organisation,
            person.access_needs,
        )

    def _summarise(self) -> None:
        counts = {status: 0 for status in AttendanceStatus}
        for person in self.people:
            counts[self.marks.get(person.id, AttendanceStatus.EXPECTED)] += 1
        seated = len(present(self.people, self.marks))
        late, absent = counts[AttendanceStatus.LATE], counts[AttendanceStatus.ABSENT]
        self.query_one("#checkin-summary", Static).update(
            f"Day {self.app.day}: ✔ {counts[AttendanceStatus.PRESENT]} present · "
            f"◑ {late} late · ✖ {absent} absent · "
            f"○ {counts[AttendanceStatus.EXPECTED]} not yet   —   {size_rule(seated)}"
        )

    def on_input_changed(self) -> None:
        self._fill()

    def action_move(self, rows: int) -> None:
        self.query_one("#checkin", RowTable).move_by(rows)

    def action_mark(self, status: str) -> None:
        person_id = self.query_one("#checkin", RowTable).selected_key()
        if person_id is None:
            self.notify("Nobody matches: clear the search (escape).", severity="warning")
            return
        person = next(p for p in self.people if p.id == person_id)
        mark = AttendanceStatus(status)
        word = "not arrived yet" if mark is AttendanceStatus.EXPECTED else mark.value
        self.app.mark_attendance(person_id, mark, f"{person.name}: {word}")
        self.marks[person_id] = mark
        search = self.query_one("#checkin-search", Input)
        search.value = ""
        search.focus()
        self._fill()

    def action_clear(self) -> None:
        search = self.query_one("#checkin-search", Input)
        if not search.value:
            self.app.switch_mode("agenda")
            return
        search.value = ""
