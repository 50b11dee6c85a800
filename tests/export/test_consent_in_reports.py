"""Quotes and words of feedback reach the md and html reports only from people who agreed to be
quoted; the csv, xlsx and json keep everything for the programme lead. Each quote is shown
once; when any quote of a stage is starred, only the starred ones."""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lp_tui.domain.clock import iso
from lp_tui.domain.model import ConsentMark, FeedbackKind, ImpactReport, QuoteStar, Stage, new_id
from lp_tui.domain.seating import participants
from tests.export.conftest import AFTER
from tests.export.test_formats import run

CONSENTED = "Chairing the patient panel changed how I see meetings"
SECRET = "My consultant still does not listen to me"
WITHDRAWN = "I said yes at first and then changed my mind"
STARRED = "The one quote the facilitator chose"
ALL_FORMATS = ["md", "html", "csv", "xlsx", "json"]


def text_of(written: Path, fmt: str) -> str:
    if fmt == "xlsx":
        book = load_workbook(written)
        return "\n".join(
            str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row
        )
    if fmt == "csv":
        with zipfile.ZipFile(written) as archive:
            return "\n".join(archive.read(n).decode("utf-8-sig") for n in archive.namelist())
    return written.read_text()


def exported(repo, demo, programme, tmp_path: Path, fmt: str) -> str:
    out = tmp_path / ("records.zip" if fmt == "csv" else f"records.{fmt}")
    [written] = run(repo, demo, programme, fmt, out)
    return text_of(written, fmt)


@pytest.fixture
def said(repo, demo, busy):
    """Three-month reports: two consenting people said the same words, one never consented,
    one consented and took it back; plus one more consenting person, for stars."""
    cohort, _ = demo
    group = participants(busy[1])[:5]
    when = AFTER - timedelta(days=10)
    words = [CONSENTED, CONSENTED, SECRET, WITHDRAWN, STARRED]
    reports = []
    for person, quote in zip(group, words, strict=True):
        found = ImpactReport(
            new_id(), cohort.id, person.id, Stage.THREE_MONTHS, iso(when), True, True, quote
        )
        repo.add_impact_report(found)
        reports.append(found)
    for index, consent, minute in [(0, True, 1), (1, True, 1), (3, True, 1), (3, False, 5)]:
        repo.add_consent_mark(
            ConsentMark(
                new_id(),
                cohort.id,
                group[index].id,
                consent,
                iso(when + timedelta(minutes=minute)),
            )
        )
    repo.add_consent_mark(ConsentMark(new_id(), cohort.id, group[4].id, True, iso(when)))
    return reports


def three_months_section(report_text: str) -> str:
    return report_text.split("3 months follow-up", 1)[1]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_quote_of_someone_who_did_not_consent_is_not_in_the_report(
    repo, demo, programme, said, tmp_path, fmt
) -> None:
    text = exported(repo, demo, programme, tmp_path, fmt)
    assert SECRET not in text
    assert WITHDRAWN not in text  # consented, then took it back: the latest mark wins
    assert text.count(CONSENTED) == 1  # two people said it: shown once
    assert STARRED in text
    section = three_months_section(text)
    assert "2 quotes left out: those who said them have not agreed to be quoted" in section


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_programme_leads_formats_keep_every_quote(
    repo, demo, programme, said, tmp_path, fmt
) -> None:
    text = exported(repo, demo, programme, tmp_path, fmt)
    for quote in (SECRET, WITHDRAWN, CONSENTED, STARRED):
        assert quote in text


def test_json_people_carry_consent_as_it_stands_as_a_boolean(
    repo, demo, programme, said, tmp_path
) -> None:
    document = json.loads(exported(repo, demo, programme, tmp_path, "json"))
    consent = {p["id"]: p["consent_quotes"] for p in document["people"]}
    assert all(type(value) is bool for value in consent.values())
    by_person = {r.person: r.quote for r in said}
    assert [consent[p] for p in by_person] == [True, True, False, False, True]
    assert len(document["consent_marks"]) == 5


def test_the_people_sheet_says_who_may_be_quoted(repo, demo, programme, said, tmp_path) -> None:
    text = exported(repo, demo, programme, tmp_path, "csv")
    with zipfile.ZipFile(tmp_path / "records.zip") as archive:
        people = archive.read("records/people.csv").decode("utf-8-sig").splitlines()
    assert people[0].endswith(",consent_quotes")
    assert sum(1 for line in people[1:] if line.endswith(",yes")) == 3
    assert SECRET in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_when_a_quote_is_starred_only_starred_ones_are_shown(
    repo, demo, programme, said, tmp_path, fmt
) -> None:
    cohort, _ = demo
    repo.add_quote_stars(QuoteStar(new_id(), cohort.id, said[4].id, True, iso(AFTER)))
    section = three_months_section(exported(repo, demo, programme, tmp_path, fmt))
    assert STARRED in section
    assert CONSENTED not in section
    assert SECRET not in section
    repo.add_quote_stars(
        QuoteStar(new_id(), cohort.id, said[4].id, False, iso(AFTER + timedelta(minutes=1)))
    )
    section = three_months_section(exported(repo, demo, programme, tmp_path, fmt))
    assert STARRED in section and section.count(CONSENTED) == 1


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_starred_quote_of_someone_who_did_not_consent_stays_out(
    repo, demo, programme, said, tmp_path, fmt
) -> None:
    cohort, _ = demo
    repo.add_quote_stars(QuoteStar(new_id(), cohort.id, said[2].id, True, iso(AFTER)))
    section = three_months_section(exported(repo, demo, programme, tmp_path, fmt))
    assert SECRET not in section
    assert CONSENTED in section and STARRED in section


