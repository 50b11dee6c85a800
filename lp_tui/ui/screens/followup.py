"""Follow-up: calls offered and made, what participants said at one and three months, and the
counts the programme report uses. Each quote is listed once; * stars the ones the report should
use (when any quote of a stage is starred, the report uses only the starred ones)."""

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
from lp_tui.domain.consent import Quote, QuoteStar, distinct_quotes
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
QUOTE_COLUMNS = (
    ("★", 1),
    ("Stage", 8),
    ("Consent", 7),  # someone who said it agreed to be quoted: the report may use it
    ("Quote", 50),
    ("Said by", 30),
)


def yes_no(value: bool | None, yes: str = "✔ yes", no: str = "✖ no") -> str:
    return "·" if value is None else (yes if value else no)


class FollowUpScreen(Screen[None]):
    app: LiveApp

    DEFAULT_CSS = """
    #followup-summary { overflow-y: auto; }
    #followup-quotes-label { height: 1; padding: 0 1; background: $boost; }
    #followup-quotes { height: 7; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "opt_in", "Opted in?", id="opt-in"),
        Binding("h", "happened", "Call made?", id="call-made"),
        Binding("1", "report('1 month')", "1 month", id="one-month"),
        Binding("3", "report('3 months')", "3 months", id="three-months"),
        Binding("asterisk", "star", "Star quote", id="star-quote"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PersonFollowUp] = []
        self.quotes: dict[str, tuple[Stage, Quote]] = {}  # by row key (its first report's id)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="followup-body"):
            yield RowTable(COLUMNS, id="followup-people")
            yield Static(id="followup-summary")
        yield Static(id="followup-quotes-label")
        yield RowTable(QUOTE_COLUMNS, id="followup-quotes")
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
        self._show_quotes()

    def _show_quotes(self) -> None:
        """Each quote once per stage: starred or not, who said it, and whether the report may
        use it (someone who said it agreed to be quoted)."""
        snapshot = self.app.snapshot
        consent = snapshot.consents(self.app.cohort_id)
        stars = snapshot.starred_quotes(self.app.cohort_id)
        names = {row.person.id: row.person.name for row in self.rows}
        self.quotes = {}
        cells = []
        for stage in Stage:
            said = [row.reports[stage] for row in self.rows if stage in row.reports]
            for quote in distinct_quotes(said, stars):
                self.quotes[quote.reports[0]] = (stage, quote)
                cells.append(
                    (
                        quote.reports[0],
                        (
                            "★" if quote.starred else "",
                            stage.value,
                            "yes" if any(consent.get(p) for p in quote.people) else "no",
                            quote.text,
                            ", ".join(names.get(p, "?") for p in quote.people),
                        ),
                    )
                )
        self.query_one("#followup-quotes", RowTable).refill(cells)
        starred = sum(1 for _, q in self.quotes.values() if q.starred)
        self.query_one("#followup-quotes-label", Static).update(
            f"Quotes: {len(self.quotes)}, {starred} starred  ·  * stars the highlighted one "
            "(tab to the list)"
        )

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

    def action_star(self) -> None:
        """*: the highlighted quote is starred for the report, or no longer (one record per
        report that carries it, in one write)."""
        key = self.query_one("#followup-quotes", RowTable).selected_key()
        if key is None or key not in self.quotes:
            self.notify("No quotes recorded yet.", severity="warning")
            return
        stage, quote = self.quotes[key]
        now = iso(self.app.clock.now())
        stars = [
            QuoteStar(new_id(), self.app.cohort_id, report, not quote.starred, now)
            for report in quote.reports
        ]
        said = "starred for" if not quote.starred else "no longer starred for"
        self.app.write(
            lambda repo: repo.add_quote_stars(*stars),
            f"Quote {said} the {stage} report",
            f"a star for the quote “{quote.text}”",
        )

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
