"""``lp-tui coach --as NAME``: a table coach's own view, usually over SSH.

The coach sees their own table only (members and access needs), the live agenda item and its
countdown, and logs observations of collaborative behaviours in a few keystrokes: the member's
number, the behaviour, an optional note. Nothing from another table is shown or written.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, Label, Static

from lp_tui.domain.clock import iso
from lp_tui.domain.model import Observation, Person, SeatedTable, new_id
from lp_tui.domain.seating import day_seating
from lp_tui.domain.timers import AgendaEvent
from lp_tui.ui.live import LiveApp
from lp_tui.ui.widgets.now_panel import NowPanel

TICK_SECONDS = 0.5


def coach_table(app: CoachApp) -> SeatedTable | None:
    seatings = app.snapshot.seatings(app.cohort_id)
    seating = day_seating(seatings, app.day)
    if seating is None:
        return None
    return next((t for t in seating.tables if t.coach == app.coach_id), None)


class ObservationDialog(ModalScreen[tuple[str, str] | None]):
    """The behaviour seen, and a note."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.member = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Observation: {self.member}", classes="dialog-title")
            yield Input(placeholder="Collaborative behaviour seen", id="obs-behaviour")
            yield Input(placeholder="Note (optional): what was said or done", id="obs-note")
            yield Static("enter moves on, then saves · escape cancels", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        behaviour = self.query_one("#obs-behaviour", Input).value.strip()
        if event.input.id == "obs-behaviour":
            if behaviour:
                self.set_focus(self.query_one("#obs-note", Input))  # at once: typing goes on
            return
        if behaviour:
            self.dismiss((behaviour, self.query_one("#obs-note", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CoachScreen(Screen[None]):
    app: CoachApp
    AUTO_FOCUS = ""

    def __init__(self) -> None:
        super().__init__()
        self.table: SeatedTable | None = None
        self.members: list[Person] = []
        self.events: list[AgendaEvent] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield NowPanel(self.app.tz, id="now")
        yield Static(id="coach-table")
        yield Static(id="coach-recent")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.set_interval(TICK_SECONDS, self.tick)

    def _refresh(self) -> None:
        self.table = coach_table(self.app)
        people = {p.id: p for p in self.app.snapshot.people(self.app.cohort_id)}
        self.members = [people[m] for m in self.table.members if m in people] if self.table else []
        self.events = self.app.agenda_events()
        self._show_table()
        self._show_recent()
        self.tick()

    def tick(self) -> None:
        self.query_one("#now", NowPanel).show(self.app.day_clock(self.events))

    def _show_table(self) -> None:
        text = Text()
        if self.table is None:
            text.append("You have no table yet today: the facilitator allocates the tables.\n")
        else:
            text.append(f"Your table: {self.table.number}\n", style="bold")
            for index, member in enumerate(self.members, start=1):
                text.append(f" {index}  {member.name}")
                if member.access_needs:
                    text.append(f"   • {member.access_needs}", style="italic")
                text.append("\n")
            text.append("\nPress a member's number to log what you saw.", style="dim")
        self.query_one("#coach-table", Static).update(text)

    def _show_recent(self) -> None:
        names = {m.id: m.name for m in self.members}
        mine = [
            o
            for o in self.app.snapshot.observations(self.app.cohort_id, self.app.day)
            if o.by == self.app.coach_id and o.about in names
        ]
        text = Text("Your recent observations\n", style="bold")
        for observation in mine[-8:]:
            note = f": {observation.note}" if observation.note else ""
            text.append(f"  {names[observation.about]} · {observation.behaviour}{note}\n")
        if not mine:
            text.append("  none yet today\n", style="dim")
        self.query_one("#coach-recent", Static).update(text)

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if not event.character or not event.character.isdigit():
            return
        index = int(event.character) - 1
        if not 0 <= index < len(self.members):
            return
        event.stop()
        member = self.members[index]

        def done(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            behaviour, note = answer
            observation = Observation(
                id=new_id(),
                cohort=self.app.cohort_id,
                day=self.app.day,
                by=self.app.coach_id,
                about=member.id,
                behaviour=behaviour,
                note=note,
                at=iso(self.app.clock.now()),
            )
            self.app.write(
                lambda repo: repo.add_observation(observation), f"Saved: {member.name}, {behaviour}"
            )

        self.app.push_screen(ObservationDialog(member.name), done)


class CoachApp(LiveApp):
    """The coach's app: one table, read-mostly, logging observations."""

    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f2", "toggle_contrast", "High contrast", show=False),
    ]

    def __init__(self, *args: object, coach_id: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.coach_id = coach_id

    def get_default_screen(self) -> Screen[None]:
        return CoachScreen()

    def heading(self) -> str:
        coach = next(p for p in self.snapshot.people(self.cohort_id) if p.id == self.coach_id)
        return f"{coach.name} (coach) · {self.cohort.name}"
