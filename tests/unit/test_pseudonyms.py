"""Pseudonyms: fresh ids from a secret, numbers in the order of HMACs, moments to the minute."""

from __future__ import annotations

import hashlib
import hmac
import re

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.pseudonyms import (
    ID_CHARS,
    digest,
    key_problem,
    new_key,
    numbered,
    pseudo_ids,
    to_minute,
)

KEY = "00" * 16 + "ff" * 16
IDS = st.lists(st.uuids().map(lambda u: u.hex), min_size=1, max_size=40, unique=True)


def test_a_new_key_is_32_random_bytes_as_hex() -> None:
    one, two = new_key(), new_key()
    assert re.fullmatch(r"[0-9a-f]{64}", one) and one != two
    assert key_problem(one) is None


def test_a_key_that_is_not_64_hex_characters_is_named() -> None:
    assert key_problem("ab" * 31) == "is not 64 lower-case hex characters"
    assert key_problem("AB" * 32) == "is not 64 lower-case hex characters"
    assert key_problem("zz" * 32) is not None


def test_a_fresh_id_is_the_hmac_sha256_of_the_real_one_cut_short() -> None:
    real = "4bbe4095c8b44e5686b7caa2cccaf789"
    expected = hmac.new(bytes.fromhex(KEY), real.encode(), hashlib.sha256).hexdigest()
    assert digest(KEY, real) == expected
    assert pseudo_ids(KEY, [real, ""]) == {real: expected[:ID_CHARS]}


@given(IDS)
def test_fresh_ids_are_distinct_new_and_the_same_for_the_same_key(reals: list[str]) -> None:
    fresh = pseudo_ids(KEY, reals)
    assert set(fresh) == set(reals)
    assert len(set(fresh.values())) == len(reals)
    assert set(fresh.values()).isdisjoint(reals)
    assert pseudo_ids(KEY, reversed(reals)) == fresh


@given(IDS)
def test_another_key_gives_other_ids(reals: list[str]) -> None:
    other = new_key()
    assert set(pseudo_ids(KEY, reals).values()).isdisjoint(pseudo_ids(other, reals).values())


@given(IDS, st.randoms())
def test_numbers_follow_the_hmacs_not_the_order_given(reals: list[str], rng) -> None:
    shuffled = list(reals)
    rng.shuffle(shuffled)
    names = numbered(KEY, [(r, "P") for r in reals])
    assert numbered(KEY, [(r, "P") for r in shuffled]) == names
    by_number = sorted(reals, key=lambda r: names[r])
    assert by_number == sorted(reals, key=lambda r: digest(KEY, r))
    width = max(2, len(str(len(reals))))
    assert sorted(names.values()) == [f"P{n:0{width}d}" for n in range(1, len(reals) + 1)]


def test_each_prefix_is_numbered_on_its_own() -> None:
    names = numbered(KEY, [("a", "P"), ("b", "C"), ("c", "P")])
    assert names["b"] == "C01" and sorted([names["a"], names["c"]]) == ["P01", "P02"]


def test_a_moment_keeps_its_date_minute_and_offset_only() -> None:
    assert to_minute("2017-11-24T10:32:07.123456+00:00") == "2017-11-24T10:32+00:00"
    assert to_minute("2017-11-24T10:32:59+01:00") == "2017-11-24T10:32+01:00"
    assert to_minute("2017-11-24T10:32+00:00") == "2017-11-24T10:32+00:00"
