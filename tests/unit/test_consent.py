"""Consent to be quoted (the roster's value until a mark changes it; the latest mark wins),
starred quotes (the latest star wins), and which quotes a report may use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.consent import chosen_quotes, consents, distinct_quotes, starred
from lp_tui.domain.followup import PersonFollowUp, once, summary
from lp_tui.domain.model import ConsentMark, ImpactReport, Person, QuoteStar, Stage
from lp_tui.domain.roster import parse_roster_csv

START = datetime(2018, 1, 8, 10, tzinfo=UTC)


def at(minute: int) -> str:
    return (START + timedelta(minutes=minute)).isoformat()


def person(pid: str, consent: bool = False) -> Person:
    return Person(id=pid, cohort="c", name=f"Name {pid}", consent_quotes=consent)


def mark(pid: str, consent: bool, minute: int, mid: str = "") -> ConsentMark:
    return ConsentMark(mid or f"m-{pid}-{minute}", "c", pid, consent, at(minute))


def report(rid: str, pid: str, quote: str, stage: Stage = Stage.ONE_MONTH) -> ImpactReport:
    return ImpactReport(rid, "c", pid, stage, at(0), quote=quote)


def star(rid: str, on: bool, minute: int) -> QuoteStar:
    return QuoteStar(f"s-{rid}-{minute}", "c", rid, on, at(minute))


# ---------------------------------------------------------------- consent


def test_the_roster_default_is_no() -> None:
    assert Person(id="p", cohort="c", name="Ann").consent_quotes is False
    [row] = parse_roster_csv("name\nAnn\n", "roster.csv")
    built = row.person("c")
    assert consents([built], [])[built.id] is False


def test_without_marks_the_roster_value_stands() -> None:
    people = [person("a", True), person("b", False)]
    assert consents(people, []) == {"a": True, "b": False}


def test_a_mark_overrides_the_roster_both_ways() -> None:
    people = [person("a", True), person("b", False)]
    assert consents(people, [mark("a", False, 1), mark("b", True, 1)]) == {"a": False, "b": True}


def test_the_latest_mark_wins_whatever_order_they_are_given_in() -> None:
    people = [person("a")]
    marks = [mark("a", True, 5), mark("a", False, 2), mark("a", True, 1)]
    assert consents(people, marks) == {"a": True}
    assert consents(people, list(reversed(marks))) == {"a": True}


def test_marks_at_the_same_moment_count_in_the_order_given() -> None:
    people = [person("a")]
    assert consents(people, [mark("a", True, 1, "x"), mark("a", False, 1, "y")]) == {"a": False}


def test_a_mark_for_someone_not_on_the_roster_is_ignored() -> None:
    assert consents([person("a")], [mark("ghost", True, 1)]) == {"a": False}


@given(
    roster=st.booleans(),
    marks=st.lists(st.tuples(st.booleans(), st.integers(0, 500)), max_size=12),
)
def test_consent_is_the_latest_marks_value_or_the_rosters(
    roster: bool, marks: list[tuple[bool, int]]
) -> None:
    records = [mark("a", value, minute, f"m{i}") for i, (value, minute) in enumerate(marks)]
    standing = consents([person("a", roster)], records)["a"]
    if not marks:
        assert standing is roster
    else:
        latest = max(range(len(marks)), key=lambda i: (marks[i][1], i))
        assert standing is marks[latest][0]


# ---------------------------------------------------------------- stars


def test_no_stars_means_nothing_starred() -> None:
    assert starred([]) == frozenset()


def test_the_latest_star_wins() -> None:
    stars = [star("r1", True, 1), star("r1", False, 3), star("r2", True, 2), star("r2", True, 4)]
    assert starred(stars) == {"r2"}
    assert starred([*stars, star("r1", True, 9)]) == {"r1", "r2"}


@given(st.lists(st.tuples(st.sampled_from(["r1", "r2", "r3"]), st.booleans(), st.integers(0, 99))))
def test_a_quote_is_starred_when_its_latest_star_says_so(
    stars: list[tuple[str, bool, int]],
) -> None:
    records = [
        QuoteStar(f"s{i}", "c", rid, on, at(minute)) for i, (rid, on, minute) in enumerate(stars)
    ]
    result = starred(records)
    for rid in ("r1", "r2", "r3"):
        mine = [(minute, i, on) for i, (r, on, minute) in enumerate(stars) if r == rid]
        assert (rid in result) is (bool(mine) and max(mine)[2])


# ---------------------------------------------------------------- quotes once each


def test_the_same_words_from_several_people_are_one_quote() -> None:
    reports = [
        report("r1", "a", "I spoke up at the board"),
        report("r2", "b", "i  spoke up at the BOARD "),
        report("r3", "c", "Something else"),
        report("r4", "d", "   "),
    ]
    quotes = distinct_quotes(reports, frozenset({"r2"}))
    assert [q.text for q in quotes] == ["I spoke up at the board", "Something else"]
    assert quotes[0].reports == ("r1", "r2") and quotes[0].people == ("a", "b")
    assert [q.starred for q in quotes] == [True, False]


def test_the_follow_up_summary_lists_each_quote_once() -> None:
    people = [person(p) for p in "abcdef"]
    rows = [
        PersonFollowUp(p, True, True, "", {Stage.ONE_MONTH: report(f"r{p.id}", p.id, words)})
        for p, words in zip(people, ["Same", "Same", "same ", "Other", "", "Same"], strict=True)
    ]
    [one_month, _] = summary(rows).stages
    assert one_month.quotes == ("Same", "Other")
    assert one_month.responses == 6  # counts are of reports, not of quotes


@given(st.lists(st.sampled_from(["a", "A ", "b", " b", "", "c d", "c  d"])))
def test_once_keeps_one_of_each_in_first_said_order(quotes: list[str]) -> None:
    result = once(quotes)
    keys = [" ".join(q.split()).casefold() for q in result]
    assert len(keys) == len(set(keys))
    assert set(keys) == {" ".join(q.split()).casefold() for q in quotes if q.strip()}


# ---------------------------------------------------------------- what a report may use


def test_only_quotes_of_people_who_consented_are_used_and_the_rest_counted() -> None:
    reports = [report("r1", "a", "Yes from A"), report("r2", "b", "No from B")]
    choice = chosen_quotes(reports, {"a": True, "b": False}, frozenset())
    assert choice.shown == ("Yes from A",)
    assert choice.left_out == 1


def test_someone_unknown_to_the_consent_list_is_not_quoted() -> None:
    choice = chosen_quotes([report("r1", "x", "Who?")], {}, frozenset())
    assert choice.shown == () and choice.left_out == 1


def test_duplicates_are_shown_once_and_counted_once() -> None:
    reports = [
        report("r1", "a", "Same words"),
        report("r2", "b", "Same words"),
        report("r3", "c", "Kept back"),
        report("r4", "d", "kept  back"),
    ]
    consent = {"a": True, "b": True, "c": False, "d": False}
    choice = chosen_quotes(reports, consent, frozenset())
    assert choice.shown == ("Same words",)
    assert choice.left_out == 1


def test_words_one_consenting_person_also_said_are_not_counted_as_left_out() -> None:
    reports = [report("r1", "a", "Shared"), report("r2", "b", "Shared")]
    choice = chosen_quotes(reports, {"a": True, "b": False}, frozenset())
    assert choice.shown == ("Shared",) and choice.left_out == 0


def test_when_any_quote_is_starred_only_the_starred_are_used() -> None:
    reports = [report("r1", "a", "One"), report("r2", "b", "Two"), report("r3", "c", "Three")]
    consent = {"a": True, "b": True, "c": True}
    assert chosen_quotes(reports, consent, frozenset()).shown == ("One", "Two", "Three")
    assert chosen_quotes(reports, consent, frozenset({"r3", "r1"})).shown == ("One", "Three")


def test_a_starred_quote_of_someone_who_did_not_consent_is_still_left_out() -> None:
    reports = [report("r1", "a", "One"), report("r2", "b", "Two")]
    choice = chosen_quotes(reports, {"a": True, "b": False}, frozenset({"r2"}))
    assert choice.shown == ("One",)  # no starred quote may be used: every consented one
    assert choice.left_out == 1


@given(
    quotes=st.lists(
        st.tuples(st.sampled_from(["p1", "p2", "p3", "p4"]), st.sampled_from(["x", "y", "z", ""])),
        max_size=10,
    ),
    consent=st.dictionaries(st.sampled_from(["p1", "p2", "p3", "p4"]), st.booleans()),
    stars=st.sets(st.integers(0, 9)),
)
def test_a_report_never_quotes_words_only_non_consenting_people_said(
    quotes: list[tuple[str, str]], consent: dict[str, bool], stars: set[int]
) -> None:
    reports = [report(f"r{i}", pid, words) for i, (pid, words) in enumerate(quotes)]
    choice = chosen_quotes(reports, consent, frozenset(f"r{i}" for i in stars))
    allowed = {r.quote for r in reports if r.quote and consent.get(r.person, False)}
    assert set(choice.shown) <= allowed
    assert len(choice.shown) == len(set(choice.shown))
    refused = {r.quote for r in reports if r.quote and not consent.get(r.person, False)}
    assert choice.left_out == len(refused - allowed)
