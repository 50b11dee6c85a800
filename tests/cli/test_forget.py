"""``lp-tui forget NAME``: a person's data out of every file under the data folder, counts kept.

The demo cohort after a full run of its days, plus one participant whose every string is their
own (so each must be gone afterwards), with notes, words, quotes and comments by and about
them, a backup after every write, a file kept aside by a restore, a stale temp file, an error
log naming them and a named export in the data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.model import (
    Comment,
    EvaluationForm,
    FeedbackKind,
    FollowUpCall,
    ImpactReport,
    Observation,
    PeerFeedback,
    Stage,
    new_id,
)
from lp_tui.domain.timers import AgendaEvent, EventKind
from lp_tui.store import storage
from lp_tui.store.errors import LOG_NAME
from lp_tui.store.repo import Repo
from tests.conftest import DEMO_MOMENT, one_line

NAME = "Philippa Quennell-Ashdown"
ORGANISATION = "Quennell Foundation for Rare Lungs"
PROJECT = "Breathe Easy Quennell pilot"
NEEDS = "Oxygen cylinder; tires after forty minutes"
NOTE = "Spoke about her brother's transplant waiting list"
WORDS = "you helped me say the hard thing about my diagnosis"
QUOTE = "Since the course I chair the lung patients' panel"
DETAILS = "Joined the trust's respiratory board in March"
CALL = "Rang twice; she was in hospital for tests"
COMMENT = f"{NAME} made the day for me"
AGENDA_NOTE = f"Moved lunch for {NAME}'s medication"
OWN_TEXTS = [NOTE, WORDS, QUOTE, DETAILS, CALL, COMMENT, AGENDA_NOTE]
ROSTER = f"name,organisation,access_needs,project\n{NAME},{ORGANISATION},{NEEDS},{PROJECT}\n"


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def holding(folder: Path, strings: list[str]) -> list[tuple[str, str]]:
    """(file, string) for each string a file under ``folder`` holds, case ignored, as bytes
    and as JSON would escape it."""
    found = []
    for path in every_file(folder):
        data = path.read_bytes().lower()
        for text in strings:
            forms = {text.encode().lower(), json.dumps(text, ensure_ascii=False)[1:-1].encode()}
            if any(form.lower() in data for form in forms):
                found.append((str(path), text))
    return found


def counts(db_path: Path) -> dict[str, int]:
    tables = json.loads(db_path.read_bytes())
    return {name: len(docs) for name, docs in tables.items() if name not in ("meta", "exports")}


@pytest.fixture
def busy(run_cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The busy data folder; returns the path of an export written outside it."""
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0.0)  # a backup before every write
    assert run_cli("demo", "--no-launch", "--with-activity").exit_code == 0
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    assert run_cli("roster", "import", str(roster)).exit_code == 0
    repo = Repo(db_path)
    snapshot = repo.snapshot()
    [cohort] = snapshot.cohorts()
    people = {p.name: p for p in snapshot.people(cohort.id)}
    her = people[NAME]
    coach = people["Dr Anjali Rao"]
    friend = people["Grace Nwosu"]
    at = iso(DEMO_MOMENT)
    repo.add_observation(
        Observation(new_id(), cohort.id, 2, coach.id, her.id, "Listening to understand", at, NOTE)
    )
    repo.add_peer_feedback(
        PeerFeedback(
            new_id(),
            cohort.id,
            2,
            coach.id,
            friend.id,
            her.id,
            "Challenging with respect",
            at,
            WORDS,
            1,
        )
    )
    repo.add_impact_report(
        ImpactReport(
            new_id(), cohort.id, her.id, Stage.THREE_MONTHS, at, True, True, QUOTE, details=DETAILS
        )
    )
    repo.add_followup_call(FollowUpCall(new_id(), cohort.id, her.id, at, True, False, CALL))
    repo.add_forms(
        [EvaluationForm(new_id(), cohort.id, 3, 99, at, comments=(Comment("comments", COMMENT),))]
    )
    repo.add_agenda_events(
        [AgendaEvent(new_id(), cohort.id, 1, EventKind.NOTE, "lunch", at, text=AGENDA_NOTE)]
    )
    inside = db_path.parent / "exports" / "report.md"
    outside = tmp_path / "elsewhere" / "report.md"
    for out in (inside, outside):
        out.parent.mkdir(exist_ok=True)
        assert run_cli("export", "--format", "md", "--out", str(out)).exit_code == 0
        assert NAME in out.read_text()
    # a restore keeps the file it replaces aside: both hold her
    repo.add_observation(
        Observation(new_id(), cohort.id, 1, coach.id, friend.id, "Listening to understand", at)
    )
    assert run_cli("doctor", "--restore", str(repo.db.backups()[0])).exit_code == 0
    assert list(db_path.parent.glob("lp-tui.json.replaced-*"))
    (db_path.parent / ".lp-tui.json.4242.0badcafe.tmp").write_bytes(db_path.read_bytes())
    (db_path.parent / LOG_NAME).write_text(
        "--- 2017-11-24T09:30:00+00:00 lp-tui observe\n"
        "Traceback (most recent call last):\n"
        f"ValueError: {NAME!r} has needs {NEEDS!r}\n"
        "--- an unrelated line\n"
    )
    assert len(repo.db.backups()) >= 5
    assert holding(db_path.parent, [NAME, ORGANISATION, NEEDS, PROJECT, *OWN_TEXTS])
    return outside


