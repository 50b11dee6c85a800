"""Whom a coach may write about: their own table's members, once there are tables."""

from __future__ import annotations

from lp_tui.domain.model import SeatedTable, Seating
from lp_tui.domain.seating import coach_table, outside_coach_table

SEATING = Seating(
    id="s",
    cohort="c",
    day=2,
    at="2017-11-24T09:00:00+00:00",
    how="allocate",
    tables=(
        SeatedTable(number=1, coach="coach-a", members=("p1", "p2")),
        SeatedTable(number=2, coach="coach-b", members=("p3",)),
    ),
)


def test_the_coach_table_is_the_one_they_lead() -> None:
    assert coach_table(SEATING, "coach-b") == SEATING.tables[1]
    assert coach_table(SEATING, "coach-z") is None
    assert coach_table(None, "coach-a") is None


def test_a_coach_writes_only_about_their_own_members() -> None:
    assert outside_coach_table(SEATING, "coach-a", "p2") == ""
    assert outside_coach_table(SEATING, "coach-a", "p3") == ("not at the coach's table 1 that day")


def test_a_coach_without_a_table_writes_about_nobody() -> None:
    assert outside_coach_table(SEATING, "coach-z", "p1") == "the coach has no table that day"


def test_before_any_tables_anyone_may_be_written_about() -> None:
    assert outside_coach_table(None, "coach-a", "p3") == ""


# ---------------------------------------------------------------- who is there to seat
def test_a_presenter_or_coach_marked_is_no_check_in_of_the_participants() -> None:
    from lp_tui.domain.model import AttendanceStatus, Person, Role
    from lp_tui.domain.seating import present

    people = [
        Person("p1", "c", "Ann Lee"),
        Person("p2", "c", "Bob Stone"),
        Person("f1", "c", "Dr Eve Wójcik", role=Role.PRESENTER),
        Person("k1", "c", "Dr Omar Said", role=Role.COACH),
    ]
    late, here = AttendanceStatus.LATE, AttendanceStatus.PRESENT
    everyone = ["p1", "p2"]
    assert [p.id for p in present(people, {})] == everyone
    assert [p.id for p in present(people, {"f1": late, "k1": here})] == everyone
    assert [p.id for p in present(people, {"f1": late, "p2": here})] == ["p2"]
    assert [p.id for p in present(people, {"p1": late})] == ["p1"]
    absent = {"p1": AttendanceStatus.ABSENT}
    assert [p.id for p in present(people, absent)] == everyone  # nobody checked in yet


def test_a_size_rule_after_a_full_stop_begins_with_a_capital() -> None:
    from lp_tui.domain.allocation import size_rule
    from lp_tui.domain.text import sentence

    assert sentence(size_rule(0)) == "Nobody to seat yet"
    assert sentence(size_rule(12)) == size_rule(12)
    assert sentence("") == ""


# ---------------------------------------------------------------- how each person came to sit


def seating(day: int, at: str, how: str, *tables: tuple[str, ...]) -> Seating:
    return Seating(
        id=f"{day}-{at}",
        cohort="c",
        day=day,
        at=f"2017-11-2{day + 2}T{at}:00+00:00",
        how=how,
        tables=tuple(SeatedTable(i + 1, f"coach-{i}", m) for i, m in enumerate(tables)),
    )


def test_one_move_by_hand_says_so_of_the_person_moved_only() -> None:
    from lp_tui.domain.seating import how_seated

    made = [
        seating(2, "09:00", "allocate", ("frank", "eileen"), ("p3",)),
        seating(2, "09:10", "move", ("frank",), ("p3", "eileen")),
        seating(2, "09:20", "move", ("frank",), ("p3", "eileen")),  # X: a table marked only
    ]
    assert how_seated(made, 2, "eileen") == "moved here by hand"
    assert how_seated(made, 2, "frank") == "placed by the allocator"
    assert how_seated(made, 2, "p3") == "placed by the allocator"
    assert how_seated(made, 2, "nobody") == ""


def test_a_move_by_hand_holds_through_a_later_fit_in_and_a_new_allocation_ends_it() -> None:
    from lp_tui.domain.seating import how_seated

    made = [
        seating(2, "09:00", "allocate", ("a", "b"), ("c",)),
        seating(2, "09:10", "move", ("a",), ("c", "b")),
        seating(2, "09:20", "absorb", ("a", "late"), ("c", "b")),
    ]
    assert how_seated(made, 2, "b") == "moved here by hand"
    assert how_seated(made, 2, "late") == "fitted in on arrival"
    assert how_seated(made, 2, "a") == "placed by the allocator"
    made.append(seating(2, "09:30", "absorb", ("a", "late", "b"), ("c",)))
    assert how_seated(made, 2, "b") == "moved here to fit arrivals and absences"
    made.append(seating(2, "09:40", "allocate", ("a", "late", "b"), ("c",)))
    assert how_seated(made, 2, "b") == "placed by the allocator"  # seated anew, same table


def test_kept_tables_say_who_kept_their_seat_and_who_moved() -> None:
    from lp_tui.domain.seating import how_seated

    made = [
        seating(1, "09:00", "allocate", ("a", "b"), ("c", "d")),
        seating(2, "09:00", "keep", ("a", "c"), ("d", "new")),
        seating(2, "09:10", "move", ("a", "c"), ("new", "d")),  # d stays at table 2
    ]
    assert how_seated(made, 2, "a") == "kept from an earlier day"
    assert how_seated(made, 2, "d") == "kept from an earlier day"
    assert how_seated(made, 2, "c") == "moved here when an earlier day's tables were kept"
    assert how_seated(made, 2, "new") == "fitted in when an earlier day's tables were kept"
    assert how_seated(made, 1, "b") == "placed by the allocator"
