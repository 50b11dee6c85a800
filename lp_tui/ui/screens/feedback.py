"""Feedback: every table's entries as they arrive, counts per participant and per behaviour,
and who has had no feedback yet, so that nobody leaves without it. Once anyone is checked in
on the day, the counts are of the participants here (present or late): who never arrived or
is marked absent is not listed as still waiting for feedback.

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
from textual.widgets import ContentSwitcher, DataTable, Header, Label, Static

from lp_tui.domain.clock import clock_time
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.feedback import Entry, describe, enough_entries, short_of, summarise
from lp_tui.domain.model import Observation, PeerFeedback
from lp_tui.domain.seating import day_seating, present
from lp_tui.domain.text import shown
from lp_tui.export.report import plural
from lp_tui.export.sheet_files import NoSheets, sheets_folder, write_sheets
from lp_tui.store.files import shown_path
from lp_tui.store.storage import StoreError
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.widgets.fit_table import fit_table, widest
from lp_tui.ui.widgets.hanging import HangingLines
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

FEED = (("Time", 5), ("What", 5), ("Coach", 16), ("About", 26), ("Behaviour", 22), ("Words", 30))
# narrowed to fit (80x24, or beside the side panel): every column shows, the entry card below
# the feed says the highlighted entry whole
FEED_LEAST = (5, 5, 10, 14, 12, 12)
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
ENTRY_KINDS = {
    "observation": "Coach's observation",
    "peer": "Peer feedback",
    "visitor": "Feedback to a visiting presenter",
}


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
                yield Static("", id="feedback-entry", markup=False)
            with VerticalScroll(id="feedback-side"):  # scrolls on a short terminal
                yield HangingLines(id="feedback-without")
                yield HangingLines(id="feedback-behaviours")
        yield KeyFooter()

    def __init__(self) -> None:
        super().__init__()
        self._entries: dict[str, Entry] = {}  # the feed's, by id
        self._names: dict[str, str] = {}
        self._feed_rows: dict[str, tuple[str, ...]] = {}  # the feed's cells, made once a read

    def on_mount(self) -> None:
        self.query_one("#feedback-entry", Static).border_title = "Entry"
        self.watch(self.app, "snapshot", self._refresh)

    def on_row_table_resized(self, event: RowTable.Resized) -> None:
        """The feed's columns fitted to its width: every column in view, the words a coach
        wrote with the room a wide terminal leaves."""
        if event.table.id == "feedback-feed" and self._fit_feed(event.table):
            self._show_feed()

    def _fit_feed(self, table: RowTable) -> bool:
        """The feed's columns to its width; room over goes first to the names and behaviours
        the columns cut (who the feedback went to), then to the words. True when changed."""
        rows = list(self._feed_rows.values())
        return fit_table(table, FEED, FEED_LEAST, wants=widest(rows, len(FEED)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "feedback-feed":
            self._show_entry(event.row_key.value)

    def action_switch_view(self) -> None:
        switcher = self.query_one("#feedback-views", ContentSwitcher)
        switcher.current = (
            "feedback-people" if switcher.current == "feedback-feed" else "feedback-feed"
        )
        self.query_one("#feedback-entry", Static).display = switcher.current == "feedback-feed"
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
        self._names = names
        self._entries = {e.id: e for e in reversed(entries[-FEED_ROWS:])}
        self._feed_rows = {key: self._feed_row(e, names) for key, e in self._entries.items()}
        self._fit_feed(self.query_one("#feedback-feed", RowTable))  # a longer name may have come
        self._show_feed()
        # those here today: who never arrived (or is marked absent) cannot be given feedback
        group = present(people, snapshot.attendance(cohort, day))
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

    def _show_feed(self) -> None:
        table = self.query_one("#feedback-feed", RowTable)
        table.refill(self._feed_rows.items())
        self._show_entry(table.selected_key())

    def _feed_row(self, entry: Entry, names: dict[str, str]) -> tuple[str, ...]:
        kind, who, behaviour, words = describe(entry, names)
        when = clock_time(datetime.fromisoformat(entry.at), self.app.tz)
        return (when, FEED_KINDS[kind], names.get(entry.by, "?"), who, behaviour, words)

    def _show_entry(self, key: str | None) -> None:
        """The highlighted entry whole, under the feed: who wrote it, about whom, the
        behaviour, and the words as written (the feed's columns cut them)."""
        card = self.query_one("#feedback-entry", Static)
        entry = self._entries.get(key) if key is not None else None
        if entry is None:
            card.update("No entries yet today: coaches' entries appear here as they land.")
            return
        kind, who, behaviour, words = describe(entry, self._names)
        when = clock_time(datetime.fromisoformat(entry.at), self.app.tz)
        text = Text()
        text.append(f"{when}  {ENTRY_KINDS[kind]}", style="bold")
        text.append(f" by {shown(self._names.get(entry.by, '?'))}")
        text.append("\n")
        text.append(shown(who), style="bold")
        if behaviour:
            text.append(f" · {shown(behaviour)}")
        text.append("\n")
        text.append(f"“{shown(words)}”" if words else "(no words written)", style="italic")
        card.update(text)
