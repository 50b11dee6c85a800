"""The facilitator's app imports a screen's module when the screen is first shown, and the
exports when one is made: a start imports the agenda's only. Every mode still opens its
screen, and the palette still goes to each. The first screen ends the start's hold on the
cycle collector (lp_tui/startup.py)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from lp_tui import startup
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.stylesheet import ParseOnceStylesheet
from tests.app.conftest import SIZE

SCREENS = {
    "agenda": "AgendaScreen",
    "checkin": "CheckInScreen",
    "tables": "TablesScreen",
    "rotations": "RotationsScreen",
    "evaluation": "EvaluationScreen",
    "followup": "FollowUpScreen",
    "feedback": "FeedbackScreen",
    "behaviours": "BehavioursScreen",
    "people": "PeopleScreen",
    "self_assessment": "SelfAssessmentScreen",
}


def modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    )
    return set(done.stdout.split())


def test_importing_the_app_imports_no_screen_and_no_export() -> None:
    loaded = modules_after("import lp_tui.ui.app")
    assert "lp_tui.ui.app" in loaded
    assert not {name for name in loaded if name.startswith(("lp_tui.export", "openpyxl"))}
    assert not {name for name in loaded if name.startswith("lp_tui.ui.screens.")} - {
        "lp_tui.ui.screens.confirm"  # the quit question, asked from any screen
    }


def test_the_agenda_imports_its_dialogs_when_they_are_opened() -> None:
    loaded = modules_after("import lp_tui.ui.screens.agenda")
    assert "lp_tui.ui.screens.agenda" in loaded
    assert not {"lp_tui.ui.screens.agenda_dialogs", "lp_tui.ui.screens.form_dialog"} & loaded


def test_the_coach_view_imports_the_reflection_dialog_when_it_is_opened() -> None:
    loaded = modules_after("import lp_tui.ui.coach")
    assert "lp_tui.ui.coach" in loaded
    assert "lp_tui.ui.screens.reflection_dialog" not in loaded
    assert "textual.widgets._text_area" not in loaded
    # its forms when one is opened; the allocator and a rotation's timing are not its work
    later = {"lp_tui.ui.screens.form_dialog", "lp_tui.domain.allocation"}
    later |= {"lp_tui.domain.seating_cost", "lp_tui.domain.rotation_change"}
    assert not later & loaded


def test_reading_the_store_imports_no_lock_and_a_write_takes_it(tmp_path) -> None:
    db = tmp_path / "lp.json"
    read = (
        "from lp_tui.store.repo import Repo\n"
        "import lp_tui.ui.app, lp_tui.ui.clock, lp_tui.ui.coach\n"
        f"Repo({str(db)!r}).snapshot()"
    )
    assert "filelock" not in modules_after(read)
    write = (
        "from lp_tui.domain.demo import demo_cohort\n"
        "from lp_tui.store.repo import Repo\n"
        f"Repo({str(db)!r}).add_cohort(*demo_cohort('2017-11-20T09:00:00+00:00'))"
    )
    assert "filelock" in modules_after(write)
    assert (tmp_path / "lp.json.lock").exists()


# The work on records (counting forms, planning rotations, folding behaviours, follow-up):
# a screen or a command imports it when it does it; reading the store needs the records only.
WORK = (
    "tally",
    "self_assessment",
    "rotation",
    "behaviours",
    "followup",
    "followup_work",
    "consent",
)


def test_the_facilitators_start_imports_the_records_not_the_work_on_them(tmp_path) -> None:
    db = tmp_path / "lp.json"
    start = (
        "from lp_tui.domain.demo import demo_cohort\n"
        "from lp_tui.store.repo import Repo\n"
        f"repo = Repo({str(db)!r})\n"
        "repo.add_cohort(*demo_cohort('2017-11-20T09:00:00+00:00'))\n"
        "import lp_tui.cli.root, lp_tui.cli.apps, lp_tui.ui.app, lp_tui.ui.screens.agenda\n"
        "repo.snapshot()"
    )
    loaded = modules_after(start)
    assert "lp_tui.domain.model" in loaded
    assert not {f"lp_tui.domain.{name}" for name in WORK} & loaded


def test_every_mode_names_its_screen() -> None:
    assert set(FacilitatorApp.MODES) == set(SCREENS)
    for mode, make in FacilitatorApp.MODES.items():
        assert make.__name__ == SCREENS[mode]


async def test_every_mode_opens_its_screen(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert type(app.screen).__name__ == "AgendaScreen"
        for mode, name in SCREENS.items():
            await app.switch_mode(mode)
            await pilot.pause()
            assert app.current_mode == mode
            assert type(app.screen).__name__ == name
            assert app.screen.is_mounted


async def test_the_first_screen_ends_the_hold_on_the_collector(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(startup, "_held", True)  # as lp_tui/__main__.py leaves it
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))  # not this test process
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not startup.held()
        assert frozen == [True]
        assert gc.isenabled()
        assert isinstance(app.stylesheet, ParseOnceStylesheet)


async def test_the_first_frame_names_the_cohort_and_the_day(
    app, demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.screen import Screen

    drawn: list[tuple[str, str]] = []
    refresh = Screen._compositor_refresh

    def first_frame(screen: Screen) -> None:
        drawn.append((screen.app.title, screen.app.sub_title))
        refresh(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", first_frame)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    title, sub_title = drawn[0]
    assert title == demo[0].name
    assert sub_title.startswith("Day 2 of 3")
