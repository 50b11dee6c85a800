"""The facilitator app on the demo cohort, with a fixed clock and no blinking cursor."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from lp_tui.domain.clock import iso
from lp_tui.domain.model import Seating, new_id
from lp_tui.domain.seating import allocate_day
from lp_tui.domain.timers import AgendaEvent, EventKind
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.clock import ClockApp
from tests.conftest import DEMO_MOMENT

SIZE = (120, 34)


@pytest.fixture
def app(repo, demo, programme, clock) -> FacilitatorApp:
    cohort, _ = demo
    return FacilitatorApp(repo, cohort.id, programme, clock=clock, tz=UTC, poll_seconds=0.1)


@pytest.fixture
def clock_app(repo, demo, programme, clock) -> ClockApp:
    cohort, _ = demo
    return ClockApp(repo, cohort.id, programme, day=2, clock=clock, tz=UTC, poll_seconds=0.1)


@pytest.fixture
def log_agenda(repo, demo):
    """Store agenda events of Day 2 at minutes after 09:30 on the demo's Day 2."""
    cohort, _ = demo

    def log(*steps: tuple[EventKind, str, float] | tuple[EventKind, str, float, dict]) -> None:
        events = []
        for step in steps:
            kind, item, minute = step[:3]
            extra = step[3] if len(step) > 3 else {}
            moment = DEMO_MOMENT + timedelta(minutes=minute)
            events.append(AgendaEvent(new_id(), cohort.id, 2, kind, item, iso(moment), **extra))
        repo.add_agenda_events(events)

    return log


@pytest.fixture
def seated(repo, demo, clock):
    """Day 2's tables, allocated and stored."""
    cohort, people = demo
    allocation, how = allocate_day(people, {}, [], [], 2, seed=1)
    repo.add_seating(Seating(new_id(), cohort.id, 2, iso(clock.now()), how, allocation.tables, 1))
    return allocation


async def steady(pilot: Pilot) -> None:
    """Stop the cursor blinking and let every pending refresh land."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()
