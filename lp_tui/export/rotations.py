"""A rotation for scripts (JSON, as CONTRACT.md shapes it) and for people (a grid)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lp_tui.domain.rotation import Rotation


def rotation_document(
    rotation: Rotation, names: Sequence[str], tables: Sequence[int]
) -> dict[str, Any]:
    return {
        "tables": len(tables),
        "presenters": len(names),
        "visits_per_table": rotation.visits_per_table,
        "rounds": [
            {
                "round": number,
                "visits": [
                    {"table": tables[v.table - 1], "presenter": names[v.presenter]}
                    for v in rotation.round_visits(number)
                ],
                "resting": [tables[t - 1] for t in rotation.resting(number)],
            }
            for number in range(1, rotation.rounds + 1)
        ],
    }


def rotation_text(document: dict[str, Any]) -> str:
    lines = [
        f"{document['tables']} tables each hear {document['visits_per_table']} of "
        f"{document['presenters']} presenters in {len(document['rounds'])} rounds"
    ]
    for row in document["rounds"]:
        visits = ", ".join(f"table {v['table']}: {v['presenter']}" for v in row["visits"])
        rest = f"; resting: {', '.join(str(t) for t in row['resting'])}" if row["resting"] else ""
        lines.append(f"Round {row['round']}: {visits}{rest}")
    return "\n".join(lines)
