from __future__ import annotations

import pytest

from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.screens.evaluation import EvaluationScreen
from tests.app.conftest import SIZE, steady
from tests.app.test_tables_screens import wait_until
from tests.unit.test_tally import FIXTURE


@pytest.fixture
def app(repo, demo, programme, clock):  # the evaluation form is Day 3's
    from datetime import UTC

    return FacilitatorApp(repo, demo[0].id, programme, day=3, clock=clock, tz=UTC, poll_seconds=0.1)


async def open_day3(app, pilot) -> None:
    await pilot.press("e")
    assert isinstance(app.screen, EvaluationScreen)


async def test_a_form_is_keyed_one_keystroke_an_answer(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_day3(app, pilot)
        await pilot.press("5", "4", "b", "3", "5", "0", "4", "5")
        await pilot.pause()
        await pilot.press(*"networking", "enter")
        await wait_until(pilot, lambda: repo.snapshot().forms(app.cohort_id, 3))
        [form] = repo.snapshot().forms(app.cohort_id, 3)
        assert form.number == 1
        assert [a.rating for a in form.answers] == [5, 4, None, 3, 5, None, 4, 5]
        assert form.comments[0].text == "networking"
        assert "Form 2" in str(app.screen.query_one("#form-title").render())


async def test_backspace_goes_back_a_question(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_day3(app, pilot)
        await pilot.press("5", "4", "backspace", "3")
        await pilot.pause()
        assert app.screen.answers == [5, 3]


async def test_a_second_keying_flags_differences(app, repo) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_day3(app, pilot)
        await pilot.press(*"54335445", "enter")
        await wait_until(pilot, lambda: repo.snapshot().forms(app.cohort_id, 3))
        await pilot.press("V", *"54345445", "enter")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Other guest speakers: stored 3, keyed 4" in m for m in messages)
        assert len(repo.snapshot().forms(app.cohort_id, 3)) == 1


def test_snapshot_form_entry_and_tally(app, run_cli, snap_compare) -> None:
    run_cli("ratings", "import", str(FIXTURE), "--day", "3")

    async def run_before(pilot) -> None:
        await open_day3(pilot.app, pilot)
        await pilot.press("5", "4", "b")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
