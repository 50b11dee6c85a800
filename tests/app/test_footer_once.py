"""A screen's footer has its keys from its first compose (lp_tui/ui/widgets/key_footer.py):
it is composed again only when the keys change afterwards (a day falling behind adds "Give
back"), not once more as each screen starts."""

from __future__ import annotations

from datetime import UTC
from unittest import mock

from lp_tui.domain.timers import EventKind
from lp_tui.ui.widgets.key_footer import KeyFooter
from tests.app.conftest import SIZE, steady

# The behaviours screen offers its keys once its list is read, after it is composed.
KEYS_AFTER_COMPOSE = {"BehavioursScreen"}


def keys(screen) -> set[str]:
    return {key.key for key in screen.query_one(KeyFooter).children}  # type: ignore[attr-defined]


def recomposed():
    """Counts the footers composed again (each call's first argument is the footer)."""
    return mock.patch.object(KeyFooter, "recompose", autospec=True, side_effect=KeyFooter.recompose)


async def test_the_agenda_starts_with_its_keys_and_no_second_footer(app) -> None:
    with recomposed() as again:
        async with app.run_test(size=SIZE) as pilot:
            await steady(pilot)
            assert {"space", "n", "s"} <= keys(app.screen)
            assert "g" not in keys(app.screen)
    assert again.call_count == 0


async def test_a_day_already_behind_starts_with_give_back(
    repo, demo, programme, log_agenda, clock
) -> None:
    from lp_tui.ui.app import FacilitatorApp

    log_agenda((EventKind.START, "welcome", 0))
    clock.advance(40 * 60)
    app = FacilitatorApp(repo, demo[0].id, programme, clock=clock, tz=UTC)  # reads them
    with recomposed() as again:
        async with app.run_test(size=SIZE) as pilot:
            await steady(pilot)
            assert "g" in keys(app.screen)
    assert again.call_count == 0


async def test_a_day_falling_behind_adds_give_back(app, log_agenda, clock) -> None:
    log_agenda((EventKind.START, "welcome", 0))
    async with app.run_test(size=SIZE) as pilot:
        await steady(pilot)
        assert "g" not in keys(app.screen)
        clock.advance(40 * 60)
        app.screen.tick()  # type: ignore[attr-defined]
        await steady(pilot)
        assert "g" in keys(app.screen)


async def test_every_screen_opens_with_its_footer_composed_once(app) -> None:
    again: list[str] = []
    recompose = KeyFooter.recompose

    async def counted(footer: KeyFooter) -> None:
        again.append(type(footer.screen).__name__)
        await recompose(footer)

    with mock.patch.object(KeyFooter, "recompose", counted):
        async with app.run_test(size=SIZE) as pilot:
            for mode in app.MODES:
                await app.switch_mode(mode)
                await steady(pilot)
                footer = app.screen.query_one(KeyFooter)
                assert footer.children, mode
                assert footer._shown == footer._keys_shown(), mode  # the keys to show now
                shown = {b.key for _, b, _, _ in app.screen.active_bindings.values() if b.show}
                assert keys(app.screen) <= shown | {app.COMMAND_PALETTE_BINDING}, mode
    assert set(again) <= KEYS_AFTER_COMPOSE


async def test_the_coach_view_starts_with_its_keys_and_no_second_footer(coach_app) -> None:
    with recomposed() as again:
        async with coach_app.run_test(size=SIZE) as pilot:
            await steady(pilot)
            assert keys(coach_app.screen)
    assert again.call_count == 0
