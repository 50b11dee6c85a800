import unicodedata
from datetime import UTC, datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lp_tui.domain.demo import DEMO_DATES, demo_cohort
from lp_tui.domain.lookup import NotFound, find, only_or_named
from lp_tui.domain.model import (
    AttendanceMark,
    AttendanceStatus,
    Cohort,
    Experience,
    Person,
    PresenterKind,
    Role,
)
from lp_tui.domain.people import (
    Rank,
    RoleGroup,
    arrival_time,
    choose,
    fold,
    group_counts,
    mark_to_undo,
    rank,
    ranked,
    search,
    standing_marks,
    status_before,
    statuses,
    undo_mark,
    whole_name,
)


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


# ---------------------------------------------------------------- one rule for typed names


def person(name: str, organisation: str = "", needs: str = "", pid: str = "") -> Person:
    return Person(
        id=pid or name,
        cohort="c",
        name=name,
        role=Role.PARTICIPANT,
        organisation=organisation,
        access_needs=needs,
    )


def test_fold_drops_case_and_accents() -> None:
    assert fold("Wójcik") == "wojcik"
    assert fold("SIOBHÁN") == "siobhan"
    assert fold("Straße") == "strasse"
    assert fold("Ｆｕｌｌ") == "full"
    assert fold("ᾀ") == fold("ᾀ".casefold()) == "αι"  # case folds into an accent: dropped too
    assert whole_name("  Siobhán \t Wójcik ") == "siobhan wojcik"


@settings(max_examples=300)
@given(st.text())
def test_fold_is_stable_and_leaves_no_accents_or_capitals(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.combining(c) for c in folded)
    assert folded.casefold() == folded


@settings(max_examples=200)
@given(st.text(st.characters(categories=["L"]), min_size=1, max_size=12))
def test_a_name_is_found_by_its_own_letters_in_any_case(name: str) -> None:
    someone = person(name)
    assert rank(someone, name) is not None
    assert rank(someone, name.casefold()) is not None
    assert rank(someone, fold(name)) is not None
    assume(name.upper().casefold() == name.casefold())  # not so for "ı", "ſ"...
    assert rank(someone, name.upper()) is not None


def test_search_ignores_accents_everywhere(people) -> None:
    assert [p.name for p in search(people, "wojc")] == ["Dr Tomasz Wójcik"]
    siobhan = person("Siobhán Ní Bhriain", organisation="Hôpital Général")
    assert search([siobhan], "siobhan") == [siobhan]
    assert search([siobhan], "HOPITAL general") == [siobhan]


def test_name_matches_rank_above_organisation_matches(people) -> None:
    found = ranked(people, "pati")
    assert found[0].name == "Patience Mensah"
    assert all(rank(p, "pati") is Rank.OTHER for p in found[1:])
    assert any(p.name == "Cyril Adeyemi" for p in found[1:])


def test_a_word_start_ranks_above_a_substring() -> None:
    joanne, anna = person("Joanne Hill"), person("Anna Byrne")
    assert rank(anna, "ann") is Rank.NAME_START
    assert rank(joanne, "ann") is Rank.NAME
    assert ranked([joanne, anna], "ann") == [anna, joanne]


def test_pati_chooses_patience_not_cyril(people) -> None:
    participants = [p for p in people if p.role is Role.PARTICIPANT]
    assert choose(participants, "pati").person.name == "Patience Mensah"


def test_several_names_ask_with_the_count() -> None:
    crowd = [person("Mary Ann"), person("Mark Hale"), person("Tom Reid", organisation="Mansion")]
    choice = choose(crowd, "ma")
    assert choice.person is None and choice.count == 2
    assert "2 match “ma”" in choice.problem and "arrows" in choice.problem


def test_the_row_moved_to_wins() -> None:
    mary, mark = person("Mary Ann"), person("Mark Hale")
    assert choose([mary, mark], "ma", picked=mark.id).person is mark
    assert choose([mary, mark], "mary", picked=mark.id).person is mary  # mark no longer shown


def test_the_whole_name_typed_is_a_clear_choice() -> None:
    ann, joanne = person("Ann Lee"), person("Joann Leeds")
    assert choose([ann, joanne], "ann lee").person is ann
    assert choose([ann, joanne], "ANN  LÉE").person is ann


def test_one_match_on_other_fields_is_a_choice_several_are_not() -> None:
    sunil = person("Sunil Varma", needs="Wheelchair user")
    other = person("Rosa Fernandes", organisation="Riverside CCG")
    third = person("Owen Pritchard", organisation="Riverside CCG")
    assert choose([sunil, other, third], "wheelchair").person is sunil
    choice = choose([sunil, other, third], "riverside")
    assert choice.person is None and choice.count == 2


def test_nobody_matching_says_so() -> None:
    choice = choose([person("Ann Lee")], "zz")
    assert choice.person is None and choice.count == 0
    assert choice.problem == "Nobody matches “zz”."


names = st.lists(
    st.text(st.sampled_from("abcdeéÉ "), min_size=1, max_size=8).filter(str.strip),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300)
