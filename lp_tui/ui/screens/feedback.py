"""Feedback: every table's entries as they arrive, counts per participant and per behaviour,
and who has had no feedback yet, so that nobody leaves without it.

"Observed enough": a participant with fewer standing entries about them on the day (coaches'
observations and peer feedback received) than the cohort asks for (``Cohort.observed_enough``,
default ``OBSERVED_ENOUGH``) is marked in the per-participant view with how many they still need,
and a line says how many are below it, so coaches can close the gap before the day ends.
``S`` writes every participant's feedback sheet (html) into ``exports/sheets-<date>/``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Header, Label

from lp_tui.domain.clock import clock_time
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.feedback import Entry, describe, enough_entries, short_of, summarise
from lp_tui.domain.model import Observation, PeerFeedback
from lp_tui.domain.seating import day_seating, participants
from lp_tui.export.report import plural
from lp_tui.export.sheet_files import NoSheets, sheets_folder, write_sheets
from lp_tui.store.files import shown_path
from lp_tui.store.storage import StoreError
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.widgets.hanging import HangingLines
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

FEED = (("Time", 5), ("What", 5), ("Coach", 14), ("About", 22), ("Behaviour", 18), ("Words", 10))
PER_PERSON = (
    ("Participant", 22),
    ("Needs", 5),  # beside the name: seen on a narrow terminal too
    ("Table", 5),
    ("Seen by coach", 13),
    ("From peers", 10),
    ("Gave peers", 10),
    ("Total", 5),
)
ENOUGH_MARK = "▲"
FEED_ROWS = 200
FEED_KINDS = {"observation": "Obs", "peer": "Peer", "visitor": "Visit"}


class FeedbackScreen(QuietScreen):
    CSS_PATH = "feedback.tcss"  # its own rules, read when it is first shown

    app: LiveApp
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (100, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "switch_view", "Feed / per participant", id="switch-view"),
        Binding("S", "write_sheets", "Write sheets", id="write-sheets"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="feedback-body"):
            with Vertical(id="feedback-main"):
                yield Label("", id="feedback-title", classes="pane-title")
                with ContentSwitcher(initial="feedback-feed", id="feedback-views"):
                    yield RowTable(FEED, id="feedback-feed", fixed_columns=1)
                    yield RowTable(PER_PERSON, id="feedback-people", fixed_columns=1)
            with VerticalScroll(id="feedback-side"):  # scrolls on a short terminal
                yield HangingLines(id="feedback-without")
                yield HangingLines(id="feedback-behaviours")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)

    def action_switch_view(self) -> None:
        switcher = self.query_one("#feedback-views", ContentSwitcher)
        switcher.current = (
            "feedback-people" if switcher.current == "feedback-feed" else "feedback-feed"
        )
        self.query_one(f"#{switcher.current}", RowTable).focus()
        self._show_title()

    def _show_title(self) -> None:
        current = self.query_one("#feedback-views", ContentSwitcher).current
        self.query_one("#feedback-title", Label).update(
            f"Day {self.app.day}: every table's entries, newest first"
            if current == "feedback-feed"
            else f"Day {self.app.day}: per participant, fewest first · "
            f"{ENOUGH_MARK} fewer than {self.enough} entries"
        )

    @property
    def enough(self) -> int:
        return enough_entries(self.app.cohort.observed_enough)

    # ------------------------------------------------------------------ sheets
    def action_write_sheets(self) -> None:
        today = self.app.clock.now().astimezone(self.app.tz).date()
        self._write_sheets(sheets_folder(self.app.repo.path, today))

    @work(thread=True, group="sheets", exclusive=True)
    def _write_sheets(self, folder: Path) -> None:
        """Made from one fresh read, in a thread: forty pages never stall the clock."""
        app = self.app
        try:
            snapshot = app.repo.snapshot()
            written = write_sheets(
                snapshot,
                snapshot.cohort(app.cohort_id),
                app.programme,
                folder,
                now=app.clock.now(),
                tz=app.tz,
                record_in=app.repo,
            )
        except (NoSheets, OSError, StoreError, InputError) as error:
            app.call_from_thread(
                app.notify, str(error), title="No sheets written", severity="error", timeout=30
            )
            return
        app.call_from_thread(
            app.notify,
            f"{plural(len(written), 'feedback sheet')} written to {shown_path(folder)}",
            timeout=8,
        )

    def _refresh(self) -> None:
        snapshot = self.app.snapshot
        cohort, day = self.app.cohort_id, self.app.day
        people = snapshot.people(cohort)
        names = {p.id: p.name for p in people}
        entries = snapshot.coach_entries(cohort, day)
        observations = [e for e in entries if isinstance(e, Observation)]
        peer = [e for e in entries if isinstance(e, PeerFeedback)]
        behaviours = snapshot.behaviours(cohort)
        self.query_one("#feedback-feed", RowTable).refill(
            (e.id, self._feed_row(e, names)) for e in reversed(entries[-FEED_ROWS:])
        )
        group = participants(people)
        result = summarise(group, observations, peer, behaviours)
        seating = day_seating(snapshot.seatings(cohort), day)
        table_of = {m: str(t.number) for t in seating.tables for m in t.members} if seating else {}
        ranked = sorted(group, key=lambda p: (result.per_person[p.id], p.name.casefold()))
        short = short_of(result, self.enough)
        self.query_one("#feedback-people", RowTable).refill(
            (
                p.id,
                (
                    p.name,
                    Text(f"{ENOUGH_MARK} +{short[p.id]}", style="bold") if p.id in short else "",
                    table_of.get(p.id, "·"),
                    str(result.seen[p.id]),
                    str(result.received[p.id]),
                    str(result.given[p.id]),
                    str(result.per_person[p.id]),
                ),
            )
            for p in ranked
        )
        self._show_title()
        below = f"Below {self.enough} entries: {len(short)}\u00a0of\u00a0{len(group)}"
        without: list[tuple[Text, Text]] = [
            (Text(f"{ENOUGH_MARK} ", style="bold"), Text(below + ("" if short else " ✔"), "bold")),
            (Text(), Text(f"No feedback yet: {len(result.without)}", style="bold")),
        ]
        for person in result.without:
            name = Text(person.name)
            if person.id in table_of:
                name.append(f"  table\u00a0{table_of[person.id]}", style="dim")  # one piece
            without.append((Text("  "), name))
        if not result.without:
            without.append((Text("  "), Text("✔ everyone has had some")))
        self.query_one("#feedback-without", HangingLines).show(without)
        heading = f"{plural(len(observations), 'observation')}, {len(peer)} peer feedback"
        counts = [(Text(), Text(heading, style="bold"))]
        for behaviour, count in result.per_behaviour[:12]:
            counts.append((Text(f"  {count:>3} × "), Text(behaviour)))
        self.query_one("#feedback-behaviours", HangingLines).show(counts)

    def _feed_row(self, entry: Entry, names: dict[str, str]) -> tuple[str, ...]:
        kind, who, behaviour, words = describe(entry, names)
        when = clock_time(datetime.fromisoformat(entry.at), self.app.tz)
        return (when, FEED_KINDS[kind], names.get(entry.by, "?"), who, behaviour, words)
