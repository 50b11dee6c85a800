"""Who has been seen doing what: counts per participant and per behaviour, and who has had
no feedback yet, so that nobody leaves without it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lp_tui.domain.behaviours import BehaviourList
from lp_tui.domain.model import Observation, PeerFeedback, Person, PresenterFeedback, Seating
from lp_tui.domain.seating import day_seating, outside_coach_table, seating_at


@dataclass(frozen=True, slots=True)
class FeedbackSummary:
    """Who has been seen and who has given and received feedback, counted."""

    per_person: dict[str, int]  # participant id -> observations and peer feedback about them
    seen: dict[str, int]  # participant id -> coaches' observations about them
    received: dict[str, int]  # participant id -> peer feedback given to them
    given: dict[str, int]  # participant id -> peer feedback they gave
    per_behaviour: list[tuple[str, int]]  # most seen first; the cohort's list order breaks ties
    without: list[Person]  # participants with no observation and no peer feedback yet


def summarise(
    participants: Sequence[Person],
    observations: Sequence[Observation],
    peer: Sequence[PeerFeedback] = (),
    behaviours: BehaviourList | None = None,
) -> FeedbackSummary:
    """Counts of what stands; behaviours are counted under the cohort's list where they match
    it, and every behaviour on the list appears, seen or not."""
    behaviours = behaviours or BehaviourList()
    seen = Counter(o.about for o in observations)
    received = Counter(f.receiver for f in peer)
    given = Counter(f.giver for f in peer)
    said = [o.behaviour for o in observations] + [f.behaviour for f in peer]
    counted = Counter(behaviours.canonical(b) for b in said)
    order = {name: i for i, name in enumerate(behaviours.names)}
    ranked = sorted(
        set(counted) | set(order), key=lambda b: (-counted[b], order.get(b, len(order)), b)
    )
    total = {p.id: seen[p.id] + received[p.id] for p in participants}
    return FeedbackSummary(
        per_person=total,
        seen={p.id: seen[p.id] for p in participants},
        received={p.id: received[p.id] for p in participants},
        given={p.id: given[p.id] for p in participants},
        per_behaviour=[(b, counted[b]) for b in ranked],
        without=[p for p in participants if not total[p.id]],
    )


# "Observed enough": a participant should have at least this many standing entries about them
# on a day (coaches' observations of them and peer feedback they received) before it ends. A
# cohort may set its own number (Cohort.observed_enough); this is the programme's default.
OBSERVED_ENOUGH = 3


def enough_entries(setting: int | None) -> int:
    """The number a cohort asks for: its own setting when it has a positive one, else the
    default."""
    return setting if setting is not None and setting > 0 else OBSERVED_ENOUGH


def short_of(summary: FeedbackSummary, enough: int) -> dict[str, int]:
    """Participant id -> how many more standing entries they need to reach ``enough``, for
    those below it only (in the summary's order of participants)."""
    return {
        person: enough - count for person, count in summary.per_person.items() if count < enough
    }


Entry = Observation | PeerFeedback | PresenterFeedback


def describe(entry: Entry, names: dict[str, str]) -> tuple[str, str, str, str]:
    """(kind, who, behaviour, words) of a coach's entry: kind is observation, peer or
    visitor; who is the person seen, the pair ("A → B"), or the visiting presenter."""
    if isinstance(entry, Observation):
        return "observation", names.get(entry.about, "?"), entry.behaviour, entry.note
    if isinstance(entry, PeerFeedback):
        pair = f"{names.get(entry.giver, '?')} → {names.get(entry.receiver, '?')}"
        return "peer", pair, entry.behaviour, entry.words
    return "visitor", names.get(entry.presenter, "?"), "", entry.text


def people_in(entry: Entry) -> set[str]:
    """The participants an entry is about (none for feedback to a presenter)."""
    if isinstance(entry, Observation):
        return {entry.about}
    if isinstance(entry, PeerFeedback):
        return {entry.giver, entry.receiver}
    return set()


def own_entries(
    entries: Sequence[Entry], coach: str, seatings: Sequence[Seating], day: int
) -> list[Entry]:
    """A coach's own entries of a day about their own table: all they may see.

    "Their own table" is the one they led when they wrote the entry (the rule they wrote it
    under), or the one they lead now: a re-seating later in the day (K with few checked in
    yet, a latecomer fitted in, a move by hand) takes no entry from its author's list. Only
    the people at their table now can be written about afresh (``outside_coach_table``)."""
    now = day_seating(seatings, day)

    def allowed(entry: Entry, seating: Seating | None) -> bool:
        return all(not outside_coach_table(seating, coach, p) for p in people_in(entry))

    return [
        e
        for e in entries
        if e.by == coach and (allowed(e, now) or allowed(e, seating_at(seatings, day, e.at)))
    ]