def tallies(run_cli) -> list[str]:
    return [run_cli("ratings", "tally", "--day", "3", "--format", "json").stdout]


def test_forget_leaves_none_of_their_strings_under_the_data_folder(
    run_cli, db_path: Path, busy: Path
) -> None:
    before_tally = tallies(run_cli)
    before_counts = counts(db_path)
    snapshot = Repo(db_path).snapshot()
    [cohort] = snapshot.cohorts()
    attendance_before = [snapshot.attendance(cohort.id, day) for day in cohort.days]
    her_id = next(p.id for p in snapshot.people(cohort.id) if p.name == NAME)
    holders = {
        p: p.stat().st_ino for p in every_file(db_path.parent) if NAME.encode() in p.read_bytes()
    }
    assert len(holders) >= 5  # the database, backups, the file kept aside, a temp file, a log

    result = run_cli("forget", NAME, "--yes")

    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert f"forgot {NAME}: now 'Forgotten person 1'" in out
    for line in (
        "their name",
        "their organisation",
        "their project",
        "their access needs",
        "observation notes: 1",
        "peer feedback words: 1",
        "impact report quotes: 1",
        "impact report details: 1",
        "follow-up call notes: 1",
        "evaluation form comments: 1",
        "agenda notes and titles: 1",
        "rewrote the database",
        "removed 1 line from 1 error log",
        "removed 1 stale temp file",
        "removed the export",
        "checked every file under",
    ):
        assert line in out, line
    assert "rewrote" in out and "backups" in out
    assert f"{busy}: an export written before, outside the data folder" in out
    assert holding(db_path.parent, [NAME, ORGANISATION, NEEDS, PROJECT, *OWN_TEXTS]) == []
    # each file that held her and is still there is a new file (its old bytes unlinked)
    for path, inode in holders.items():
        assert not path.exists() or path.stat().st_ino != inode, path
    # counts and tallies as they were
    assert tallies(run_cli) == before_tally
    assert counts(db_path) == before_counts
    after = Repo(db_path).snapshot()
    assert [after.attendance(cohort.id, day) for day in cohort.days] == attendance_before
    [pseudonym] = [p for p in after.people(cohort.id) if p.id == her_id]
    assert (pseudonym.name, pseudonym.organisation, pseudonym.access_needs) == (
        "Forgotten person 1",
        "",
        "",
    )
    # every backup is a good database still, with her under the pseudonym
    for backup in Repo(db_path).db.backups():
        assert Repo(db_path).db.check_backup(backup) is None
    # the log keeps its other lines
    log = (db_path.parent / LOG_NAME).read_text()
    assert "--- an unrelated line" in log and "removed by lp-tui forget" in log
    # and she cannot be found by her old name
    again = run_cli("forget", NAME, "--yes")
    assert again.exit_code == 2
    assert one_line(again.stderr) == f"lp-tui: NAME: no person called {NAME!r}"


def test_forgetting_a_coach_empties_their_notes_and_their_words_to_presenters(
    run_cli, db_path: Path
) -> None:
    assert run_cli("demo", "--no-launch", "--with-activity").exit_code == 0
    snapshot = Repo(db_path).snapshot()
    [cohort] = snapshot.cohorts()
    coach = next(p for p in snapshot.people(cohort.id) if p.name == "Dr Anjali Rao")
    mine = [o for o in snapshot.observations(cohort.id, every=True) if o.by == coach.id]
    assert any(o.note for o in mine)
    tally = tallies(run_cli)

    result = run_cli("forget", "Dr Anjali Rao", "--yes")

    assert result.exit_code == 0, result.stderr
    after = Repo(db_path).snapshot()
    notes = [o.note for o in after.observations(cohort.id, every=True) if o.by == coach.id]
    assert len(notes) == len(mine) and not any(notes)
    seat = {
        (s.day, t.number)
        for s in after.seatings(cohort.id)
        for t in s.tables
        if t.coach == coach.id
    }
    to_presenters = [
        f.text
        for f in after.presenter_feedback(cohort.id, every=True)
        if f.kind == FeedbackKind.COACH and (f.day, f.table) in seat
    ]
    assert not any(to_presenters)
    assert holding(db_path.parent, ["Dr Anjali Rao", "Anjali Rao"]) == []
    assert tallies(run_cli) == tally


