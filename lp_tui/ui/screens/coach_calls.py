"""The coach's own follow-up calls (``c`` in coach mode): only the people assigned to them.

Each row is one person: when the call is due, how many attempts, the latest outcome, and
OVERDUE when it is. ``f`` shows the person's feedback sheet (no other participant named in it,
whatever their table); ``r`` records a call: outcome by one key, minutes, a note. The attempt is
credited to this coach and goes through the app's write path (a failed write waits under the
banner). Nothing of another caller's people is shown or written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, Label

from lp_tui.domain.clock import iso
from lp_tui.domain.followup_work import (
    OUTCOME_KEYS,
    CallWork,
    call_work,
    opted_in,
    outcome_from,
    own_attempt,
    parse_minutes,
    work_for,
)
from lp_tui.domain.model import new_id
from lp_tui.domain.seating import participants
from lp_tui.export.gather import gather
from lp_tui.export.participant_sheet import markdown
from lp_tui.export.sheet_files import caller_sheet
from lp_tui.ui.screens.form_dialog import Field, FormDialog
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.screens.sheet_view import SheetView
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.coach import CoachApp

CALLS = (("Person", 28), ("Due", 10), ("Tries", 5), ("Latest", 11), ("", 7))
OUTCOME_HINT = "   ".join(f"{key} {outcome.value}" for key, outcome in OUTCOME_KEYS.items())


def _minutes_check(answer: str) -> str | None:
    try:
        parse_minutes(answer)
    except ValueError as problem:
        return f"Minutes: {problem}."
    return None


def _outcome_check(answer: str) -> str | None:
    return None if outcome_from(answer) else f"Outcome: one of {', '.join(OUTCOME_KEYS)}."


class CoachCalls(QuietScreen):
    """The follow-up calls assigned to this coach, and nobody else's."""

    app: CoachApp
    AUTO_FOCUS = "#calls-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("r", "record", "Record a call", id="record"),
        Binding("f", "sheet", "Feedback sheet", id="sheet"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, CallWork] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Your follow-up calls", id="calls-title", classes="pane-title")
        yield RowTable(CALLS, id="calls-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.watch(self.app, "unsaved", self._refresh, init=False)

    def mine(self) -> list[CallWork]:
        """This coach's calls as they stand today (the app's clock, the cohort's zone)."""
        app = self.app
        snapshot = app.snapshot
        people = snapshot.people(app.cohort_id)
        rows = call_work(
            opted_in(participants(people), snapshot.followup_calls(app.cohort_id)),
            people,
            app.cohort,
            snapshot.caller_assignments(app.cohort_id),
            snapshot.call_attempts(app.cohort_id),
            app.clock.now().astimezone(app.tz).date(),
            snapshot.followup_calls(app.cohort_id),  # a call marked made is not overdue
        )
        return work_for(rows, app.coach_id)

    def _refresh(self) -> None:
        mine = self.mine()
        self.rows = {row.person.id: row for row in mine}
        self.refresh_bindings()  # r and f act on a call: none without one
        shown = []
        for row in mine:
            tried = len(row.attempts)
            shown.append(
                (
                    row.person.id,
                    (
                        row.person.name,
                        row.due.isoformat() if row.due else "not set",
                        str(tried),
                        row.outcome.value if row.outcome else "not called",
                        "OVERDUE" if row.overdue else "",
                    ),
                )
            )
        self.query_one("#calls-table", RowTable).refill(shown)
        overdue = sum(row.overdue for row in mine)
        if not mine:
            title = "Your follow-up calls: none assigned to you"
        else:
            title = f"Your follow-up calls: {len(mine)}" + (
                f", {overdue} overdue" if overdue else ""
            )
        if self.app.unsaved:
            title += f" (+{self.app.unsaved} not saved)"
        self.query_one("#calls-title", Label).update(title)

    def _selected(self) -> CallWork | None:
        key = self.query_one("#calls-table", RowTable).selected_key()
        return self.rows.get(key) if key else None

    def action_back(self) -> None:
        self.dismiss(None)

    def action_sheet(self) -> None:
        row = self._selected()
        if row is None:
            return
        app = self.app
        records = gather(app.snapshot, app.cohort, app.programme, now=app.clock.now(), tz=app.tz)
        sheet = caller_sheet(records, row.person.id)
        app.push_screen(SheetView(f"{sheet.title} (your follow-up call)", markdown(sheet)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Recording a call and a member's sheet act on one of the coach's calls."""
        return bool(self.rows) or action not in ("record", "sheet")

    def action_record(self) -> None:
        row = self._selected()
        if row is None:
            return
        person = row.person
        fields = [
            Field(f"Outcome: {OUTCOME_HINT}", check=_outcome_check, placeholder="h"),
            Field("Minutes (optional)", required=False, check=_minutes_check),
            Field("Note (optional): what you talked about", required=False),
        ]

        def done(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            outcome = outcome_from(answer[0])
            if outcome is None:  # the dialog checked it; nothing is saved without one
                return
            app = self.app
            now = app.clock.now()
            attempt = own_attempt(
                self.mine(),
                app.coach_id,
                person.id,
                id=new_id(),
                cohort=app.cohort_id,
                on=now.astimezone(app.tz).date().isoformat(),
                minutes=parse_minutes(answer[1]),
                outcome=outcome,
                note=answer[2],
                at=iso(now),
            )
            app.write(
                lambda repo: repo.add_call_attempt(attempt),
                f"Saved: {person.name}, {outcome.value}",
                f"call with {person.name}: {outcome.value}"
                + (f" “{attempt.note}”" if attempt.note else ""),
            )

        intro = f"Today's call with {person.name} (due {row.due or 'not set'})"
        self.app.push_screen(FormDialog(f"Call: {person.name}", fields, intro=intro), done)
