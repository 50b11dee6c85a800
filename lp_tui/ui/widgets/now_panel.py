"""The current item, large: title, big countdown, progress, what comes next, the day's shape;
during a rotation, its round clock too."""

from __future__ import annotations

from datetime import tzinfo

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label, ProgressBar, Static

from lp_tui.domain.clock import clock_time
from lp_tui.domain.timers import (
    DayClock,
    Level,
    countdown,
    drift_words,
    status_words,
    time_words,
)

LEVEL_CLASSES = {level: f"-{level.value}" for level in Level}


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
    """

    def __init__(self, tz: tzinfo, *, id: str | None = None) -> None:
        super().__init__(id=id)
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
            self.query_one("#now-round", Static).update(rotation[0])
            self.query_one("#now-visitors", Static).update(rotation[1])
        current = clock.current
        sign, word = status_words(clock)
        level = current.level if current else Level.IDLE
        for name in LEVEL_CLASSES.values():
            self.remove_class(name)
        self.add_class(LEVEL_CLASSES[level])

        title = self.query_one("#now-title", Label)
        digits = self.query_one("#countdown", Digits)
        bar = self.query_one("#progress", ProgressBar)
        if current is None:
            title.update("The day is done")
            digits.update("00:00")
            bar.update(total=1, progress=1)
        else:
            number = clock.items.index(current) + 1
            title.update(f"{number}/{len(clock.items)}  {current.title}")
            digits.update(countdown(current.remaining_seconds))
            bar.update(
                total=max(1, current.allotted_seconds),
                progress=min(current.running_seconds, max(1, current.allotted_seconds)),
            )
        self.query_one("#now-status", Static).update(f"{sign} {word}  {time_words(clock)}")
        following = clock.next
        self.query_one("#now-next", Static).update(
            f"Next: {following.title} ({following.allotted_seconds // 60} min)"
            if following
            else "Next: nothing more today"
        )
        self.query_one("#day-shape", Static).update(self._shape(clock))

    def _shape(self, clock: DayClock) -> str:
        start, end = (
            clock_time(clock.planned_start, self.tz),
            clock_time(clock.planned_end, self.tz),
        )
        planned = f"Planned {start}-{end}"
        if not clock.started:
            return planned
        return (
            f"{planned} · ends {clock_time(clock.projected_end, self.tz)}, "
            f"{drift_words(clock.drift_seconds)}"
        )
