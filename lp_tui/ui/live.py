"""What every lp-tui app shares: the cohort, the injected clock, and a live view of the store.

The store is polled cheaply (one ``os.stat``) a few times a second; only when the file changed
is it read again, in a worker thread, and ``snapshot`` set, which screens watch.

An app opened without ``--day`` follows the live day (lp_tui.domain.live_day): each new
snapshot says which day the room is on, and ``day`` moves with it before the screens look.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import tzinfo
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from lp_tui import startup
from lp_tui.domain.clock import Clock, SystemClock, iso, local_zone
from lp_tui.domain.live_day import day_label
from lp_tui.domain.model import AttendanceMark, AttendanceStatus, Cohort, new_id
from lp_tui.domain.pending import (
    RETRY_SECONDS,
    Pending,
    WriteQueue,
    banner_lines,
    quit_detail,
    quit_question,
)
from lp_tui.domain.programme import DayPlan, Programme
from lp_tui.domain.text import typed
from lp_tui.domain.timers import AgendaEvent, DayClock, EventKind, day_clock
from lp_tui.store.errors import one_line
from lp_tui.store.files import shown_path
from lp_tui.store.repo import Conflict, Repo, Snapshot
from lp_tui.store.storage import Signature, StoreError, StoreWriteError
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.styles_cache import share_inner_outer
from lp_tui.ui.stylesheet import ParseOnceStylesheet
from lp_tui.ui.theme import HIGH_CONTRAST
from lp_tui.ui.widgets.write_banner import WriteBanner

Change = Callable[[Repo], None]
RETRY_KEY = "ctrl+s"
HEADER_EDGES = 4  # the header's icon and the cell after the title (lp_tui/ui/app.tcss)
SHORTER = (0, 1, 2)  # the day's label, whole, then shorter where the header has less room

share_inner_outer()  # before any app paints: no widget's lines outlive it


def shown_problem(path: Path, problem: str) -> str:
    """The store's line with its file as the person would type it (relative to where lp-tui
    was started, when it is below there)."""
    named = str(path)
    return shown_path(path) + problem[len(named) :] if problem.startswith(named) else problem


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
    unsaved: reactive[int] = reactive(0, init=False)
    """Changes waiting because a write failed (0 while every change landed or is landing)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            RETRY_KEY, "retry_writes", "Save now", id="retry-writes", show=False, priority=True
        ),
        # escape closes the keys panel first, as it closes a dialog; while no panel is open
        # the key goes on to the screen (check_action)
        Binding("escape", "hide_help_panel", "Close keys", show=False, priority=True, system=True),
    ]

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
        self.stylesheet = ParseOnceStylesheet(variables=self.get_css_variables())
        self.repo = repo
        self.cohort_id = cohort_id
        self.programme = programme
        self.clock = clock or SystemClock()
        self.tz = tz or local_zone()
        self.poll_seconds = poll_seconds
        self.bell_on = bell
        self._signature: Signature | None = repo.db.signature()
        self._store_problem = ""
        self._queue: WriteQueue[Change] = WriteQueue()
        self._writing = False  # the first change in the queue is being written now
        self._recovering = False  # a write failed since the queue was last empty
        self._asking_quit = False
        self._shown_waiting = 0  # changes waiting when the screens last showed the store
        self.retry_seconds = RETRY_SECONDS
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
        """The header's sub-title: which day this is, and whether it is the live one. Where
        the header's row cannot hold it after the title, shorter (``day_label``'s ``short``)."""
        cohort = self.cohort
        when = cohort.date_of(self.day)
        room = self.size.width - HEADER_EDGES - cell_len(f"{self.heading()} — ")
        for short in SHORTER:
            label = day_label(
                self.day, len(cohort.dates), self.plan.title, when, live=self.live, short=short
            )
            if cell_len(label) <= room:
                break
        return label

    def show_day(self) -> None:
        """The day or the live day changed: say so in the header; subclasses do more."""
        self.sub_title = self.day_heading()

    def day_clock(self, events: Sequence[AgendaEvent], day: int | None = None) -> DayClock:
        """The agenda of ``day`` (the day shown unless given) as it stands now, from events the
        caller already holds."""
        day = self.day if day is None else day
        return day_clock(
            self.programme.day(day),
            events,
            self.clock.now(),
            day_date=self.cohort.date_of(day),
            tz=self.tz,
        )

    def agenda_events(self) -> list[AgendaEvent]:
        return self.snapshot.agenda_events(self.cohort_id, self.day)

    def show_headings(self) -> None:
        """The header's title and sub-title, from the snapshot held now."""
        self.title = self.heading()
        self.sub_title = self.day_heading()

    def on_resize(self, event: events.Resize) -> None:
        """The headings for the new width, whichever screen is on top (once the app holds its
        new size: Textual takes it after this handler)."""
        self.call_later(self.show_headings)

    def on_load(self) -> None:
        # Before the first frame: set at mount, the first frame showed the app's class name
        # ("FacilitatorApp") and the screen was drawn again for the title.
        self.show_headings()

    def on_mount(self) -> None:
        self.poll_store(wait=True)  # whatever landed since __init__, before the first frame
        self.show_headings()
        self.set_interval(self.poll_seconds, self.poll_store)
        self.set_interval(self.retry_seconds, self._retry_writes)
        self.screen_change_signal.subscribe(self, self._screen_changed)

    def on_ready(self) -> None:
        startup.release()  # the first screen is up: the start is over (lp_tui/startup.py)

    async def on_event(self, event: events.Event) -> None:
        # A paste keeps ESC, C1 and bidi overrides (Textual drops only NUL): they would reach
        # the field's display raw, and what is saved. Every field gets the text without them.
        if (
            isinstance(event, events.Paste)
            and not event.is_forwarded
            and (text := typed(event.text)) != event.text
        ):
            event = events.Paste(text)
        await super().on_event(event)

    def keys_panel_open(self) -> bool:
        """The keys panel (Textual's HelpPanel, mounted on the screen itself) is shown. Asked
        on every check of the bindings: the screen's children only, not its whole tree."""
        return bool(self.screen.query_children("HelpPanel"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_help_panel":
            return self.keys_panel_open()
        return super().check_action(action, parameters)

    def action_toggle_help_panel(self) -> None:
        """f1 shows the keys panel. Where its list is longer than the panel (at 80x24), f1
        again shows the next page of it, and after the last page closes it: the panel cannot
        take the focus, so no other key scrolls it."""
        if not self.keys_panel_open():
            self.action_show_help_panel()
            return
        keys = self.screen.query("HelpPanel KeyPanel")
        panel = keys.first() if keys else None
        if panel is not None and round(panel.scroll_y) < panel.max_scroll_y:
            panel.scroll_page_down(animate=False)
        else:
            self.action_hide_help_panel()

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
        if self._writing:
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
        self.write(lambda repo: repo.mark_attendance([mark]), saved, f"attendance: {saved}")

    def action_toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def record(self, events: list[AgendaEvent], saved: str = "", what: str = "") -> None:
        """Append agenda events in one atomic write."""
        self.write(lambda repo: repo.add_agenda_events(events), saved, what)

    def write(self, change: Change, saved: str = "", what: str = "") -> None:
        """One write, in a worker, behind any still waiting (so records land in the order
        made). 'saved' is said only once it has landed; 'what' names it in the banner should
        it not land (say what was typed: it is kept in the queue until it lands)."""
        self._queue.add(change, what, saved)
        self._next_write()

    @property
    def writes_waiting(self) -> int:
        """Changes made here that have not landed yet, the one being written among them."""
        return len(self._queue)

    def _next_write(self) -> None:
        pending = self._queue.first()
        if self._writing or pending is None:
            return
        self._writing = True
        self._write(pending)

    @work(thread=True, group="store-write")
    def _write(self, pending: Pending[Change]) -> None:
        """A fault (a full disk, no permission, a read-only folder, an I/O error) keeps the
        change waiting; a rule the store enforces (a conflict) refuses it for good; anything
        else is a bug and ends the app as every unexpected error does (one line, a log)."""
        try:
            pending.change(self.repo)
        except Conflict as error:
            outcome = partial(self._write_refused, str(error))
        except StoreWriteError as error:
            outcome = partial(self._write_failed, shown_problem(error.path, str(error)))
        except StoreError as error:
            outcome = partial(self._write_failed, str(error))
        except OSError as error:  # belt and braces: the store says StoreWriteError
            where = Path(os.fsdecode(error.filename)) if error.filename else self.repo.path
            cause = error.strerror or str(error) or type(error).__name__
            outcome = partial(self._write_failed, f"{shown_path(where)}: not saved: {cause}")
        else:
            outcome = self._write_landed
        self.call_from_thread(outcome)

    def _write_landed(self) -> None:
        pending = self._queue.landed()
        self._writing = False
        self._shown_waiting = min(self._shown_waiting, len(self._queue))
        if pending.saved:
            self.notify(pending.saved, timeout=3)
        if not self._queue and self._recovering:
            self._recovering = False
            self.notify("Saved: every change that was waiting is in the database now.", timeout=5)
        self._show_pending()
        self.poll_store()
        self._next_write()

    def _write_refused(self, problem: str) -> None:
        self._queue.refused()
        self._writing = False
        self.notify(problem, title="Not saved", severity="error", timeout=30)
        self._show_pending()
        self.poll_store()
        self._next_write()

    def _write_failed(self, problem: str) -> None:
        first_failure = not self._queue.failing
        self._queue.failed(problem)
        self._writing = False
        self._recovering = True
        self._show_pending()
        if len(self._queue) != self._shown_waiting:
            # screens that showed a change at once show the store again (check-in and the
            # agenda mark theirs "not saved"): nothing waiting is ever shown as done
            self._shown_waiting = len(self._queue)
            self.snapshot = self.snapshot
        if first_failure:
            self.ring()

    def _retry_writes(self) -> None:
        if self._queue.failing:
            self._next_write()

    def action_retry_writes(self) -> None:
        """ctrl+s: try the changes waiting now, not at the next retry."""
        if not self.writes_waiting:
            self.notify("Nothing waiting: every change is saved.", timeout=3)
            return
        self._next_write()

    # ------------------------------------------------------------------ the banner
    def banner_lines(self) -> list[str]:
        """What the banner says now: nothing while no write has failed."""
        queue = self._queue
        if not queue.failing:
            return []
        return banner_lines(
            len(queue), queue.problem, queue.whats(), round(self.retry_seconds), RETRY_KEY
        )

    def _show_pending(self) -> None:
        self.unsaved = len(self._queue) if self._queue.failing else 0
        lines = self.banner_lines()
        for screen in self.screen_stack:
            if not isinstance(screen, ModalScreen):  # a dialog shows the banner beneath it
                self._banner_on(screen, lines)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        """A screen shown anew (another mode, a dialog): its banner says what waits now."""
        self.call_after_refresh(self._show_pending)

    @staticmethod
    def _banner_on(screen: Screen[Any], lines: list[str]) -> None:
        """The banner at the top of ``screen`` (below its header), mounted the first time a
        write fails while it is shown."""
        try:
            banner = screen.query_one(WriteBanner)
        except NoMatches:
            if not lines or not screen.is_mounted:
                return
            banner = WriteBanner()
            first = screen.children[0] if screen.children else None
            screen.mount(banner, before=first)
        banner.show(lines)

    # ------------------------------------------------------------------ quitting
    async def action_quit(self) -> None:
        """Quitting with changes not saved asks first, saying how many (a second ctrl+q
        while asked quits)."""
        count = self.writes_waiting
        if not count or self._asking_quit:
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            self._asking_quit = False
            if yes:
                self.exit()

        self._asking_quit = True
        self.push_screen(
            Confirm(quit_question(count), quit_detail(count, self._queue.problem), losing=True),
            answered,
        )

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

    def action_help_quit(self) -> None:
        """ctrl+c (copy in a text box) does not quit: say which key does, in plain words."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit", title="Do you want to quit?")
                return

    def notify(self, message: str, *, markup: bool = False, **options: Any) -> None:
        """Toasts carry names and typed text, so every toast is plain: a screen's or a
        widget's notify passes markup=True (Textual's default there), and "Jo [/x] Bloggs"
        would have been read as a closing tag. Nothing lp-tui says uses markup."""
        super().notify(message, markup=False, **options)

    def ring(self) -> None:
        if self.bell_on:
            self.bell()
