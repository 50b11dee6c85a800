"""The agenda clock, derived from an append-only log of events and an injected 'now'.

Nothing here counts: every second shown is computed from stored events (start, pause, resume,
extend, finish, skip, and the agenda edits insert, move and note) and the moment asked about.
So every terminal shows the same time, and a restart resumes where the day was.

Events that no longer apply (a pause of an item that is not running, two terminals pressing
"next" at once) are ignored, so replaying the log is always safe. An undo is an event too: it
names the event it cancels, and replay leaves out both (an undo of an undo is not honoured).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from lp_tui.domain.programme import AgendaItem, DayPlan, ItemKind

AMBER_FRACTION = 0.2
AMBER_SECONDS = 120


class EventKind(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"
    FINISH = "finish"
    SKIP = "skip"
    INSERT = "insert"
    MOVE = "move"
    NOTE = "note"
    SPEAKER = "speaker"  # names who speaks on an item: ``person`` on the roster, or ``text``
    UNDO = "undo"  # cancels the event named in ``undoes``


@dataclass(frozen=True, slots=True)
class AgendaEvent:
    """One thing the facilitator did to the day's agenda, with the moment it happened."""

    id: str
    cohort: str
    day: int
    kind: EventKind
    item: str
    at: str
    seconds: int = 0  # extend: may be negative
    title: str = ""  # insert
    minutes: int = 0  # insert
    after: str = ""  # insert, move: the item it now follows ("" for first)
    text: str = ""  # note; speaker: a guest's name (not on the roster)
    person: str = ""  # speaker: the person on the roster who speaks ("" for a guest or none)
    undoes: str = ""  # undo: the id of the event it cancels

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.at)


class ItemStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    SKIPPED = "skipped"

    @property
    def done(self) -> bool:
        return self in (ItemStatus.FINISHED, ItemStatus.SKIPPED)


