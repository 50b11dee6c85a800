"""The facilitator app on the demo cohort, with a fixed clock and no blinking cursor."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from datetime import UTC, timedelta

import pytest
import textual._wait
import textual.app
from rich.segment import Segment
from rich.style import Style
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.tokenize import Token, tokenize_values
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Input

from lp_tui.domain.clock import iso
from lp_tui.domain.model import RotationPlan, Seating, new_id
from lp_tui.domain.rotation_day import day_presenters, plan_day, rotation_item
from lp_tui.domain.seating import allocate_day
from lp_tui.domain.timers import AgendaEvent, EventKind
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.clock import ClockApp
from lp_tui.ui.coach import CoachApp
from lp_tui.ui.widgets.key_footer import KeyFooter, Placed
from tests.conftest import DEMO_MOMENT

SIZE = (120, 34)


# Every app a test starts parses the same stylesheets again (a quarter of a second each time,
# an eighth of the app tests' time). Parsing is pure: the same CSS with the same theme
# variables gives the same rules, so one process parses each once and every app reuses them.
_PARSED: dict[tuple, list] = {}
_parse_rules = Stylesheet._parse_rules
# The variables as a key, by the dict a stylesheet holds: a number for each set of variables
# (sorting ~150 names on every parse of every app, or hashing them on every lookup, cost more
# than the lookup it keyed); the dict is kept so its id stays its own.
_VARIABLES: dict[int, tuple[dict[str, str], int, int]] = {}
_NUMBERS: dict[tuple, int] = {}


def _variables_key(variables: dict[str, str]) -> int:
    known = _VARIABLES.get(id(variables))
    if known is None or known[0] is not variables or known[1] != len(variables):
        number = _NUMBERS.setdefault(tuple(sorted(variables.items())), len(_NUMBERS))
        known = _VARIABLES[id(variables)] = (variables, len(variables), number)
    return known[2]


def _parse_rules_once(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):  # type: ignore[no-untyped-def]
    key = (css, read_from, is_default_rules, tie_breaker, scope, _variables_key(self._variables))
    if key not in _PARSED:
        _PARSED[key] = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
    return _PARSED[key]


Stylesheet._parse_rules = _parse_rules_once  # type: ignore[method-assign]


# The theme's variables are tokenised again by each app's stylesheet, the first time a widget
# paints a style that names one ("$accent"): an app that opens and closes took 83 ms (median
# of 30, interleaved in one process), 77 ms without. Pure as parsing is, and Textual only
# reads the tokens (tuples, in lists): one process tokenises each set of variables once.
_TOKENS: dict[int, dict[str, list[Token]]] = {}


def _variable_tokens_once(self: Stylesheet) -> dict[str, list[Token]]:
    tokens = self._Stylesheet__variable_tokens  # type: ignore[attr-defined]
    if tokens is None:
        key = _variables_key(self._variables)
        if key not in _TOKENS:
            _TOKENS[key] = tokenize_values(self._variables)
        tokens = self._Stylesheet__variable_tokens = _TOKENS[key]  # type: ignore[attr-defined]
    return tokens


Stylesheet._variable_tokens = property(_variable_tokens_once)  # type: ignore[method-assign,assignment]


# A rule of a stylesheet hashes by identity through a method of Python (id(self)), and
# Stylesheet.apply hashes every rule for every node it styles: 4.5 million calls in a hundred
# app tests. object's own hash is the same identity hash, taken in C.
RuleSet.__hash__ = object.__hash__  # type: ignore[method-assign,assignment]


# A headless app (every app a test starts) paints each change of its screen and then throws
# the paint away: nothing is written, and no test reads it. Painting was a quarter of the app
# tests' CPU. What a test looks at is painted still: a snapshot paints the whole screen itself
# (App.export_screenshot), and so does any test that reads the screen. So that a paint error
# does not go unseen, what changed on a screen since it was last painted (Textual's own dirty
# regions, kept instead of dropped) is painted when another screen takes its place, and on the
# last screen as the app shuts down (after it quit itself, too): an error there fails the
# test. A screen a dialog covers shows behind it, and is painted with it. What is not painted
# is a frame in between; LP_TUI_TESTS_PAINT=every paints every frame as Textual does.
_compositor_refresh = Screen._compositor_refresh
_on_screen_suspend = Screen._on_screen_suspend
_shutdown = textual.app.App._shutdown


def _paints_less(app: textual.app.App) -> bool:
    return app.is_headless and not app.is_inline


def _paint_changes(screen: Screen) -> None:
    """What changed on the screen since its last paint, painted (Textual paints only what
    changed on a screen: the rest is drawn from each widget's cached lines); the top screen
    with the screens that show behind it."""
    if screen.is_attached and screen.size.area:
        app = screen.app
        behind = app._background_screens if screen is app.screen else None
        screen._compositor.render_update(screen_stack=behind)


def _refresh_unpainted(self: Screen) -> None:
    app = self.app
    if not (_paints_less(app) and self is app.screen):
        _compositor_refresh(self)
        return
    self._dirty_widgets.clear()  # the compositor keeps their regions, to paint later
    app._update_mouse_over(self)


def _suspend_painted(self: Screen) -> None:
    app = self.app
    if _paints_less(app) and self not in app._background_screens:
        _paint_changes(self)
    _on_screen_suspend(self)


async def _shutdown_painted(self: textual.app.App) -> None:
    try:
        if _paints_less(self) and self._exception is None and self.screen_stack:
            _paint_changes(self.screen)
    finally:
        await _shutdown(self)  # the app ends whatever the paint did; its error then fails


# Pilot waits for an app to go idle in slices of 20 ms (textual._wait): a slice in which the
# app used almost no CPU ends the wait. A press, a pause and a snapshot each wait at least one
# slice, so an app test slept most of its time away. Slices of 5 ms ask the same question
# (did the app work in the last slice?) four times as often.
textual._wait.SLEEP_GRANULARITY = 1 / 200
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20.0


if os.environ.get("LP_TUI_TESTS_PAINT") != "every":
    Screen._compositor_refresh = _refresh_unpainted  # type: ignore[method-assign]
    Screen._on_screen_suspend = _suspend_painted  # type: ignore[method-assign]
    textual.app.App._shutdown = _shutdown_painted  # type: ignore[method-assign]


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


def store_tables(repo, demo, clock, day: int):
    """A day's tables, allocated (seed 1) and stored; the allocation made."""
    cohort, people = demo
    allocation, how = allocate_day(people, {}, [], [], day, seed=1)
    repo.add_seating(Seating(new_id(), cohort.id, day, iso(clock.now()), how, allocation.tables, 1))
    return allocation


@pytest.fixture
def seated(repo, demo, clock):
    """Day 2's tables, allocated and stored."""
    return store_tables(repo, demo, clock, 2)


@pytest.fixture
def coach_app(repo, demo, programme, clock, seated) -> CoachApp:
    """The coach of Day 2's third table, following the live day."""
    cohort, _ = demo
    return CoachApp(
        repo,
        cohort.id,
        programme,
        clock=clock,
        tz=UTC,
        poll_seconds=0.1,
        coach_id=seated.tables[2].coach,
    )


@pytest.fixture
def rotation(repo, demo, programme, seated, clock) -> RotationPlan:
    """Day 2's rotation planned and stored (its agenda item not started)."""
    cohort, people = demo
    item = rotation_item(programme.day(2))
    assert item is not None
    plan = plan_day(
        plan_id=new_id(),
        cohort=cohort.id,
        day=2,
        at=iso(clock.now()),
        item=item,
        presenters=day_presenters(people, item),
        marks={},
        tables=[t.number for t in seated.tables],
    )
    repo.add_rotation(plan)
    return plan


# A wait for a condition looks again every 10 ms, 4 s at most.
STEP = 0.01
TRIES = round(4 / STEP)


async def wait_until(pilot: Pilot, condition: Callable[[], object], seconds: float = 4) -> None:
    """Pause in steps of 10 ms until ``condition()`` holds (``seconds`` at most, then fail)."""
    for _ in range(round(seconds / STEP)):
        await pilot.pause(STEP)
        if condition():
            return
    raise AssertionError("the condition never held")


async def wait_stored(pilot: Pilot, condition: Callable[[], object]) -> None:
    """Pause until ``condition()`` holds (of the database, say) and every change made in the
    app has landed: a write reaches the database a turn before the app hears it landed and
    says so. The store's read that follows runs in a worker; a test that needs the screen to
    show it waits for what it shows. 4 s at most for each."""
    await wait_until(pilot, condition)
    await wait_until(pilot, lambda: not pilot.app.writes_waiting)
    await pilot.pause()


def messages(app: textual.app.App) -> list[str]:
    """The notifications the app shows now, as text."""
    return [str(note.message) for note in app._notifications]


async def wait_for_message(pilot: Pilot, message: str, *, part: bool = False) -> None:
    """Pause until the app shows ``message`` (with part=True: a message holding it); 4 s at
    most, then fail saying what it shows. A change says it is saved once its write has landed:
    the database has it a turn before the app has said so, so a test that waited for the
    database waits for the words too."""
    for _ in range(TRIES):
        await pilot.pause(STEP)
        if any(message in shown if part else message == shown for shown in messages(pilot.app)):
            return
    raise AssertionError(f"never shown: {message!r}; shown: {messages(pilot.app)}")


async def type_keys(pilot: Pilot, *keys: str) -> None:
    """Text typed into one field, sent as a terminal sends typed text: once the app is idle
    (a dialog just opened has its focus), one character after the other, then one wait for the
    app. Pilot.press waits for the app to go idle twice after every key: 40 ms at the least,
    more on a busy machine, so a sentence took seconds. Each key is still the key event
    Pilot.press makes, in order.

    Characters only, and one other key last (enter, ctrl+o, escape...): a key bound by the
    screen or the app is acted on once it has bubbled up to them, behind the characters typed
    after it, so it goes through pilot.press. (A field's own editing keys, backspace or ctrl+u,
    are taken in order: tests/app/test_typed_in_order.py sends those in bursts.)"""
    assert all(len(key) == 1 for key in keys[:-1]), f"characters only, then one key: {keys}"
    await pilot.pause()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textual.app, "wait_for_idle", _next_turn)  # awaited between two keys
        await pilot.press(*keys)
    await pilot.pause()


