"""Feedback: every table's observations as they arrive, counts per participant and per
behaviour, and who has had no feedback yet."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from lp_tui.domain.clock import clock_time
from lp_tui.domain.feedback import summarise
from lp_tui.domain.seating import participants
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

FEED = (("Time", 5), ("Coach", 15), ("About", 16), ("Behaviour", 22), ("Note", 14))
FEED_ROWS = 200


class FeedbackScreen(Screen[None]):
    app: LiveApp

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="feedback-body"):
            yield RowTable(FEED, id="feedback-feed")
            with Vertical(id="feedback-side"):
                yield Static(id="feedback-without")
                yield Static(id="feedback-behaviours")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)

    def _refresh(self) -> None:
        snapshot = self.app.snapshot
        cohort = self.app.cohort_id
        people = snapshot.people(cohort)
        names = {p.id: p.name for p in people}
        observations = snapshot.observations(cohort, self.app.day)
        tz = self.app.tz
        feed = self.query_one("#feedback-feed", RowTable)
        feed.refill(
            (
                o.id,
                (
                    clock_time(datetime.fromisoformat(o.at), tz),
                    names.get(o.by, "?"),
                    names.get(o.about, "?"),
                    o.behaviour,
                    o.note,
                ),
            )
            for o in reversed(observations[-FEED_ROWS:])
        )
        result = summarise(participants(people), observations)
        without = Text()
        without.append(f"No feedback yet: {len(result.without)}\n", style="bold")
        for person in result.without:
            without.append(f"  {person.name}\n")
        if not result.without:
            without.append("  ✔ everyone has had some\n")
        self.query_one("#feedback-without", Static).update(without)
        behaviours = Text()
        behaviours.append(f"Day {self.app.day}: {len(observations)} observations\n", style="bold")
        for behaviour, count in result.per_behaviour[:12]:
            behaviours.append(f"  {count:>3} × {behaviour}\n")
        self.query_one("#feedback-behaviours", Static).update(behaviours)
