"""Fixtures shared by every kind of test: a private database, a fixed clock, the demo cohort."""

from __future__ import annotations

import compileall
import contextlib
import gc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lp_tui.cli import cli
from lp_tui.domain.clock import FixedClock, iso
from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.model import Cohort, Person
from lp_tui.store.files import load_programme
from lp_tui.store.repo import Repo
from lp_tui.store.storage import make_folders, write_new_file

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_MOMENT = datetime(2017, 11, 24, 9, 30, tzinfo=UTC)


# Started before the rest: real processes, terminals and installs (which mostly wait) and the
# longest properties. Begun beside the many short tests, none of them runs on alone at the end.
FIRST = ("slow", "e2e", "long")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next((n for n, mark in enumerate(FIRST) if item.get_closest_marker(mark)), 9)

    items.sort(key=rank)


# The cycle collector, tuned for a test process (each worker: about 100 MB at most, against
# 90 with Python's defaults). An app test leaves its app, tens of thousands of objects in
# cycles, for the collector; with the defaults it also walked every module and collected test
# again and again, a fifth of an app test's CPU. Passes come less often here, and what exists
# once the tests are collected (which lives to the end anyway) is kept out of them.
GC_THRESHOLDS = (2000, 20, 10)


def pytest_configure(config: pytest.Config) -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    if config.getoption("dist", "no") != "no" and not hasattr(config, "workerinput"):
        compile_once(config)


def compile_once(config: pytest.Config) -> None:
    """Before the workers start, the bytecode they all need, made once: the tests as pytest
    rewrites their asserts, and lp_tui. On a fresh clone (as CI runs) each of the four
    workers rewrote and compiled all of it at the same time before its first test: the
    collection took 22-27 s of CPU and 12-14 s, now 13-15 s of CPU and 8.5-10 s. Where the
    caches are current this only reads them. It uses pytest's own rewriting (internal to
    pytest: any failure leaves the work to the workers, as before)."""
    with contextlib.suppress(Exception):
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
        sources = [*REPO_ROOT.glob("tests/**/test_*.py"), *REPO_ROOT.glob("tests/**/conftest.py")]
        for source in sources:
            cache = rewrite.get_cache_dir(source)
            pyc = cache / (source.name[:-3] + rewrite.PYC_TAIL)
            if rewrite._read_pyc(source, pyc) is None and rewrite.try_makedirs(cache):
                stat, code = rewrite._rewrite_test(source, config)
                rewrite._write_pyc(state, code, stat, pyc)
    with contextlib.suppress(Exception):
        for folder in ("lp_tui", "tests/helpers"):
            compileall.compile_dir(REPO_ROOT / folder, quiet=2)


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(DEMO_MOMENT)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "lp-tui.json"
    monkeypatch.setenv("LP_TUI_DB", str(path))
    monkeypatch.setenv("LP_TUI_SESSIONS", str(REPO_ROOT / "sessions"))
    return path


@pytest.fixture
def repo(db_path: Path) -> Repo:
    return Repo(db_path)


def store_copy(db_path: Path, data: bytes) -> None:
    """``data`` as the test's database, a copy of one made once a process, made as the store
    makes one (folders 0700, the file 0600)."""
    make_folders(db_path.parent)
    db_path.unlink(missing_ok=True)
    write_new_file(db_path, data, 0o600)


@pytest.fixture
def demo(repo: Repo, clock: FixedClock) -> tuple[Cohort, list[Person]]:
    cohort, people = demo_cohort(iso(clock.now()))
    repo.add_cohort(cohort, people)
    return cohort, people


@pytest.fixture(scope="session")
def programme():
    """The shipped programme, read once a process: it is frozen all the way down (tuples of
    frozen dataclasses), so no test can change what another reads."""
    return load_programme("effective-lay-partner")


@pytest.fixture
def run_cli(db_path: Path) -> Iterator:
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    yield invoke


def one_line(text: str) -> str:
    """The text, asserted to be exactly one line."""
    lines = text.splitlines()
    assert len(lines) == 1, f"expected one line, got {lines!r}"
    return lines[0]
