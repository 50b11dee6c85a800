"""The current item, large: title, big countdown, progress, what comes next, the day's shape;
during a rotation, its round clock too."""

from __future__ import annotations

from datetime import tzinfo

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Digits, Label, ProgressBar, Static

from lp_tui.domain.clock import clock_time
from lp_tui.domain.timers import (
    DayClock,
    DayState,
    Level,
    countdown,
    drift_words,
    status_words,
    time_words,
)

LEVEL_CLASSES = {level: f"-{level.value}" for level in Level}
# Below either, the panel is compact: no big digits (the time is in words on the status line).
COMPACT_WIDTH = 100
COMPACT_HEIGHT = 26  # a full panel and a day of 14 items fit in 26 lines


def compact_for(size: Size) -> bool:
    """Whether a screen of ``size`` (80x24 over SSH, say) shows the panel compact."""
    return size.width < COMPACT_WIDTH or size.height < COMPACT_HEIGHT


def level_of(clock: DayClock) -> Level:
    """How the clock's current item stands against its time (idle when nothing runs)."""
    current = clock.current
    return current.level if current else Level.IDLE


def show_level(widget: Widget, level: Level) -> None:
    """Give ``widget`` the class of ``level`` and none of the others' (one restyle when the
    level changes, none when a tick finds it the same)."""
    wanted = LEVEL_CLASSES[level]
    stale = [name for name in LEVEL_CLASSES.values() if name != wanted and widget.has_class(name)]
    if widget.has_class(wanted) and not stale:
        return
    widget.remove_class(*stale, update=False)
    widget.add_class(wanted, update=False)
    widget.update_node_styles()


def show_digits(digits: Digits, text: str) -> None:
    if digits.value != text:
        digits.update(text)


def show_progress(bar: ProgressBar, total: float, progress: float) -> None:
    if bar.total != total or bar.progress != progress:
        bar.update(total=total, progress=progress)


def show_text(widget: Label | Static, text: str) -> None:
    """Update a label only when its text changed, and lay the screen out again only when its
    length changed: a layout redraws every widget (the agenda's whole table), and from one
    second to the next a countdown changes its digits, not its length or its lines."""
    shown = widget.content
    if shown != text:
        widget.update(text, layout=not isinstance(shown, str) or len(shown) != len(text))


class NowPanel(Vertical):
    """Shows one DayClock; the screen calls ``show`` on every tick."""

    DEFAULT_CSS = """
    NowPanel #now-round, NowPanel #now-visitors {
        display: none;
    }
    NowPanel.-rotation #now-round, NowPanel.-rotation #now-visitors {
        display: block;
    }
    NowPanel.-rotation #day-shape {
        display: none;
    }
    NowPanel #now-round {
        text-style: bold;
    }
    NowPanel.-move {
        border: heavy $warning;
    }
    NowPanel.-move #now-round {
        color: $warning;
    }
    NowPanel.-compact #now-clock {
        display: none;
    }
    """

    def __init__(
        self,
        tz: tzinfo,
        *,
        clock: DayClock | None = None,
        compact: bool = False,
        id: str | None = None,
    ) -> None:
        """``clock`` and ``compact``: the level and size the first frame shows, as classes from
        the start (a class changed once the panel is mounted restyles all of it). A rotation's
        classes are set by the first ``show``."""
        classes = [LEVEL_CLASSES[level_of(clock)]] if clock is not None else []
        if compact:
            classes.append("-compact")
        super().__init__(id=id, classes=" ".join(classes))
        self.tz = tz

    def compose(self) -> ComposeResult:
        yield Label(id="now-title", markup=False)
        with Horizontal(id="now-body"):
            with Vertical(id="now-clock"):
                yield Digits(id="countdown")
                yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
            with Vertical(id="now-side"):
                yield Static(id="now-status")
                yield Static(id="now-round", markup=False)
                yield Static(id="now-visitors", markup=False)
                yield Static(id="now-next", markup=False)
                yield Static(id="day-shape")

    def show(
        self, clock: DayClock, rotation: tuple[str, str] | None = None, *, moving: bool = False
    ) -> None:
        """``rotation``: the round clock in words and who visits, while a rotation runs."""
        self.set_class(rotation is not None, "-rotation")
        self.set_class(rotation is not None and moving, "-move")
        if rotation is not None:
            show_text(self.query_one("#now-round", Static), rotation[0])
            show_text(self.query_one("#now-visitors", Static), rotation[1])
        current = clock.current
        sign, word = status_words(clock)
        show_level(self, level_of(clock))

        title = self.query_one("#now-title", Label)
        digits = self.query_one("#countdown", Digits)
        bar = self.query_one("#progress", ProgressBar)
        if current is None:
            show_text(title, "The day is done")
            show_digits(digits, "00:00")
            show_progress(bar, 1, 1)
        else:
            number = clock.items.index(current) + 1
            show_text(title, f"{number}/{len(clock.items)}  {current.title}")
            show_digits(digits, countdown(current.remaining_seconds))
            allotted = max(1, current.allotted_seconds)
            # whole seconds: the bar moves with the digits, not at every tick between them
            show_progress(bar, allotted, min(int(current.running_seconds), allotted))
        show_text(self.query_one("#now-status", Static), f"{sign} {word}  {time_words(clock)}")
        following = clock.next
        show_text(
            self.query_one("#now-next", Static),
            f"Next: {following.title} ({following.allotted_seconds // 60} min)"
            if following
            else "Next: nothing more today",
        )
        show_text(self.query_one("#day-shape", Static), self._shape(clock))

    def _shape(self, clock: DayClock) -> str:
        start, end = (
            clock_time(clock.planned_start, self.tz),
            clock_time(clock.planned_end, self.tz),
        )
        planned = f"Planned {start}-{end}"
        if not clock.started:
            return planned
        ends = "ended" if clock.state is DayState.FINISHED else "ends"
        return (
            f"{planned} · {ends} {clock_time(clock.projected_end, self.tz)}, "
            f"{drift_words(clock.drift_seconds)}"
        )