class DayState(StrEnum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    OVERRUN = "overrun"
    FINISHED = "finished"


class Level(StrEnum):
    """How urgent the current item's time is; always shown with a word and a sign too."""

    IDLE = "idle"
    OK = "ok"
    AMBER = "amber"
    OVER = "over"


@dataclass(frozen=True, slots=True)
class ItemView:
    """One agenda item as it stands at a moment: planned, running, paused or done."""

    key: str
    title: str
    kind: ItemKind
    planned_start: datetime | None  # None for an item inserted on the day
    planned_seconds: int
    extension_seconds: int
    status: ItemStatus
    running_seconds: float
    started_at: datetime | None
    ended_at: datetime | None
    note: str = ""
    speaker: str = ""  # the id of the person on the roster who speaks on it
    guest: str = ""  # or the name of a guest speaker not on the roster

    @property
    def unplanned(self) -> bool:
        return self.planned_start is None

    @property
    def allotted_seconds(self) -> int:
        return self.planned_seconds + self.extension_seconds

    @property
    def remaining_seconds(self) -> float:
        return self.allotted_seconds - self.running_seconds

    @property
    def actual_seconds(self) -> float | None:
        """Wall time from first start to finish or skip, pauses included."""
        if self.started_at is None or self.ended_at is None:
            return None
        return max(0.0, (self.ended_at - self.started_at).total_seconds())

    @property
    def level(self) -> Level:
        if self.status not in (ItemStatus.RUNNING, ItemStatus.PAUSED):
            return Level.IDLE
        return level_for(self.remaining_seconds, self.allotted_seconds)


def level_for(remaining: float, allotted: int) -> Level:
    if remaining <= 0:
        return Level.OVER
    if remaining <= max(AMBER_FRACTION * allotted, AMBER_SECONDS):
        return Level.AMBER
    return Level.OK


@dataclass(frozen=True, slots=True)
class DayClock:
    """The whole day at one moment."""

    day: int
    now: datetime
    items: tuple[ItemView, ...]
    planned_start: datetime
    planned_end: datetime

    @property
    def started(self) -> bool:
        return any(item.started_at is not None for item in self.items)

    @property
    def current_index(self) -> int | None:
        """The running or paused item; else the next one to start; None when all are done."""
        for index, item in enumerate(self.items):
            if item.status in (ItemStatus.RUNNING, ItemStatus.PAUSED):
                return index
        return self.next_index(after=-1)

    def next_index(self, after: int | None = None) -> int | None:
        start = self.current_index if after is None else after
        if start is None:
            return None
        for index in range(start + 1, len(self.items)):
            if self.items[index].status is ItemStatus.PENDING:
                return index
        return None

    def item(self, key: str) -> ItemView | None:
        """The item with this key (None: no such item today)."""
        return next((item for item in self.items if item.key == key), None)

    @property
    def current(self) -> ItemView | None:
        index = self.current_index
        return None if index is None else self.items[index]

    @property
    def next(self) -> ItemView | None:
        index = self.next_index()
        return None if index is None else self.items[index]

    @property
    def state(self) -> DayState:
        current = self.current
        if current is None:
            return DayState.FINISHED
        if not self.started:
            return DayState.NOT_STARTED
        if current.status is ItemStatus.PENDING:
            return DayState.PAUSED
        if current.remaining_seconds < 0:
            return DayState.OVERRUN
        return DayState.RUNNING if current.status is ItemStatus.RUNNING else DayState.PAUSED

    @property
    def projected_end(self) -> datetime:
        """When the day will end if every item still to come takes its allotted time."""
        if not self.started:
            return self.planned_end
        if self.current is None:
            ends = [item.ended_at for item in self.items if item.ended_at is not None]
            return max(ends, default=self.now)
        to_come = 0.0
        for item in self.items:
            if item.status in (ItemStatus.RUNNING, ItemStatus.PAUSED):
                to_come += max(0.0, item.remaining_seconds)
            elif item.status is ItemStatus.PENDING:
                to_come += item.allotted_seconds
        return self.now + timedelta(seconds=to_come)

    @property
    def drift_seconds(self) -> float:
        """How far behind the plan the day is (negative: ahead)."""
        return (self.projected_end - self.planned_end).total_seconds()

    @property
    def behind(self) -> bool:
        """A minute or more behind the plan with an item still to run: time can be given back
        (suggest_trims). A day whose items are all done has none left to give, late or not."""
        return self.drift_seconds >= 60 and self.state is not DayState.FINISHED


@dataclass
class _Item:
    """An item while the events are replayed."""

    source: AgendaItem
    planned_start: datetime | None
    status: ItemStatus = ItemStatus.PENDING
    extension: int = 0
    running: float = 0.0
    since: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    note: str = ""
    speaker: str = ""
    guest: str = ""

    def stop(self, at: datetime, status: ItemStatus) -> None:
        if self.since is not None:
            self.running += max(0.0, (at - self.since).total_seconds())
            self.since = None
        self.status = status

    def view(self, now: datetime) -> ItemView:
        running = self.running
        if self.since is not None:
            running += max(0.0, (now - self.since).total_seconds())
        return ItemView(
            key=self.source.key,
            title=self.source.title,
            kind=self.source.kind,
            planned_start=self.planned_start,
            planned_seconds=self.source.minutes * 60,
            extension_seconds=self.extension,
            status=self.status,
            running_seconds=running,
            started_at=self.started_at,
            ended_at=self.ended_at,
            note=self.note,
            speaker=self.speaker,
            guest=self.guest,
        )


@dataclass
class _Replay:
    """The agenda's items while its events are replayed in order."""

    items: dict[str, _Item]
    order: list[str]
    events: list[AgendaEvent] = field(default_factory=list)

    def active(self) -> _Item | None:
        for key in self.order:
            if self.items[key].status in (ItemStatus.RUNNING, ItemStatus.PAUSED):
                return self.items[key]
        return None

    def apply(self, event: AgendaEvent) -> None:
        at = event.moment
        item = self.items.get(event.item)
        if event.kind is EventKind.INSERT:
            self._insert(event)
            return
        if item is None:
            return
        match event.kind:
            case EventKind.START if item.status is ItemStatus.PENDING:
                other = self.active()
                if other is not None:
                    other.stop(at, ItemStatus.FINISHED)
                    other.ended_at = at
                item.status, item.since, item.started_at = ItemStatus.RUNNING, at, at
            case EventKind.PAUSE if item.status is ItemStatus.RUNNING:
                item.stop(at, ItemStatus.PAUSED)
            case EventKind.RESUME if item.status is ItemStatus.PAUSED:
                item.status, item.since = ItemStatus.RUNNING, at
            case EventKind.FINISH if item.status in (ItemStatus.RUNNING, ItemStatus.PAUSED):
                item.stop(at, ItemStatus.FINISHED)
                item.ended_at = at
            case EventKind.SKIP if not item.status.done:
                item.stop(at, ItemStatus.SKIPPED)
                item.ended_at = at
            case EventKind.EXTEND if item.source.minutes * 60 + item.extension + event.seconds >= 0:
                item.extension += event.seconds
            case EventKind.MOVE if item.status is ItemStatus.PENDING:
                self.order.remove(item.source.key)
                self._place(item.source.key, event.after)
            case EventKind.NOTE:
                item.note = event.text.strip()
            case EventKind.SPEAKER:
                item.speaker = event.person.strip()
                item.guest = "" if item.speaker else event.text.strip()
            case _:
                pass

    def _insert(self, event: AgendaEvent) -> None:
        if event.item in self.items or not 1 <= event.minutes <= 600 or not event.title.strip():
            return
        source = AgendaItem(
            key=event.item, title=event.title.strip(), kind=ItemKind.TABLE, minutes=event.minutes
        )
        self.items[event.item] = _Item(source=source, planned_start=None)
        self._place(event.item, event.after)

    def _place(self, key: str, after: str) -> None:
        """Put ``key`` after ``after``, but never before an item that has started or ended."""
        position = self.order.index(after) + 1 if after in self.order else 0
        while (
            position < len(self.order)
            and self.items[self.order[position]].status is not ItemStatus.PENDING
        ):
            position += 1
        self.order.insert(position, key)


def standing_events(events: Iterable[AgendaEvent]) -> list[AgendaEvent]:
    """The events that count, in the order they happened: undos and what they cancel left out."""
    ordered = sorted(events, key=lambda e: e.at)
    undone = {e.undoes for e in ordered if e.kind is EventKind.UNDO}
    return [e for e in ordered if e.kind is not EventKind.UNDO and e.id not in undone]


def day_started(events: Iterable[AgendaEvent]) -> datetime | None:
    """When the day's first item started (an undone start does not count); None before."""
    return next((e.moment for e in standing_events(events) if e.kind is EventKind.START), None)


def plan_times(plan: DayPlan, on: date, tz: tzinfo) -> list[datetime]:
    """The planned start of each item of the plan, on a given date in the room's time zone."""
    hours, minutes = (int(part) for part in plan.start.split(":"))
    moment = datetime.combine(on, time(hours, minutes), tz)
    starts = []
    for item in plan.items:
        starts.append(moment)
        moment += timedelta(minutes=item.minutes)
    return starts


def day_clock(
    plan: DayPlan,
    events: Iterable[AgendaEvent],
    now: datetime,
    *,
    day_date: date | None = None,
    tz: tzinfo = UTC,
) -> DayClock:
    """The agenda of ``plan`` after ``events``, as it stands at ``now``.

    The plan is laid on the date the day actually started (its first start event), else on
    ``day_date``, else on the date of ``now``.
    """
    ordered = standing_events(events)
    first_start = day_started(ordered)
    if first_start is not None:
        on = first_start.astimezone(tz).date()
    else:
        on = day_date or now.astimezone(tz).date()
    starts = plan_times(plan, on, tz)
    replay = _Replay(
        items={
            item.key: _Item(item, start) for item, start in zip(plan.items, starts, strict=True)
        },
        order=[item.key for item in plan.items],
    )
    for event in ordered:
        replay.apply(event)
    planned_end = starts[-1] + timedelta(minutes=plan.items[-1].minutes)
    return DayClock(
        day=plan.number,
        now=now,
        items=tuple(replay.items[key].view(now) for key in replay.order),
        planned_start=starts[0],
        planned_end=planned_end,
    )


# ---------------------------------------------------------------- giving back minutes

FLEXIBLE = (
    ItemKind.TABLE,
    ItemKind.EXERCISE,
    ItemKind.TALK,
    ItemKind.REFLECTION,
    ItemKind.FEEDBACK,
)
MAX_TRIM_FRACTION = 0.25
MIN_LEFT_SECONDS = 5 * 60


@dataclass(frozen=True, slots=True)
class Trim:
    """A later item that could give back minutes to a day behind: its minutes now and after."""

    key: str
    title: str
    from_minutes: int
    to_minutes: int

    @property
    def minutes(self) -> int:
        return self.from_minutes - self.to_minutes


def suggest_trims(clock: DayClock) -> list[Trim]:
    """Later items that could give back the minutes the day is behind, biggest first.

    Only talks, table work, exercises, reflection and feedback are trimmed (never breaks,
    rotations or the evaluation), each by at most a quarter and never below five minutes.
    """
    behind = int(clock.drift_seconds // 60) + (1 if clock.drift_seconds % 60 else 0)
    if behind <= 0:
        return []
    spare: list[tuple[int, ItemView]] = []
    for item in clock.items:
        if item.status is not ItemStatus.PENDING or item.kind not in FLEXIBLE:
            continue
        allotted = item.allotted_seconds
        give = min(int(allotted * MAX_TRIM_FRACTION), allotted - MIN_LEFT_SECONDS) // 60
        if give > 0:
            spare.append((give, item))
    spare.sort(key=lambda pair: -pair[0])
    trims: list[Trim] = []
    for give, item in spare:
        if behind <= 0:
            break
        take = min(give, behind)
        minutes = item.allotted_seconds // 60
        trims.append(Trim(item.key, item.title, minutes, minutes - take))
        behind -= take
    order = {item.key: index for index, item in enumerate(clock.items)}
    return sorted(trims, key=lambda t: order[t.key])


def actions_for_next(clock: DayClock) -> list[tuple[EventKind, str]]:
    """'n': finish what is running (if anything) and start the next item."""
    current = clock.current
    if current is None:
        return []
    actions: list[tuple[EventKind, str]] = []
    if current.status in (ItemStatus.RUNNING, ItemStatus.PAUSED):
        actions.append((EventKind.FINISH, current.key))
        following = clock.next
        if following is not None:
            actions.append((EventKind.START, following.key))
    else:
        actions.append((EventKind.START, current.key))
    return actions


def actions_for_space(clock: DayClock) -> list[tuple[EventKind, str]]:
    """Space: start the next item, pause the running one, or resume the paused one."""
    current = clock.current
    if current is None:
        return []
    kind = {
        ItemStatus.PENDING: EventKind.START,
        ItemStatus.RUNNING: EventKind.PAUSE,
        ItemStatus.PAUSED: EventKind.RESUME,
    }[current.status]
    return [(kind, current.key)]


def actions_for_skip(clock: DayClock) -> list[tuple[EventKind, str]]:
    """'s': skip the current item; if it was running, the next one starts."""
    current = clock.current
    if current is None:
        return []
    actions = [(EventKind.SKIP, current.key)]
    following = clock.next
    if current.status is ItemStatus.RUNNING and following is not None:
        actions.append((EventKind.START, following.key))
    return actions


# ---------------------------------------------------------------- undo


def undo_events(
    cancelled: Iterable[AgendaEvent], new_id: Callable[[], str], at: str
) -> list[AgendaEvent]:
    """The events that undo ``cancelled`` (one action: e.g. finish one item, start the next):
    one UNDO each, appended at ``at``, naming the event it cancels."""
    return [
        AgendaEvent(
            id=new_id(),
            cohort=event.cohort,
            day=event.day,
            kind=EventKind.UNDO,
            item=event.item,
            at=at,
            undoes=event.id,
        )
        for event in cancelled
    ]


def event_words(event: AgendaEvent, title: str) -> str:
    """What an event did, in a few words: '+1 min on Welcome', 'Lunch skipped'."""
    if event.kind is EventKind.EXTEND:
        minutes, seconds = divmod(abs(event.seconds), 60)
        amount = f"{minutes} min" if not seconds else f"{abs(event.seconds)} s"
        return f"{'+' if event.seconds >= 0 else '-'}{amount} on {title}"
    if event.kind is EventKind.INSERT:
        return f"“{event.title.strip()}” added"
    return {
        EventKind.START: f"{title} started",
        EventKind.PAUSE: f"{title} paused",
        EventKind.RESUME: f"{title} resumed",
        EventKind.FINISH: f"{title} finished",
        EventKind.SKIP: f"{title} skipped",
        EventKind.MOVE: f"{title} moved",
        EventKind.NOTE: f"note on {title}",
        EventKind.SPEAKER: f"speaker on {title}",
        EventKind.UNDO: f"undo on {title}",
    }[event.kind]


def action_words(events: Iterable[AgendaEvent], titles: dict[str, str]) -> str:
    """What one action did: its events' words joined, e.g. 'Welcome finished, Intros started'."""
    return ", ".join(event_words(e, titles.get(e.item, e.item)) for e in events)


# ---------------------------------------------------------------- words for people


def countdown(seconds: float) -> str:
    """'12:35' counting down (rounded up, so 00:00 is zero); '+03:12' once over."""
    if seconds >= 0:
        whole, sign = math.ceil(seconds), ""
    else:
        whole, sign = math.floor(-seconds), "+"
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def drift_words(seconds: float) -> str:
    """'on time', '7 min behind', '3 min ahead' (whole minutes; under one is on time); from
    two hours in hours and minutes ('2 h 5 min behind'), from two days in days (a day run
    long after its date: '3,290 days behind', not millions of minutes)."""
    minutes = int(abs(seconds) // 60)
    way = "behind" if seconds > 0 else "ahead"
    if minutes == 0:
        return "on time"
    if minutes >= 2 * 24 * 60:
        return f"{minutes // (24 * 60):,} days {way}"
    if minutes >= 120:
        hours, rest = divmod(minutes, 60)
        return f"{hours} h {rest} min {way}" if rest else f"{hours} h {way}"
    return f"{minutes} min {way}"


def status_words(clock: DayClock) -> tuple[str, str]:
    """A sign and a word for the current item, never colour alone."""
    current = clock.current
    state = clock.state
    if state is DayState.FINISHED:
        return "✔", "DAY FINISHED"
    if state is DayState.NOT_STARTED:
        return "■", "NOT STARTED"
    assert current is not None
    if current.status is ItemStatus.PENDING:
        return "■", "READY: NOT STARTED"
    level = current.level
    paused = " · PAUSED" if current.status is ItemStatus.PAUSED else ""
    if level is Level.OVER:
        return "✖", f"OVER TIME{paused}"
    if level is Level.AMBER:
        return "▲", f"WRAP UP{paused}"
    return ("❚❚", "PAUSED") if paused else ("▶", "RUNNING")


def time_words(clock: DayClock) -> str:
    """The current item's time as text too (screen readers cannot read big digits)."""
    current = clock.current
    if current is None:
        return ""
    remaining = countdown(current.remaining_seconds)
    if current.status is ItemStatus.PENDING:
        return f"{remaining} planned"
    return f"{remaining} over" if current.remaining_seconds < 0 else f"{remaining} left"


def running_item(clock: DayClock) -> tuple[str, str] | None:
    """The title of the item running now (not paused) and its time in words ("12:35 left"),
    or None when none runs."""
    current = clock.current
    if current is None or current.status is not ItemStatus.RUNNING:
        return None
    return current.title, time_words(clock)


def cut_words(text: str, width: int, *, keep: int = 1) -> str:
    """``text`` in at most ``width`` characters: cut at a word boundary with "…", never
    mid-word unless that would keep fewer than ``keep`` characters (its first word alone is
    too long, say)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    head = text[: width - 1]
    if text[width - 1] != " ":  # the cut falls inside a word: drop that word
        space = head.rfind(" ")
        if space >= max(1, keep):
            head = head[:space]
    return head.rstrip(" ,;:-–—") + "…"
