"""Words the report's sections share: counts in words, and what consent allows quoting."""

from __future__ import annotations

from lp_tui.domain.text import plural
from lp_tui.export.gather import CohortRecords

__all__ = ["left_out_words", "may_quote", "plural"]


def may_quote(r: CohortRecords, people: tuple[str, ...]) -> bool:
    """A report (md, html) shows people's words only when every one of them consented."""
    return bool(people) and all(r.consent.get(p, False) for p in people)


def left_out_words(count: int, word: str, words: str) -> str:
    """How many a report leaves out for lack of consent (a count names nobody)."""
    who = "whoever said it has" if count == 1 else "those who said them have"
    return f"{plural(count, word, words)} left out: {who} not agreed to be quoted in reports."
