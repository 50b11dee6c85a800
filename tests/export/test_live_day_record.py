"""The live day is a record of the cohort: the json export carries it and import rebuilds it."""

from __future__ import annotations

import json
from datetime import UTC, date, timedelta

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.live_day import LiveDay
from lp_tui.domain.model import new_id
from lp_tui.export import json_format
from lp_tui.export.write import export
from lp_tui.store.repo import Repo
from tests.conftest import DEMO_MOMENT
from tests.export.conftest import AFTER


def test_live_days_round_trip_through_json(repo, demo, programme, tmp_path) -> None:
    cohort, _ = demo
    for minutes, day in ((0, 2), (5, 3)):
        at = iso(DEMO_MOMENT + timedelta(minutes=minutes))
        repo.add_live_day(LiveDay(new_id(), cohort.id, day, at))
    [first] = export(
        repo.snapshot(), cohort, programme, "json", tmp_path / "one.json", now=AFTER, tz=UTC
    )
    assert [d["day"] for d in json.loads(first.read_text())["live_days"]] == [2, 3]
    parsed, records = json_format.parse_export(first.read_text(), str(first))
    other = Repo(tmp_path / "other" / "db.json")
    other.import_cohort(parsed, records)
    assert other.snapshot().live_days(cohort.id) == repo.snapshot().live_days(cohort.id)
    assert other.snapshot().live_day(parsed, programme, date(2026, 1, 1)) == 3
    [second] = export(
        other.snapshot(), parsed, programme, "json", tmp_path / "two.json", now=AFTER, tz=UTC
    )
    assert first.read_bytes() == second.read_bytes()


def test_a_live_day_record_with_a_bad_day_is_refused(repo, demo, programme, tmp_path) -> None:
    cohort, _ = demo
    repo.add_live_day(LiveDay(new_id(), cohort.id, 2, iso(DEMO_MOMENT)))
    [written] = export(
        repo.snapshot(), cohort, programme, "json", tmp_path / "one.json", now=AFTER, tz=UTC
    )
    document = json.loads(written.read_text())
    document["live_days"][0]["day"] = "two"
    with pytest.raises(InputError, match="live_days"):
        json_format.parse_export(json.dumps(document), "bad.json")
