"""The demo cohort after a full run of its days, with two participants whose names are
attacks: one an html script, one a spreadsheet formula."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.demo_day import DemoActivity, demo_activity
from lp_tui.domain.model import Cohort, Person, new_id
from lp_tui.export.gather import CohortRecords, gather
from lp_tui.export.write import export
from lp_tui.store.repo import Repo
from tests.conftest import DEMO_MOMENT, store_copy

AFTER = datetime(2018, 5, 1, 12, tzinfo=UTC)  # the cohort's days and follow-up are over
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'


def make_busy(repo, demo, programme) -> tuple[DemoActivity, list[Person]]:
    """The two attackers joined to the demo cohort, and a full run of its days stored."""
    cohort, people = demo
    nasty = [
        Person(new_id(), cohort.id, SCRIPT, access_needs="<b>bold</b> needs"),
        Person(new_id(), cohort.id, FORMULA, organisation="@SUM(A1:A9)"),
    ]
    repo.add_people(cohort.id, nasty)
    everyone = [*people, *nasty]
    activity = demo_activity(cohort, everyone, programme)
    repo.add_activity(activity)
    return activity, everyone


@dataclass(frozen=True)
class BusyCohort:
    """A database of its own holding the demo cohort after its days (``make_busy``), for the
    fixtures a module makes once and its tests only read."""

    repo: Repo
    demo: tuple[Cohort, list[Person]]
    activity: DemoActivity
    everyone: list[Person]


def busy_cohort(
    folder: Path, programme, demo: tuple[Cohort, list[Person]] | None = None
) -> BusyCohort:
    repo = Repo(folder / "lp-tui.json")
    cohort, people = demo or demo_cohort(iso(DEMO_MOMENT))
    repo.add_cohort(cohort, people)
    demo = (cohort, people)
    activity, everyone = make_busy(repo, demo, programme)
    return BusyCohort(repo, demo, activity, everyone)


@dataclass(frozen=True)
class MadeOnce:
    """The database of the demo cohort, and of the same cohort after its days (``make_busy``),
    each made once a process, as bytes: a test's database starts as a copy of one. Making
    them for each test was most of the export tests' setup (56 ms a test)."""

    demo_file: bytes
    busy_file: bytes
    demo: tuple[Cohort, list[Person]]
    activity: DemoActivity
    everyone: list[Person]


@pytest.fixture(scope="session")
def made_once(tmp_path_factory: pytest.TempPathFactory, programme) -> MadeOnce:
    folder = tmp_path_factory.mktemp("made-once")
    plain = Repo(folder / "demo" / "lp-tui.json")
    cohort, people = demo_cohort(iso(DEMO_MOMENT))
    plain.add_cohort(cohort, people)
    made = busy_cohort(folder / "busy", programme, (cohort, people))
    return MadeOnce(
        plain.path.read_bytes(),
        made.repo.path.read_bytes(),
        made.demo,
        made.activity,
        made.everyone,
    )


@pytest.fixture
def demo(db_path: Path, made_once: MadeOnce) -> tuple[Cohort, list[Person]]:
    """The demo cohort stored (as tests/conftest.py's demo stores it), from a copy."""
    store_copy(db_path, made_once.demo_file)
    cohort, people = made_once.demo
    return cohort, list(people)


@pytest.fixture
def busy(db_path: Path, demo, made_once: MadeOnce) -> tuple[DemoActivity, list[Person]]:
    """The demo cohort after its days (``make_busy``), from a copy; each test its own lists."""
    store_copy(db_path, made_once.busy_file)
    activity = DemoActivity(**{kind: list(made) for kind, made in vars(made_once.activity).items()})
    return activity, list(made_once.everyone)


@pytest.fixture
def records(repo, demo, programme, busy) -> CohortRecords:
    return gather(repo.snapshot(), demo[0], programme, now=AFTER, tz=UTC)


def export_demo(repo, demo, programme, fmt: str, out: Path, anonymise: bool = False) -> list[Path]:
    """The demo cohort exported after its days, as `lp-tui export` would (an anonymised export
    takes the cohort's pseudonym secret, made the first time)."""
    key = repo.pseudonym_key(demo[0].id, iso(AFTER)) if anonymise else ""
    return export(
        repo.snapshot(),
        demo[0],
        programme,
        fmt,
        out,
        now=AFTER,
        tz=UTC,
        anonymise=anonymise,
        key=key,
    )
