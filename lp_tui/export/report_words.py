"""Words the report's sections share: counts in words, and what consent allows quoting."""

from __future__ import annotations

from lp_tui.export.gather import CohortRecords


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def may_quote(r: CohortRecords, people: tuple[str, ...]) -> bool:
    """A report (md, html) shows people's words only when every one of them consented."""
    return bool(people) and all(r.consent.get(p, False) for p in people)


def left_out_words(count: int, word: str, words: str) -> str:
    """How many a report leaves out for lack of consent (a count names nobody)."""
    who = "whoever said it has" if count == 1 else "those who said them have"
    return f"{plural(count, word, words)} left out: {who} not agreed to be quoted in reports."