async def _next_turn(*_: object, **__: object) -> None:
    await asyncio.sleep(0)


async def steady(pilot: Pilot) -> None:
    """Stop the cursor blinking and let every pending refresh land."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()


def footer_shown(app: textual.app.App) -> tuple[list[Placed], Placed]:
    """The footer's keys where it draws them and its palette key (^p) at the right, each
    checked against the screen as painted: what a key's place says is what the row shows."""
    footer = app.screen.query_one(KeyFooter)
    keys, palette = footer.placed()
    assert palette is not None
    row = footer_row(app)
    left = footer.region.x

    def painted(spot: Placed) -> str:
        return row.crop(left + spot.x, left + spot.x + spot.width).text

    for spot in keys:
        item = spot.item
        label = f"{item.shown} {item.description}" if item.description else item.shown
        assert painted(spot) == Strip([Segment(label)]).crop(0, spot.width).text, label
    palette_label = f"▏{palette.item.shown} {palette.item.description}"
    assert painted(palette) == Strip([Segment(palette_label)]).crop(0, palette.width).text
    return keys, palette


def footer_row(app: textual.app.App) -> Strip:
    """The footer's line as the screen is painted now."""
    return app.screen._compositor.render_strips()[app.screen.query_one(KeyFooter).region.y]


def painted_style(app: textual.app.App, x: int) -> Style:
    """The style the footer's cell ``x`` is painted in."""
    left = app.screen.query_one(KeyFooter).region.x
    return next(iter(footer_row(app).crop(left + x, left + x + 1))).style or Style()


def footer_keys(app: textual.app.App) -> set[str]:
    """The keys the footer of the screen shown draws (the palette's aside)."""
    keys = app.screen.query_one(KeyFooter).placed()[0]
    return {spot.item.key for spot in keys if spot.width}
