"""A form dialog on an SSH terminal (80x24) shows whole: its title, what it says above the
fields (the members' numbers) and every field at once, one row a field, with nothing to scroll."""

from __future__ import annotations

import pytest
from textual.containers import Vertical

from lp_tui.ui.screens.form_dialog import FormDialog
from tests.app.conftest import steady


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_coachs_peer_feedback_dialog_shows_whole(coach_app, size) -> None:
    async with coach_app.run_test(size=size) as pilot:
        await steady(pilot)
        await pilot.press("p")
        await steady(pilot)
        dialog = coach_app.screen
        assert isinstance(dialog, FormDialog)
        box = dialog.query_one(".dialog", Vertical)
        assert box.region.height <= size[1]
        assert box.max_scroll_y == 0  # nothing hidden below
        assert dialog.has_class("-short") is (size[1] < 32)
        hint = dialog.query_one(".dialog-hint")
        assert box.region.contains_region(hint.region)
