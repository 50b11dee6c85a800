"""The facilitator's app: the live agenda first, and the cohort's people a key away."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from lp_tui.domain.clock import iso
from lp_tui.domain.live_day import LiveDay, date_words, day_progress
from lp_tui.domain.model import new_id
from lp_tui.domain.timers import AgendaEvent, running_item
from lp_tui.store.files import shown_path
from lp_tui.store.repo import Repo
from lp_tui.store.storage import StoreError
from lp_tui.ui.live import LiveApp

if TYPE_CHECKING:
    from lp_tui.ui.screens.export_dialog import ExportChoice

# One export at a time: each picks a name not taken (two in one minute never share a file).
_EXPORTING = threading.Lock()


def screen_in(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A mode's screen: ``name`` from lp_tui.ui.screens.``module``, imported when first made."""

    def make() -> Screen[Any]:
        screen: type[Screen[Any]] = getattr(import_module(f"lp_tui.ui.screens.{module}"), name)
        return screen()

    make.__qualname__ = make.__name__ = name
    return make


class FacilitatorApp(LiveApp):
    """lp-tui for the facilitator: everything about the cohort, live."""

    CSS_PATH = "app.tcss"
    # Each screen's module is imported when its mode is first shown: a start imports the
    # agenda's only (and the exports theirs when one is made), so the first screen comes sooner.
    MODES: ClassVar = {
        "agenda": screen_in("agenda", "AgendaScreen"),
        "checkin": screen_in("checkin", "CheckInScreen"),
        "tables": screen_in("tables", "TablesScreen"),
        "rotations": screen_in("rotations", "RotationsScreen"),
        "evaluation": screen_in("evaluation", "EvaluationScreen"),
        "followup": screen_in("followup", "FollowUpScreen"),
        "feedback": screen_in("feedback", "FeedbackScreen"),
        "behaviours": screen_in("behaviours", "BehavioursScreen"),
        "people": screen_in("people", "PeopleScreen"),
        "self_assessment": screen_in("self_assessment", "SelfAssessmentScreen"),
    }
    DEFAULT_MODE = "agenda"
    BINDINGS: ClassVar[list[BindingType]] = [
        # The footer keeps each screen's own keys (and f1, ^p): these live in the keys panel
        # (f1) and the palette (ctrl+p), which name every one of them in words.
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
        Binding("a", "switch_mode('agenda')", "Agenda", id="agenda", show=False),
        Binding("c", "switch_mode('checkin')", "Check-in", id="checkin", show=False),
        Binding("t", "switch_mode('tables')", "Tables", id="tables", show=False),
        Binding("r", "switch_mode('rotations')", "Rotations", id="rotations", show=False),
        Binding("e", "switch_mode('evaluation')", "Evaluation", id="evaluation", show=False),
        Binding("f", "switch_mode('feedback')", "Feedback", id="feedback", show=False),
        Binding("v", "switch_mode('behaviours')", "Behaviours", id="behaviours", show=False),
        Binding("u", "switch_mode('followup')", "Follow-up", id="followup", show=False),
        Binding("p", "switch_mode('people')", "People", id="people", show=False),
        Binding(
            "y",
            "switch_mode('self_assessment')",
            "Self-assessment",
            id="self-assessment",
            show=False,
        ),
        Binding("x", "export", "Export", id="export", show=False),
        Binding("b", "toggle_bell", "Bell on/off", id="bell", show=False),
        # priority: a search box keeps its other keys, but ctrl+d chooses the day on any screen
        Binding("ctrl+d", "choose_day", "Choose day", id="choose-day", show=False, priority=True),
        Binding("f1", "toggle_help_panel", "Keys", id="help"),
        Binding("f2", "toggle_contrast", "High contrast", id="contrast", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No key in the footer for the screen already shown; no day chooser over a dialog
        (there ctrl+d is the text box's own key)."""
        if action == "choose_day":
            return not isinstance(self.screen, ModalScreen)
        if action == "switch_mode":
            return parameters[:1] != (self.current_mode,)
        return super().check_action(action, parameters)

    # ------------------------------------------------------------------ the live day
    def action_choose_day(self) -> None:
        """A small chooser of the cohort's days; the one chosen becomes the live day."""
        from lp_tui.ui.screens.day_chooser import DayChoice, DayChooser

        choices = [
            DayChoice(
                day=day,
                title=self.programme.day(day).title,
                when=date_words(self.cohort.date_of(day)),
                progress=day_progress(self.programme.day(day), self.events_known(day)),
                live=day == self.live,
            )
            for day in self.cohort.days
        ]

        def chosen(day: int | None) -> None:
            if day is not None:
                self.leave_day_for(day)

        self.push_screen(DayChooser(choices, self.day), chosen)

    def leave_day_for(self, day: int) -> None:
        """Switch to ``day`` (from ctrl+d or the palette). Where an item of the room's live day
        is running, ask first: the room would move on while its timer goes on (enter here
        says no)."""
        from lp_tui.ui.screens.confirm import Confirm

        live = self.live
        running = running_item(self.day_clock(self.events_known(live), day=live))
        if day == live or running is None:
            self.switch_day(day)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.switch_day(day)
            else:
                self.notify(f"Still on Day {live}: nothing changed.", timeout=3)

        title, left = running
        self.push_screen(
            Confirm(
                f"Leave Day {live} while “{title}” runs?",
                f"Its timer goes on ({left}), and the clock and every coach's view move to "
                f"Day {day}. To pause it first: answer n (no), then space on the agenda (a).",
                careful=True,
            ),
            answered,
        )

    def events_known(self, day: int) -> list[AgendaEvent]:
        """``day``'s agenda events as this terminal knows them: where its agenda shows that
        day, the agenda's own (an item started here runs there at once, before its write
        lands or while a failed one waits), else the store's."""
        from lp_tui.ui.screens.agenda import AgendaScreen

        if day == self.day:
            for screen in self._screen_stacks.get("agenda", []):
                if isinstance(screen, AgendaScreen) and screen.is_mounted:
                    return [event for event in screen.events if event.day == day]
        return self.snapshot.agenda_events(self.cohort_id, day)

    def switch_day(self, day: int) -> None:
        """Run ``day``: this terminal shows it, and the stored live day makes every other
        terminal without --day follow."""
        if day == self.day == self.live:
            self.notify(f"Day {day} is already the live day.", timeout=3)
            return
        if self.fixed_day is not None:
            self.fixed_day = day
        moved = day != self.day
        self.day = self.live = day  # before the write, so it adds no second record
        record = self._live_day_record(day)
        self.write(lambda repo: repo.add_live_day(record), what=f"Day {day} as the live day")
        self.notify(f"Day {day} is live: the clock and the coaches follow.", timeout=4)
        self.show_day()
        if moved:
            self.day_moved()

    def _live_day_record(self, day: int) -> LiveDay:
        return LiveDay(id=new_id(), cohort=self.cohort_id, day=day, at=iso(self.clock.now()))

    def write(self, change: Callable[[Repo], None], saved: str = "", what: str = "") -> None:
        """Acting on a day that is not the live one makes it the live day (a write of its
        own, first: each waits its turn, and none is written twice)."""
        if self.day != self.live:
            record = self._live_day_record(self.day)
            self.live = self.day
            self.show_day()
            super().write(
                lambda repo: repo.add_live_day(record), what=f"Day {self.day} as the live day"
            )
        super().write(change, saved, what)

    def day_moved(self) -> None:
        """Every screen shows the new day: the one on show refreshes now, the others are made
        afresh when next shown (a screen may keep what it read of the day when mounted)."""
        self.snapshot = self.snapshot  # the screens watching it read the new day
        self.call_later(self._renew_screens)

    async def _renew_screens(self) -> None:
        current = self.current_mode
        if current not in self.MODES:
            return
        for mode, screen in self.MODES.items():
            if mode != current:
                await self.remove_mode(mode)
                self.add_mode(mode, screen)
        if len(self.screen_stack) > 1:
            return  # a dialog is open: leave what the facilitator is doing alone
        self.add_mode("_renewing", Screen)
        await self.switch_mode("_renewing")
        await self.remove_mode(current)
        self.add_mode(current, self.MODES[current])
        await self.switch_mode(current)
        await self.remove_mode("_renewing")

    # ------------------------------------------------------------------ palette and keys
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The app's own commands in the palette (ctrl+p), beside Textual's."""
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.action.startswith("switch_mode("):
                mode = binding.action.split("'")[1]
                yield SystemCommand(
                    f"Go to {binding.description}",
                    f"The {binding.description} screen ({binding.key})",
                    partial(self.switch_mode, mode),
                )
        yield SystemCommand("Export", "Export the session records (x)", self.action_export)
        yield SystemCommand(
            "Lessons and recommendations",
            "Write the report's lessons learned and recommendations (l on Follow-up)",
            self.action_lessons,
        )
        yield SystemCommand(
            "Choose day", "Which day the room is on (ctrl+d)", self.action_choose_day
        )
        for day in self.cohort.days:
            title = self.programme.day(day).title
            live = " (live now)" if day == self.live else ""
            yield SystemCommand(
                f"Switch to Day {day} · {title}",
                f"Make Day {day} the live day{live}: every terminal follows",
                partial(self.leave_day_for, day),  # asks first while an item runs
            )
        yield SystemCommand(
            "Toggle high contrast",
            "High-contrast colours on or off (f2)",
            self.action_toggle_contrast,
        )
        yield SystemCommand(
            "Bell on/off", "The bell at amber and at zero (b)", self.action_toggle_bell
        )
        yield SystemCommand("Undo", "Undo the last action on this screen", self.action_undo_here)

    def action_lessons(self) -> None:
        """The lessons learned and recommendations the facilitator writes for the report."""
        from lp_tui.ui.screens.lessons import LessonsScreen

        if not isinstance(self.screen, LessonsScreen):
            self.push_screen(LessonsScreen())

    def action_undo_here(self) -> None:
        undo: Callable[[], object] | None = getattr(self.screen, "action_undo", None)
        if undo is None:
            self.notify("Nothing to undo here: undo works on the agenda and check-in.", timeout=4)
            return
        self.call_later(undo)

    def action_export(self) -> None:
        from lp_tui.export.sheet_files import exports_folder
        from lp_tui.ui.screens.export_dialog import ExportDialog

        folder = exports_folder(self.repo.path)

        def chosen(answer: ExportChoice | None) -> None:
            if answer is not None:
                self._export(answer, folder)

        cohorts = len(self.snapshot.cohorts())
        self.push_screen(ExportDialog(shown_path(folder), cohorts), chosen)

    @work(thread=True, group="export")
    def _export(self, choice: ExportChoice, folder: Path) -> None:
        """Made from one fresh read, in a thread: a big workbook never stalls the clock. One
        export at a time, each to a name not yet taken (the same minute's gets -2, -3...)."""
        from lp_tui.domain.csv_input import InputError
        from lp_tui.domain.programme import ProgrammeError
        from lp_tui.export.across import default_name as across_name
        from lp_tui.export.across import export_across
        from lp_tui.export.write import default_name, unused_path

        fmt, anonymise = choice.fmt, choice.anonymise
        now = self.clock.now()
        stamp = now.astimezone(self.tz).strftime("%Y%m%d-%H%M")
        try:
            with _EXPORTING:
                if choice.all_cohorts:
                    out = unused_path(folder / across_name(fmt, stamp))
                    written = export_across(
                        self.repo.snapshot(), fmt, out, now=now, tz=self.tz, record_in=self.repo
                    )
                else:
                    out = unused_path(folder / default_name(self.cohort, fmt, anonymise, stamp))
                    written = self._export_cohort(fmt, anonymise, out, now)
        except (OSError, StoreError, InputError, ProgrammeError) as error:
            self.call_from_thread(
                self.notify, str(error), title="Not exported", severity="error", timeout=30
            )
            return
        self.call_from_thread(self.notify, f"Exported: {shown_path(written)}", timeout=8)

    def _export_cohort(self, fmt: str, anonymise: bool, out: Path, now: datetime) -> Path:
        # the cohort's pseudonym secret: stored (one write) the first time one is needed
        from lp_tui.export.write import export

        key = self.repo.pseudonym_key(self.cohort_id, iso(now)) if anonymise else ""
        snapshot = self.repo.snapshot()
        [written] = export(
            snapshot,
            snapshot.cohort(self.cohort_id),
            self.programme,
            fmt,
            out,
            now=now,
            tz=self.tz,
            anonymise=anonymise,
            key=key,
            record_in=self.repo,
        )
        return written

    def action_toggle_bell(self) -> None:
        self.bell_on = not self.bell_on
        self.notify("Bell on at amber and at zero" if self.bell_on else "Bell off", timeout=3)
