"""What a late, dropped or arriving presenter does to a rotation, worked out before any of it
is stored, so the facilitator can choose.

A late presenter misses the next round to come; a drop-out every round to come. Each way of
dealing with it is an ``Effect``: the plan that would be stored, the agenda extension to record
(if any), and what changes (rounds, round length, the item's length, the tables). Rounds already
done never change. Only the late or dropped presenter's visits are taken away; a re-plan gives
them to presenters free at that time (see ``rotation.replan``), "miss" moves them only into a
table's resting slot, or drops them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from lp_tui.domain.model import AttendanceStatus, Dropout, RotationPlan, Visit
from lp_tui.domain.programme import AgendaItem
from lp_tui.domain.rotation import Rotation, clock_of_rounds, replan, round_lengths, round_start
from lp_tui.domain.timers import ItemView

MIN_ROUND_SECONDS = 60  # no shorter round is offered


class Choice(StrEnum):
    EXTEND = "extend"  # keep the round length; the item grows (or gives time back)
    SHORTEN = "shorten"  # keep the item's length; the rounds to come get shorter (or longer)
    MISS = "miss"  # only the presenter's own visits move into resting slots, or are dropped
    KEEP = "keep"  # (an arrival) the current plan stays


class Change(StrEnum):
    LATE = "late"
    DROP = "drop"
    ARRIVED = "arrived"


@dataclass(frozen=True, slots=True)
class Timing:
    """The rotation item's time now."""

    allotted_seconds: float  # planned plus extensions
    changeover_seconds: int
    running_seconds: float = 0  # how long the item has run (0: not started)


@dataclass(frozen=True, slots=True)
class Effect:
    """One way to apply a change: what would be stored and what it does."""

    choice: Choice
    change: Change
    plan: RotationPlan  # the plan that would be stored (the current one for KEEP)
    done: int  # rounds already done (never changed)
    rounds_before: int
    rounds_after: int
    round_seconds_before: int  # the length of the rounds to come
    round_seconds_after: int
    item_seconds_before: int
    item_seconds_after: int
    extend_seconds: int  # the agenda extension to record with it (may be negative; 0: none)
    changed_tables: tuple[int, ...]  # table numbers whose rounds to come change
    short: tuple[tuple[int, int], ...]  # (table number, visits it will have fewer than planned)
    moved: tuple[tuple[int, int, int], ...]  # (table number, from round, to round)
    person: str  # the presenter

    @property
    def changes_anything(self) -> bool:
        return self.choice is not Choice.KEEP


# ---------------------------------------------------------------- the round timing of a plan


def item_timing(item: AgendaItem, view: ItemView | None) -> Timing:
    """The rotation item's time, from its place on the day's clock (None: not on it yet)."""
    allotted = view.allotted_seconds if view else item.minutes * 60
    running = view.running_seconds if view is not None and view.started_at is not None else 0
    return Timing(allotted, item.changeover_minutes * 60, running)


def plan_lengths(plan: RotationPlan, timing: Timing) -> list[float]:
    """Each round's length for a plan, given the item's time (planned plus extensions)."""
    return round_lengths(
        timing.allotted_seconds,
        plan.rotation().rounds,
        timing.changeover_seconds,
        done=plan.done,
        start_seconds=plan.start_seconds,
    )


def rounds_done(plan: RotationPlan, timing: Timing) -> int:
    """Rounds that have finished by now; the round in progress is still to come."""
    lengths = plan_lengths(plan, timing)
    clock = clock_of_rounds(lengths, timing.running_seconds, timing.changeover_seconds)
    return clock.rounds_done(len(lengths))


@dataclass(frozen=True, slots=True)
class _Anchor:
    """Where a change meets the clock: ``done`` rounds have finished; ``timed`` rounds keep
    their times (the round in progress too: it ends when it was going to); the rounds after
    them begin at ``start`` seconds of the item and last ``length`` each."""

    done: int
    timed: int
    start: float
    length: float
    rounds: int


def _anchor(plan: RotationPlan, timing: Timing) -> _Anchor:
    lengths = plan_lengths(plan, timing)
    c = timing.changeover_seconds
    clock = clock_of_rounds(lengths, timing.running_seconds, c)
    done = clock.rounds_done(len(lengths))
    timed = done + 1 if clock.phase == "round" else done
    start = round_start(lengths, timed + 1, c) if timed > 0 else 0.0
    length = lengths[min(timed, len(lengths) - 1)] if lengths else 0.0
    return _Anchor(done, timed, start, length, len(lengths))


