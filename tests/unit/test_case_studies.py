"""The 3-month case studies a report may show: only from people who consented, each text once,
and a count of those left out that names nobody (the rule the quotes follow)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.case_studies import chosen_case_studies
from lp_tui.domain.followup import quote_key
from lp_tui.domain.model import ImpactReport, Stage


def report(index: int, person: str, details: str) -> ImpactReport:
    return ImpactReport(f"r{index}", "k", person, Stage.THREE_MONTHS, "2018-04-01T10:00:00+00:00",
                        details=details)  # fmt: skip


def test_only_those_who_consented_each_text_once_in_the_order_given() -> None:
    reports = [
        report(1, "a", "Went to the board"),
        report(2, "b", "Chairs a panel"),
        report(3, "c", "  went to  the BOARD "),  # the same words as a's
        report(4, "d", ""),
    ]
    choice = chosen_case_studies(reports, {"a": True, "b": False, "c": True, "d": True})
    assert choice.shown == ("Went to the board",)
    assert choice.left_out == 1


def test_words_also_said_by_someone_who_consented_are_not_counted_as_left_out() -> None:
    reports = [report(1, "a", "Same words"), report(2, "b", "same words")]
    choice = chosen_case_studies(reports, {"a": False, "b": True})
    assert choice.shown == ("same words",)
    assert choice.left_out == 0


def test_nobody_known_consents_by_default() -> None:
    choice = chosen_case_studies([report(1, "x", "Something")], {})
    assert (choice.shown, choice.left_out) == ((), 1)


TEXTS = st.sampled_from(["", "A", "a ", "B", "C c", "c  C"])


@given(
    st.lists(st.tuples(st.sampled_from("pqrs"), TEXTS), max_size=12),
    st.sets(st.sampled_from("pqrs")),
)
def test_every_text_is_shown_once_or_counted_as_left_out(rows, yes) -> None:
    reports = [report(i, person, text) for i, (person, text) in enumerate(rows)]
    choice = chosen_case_studies(reports, {p: p in yes for p in "pqrs"})
    shown = [quote_key(t) for t in choice.shown]
    assert len(shown) == len(set(shown))
    given_ = {quote_key(r.details) for r in reports if r.details.strip()}
    assert set(shown) <= given_
    assert len(shown) + choice.left_out == len(given_)
    for r in reports:  # nothing of someone who did not consent unless a consenting one said it
        if r.details.strip() and quote_key(r.details) in shown:
            assert any(
                o.person in yes and quote_key(o.details) == quote_key(r.details) for o in reports
            )
