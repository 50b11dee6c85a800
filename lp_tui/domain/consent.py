"""Consent to be quoted, and the quotes a report should use.

A person may be quoted in a report (md, html) only when they consented: the roster's
``consent_quotes`` (default no) until a ``ConsentMark`` changes it; the latest mark wins. A
change of mind is a new mark, never an edit. The facilitator can star the follow-up quotes a
report should use (``QuoteStar``, the latest for a quote wins): when any quote of a stage is
starred, the report uses only the starred ones; each quote is shown once however many said it.

The records (ConsentMark, QuoteStar) are in lp_tui/domain/model.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from lp_tui.domain.followup import quote_key
from lp_tui.domain.model import ConsentMark, ImpactReport, Person, QuoteStar


def consents(people: Iterable[Person], marks: Iterable[ConsentMark]) -> dict[str, bool]:
    """Each person's consent as it stands: the roster's value, unless a mark says otherwise
    (the latest mark wins; marks made at the same moment count in the order given)."""
    standing = {person.id: person.consent_quotes for person in people}
    for mark in sorted(marks, key=lambda m: m.at):
        if mark.person in standing:
            standing[mark.person] = mark.consent
    return standing


def starred(stars: Iterable[QuoteStar]) -> frozenset[str]:
    """The ids of the impact reports whose quote is starred now (the latest star wins)."""
    latest: dict[str, bool] = {}
    for star in sorted(stars, key=lambda s: s.at):
        latest[star.report] = star.starred
    return frozenset(report for report, on in latest.items() if on)


@dataclass(frozen=True, slots=True)
class Quote:
    """One quote as the screen lists it: its text, and every report that carries it."""

    text: str
    reports: tuple[str, ...]  # impact report ids, oldest first
    people: tuple[str, ...]  # who said it, in the same order
    starred: bool


def distinct_quotes(reports: Sequence[ImpactReport], stars: frozenset[str]) -> list[Quote]:
    """Each quote of these reports once, in the order first said; starred when any report that
    carries it is starred."""
    found: dict[str, list[ImpactReport]] = {}
    for report in reports:
        if report.quote.strip():
            found.setdefault(quote_key(report.quote), []).append(report)
    return [
        Quote(
            text=" ".join(same[0].quote.split()),
            reports=tuple(r.id for r in same),
            people=tuple(r.person for r in same),
            starred=any(r.id in stars for r in same),
        )
        for same in found.values()
    ]


@dataclass(frozen=True, slots=True)
class QuoteChoice:
    """What a report shows of some quotes: each once, and how many were left out because the
    person who said them did not consent."""

    shown: tuple[str, ...]
    left_out: int


def chosen_quotes(
    reports: Sequence[ImpactReport], consent: Mapping[str, bool], stars: frozenset[str]
) -> QuoteChoice:
    """The quotes a report may use: only from people who consented; when any of those is
    starred, only the starred ones; each text once. ``left_out`` counts the quotes (each text
    once) that only people who did not consent said."""
    allowed = [r for r in reports if r.quote.strip() and consent.get(r.person, False)]
    may = {quote_key(r.quote) for r in allowed}
    refused = {
        quote_key(r.quote) for r in reports if r.quote.strip() and not consent.get(r.person, False)
    }
    picked = [r for r in allowed if r.id in stars] or allowed
    shown = tuple(q.text for q in distinct_quotes(picked, stars))
    return QuoteChoice(shown, len(refused - may))
