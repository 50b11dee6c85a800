from __future__ import annotations

import pytest

from lp_tui.domain.columns import total
from lp_tui.ui.coach import CoachApp
from lp_tui.ui.widgets.row_table import RowTable
from tests.app.conftest import SIZE, steady, type_keys, wait_until


def recent_text(app: CoachApp) -> str:
    """Every cell of the coach's own entries, one row a line."""
    table = app.screen.query_one("#coach-recent", RowTable)
    return "\n".join(" | ".join(map(str, table.get_row_at(i))) for i in range(table.row_count))


async def test_the_coach_sees_only_their_table(coach_app, demo, seated) -> None:
    names = {p.id: p.name for p in demo[1]}
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = str(coach_app.screen.query_one("#coach-table").render())
        for member in seated.tables[2].members:
            assert names[member] in text
        for table in seated.tables:
            if table.number != 3:
                assert not any(names[m] in text for m in table.members)


async def test_an_observation_in_a_few_keystrokes(coach_app, repo, demo, seated) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await type_keys(pilot, *"Listens before speaking", "enter")
        await type_keys(pilot, *"let Owen finish", "enter")
        await wait_until(pilot, lambda: repo.snapshot().observations(demo[0].id, 2))
        [observation] = repo.snapshot().observations(demo[0].id, 2)
        assert observation.about == seated.tables[2].members[1]
        assert observation.by == seated.tables[2].coach
        await wait_until(pilot, lambda: "Listens before speaking" in recent_text(coach_app))
        # Who and Behaviour as wide as their text: the room they leave goes to the words
        name = {p.id: p.name for p in demo[1]}[observation.about]
        table = coach_app.screen.query_one("#coach-recent", RowTable)
        assert table.widths[2:4] == [len(name), len("Listens before speaking")]
        assert total(table.widths) == table.scrollable_content_region.width


async def test_a_number_beyond_the_table_does_nothing(coach_app) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        assert coach_app.screen.__class__.__name__ == "CoachScreen"


async def test_a_digit_that_is_no_number_does_nothing(coach_app) -> None:
    """ "²" (a key of its own on a French keyboard) is a digit to str.isdigit and not to int:
    it opened nothing, and the view goes on."""
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("²", "٣")
        await pilot.pause()
        assert coach_app.screen.__class__.__name__ == "CoachScreen"
        assert coach_app.is_running


async def test_a_behaviour_number_with_no_list_agreed_is_refused(coach_app, repo, demo) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await type_keys(pilot, *"2", "enter")
        problem = str(coach_app.screen.query_one("#form-problem").render())
        assert "No list of behaviours is agreed yet" in problem
        await pilot.press("ctrl+u")
        await type_keys(pilot, *"Listens", "enter")  # words are taken
        await type_keys(pilot, "enter")
        await wait_until(pilot, lambda: repo.snapshot().observations(demo[0].id, 2))
        [observation] = repo.snapshot().observations(demo[0].id, 2)
        assert observation.behaviour == "Listens"


def test_snapshot_coach_view(coach_app, snap_compare, repo, demo, seated, agreed, clock) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import Observation, PeerFeedback, new_id

    table = seated.tables[2]
    at = iso(clock.now())
    repo.add_observation(
        Observation(
            new_id(),
            demo[0].id,
            2,
            table.coach,
            table.members[0],
            agreed[2],
            at,
            "asked Gordon first",
        )
    )
    repo.add_peer_feedback(
        PeerFeedback(
            new_id(),
            demo[0].id,
            2,
            table.coach,
            table.members[1],
            table.members[4],
            agreed[1],
            at,
            "you took my idea further",
            3,
        )
    )
    assert snap_compare(coach_app, terminal_size=SIZE, run_before=steady)


@pytest.fixture
def agreed(repo, demo, clock):
    """The cohort's list from the Day 2 exercise."""
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import BehaviourEdit, EditKind, new_id

    names = ["Listens to understand", "Builds on the ideas of others", "Invites quieter voices"]
    repo.add_behaviour_edits(
        *(
            BehaviourEdit(new_id(), demo[0].id, EditKind.ADOPT, iso(clock.now()), text=n)
            for n in names
        )
    )
    return names


