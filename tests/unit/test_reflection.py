"""Coach reflections (lp_tui.domain.reflection): the latest of a coach's day stands."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.reflection import Reflection, standing_reflection, standing_reflections


def made(n: int, day: int, by: str, text: str, replaces: str = "") -> Reflection:
    return Reflection(f"r{n}", "c", day, by, text, f"2017-11-24T16:{n:02d}:00+00:00", replaces)


def test_none_written_none_standing() -> None:
    assert standing_reflections([]) == []
    assert standing_reflection([], 1, "ann") is None


def test_a_later_one_replaces_the_earlier_for_the_same_coach_and_day() -> None:
    first = made(1, 2, "ann", "quiet")
    second = made(2, 2, "ann", "quiet, then lively", replaces="r1")
    assert standing_reflections([first, second]) == [second]
    assert standing_reflection([first, second], 2, "ann") == second


def test_other_coaches_and_other_days_stand_alongside() -> None:
    ann1 = made(1, 1, "ann", "day one")
    bob2 = made(2, 2, "bob", "bob's day two")
    ann2 = made(3, 2, "ann", "ann's day two")
    assert standing_reflections([ann2, bob2, ann1]) == [ann1, ann2, bob2]  # day, then as given
    assert standing_reflection([ann1, bob2, ann2], 2, "ann") == ann2
    assert standing_reflection([ann1, bob2, ann2], 3, "ann") is None


def test_a_replaced_one_never_stands_even_when_written_later() -> None:
    early = made(5, 1, "ann", "rewritten", replaces="r6")
    late = made(6, 1, "ann", "replaced")
    assert standing_reflections([early, late]) == [early]


@given(
    st.lists(
        st.tuples(st.integers(1, 3), st.sampled_from(["ann", "bob", "cy"]), st.text(max_size=5)),
        max_size=20,
    )
)
def test_one_standing_per_coach_and_day_and_it_is_the_latest(
    written: list[tuple[int, str, str]],
) -> None:
    records = [made(n, day, by, text) for n, (day, by, text) in enumerate(written)]
    standing = standing_reflections(records)
    keys = [(r.day, r.by) for r in standing]
    assert len(keys) == len(set(keys)) == len({(d, b) for d, b, _ in written})
    for r in standing:
        assert r.at == max(o.at for o in records if (o.day, o.by) == (r.day, r.by))
    assert [r.day for r in standing] == sorted(r.day for r in standing)


@given(by=st.sampled_from(["ann", "bob", "coach"]), text=st.text(max_size=30))
def test_forgetting_empties_a_reflection_by_them_or_naming_them_and_nothing_else(
    by: str, text: str
) -> None:
    from lp_tui.domain import forget as rules
    from lp_tui.domain.model import Person

    ann = Person("ann", "c", "Ann Lee")
    forgetting = rules.plan(ann, [ann, Person("bob", "c", "Bob Stone")], [])
    record = made(1, 2, by, text)
    new, removed = rules.forget_record(record, forgetting)
    gone = bool(text) and (by == "ann" or forgetting.mentions(text))
    assert new.text == ("" if gone else text)
    assert dataclasses.replace(new, text=text) == record
    assert removed == ((rules.Removal(rules.REFLECTIONS, text),) if gone else ())


def test_a_reflection_naming_the_forgotten_person_is_emptied() -> None:
    from lp_tui.domain import forget as rules
    from lp_tui.domain.model import Person

    ann = Person("ann", "c", "Ann Lee")
    new, _ = rules.forget_record(made(1, 2, "bob", "Ann Lee spoke up"), rules.plan(ann, [ann], []))
    assert new.text == ""
