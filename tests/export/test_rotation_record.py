"""A presenter who dropped out stays in the record: the report says when, and the json export
rebuilds the plan exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lp_tui.domain.rotation_change import Choice, Timing, drop_effects
from lp_tui.export import json_format
from lp_tui.export.write import export
from lp_tui.store.repo import Repo
from tests.export.conftest import AFTER, export_demo


@pytest.fixture
def dropped(repo, demo, busy):
    """Day 2's rotation after a Darzi Fellow dropped out in the changeover before round 2."""
    cohort, _ = demo
    current = repo.snapshot().rotations(cohort.id, 2)[-1]
    in_move = Timing(70 * 60, 300, running_seconds=34 * 60)
    person = next(
        p for v in sorted(current.visits) if v.round == 2 for p in [current.presenters[v.presenter]]
    )
    # made during the changeover, after the plan it replaces (export orders records by time)
    at = (datetime.fromisoformat(current.at) + timedelta(seconds=34 * 60)).isoformat()
    effects = {
        e.choice: e for e in drop_effects(current, person, in_move, plan_id="dropped", at=at)
    }
    plan = effects[Choice.MISS].plan
    repo.add_rotation(plan)
    name = next(p.name for p in busy[1] if p.id == person)
    return plan, name


def write(repo, demo, programme, fmt, out, anonymise=False):
    [written] = export_demo(repo, demo, programme, fmt, out, anonymise)
    return written


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_says_who_dropped_out_and_before_which_round(
    repo, demo, programme, dropped, tmp_path, fmt
) -> None:
    plan, name = dropped
    text = write(repo, demo, programme, fmt, tmp_path / f"report.{fmt}").read_text()
    assert f"{name} dropped out before round {plan.dropped[0].before_round}" in text
    assert plan.dropped[0].before_round == 2


def test_the_anonymised_report_says_it_without_the_name(
    repo, demo, programme, dropped, tmp_path
) -> None:
    _, name = dropped
    text = write(repo, demo, programme, "md", tmp_path / "report.md", anonymise=True).read_text()
    assert "dropped out before round 2" in text
    assert name not in text


def test_json_round_trip_keeps_the_drop_out_exactly(
    repo, demo, programme, dropped, tmp_path
) -> None:
    plan, _ = dropped
    first = write(repo, demo, programme, "json", tmp_path / "one.json")
    cohort, records = json_format.parse_export(first.read_text(), str(first))
    other = Repo(tmp_path / "other" / "db.json")
    other.import_cohort(cohort, records)
    second = export(
        other.snapshot(), cohort, programme, "json", tmp_path / "two.json", now=AFTER, tz=UTC
    )[0]
    assert first.read_bytes() == second.read_bytes()
    back = other.snapshot().rotations(cohort.id, 2)[-1]
    assert back == plan


def test_an_old_stored_plan_without_the_new_fields_still_loads(repo, demo, busy) -> None:
    from lp_tui.domain.model import RotationPlan
    from lp_tui.store.records import check_doc, to_doc

    plan = repo.snapshot().rotations(demo[0].id, 2)[-1]
    doc = to_doc(plan)
    for new in ("dropped", "round_count", "start_seconds", "replaces", "person"):
        doc.pop(new, None)
    loaded = check_doc(RotationPlan, doc)
    assert loaded.dropped == () and loaded.round_count == 0 and loaded.rotation().rounds > 0
