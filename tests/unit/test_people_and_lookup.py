from datetime import date

import pytest

from lp_tui.domain.demo import DEMO_DATES, demo_cohort
from lp_tui.domain.lookup import NotFound, find, only_or_named
from lp_tui.domain.model import Cohort, Experience, PresenterKind, Role
from lp_tui.domain.people import RoleGroup, group_counts, search


@pytest.fixture
def people():
    return demo_cohort("2017-11-01T00:00:00+00:00")[1]


def test_the_demo_cohort_has_the_people_the_programme_needs(people) -> None:
    roles = [p.role for p in people]
    assert roles.count(Role.PARTICIPANT) == 40
    assert roles.count(Role.COACH) == 8
    kinds = [p.presenter_kind for p in people if p.role is Role.PRESENTER]
    assert kinds.count(PresenterKind.DARZI_FELLOW) == 8
    assert kinds.count(PresenterKind.MANAGER) == 6
    participants = [p for p in people if p.role is Role.PARTICIPANT]
    assert {p.experience for p in participants} == set(Experience)
    assert sum(1 for p in participants if p.followup_call) == 23
    assert 5 <= sum(1 for p in participants if p.access_needs) <= 10
    assert len({p.organisation for p in participants}) >= 8
    assert len({p.name for p in people}) == len(people)


def test_the_demo_cohort_has_three_dated_days() -> None:
    cohort, _ = demo_cohort("x")
    assert cohort.dates == DEMO_DATES
    assert list(cohort.days) == [1, 2, 3]


def test_the_demo_is_the_same_every_time() -> None:
    first = [(p.name, p.organisation, p.experience) for p in demo_cohort("x")[1]]
    second = [(p.name, p.organisation, p.experience) for p in demo_cohort("x")[1]]
    assert first == second


def test_search_matches_every_word_anywhere(people) -> None:
    found = search(people, "darzi fellow")
    assert len(found) == 8
    assert all(p.presenter_kind is PresenterKind.DARZI_FELLOW for p in found)
    assert [p.name for p in search(people, "GRACE")] == ["Grace Nwosu"]


def test_typing_needs_lists_everyone_with_access_needs(people) -> None:
    with_needs = {p.name for p in people if p.access_needs}
    assert with_needs <= {p.name for p in search(people, "access needs")}


def test_groups_filter_and_count(people) -> None:
    counts = group_counts(people)
    assert counts[RoleGroup.ALL] == len(people)
    assert counts[RoleGroup.STAFF] == 2
    assert all(p.role is Role.COACH for p in search(people, "", RoleGroup.COACHES))


def test_search_lists_by_role_then_name(people) -> None:
    found = search(people, "")
    assert found[0].role is Role.PARTICIPANT
    participants = [p.name for p in found if p.role is Role.PARTICIPANT]
    assert participants == sorted(participants, key=str.casefold)


def test_find_by_id_or_name_and_say_what_is_wrong(people) -> None:
    grace = find(people, "grace  nwosu", "person")
    assert find(people, grace.id, "person") is grace
    with pytest.raises(NotFound, match="no person called 'Nobody'"):
        find(people, "Nobody", "person")


def test_only_or_named_needs_a_name_when_there_are_several() -> None:
    a = Cohort("1", "A", "p", (), "")
    b = Cohort("2", "B", "p", (), "")
    assert only_or_named([a], None, "cohort") is a
    with pytest.raises(
        NotFound, match=r"there are 2 cohorts \('A', 'B'\); choose one with --cohort"
    ):
        only_or_named([a, b], None, "cohort")
    with pytest.raises(NotFound, match="there is no cohort yet"):
        only_or_named([], None, "cohort")


@pytest.mark.parametrize(
    ("today", "day"),
    [
        (date(2017, 11, 1), 1),
        (date(2017, 11, 23), 1),
        (date(2017, 11, 24), 2),
        (date(2017, 12, 1), 3),
        (date(2019, 1, 1), 3),
    ],
)
def test_the_day_follows_the_calendar(today: date, day: int) -> None:
    cohort, _ = demo_cohort("x")
    assert cohort.day_on(today) == day


def test_an_undated_cohort_starts_on_day_one() -> None:
    assert Cohort("1", "A", "p", ("", "", ""), "").day_on(date(2020, 1, 1)) == 1