@given(names, st.text(st.sampled_from("abeéE "), max_size=4), st.integers(0, 10))
def test_enter_only_ever_acts_on_someone_who_matches(names, query, index) -> None:
    crowd = [person(name, pid=f"p{i}") for i, name in enumerate(names)]
    picked = crowd[index % len(crowd)].id if index < len(crowd) else None
    choice = choose(crowd, query, picked)
    matching = [p for p in crowd if rank(p, query) is not None]
    if choice.person is not None:
        assert choice.person in matching
        if picked is None:
            on_name = [p for p in matching if rank(p, query).on_name]
            exact = [p for p in matching if rank(p, query) is Rank.EXACT]
            assert len(exact) == 1 or len(on_name) == 1 or len(matching) == 1
    else:
        assert picked is None or all(p.id != picked for p in matching)
        assert choice.problem


def test_find_ignores_accents(people) -> None:
    assert find(people, "dr tomasz wojcik", "person").name == "Dr Tomasz Wójcik"


# ---------------------------------------------------------------- attendance marks and undo


def mark(
    pid: str, status: AttendanceStatus, minute: int, mid: str, undoes: str = ""
) -> AttendanceMark:
    at = datetime(2017, 11, 24, 9, minute, tzinfo=UTC).isoformat()
    return AttendanceMark(mid, "c", 2, pid, status, at, undoes)


def test_the_latest_mark_that_stands_wins() -> None:
    late = mark("p", AttendanceStatus.LATE, 1, "m1")
    absent = mark("p", AttendanceStatus.ABSENT, 2, "m2")
    assert statuses([late, absent]) == {"p": AttendanceStatus.ABSENT}
    undo = undo_mark([late, absent], absent, "m3", absent.at)
    assert (undo.undoes, undo.status) == ("m2", AttendanceStatus.LATE)
    assert standing_marks([late, absent, undo]) == {"p": late}
    again = undo_mark([late, absent, undo], late, "m4", absent.at)
    assert again.status is AttendanceStatus.EXPECTED
    assert standing_marks([late, absent, undo, again]) == {}


def test_undo_walks_back_this_terminals_marks_newest_first() -> None:
    first = mark("p", AttendanceStatus.PRESENT, 1, "m1")
    theirs = mark("q", AttendanceStatus.LATE, 2, "m2")  # another terminal's
    second = mark("r", AttendanceStatus.ABSENT, 3, "m3")
    mine = [first, second]
    assert mark_to_undo(mine, [first, theirs, second]) == second
    undo = mark("r", AttendanceStatus.EXPECTED, 4, "m4", undoes="m3")
    mine.append(undo)
    assert mark_to_undo(mine, [first, theirs, second, undo]) == first
    undone_elsewhere = mark("p", AttendanceStatus.EXPECTED, 5, "m5", undoes="m1")
    assert mark_to_undo(mine, [first, theirs, second, undo, undone_elsewhere]) is None


def test_status_before_looks_only_at_earlier_marks() -> None:
    first = mark("p", AttendanceStatus.PRESENT, 1, "m1")
    other = mark("q", AttendanceStatus.ABSENT, 2, "m2")
    second = mark("p", AttendanceStatus.LATE, 3, "m3")
    assert status_before([first, other, second], second) is AttendanceStatus.PRESENT
    assert status_before([first, other, second], first) is AttendanceStatus.EXPECTED


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(st.sampled_from("pqr"), st.sampled_from(list(AttendanceStatus))),
        min_size=1,
        max_size=12,
    )
)
def test_undoing_the_last_mark_equals_the_marks_without_it(raw) -> None:
    marks = [mark(p, s, i % 60, f"m{i}") for i, (p, s) in enumerate(raw)]
    undo = undo_mark(marks, marks[-1], "undo", marks[-1].at)
    assert standing_marks([*marks, undo]) == standing_marks(marks[:-1])
    latest = {m.person: m.status for m in [*marks, undo]}  # a reader that takes the latest
    expected = statuses(marks[:-1]).get(marks[-1].person, AttendanceStatus.EXPECTED)
    assert latest[marks[-1].person] is expected


def test_the_arrival_time_is_shown_for_late_and_after_the_start() -> None:
    started = datetime(2017, 11, 24, 9, 30, tzinfo=UTC)
    early = mark("p", AttendanceStatus.PRESENT, 20, "m1")
    after = mark("p", AttendanceStatus.PRESENT, 42, "m2")
    late = mark("p", AttendanceStatus.LATE, 10, "m3")
    absent = mark("p", AttendanceStatus.ABSENT, 50, "m4")
    assert arrival_time(early, started) is None
    assert arrival_time(after, started) == datetime(2017, 11, 24, 9, 42, tzinfo=UTC)
    assert arrival_time(late, None) == datetime(2017, 11, 24, 9, 10, tzinfo=UTC)
    assert arrival_time(absent, started) is None
    assert arrival_time(after, None) is None
    assert arrival_time(None, started) is None
