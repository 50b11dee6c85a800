"""After a good read, a table that only grew (an append) has only its new records checked; any
other change to it, or to the cohorts, has the whole table checked again. A bad record is
caught wherever it sits, and an append numbers records as TinyDB would."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import orjson
import pytest

from lp_tui.domain.demo_day import demo_activity
from lp_tui.domain.model import Observation, new_id
from lp_tui.store import validate
from lp_tui.store.records import to_doc
from lp_tui.store.repo import OBSERVATIONS, Repo
from lp_tui.store.validate import BadRecord


@pytest.fixture
def full(repo: Repo, demo, programme) -> Path:
    cohort, people = demo
    repo.add_activity(demo_activity(cohort, people, programme))
    return repo.path


def observation(repo: Repo, **changes: Any) -> Observation:
    [cohort] = repo.snapshot().cohorts()
    people = repo.snapshot().people(cohort.id)
    values = {
        "id": new_id(),
        "cohort": cohort.id,
        "day": 1,
        "by": people[0].id,
        "about": people[1].id,
        "behaviour": "Listens",
        "note": "",
        "at": "2017-11-23T10:00:00+00:00",
        **changes,
    }
    return Observation(**values)


def checked(path: Path) -> list[str]:
    """The keys of the observations the check looked at on a fresh read of ``path``."""
    seen: list[str] = []
    real = validate._record

    def spy(table: str, key: str, doc: dict[str, Any], kind: Any):  # type: ignore[no-untyped-def]
        if table == OBSERVATIONS:
            seen.append(key)
        return real(table, key, doc, kind)

    with mock.patch.object(validate, "_record", spy):
        Repo(path).snapshot()
    return seen


def test_after_an_append_only_the_new_record_is_checked(full: Path) -> None:
    repo = Repo(full)
    assert len(checked(full)) == len(orjson.loads(full.read_bytes())[OBSERVATIONS])
    repo.add_observation(observation(repo))
    count = len(orjson.loads(full.read_bytes())[OBSERVATIONS])
    assert checked(full) == [str(count)]


def test_a_bad_record_appended_is_caught(full: Path) -> None:
    repo = Repo(full)
    repo.snapshot()
    tables = orjson.loads(full.read_bytes())
    docs = tables[OBSERVATIONS]
    number = max(map(int, docs)) + 1
    docs[str(number)] = {**to_doc(observation(repo)), "day": 99}
    full.write_bytes(orjson.dumps(tables))
    with pytest.raises(BadRecord, match=f"table 'observations' record {number}: day"):
        repo.snapshot()


def test_a_record_changed_before_the_end_has_the_table_checked_whole(full: Path) -> None:
    repo = Repo(full)
    repo.add_observation(observation(repo))
    tables = orjson.loads(full.read_bytes())
    docs = tables[OBSERVATIONS]
    docs["1"] = {**docs["1"], "note": "changed"}
    number = max(map(int, docs)) + 1
    docs[str(number)] = to_doc(observation(repo))
    full.write_bytes(orjson.dumps(tables))
    assert len(checked(full)) == len(docs)


def test_a_record_removed_and_another_added_has_the_table_checked_whole(full: Path) -> None:
    repo = Repo(full)
    repo.snapshot()
    tables = orjson.loads(full.read_bytes())
    docs = tables[OBSERVATIONS]
    first = next(iter(docs))
    bad = {**docs[first], "day": 99}
    del docs[first]
    docs[str(max(map(int, docs)) + 1)] = to_doc(observation(repo))
    docs[first] = bad  # at the end now, but the records before are not as they were
    full.write_bytes(orjson.dumps(tables))
    with pytest.raises(BadRecord, match=f"record {first}: day"):
        repo.snapshot()


def test_appends_are_numbered_from_one_more_than_the_highest(full: Path) -> None:
    repo = Repo(full)
    tables = orjson.loads(full.read_bytes())
    docs = tables[OBSERVATIONS]
    highest = max(map(int, docs))
    docs[str(highest + 5)] = docs.pop(next(iter(docs)))  # a gap, and not in order
    full.write_bytes(orjson.dumps(tables))
    repo.add_observation(observation(repo))
    repo.add_observation(observation(repo))
    keys = list(orjson.loads(full.read_bytes())[OBSERVATIONS])
    assert keys[-2:] == [str(highest + 6), str(highest + 7)]


def test_an_append_to_a_table_not_there_yet_starts_at_one(tmp_path: Path, demo) -> None:
    repo = Repo(tmp_path / "db.json")
    cohort, people = demo
    repo.add_cohort(cohort, people)
    repo.add_observation(observation(repo))
    assert list(orjson.loads(repo.path.read_bytes())[OBSERVATIONS]) == ["1"]
