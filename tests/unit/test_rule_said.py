"""A seating rule in words, as the Tables screen says it is saved."""

from __future__ import annotations

import pytest

from lp_tui.domain.model import RuleKind, TableRule
from lp_tui.domain.seating import pinned_stay, rule_said

NAMES = {"p1": "Dorothy Kemp", "p2": "Eileen Walsh"}


def rule(kind: RuleKind, active: bool = True, **fields: object) -> TableRule:
    return TableRule(id="r", cohort="c", kind=kind, at="2017-11-24T09:00:00+00:00",
                     active=active, **fields)  # type: ignore[arg-type]  # fmt: skip


@pytest.mark.parametrize(
    ("made", "said"),
    [
        (rule(RuleKind.PIN, person="p1", table=2), "Dorothy Kemp pinned to table 2"),
        (rule(RuleKind.PIN, False, person="p1", table=2), "Dorothy Kemp unpinned"),
        (rule(RuleKind.APART, person="p1", other="p2"), "Dorothy Kemp and Eileen Walsh kept apart"),
        (
            rule(RuleKind.TOGETHER, False, person="p2", other="p1"),
            "Eileen Walsh and Dorothy Kemp no longer kept together",
        ),
        (rule(RuleKind.ACCESSIBLE, table=1), "table 1 accessible"),
        (rule(RuleKind.ACCESSIBLE, False, table=1), "table 1 no longer accessible"),
        (rule(RuleKind.PIN, person="gone", table=3), "? pinned to table 3"),
    ],
)
def test_a_rule_in_words(made: TableRule, said: str) -> None:
    assert rule_said(made, NAMES) == said


@pytest.mark.parametrize(
    ("pinned", "said"),
    [
        (0, ""),
        (1, " except 1 person pinned to a table"),
        (3, " except 3 people pinned to their tables"),
    ],
)
def test_who_stays_put_when_everyone_else_may_move(pinned: int, said: str) -> None:
    assert pinned_stay(pinned) == said
