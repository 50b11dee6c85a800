"""The pure rules a stored or imported record must keep (lp_tui.domain.record_rules)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain import record_rules as rules
from lp_tui.domain.clock import iso
from lp_tui.domain.programme import PROGRAMME_KEY_MAX, programme_key_problem


@given(st.datetimes(timezones=st.just(UTC)))
def test_every_moment_the_store_writes_is_a_good_moment(moment: datetime) -> None:
    assert rules.moment_problem(iso(moment)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-11-23T09:30:00", "has no UTC offset"),
        ("yesterday", "is not a date and time"),
        ("2017-13-01T09:30:00+00:00", "is not a date and time"),
        ("", "is not a date and time"),
        ("x" * 500, "..."),  # named, but cut short
    ],
)
def test_a_bad_moment_is_named(value: str, expected: str) -> None:
    problem = rules.moment_problem(value)
    assert problem is not None and expected in problem
    assert len(problem) < 120


def test_a_moment_in_another_offset_is_good() -> None:
    moment = datetime(2017, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert rules.moment_problem(moment.isoformat()) is None


@given(st.dates())
def test_any_iso_date_is_a_good_date(day: date) -> None:
    assert rules.date_problem(day.isoformat()) is None


@pytest.mark.parametrize("value", ["2017-11-31", "23/11/2017", "20171123", "2017-11-23T09:00"])
def test_a_bad_date_is_named(value: str) -> None:
    assert "is not a date like 2017-11-23" in (rules.date_problem(value) or "")


def test_an_unset_date_is_allowed() -> None:
    assert rules.date_problem("") is None
    assert rules.dates_problem(["", "", ""]) is None


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ([], "a cohort has 1 to 31 days, not 0"),
        (["2017-11-23"] * 32, "not 32"),
        (["2017-11-24", "2017-11-23"], "in order"),
        (["2017-11-23", "2017-11-23"], "one date each"),
        (["2017-11-23", "nope"], "day 2: 'nope' is not a date"),
    ],
)
def test_bad_cohort_dates_are_named(dates: list[str], expected: str) -> None:
    assert expected in (rules.dates_problem(dates) or "")


@given(st.integers(1, 31), st.integers(-5, 40))
def test_a_day_is_good_only_within_its_cohort(days: int, day: int) -> None:
    problem = rules.day_problem(day, days)
    assert (problem is None) == (1 <= day <= days)
    if problem:
        assert str(day) in problem and str(days) in problem


def test_a_choice_names_what_is_allowed() -> None:
    assert rules.choice_problem("coach", {"coach", "participant"}) is None
    assert rules.choice_problem("king", {"coach", "participant"}) == (
        "'king' is not one of coach, participant"
    )
    assert rules.choice_problem(["coach"], {"coach"}) is not None


@pytest.mark.parametrize("key", ["1", "2", "10", "12345"])
def test_record_numbers_as_the_store_writes_them(key: str) -> None:
    assert rules.record_key_problem(key) is None


@pytest.mark.parametrize("key", ["0", "007", "-1", "abc", "", "1.0", "\u00b2", " 1"])
def test_other_record_keys_are_refused(key: str) -> None:
    assert "is not a record number" in (rules.record_key_problem(key) or "")


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [
        ("name", "x" * (rules.MAX_NAME + 1), rules.MAX_NAME),
        ("note", "x" * (rules.MAX_TEXT + 1), rules.MAX_TEXT),
        ("behaviour", "x" * (rules.MAX_SHORT + 1), rules.MAX_SHORT),
        ("members", ["p"] * (rules.MAX_ITEMS + 1), rules.MAX_ITEMS),
    ],
)
def test_sizes_over_the_limit_are_named(field: str, value: object, limit: int) -> None:
    problem = rules.size_problem(field, value)
    assert problem is not None and f"at most {limit:,}" in problem
    assert rules.size_problem(field, value[:limit]) is None  # type: ignore[index]


def test_numbers_over_the_limit_are_named() -> None:
    assert rules.size_problem("number", rules.MAX_NUMBER) is None
    assert rules.size_problem("seconds", -rules.MAX_NUMBER) is None
    assert "too large" in (rules.size_problem("number", rules.MAX_NUMBER + 1) or "")
    assert rules.size_problem("withdrawn", True) is None


def test_a_rotation_names_a_visit_outside_its_lists() -> None:
    good = [{"round": 1, "table": 2, "presenter": 1}]
    assert rules.rotation_problem(2, 2, good) is None
    assert "entry 1: presenter 5" in (
        rules.rotation_problem(2, 2, [{"round": 1, "table": 1, "presenter": 5}]) or ""
    )
    assert "entry 1: table 3" in (
        rules.rotation_problem(2, 2, [{"round": 1, "table": 3, "presenter": 0}]) or ""
    )


@pytest.mark.parametrize("key", ["effective-lay-partner", "elp_2018", "x", "a1"])
def test_a_programme_key(key: str) -> None:
    assert programme_key_problem(key) is None


@pytest.mark.parametrize(
    "key",
    [
        "../../x/evil",
        "/etc/passwd",
        "sessions/elp",
        "Effective",
        "-leading-hyphen",
        "elp.toml",
        "elp\n",
        "",
        "x" * (PROGRAMME_KEY_MAX + 1),
        42,
        None,
    ],
)
def test_a_path_or_anything_else_is_not_a_programme_key(key: object) -> None:
    assert programme_key_problem(key) is not None