def _retimed(plan: RotationPlan, anchor: _Anchor, count: int) -> dict[str, int]:
    """The timing fields of a plan with ``count`` rounds: unchanged while the rounds are. The
    next round's start is kept in whole seconds, rounded up: rounded to the nearest, a round
    in progress could end up to half a second before it was going to, and a change made in
    its last moments ended it (633.33 s kept as 633 with the clock at 633 s)."""
    if count == anchor.rounds:
        return {"done": plan.done, "start_seconds": plan.start_seconds}
    return {"done": anchor.timed, "start_seconds": math.ceil(anchor.start)}


def _room_for(anchor: _Anchor, count: int, allotted: float, changeover: int) -> bool:
    """Whether the item's time left after the timed rounds holds ``count`` rounds of a minute."""
    left = count - anchor.timed
    return allotted - anchor.start - changeover * (left - 1) >= MIN_ROUND_SECONDS * left


def _fitted(anchor: _Anchor, count: int, changeover: int) -> float:
    """The item's length that gives ``count`` rounds the length the rounds to come have."""
    left = count - anchor.timed
    return anchor.start + left * anchor.length + changeover * (left - 1)


def mmss(seconds: float) -> str:
    """A length as mm:ss (minutes may pass 59); negative with a minus sign."""
    whole = round(abs(seconds))
    sign = "-" if seconds < 0 and whole else ""
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"


# ---------------------------------------------------------------- late and dropped presenters


@dataclass(frozen=True, slots=True)
class Away:
    """The presenters away now, as the day's marks say: late (not there for the next round to
    come) and dropped out; and those marked here again (a drop-out who came back). A re-plan
    gives none of the away a visit then."""

    late: frozenset[str] = frozenset()
    gone: frozenset[str] = frozenset()
    here: frozenset[str] = frozenset()

    @classmethod
    def marked(cls, marks: Mapping[str, AttendanceStatus]) -> Away:
        def marked_as(status: AttendanceStatus) -> frozenset[str]:
            return frozenset(p for p, mark in marks.items() if mark is status)

        return cls(
            marked_as(AttendanceStatus.LATE),
            marked_as(AttendanceStatus.ABSENT),
            marked_as(AttendanceStatus.PRESENT),
        )

    def closed(self, plan: RotationPlan, person: str, done: int) -> dict[int, set[int] | None]:
        """The plan's other presenters who can take no visit: the late in the next round to
        come, the dropped out (marked so, or recorded in the plan and not marked here since) in
        any."""
        closed: dict[int, set[int] | None] = {}
        for other in self.late:
            if other != person and other in plan.presenters:
                closed[plan.presenters.index(other)] = {done + 1}
        dropped = (d.presenter for d in plan.dropped if d.presenter not in self.here)
        for other in (*self.gone, *dropped):
            if other != person and other in plan.presenters:
                closed[plan.presenters.index(other)] = None
        return closed


NOBODY = Away()


def late_effects(
    plan: RotationPlan, person: str, timing: Timing, *, plan_id: str, at: str, away: Away = NOBODY
) -> list[Effect]:
    """The ways to deal with a presenter who will miss the next round to come; none when that
    round has no visit of theirs (or the rotation is over). A re-plan gives their visits to
    none of the others ``away``."""
    return _away_effects(plan, person, timing, Change.LATE, plan_id=plan_id, at=at, others=away)


def drop_effects(
    plan: RotationPlan, person: str, timing: Timing, *, plan_id: str, at: str, away: Away = NOBODY
) -> list[Effect]:
    """The ways to deal with a presenter who drops out: every round to come is missed. There is
    always at least one (the record of who dropped out) unless the rotation is over. A re-plan
    gives their visits to none of the others ``away``."""
    return _away_effects(plan, person, timing, Change.DROP, plan_id=plan_id, at=at, others=away)


