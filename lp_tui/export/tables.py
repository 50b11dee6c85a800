"""A day's tables for scripts (JSON) and for people (text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lp_tui.domain.allocation import Pair
from lp_tui.domain.model import Person, Seating
from lp_tui.domain.seating import coaches, pairs_of


def seating_document(
    seating: Seating, people: Sequence[Person], history: set[Pair], notes: Sequence[str] = ()
) -> dict[str, Any]:
    names = {p.id: p.name for p in people}
    return {
        "day": seating.day,
        "how": seating.how,
        "seed": seating.seed,
        "tables": [
            {
                "table": table.number,
                "coach": names.get(table.coach) if table.coach else None,
                "accessible": table.accessible,
                "members": [{"id": m, "name": names.get(m, m)} for m in table.members],
            }
            for table in seating.tables
        ],
        "repeated_pairs": len(pairs_of(seating.tables) & history),
        "spare_coaches": [
            c.name for c in coaches(people) if c.id not in {t.coach for t in seating.tables}
        ],
        "notes": list(notes),
    }


def seating_text(
    seating: Seating, people: Sequence[Person], history: set[Pair], notes: Sequence[str] = ()
) -> str:
    document = seating_document(seating, people, history, notes)
    lines = [f"Day {seating.day} tables ({seating.how}, seed {seating.seed})"]
    for table in document["tables"]:
        access = " (accessible)" if table["accessible"] else ""
        lines.append(f"Table {table['table']}{access}: {table['coach'] or 'no coach'}")
        lines += [f"  {member['name']}" for member in table["members"]]
    lines += [f"note: {note}" for note in notes]
    if document["spare_coaches"]:
        lines.append(f"coaches without a table: {', '.join(document['spare_coaches'])}")
    if history:
        lines.append(f"pairs who sat together before: {document['repeated_pairs']}")
    return "\n".join(lines)
