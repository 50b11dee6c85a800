"""An export to a folder names its file there and never writes over an earlier one (a second
export the same minute gets -2); a file named outright is written as named."""

from __future__ import annotations

import zipfile
from pathlib import Path


def test_two_exports_to_a_folder_keep_both(run_cli, demo, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for _ in range(2):
        result = run_cli("export", "--format", "md", "--out", str(folder))
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["london-nov-2017-demo-records-2.md", "london-nov-2017-demo-records.md"]


def test_two_exports_across_cohorts_to_a_folder_keep_both(run_cli, demo, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for _ in range(2):
        result = run_cli("export", "--all-cohorts", "--format", "json", "--out", str(folder))
        assert result.exit_code == 0, result.output
    assert len(list(folder.iterdir())) == 2


def test_a_file_named_outright_is_written_as_named(run_cli, demo, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    for _ in range(2):
        assert run_cli("export", "--format", "md", "--out", str(out)).exit_code == 0
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".md"] == ["report.md"]


def test_csv_into_a_folder_names_one_zip_and_touches_nothing_there(
    run_cli, demo, tmp_path: Path
) -> None:
    """csv is many files; into a folder that is there already (the user's own, which may hold
    a README.txt or people.csv of theirs) it writes one named zip, as the other formats write
    one named file, and never over an earlier one."""
    folder = tmp_path / "desk"
    folder.mkdir()
    theirs = {"README.txt": b"my notes\n", "people.csv": b"name\nmine\n", "tally.csv": b"x"}
    for name, data in theirs.items():
        (folder / name).write_bytes(data)
    for _ in range(2):
        result = run_cli("export", "--format", "csv", "--out", str(folder))
        assert result.exit_code == 0, result.output
    zips = ["london-nov-2017-demo-records-2.zip", "london-nov-2017-demo-records.zip"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([*theirs, *zips])
    assert {name: (folder / name).read_bytes() for name in theirs} == theirs
    with zipfile.ZipFile(folder / zips[1]) as archive:
        names = archive.namelist()
    assert "london-nov-2017-demo-records/people.csv" in names
    assert "london-nov-2017-demo-records/README.txt" in names


def test_csv_to_a_new_folder_makes_it_and_fills_it(run_cli, demo, tmp_path: Path) -> None:
    out = tmp_path / "records"
    result = run_cli("export", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert {"README.txt", "people.csv", "forms.csv"} <= {p.name for p in out.iterdir()}
