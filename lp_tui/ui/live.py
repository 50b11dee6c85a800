"""What every lp-tui app shares: the cohort, the injected clock, and a live view of the store.

The store is polled cheaply (one ``os.stat``) a few times a second; only when the file changed
is it read again, in a worker thread, and ``snapshot`` set, which screens watch.

An app opened without ``--day`` follows the live day (lp_tui.domain.live_day): each new
snapshot says which day the room is on, and ``day`` moves with it before the screens look.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import tzinfo
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App
from textual.reactive import reactive
from textual.worker import get_current_worker

from lp_tui.domain.clock import Clock, SystemClock, iso, local_zone
from lp_tui.domain.live_day import day_label
from lp_tui.domain.model import AttendanceMark, AttendanceStatus, Cohort, new_id
from lp_tui.domain.programme import DayPlan, Programme
from lp_tui.domain.timers import AgendaEvent, DayClock, EventKind, day_clock
from lp_tui.store.errors import one_line
from lp_tui.store.repo import Repo, Snapshot
from lp_tui.store.storage import Signature, StoreError
from lp_tui.ui.theme import HIGH_CONTRAST


class NoTerminal(Exception):
    """The app was started without a terminal (``ssh -T``, scp, sftp, a pipe): it would wait on a
    screen nobody sees, so it does not start."""

    def __str__(self) -> str:
        return (
            "this view needs a terminal (over SSH: ssh -t, or the 'pty' option in "
            "authorized_keys, as lp-tui ssh-setup prints)"
        )


class LiveApp(App[None]):
    """An app on one cohort and day that follows the database as other terminals change it."""

    snapshot: reactive[Snapshot] = reactive(None, init=False, always_update=True)  # type: ignore[arg-type]

    def __init__(
        self,
        repo: Repo,
        cohort_id: str,
        programme: Programme,
        *,
        day: int | None = None,
        clock: Clock | None = None,
        tz: tzinfo | None = None,
        poll_seconds: float = 0.5,
        bell: bool = True,
    ) -> None:
        super().__init__()
        self.repo = repo
        self.cohort_id = cohort_id
        self.programme = programme
        self.clock = clock or SystemClock()
        self.tz = tz or local_zone()
        self.poll_seconds = poll_seconds
        self.bell_on = bell
        self._signature: Signature | None = repo.db.signature()
        self._store_problem = ""
        self._writes_in_flight = 0
        self._cohort_of: tuple[Snapshot, Cohort] | None = None
        self.set_reactive(LiveApp.snapshot, repo.snapshot())
        self.fixed_day = day  # None: follow the live day
        self.live = self.live_day_in(self.snapshot)
        self.day = day or self.live
        self.register_theme(HIGH_CONTRAST)

    @property
    def cohort(self) -> Cohort:
        """The cohort in the current snapshot (looked up once per snapshot: clocks ask often)."""
        cached = self._cohort_of
        if cached is None or cached[0] is not self.snapshot:
            cached = self._cohort_of = (self.snapshot, self.snapshot.cohort(self.cohort_id))
        return cached[1]

    @property
    def plan(self) -> DayPlan:
        return self.programme.day(self.day)

    def live_day_in(self, snapshot: Snapshot) -> int:
        """The day the room is on, as a snapshot of the store says."""
        today = self.clock.now().astimezone(self.tz).date()
        return snapshot.live_day(snapshot.cohort(self.cohort_id), self.programme, today)

    def day_heading(self) -> str:
        """The header's sub-title: which day this is, and whether it is the live one."""
        cohort = self.cohort
        return day_label(
            self.day, len(cohort.dates), self.plan.title, cohort.date_of(self.day), live=self.live
        )

    def show_day(self) -> None:
        """The day or the live day changed: say so in the header; subclasses do more."""
        self.sub_title = self.day_heading()

    def day_clock(self, events: Sequence[AgendaEvent]) -> DayClock:
        """The day's agenda as it stands now, from events the caller already holds."""
        return day_clock(
            self.plan,
            events,
            self.clock.now(),
            day_date=self.cohort.date_of(self.day),
            tz=self.tz,
        )

    def agenda_events(self) -> list[AgendaEvent]:
        return self.snapshot.agenda_events(self.cohort_id, self.day)

    def on_mount(self) -> None:
        self.poll_store(wait=True)  # whatever landed since __init__, before the first frame
        self.title = self.heading()
        self.sub_title = self.day_heading()
        self.set_interval(self.poll_seconds, self.poll_store)

    def heading(self) -> str:
        """The header's title."""
        return self.cohort.name

    # ------------------------------------------------------------------ reading
    def poll_store(self, wait: bool = False) -> None:
        signature = self.repo.db.signature()
        if signature == self._signature:
            return
        self._signature = signature
        if not wait:
            self._reload()
            return
        try:
            self._show_snapshot(self.repo.snapshot())
        except StoreError as error:
            self._report_store_problem(str(error))

    @work(thread=True, exclusive=True, group="store-read")
    def _reload(self) -> None:
        try:
            snapshot = self.repo.snapshot()
        except StoreError as error:
            self.call_from_thread(self._report_store_problem, str(error))
            return
        if not get_current_worker().is_cancelled:  # a newer read was started meanwhile
            self.call_from_thread(self._show_snapshot, snapshot)

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        """A fresh read; held back while this terminal's own write is still landing, so a
        read taken just before it cannot undo what the screen already shows."""
        if self._writes_in_flight:
            self._signature = None  # read again once the write has landed
            return
        self._store_problem = ""
        live = self.live_day_in(snapshot)
        day = self.day if self.fixed_day is not None else live
        changed = (live, day) != (self.live, self.day)
        day_moved = day != self.day
        self.live, self.day = live, day  # before the screens look at the new snapshot
        self.snapshot = snapshot
        if changed:
            self.show_day()
        if day_moved:
            self.day_moved()

    def day_moved(self) -> None:
        """``day`` is another day now: screens that keep something of the old day renew it."""

    def _report_store_problem(self, problem: str) -> None:
        if problem != self._store_problem:
            self._store_problem = problem
            self.notify(problem, title="Cannot read the database", severity="error", timeout=30)

    # ------------------------------------------------------------------ writing
    def agenda_event(self, kind: EventKind, item: str, **details: object) -> AgendaEvent:
        return AgendaEvent(
            id=new_id(),
            cohort=self.cohort_id,
            day=self.day,
            kind=kind,
            item=item,
            at=iso(self.clock.now()),
            **details,  # type: ignore[arg-type]
        )

    def mark_attendance(self, person: str, status: AttendanceStatus, saved: str) -> None:
        """Store someone's arrival, lateness or absence today."""
        mark = AttendanceMark(
            id=new_id(),
            cohort=self.cohort_id,
            day=self.day,
            person=person,
            status=status,
            at=iso(self.clock.now()),
        )
        self.write(lambda repo: repo.mark_attendance([mark]), saved)

    def action_toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def record(self, events: list[AgendaEvent], saved: str = "") -> None:
        """Append agenda events in one atomic write."""
        self.write(lambda repo: repo.add_agenda_events(events), saved)

    def write(self, change: Callable[[Repo], None], saved: str = "") -> None:
        """One write, in a worker; 'saved' is said only once it has landed, or why not."""
        self._writes_in_flight += 1
        self._write(change, saved)

    @work(thread=True, group="store-write")
    def _write(self, change: Callable[[Repo], None], saved: str) -> None:
        try:
            change(self.repo)
        except StoreError as error:
            self.call_from_thread(
                self.notify, str(error), title="Not saved", severity="error", timeout=30
            )
            return
        finally:
            self.call_from_thread(self._write_landed)
        if saved:
            self.call_from_thread(self.notify, saved, timeout=3)

    def _write_landed(self) -> None:
        self._writes_in_flight -= 1
        self.poll_store()

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Start on a terminal only (headless runs, as in tests, need none); see NoTerminal."""
        headless = kwargs.get("headless", False)
        if not headless and not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise NoTerminal
        return super().run(*args, **kwargs)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app, as Textual's own handler does, but what is left on
        the terminal is one line naming the private log: Textual would print a traceback with
        the locals of every frame, and those hold names, needs and other tables' members."""
        self._return_code = 1
        if self._exception is None:  # Pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        line = one_line(self.repo.path, error, type(self).__name__)
        self._exit_renderables.append(Text(f"lp-tui: {line}"))
        self._close_messages_no_wait()

    def notify(self, message: str, *, markup: bool = False, **options: Any) -> None:
        """Toasts carry names and typed text: plain unless a caller asks for markup."""
        super().notify(message, markup=markup, **options)

    def ring(self) -> None:
        if self.bell_on:
            self.bell()