async def test_a_behaviour_by_its_number_on_the_cohorts_list(coach_app, repo, demo, agreed) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Invites quieter voices" in str(
            coach_app.screen.query_one("#coach-behaviours").render()
        )
        await pilot.press("1", "3", "enter", "enter")
        await wait_until(pilot, lambda: repo.snapshot().observations(demo[0].id, 2))
        [observation] = repo.snapshot().observations(demo[0].id, 2)
        assert observation.behaviour == "Invites quieter voices"


async def test_peer_feedback_between_two_members(coach_app, repo, demo, seated, agreed) -> None:
    members = seated.tables[2].members
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press(
            "p", "2", "enter", "4", "enter", "2", "enter", *"you used my idea", "enter"
        )
        await wait_until(pilot, lambda: repo.snapshot().peer_feedback(demo[0].id, 2))
        [feedback] = repo.snapshot().peer_feedback(demo[0].id, 2)
        assert (feedback.giver, feedback.receiver) == (members[1], members[3])
        assert feedback.behaviour == "Builds on the ideas of others"
        assert feedback.words == "you used my idea"
        assert feedback.table == 3
        await wait_until(pilot, lambda: "Peer" in recent_text(coach_app))


async def test_peer_feedback_refuses_a_number_off_the_table(coach_app, repo, demo) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "9", "enter")
        await pilot.pause()
        assert "a member's number" in str(coach_app.screen.query_one("#form-problem").render())
        await pilot.press("escape")
        assert not repo.snapshot().peer_feedback(demo[0].id, 2)


async def test_a_coach_corrects_then_withdraws_their_own_entry(coach_app, repo, demo) -> None:
    cohort = demo[0].id
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await type_keys(pilot, *"Listens", "enter")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Listens" in recent_text(coach_app))
        # a behaviour in the coach's own words opens to add to (no list is agreed here)
        await pilot.press("e")
        await type_keys(pilot, *" and challenges kindly", "enter")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "challenges kindly" in recent_text(coach_app))
        [standing] = repo.snapshot().observations(cohort, 2)
        assert standing.behaviour == "Listens and challenges kindly"
        assert recent_text(coach_app).count("Listens") == 1
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: not repo.snapshot().observations(cohort, 2))
        every = repo.snapshot().observations(cohort, 2, every=True)
        changed = "Listens and challenges kindly"
        assert [o.behaviour for o in every] == ["Listens", changed, changed]
        assert every[-1].withdrawn and every[1].replaces == every[0].id
        await wait_until(pilot, lambda: coach_app.screen.query_one("#coach-recent").row_count == 0)


async def test_a_withdrawal_asked_then_declined_keeps_the_entry(coach_app, repo, demo) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await type_keys(pilot, *"Listens", "enter")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Listens" in recent_text(coach_app))
        await pilot.press("w", "n")
        await pilot.pause()
        assert len(repo.snapshot().observations(demo[0].id, 2, every=True)) == 1


async def test_feedback_to_the_visiting_presenter(coach_app, rotation, repo, demo, seated) -> None:
    cohort, _ = demo
    plan = rotation
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")
        await type_keys(pilot, *"Ask patients before the pilot", "enter")
        await wait_until(pilot, lambda: repo.snapshot().presenter_feedback(cohort.id, 2))
        [feedback] = repo.snapshot().presenter_feedback(cohort.id, 2)
        first_visitor = next(
            plan.presenters[v.presenter]
            for v in sorted(plan.visits)
            if plan.tables[v.table - 1] == 3
        )
        assert feedback.presenter == first_visitor  # before the rotation: its first visit
        assert (feedback.table, feedback.by, feedback.kind) == (3, seated.tables[2].coach, "coach")
        await wait_until(pilot, lambda: "Visitor" in recent_text(coach_app))


async def test_another_coachs_entries_are_not_shown_or_editable(
    coach_app, repo, demo, seated, clock
) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import Observation, new_id

    other = seated.tables[0]
    repo.add_observation(
        Observation(
            new_id(), demo[0].id, 2, other.coach, other.members[0], "Secret", iso(clock.now())
        )
    )
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert coach_app.screen.query_one("#coach-recent").row_count == 0
        await pilot.press("e", "w")
        await pilot.pause()
        assert coach_app.screen.__class__.__name__ == "CoachScreen"


