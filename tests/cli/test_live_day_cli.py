"""Commands without --day follow the live day; ``run --day N`` makes N the live day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner

from lp_tui.cli import Context, cli
from lp_tui.domain.clock import FixedClock, iso
from lp_tui.domain.live_day import LiveDay
from lp_tui.domain.model import new_id
from tests.conftest import DEMO_MOMENT

OBSERVE = ["observe", "--by", "Dr Anjali Rao", "--about", "Grace Nwosu", "--behaviour", "Listens"]
REHEARSAL = DEMO_MOMENT.replace(year=2026)


def invoke(*args: str, at=REHEARSAL):
    result = CliRunner().invoke(
        cli, list(args), obj=Context(db_option=None, cohort_option=None, clock=FixedClock(at))
    )
    assert result.exit_code == 0, result.stderr
    return result


def make_live(repo, cohort, day: int, minutes: float = 0) -> None:
    moment = DEMO_MOMENT + timedelta(minutes=minutes)
    repo.add_live_day(LiveDay(new_id(), cohort.id, day, iso(moment)))


def test_observe_without_day_files_under_the_live_day(demo, repo) -> None:
    cohort, _ = demo
    make_live(repo, cohort, 2)
    invoke(*OBSERVE)
    [observation] = repo.snapshot().observations(cohort.id)
    assert observation.day == 2


def test_observe_off_the_dates_with_nothing_run_is_day_one(demo, repo) -> None:
    cohort, _ = demo
    invoke(*OBSERVE)
    assert [o.day for o in repo.snapshot().observations(cohort.id)] == [1]


def test_observe_with_day_overrides_the_live_day(demo, repo) -> None:
    cohort, _ = demo
    make_live(repo, cohort, 2)
    invoke(*OBSERVE, "--day", "3")
    assert [o.day for o in repo.snapshot().observations(cohort.id)] == [3]


@pytest.fixture
def no_app(monkeypatch):
    """The facilitator's app is not opened: only what ``run`` stores first is looked at."""
    from lp_tui.ui.app import FacilitatorApp

    opened: list[int | None] = []

    def run(self) -> None:
        opened.append(self.day)

    monkeypatch.setattr(FacilitatorApp, "run", run)
    return opened


def test_run_with_day_makes_it_the_live_day(demo, repo, no_app) -> None:
    cohort, _ = demo
    invoke("run", "--day", "3")
    assert [r.day for r in repo.snapshot().live_days(cohort.id)] == [3]
    invoke("run", "--day", "3")  # already live: nothing more stored
    assert [r.day for r in repo.snapshot().live_days(cohort.id)] == [3]
    invoke("run")  # no --day: opens the live day, stores nothing
    assert no_app == [3, 3, 3]
    assert len(repo.snapshot().live_days(cohort.id)) == 1
    invoke("run", "--day", "2", at=REHEARSAL + timedelta(minutes=1))
    assert [r.day for r in repo.snapshot().live_days(cohort.id)] == [3, 2]


def test_run_without_day_on_the_demo_opens_day_one(demo, no_app) -> None:
    invoke("run")
    assert no_app == [1]
