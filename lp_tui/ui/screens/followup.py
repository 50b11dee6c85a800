"""Follow-up: calls offered and made, what participants said at one and three months, and the
counts the programme report uses."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from lp_tui.domain.clock import iso
from lp_tui.domain.followup import (
    FollowUpCall,
    ImpactReport,
    PersonFollowUp,
    Stage,
    follow_ups,
    summary,
)
from lp_tui.domain.model import new_id
from lp_tui.domain.seating import participants
from lp_tui.ui.screens.followup_dialogs import ImpactDialog
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

COLUMNS = (
    ("Name", 22),
    ("Call", 10),
    ("Happened", 9),
    ("1 month", 10),
    ("3 months", 10),
    ("Note", 14),
)


def yes_no(value: bool | None, yes: str = "✔ yes", no: str = "✖ no") -> str:
    return "·" if value is None else (yes if value else no)


class FollowUpScreen(Screen[None]):
    app: LiveApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "opt_in", "Opted in?", id="opt-in"),
        Binding("h", "happened", "Call made?", id="call-made"),
        Binding("1", "report('1 month')", "1 month", id="one-month"),
        Binding("3", "report('3 months')", "3 months", id="three-months"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PersonFollowUp] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="followup-body"):
            yield RowTable(COLUMNS, id="followup-people")
            yield Static(id="followup-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.query_one("#followup-people", RowTable).focus()

    def _refresh(self) -> None:
        snapshot = self.app.snapshot
        cohort = self.app.cohort_id
        self.rows = follow_ups(
            participants(snapshot.people(cohort)),
            snapshot.followup_calls(cohort),
            snapshot.impact_reports(cohort),
        )
        self._show()

    def _show(self) -> None:
        self.query_one("#followup-people", RowTable).refill(
            (
                row.person.id,
                (
                    row.person.name,
                    yes_no(row.opted_in, "opted in", "declined"),
                    yes_no(row.happened) if row.opted_in else "",
                    "✔ recorded" if Stage.ONE_MONTH in row.reports else "",
                    "✔ recorded" if Stage.THREE_MONTHS in row.reports else "",
                    row.note,
                ),
            )
            for row in self.rows
        )
        self.query_one("#followup-summary", Static).update(self._summary_text())

    def _summary_text(self) -> Text:
        result = summary(self.rows)
        text = Text()
        text.append("Follow-up calls\n", style="bold")
        text.append(f"  {result.opted_in} of {result.participants} opted in\n")
        text.append(f"  {result.calls_happened} followed through\n\n")
        for stage in result.stages:
            text.append(f"{stage.stage} follow-up\n", style="bold")
            text.append(f"  {stage.responses} responded\n")
            text.append(f"  {stage.met_expectations} say it met expectations\n")
            text.append(f"  {stage.would_recommend} would recommend it\n")
            if stage.stage is Stage.THREE_MONTHS:
                text.append(f"  {stage.attended_meeting} came to the follow-up meeting\n")
            for kind, count in stage.impacts.items():
                if count:
                    text.append(f"  {count} × {kind.value}\n")
            for quote in stage.quotes[:3]:
                text.append(f"  “{quote}”\n", style="italic")
            text.append("\n")
        return text

    def _highlighted(self) -> PersonFollowUp | None:
        key = self.query_one("#followup-people", RowTable).selected_key()
        return next((r for r in self.rows if r.person.id == key), None)

    def _save_call(self, row: PersonFollowUp, **changes: object) -> None:
        fields = {"opted_in": row.opted_in, "happened": row.happened, "note": row.note, **changes}
        call = FollowUpCall(
            id=new_id(),
            cohort=self.app.cohort_id,
            person=row.person.id,
            at=iso(self.app.clock.now()),
            **fields,  # type: ignore[arg-type]
        )
        self.app.write(
            lambda repo: repo.add_followup_call(call),
            f"{row.person.name}: saved",
            f"the call with {row.person.name}",
        )

    def action_opt_in(self) -> None:
        row = self._highlighted()
        if row is not None:
            self._save_call(row, opted_in=not row.opted_in)

    def action_happened(self) -> None:
        row = self._highlighted()
        if row is None or not row.opted_in:
            self.notify("Only someone who opted in has a call to make.", severity="warning")
            return
        cycle = {None: True, True: False, False: None}
        self._save_call(row, happened=cycle[row.happened])

    def action_report(self, stage: str) -> None:
        row = self._highlighted()
        if row is None:
            return
        current = row.reports.get(Stage(stage))

        def done(answer: ImpactReport | None) -> None:
            if answer is not None:
                report = replace(
                    answer,
                    id=new_id(),
                    cohort=self.app.cohort_id,
                    person=row.person.id,
                    at=iso(self.app.clock.now()),
                )
                self.app.write(
                    lambda repo: repo.add_impact_report(report),
                    f"{row.person.name}: {stage} saved",
                    f"{row.person.name}'s {stage} report as typed",
                )

        self.app.push_screen(ImpactDialog(row.person.name, Stage(stage), current), done)
