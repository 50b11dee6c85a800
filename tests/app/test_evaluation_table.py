"""T on the evaluation screen: the table the forms being keyed came from."""

from __future__ import annotations

import pytest

from lp_tui.domain.seating import day_seating
from lp_tui.domain.tally_by_table import tally_by_table
from lp_tui.ui.screens.evaluation import EvaluationScreen
from lp_tui.ui.screens.form_dialog import FormDialog
from tests.app.conftest import SIZE, steady, type_keys, wait_until
from tests.app.test_evaluation_screen import KEYED, open_day3
from tests.app.test_evaluation_screen import app as app  # the Day 3 app fixture


async def choose_table(app, pilot, typed: str) -> None:
    await pilot.press("T")
    await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
    await pilot.press("ctrl+u")
    await type_keys(pilot, *typed, "enter")


def day3_tables(app, repo) -> set[int]:
    seating = day_seating(repo.snapshot().seatings(app.cohort_id), 3)
    return {t.number for t in seating.tables} if seating else set()


async def test_the_chosen_table_is_stored_on_the_forms_keyed_next(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_day3(app, pilot)
        tables = sorted(day3_tables(app, repo)) or [2]
        table = tables[-1]
        await choose_table(app, pilot, str(table))
        await wait_until(pilot, lambda: isinstance(app.screen, EvaluationScreen))
        assert f"table {table}" in str(app.screen.query_one("#form-title").render())
        await pilot.press(*KEYED, "enter")
        await wait_until(pilot, lambda: len(repo.snapshot().forms(app.cohort_id, 3)) == 1)
        await pilot.press(*KEYED, "enter")  # the table stays for the next form
        await wait_until(pilot, lambda: len(repo.snapshot().forms(app.cohort_id, 3)) == 2)
        await choose_table(app, pilot, "")  # blank: no table
        await wait_until(pilot, lambda: isinstance(app.screen, EvaluationScreen))
        assert "table" not in str(app.screen.query_one("#form-title").render())
        await pilot.press(*KEYED, "enter")
        await wait_until(pilot, lambda: len(repo.snapshot().forms(app.cohort_id, 3)) == 3)
        forms = sorted(repo.snapshot().forms(app.cohort_id, 3), key=lambda f: f.number)
        assert [f.table for f in forms] == [table, table, 0]
        # the report's breakdown by table counts the keyed forms under their table
        seating = day_seating(repo.snapshot().seatings(app.cohort_id), 3)
        by_table = tally_by_table(3, app.plan.questions, forms, seating)
        counted = {t.table: t.tally.forms for t in by_table}
        assert counted[table] == 2


async def test_what_is_not_a_table_number_is_refused_in_the_dialog(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_day3(app, pilot)
        await choose_table(app, pilot, "x")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        problem = str(app.screen.query_one("#form-problem").render())
        assert "is not a table number" in problem
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, EvaluationScreen))
        assert app.screen.table == 0
        await pilot.press(*KEYED, "enter")
        await wait_until(pilot, lambda: repo.snapshot().forms(app.cohort_id, 3))
        [form] = repo.snapshot().forms(app.cohort_id, 3)
        assert form.table == 0


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_the_table_dialog(app, snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await open_day3(pilot.app, pilot)
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormDialog))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
