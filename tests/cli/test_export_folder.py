"""An export to a folder names its file there and never writes over an earlier one (a second
export the same minute gets -2); a file named outright is written as named."""

from __future__ import annotations

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
