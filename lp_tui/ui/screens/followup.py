"""Follow-up: calls offered and made, what participants said at one and three months, and the
counts the programme report uses. Each quote is listed once; * stars the ones the report should
use (when any quote of a stage is starred, the report uses only the starred ones).

Calls are work to be done: each participant who opted in has a caller (``A`` spreads those
without one evenly over the coaches and facilitators; ``lp-tui followup assign`` picks one), a
due date and the attempts made (``lp-tui followup call``). An overdue call says "overdue" in red
in the Call column, and its due date is red too.

``l`` opens the lessons learned and recommendations the facilitator writes for the report."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from lp_tui.domain.clock import iso
from lp_tui.domain.consent import Quote, distinct_quotes
from lp_tui.domain.followup import PersonFollowUp, follow_ups, of_asked, summary
from lp_tui.domain.followup_work import CallWork, call_work, callers, latest_assignments, spread
from lp_tui.domain.model import (
    CallerAssignment,
    FollowUpCall,
    ImpactReport,
    QuoteStar,
    Stage,
    new_id,
)
from lp_tui.domain.seating import participants
from lp_tui.ui.screens.followup_dialogs import ImpactDialog
from lp_tui.ui.screens.lessons import LessonsScreen
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.widgets.hanging import HangingLines
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

COLUMNS = (
    ("Name", 20),
    ("Call", 8),
    ("Caller", 15),
    ("Due", 10),
    ("Latest", 11),  # the latest attempt's outcome
    ("Tries", 5),
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


class FollowUpScreen(QuietScreen):
    CSS_PATH = "followup.tcss"  # its own rules, read when it is first shown

    app: LiveApp
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (100, "-wide"),
        (140, "-widest"),
    ]

    DEFAULT_CSS = """
    #followup-main { width: 1fr; }
    #followup-people { height: 1fr; }
    #followup-quotes-label {
        height: 1; padding: 0 1; background: $boost; text-wrap: nowrap; text-overflow: ellipsis;
    }
    #followup-quotes { height: 7; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "opt_in", "Opt in", id="opt-in"),
        Binding("h", "happened", "Called", id="call-made"),
        Binding("A", "spread", "Callers", id="spread-callers"),
        Binding("1", "report('1 month')", "1 month", id="one-month"),
        Binding("3", "report('3 months')", "3 months", id="three-months"),
        Binding("asterisk", "star", "Star", id="star-quote"),
        Binding("l", "lessons", "Lessons", id="lessons", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PersonFollowUp] = []
        self.work: dict[str, CallWork] = {}  # by person id: those who opted in
        self.quotes: dict[str, tuple[Stage, Quote]] = {}  # by row key (its first report's id)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="followup-body"):
            with Vertical(id="followup-main"):
                yield RowTable(COLUMNS, id="followup-people", fixed_columns=1)
                yield Static(id="followup-quotes-label")
                yield RowTable(QUOTE_COLUMNS, id="followup-quotes")
            # the whole height, and after the quotes for tab: it scrolls on a short terminal
            with VerticalScroll(id="followup-side"):
                yield HangingLines(id="followup-summary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.query_one("#followup-people", RowTable).focus()

    def _refresh(self) -> None:
        snapshot = self.app.snapshot
        cohort = self.app.cohort_id
        people = snapshot.people(cohort)
        self.rows = follow_ups(
            participants(people),
            snapshot.followup_calls(cohort),
            snapshot.impact_reports(cohort),
            snapshot.call_attempts(cohort),
        )
        today = self.app.clock.now().astimezone(self.app.tz).date()
        work = call_work(
            [row.person for row in self.rows if row.opted_in],
            people,
            snapshot.cohort(cohort),
            snapshot.caller_assignments(cohort),
            snapshot.call_attempts(cohort),
            today,
            snapshot.followup_calls(cohort),  # a call marked made is not overdue
        )
        self.work = {w.person.id: w for w in work}
        self._show()

    def _show(self) -> None:
        self.query_one("#followup-people", RowTable).refill(
            (
                row.person.id,
                (
                    row.person.name,
                    *self._work_cells(row),
                    yes_no(True if row.call_happened else row.happened) if row.opted_in else "",
                    "✔ recorded" if Stage.ONE_MONTH in row.reports else "",
                    "✔ recorded" if Stage.THREE_MONTHS in row.reports else "",
                    row.note,
                ),
            )
            for row in self.rows
        )
        self.query_one("#followup-summary", HangingLines).show(self._summary_rows())
        self._show_quotes()

    def _work_cells(self, row: PersonFollowUp) -> tuple[str | Text, ...]:
        """Call, caller, due date, the latest outcome and attempts; an overdue call in red."""
        work = self.work.get(row.person.id)
        if work is None:
            return (yes_no(row.opted_in, "opted in", "declined"), "", "", "", "")
        due = work.due.isoformat() if work.due else "not set"
        return (
            Text("overdue", style="bold red") if work.overdue else "opted in",
            work.caller.name if work.caller else "·",
            Text(due, style="bold red") if work.overdue else due,
            work.outcome.value if work.outcome else "",
            str(len(work.attempts)) if work.attempts else "",
        )

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

    def _summary_rows(self) -> list[tuple[Text, Text]]:
        """The summary beside the lists: each count, its words wrapping under the words."""
        result = summary(self.rows)
        work = list(self.work.values())
        overdue = sum(1 for w in work if w.overdue)
        callers = sum(1 for w in work if w.caller)

        def count(number: int, words: str, style: str = "") -> tuple[Text, Text]:
            return Text(f"  {number} ", style=style), Text(words, style=style)

        blank = (Text(), Text())
        rows = [
            (Text(), Text("Follow-up calls", style="bold")),
            count(result.opted_in, f"of {result.participants} opted in"),
            count(result.calls_happened, "followed through"),
            count(callers, "with a caller (A spreads the rest)"),
            count(overdue, "overdue", "bold red" if overdue else ""),
            blank,
        ]
        for stage in result.stages:
            rows.append((Text(), Text(f"{stage.stage} follow-up", style="bold")))
            rows.append(count(stage.responses, "responded"))
            asked = of_asked(stage.asked_expectations, stage.responses)
            rows.append(count(stage.met_expectations, f"say it met expectations{asked}"))
            asked = of_asked(stage.asked_recommend, stage.responses)
            rows.append(count(stage.would_recommend, f"would recommend it{asked}"))
            if stage.stage is Stage.THREE_MONTHS:
                rows.append(count(stage.attended_meeting, "came to the follow-up meeting"))
            rows.extend(count(n, f"× {kind.value}") for kind, n in stage.impacts.items() if n)
            rows.append(blank)
        return rows

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

    def action_spread(self) -> None:
        """A: each participant who opted in and has no caller gets one, spread evenly over the
        coaches and facilitators (those with a caller keep theirs), in one write."""
        snapshot = self.app.snapshot
        cohort = self.app.cohort_id
        who = callers(snapshot.people(cohort))
        if not who:
            self.notify("No coach or facilitator on the roster to make calls.", severity="warning")
            return
        current = {
            person: a.caller
            for person, a in latest_assignments(snapshot.caller_assignments(cohort)).items()
        }
        chosen = spread(list(self.work), [p.id for p in who], current)
        if not chosen:
            self.notify("Everyone who opted in has a caller already.")
            return
        now = iso(self.app.clock.now())
        made = [
            CallerAssignment(new_id(), cohort, person, caller, "", now)
            for person, caller in chosen.items()
        ]
        self.app.write(
            lambda repo: repo.add_caller_assignments(*made),
            f"Callers for {len(made)} people, spread over {len(who)} coaches and facilitators",
            f"callers for {len(made)} people",
        )

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

    def action_lessons(self) -> None:
        """l: the facilitator's lessons learned and recommendations (the report's last
        section)."""
        self.app.push_screen(LessonsScreen())

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
