"""The Day 2 behaviours exercise: typed in as the room calls out, then refined into a list."""

from __future__ import annotations

import pytest

from lp_tui.ui.screens.behaviours import BehavioursScreen
from lp_tui.ui.screens.form_dialog import FormDialog
from lp_tui.ui.widgets.row_table import RowTable
from tests.app.conftest import SIZE, steady, type_keys, wait_stored, wait_until

CALLED_OUT = ["listens without interrupting", "asks what others think", "lets people finish"]


async def type_phrases(pilot, phrases: list[str]) -> None:
    await pilot.press("v", "n")
    for phrase in phrases:
        await type_keys(pilot, *phrase, "enter")
    await pilot.press("escape")


def aspired(repo, demo) -> list[tuple[str, tuple[str, ...]]]:
    return [(b.name, b.sources) for b in repo.snapshot().behaviours(demo[0].id).aspired]


async def test_the_room_calls_out_and_the_facilitator_types(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_phrases(pilot, CALLED_OUT)
        assert isinstance(app.screen, BehavioursScreen)
        await wait_until(
            pilot, lambda: len(repo.snapshot().behaviours(demo[0].id).appreciated) == 3
        )
        assert repo.snapshot().behaviours(demo[0].id).appreciated[0] == (
            "Listens without interrupting"
        )
        await wait_until(
            pilot, lambda: app.screen.query_one("#appreciated", RowTable).row_count == 3
        )
        assert app.screen.focused is app.screen.query_one("#appreciated", RowTable)


@pytest.mark.long
async def test_adopt_fold_rename_merge_and_reorder(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_phrases(pilot, CALLED_OUT)
        table = app.screen.query_one("#appreciated", RowTable)
        await wait_until(pilot, lambda: table.row_count == 3)
        await pilot.press("enter")  # adopt "Listens without interrupting"
        await wait_stored(pilot, lambda: len(aspired(repo, demo)) == 1)
        await pilot.press("down", "enter")  # adopt "Asks what others think"
        await wait_stored(pilot, lambda: len(aspired(repo, demo)) == 2)
        await pilot.press("down", "i", "1", "enter")  # "Lets people finish" into behaviour 1
        await wait_stored(pilot, lambda: len(aspired(repo, demo)[0][1]) == 2)
        # part of aspired behaviour 1 ("Listens without interrupting"), by its number
        await wait_until(pilot, lambda: str(table.get_row_at(2)[2]) == "→ 1")

        await pilot.press("tab")  # to the aspired list
        await wait_until(pilot, lambda: app.screen.focused.id == "aspired")
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        assert app.screen.heading == "Rename “Listens without interrupting”"
        await pilot.press(*(["backspace"] * 40))
        await type_keys(pilot, *"Listening to understand", "enter")
        await wait_stored(pilot, lambda: aspired(repo, demo)[0][0] == "Listening to understand")
        await pilot.press("J")  # move it below the other
        await wait_stored(pilot, lambda: aspired(repo, demo)[1][0] == "Listening to understand")
        await pilot.press("m", "1", "enter")  # merge it into "Asks what others think"
        await wait_stored(pilot, lambda: len(aspired(repo, demo)) == 1)
        [(name, sources)] = aspired(repo, demo)
        assert name == "Asks what others think"
        assert {"Listens without interrupting", "Lets people finish"} <= set(sources)
        behaviours = repo.snapshot().behaviours(demo[0].id)
        assert behaviours.canonical("lets people  FINISH") == "Asks what others think"
        assert behaviours.canonical("Listening to understand") == "Asks what others think"


async def test_keys_apply_to_the_list_in_focus_with_something_in_it(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        screen = app.screen
        assert screen.check_action("adopt", ()) is False  # nothing to adopt yet
        await pilot.press("escape")
        await type_phrases(pilot, CALLED_OUT[:2])
        table = screen.query_one("#appreciated", RowTable)
        await wait_until(pilot, lambda: table.row_count == 2)
        await pilot.press("enter")  # adopted: the aspired list has one
        await wait_until(pilot, lambda: screen.list.aspired)
        table.focus()
        await pilot.pause()
        assert screen.check_action("adopt", ()) is True
        assert screen.check_action("fold", ()) is True  # into the one behaviour there is
        assert screen.check_action("rename", ()) is False
        await pilot.press("tab")
        await pilot.pause()
        assert screen.check_action("rename", ()) is True
        assert screen.check_action("fold", ()) is False
        assert screen.check_action("merge", ()) is False  # one behaviour: nothing to merge into


async def test_a_merge_target_must_be_on_the_list(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_phrases(pilot, CALLED_OUT[:2])
        table = app.screen.query_one("#appreciated", RowTable)
        await wait_until(pilot, lambda: table.row_count == 2)
        await pilot.press("enter", "down", "enter")
        await wait_stored(pilot, lambda: len(aspired(repo, demo)) == 2)
        await pilot.press("tab", "m", "7", "enter")
        await pilot.pause()
        assert "number from 1 to 2" in str(app.screen.query_one("#form-problem").render())
        await pilot.press("escape")
        assert len(aspired(repo, demo)) == 2


@pytest.mark.long
def test_snapshot_behaviours_screen(app, repo, demo, snap_compare) -> None:
    async def refined(pilot) -> None:
        await type_phrases(
            pilot, [*CALLED_OUT, "owns their mistakes", "brings data, not just anecdote"]
        )
        table = pilot.app.screen.query_one("#appreciated", RowTable)
        await wait_until(pilot, lambda: table.row_count == 5)
        await pilot.press("enter", "down", "enter", "down", "i", "1", "enter", "down", "enter")
        await wait_stored(pilot, lambda: len(aspired(repo, demo)) == 3)
        await wait_until(
            pilot, lambda: pilot.app.screen.query_one("#aspired", RowTable).row_count == 3
        )
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=refined)


async def test_the_phrases_take_the_panes_width(app) -> None:
    """What participants said shows whole at 120 columns ("Part of" is the aspired
    behaviour's number, not its name again); at 80x24 the phrase narrows, Part of stays."""
    phrases = [*CALLED_OUT, "brings evidence, not only an anecdote"]  # 37: cut at 28 before
    async with app.run_test(size=(120, 40)) as pilot:
        await type_phrases(pilot, phrases)
        table = app.screen.query_one("#appreciated", RowTable)
        await wait_until(pilot, lambda: table.row_count == len(phrases))
        cells = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert not any(cell.endswith("…") for cell in cells), cells
        assert sum(w + 2 for w in table.widths) == table.scrollable_content_region.width
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: str(table.get_row_at(3)[1]).endswith("…"))
        assert sum(w + 2 for w in table.widths) <= table.scrollable_content_region.width
