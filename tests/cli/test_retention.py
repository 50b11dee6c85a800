"""``lp-tui doctor`` lists backups and exports older than --keep-days (90 unless told), and
``--prune`` removes them: only those, and only exports lp-tui recorded writing."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from lp_tui.store import storage
from lp_tui.store.repo import Repo
from tests.cli.test_commands import OBSERVE

DAY = 24 * 60 * 60


def age(path: Path, days: float) -> None:
    moment = time.time() - days * DAY
    os.utime(path, (moment, moment))


@pytest.fixture
def files(run_cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """Four backups and three recorded exports, aged 200, 100, 30 and 1 days (backups) and
    200, 100 and 1 days (exports), and a file lp-tui never wrote, 300 days old."""
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0.0)
    run_cli("demo", "--no-launch")
    for _ in range(4):
        assert run_cli(*OBSERVE).exit_code == 0
    backups = Repo(db_path).db.backups()[:4]
    assert len(backups) == 4
    for backup, days in zip(backups, (1, 30, 100, 200), strict=True):
        age(backup, days)
    exports = []
    for name, days in (("old.md", 200), ("older.json", 100), ("new.html", 1)):
        out = tmp_path / "out" / name
        fmt = out.suffix[1:]
        assert run_cli("export", "--format", fmt, "--out", str(out)).exit_code == 0
        age(out, days)
        exports.append(out)
    stranger = tmp_path / "out" / "not-ours.md"
    stranger.write_text("mine")
    age(stranger, 300)
    return {"backups": backups, "exports": exports, "stranger": stranger}


def test_doctor_lists_old_backups_and_exports(run_cli, files: dict) -> None:
    result = run_cli("doctor", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["keep_days"] == 90
    assert [b["path"] for b in report["old_backups"]] == [str(p) for p in files["backups"][3:1:-1]]
    assert [b["age_days"] for b in report["old_backups"]] == [200, 100]
    assert [e["path"] for e in report["old_exports"]] == [str(p) for p in files["exports"][:2]]
    assert report["pruned"] == []
    # the shape doctor had before is still there
    assert report["healthy"] and report["backups"] and report["counts"]["people"] == 64
    text = run_cli("doctor").stdout
    assert "older than 90 days (lp-tui doctor --prune removes them):" in text
    assert f"export    200 days  {files['exports'][0]}" in text
    assert all(p.exists() for p in [*files["backups"], *files["exports"]])


def test_keep_days_moves_the_line(run_cli, files: dict) -> None:
    report = json.loads(run_cli("doctor", "--keep-days", "20", "--format", "json").stdout)
    assert report["keep_days"] == 20
    assert len(report["old_backups"]) == 3
    assert len(report["old_exports"]) == 2
    report = json.loads(run_cli("doctor", "--keep-days", "365", "--format", "json").stdout)
    assert report["old_backups"] == [] and report["old_exports"] == []
    assert (
        "older than 365 days: no backup or export" in run_cli("doctor", "--keep-days", "365").stdout
    )


def test_prune_removes_only_what_is_old_and_ours(run_cli, db_path: Path, files: dict) -> None:
    result = run_cli("doctor", "--prune")

    assert result.exit_code == 0, result.stderr
    gone = [*files["backups"][2:], *files["exports"][:2]]
    kept = [*files["backups"][:2], files["exports"][2], files["stranger"]]
    assert not any(p.exists() for p in gone)
    assert all(p.exists() for p in kept)
    for path in gone:
        assert f"removed {path}" in result.stdout
    assert str(files["stranger"]) not in result.stdout
    after = json.loads(run_cli("doctor", "--format", "json").stdout)
    assert after["old_backups"] == [] and after["old_exports"] == []
    assert Repo(db_path).snapshot().cohorts()  # the database itself is untouched


def test_prune_respects_keep_days(run_cli, files: dict) -> None:
    result = run_cli("doctor", "--prune", "--keep-days", "150", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert sorted(report["pruned"]) == sorted([str(files["backups"][3]), str(files["exports"][0])])
    assert files["backups"][2].exists() and files["exports"][1].exists()


def test_every_export_is_recorded_with_its_absolute_path(
    run_cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_cli("demo", "--no-launch")
    monkeypatch.chdir(tmp_path)
    assert run_cli("export", "--format", "csv", "--out", "csvdir").exit_code == 0
    assert run_cli("export", "--format", "md", "--out", "a.md", "--anonymise").exit_code == 0
    recorded = Repo(db_path).snapshot().exports()
    written = sorted((tmp_path / "csvdir").iterdir())
    assert written
    assert sorted(Path(r.path) for r in recorded if r.format == "csv") == written
    [md] = [r for r in recorded if r.format == "md"]
    assert (Path(md.path), md.anonymised) == (tmp_path / "a.md", True)
    assert run_cli("doctor").exit_code == 0  # the exports table passes the checks


def test_prune_cannot_go_with_restore(run_cli, files: dict) -> None:
    result = run_cli("doctor", "--prune", "--restore", str(files["backups"][0]))
    assert result.exit_code == 2
    assert "--prune: not with --restore" in result.stderr


def test_the_newest_good_backup_is_never_pruned(run_cli, db_path: Path, files: dict) -> None:
    """Even with --keep-days 0, the newest good backup stays: it may be the only way back."""
    newest, *older = Repo(db_path).db.backups()
    result = run_cli("doctor", "--prune", "--keep-days", "0")
    assert result.exit_code == 0, result.stderr
    assert Repo(db_path).db.backups() == [newest]
    assert older and not any(p.exists() for p in older)


def test_an_export_written_over_since_is_not_ours_to_remove(run_cli, files: dict) -> None:
    """A file at a path lp-tui once exported to, holding something else now, is someone
    else's: neither listed nor pruned."""
    replaced = files["exports"][0]
    replaced.write_text("an unrelated agenda")
    age(replaced, 300)
    report = json.loads(run_cli("doctor", "--format", "json").stdout)
    assert str(replaced) not in [e["path"] for e in report["old_exports"]]
    assert run_cli("doctor", "--prune").exit_code == 0
    assert replaced.read_text() == "an unrelated agenda"
    assert not files["exports"][1].exists()  # the unchanged old export is pruned