def _away_effects(
    plan: RotationPlan,
    person: str,
    timing: Timing,
    change: Change,
    *,
    plan_id: str,
    at: str,
    others: Away,
) -> list[Effect]:
    if person not in plan.presenters:
        return []
    index = plan.presenters.index(person)
    rotation = plan.rotation()
    lengths = plan_lengths(plan, timing)
    rounds = len(lengths)
    done = rounds_done(plan, timing)
    if done >= rounds:
        return []
    missed: set[int] | None = {done + 1} if change is Change.LATE else None
    ahead = [v for v in rotation.visits if v.presenter == index and v.round > done]
    if change is Change.LATE and not any(v.round == done + 1 for v in ahead):
        return []
    if change is Change.DROP and not ahead and plan.dropped_before(person):
        return []  # already recorded, nothing left to change
    anchor = _anchor(plan, timing)
    c = timing.changeover_seconds
    allotted = timing.allotted_seconds
    dropped = plan.dropped
    if change is Change.DROP and not plan.dropped_before(person):
        dropped = (*plan.dropped, Dropout(person, done + 1))

    def made(visits: Iterable[Visit], count: int) -> RotationPlan:
        return replace(
            plan,
            id=plan_id,
            at=at,
            visits=tuple(sorted(visits)),
            how=change.value,
            dropped=dropped,
            round_count=count,
            replaces=plan.id,
            person=person,
            **_retimed(plan, anchor, count),
        )

    def effect(choice: Choice, after: RotationPlan, item: float, **more: Any) -> Effect:
        return _effect(choice, change, plan, after, anchor, timing, item, person, **more)

    effects: list[Effect] = []
    if ahead:
        closed = others.closed(plan, person, done)
        result = replan(rotation, done=done, away={index: missed}, unavailable=closed)
        count = max(rounds, result.rotation.rounds)
        replanned = made(result.rotation.visits, count)
        extend = math.ceil(_fitted(anchor, count, c) - allotted - 1e-6) if count > rounds else 0
        effects.append(effect(Choice.EXTEND, replanned, allotted + extend))
        if count > rounds and _room_for(anchor, count, allotted, c):
            effects.append(effect(Choice.SHORTEN, replanned, allotted))
    kept, moved = miss_rounds(rotation, index, done=done, rounds=missed)
    effects.append(effect(Choice.MISS, made(kept.visits, rounds), allotted, moved=moved))
    return effects


def miss_rounds(
    rotation: Rotation, presenter: int, *, done: int, rounds: set[int] | None
) -> tuple[Rotation, tuple[tuple[Visit, Visit], ...]]:
    """The presenter misses ``rounds`` (None: every round after ``done``). Each visit they miss
    moves to a later round of the plan where its table rests and they are free, else is
    dropped; no other visit changes and the plan keeps its rounds. Returns the new rotation and
    (old, new) of each visit moved."""

    def missed(v: Visit) -> bool:
        return v.presenter == presenter and v.round > done and (rounds is None or v.round in rounds)

    visits = [v for v in rotation.visits if not missed(v)]
    moves: list[tuple[Visit, Visit]] = []
    if rounds is not None:
        for old in sorted(v for v in rotation.visits if missed(v)):
            new = _free_slot(visits, old.table, presenter, done, rotation.rounds, rounds)
            if new is not None:
                visits.append(new)
                moves.append((old, new))
    kept = Rotation(
        rotation.tables,
        rotation.presenters,
        rotation.visits_per_table,
        tuple(sorted(visits)),
        rotation.rounds,
    )
    return kept, tuple(moves)


def _free_slot(
    visits: Sequence[Visit],
    table: int,
    presenter: int,
    done: int,
    last: int,
    avoid: Iterable[int] = (),
) -> Visit | None:
    """The earliest round after ``done`` (up to ``last``) where the table rests, the presenter
    is free, and the table has not heard them."""
    if any(v.table == table and v.presenter == presenter for v in visits):
        return None
    skip = set(avoid)
    for number in range(done + 1, last + 1):
        if number in skip:
            continue
        if any(
            v.round == number and (v.table == table or v.presenter == presenter) for v in visits
        ):
            continue
        return Visit(number, table, presenter)
    return None


def _effect(
    choice: Choice,
    change: Change,
    before: RotationPlan,
    after: RotationPlan,
    anchor: _Anchor,
    timing: Timing,
    allotted_after: float,
    person: str,
    *,
    moved: Sequence[tuple[Visit, Visit]] = (),
) -> Effect:
    old_lengths = plan_lengths(before, timing)
    new_lengths = plan_lengths(after, replace(timing, allotted_seconds=allotted_after))

    def next_length(lengths: list[float]) -> int:
        return round(lengths[min(anchor.timed, len(lengths) - 1)]) if lengths else 0

    return Effect(
        choice=choice,
        change=change,
        plan=after,
        done=anchor.done,
        rounds_before=len(old_lengths),
        rounds_after=len(new_lengths),
        round_seconds_before=next_length(old_lengths),
        round_seconds_after=next_length(new_lengths),
        item_seconds_before=round(timing.allotted_seconds),
        item_seconds_after=round(allotted_after),
        extend_seconds=round(allotted_after - timing.allotted_seconds),
        changed_tables=_changed_tables(before, after, anchor.done),
        short=_short(before, after),
        moved=tuple((before.tables[o.table - 1], o.round, n.round) for o, n in moved),
        person=person,
    )


