"""The self-assessment summary as CONTRACT.md shapes it: JSON for scripts, Markdown tables for
people (the report carries the same two tables)."""

from __future__ import annotations

from typing import Any

from lp_tui.domain.model import AssessmentStage
from lp_tui.domain.self_assessment import STAGES, SelfAssessmentSummary, signed_one_dp
from lp_tui.domain.tally import one_dp

STAGE_HEADINGS = {
    AssessmentStage.BEFORE: "Before",
    AssessmentStage.END: "End",
    AssessmentStage.THREE_MONTHS: "3 months",
}


def summary_document(summary: SelfAssessmentSummary) -> dict[str, Any]:
    return {
        "assessed": {stage.value: summary.assessed[stage] for stage in STAGES},
        "statements": [
            {
                "key": s.key,
                "label": s.label,
                "stages": {
                    stage.value: {
                        "number": s.stages[stage].number,
                        "average": s.stages[stage].average,
                    }
                    for stage in STAGES
                },
                "pairs": [
                    {
                        "from": p.first.value,
                        "to": p.then.value,
                        "pairs": p.pairs,
                        "mean_change": p.mean_change,
                    }
                    for p in s.pairs
                ],
            }
            for s in summary.statements
        ],
    }


Rows = tuple[tuple[str, ...], list[tuple[str, ...]], tuple[int, ...]]


def stage_table(summary: SelfAssessmentSummary) -> Rows:
    """Statement | per stage: number, average (1 dp)."""
    columns = (
        "Statement",
        *(f"{STAGE_HEADINGS[stage]}: {what}" for stage in STAGES for what in ("number", "average")),
    )
    rows = [
        (
            s.label,
            *(
                text
                for stage in STAGES
                for text in (str(s.stages[stage].number), one_dp(s.stages[stage].average))
            ),
        )
        for s in summary.statements
    ]
    return columns, rows, tuple(range(1, len(columns)))


def change_table(summary: SelfAssessmentSummary) -> Rows:
    """Statement | per pair of stages: the pairs, the mean change (signed, 1 dp)."""
    first = summary.statements[0].pairs if summary.statements else ()
    columns = (
        "Statement",
        *(
            f"{STAGE_HEADINGS[p.first]} → {STAGE_HEADINGS[p.then].lower()}: {what}"
            for p in first
            for what in ("pairs", "mean change")
        ),
    )
    rows = [
        (
            s.label,
            *(text for p in s.pairs for text in (str(p.pairs), signed_one_dp(p.mean_change))),
        )
        for s in summary.statements
    ]
    return columns, rows, tuple(range(1, len(columns)))


def summary_markdown(summary: SelfAssessmentSummary) -> str:
    """The two tables, as plain Markdown (a '|' in a statement escaped)."""
    out: list[str] = []
    for columns, rows, numeric in (stage_table(summary), change_table(summary)):
        if out:
            out.append("")
        align = ["---:" if i in numeric else "---" for i in range(len(columns))]
        out.append("| " + " | ".join(columns) + " |")
        out.append("|" + "|".join(align) + "|")
        for row in rows:
            out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return "\n".join(out) + "\n"