async def test_a_coach_the_tables_were_made_without_is_told_so(
    repo, demo, programme, clock, seated
) -> None:
    from datetime import UTC

    from lp_tui.domain.seating import coaches

    leading = {t.coach for t in seated.tables}
    [spare, *_] = [c for c in coaches(demo[1]) if c.id not in leading]
    app = CoachApp(repo, demo[0].id, programme, clock=clock, tz=UTC, coach_id=spare.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = " ".join(str(app.screen.query_one("#coach-table").render()).split())
        assert said.startswith("You lead no table today: the day's tables are made without you")


async def test_at_120x40_who_the_feedback_went_to_is_whole(coach_app, repo, demo, seated, clock):
    """The Who column stopped at its 26 cells ("Rosa Fernandes → Harold…") while the table had
    room; the room over now goes to the names before the words."""
    from textual.coordinate import Coordinate

    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import PeerFeedback, new_id

    cohort, people = demo
    names = {p.id: p.name for p in people}
    table = next(t for t in seated.tables if t.coach == coach_app.coach_id)
    a, b = sorted(table.members, key=lambda m: -len(names[m]))[:2]
    at = iso(clock.now())
    repo.add_peer_feedback(
        PeerFeedback(new_id(), cohort.id, 2, table.coach, a, b, "Listens", at, "thank you", 2)
    )
    async with coach_app.run_test(size=(120, 40)) as pilot:
        recent = coach_app.screen.query_one("#coach-recent", RowTable)
        await wait_until(pilot, lambda: recent.row_count == 1)
        await pilot.pause()
        who = str(recent.get_cell_at(Coordinate(0, 2)))
        assert who == f"{names[a]} → {names[b]}"


async def test_at_80x24_short_words_leave_their_room_to_the_behaviour(
    coach_app, repo, demo, seated, clock
):
    """Words of a few letters kept their column's 20 cells while the behaviour beside them
    was cut ("Asked a quieter…"); each column is now no wider than its text."""
    from textual.coordinate import Coordinate

    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import Observation, new_id

    cohort, _ = demo
    table = next(t for t in seated.tables if t.coach == coach_app.coach_id)
    repo.add_observation(
        Observation(
            new_id(), cohort.id, 2, table.coach, table.members[0],
            "Asked a quieter member first", iso(clock.now()), "ok",
        )
    )  # fmt: skip
    async with coach_app.run_test(size=(80, 24)) as pilot:
        recent = coach_app.screen.query_one("#coach-recent", RowTable)
        await wait_until(pilot, lambda: recent.row_count == 1)
        await pilot.pause()
        assert str(recent.get_cell_at(Coordinate(0, 3))) == "Asked a quieter member first"
        assert str(recent.get_cell_at(Coordinate(0, 4))) == "ok"


async def test_withdraw_asks_about_the_entry_whole_not_its_cut_row(
    coach_app, repo, demo, seated, clock
):
    """At 80x24 the row reads "you took my idea…"; the question shows what was written."""
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import Observation, new_id
    from lp_tui.ui.screens.confirm import Confirm

    cohort, people = demo
    table = next(t for t in seated.tables if t.coach == coach_app.coach_id)
    name = next(p.name for p in people if p.id == table.members[0])
    words = "you took my idea further than I had dared to take it myself"
    repo.add_observation(
        Observation(
            new_id(), cohort.id, 2, table.coach, table.members[0],
            "Builds on the ideas of others", iso(clock.now()), words,
        )
    )  # fmt: skip
    async with coach_app.run_test(size=(80, 24)) as pilot:
        recent = coach_app.screen.query_one("#coach-recent", RowTable)
        await wait_until(pilot, lambda: recent.row_count == 1)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(coach_app.screen, Confirm)
        assert coach_app.screen.detail == (
            f"09:30 · Seen · {name} · Builds on the ideas of others · “{words}”"
        )
        await pilot.press("n")


async def test_with_no_list_agreed_the_behaviour_is_asked_in_words(coach_app) -> None:
    """Before the cohort agrees its list (Day 1), there is no number to give: the field asks
    for words, not "a number from the list"."""
    from lp_tui.ui.screens.form_dialog import FormDialog

    async with coach_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not coach_app.screen.behaviours.names
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(coach_app.screen, FormDialog)
        behaviour = coach_app.screen.fields[0]
        assert behaviour.label == "Behaviour: in words (no list is agreed yet)"
        assert behaviour.placeholder == "e.g. Builds on the ideas of others"
        await pilot.press("escape")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_logging_with_no_list_agreed(coach_app, snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("1")
        await steady(pilot)

    assert snap_compare(coach_app, terminal_size=size, run_before=run_before)
