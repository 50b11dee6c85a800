"""The md and html reports break a day's tally down by table and coach when forms name their
table (coaches by the report's names: pseudonyms when anonymised), and show the 3-month case
studies (the details of impacts) only from people who consented to be quoted; csv, xlsx and
json are unchanged (they keep every detail for the programme lead)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from html import escape

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.model import (
    Answer,
    ConsentMark,
    EvaluationForm,
    ImpactReport,
    Role,
    Stage,
    new_id,
)
from lp_tui.domain.seating import latest, participants
from lp_tui.domain.tally import one_dp
from tests.export.conftest import AFTER, export_demo
from tests.export.test_consent_in_reports import exported

DAY = 1
SHARED = "I now chair the trust patient panel and brought two others onto it"
PRIVATE = "My manager blocked the change so I went to the board myself"
ONE_MONTH_ONLY = "A one-month detail that is not a case study"


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


@pytest.fixture
def tabled(repo, demo, programme, busy) -> list[EvaluationForm]:
    """Day 1 forms from two seated tables and one with no table, with known ratings."""
    cohort, _ = demo
    seating = latest(repo.snapshot().seatings(cohort.id), DAY)
    assert seating is not None
    first, second = seating.tables[0].number, seating.tables[1].number
    keys = [q.key for q in programme.day(DAY).questions]
    when = iso(AFTER - timedelta(days=30))
    layout = [(first, 5), (first, 3), (second, 2), (0, 4)]
    forms = [
        EvaluationForm(
            new_id(), cohort.id, DAY, 900 + i, when, tuple(Answer(k, rating) for k in keys),
            table=table,
        )
        for i, (table, rating) in enumerate(layout)
    ]  # fmt: skip
    repo.add_forms(forms)
    return forms


@pytest.fixture
def cases(repo, demo, busy) -> list[ImpactReport]:
    """3-month details: two consenting people gave the same words, one never consented; a
    one-month detail is not a case study."""
    cohort, _ = demo
    group = participants(busy[1])[:4]
    when = AFTER - timedelta(days=5)
    reports = [
        ImpactReport(new_id(), cohort.id, p.id, Stage.THREE_MONTHS, iso(when), details=text)
        for p, text in zip(group[:3], [SHARED, " ".join(SHARED.split()), PRIVATE], strict=True)
    ]
    reports.append(
        ImpactReport(
            new_id(), cohort.id, group[3].id, Stage.ONE_MONTH, iso(when), details=ONE_MONTH_ONLY
        )
    )
    for report in reports:
        repo.add_impact_report(report)
    for person in (group[0], group[1], group[3]):
        repo.add_consent_mark(ConsentMark(new_id(), cohort.id, person.id, True, iso(when)))
    return reports


def breakdown_of(text: str) -> str:
    """The report from the (only) breakdown to the follow-up section."""
    return section(text, "By table and coach", "Follow-up and impacts")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_days_tally_is_broken_down_by_table_and_coach(
    repo, demo, programme, tabled, tmp_path, fmt
) -> None:
    cohort, people = demo
    seating = latest(repo.snapshot().seatings(cohort.id), DAY)
    assert seating is not None
    names = {p.id: p.name for p in people}
    text = exported(repo, demo, programme, tmp_path, fmt)
    assert text.count("By table and coach") == 1
    breakdown = breakdown_of(text)
    for table, expected_forms, average in [
        (seating.tables[0], 2, (5 + 3) / 2),
        (seating.tables[1], 1, 2.0),
    ]:
        coach = names[table.coach] if table.coach else "none"
        cells = (str(table.number), coach, str(expected_forms), one_dp(average))
        if fmt == "md":
            row = "| " + " | ".join(cells)
        else:
            kinds = ["", "", ' class="n"', ' class="n"']
            row = "".join(f"<td{k}>{escape(c)}</td>" for k, c in zip(kinds, cells, strict=True))
        assert row in breakdown.replace("\n", ""), (row, breakdown[:2000])
    assert "no table" in breakdown
    assert "Tables" not in breakdown  # no coach led two tables: no table per coach


def test_no_breakdown_when_no_form_names_its_table(repo, demo, programme, busy, tmp_path) -> None:
    text = exported(repo, demo, programme, tmp_path, "md")
    assert "By table and coach" not in text


def test_the_anonymised_breakdown_names_coaches_by_pseudonym(
    repo, demo, programme, tabled, tmp_path
) -> None:
    cohort, people = demo
    [written] = export_demo(repo, demo, programme, "md", tmp_path / "a.md", anonymise=True)
    text = written.read_text()
    coaches = [p for p in people if p.role is Role.COACH]
    for coach in coaches:
        assert coach.name not in text
    seating = latest(repo.snapshot().seatings(cohort.id), DAY)
    assert seating is not None
    number = seating.tables[0].number
    # the coach of the table in the breakdown is the one the report's Tables section names
    tables = section(text, "\n## Tables", "\n## ")
    day_tables = section(tables, f"### Day {DAY}\n", "\n###")
    [seated] = re.findall(rf"^\| {number}(?: \(accessible\))? \| ([^|]+) \|", day_tables, re.M)
    breakdown = breakdown_of(text)
    [rated] = re.findall(rf"^\| {number} \| ([^|]+) \| 2 \|", breakdown, re.M)
    assert rated == seated
    [page] = export_demo(repo, demo, programme, "html", tmp_path / "a.html", anonymise=True)
    html_text = page.read_text()
    assert "By table and coach" in html_text
    assert f"<td>{escape(rated.strip())}</td>" in breakdown_of(html_text)
    for coach in coaches:
        assert escape(coach.name) not in html_text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_case_studies_only_from_people_who_consented_each_once(
    repo, demo, programme, cases, tmp_path, fmt
) -> None:
    text = exported(repo, demo, programme, tmp_path, fmt)
    three = text.split("3 months follow-up", 1)[1]
    assert "Case studies" in three
    assert text.count(SHARED) == 1
    assert PRIVATE not in text
    assert ONE_MONTH_ONLY not in text
    assert "1 case study left out: whoever said it has not agreed to be quoted in reports." in (
        three
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_case_studies_section_without_details(repo, demo, programme, busy, tmp_path, fmt):
    text = exported(repo, demo, programme, tmp_path, fmt)
    assert "Case studies" not in text
    assert "left out: whoever" not in text.split("3 months follow-up", 1)[1]


def test_an_anonymised_report_shows_no_case_study(repo, demo, programme, cases, tmp_path) -> None:
    [written] = export_demo(repo, demo, programme, "html", tmp_path / "a.html", anonymise=True)
    text = written.read_text()
    for words in (SHARED, PRIVATE, ONE_MONTH_ONLY):
        assert words not in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_programme_leads_formats_keep_every_detail(
    repo, demo, programme, cases, tmp_path, fmt
) -> None:
    text = exported(repo, demo, programme, tmp_path, fmt)
    for words in (SHARED, PRIVATE, ONE_MONTH_ONLY):
        assert words in text
    assert "Case studies" not in text


def test_a_coach_leading_two_tables_gets_a_row_counting_both(
    repo, demo, programme, tabled, tmp_path
) -> None:
    cohort, people = demo
    seating = latest(repo.snapshot().seatings(cohort.id), DAY)
    assert seating is not None
    one, two, *rest = seating.tables
    both = replace(two, coach=one.coach)  # the first table's coach now leads the second too
    later = iso(datetime.fromisoformat(seating.at) + timedelta(minutes=1))
    repo.add_seating(replace(seating, id=new_id(), at=later, how="move", tables=(one, both, *rest)))
    text = exported(repo, demo, programme, tmp_path, "md")
    name = next(p.name for p in people if p.id == one.coach)
    row = f"| {name} | {one.number}, {two.number} | 3 | {one_dp((5 + 3 + 2) / 3)} |"
    assert row in breakdown_of(text)
    assert "| none | no table | 1 | 4.0 |" in breakdown_of(text)
