"""Follow-up calls as work: latest assignment wins, due dates, overdue, spreading evenly."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.followup import follow_ups, of_asked, summary
from lp_tui.domain.followup_work import (
    CLOSED,
    OUTCOME_KEYS,
    CallWork,
    NotYourCall,
    call_work,
    callers,
    default_due,
    is_overdue,
    latest_assignments,
    minutes_problem,
    not_opted_in,
    opted_in,
    outcome_from,
    own_attempt,
    parse_date,
    parse_minutes,
    spread,
    with_opt_in_as_it_stands,
    work_for,
)
from lp_tui.domain.model import (
    CallAttempt,
    CallerAssignment,
    Cohort,
    FollowUpCall,
    ImpactReport,
    Outcome,
    Person,
    Role,
    Stage,
)

COHORT = Cohort(
    "c1", "London", "effective-lay-partner", ("2017-11-23", "2017-11-24", "2018-01-16"), ""
)
ANN = Person("p1", "c1", "Ann Lee", followup_call=True)
BEN = Person("p2", "c1", "Ben Ode", followup_call=False)
CY = Person("p3", "c1", "Cy Dee", followup_call=True)
OMAR = Person("k1", "c1", "Dr Omar Said", Role.COACH)
FAY = Person("f1", "c1", "Fay Ray", Role.FACILITATOR)
PRESENTER = Person("d1", "c1", "Dr Bo Chan", Role.PRESENTER)
PEOPLE = [ANN, BEN, CY, OMAR, FAY, PRESENTER]


def moment(n: int) -> str:
    return f"2018-01-{n + 1:02d}T10:00:00.000000+00:00"


def attempt(person: str, on: str, outcome: Outcome, n: int = 0) -> CallAttempt:
    return CallAttempt(f"a{n}", "c1", person, "k1", on, 10, outcome, "", moment(n))


def test_the_default_due_date_is_four_weeks_after_the_last_day() -> None:
    assert default_due(COHORT) == date(2018, 1, 16) + timedelta(days=28) == date(2018, 2, 13)


def test_no_due_date_while_the_last_day_has_none() -> None:
    undated = Cohort("c2", "X", "effective-lay-partner", ("2017-11-23", ""), "")
    assert default_due(undated) is None
    assert not is_overdue(None, [], date(2030, 1, 1))


def test_dates_are_exactly_year_month_day() -> None:
    assert parse_date("2018-02-13") == date(2018, 2, 13)
    for bad in ("2018-2-13", "13/02/2018", "2018-02-30", "", "20180213", "2018-02-13T10:00"):
        assert parse_date(bad) is None, bad


def test_minutes_must_be_in_range() -> None:
    assert minutes_problem(0) is None and minutes_problem(45) is None
    assert minutes_problem(-1) and minutes_problem(601)


def test_callers_are_coaches_and_facilitators_by_name() -> None:
    assert [p.name for p in callers(PEOPLE)] == ["Dr Omar Said", "Fay Ray"]


def test_only_those_who_opted_in_have_a_call() -> None:
    participants = [ANN, BEN, CY]
    assert opted_in(participants, []) == [ANN, CY]
    # the follow-up screen's o changes it: the latest call record wins over the roster
    changed = [
        FollowUpCall("x1", "c1", "p2", moment(1), opted_in=True),
        FollowUpCall("x2", "c1", "p3", moment(2), opted_in=False),
    ]
    assert opted_in(participants, changed) == [ANN, BEN]
    assert not_opted_in(ANN, [ANN]) is None
    assert "did not opt in" in (not_opted_in(BEN, [ANN]) or "")
    assert "not a participant" in (not_opted_in(OMAR, [ANN]) or "")


@given(
    st.lists(
        st.tuples(st.sampled_from(["p1", "p2"]), st.sampled_from(["k1", "f1"]), st.integers(0, 27)),
        max_size=12,
    )
)
def test_the_latest_assignment_wins(made: list[tuple[str, str, int]]) -> None:
    assignments = [
        CallerAssignment(f"a{i}", "c1", person, caller, "", moment(n))
        for i, (person, caller, n) in enumerate(made)
    ]
    standing = latest_assignments(assignments)
    assert set(standing) == {person for person, _, _ in made}
    for person, assignment in standing.items():
        mine = [a for a in assignments if a.person == person]
        latest = max(a.at for a in mine)
        # the latest moment; on a tie, the one recorded last
        assert assignment == [a for a in mine if a.at == latest][-1]


def test_reassigning_moves_the_call() -> None:
    first = CallerAssignment("a1", "c1", "p1", "k1", "", moment(1))
    second = CallerAssignment("a2", "c1", "p1", "f1", "2018-03-01", moment(2))
    [row, _] = call_work([ANN, CY], PEOPLE, COHORT, [second, first], [], date(2018, 3, 2))
    assert row.caller == FAY and row.due == date(2018, 3, 1)
    assert (
        work_for(call_work([ANN, CY], PEOPLE, COHORT, [first, second], [], date(2018, 1, 1)), "k1")
        == []
    )


outcomes = st.sampled_from(list(Outcome))


@given(
    st.dates(date(2018, 1, 1), date(2018, 4, 1)),
    st.dates(date(2018, 1, 1), date(2018, 4, 1)),
    st.lists(outcomes, max_size=5),
)
def test_overdue_is_past_due_with_no_call_made_or_declined(
    due: date, today: date, made: list[Outcome]
) -> None:
    tried = [attempt("p1", "2018-01-20", outcome, n) for n, outcome in enumerate(made)]
    expected = due < today and not (set(made) & CLOSED)
    assert is_overdue(due, tried, today) is expected


def test_overdue_in_the_work_list() -> None:
    due = default_due(COHORT)
    assert due is not None
    tried = [attempt("p1", "2018-02-01", Outcome.NO_ANSWER, 1)]
    rows = call_work([ANN, CY], PEOPLE, COHORT, [], tried, due + timedelta(days=1))
    assert [(r.person, r.overdue) for r in rows] == [(ANN, True), (CY, True)]
    on_the_day = call_work([ANN, CY], PEOPLE, COHORT, [], tried, due)
    assert not any(r.overdue for r in on_the_day)
    declined = [*tried, attempt("p3", "2018-02-20", Outcome.DECLINED, 2)]
    later = call_work([ANN, CY], PEOPLE, COHORT, [], declined, due + timedelta(days=9))
    assert [r.overdue for r in later] == [True, False]


def test_attempts_are_kept_in_call_order_and_the_latest_gives_the_outcome() -> None:
    # recorded out of order: the call of 1 Feb was keyed after the one of 5 Feb
    tried = [
        attempt("p1", "2018-02-05", Outcome.HAPPENED, 1),
        attempt("p1", "2018-02-01", Outcome.NO_ANSWER, 2),
        attempt("p1", "2018-02-03", Outcome.RESCHEDULED, 3),
    ]
    [row] = call_work([ANN], PEOPLE, COHORT, [], tried, date(2018, 2, 6))
    assert [a.on for a in row.attempts] == ["2018-02-01", "2018-02-03", "2018-02-05"]
    assert row.outcome is Outcome.HAPPENED
    [none] = call_work([CY], PEOPLE, COHORT, [], tried, date(2018, 2, 6))
    assert none.attempts == () and none.outcome is None and none.caller is None


ids = st.lists(st.text("abcdefgh", min_size=1, max_size=3), unique=True)


@given(ids, ids.filter(bool))
def test_spreading_from_nothing_differs_by_at_most_one(
    people: list[str], caller_ids: list[str]
) -> None:
    out = spread(people, caller_ids, {})
    assert set(out) == set(people)
    assert set(out.values()) <= set(caller_ids)
    counts = Counter(out.values())
    per_caller = [counts[c] for c in caller_ids]
    assert max(per_caller) - min(per_caller) <= 1


@given(ids, ids.filter(bool), st.data())
def test_spreading_keeps_assignments_and_never_widens_the_gap(
    people: list[str], caller_ids: list[str], data: st.DataObject
) -> None:
    pool = [*caller_ids, "gone"]  # a caller no longer among them: that person is spread again
    current = {p: data.draw(st.sampled_from(pool)) for p in people if data.draw(st.booleans())}
    out = spread(people, caller_ids, current)
    kept = {p: c for p, c in current.items() if c in caller_ids}
    assert not set(out) & set(kept)
    assert set(out) | set(kept) == set(people)
    before = Counter(kept.values())
    after = Counter({**kept, **out}.values())
    gap_before = max(before[c] for c in caller_ids) - min(before[c] for c in caller_ids)
    gap_after = max(after[c] for c in caller_ids) - min(after[c] for c in caller_ids)
    assert gap_after <= max(1, gap_before)


def test_spreading_with_no_callers_assigns_nobody() -> None:
    assert spread(["p1", "p2"], [], {}) == {}


def test_a_call_that_happened_counts_as_followed_through() -> None:
    participants = [ANN, BEN, CY]
    rows = follow_ups(participants, [], [], [attempt("p1", "2018-02-01", Outcome.HAPPENED)])
    assert summary(rows).calls_happened == 1
    # an attempt that did not happen, or one for someone who did not opt in, does not count
    others = [
        attempt("p3", "2018-02-01", Outcome.NO_ANSWER, 1),
        attempt("p2", "2018-02-01", Outcome.HAPPENED, 2),
    ]
    assert summary(follow_ups(participants, [], [], others)).calls_happened == 0
    # the old record and an attempt for the same person count them once
    both = [FollowUpCall("x", "c1", "p1", moment(1), True, True)]
    rows = follow_ups(participants, both, [], [attempt("p1", "2018-02-01", Outcome.HAPPENED)])
    assert summary(rows).calls_happened == 1


def test_a_question_not_asked_counts_as_neither_yes_nor_no() -> None:
    reports = [
        ImpactReport("r1", "c1", "p1", Stage.ONE_MONTH, moment(1), True, None),
        ImpactReport("r2", "c1", "p3", Stage.ONE_MONTH, moment(2), False, True),
    ]
    [month, _] = summary(follow_ups([ANN, BEN, CY], [], reports)).stages
    assert (month.responses, month.met_expectations, month.would_recommend) == (2, 1, 1)
    assert (month.asked_expectations, month.asked_recommend) == (2, 1)
    assert of_asked(month.asked_expectations, month.responses) == ""  # all were asked
    assert of_asked(month.asked_recommend, month.responses) == " (of 1 asked)"


def test_forgetting_the_person_or_the_caller_empties_the_call_note() -> None:
    from lp_tui.domain.forget import CALL_NOTES, forget_record, plan

    made = CallAttempt("a1", "c1", "p1", "k1", "2018-02-01", 20, Outcome.HAPPENED, "Spoke", "")
    for who in (ANN, OMAR):
        forgotten, removed = forget_record(made, plan(who, PEOPLE, []))
        assert forgotten.note == "" and [r.kind for r in removed] == [CALL_NOTES]
        assert (forgotten.person, forgotten.caller, forgotten.outcome) == ("p1", "k1", "happened")
    untouched, removed = forget_record(made, plan(CY, PEOPLE, []))
    assert untouched == made and removed == ()


def test_each_outcome_has_one_key_and_its_name() -> None:
    assert sorted(OUTCOME_KEYS.values()) == sorted(Outcome)
    for key, outcome in OUTCOME_KEYS.items():
        assert outcome_from(key) is outcome and outcome_from(key.upper()) is outcome
    for outcome in Outcome:
        assert outcome_from(f" {outcome.value} ") is outcome
    assert outcome_from("x") is None and outcome_from("") is None


@given(st.text(max_size=6))
def test_an_outcome_is_read_only_from_its_key_or_name(answer: str) -> None:
    found = outcome_from(answer)
    folded = answer.strip().lower()
    assert (found is None) is (folded not in OUTCOME_KEYS and folded not in set(Outcome))


def test_minutes_as_typed() -> None:
    assert parse_minutes("") is None and parse_minutes("  ") is None
    assert parse_minutes(" 25 ") == 25 and parse_minutes("0") == 0
    for bad in ("-3", "2.5", "ten", "601", "\u0663"):
        try:
            parse_minutes(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was taken as minutes")


def own(rows: list[CallWork], caller: str, person: str) -> CallAttempt:
    return own_attempt(
        rows,
        caller,
        person,
        id="x1",
        cohort="c1",
        on="2018-02-01",
        minutes=20,
        outcome=Outcome.HAPPENED,
        note="  talked about chairing  ",
        at=moment(3),
    )


def test_a_caller_records_a_call_only_for_their_own_people() -> None:
    assigned = [
        CallerAssignment("a1", "c1", "p1", "k1", "", moment(1)),
        CallerAssignment("a2", "c1", "p3", "f1", "", moment(1)),
    ]
    rows = call_work([ANN, CY], PEOPLE, COHORT, assigned, [], date(2018, 2, 1))
    made = own(rows, "k1", "p1")
    assert (made.caller, made.person, made.outcome, made.note) == (
        "k1",
        "p1",
        Outcome.HAPPENED,
        "talked about chairing",
    )
    for caller, person in (("k1", "p3"), ("f1", "p1"), ("k1", "p2")):
        try:
            own(rows, caller, person)
        except NotYourCall:
            continue
        raise AssertionError(f"{caller} recorded a call for {person}")


def test_the_opt_in_as_it_stands_is_the_latest_call_record_else_the_roster() -> None:
    """What the People screen shows agrees with the Follow-up screen and the report."""
    roster_yes = Person("a", "c", "Ann", followup_call=True)
    roster_no = Person("b", "c", "Bea", followup_call=False)
    coach = Person("k", "c", "Dr Kim", role=Role.COACH)
    calls = [
        FollowUpCall("1", "c", "a", "2017-12-01T10:00:00+00:00", opted_in=True),
        FollowUpCall("2", "c", "a", "2017-12-02T10:00:00+00:00", opted_in=False),
        FollowUpCall("3", "c", "b", "2017-12-01T10:00:00+00:00", opted_in=True),
    ]
    shown = {
        p.id: p.followup_call
        for p in with_opt_in_as_it_stands([roster_yes, roster_no, coach], calls)
    }
    assert shown == {"a": False, "b": True, "k": None}
    assert [p.id for p in opted_in([roster_yes, roster_no], calls)] == [
        p for p, yes in shown.items() if yes
    ]


def test_a_call_marked_as_made_is_not_overdue_and_reads_as_happened() -> None:
    """The Follow-up screen's 'Call made?' (a FollowUpCall saying it happened) is the same
    call as an attempt that happened: the work list, the report's count and the screen agree."""
    due = default_due(COHORT)
    assert due is not None
    later = due + timedelta(days=3)
    marked = [
        FollowUpCall("c1", "c1", "p1", moment(1), happened=True),
        FollowUpCall("c2", "c1", "p3", moment(2), happened=True),
        FollowUpCall("c3", "c1", "p3", moment(3), happened=False),  # un-marked later
    ]
    ann, cy = call_work([ANN, CY], PEOPLE, COHORT, [], [], later, marked)
    assert (ann.overdue, ann.marked_made, ann.outcome) == (False, True, Outcome.HAPPENED)
    assert (cy.overdue, cy.marked_made, cy.outcome) == (True, False, None)
    rows = follow_ups([ANN, CY], marked, [])
    assert summary(rows).calls_happened == sum(r.outcome is Outcome.HAPPENED for r in (ann, cy))


def test_an_opt_in_record_alone_does_not_mark_a_call_made() -> None:
    due = default_due(COHORT)
    assert due is not None
    opted = [FollowUpCall("c1", "c1", "p1", moment(1), opted_in=True)]
    [ann] = call_work([ANN], PEOPLE, COHORT, [], [], due + timedelta(days=1), opted)
    assert ann.overdue and not ann.marked_made