def test_the_demos_repeated_quote_is_shown_once_when_its_people_consent(
    repo, demo, programme, busy, tmp_path
) -> None:
    activity, _ = busy
    cohort, _ = demo
    quoted = [r for r in activity.impact_reports if r.quote]
    assert len({r.quote for r in quoted}) < len(quoted)  # the demo repeats its quotes
    for found in quoted:
        repo.add_consent_mark(ConsentMark(new_id(), cohort.id, found.person, True, iso(AFTER)))
    text = exported(repo, demo, programme, tmp_path, "md")
    for quote in {r.quote for r in quoted}:
        assert text.count(quote) == 1
    assert "left out" not in three_months_section(text.split("1 month follow-up", 1)[1])


def test_without_consent_the_demos_quotes_are_left_out_and_counted(
    repo, demo, programme, busy, tmp_path
) -> None:
    activity, _ = busy
    quoted = {r.quote for r in activity.impact_reports if r.quote}
    text = exported(repo, demo, programme, tmp_path, "md")
    for quote in quoted:
        assert quote not in text
    count = f"{len(quoted)} quote{'' if len(quoted) == 1 else 's'} left out"
    assert count in text.split("1 month follow-up", 1)[1]


def presenter_words(activity) -> dict[str, set[str]]:
    words: dict[str, set[str]] = {}
    for f in activity.presenter_feedback:
        words.setdefault(f.kind, set()).add(f.text)
    return words


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_feedback_words_are_left_out_of_the_report_without_consent(
    repo, demo, programme, busy, tmp_path, fmt
) -> None:
    activity, _ = busy
    text = exported(repo, demo, programme, tmp_path, fmt)
    for kind_words in presenter_words(activity).values():
        for words in kind_words:
            assert words not in text
    assert "pieces of feedback left out" in text


def test_feedback_words_stay_in_the_csv(repo, demo, programme, busy, tmp_path) -> None:
    activity, _ = busy
    text = exported(repo, demo, programme, tmp_path, "csv")
    for kind_words in presenter_words(activity).values():
        for words in kind_words:
            assert words in text


def test_feedback_words_need_the_consent_of_whoever_said_them(
    repo, demo, programme, busy, tmp_path
) -> None:
    """The presenter's own comment needs the presenter's consent, the coach's feedback the
    coach's, and what a table asked and advised everyone seated at that table."""
    activity, everyone = busy
    cohort, _ = demo
    presenters = {f.presenter for f in activity.presenter_feedback}
    for pid in presenters:
        repo.add_consent_mark(ConsentMark(new_id(), cohort.id, pid, True, iso(AFTER)))
    words = presenter_words(activity)
    text = exported(repo, demo, programme, tmp_path, "md")
    assert all(w in text for w in words[FeedbackKind.PRESENTER])
    assert not any(w in text for w in words[FeedbackKind.COACH] | words[FeedbackKind.TABLE])
    for person in everyone:  # now everyone agreed
        repo.add_consent_mark(ConsentMark(new_id(), cohort.id, person.id, True, iso(AFTER)))
    text = exported(repo, demo, programme, tmp_path, "md")
    assert all(w in text for kind_words in words.values() for w in kind_words)
    assert "pieces of feedback left out" not in text and "piece of feedback left out" not in text


@pytest.mark.parametrize(
    ("table", "field", "value", "problem"),
    [
        ("consent_marks", "consent", "yes", "is not true or false"),
        ("consent_marks", "person", 7, "is not text"),
        ("quote_stars", "starred", 1, "is not true or false"),
        ("quote_stars", "at", "soon", ""),
    ],
)
def test_consent_and_star_records_are_checked_on_every_read(
    repo, demo, said, table, field, value, problem
) -> None:
    from lp_tui.store import validate

    cohort, _ = demo
    repo.add_quote_stars(QuoteStar(new_id(), cohort.id, said[0].id, True, iso(AFTER)))
    tables = json.loads(repo.path.read_text())
    assert validate.problems(tables) == []
    first = next(iter(tables[table]))
    tables[table][first][field] = value
    [found] = validate.problems(tables)
    assert (found.table, found.field) == (table, field)
    assert problem in found.problem


def test_an_export_with_a_bad_consent_mark_is_refused_naming_it(
    repo, demo, programme, said, tmp_path
) -> None:
    from lp_tui.domain.csv_input import InputError
    from lp_tui.export.json_format import parse_export

    document = json.loads(exported(repo, demo, programme, tmp_path, "json"))
    document["consent_marks"][0]["person"] = "nobody-here"
    with pytest.raises(InputError) as caught:
        parse_export(json.dumps(document), "records.json")
    assert "table 'consent_marks' record 1" in str(caught.value)
    assert "person: names nobody in people" in str(caught.value)


def test_json_round_trip_keeps_consent_marks_and_stars(
    repo, demo, programme, said, tmp_path
) -> None:
    from lp_tui.export import json_format
    from lp_tui.store.repo import Repo

    cohort, _ = demo
    repo.add_quote_stars(QuoteStar(new_id(), cohort.id, said[4].id, True, iso(AFTER)))
    [first] = run(repo, demo, programme, "json", tmp_path / "one.json")
    parsed, records = json_format.parse_export(first.read_text(), str(first))
    other = Repo(tmp_path / "other" / "db.json")
    other.import_cohort(parsed, records)
    assert other.snapshot().consents(cohort.id) == repo.snapshot().consents(cohort.id)
    assert other.snapshot().starred_quotes(cohort.id) == {said[4].id}
    [second] = run(other, (parsed, []), programme, "json", tmp_path / "two.json")
    assert first.read_bytes() == second.read_bytes()
    md = run(other, (parsed, []), programme, "md", tmp_path / "two.md")[0].read_text()
    assert STARRED in md and SECRET not in md
