"""``lp-tui agenda status``: the live clock of a day for scripts."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from lp_tui.cli import cli
from lp_tui.domain.clock import FixedClock, iso
from lp_tui.domain.model import new_id
from lp_tui.domain.timers import AgendaEvent, EventKind
from tests.conftest import DEMO_MOMENT, one_line


@pytest.fixture
def status(demo, repo):
    from click.testing import CliRunner

    cohort, _ = demo

    def run(minutes_later: float, *events: tuple[EventKind, str, float], fmt: str = "json"):
        repo.add_agenda_events(
            AgendaEvent(new_id(), cohort.id, 2, kind, item, iso(DEMO_MOMENT + timedelta(minutes=m)))
            for kind, item, m in events
        )
        clock = FixedClock(DEMO_MOMENT + timedelta(minutes=minutes_later))
        from lp_tui.cli import Context

        result = CliRunner().invoke(
            cli,
            ["agenda", "status", "--day", "2", "--format", fmt],
            obj=Context(db_option=None, cohort_option=None, clock=clock),
        )
        return result

    return run


def test_not_started(status) -> None:
    result = status(0)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["day"] == 2
    assert document["state"] == "not started"
    assert document["item"]["key"] == "welcome"
    assert document["remaining_seconds"] == 15 * 60
    assert len(document["items"]) == 14
    first = document["items"][0]
    assert first["planned_seconds"] == 900 and first["actual_start"] is None


def test_running_with_seconds_remaining(status) -> None:
    document = json.loads(status(2.5, (EventKind.START, "welcome", 0)).stdout)
    assert document["state"] == "running"
    assert document["remaining_seconds"] == 750
    assert document["item"]["actual_start"].startswith("2017-11-24T09:30")


def test_overrun_is_negative(status) -> None:
    document = json.loads(status(18, (EventKind.START, "welcome", 0)).stdout)
    assert document["state"] == "overrun"
    assert document["remaining_seconds"] == -180
    assert document["behind_seconds"] == 180


def test_paused(status) -> None:
    events = [(EventKind.START, "welcome", 0), (EventKind.PAUSE, "welcome", 1)]
    document = json.loads(status(30, *events).stdout)
    assert document["state"] == "paused"
    assert document["remaining_seconds"] == 840


def test_planned_and_actual_per_item(status) -> None:
    events = [
        (EventKind.START, "welcome", 0),
        (EventKind.FINISH, "welcome", 20),
        (EventKind.START, "behaviours-appreciated", 20),
    ]
    document = json.loads(status(21, *events).stdout)
    welcome = document["items"][0]
    assert welcome["status"] == "finished"
    assert welcome["planned_seconds"] == 900
    assert welcome["actual_seconds"] == 1200
    assert document["item"]["key"] == "behaviours-appreciated"


def test_finished(status, programme) -> None:
    events = []
    minute = 0.0
    for item in programme.day(2).items:
        events.append((EventKind.START, item.key, minute))
        minute += item.minutes
        events.append((EventKind.FINISH, item.key, minute))
    document = json.loads(status(minute + 5, *events).stdout)
    assert document["state"] == "finished"
    assert document["item"] is None and document["remaining_seconds"] is None
    text = status(minute + 5, fmt="text").stdout  # the same day, for people: it ended
    assert "planned 09:30-15:45, ended 15:45 (on time)" in text
    assert "projected" not in text


def test_text_for_people(status) -> None:
    result = status(5, (EventKind.START, "welcome", 0), fmt="text")
    assert "Day 2: running" in result.stdout
    assert "now:  Welcome back and check-in (10:00)" in result.stdout


def test_a_day_the_cohort_does_not_have(run_cli, demo) -> None:
    result = run_cli("agenda", "status", "--day", "5", "--format", "json")
    assert result.exit_code == 2
    assert "--day 5" in one_line(result.stderr)


# ---------------------------------------------------------------- without --day: the live day


def status_of(*args: str, at=DEMO_MOMENT) -> dict:
    from click.testing import CliRunner

    from lp_tui.cli import Context

    result = CliRunner().invoke(
        cli,
        ["agenda", "status", *args, "--format", "json"],
        obj=Context(db_option=None, cohort_option=None, clock=FixedClock(at)),
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


REHEARSAL = DEMO_MOMENT.replace(year=2026)  # on none of the demo's dates


def live(repo, cohort, day: int, minutes: float = 0) -> None:
    from lp_tui.domain.live_day import LiveDay

    moment = DEMO_MOMENT + timedelta(minutes=minutes)
    repo.add_live_day(LiveDay(new_id(), cohort.id, day, iso(moment)))


def test_without_day_on_a_date_of_the_cohort_that_day(demo) -> None:
    assert status_of()["day"] == 2


def test_without_day_off_the_dates_the_first_day_not_finished(demo, repo, programme) -> None:
    assert status_of(at=REHEARSAL)["day"] == 1
    cohort, _ = demo
    repo.add_agenda_events(
        AgendaEvent(new_id(), cohort.id, 1, EventKind.SKIP, item.key, iso(DEMO_MOMENT))
        for item in programme.day(1).items
    )
    assert status_of(at=REHEARSAL)["day"] == 2


def test_without_day_the_day_the_facilitator_opened(demo, repo) -> None:
    cohort, _ = demo
    live(repo, cohort, 3)
    assert status_of()["day"] == 3
    live(repo, cohort, 1, minutes=1)
    document = status_of(at=REHEARSAL)
    assert document["day"] == 1
    assert document["item"]["key"] == "welcome"
    assert status_of("--day", "2")["day"] == 2  # --day still overrides


def test_the_day_help_names_the_programmes_range(run_cli) -> None:
    for command in (["agenda", "status"], ["observe"], ["coach"], ["clock"], ["run"]):
        result = run_cli(*command, "--help")
        assert result.exit_code == 0
        assert "1-3 in effective-lay-partner" in " ".join(result.stdout.split()), command
