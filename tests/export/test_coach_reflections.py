"""Coach reflections in the md and html reports: each coach's standing reflection per day,
only from coaches who agreed to be quoted (a count of the rest); none in anonymised reports."""

from __future__ import annotations

import html
from datetime import timedelta
from pathlib import Path

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.model import ConsentMark, Role, new_id
from lp_tui.domain.reflection import Reflection
from tests.export.conftest import AFTER
from tests.export.test_formats import run

AGREED = "Owen found his voice after the break"
REWRITTEN = "Owen found his voice after lunch, with Ann's help"
NOT_AGREED = "Too much talk from the front this morning"
SECTION = "Coach reflections"


def report(repo, demo, programme, tmp_path: Path, fmt: str, anonymise: bool = False) -> str:
    [written] = run(repo, demo, programme, fmt, tmp_path / f"r.{fmt}", anonymise=anonymise)
    text = written.read_text()
    return html.unescape(text) if fmt == "html" else text.replace("\\", "")


@pytest.fixture
def coaches(repo, demo):
    """Two coaches' reflections on Day 2: one coach agreed to be quoted and rewrote theirs,
    the other did not agree."""
    cohort, people = demo
    one, two = [p for p in people if p.role is Role.COACH][:2]
    when = AFTER - timedelta(days=150)
    first = Reflection(new_id(), cohort.id, 2, one.id, AGREED, iso(when))
    repo.add_reflection(first)
    later = iso(when + timedelta(minutes=5))
    repo.add_reflection(Reflection(new_id(), cohort.id, 2, one.id, REWRITTEN, later, first.id))
    repo.add_reflection(Reflection(new_id(), cohort.id, 2, two.id, NOT_AGREED, iso(when)))
    repo.add_consent_mark(ConsentMark(new_id(), cohort.id, one.id, True, iso(when)))
    repo.add_consent_mark(ConsentMark(new_id(), cohort.id, two.id, False, iso(when)))
    return one, two


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_each_coachs_standing_reflection_once_and_only_with_consent(
    repo, demo, programme, busy, coaches, tmp_path, fmt
) -> None:
    one, _ = coaches
    text = report(repo, demo, programme, tmp_path, fmt)
    section = text.split(SECTION, 1)[1]
    assert f"{one.name}: {REWRITTEN}" in section
    assert section.count(REWRITTEN) == 1
    assert AGREED not in text  # replaced: only the standing reflection is shown
    assert NOT_AGREED not in text
    assert "1 reflection left out" in section


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_anonymised_reports_leave_the_words_out(
    repo, demo, programme, busy, coaches, tmp_path, fmt
) -> None:
    text = report(repo, demo, programme, tmp_path, fmt, anonymise=True)
    assert SECTION in text
    for words in (AGREED, REWRITTEN, NOT_AGREED):
        assert words not in text
    for coach in coaches:
        assert coach.name not in text


def test_no_reflections_no_section(repo, demo, programme, busy, tmp_path) -> None:
    assert SECTION not in report(repo, demo, programme, tmp_path, "md")


def test_the_anonymised_json_keeps_each_reflection_without_its_words_or_its_coachs_id(
    repo, demo, programme, busy, coaches, tmp_path
) -> None:
    import json

    [written] = run(repo, demo, programme, "json", tmp_path / "r.json", anonymise=True)
    document = json.loads(written.read_text())
    found = document["reflections"]
    assert len(found) == 3
    assert all(r.get("text", "") == "" for r in found)
    real = {c.id for c in coaches}
    pseudonyms = {p["id"] for p in document["people"]}
    assert all(r["by"] in pseudonyms and r["by"] not in real for r in found)
    replacing = [r for r in found if r.get("replaces")]
    assert len(replacing) == 1 and replacing[0]["replaces"] in {r["id"] for r in found}
