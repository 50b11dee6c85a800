"""``r`` in coach mode: the coach's reflection on the day, stored and shown again."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import TextArea

from lp_tui.domain.clock import iso
from lp_tui.domain.model import new_id
from lp_tui.domain.reflection import Reflection, standing_reflection
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.reflection_dialog import ReflectionDialog
from tests.app.conftest import SIZE, steady, type_keys, wait_stored, wait_until


def area(pilot: Pilot) -> TextArea:
    return pilot.app.screen.query_one("#reflection-text", TextArea)


async def test_a_reflection_is_written_stored_and_shown_again(
    coach_app, repo, demo, seated
) -> None:
    cohort = demo[0].id
    coach = seated.tables[2].coach
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(coach_app.screen, ReflectionDialog)
        assert area(pilot).text == ""
        await type_keys(pilot, *"Quiet start", "enter")
        await type_keys(pilot, *"Owen found his voice", "ctrl+o")
        await wait_stored(pilot, lambda: repo.snapshot().reflections(cohort))
        [stored] = repo.snapshot().reflections(cohort)
        assert (stored.day, stored.by, stored.replaces) == (2, coach, "")
        assert stored.text == "Quiet start\nOwen found his voice"
        assert not isinstance(coach_app.screen, ReflectionDialog)

        await pilot.press("r")  # reopened: today's reflection, ready to rewrite
        await pilot.pause()
        assert area(pilot).text == stored.text
        await type_keys(pilot, *" (and Ann)", "ctrl+o")
        await wait_until(pilot, lambda: len(repo.snapshot().reflections(cohort)) == 2)
        first, second = repo.snapshot().reflections(cohort)
        assert second.replaces == first.id
        assert second.text == "Quiet start\nOwen found his voice (and Ann)"
        now = standing_reflection(repo.snapshot().reflections(cohort), 2, coach)
        assert now == second


async def test_escape_and_an_empty_text_store_nothing(coach_app, repo, demo) -> None:
    cohort = demo[0].id
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+o")  # nothing written: the dialog says so and stays
        await pilot.pause()
        assert isinstance(coach_app.screen, ReflectionDialog)
        problem = str(coach_app.screen.query_one("#reflection-problem").render())
        assert "Write something" in problem
        await type_keys(pilot, *"half a thought", "escape")
        await pilot.pause()
        assert isinstance(coach_app.screen, Confirm)  # what was typed would be lost: asked
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(coach_app.screen, ReflectionDialog)
        assert area(pilot).text == "half a thought"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(coach_app.screen, (ReflectionDialog, Confirm))
        await pilot.pause(0.3)
        assert repo.snapshot().reflections(cohort) == []
        await pilot.press("r")  # nothing typed: escape closes at once
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(coach_app.screen, (ReflectionDialog, Confirm))


async def open_reflection(pilot: Pilot) -> None:
    await pilot.press("r")
    await pilot.pause()
    for box in pilot.app.screen.query(TextArea):
        box.cursor_blink = False
    await steady(pilot)


def _stored(repo, demo, seated, clock) -> None:
    repo.add_reflection(
        Reflection(
            new_id(),
            demo[0].id,
            2,
            seated.tables[2].coach,
            "A quiet start; Owen found his voice after the break.\n"
            "Tomorrow: pairs first, then the whole table.",
            iso(clock.now()),
        )
    )


def test_snapshot_reflection_dialog_80x24(
    coach_app, snap_compare, repo, demo, seated, clock
) -> None:
    _stored(repo, demo, seated, clock)
    assert snap_compare(coach_app, terminal_size=(80, 24), run_before=open_reflection)


def test_snapshot_reflection_dialog_120x40(
    coach_app, snap_compare, repo, demo, seated, clock
) -> None:
    _stored(repo, demo, seated, clock)
    assert snap_compare(coach_app, terminal_size=(120, 40), run_before=open_reflection)


async def test_a_reflection_not_saved_is_kept_under_the_banner_and_lands_once(
    coach_app, repo, demo, db_path, monkeypatch
) -> None:
    import errno

    from tests.app.test_write_faults import banner_text
    from tests.helpers.faults import DiskFault

    cohort = demo[0].id
    async with coach_app.run_test(size=(120, 40)) as pilot:
        fault = DiskFault(monkeypatch, db_path.parent, code=errno.ENOSPC)
        await pilot.press("r")
        await pilot.pause()
        await type_keys(pilot, *"A long day, well spent", "ctrl+o")
        await wait_until(pilot, lambda: coach_app.unsaved == 1)
        assert "A long day, well spent" in banner_text(coach_app)
        assert repo.snapshot().reflections(cohort) == []
        fault.clear()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not coach_app.unsaved)
    [stored] = repo.snapshot().reflections(cohort)
    assert stored.text == "A long day, well spent"
