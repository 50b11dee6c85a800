"""A write the disk refuses (full, no permission, read-only, failing) never ends an app.

The app says so in a red banner that stays, keeps the change (and what was typed) in order,
shows it as not saved, and tries again every few seconds or on ctrl+s; once the disk takes it,
the database holds it exactly once, the banner goes and the toast says saved. Quitting with
changes waiting asks first. The faults are injected where a real one strikes
(tests/helpers/faults.py).
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen

from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.coach import CoachApp
from lp_tui.ui.live import LiveApp
from lp_tui.ui.screens.checkin import CheckInScreen
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.widgets.row_table import RowTable
from lp_tui.ui.widgets.write_banner import WriteBanner
from tests.app.conftest import messages, steady, type_keys, wait_until
from tests.app.test_coach_view import recent_text
from tests.helpers.faults import FAULTS, DiskFault

SMALL, LARGE = (80, 24), (120, 40)


def banner_text(app: LiveApp) -> str:
    """The banner on the screen shown now, or beneath the dialog shown now ("" when there is
    none or it is hidden)."""
    screen = next(s for s in reversed(app.screen_stack) if not isinstance(s, ModalScreen))
    banners = screen.query(WriteBanner)
    if not banners or not banners.first().has_class("-shown"):
        return ""
    return str(banners.first().render())


async def observe(pilot: Pilot, member: str, behaviour: str, note: str) -> None:
    """A coach logs an observation of a member by number, as typed."""
    await pilot.press(member)
    await pilot.pause()
    await type_keys(pilot, *behaviour, "enter")
    await type_keys(pilot, *note, "enter")


# ---------------------------------------------------------------------------- coach view
@pytest.mark.parametrize(("code", "words"), FAULTS)
async def test_a_coachs_observation_waits_through_a_fault_and_lands_once(
    coach_app: CoachApp, repo, demo, db_path: Path, monkeypatch, code: int, words: str
) -> None:
    cohort, _ = demo
    before = db_path.read_bytes()
    async with coach_app.run_test(size=LARGE) as pilot:
        fault = DiskFault(monkeypatch, db_path.parent, code=code)
        await observe(pilot, "2", "Listens before speaking", "let Owen finish")
        await wait_until(pilot, lambda: coach_app.unsaved == 1)

        banner = banner_text(coach_app)
        assert f"Not saved: 1 change waiting — {words}" in banner
        assert "let Owen finish" in banner  # what was typed is kept, and the banner says so
        assert "ctrl+s retries now" in banner and "data/lp-tui.json" in banner
        assert coach_app.is_running and fault.hits >= 1
        assert not any(t.startswith("Saved") for t in messages(coach_app))  # never shown as done
        assert "Listens before speaking" not in recent_text(coach_app)
        assert db_path.read_bytes() == before  # the store is as it was

        fault.clear()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not coach_app.unsaved)
        [stored] = repo.snapshot().observations(cohort.id, 2)
        assert (stored.behaviour, stored.note) == ("Listens before speaking", "let Owen finish")
        await wait_until(pilot, lambda: "Listens before speaking" in recent_text(coach_app))
        assert banner_text(coach_app) == ""
        assert any(t.startswith("Saved: Grace Nwosu") for t in messages(coach_app))
    assert len(repo.snapshot().observations(cohort.id, 2)) == 1


async def test_changes_made_during_a_fault_land_in_the_order_made(
    coach_app: CoachApp, repo, demo, db_path: Path, monkeypatch
) -> None:
    cohort, _ = demo
    coach_app.retry_seconds = 0.2  # the timer retries, no key needed
    async with coach_app.run_test(size=LARGE) as pilot:
        fault = DiskFault(monkeypatch, db_path.parent, code=errno.ENOSPC)
        await observe(pilot, "1", "Asks questions", "first")
        await wait_until(pilot, lambda: coach_app.unsaved == 1)
        await observe(pilot, "2", "Builds on ideas", "second")
        await observe(pilot, "3", "Listens", "third")
        await wait_until(pilot, lambda: coach_app.unsaved == 3)
        assert "Not saved: 3 changes waiting" in banner_text(coach_app)
        assert "“first”; 1 more; then observation of Hyacinth" in banner_text(coach_app)
        assert "“third”" in banner_text(coach_app)
        hits = fault.hits
        await wait_until(pilot, lambda: fault.hits > hits)  # retried on its own, still failing
        assert coach_app.unsaved == 3 and not repo.snapshot().observations(cohort.id, 2)

        fault.clear()
        await wait_until(pilot, lambda: not coach_app.unsaved)
        await wait_until(pilot, lambda: banner_text(coach_app) == "")
    notes = [o.note for o in repo.snapshot().observations(cohort.id, 2)]
    assert notes == ["first", "second", "third"]
    assert any("every change that was waiting" in t for t in messages(coach_app))


async def test_peer_feedback_words_are_kept_in_the_banner(
    coach_app: CoachApp, repo, demo, db_path: Path, monkeypatch
) -> None:
    async with coach_app.run_test(size=LARGE) as pilot:
        DiskFault(monkeypatch, db_path.parent, code=errno.EROFS)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("1", "enter", "2", "enter")
        await type_keys(pilot, *"Listens", "enter")
        await type_keys(pilot, *"you heard me out", "enter")
        await wait_until(pilot, lambda: coach_app.unsaved == 1)
        assert "you heard me out" in banner_text(coach_app)
        assert "Read-only file system" in banner_text(coach_app)
        assert not repo.snapshot().peer_feedback(demo[0].id, 2)


async def test_quitting_with_changes_waiting_asks_first(
    coach_app: CoachApp, db_path: Path, monkeypatch
) -> None:
    async with coach_app.run_test(size=LARGE) as pilot:
        DiskFault(monkeypatch, db_path.parent, code=errno.ENOSPC)
        await observe(pilot, "2", "Listens", "kept")
        await wait_until(pilot, lambda: coach_app.unsaved == 1)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(coach_app.screen, Confirm)
        assert coach_app.screen.question == "Quit with 1 change not saved?"
        assert "No space left on device" in coach_app.screen.detail
        assert "Not saved: 1 change waiting" in banner_text(coach_app)  # beneath the dialog
        assert not coach_app.screen.query(WriteBanner)  # and only there
        await pilot.press("n")
        await pilot.pause()
        assert coach_app.is_running and coach_app.unsaved == 1
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("enter")  # enter never loses the change: only y does
        await pilot.pause()
        assert coach_app.is_running and coach_app.unsaved == 1
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert coach_app.return_code == 0


async def test_quitting_with_nothing_waiting_asks_nothing(coach_app: CoachApp) -> None:
    async with coach_app.run_test(size=LARGE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not coach_app.is_running


# ---------------------------------------------------------------------------- facilitator
def checkin_status(app: FacilitatorApp, name: str) -> str:
    table = app.screen.query_one("#checkin", RowTable)
    for index in range(table.row_count):
        row = [str(cell) for cell in table.get_row_at(index)]
        if row[0] == name:
            return row[1]
    raise AssertionError(f"{name} is not listed")


@pytest.mark.parametrize(("code", "words"), FAULTS)
async def test_a_check_in_waits_through_a_fault_and_lands_once(
    app: FacilitatorApp, repo, demo, db_path: Path, monkeypatch, code: int, words: str
) -> None:
    cohort, _ = demo
    before = db_path.read_bytes()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CheckInScreen)
        fault = DiskFault(monkeypatch, db_path.parent, code=code)
        await type_keys(pilot, *"grace", "enter")
        await wait_until(pilot, lambda: app.unsaved >= 1)
        assert f"— {words}" in banner_text(app)
        assert checkin_status(app, "Grace Nwosu") == "✔ not saved"  # pending, not done
        assert app.is_running and db_path.read_bytes() == before
        assert not any("present" in t for t in messages(app))

        await pilot.press("escape")  # to the agenda: the banner is there too
        await wait_until(pilot, lambda: words in banner_text(app))

        fault.clear()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.unsaved)
        assert banner_text(app) == ""
        marks = repo.snapshot().attendance_marks(cohort.id, app.day)
        assert [m.person for m in marks] == [p.id for p in demo[1] if p.name == "Grace Nwosu"]
        assert any(t == "Grace Nwosu: present" for t in messages(app))


async def test_an_agenda_start_that_failed_is_shown_as_not_saved(
    app: FacilitatorApp, repo, demo, db_path: Path, monkeypatch
) -> None:
    cohort, _ = demo
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        DiskFault(monkeypatch, db_path.parent, code=errno.EIO)
        await pilot.press("space")  # start the first item
        await wait_until(pilot, lambda: app.unsaved >= 1)
        table = app.screen.query_one("#agenda", RowTable)
        assert str(table.get_row_at(0)[3]) == "▶ not saved"  # the Status column
        assert "start" in banner_text(app) and "Input/output error" in banner_text(app)
        assert not repo.snapshot().agenda_events(cohort.id, app.day)


async def test_a_form_keyed_on_a_full_disk_keeps_its_number_and_lands_once(
    repo, demo, programme, clock, db_path: Path, monkeypatch
) -> None:
    from datetime import UTC

    from lp_tui.ui.screens.evaluation import EvaluationScreen

    cohort, _ = demo
    app = FacilitatorApp(repo, cohort.id, programme, day=3, clock=clock, tz=UTC, poll_seconds=0.1)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EvaluationScreen)
        fault = DiskFault(monkeypatch, db_path.parent, code=errno.ENOSPC)
        await pilot.press(*"54335445")
        await type_keys(pilot, *"networking", "enter")
        await wait_until(pilot, lambda: app.unsaved == 2)  # Day 3 made the live day, the form
        assert "Day 3 as the live day; then form 1 as typed" in banner_text(app)
        await pilot.pause()
        assert "Form 2" in str(app.screen.query_one("#form-title").render())  # 1 is taken
        assert app.screen.forms == []  # the tally counts only what is stored
        assert not repo.snapshot().forms(cohort.id, 3)

        fault.clear()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.unsaved)
        await wait_until(pilot, lambda: len(app.screen.forms) == 1)
    [form] = repo.snapshot().forms(cohort.id, 3)
    assert form.number == 1 and [a.rating for a in form.answers] == [5, 4, 3, 3, 5, 4, 4, 5]
    assert form.comments[0].text == "networking"


# ---------------------------------------------------------------------------- snapshots
def failing_write(monkeypatch, db_path: Path, keys: tuple[str, ...]):
    """run_before for a snapshot: the disk is full, a change is made, the banner shows."""

    async def run_before(pilot: Pilot) -> None:
        monkeypatch.chdir(db_path.parent.parent)  # the banner names data/lp-tui.json
        DiskFault(monkeypatch, db_path.parent, code=errno.ENOSPC)
        await pilot.pause()
        await pilot.press(*keys)
        await wait_until(pilot, lambda: pilot.app.unsaved >= 1)
        await steady(pilot)

    return run_before


COACH_KEYS = ("2", *"Listens before speaking", "enter", *"let Owen finish", "enter")
CHECKIN_KEYS = ("c", *"grace", "enter")


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_snapshot_coach_view_with_a_change_not_saved(
    coach_app, snap_compare, db_path, monkeypatch, size
) -> None:
    run_before = failing_write(monkeypatch, db_path, COACH_KEYS)
    assert snap_compare(coach_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_snapshot_check_in_with_a_change_not_saved(
    app, snap_compare, db_path, monkeypatch, size
) -> None:
    run_before = failing_write(monkeypatch, db_path, CHECKIN_KEYS)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


# ---------------------------------------------------------------------------- rotations
@pytest.mark.parametrize(("code", "words"), FAULTS[:2])
async def test_a_visit_note_changed_on_a_failing_disk_lands_once_as_a_revision(
    app: FacilitatorApp, repo, demo, db_path: Path, monkeypatch, code: int, words: str
) -> None:
    """A noted visit's note changed while the disk refuses: the app keeps running, the banner
    says why, nothing is written; once the disk takes it the change lands once, replacing the
    note it changed (one note stands), and hostile bytes typed into it arrive without them."""
    from textual import events
    from textual.widgets import Input

    from lp_tui.ui.screens.form_dialog import FormDialog
    from tests.app.test_rotations_screen import plan_it

    cohort, _ = demo
    async with app.run_test(size=LARGE) as pilot:
        await plan_it(pilot, app, repo)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        await type_keys(pilot, *"Asked about consent", "enter")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(repo.snapshot().presenter_feedback(cohort.id)) == 1)
        before = db_path.read_bytes()
        fault = DiskFault(monkeypatch, db_path.parent, code=code)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        app.screen.query(Input).first().value = ""
        await pilot.press("escape")  # nothing stored on cancel, fault or not
        await wait_until(pilot, lambda: not isinstance(app.screen, FormDialog))
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        app.screen.query(Input).first().value = ""
        app.post_message(events.Paste("and data\x1b[31m sharing\x07\u202e"))  # hostile bytes
        await wait_until(pilot, lambda: app.screen.query(Input).first().value != "")
        await pilot.press("enter", "enter")
        await wait_until(pilot, lambda: app.unsaved >= 1)
        assert words in banner_text(app)
        assert app.is_running and db_path.read_bytes() == before

        fault.clear()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.unsaved)
    every = repo.snapshot().presenter_feedback(cohort.id, every=True)
    [note] = repo.snapshot().presenter_feedback(cohort.id)
    assert len(every) == 2 and note.replaces == every[0].id
    assert note.text.startswith("and data") and not {"\x1b", "\x07", "\u202e"} & set(note.text)
