"""``lp-tui clock``: the projector's view of the current item. Read-only; follows the store,
and (without --day) the live day. During a rotation it shows the round clock and when to move."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Label, ProgressBar, Static

from lp_tui.domain.live_round import big_seconds, live_round, projector_words
from lp_tui.domain.model import RotationPlan
from lp_tui.domain.timers import AgendaEvent, countdown, status_words, time_words
from lp_tui.ui.live import LiveApp
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.theme import HIGH_CONTRAST
from lp_tui.ui.widgets.big_digits import BigDigits
from lp_tui.ui.widgets.big_text import BigText
from lp_tui.ui.widgets.now_panel import level_of, show_level, show_progress, show_text

TICK_SECONDS = 0.25
KEYS = "ctrl+q quit · f2 high contrast on/off"
SHORT_KEYS = "ctrl+q quit · f2 contrast"
BAR_LEAST = 20  # the progress bar is as wide as the digits, and never narrower than this


def show_words(words: BigText, text: str) -> None:
    """Set ``words`` to ``text``; the screen is laid out again only when the words take more or
    fewer lines (the status changes every second, its height seldom: a layout redraws all)."""
    if words.value == text:
        return
    width = words.size.width
    if not width:
        words.update(text)
        return
    before = len(words.shown_lines(width))
    words.set_reactive(BigText.value, text)
    words.refresh(layout=len(words.shown_lines(width)) != before)


def fit_bar(bar: ProgressBar, digits: BigDigits) -> None:
    """The progress bar spans the digits (on a projector's wide screen, not a stub under
    them); the stylesheet's max-width keeps it on the screen."""
    drawn = digits.drawn_width()
    if not drawn:
        return
    width = max(BAR_LEAST, drawn)
    if bar.styles.width is None or bar.styles.width.value != width:
        bar.styles.width = width


class ClockScreen(QuietScreen):
    app: ClockApp

    # On a short screen the day's heading, the bar and what comes next give way, then the
    # space between lines, so the time, the item and its status are always whole on screen.
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-h-tiny"),
        (14, "-h-short"),
        (24, "-h-full"),
        (30, "-h-tall"),  # from here a rotation's extra line keeps the spacing too
    ]

    def __init__(self) -> None:
        super().__init__()
        self.events: list[AgendaEvent] = []
        self.plans: list[RotationPlan] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="clock-face"):
            yield Label(id="clock-day", markup=False)
            yield BigText(id="clock-title", most=2, plain_most=2)  # the time has the room
            yield BigDigits(id="clock-digits")
            with Center(id="clock-bar"):
                yield ProgressBar(id="clock-progress", show_eta=False, show_percentage=False)
            yield BigText(id="clock-status", most=1)
            yield Label(id="clock-round", markup=False)
            yield Label(id="clock-next", markup=False)
        yield Static(id="clock-keys")

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._events_changed)
        self.set_interval(TICK_SECONDS, self.tick)

    def on_resize(self, event: Resize) -> None:
        """The keys in words, shorter where the whole line would be cut."""
        text = KEYS if event.size.width >= cell_len(KEYS) else SHORT_KEYS
        self.query_one("#clock-keys", Static).update(text)

    def on_big_digits_resized(self) -> None:
        fit_bar(self.query_one("#clock-progress", ProgressBar), self.query_one(BigDigits))

    def _events_changed(self) -> None:
        heading = self.app.day_heading()
        self.query_one("#clock-day", Label).update(f"{self.app.cohort.name} · {heading}")
        self.events = self.app.agenda_events()
        self.plans = self.app.snapshot.rotations(self.app.cohort_id, self.app.day)
        self.tick()

    def tick(self) -> None:
        """Four times a second: only what changed is updated (a class, a line, the digits),
        so an idle projector costs little."""
        clock = self.app.day_clock(self.events)
        current = clock.current
        face = self.query_one("#clock-face")
        show_level(face, level_of(clock))
        sign, word = status_words(clock)
        bar = self.query_one("#clock-progress", ProgressBar)
        title = self.query_one("#clock-title", BigText)
        digits = self.query_one("#clock-digits", BigDigits)
        rotation = live_round(self.app.plan, self.plans, clock)
        # In a round or a changeover the room needs that time large (when to move), and the
        # words under it say so (projector_words); the item's own time goes to the small line.
        round_seconds = big_seconds(rotation) if rotation is not None else None
        shown = len(digits.value)
        if current is None:
            show_words(title, "Thank you: the day is done")
            digits.update("00:00")
            show_progress(bar, 1, 1)
        else:
            show_words(title, current.title)
            seconds = current.remaining_seconds if round_seconds is None else round_seconds
            digits.update(countdown(seconds))
            allotted = max(1, current.allotted_seconds)
            # whole seconds: the bar moves with the digits, not at every tick between them
            show_progress(bar, allotted, min(int(current.running_seconds), allotted))
        if len(digits.value) != shown:  # an hour or more takes more digits (a resize: Resized)
            fit_bar(bar, digits)
        status, round_line = projector_words(f"{sign} {word}  {time_words(clock)}", rotation)
        show_words(self.query_one("#clock-status", BigText), status)
        round_label = self.query_one("#clock-round", Label)
        if round_label.display != (rotation is not None):
            round_label.display = rotation is not None
        if face.has_class("-rotation") != (rotation is not None):
            face.set_class(rotation is not None, "-rotation")
        moving = rotation is not None and rotation.moving
        if face.has_class("-move") != moving:
            face.set_class(moving, "-move")
        if rotation is not None:
            show_text(round_label, round_line)
        following = clock.next
        show_text(
            self.query_one("#clock-next", Label), f"Next: {following.title}" if following else ""
        )


class ClockApp(LiveApp):
    """Full screen, read-only: no key changes anything but the theme."""

    CSS_PATH = "clock.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f2", "toggle_contrast", "Contrast"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # a projector washes colours out: black, white and bright yellow from the start
        # (every text at least 4.5:1 against its background); f2 for the usual colours
        self.theme = HIGH_CONTRAST.name

    def get_default_screen(self) -> Screen[None]:
        return ClockScreen()
