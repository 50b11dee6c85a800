"""The case studies a report (md, html) may use: the ``details`` of impact reports.

The same rule as for quotes (``consent.chosen_quotes``): a person's words appear only when they
consented; each text once however many said it; a count of those left out names nobody.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lp_tui.domain.consent import QuoteChoice
from lp_tui.domain.followup import once, quote_key
from lp_tui.domain.model import ImpactReport


def chosen_case_studies(
    reports: Sequence[ImpactReport], consent: Mapping[str, bool]
) -> QuoteChoice:
    """The case studies (``details``) of these reports that a report may show, each once, in
    the order first given, only from people who consented; ``left_out`` counts the texts (each
    once) that only people who did not consent gave."""
    given = [r for r in reports if r.details.strip()]
    allowed = [r for r in given if consent.get(r.person, False)]
    may = {quote_key(r.details) for r in allowed}
    refused = {quote_key(r.details) for r in given if not consent.get(r.person, False)}
    return QuoteChoice(once(r.details for r in allowed), len(refused - may))
