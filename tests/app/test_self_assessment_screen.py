"""The self-assessment screen: a paper sheet keyed twice, one keystroke a statement."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from lp_tui.domain.clock import iso
from lp_tui.domain.model import Answer, AssessmentStage, Role, SelfAssessment, new_id
from lp_tui.domain.self_assessment import statements
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.self_assessment import SelfAssessmentScreen
from lp_tui.ui.screens.tables_dialogs import ChoosePerson
from tests.app.conftest import SIZE, steady, type_keys, wait_until

SHEET = "5432 01234514"  # 13 keystrokes: " " and "0" leave a statement not answered
AGAIN = "5432 01233524"  # differs on the 10th (3, not 4) and the 12th (2, not 1)


def keys(sheet: str) -> list[str]:
    return ["space" if c == " " else c for c in sheet]


def person_named(demo, name: str):
    return next(p for p in demo[1] if p.name == name)


async def open_sheet(app, pilot, name: str = "eileen", stage_presses: int = 0) -> None:
    await pilot.press("y")
    await wait_until(pilot, lambda: isinstance(app.screen, SelfAssessmentScreen))
    for _ in range(stage_presses):
        await pilot.press("s")
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ChoosePerson))
    await type_keys(pilot, *name, "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, SelfAssessmentScreen))


async def test_the_participants_to_choose_from_are_listed_by_name(app, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, SelfAssessmentScreen))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoosePerson))
        listed = app.screen.query_one("#person-list", OptionList)
        names = [str(listed.get_option_at_index(i).prompt).split(" · ")[0] for i in
                 range(listed.option_count)]  # fmt: skip
        participants = [p.name for p in demo[1] if p.role is Role.PARTICIPANT]
        assert names == sorted(participants, key=str.casefold)
        assert names != participants  # the demo's roster is not in name order


async def test_a_sheet_keyed_twice_alike_is_stored_once(app, repo, demo, programme) -> None:
    assert len(SHEET) == len(statements(programme)) == 13
    async with app.run_test(size=SIZE) as pilot:
        await open_sheet(app, pilot, stage_presses=1)  # before -> end
        screen = app.screen
        assert screen.stage is AssessmentStage.END
        await pilot.press(*keys(SHEET))
        await pilot.pause()
        assert repo.snapshot().self_assessments(app.cohort_id) == []  # not after one keying
        assert "Second keying: 0 of 13" in str(screen.query_one("#sa-progress").render())
        await pilot.press(*keys(SHEET))
        await wait_until(pilot, lambda: repo.snapshot().self_assessments(app.cohort_id))
        [stored] = repo.snapshot().self_assessments(app.cohort_id)
        assert stored.person == person_named(demo, "Eileen Walsh").id
        assert stored.stage is AssessmentStage.END
        expected = [
            Answer(item.key, int(c))
            for item, c in zip(statements(programme), SHEET, strict=True)
            if c not in " 0"
        ]
        assert list(stored.answers) == expected
        assert screen.entry is None and screen.person is None  # ready for the next sheet
        await pilot.pause(0.3)
        assert len(repo.snapshot().self_assessments(app.cohort_id)) == 1


async def test_a_mismatch_is_caught_and_corrected(app, repo, programme) -> None:
    items = statements(programme)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_sheet(app, pilot)
        screen = app.screen
        await pilot.press(*keys(SHEET), *keys(AGAIN))
        await pilot.pause()
        assert screen.entry.fixing == (9, 11)
        messages = "\n".join(n.message for n in app._notifications)
        assert f"{items[9].key} {items[9].label}: keyed 4, then 3" in messages
        assert f"{items[11].key} {items[11].label}: keyed 1, then 2" in messages
        assert repo.snapshot().self_assessments(app.cohort_id) == []
        await pilot.press("4", "2")  # the paper: 4 (the first keying), 2 (the second)
        await wait_until(pilot, lambda: repo.snapshot().self_assessments(app.cohort_id))
        [stored] = repo.snapshot().self_assessments(app.cohort_id)
        assert stored.rating(items[9].key) == 4
        assert stored.rating(items[11].key) == 2
        assert stored.stage is AssessmentStage.BEFORE


async def test_escape_drops_the_sheet_after_asking_and_stores_nothing(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_sheet(app, pilot)
        screen = app.screen
        await pilot.press("4", "5", "backspace")
        assert screen.entry.first == (4,)
        await pilot.press("escape")  # an answer keyed: asked first
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        said = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "1 answer keyed for Eileen Walsh's sheet" in said
        await pilot.press("n")  # back to keying, the answer kept
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.entry.first == (4,)
        await pilot.press("3")
        assert screen.entry.first == (4, 3)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is screen and screen.entry is None)
        assert repo.snapshot().self_assessments(app.cohort_id) == []


async def test_escape_before_any_answer_drops_the_sheet_at_once(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_sheet(app, pilot)
        screen = app.screen
        assert screen.entry is not None
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.entry is None)
        assert app.screen is screen


async def test_a_second_assessment_at_a_stage_is_refused(app, repo, demo, clock) -> None:
    eileen = person_named(demo, "Eileen Walsh")
    first = SelfAssessment(
        new_id(),
        app.cohort_id,
        eileen.id,
        AssessmentStage.BEFORE,
        iso(clock.now()),
        (Answer("c1", 3),),
    )
    repo.add_self_assessments([first])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_sheet(app, pilot)
        await pilot.pause()
        assert app.screen.entry is None  # nothing to key
        messages = [n.message for n in app._notifications]
        assert any(
            "Eileen Walsh has a self-assessment before the course already" in m for m in messages
        )
        assert repo.snapshot().self_assessments(app.cohort_id) == [first]
        await pilot.press("s", "enter")  # at the end of the course she may be keyed
        await wait_until(pilot, lambda: isinstance(app.screen, ChoosePerson))
        await type_keys(pilot, *"eileen", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SelfAssessmentScreen))
        assert app.screen.entry is not None


async def test_the_palette_and_the_keys_panel_name_the_screen(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        [go] = [
            c for c in app.get_system_commands(app.screen) if c.title == "Go to Self-assessment"
        ]
        bindings = app.screen.active_bindings
        assert "y" in bindings and not bindings["y"].binding.show  # f1 lists it, the footer not
        go.callback()
        await wait_until(pilot, lambda: isinstance(app.screen, SelfAssessmentScreen))
        assert "before the course" in str(app.screen.query_one("#sa-title").render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_a_sheet_being_keyed(app, snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await open_sheet(pilot.app, pilot)
        await pilot.press(*keys(SHEET[:5]))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_keyings_that_differ(app, snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await open_sheet(pilot.app, pilot)
        await pilot.press(*keys(SHEET), *keys(AGAIN))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
