"""Who has been seen doing what: counts per participant and per behaviour, and who has had
no feedback yet, so that nobody leaves without it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lp_tui.domain.model import Observation, Person


@dataclass(frozen=True, slots=True)
class FeedbackSummary:
    per_person: dict[str, int]  # participant id -> observations about them
    per_behaviour: list[tuple[str, int]]  # most observed first
    without: list[Person]  # participants nobody has observed yet


def summarise(
    participants: Sequence[Person], observations: Sequence[Observation]
) -> FeedbackSummary:
    about = Counter(o.about for o in observations)
    behaviours = Counter(" ".join(o.behaviour.split()).capitalize() for o in observations)
    return FeedbackSummary(
        per_person={p.id: about[p.id] for p in participants},
        per_behaviour=behaviours.most_common(),
        without=[p for p in participants if not about[p.id]],
    )