def _changed_tables(before: RotationPlan, after: RotationPlan, done: int) -> tuple[int, ...]:
    old = {v for v in before.visits if v.round > done}
    new = {v for v in after.visits if v.round > done}
    return tuple(sorted({before.tables[v.table - 1] for v in old ^ new}))


def _short(before: RotationPlan, after: RotationPlan) -> tuple[tuple[int, int], ...]:
    """(table number, visits lost) of the tables that will hear fewer presenters than before."""
    old = Counter(v.table for v in before.visits)
    new = Counter(v.table for v in after.visits)
    return tuple(
        (after.tables[t - 1], old[t] - new[t])
        for t in range(1, len(after.tables) + 1)
        if new[t] < old[t]
    )


# ---------------------------------------------------------------- a late presenter arrives


@dataclass(frozen=True, slots=True)
class Arrival:
    """What an arrival can bring back: the effects to choose from and what cannot be."""

    effects: tuple[Effect, ...]  # empty: nothing to restore (just mark them here)
    too_late: tuple[tuple[int, int], ...]  # (table number, round) of visits that cannot come back
    problem: str = ""  # why the original plan cannot come back at all


def arrival_effects(
    plans: Sequence[RotationPlan], person: str, timing: Timing, *, plan_id: str, at: str
) -> Arrival:
    """The original plan for the rounds still to come, as it was before the presenter was
    marked late; rounds already done, and the one in progress, stay as they ran. A visit of
    theirs in those is too late: it comes back in a later round where its table rests (if the
    table has not had its visits), else the table stays short."""
    if not plans:
        return Arrival((), ())
    current = plans[-1]
    late = next((p for p in reversed(plans) if p.how == Change.LATE and p.person == person), None)
    before = next((p for p in plans if late is not None and p.id == late.replaces), None)
    if late is None or before is None or person not in current.presenters:
        return Arrival((), ())
    index = current.presenters.index(person)
    anchor = _anchor(current, timing)
    rounds = anchor.rounds
    done = anchor.timed  # a round in progress runs on as it is
    if done >= rounds:
        return Arrival((), (), "the rotation is over")
    added = set(late.visits) - set(before.visits)
    removed = set(before.visits) - set(late.visits)
    visits = [v for v in current.visits if v.round <= done or v not in added]
    visits += [v for v in removed if v.round > done and v not in visits]
    original_rounds = before.rotation().rounds
    count = max(original_rounds, max((v.round for v in visits), default=0), done)
    problem = _clash(visits)
    if problem:
        return Arrival((), (), f"the plan has changed since: {problem}")
    too_late: list[tuple[int, int]] = []
    for old in sorted(v for v in removed if v.round <= done and v.presenter == index):
        heard = sum(1 for v in visits if v.table == old.table)
        if heard >= current.visits_per_table:
            continue  # the table had someone else instead
        new = _free_slot(visits, old.table, index, done, count)
        if new is None:
            too_late.append((current.tables[old.table - 1], old.round))
        else:
            visits.append(new)
    if set(visits) == set(current.visits) and count == rounds:
        return Arrival((), tuple(too_late))
    restored = replace(
        current,
        id=plan_id,
        at=at,
        visits=tuple(sorted(visits)),
        how=Change.ARRIVED.value,
        round_count=count,
        replaces=current.id,
        person=person,
        **_retimed(current, anchor, count),
    )
    allotted = timing.allotted_seconds
    c = timing.changeover_seconds
    extend = math.ceil(_fitted(anchor, count, c) - allotted - 1e-6) if count != rounds else 0

    def effect(choice: Choice, after: RotationPlan, item: float) -> Effect:
        return _effect(choice, Change.ARRIVED, current, after, anchor, timing, item, person)

    effects = [effect(Choice.EXTEND, restored, allotted + extend)]
    if count != rounds and _room_for(anchor, count, allotted, c):
        effects.append(effect(Choice.SHORTEN, restored, allotted))
    effects.append(effect(Choice.KEEP, current, allotted))
    return Arrival(tuple(effects), tuple(too_late))


