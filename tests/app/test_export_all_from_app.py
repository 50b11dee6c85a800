"""`x` then `o` in the facilitator's app: the programme across every cohort in the database;
and two exports in the same minute never write over each other."""

from __future__ import annotations

import dataclasses

import orjson
import pytest
from openpyxl import load_workbook
from textual.widgets import OptionList, Static

from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.model import new_id
from lp_tui.ui.screens.export_dialog import ExportDialog
from tests.app.conftest import SIZE, steady, wait_until
from tests.app.test_export_from_app import toasts


@pytest.fixture
def second(repo, demo, clock):
    """Another room's cohort in the same database (as after `lp-tui import`)."""
    cohort, people = demo_cohort("2017-11-20T09:00:00+00:00")
    cohort = dataclasses.replace(cohort, id=new_id(), name="Kent Surrey and Sussex 2018")
    people = [dataclasses.replace(p, id=new_id(), cohort=cohort.id) for p in people]
    repo.add_cohort(cohort, people)
    return cohort


def _line(app, widget_id: str) -> str:
    return str(app.screen.query_one(widget_id, Static).render())


async def test_o_is_not_offered_with_one_cohort(app, db_path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert "o all cohorts" not in _line(app, "#export-keys")
        await pilot.press("o")
        assert not dialog.all_cohorts
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Exported:" in toasts(app), seconds=5)
        [written] = (db_path.parent / "exports").glob("*.xlsx")
        assert written.name.startswith("london-nov-2017-demo-records-")


async def test_o_exports_every_cohort_side_by_side(app, second, db_path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        assert "o all cohorts" in _line(app, "#export-keys")
        await pilot.press("o")
        assert "counts and averages only" in _line(app, "#export-anonymise")
        await pilot.press("enter")  # xlsx is first
        await wait_until(pilot, lambda: "Exported:" in toasts(app), seconds=5)
        [written] = (db_path.parent / "exports").glob("*.xlsx")
        assert written.name == "all-cohorts-20171124-0930.xlsx"
        assert written.name in toasts(app)
        book = load_workbook(written)
        names = [row[0].value for row in book["Cohorts"].iter_rows(min_row=2)]
        assert sorted(names) == sorted(["London Nov 2017 (demo)", second.name])


async def test_csv_is_skipped_and_anonymise_off_with_all_cohorts(app, second, db_path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "a")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.anonymise
        await pilot.press("o")
        assert dialog.all_cohorts and not dialog.anonymise  # nothing to anonymise
        await pilot.press("a")
        assert not dialog.anonymise  # a does nothing while all cohorts are on
        formats = dialog.query_one(OptionList)
        assert formats.get_option("csv").disabled
        await pilot.press("down")  # past csv, which is not offered for all cohorts
        assert formats.highlighted_option is not None
        assert formats.highlighted_option.id == "html"
        await pilot.press("down", "down", "enter")  # md, then json
        await wait_until(pilot, lambda: "Exported:" in toasts(app), seconds=5)
        [written] = (db_path.parent / "exports").glob("*.json")
        document = orjson.loads(written.read_bytes())
        assert document["format"] == "lp-tui-across-cohorts" and len(document["cohorts"]) == 2


async def test_o_again_is_this_cohort_again(app, second, db_path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "o", "o")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and not dialog.all_cohorts
        assert not dialog.query_one(OptionList).get_option("csv").disabled
        await pilot.press("down", "enter")  # csv, for this cohort
        await wait_until(pilot, lambda: "Exported:" in toasts(app), seconds=5)
        [written] = (db_path.parent / "exports").glob("*.zip")
        assert written.name.startswith("london-nov-2017-demo-records-")


async def test_two_exports_in_one_minute_both_kept(app, db_path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):
            app.clear_notifications()
            await pilot.press("x", "down", "down", "down", "enter")  # md
            await wait_until(pilot, lambda: "Exported:" in toasts(app), seconds=5)
        found = sorted(p.name for p in (db_path.parent / "exports").glob("*.md"))
        assert found == [
            "london-nov-2017-demo-records-20171124-0930-2.md",
            "london-nov-2017-demo-records-20171124-0930.md",
        ]
        assert "20171124-0930-2.md" in toasts(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_all_cohorts_dialog(app, second, snap_compare, tmp_path, monkeypatch, size):
    monkeypatch.chdir(tmp_path)  # the folder is shown relative to here: data/exports

    async def opened(pilot) -> None:
        await pilot.press("x", "o")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=opened)
