"""A tick that finds the same level restyles nothing: the facilitator's now panel and the
projector clock change a class only when the level changes (running -> amber -> over), and
update only the lines whose text changed."""

from __future__ import annotations

from datetime import UTC
from unittest import mock

from textual.dom import DOMNode
from textual.widgets import Digits, Label, Static

from lp_tui.domain.timers import EventKind
from lp_tui.ui.widgets.now_panel import NowPanel
from tests.app.conftest import SIZE, steady


def restyles(widget: DOMNode) -> mock.MagicMock:
    return mock.patch.object(widget, "update_node_styles", wraps=widget.update_node_styles)


async def test_the_now_panel_restyles_only_when_the_level_changes(app, clock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")  # the first item (15 min) runs
        await steady(pilot)
        panel = app.screen.query_one(NowPanel)
        assert panel.has_class("-ok")
        with restyles(panel) as counted:
            for _ in range(6):
                clock.advance(1)
                panel.show(app.day_clock(app.screen.events))  # type: ignore[attr-defined]
            assert counted.call_count == 0
            clock.advance(14 * 60 - 6)  # into the last minutes: amber
            panel.show(app.day_clock(app.screen.events))  # type: ignore[attr-defined]
            assert counted.call_count == 1
        assert panel.has_class("-amber") and not panel.has_class("-ok")


async def test_unchanged_lines_are_not_updated(app, clock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await steady(pilot)
        panel = app.screen.query_one(NowPanel)
        title = panel.query_one("#now-title", Label)
        shape = panel.query_one("#day-shape", Static)
        digits = panel.query_one("#countdown", Digits)
        with (
            mock.patch.object(title, "update", wraps=title.update) as titled,
            mock.patch.object(shape, "update", wraps=shape.update) as shaped,
            mock.patch.object(digits, "update", wraps=digits.update) as counted,
        ):
            for _ in range(4):  # four ticks in one second: the same text everywhere
                panel.show(app.day_clock(app.screen.events))  # type: ignore[attr-defined]
            clock.advance(1)
            panel.show(app.day_clock(app.screen.events))  # type: ignore[attr-defined]
        assert titled.call_count == 0 and shaped.call_count == 0
        assert counted.call_count == 1  # the countdown moved on one second


async def test_the_projector_restyles_only_when_the_level_changes(clock_app, repo, clock) -> None:
    from lp_tui.ui.app import FacilitatorApp

    facilitator = FacilitatorApp(
        repo, clock_app.cohort_id, clock_app.programme, clock=clock, tz=clock_app.tz
    )
    async with facilitator.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await steady(pilot)
    async with clock_app.run_test(size=SIZE) as pilot:
        await steady(pilot)
        face = clock_app.screen.query_one("#clock-face")
        assert face.has_class("-ok")
        with restyles(face) as counted:
            for _ in range(6):
                clock.advance(1)
                clock_app.screen.tick()  # type: ignore[attr-defined]
            assert counted.call_count == 0
            clock.advance(15 * 60)  # past the end: over
            clock_app.screen.tick()  # type: ignore[attr-defined]
            assert counted.call_count == 1
        assert face.has_class("-over")


async def test_the_now_panel_starts_with_its_classes(
    repo, demo, programme, clock, seated, log_agenda
) -> None:
    """The first frame shows the level (and the compact panel of a small terminal) without
    restyling the panel: the classes are there when it is mounted."""
    from lp_tui.ui.app import FacilitatorApp
    from lp_tui.ui.coach import CoachApp

    log_agenda((EventKind.START, "welcome", 0))
    clock.advance(14 * 60)  # into the first item's last minutes: amber
    cohort = demo[0].id
    apps = [
        (FacilitatorApp(repo, cohort, programme, clock=clock, tz=UTC), (80, 24)),
        (
            CoachApp(repo, cohort, programme, clock=clock, tz=UTC, coach_id=seated.tables[2].coach),
            SIZE,
        ),
    ]
    panels: list[DOMNode] = []
    update = DOMNode.update_node_styles

    def counted(node: DOMNode, animate: bool = True) -> None:
        if isinstance(node, NowPanel):
            panels.append(node)
        update(node, animate)

    with mock.patch.object(DOMNode, "update_node_styles", counted):
        for started, size in apps:
            async with started.run_test(size=size) as pilot:
                await pilot.pause()
                panel = started.screen.query_one(NowPanel)
                assert panel.has_class("-amber")
                assert panel.has_class("-compact") is (size == (80, 24))
    assert panels == []
