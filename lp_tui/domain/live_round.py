"""The rotation's round clock for views other than the rotations screen (the projector clock,
the coach view): shown while the rotation's agenda item is the current one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lp_tui.domain.model import Person, RotationPlan
from lp_tui.domain.programme import AgendaItem, DayPlan
from lp_tui.domain.rotation import RoundClock, over_words
from lp_tui.domain.rotation_day import rotation_item, rotation_round, table_visitors, visiting_now
from lp_tui.domain.timers import DayClock, ItemStatus, countdown, cut_words

MOVE_NOW = "⇄ MOVE NOW"


@dataclass(frozen=True, slots=True)
class LiveRound:
    """Where the rotation is while its item is current."""

    item: AgendaItem
    plan: RotationPlan | None
    clock: RoundClock
    rounds: int
    paused: bool

    @property
    def moving(self) -> bool:
        return self.clock.phase == "move"


def live_round(day: DayPlan, plans: Sequence[RotationPlan], clock: DayClock) -> LiveRound | None:
    """The round clock, when the day's rotation item is the current item; else None."""
    item = rotation_item(day)
    current = clock.current
    if item is None or current is None or current.key != item.key:
        return None
    mine = [p for p in plans if p.item == item.key] or list(plans)
    plan = mine[-1] if mine else None
    return LiveRound(
        item=item,
        plan=plan,
        clock=rotation_round(plan, item, current),
        rounds=plan.rotation().rounds if plan else 0,
        paused=current.status is ItemStatus.PAUSED,
    )


def round_words(now: LiveRound, *, titled: bool = True) -> str:
    """'Round 2 of 3 · 03:12 left', '⇄ MOVE NOW · to round 2 · 00:45 to move', ...
    ``titled=False`` where the item's title is shown just above (the projector clock)."""
    if now.plan is None:
        if not titled:
            return "No rotation planned yet"
        return f"{now.item.title}: no rotation planned yet"
    clock, rounds = now.clock, now.rounds
    left = countdown(clock.remaining_seconds)
    if clock.phase == "before":
        return f"Round 1 of {rounds} · starts with the item"
    if clock.phase == "move":
        return f"{MOVE_NOW} · to round {clock.round} of {rounds} · {left} to move"
    if clock.phase == "round":
        paused = " · paused" if now.paused else ""
        return f"Round {clock.round} of {rounds} · {left} left{paused}"
    return f"Rotation over · {over_words(clock, rounds)}"


def projector_words(item_status: str, now: LiveRound | None) -> tuple[str, str]:
    """The projector's two lines under its digits: (the large one, the small one). While the
    digits are the round's or the changeover's (``big_seconds``), the large line names them
    and the item's status goes to the small line, named; otherwise the item's status is large
    and the round (if any) small."""
    if now is None:
        return item_status, ""
    if big_seconds(now) is None:
        return item_status, round_words(now, titled=False)
    return round_words(now, titled=False), f"Item: {item_status}"


def big_seconds(now: LiveRound) -> float | None:
    """The seconds a room should see large during a rotation: what is left of the round, or of
    the changeover; None before the first round and after the last (the item's own clock)."""
    if now.plan is None or now.clock.phase not in ("round", "move"):
        return None
    return now.clock.remaining_seconds


def now_and_next(now: LiveRound, table: int) -> tuple[str | None, str | None]:
    """The presenter (id) visiting ``table`` in this round, and the one who comes next.

    Between rounds nobody is 'now' (the table waits for the next visitor); a table that rests
    this round has nobody now either."""
    if now.plan is None:
        return None, None
    visits = table_visitors(now.plan, table)
    clock = now.clock
    if clock.phase == "after":
        return None, None
    if clock.phase == "round":
        current = visiting_now(now.plan, table, clock)
        here = current[1] if current is not None and current[0] == clock.round else None
        following = next((p for r, p in visits if r > clock.round), None)
        return here, following
    # before the first round, or moving to round ``clock.round``: the next one is coming
    following = next((p for r, p in visits if r >= clock.round), None)
    return None, following


def visitors_words(
    now: LiveRound, table: int | None, presenters: Mapping[str, Person], width: int
) -> str:
    """'Now: Dr X (project) · Then: Ms Y': who visits ``table`` (None: the coach has none) this
    round, and who comes next, in ``width`` characters: two lines when one is too narrow, the
    project cut, never the next visitor's name."""
    if table is None:
        return "You have no table yet today."
    if now.plan is None or now.clock.phase == "after":
        return ""

    def named(presenter: str, *, project: bool = False) -> str:
        person = presenters.get(presenter)
        if person is None:
            return "?"
        return f"{person.name} ({person.project})" if project and person.project else person.name

    here, following = now_and_next(now, table)
    if now.clock.phase != "round":
        if following is None:
            return "No more visitors at your table."
        return f"Next at your table: {named(following, project=True)}"
    # "Then", not "Next": the panel's "Next:" line is the agenda's next item.
    second = f"Then: {named(following)}" if following is not None else "last visit"
    if here is None:
        return f"No visitor at your table this round · {second}"
    name = named(here)
    project = presenters[here].project if here in presenters else ""
    if len(f"Now: {name} · {second}") > width:  # too narrow for one line: two
        room = width - len(f"Now: {name} ()")
        shown = f" ({cut_words(project, room)})" if project and room >= 8 else ""
        return f"Now: {name}{shown}\n{second}"
    room = width - len(f"Now: {name} () · {second}")
    shown = f" ({cut_words(project, room)})" if project and room >= 8 else ""
    return f"Now: {name}{shown} · {second}"
