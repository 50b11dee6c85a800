"""The facilitator app on the demo cohort, with a fixed clock and no blinking cursor."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from lp_tui.ui.app import FacilitatorApp

SIZE = (120, 34)


@pytest.fixture
def app(repo, demo, programme, clock) -> FacilitatorApp:
    cohort, _ = demo
    return FacilitatorApp(repo, cohort.id, programme, clock=clock, poll_seconds=0.1)


async def steady(pilot: Pilot) -> None:
    """Stop the cursor blinking and let every pending refresh land."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()
