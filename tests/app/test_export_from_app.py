"""`x` in the facilitator's app: choose a format, and a toast names the file written."""

from __future__ import annotations

import zipfile

from openpyxl import load_workbook

from lp_tui.ui.screens.export_dialog import ExportDialog
from tests.app.conftest import SIZE, steady, wait_until


def toasts(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_x_exports_a_workbook_and_says_where(app, db_path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")  # xlsx is first
        await wait_until(pilot, lambda: "Exported:" in toasts(app), seconds=5)
        [written] = (db_path.parent / "exports").glob("*.xlsx")
        assert written.name == "london-nov-2017-demo-records-20171124-0930.xlsx"
        assert written.name in toasts(app)
        assert "Summary" in load_workbook(written).sheetnames


async def test_x_anonymised_csv_zip(app, db_path, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "a", "down", "enter")
        await wait_until(pilot, lambda: "Exported:" in toasts(app), seconds=5)
        [written] = (db_path.parent / "exports").glob("*.zip")
        assert "anonymised" in written.name
        with zipfile.ZipFile(written) as archive:
            people = archive.read(f"{written.stem}/people.csv").decode("utf-8-sig")
        assert demo[1][0].name not in people and "P01" in people


async def test_a_toggled_anonymise_keeps_the_format_chosen(app, db_path) -> None:
    """csv chosen first, then a (twice over): still csv; an html file was once written."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "down")
        formats = app.screen.query_one("#export-formats")
        assert formats.highlighted_option.id == "csv"
        for _ in range(3):
            await pilot.press("a")
            assert formats.highlighted_option.id == "csv"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Exported:" in toasts(app), seconds=5)
        [written] = (db_path.parent / "exports").iterdir()
        assert written.suffix == ".zip" and "anonymised" in written.name


async def test_escape_exports_nothing(app, db_path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "escape")
        await pilot.pause()
        assert not (db_path.parent / "exports").exists()


def test_snapshot_export_dialog(app, snap_compare, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the folder is shown relative to here: data/exports

    async def opened(pilot) -> None:
        await pilot.press("x")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=opened)