def test_forget_asks_first(
    run_cli, db_path: Path, busy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lp_tui.cli.forget.can_ask", lambda: True)
    files_before = {p: p.read_bytes() for p in every_file(db_path.parent)}

    declined = run_cli("forget", NAME, input="n\n")

    assert declined.exit_code == 0, declined.stderr
    assert "they become 'Forgotten person 1'" in declined.stdout
    assert "observation notes: 1" in declined.stdout
    assert "rewrites" in declined.stdout and "backups" in declined.stdout
    assert declined.stdout.rstrip().endswith("nothing changed")
    assert {p: p.read_bytes() for p in every_file(db_path.parent)} == files_before

    accepted = run_cli("forget", NAME, input="y\n")

    assert accepted.exit_code == 0, accepted.stderr
    assert "forgot" in accepted.stdout
    assert holding(db_path.parent, [NAME, ORGANISATION, NEEDS, *OWN_TEXTS]) == []


def test_forget_refuses_without_a_terminal_and_without_yes(run_cli, db_path: Path) -> None:
    run_cli("demo", "--no-launch")
    before = db_path.read_bytes()

    result = run_cli("forget", "Grace Nwosu")

    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        "lp-tui: NAME: forgetting 'Grace Nwosu' cannot be undone: run it at a terminal to be "
        "asked, or add --yes"
    )
    assert db_path.read_bytes() == before
    piped = subprocess.run(
        [sys.executable, "-m", "lp_tui", "--db", str(db_path), "forget", "Grace Nwosu"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ,
    )
    assert piped.returncode == 2
    assert "cannot be undone" in one_line(piped.stderr)
    assert db_path.read_bytes() == before


def test_strings_other_people_hold_too_are_kept(run_cli, db_path: Path) -> None:
    assert run_cli("demo", "--no-launch", "--with-activity").exit_code == 0
    snapshot = Repo(db_path).snapshot()
    [cohort] = snapshot.cohorts()
    people = snapshot.people(cohort.id)
    shared = Counter(p.organisation for p in people if p.organisation)
    grace = next(p for p in people if p.name == "Grace Nwosu")
    assert shared[grace.organisation] > 1  # the demo's organisations are shared

    result = run_cli("forget", "Grace Nwosu", "--yes")

    assert result.exit_code == 0, result.stderr
    assert "that other people's records hold too" in result.stdout
    after = {p.id: p for p in Repo(db_path).snapshot().people(cohort.id)}
    assert after[grace.id].organisation == ""
    others = [p for p in after.values() if p.organisation == grace.organisation]
    assert len(others) == shared[grace.organisation] - 1
    assert holding(db_path.parent, ["Grace Nwosu"]) == []


def test_the_next_forgotten_person_gets_the_next_number(run_cli, db_path: Path) -> None:
    run_cli("demo", "--no-launch")
    run_cli("forget", "Grace Nwosu", "--yes")
    result = run_cli("forget", "Ugo Eze", "--yes")
    assert "now 'Forgotten person 2'" in result.stdout
    forgotten = run_cli("forget", "Forgotten person 1", "--yes")
    assert forgotten.exit_code == 2
    assert "is a forgotten person already" in one_line(forgotten.stderr)


def test_someone_whose_name_starts_the_same_keeps_it(
    run_cli, db_path: Path, tmp_path: Path
) -> None:
    run_cli("cohort", "create", "C")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,organisation,access_needs\n"
        "Ann Lee,Ann Lee's own charity,Hearing loop\n"
        "Ann Leeson,Friends of Ann Lee,Step-free access\n"
    )
    assert run_cli("roster", "import", str(roster)).exit_code == 0

    result = run_cli("forget", "Ann Lee", "--yes")

    assert result.exit_code == 0, result.stderr
    snapshot = Repo(db_path).snapshot()
    people = sorted(
        (p.name, p.organisation, p.access_needs) for p in snapshot.people(snapshot.cohorts()[0].id)
    )
    # her friend's organisation named her: it goes; the friend's name and needs stay
    assert people == [("Ann Leeson", "", "Step-free access"), ("Forgotten person 1", "", "")]
    assert (
        holding(db_path.parent, ["Ann Lee's own charity", "Hearing loop", "Friends of Ann Lee"])
        == []
    )


def test_a_file_written_over_where_an_export_was_is_left_alone(
    run_cli, db_path: Path, busy: Path
) -> None:
    """forget removes only the exports lp-tui wrote as they were written: a file put since at
    the same path is someone else's, and neither removed nor said to hold their data."""
    inside = db_path.parent / "exports" / "report.md"
    inside.write_text("an unrelated agenda")
    busy.write_text("nothing personal")
    result = run_cli("forget", NAME, "--yes")
    assert result.exit_code == 0, result.stderr
    assert inside.read_text() == "an unrelated agenda"
    assert busy.read_text() == "nothing personal"
    assert "removed the export" not in result.stdout
    assert str(busy) not in result.stdout