def _clash(visits: Sequence[Visit]) -> str:
    seen_round: set[tuple[int, str, int]] = set()
    heard: set[tuple[int, int]] = set()
    for v in sorted(visits):
        for key in ((v.round, "table", v.table), (v.round, "presenter", v.presenter)):
            if key in seen_round:
                return f"round {v.round} would have a {key[1]} twice"
            seen_round.add(key)
        if (v.table, v.presenter) in heard:
            return "a table would hear a presenter twice"
        heard.add((v.table, v.presenter))
    return ""


# ---------------------------------------------------------------- words for the dialog


def effect_title(effect: Effect, name: str) -> str:
    first = effect.done + 1
    match effect.choice, effect.change:
        case Choice.EXTEND, Change.ARRIVED:
            return "Bring back the original plan, keep the round length"
        case Choice.SHORTEN, Change.ARRIVED:
            return "Bring back the original plan, keep the item's length"
        case Choice.KEEP, _:
            return f"Keep the current plan ({name} presents where it says)"
        case Choice.EXTEND, _ if effect.rounds_after == effect.rounds_before:
            return "Give the visits to presenters free then; same rounds, same times"
        case Choice.EXTEND, _:
            return "Keep the round length, extend the item"
        case Choice.SHORTEN, _:
            return "Keep the item's length, shorten the rounds"
        case Choice.MISS, Change.LATE:
            return f"{name} misses round {first}; no other table changes"
        case _ if not effect.short:
            return f"Record that {name} dropped out; no visit of theirs is left to change"
        case _:
            return f"Nobody replaces {name}; their tables hear one presenter fewer"


def changed_tables_words(tables: Sequence[int]) -> str:
    """E.g. "no table changes", "table 4 changes", "tables 2, 4 change"."""
    if not tables:
        return "no table changes"
    if len(tables) == 1:
        return f"table {tables[0]} changes"
    return f"tables {', '.join(str(t) for t in tables)} change"


def effect_lines(effect: Effect) -> list[str]:
    """What the choice does, in words: rounds, round length, tables, the item's length."""
    lines = [
        f"Rounds {effect.rounds_before} → {effect.rounds_after}  ·  round length "
        f"{mmss(effect.round_seconds_before)} → {mmss(effect.round_seconds_after)}",
    ]
    item = f"Item {mmss(effect.item_seconds_before)} → {mmss(effect.item_seconds_after)}"
    if effect.extend_seconds:
        sign = "+" if effect.extend_seconds > 0 else ""
        item += f" ({sign}{mmss(effect.extend_seconds)})"
    lines.append(f"{item}  ·  {changed_tables_words(effect.changed_tables)}")
    for table, start, end in effect.moved:
        lines.append(f"Table {table}: the visit moves from round {start} to round {end}")
    if effect.short:
        lost = ", ".join(f"table {t} ({n} fewer)" for t, n in effect.short)
        lines.append(f"Hear fewer presenters: {lost}")
    return lines


def dropped_words(plan: RotationPlan, names: dict[str, str]) -> list[str]:
    """e.g. "Dr X dropped out before round 2", one a presenter who dropped out."""
    return [
        f"{names.get(d.presenter, '?')} dropped out before round {d.before_round}"
        for d in plan.dropped
    ]


def arrival_words(arrival: Arrival, name: str) -> list[str]:
    """What an arrival cannot bring back, in words."""
    lines = [
        f"Too late for table {table} in round {number}: that table hears one presenter fewer."
        for table, number in arrival.too_late
    ]
    if arrival.problem:
        lines.append(f"The original plan cannot come back: {arrival.problem}.")
    if not arrival.effects and not arrival.problem and not arrival.too_late:
        lines.append(f"{name}'s rounds to come are already as first planned.")
    return lines


def change_intro(effect: Effect) -> str:
    """The dialog's first line: where the change meets the rotation."""
    first, rounds = effect.done + 1, effect.rounds_before
    if effect.change is Change.LATE:
        return f"They would miss round {first} of {rounds}. What should change?"
    if effect.change is Change.DROP:
        return f"They miss every round from round {first} of {rounds}. What should change?"
    return f"{effect.done} of {rounds} rounds are done. Bring back the original plan?"
