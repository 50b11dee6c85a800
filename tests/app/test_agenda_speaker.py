"""k names the speaker of the highlighted agenda item; w records the speaker's own feedback."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from lp_tui.domain.model import FeedbackKind, Role
from lp_tui.domain.timers import EventKind
from lp_tui.ui.screens.agenda import AgendaScreen
from lp_tui.ui.screens.form_dialog import FormDialog
from tests.app.conftest import SIZE, messages, steady, type_keys, wait_until
from tests.app.test_agenda_screen import row, settle

WIDE = (180, 34)  # every agenda column in view, the Note column with room for a whole name


def facilitator(demo):
    return next(p for p in demo[1] if p.role is Role.FACILITATOR)


async def name_speaker(app, pilot, typed: str) -> None:
    await pilot.press("k")
    await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
    await pilot.press("ctrl+u")
    await type_keys(pilot, *typed, "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, AgendaScreen))


async def test_k_names_someone_on_the_roster_as_the_items_speaker(app, repo, demo) -> None:
    person = facilitator(demo)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("down")
        await name_speaker(app, pilot, person.name.lower())  # case does not matter
        await settle(pilot, app, repo, 1)
        [event] = repo.snapshot().agenda_events(app.cohort_id, app.day)
        assert (event.kind, event.person, event.text) == (EventKind.SPEAKER, person.id, "")
        assert event.item == app.screen.clock.items[1].key
        await wait_until(pilot, lambda: row(app, 1)[7] == f"speaker: {person.name}")


async def test_k_names_a_guest_not_on_the_roster_and_ctrl_z_undoes_it(app, repo) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await name_speaker(app, pilot, "Dr Ada Guest")
        await settle(pilot, app, repo, 1)
        [event] = repo.snapshot().agenda_events(app.cohort_id, app.day)
        assert (event.person, event.text) == ("", "Dr Ada Guest")
        await wait_until(pilot, lambda: row(app, 0)[7] == "speaker: Dr Ada Guest")
        await pilot.press("ctrl+z")
        await settle(pilot, app, repo, 2)
        await wait_until(pilot, lambda: row(app, 0)[7] == "")


async def test_part_of_a_roster_name_is_kept_as_a_guest_and_the_app_asks_who_was_meant(
    app, repo, demo
) -> None:
    person = facilitator(demo)
    part = person.name.split()[-1][:4].lower()  # the start of their surname
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await name_speaker(app, pilot, part)
        await settle(pilot, app, repo, 1)
        [event] = repo.snapshot().agenda_events(app.cohort_id, app.day)
        assert (event.person, event.text) == ("", part)  # nothing linked behind their back
        await wait_until(pilot, lambda: any(person.name in m for m in messages(app)))
        [asked] = [m for m in messages(app) if person.name in m]
        assert asked.startswith(f"“{part}” is kept as a guest. On the roster: ")


async def test_w_records_the_speakers_own_feedback_like_a_presenters(app, repo, demo) -> None:
    person = facilitator(demo)
    async with app.run_test(size=SIZE) as pilot:
        await name_speaker(app, pilot, person.name)
        await settle(pilot, app, repo, 1)
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        await type_keys(pilot, *"went well", "enter")
        await wait_until(pilot, lambda: repo.snapshot().presenter_feedback(app.cohort_id, 2))
        [said] = repo.snapshot().presenter_feedback(app.cohort_id, app.day)
        assert (said.presenter, said.kind, said.text) == (
            person.id,
            FeedbackKind.PRESENTER,
            "went well",
        )


async def test_w_without_a_speaker_asks_for_one_first(app, repo) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert any("speaker first" in n.message for n in app._notifications)
        assert not repo.snapshot().presenter_feedback(app.cohort_id, app.day)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_the_speaker_dialog(app, snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.screen.query_one("#agenda", DataTable).move_cursor(row=1)
        await pilot.press("k")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormDialog))
        await type_keys(pilot, *"Dr Ada")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_the_speaker_feedback_dialog(app, log_agenda, snap_compare, size) -> None:
    log_agenda((EventKind.SPEAKER, "welcome", 0, {"text": "Dr Ada Guest"}))

    async def run_before(pilot) -> None:
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormDialog))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
