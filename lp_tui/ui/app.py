"""The facilitator's app: reads the store, follows its changes, and hosts the screens."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from lp_tui.domain.clock import Clock, SystemClock
from lp_tui.domain.model import Cohort
from lp_tui.domain.programme import Programme
from lp_tui.store.repo import Repo, Snapshot
from lp_tui.store.storage import Signature, StoreError
from lp_tui.ui.screens.people import PeopleScreen
from lp_tui.ui.theme import HIGH_CONTRAST


def day_heading(cohort: Cohort, programme: Programme, day: int) -> str:
    """E.g. 'Day 2 of 3 · Collaboration · Fri 24 Nov 2017'."""
    parts = [f"Day {day} of {len(cohort.dates)}", programme.day(day).title]
    when: date | None = cohort.date_of(day)
    if when is not None:
        parts.append(when.strftime("%a %d %b %Y"))
    return " · ".join(parts)


class FacilitatorApp(App[None]):
    """lp-tui for the facilitator: everything about the cohort, live."""

    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "show_help_panel", "Keys", id="help"),
        Binding("f2", "toggle_contrast", "High contrast", id="contrast"),
    ]

    snapshot: reactive[Snapshot] = reactive(None, init=False, always_update=True)  # type: ignore[arg-type]

    def __init__(
        self,
        repo: Repo,
        cohort_id: str,
        programme: Programme,
        *,
        day: int | None = None,
        clock: Clock | None = None,
        poll_seconds: float = 0.5,
    ) -> None:
        super().__init__()
        self.repo = repo
        self.cohort_id = cohort_id
        self.programme = programme
        self.clock = clock or SystemClock()
        self.poll_seconds = poll_seconds
        self._signature: Signature | None = repo.db.signature()
        self._store_problem = ""
        self.set_reactive(FacilitatorApp.snapshot, repo.snapshot())
        self.day = day or self.cohort.day_on(self.clock.now().date())
        self.register_theme(HIGH_CONTRAST)

    @property
    def cohort(self) -> Cohort:
        return self.snapshot.cohort(self.cohort_id)

    def on_mount(self) -> None:
        self.title = self.cohort.name
        self.sub_title = day_heading(self.cohort, self.programme, self.day)
        self.push_screen(PeopleScreen())
        self.set_interval(self.poll_seconds, self._poll_store)

    def _poll_store(self) -> None:
        signature = self.repo.db.signature()
        if signature != self._signature:
            self._signature = signature
            self._reload()

    @work(thread=True, exclusive=True, group="store")
    def _reload(self) -> None:
        try:
            snapshot = self.repo.snapshot()
        except StoreError as error:
            self.call_from_thread(self._report_store_problem, str(error))
            return
        self.call_from_thread(self._show_snapshot, snapshot)

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        self._store_problem = ""
        self.snapshot = snapshot

    def _report_store_problem(self, problem: str) -> None:
        if problem != self._store_problem:
            self._store_problem = problem
            self.notify(problem, title="Cannot read the database", severity="error", timeout=30)

    def action_toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name
