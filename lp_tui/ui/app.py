"""The facilitator's app: the live agenda first, and the cohort's people a key away."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType

from lp_tui.domain.csv_input import InputError
from lp_tui.export.write import default_name, export
from lp_tui.store.files import shown_path
from lp_tui.store.storage import StoreError
from lp_tui.ui.live import LiveApp
from lp_tui.ui.screens.agenda import AgendaScreen
from lp_tui.ui.screens.behaviours import BehavioursScreen
from lp_tui.ui.screens.checkin import CheckInScreen
from lp_tui.ui.screens.evaluation import EvaluationScreen
from lp_tui.ui.screens.export_dialog import ExportDialog
from lp_tui.ui.screens.feedback import FeedbackScreen
from lp_tui.ui.screens.followup import FollowUpScreen
from lp_tui.ui.screens.people import PeopleScreen
from lp_tui.ui.screens.rotations import RotationsScreen
from lp_tui.ui.screens.tables import TablesScreen


class FacilitatorApp(LiveApp):
    """lp-tui for the facilitator: everything about the cohort, live."""

    CSS_PATH = "app.tcss"
    MODES: ClassVar = {
        "agenda": AgendaScreen,
        "checkin": CheckInScreen,
        "tables": TablesScreen,
        "rotations": RotationsScreen,
        "evaluation": EvaluationScreen,
        "followup": FollowUpScreen,
        "feedback": FeedbackScreen,
        "behaviours": BehavioursScreen,
        "people": PeopleScreen,
    }
    DEFAULT_MODE = "agenda"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("a", "switch_mode('agenda')", "Agenda", id="agenda"),
        Binding("c", "switch_mode('checkin')", "Check-in", id="checkin"),
        Binding("t", "switch_mode('tables')", "Tables", id="tables"),
        Binding("r", "switch_mode('rotations')", "Rotations", id="rotations"),
        Binding("e", "switch_mode('evaluation')", "Evaluation", id="evaluation"),
        Binding("f", "switch_mode('feedback')", "Feedback", id="feedback"),
        Binding("v", "switch_mode('behaviours')", "Behaviours", id="behaviours"),
        Binding("u", "switch_mode('followup')", "Follow-up", id="followup"),
        Binding("p", "switch_mode('people')", "People", id="people"),
        Binding("x", "export", "Export", id="export"),
        Binding("b", "toggle_bell", "Bell on/off", id="bell", show=False),
        Binding("f1", "show_help_panel", "Keys", id="help"),
        Binding("f2", "toggle_contrast", "High contrast", id="contrast", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No key in the footer for the screen already shown."""
        return not (action == "switch_mode" and parameters[:1] == (self.current_mode,))

    def action_export(self) -> None:
        folder = self.repo.path.parent / "exports"

        def chosen(answer: tuple[str, bool] | None) -> None:
            if answer is not None:
                self._export(*answer, folder)

        self.push_screen(ExportDialog(shown_path(folder)), chosen)

    @work(thread=True, group="export")
    def _export(self, fmt: str, anonymise: bool, folder: Path) -> None:
        """Made from one fresh read, in a thread: a big workbook never stalls the clock."""
        now = self.clock.now()
        stamp = now.astimezone(self.tz).strftime("%Y%m%d-%H%M")
        out = folder / default_name(self.cohort, fmt, anonymise, stamp)
        try:
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
            )
        except (OSError, StoreError, InputError) as error:
            self.call_from_thread(
                self.notify, str(error), title="Not exported", severity="error", timeout=30
            )
            return
        self.call_from_thread(self.notify, f"Exported: {shown_path(written)}", timeout=8)

    def action_toggle_bell(self) -> None:
        self.bell_on = not self.bell_on
        self.notify("Bell on at amber and at zero" if self.bell_on else "Bell off", timeout=3)
