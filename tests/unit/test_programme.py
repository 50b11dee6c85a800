import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.model import PresenterKind
from lp_tui.domain.programme import ItemKind, ProgrammeError, parse_programme
from lp_tui.store.files import load_programme
from tests.conftest import REPO_ROOT

REPORT_LABELS = [
    "Working in small groups",
    "Table coaches",
    "Talks from patient leaders",
    "Other guest speakers",
    "Darzi Fellow exercise",
    "Manager case studies",
    "Learning how I impact on others",
    "How likely are you to recommend this course to a friend in the same sort of position as you?",
]

MINIMAL = """
key = "mini"
title = "Mini"
objectives = ["One"]
characteristics = ["Two"]

[[days]]
number = 1
title = "Only day"
start = "10:00"

[[days.items]]
key = "talk"
title = "A talk"
kind = "talk"
minutes = 30
"""


def test_the_programme_has_three_days_as_the_report_describes(programme) -> None:
    assert [d.title for d in programme.days] == [
        "Co-production",
        "Collaboration",
        "Continuing Development",
    ]
    assert len(programme.objectives) == 6
    assert len(programme.characteristics) == 7
    assert programme.table_size == (5, 6)


def test_day_three_asks_the_reports_eight_questions_word_for_word(programme) -> None:
    day3 = programme.day(3)
    assert [q.label for q in day3.questions] == REPORT_LABELS
    assert [q.recommend for q in day3.questions] == [False] * 7 + [True]


def test_days_one_and_two_have_short_end_of_day_ratings(programme) -> None:
    for number in (1, 2):
        assert 3 <= len(programme.day(number).questions) <= 5


def test_rotations_are_darzi_fellows_on_day_two_and_managers_on_day_three(programme) -> None:
    rotations = {
        day.number: [i for i in day.items if i.kind is ItemKind.ROTATION] for day in programme.days
    }
    assert rotations[1] == []
    assert [r.presenters for r in rotations[2]] == [PresenterKind.DARZI_FELLOW]
    assert [r.presenters for r in rotations[3]] == [PresenterKind.MANAGER]
    assert all(r.visits == 2 for r in rotations[2] + rotations[3])


def test_day_three_has_the_human_rights_and_inclusive_language_talks(programme) -> None:
    titles = " ".join(i.title for i in programme.day(3).items)
    assert "Human Rights Act" in titles
    assert "Inclusive language" in titles


def test_every_day_has_breaks_feedback_and_an_evaluation(programme) -> None:
    for day in programme.days:
        kinds = {item.kind for item in day.items}
        assert {ItemKind.BREAK, ItemKind.EVALUATION} <= kinds
        assert 5 * 60 <= day.planned_minutes <= 7 * 60
    for number in (2, 3):
        assert ItemKind.FEEDBACK in {i.kind for i in programme.day(number).items}


def test_planned_starts_follow_the_item_lengths(programme) -> None:
    from datetime import UTC, date

    from lp_tui.domain.timers import plan_times

    day = programme.day(1)
    starts = plan_times(day, date(2017, 11, 23), UTC)
    assert (starts[0].hour, starts[0].minute) == (9, 30)
    assert (starts[1] - starts[0]).total_seconds() == day.items[0].minutes * 60


def test_a_minimal_programme_parses() -> None:
    mini = parse_programme(MINIMAL, "mini.toml")
    assert mini.day(1).items[0].minutes == 30
    assert mini.day(1).questions == ()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("minutes = 30", "minutes = 0"),
            "mini.toml: days[0].items[0].minutes: must be from 1 to 600",
        ),
        (("minutes = 30", 'minutes = "half an hour"'), "days[0].items[0].minutes: must be a whole"),
        (('kind = "talk"', 'kind = "lecture"'), "days[0].items[0].kind: 'lecture' is not one of"),
        (('start = "10:00"', 'start = "25:00"'), "days[0].start: must be a 24-hour time"),
        (('title = "A talk"\n', ""), "days[0].items[0].title: missing"),
        (("number = 1", "number = 2"), "days: days must be numbered 1, 2, 3"),
        (('key = "mini"', 'key = "Mini Programme"'), "key: use lower-case letters"),
        (('objectives = ["One"]', 'objectives = [""]'), "objectives[0]: must be a non-empty"),
        (('key = "talk"', 'key = "talk" ='), "mini.toml: not valid TOML"),
    ],
)
def test_a_broken_programme_gets_one_line_naming_the_file_and_key(change, expected) -> None:
    old, new = change
    assert old in MINIMAL
    with pytest.raises(ProgrammeError) as caught:
        parse_programme(MINIMAL.replace(old, new, 1), "mini.toml")
    message = str(caught.value)
    assert "\n" not in message
    assert expected in message
    assert message.startswith("mini.toml: ")


def test_an_item_key_used_twice_is_named() -> None:
    text = MINIMAL + '\n[[days.items]]\nkey = "talk"\ntitle = "Again"\nkind = "talk"\nminutes = 5\n'
    with pytest.raises(ProgrammeError, match=r"days\[0\].items\[1\].key: 'talk' is used twice"):
        parse_programme(text, "mini.toml")


def test_a_rotation_needs_presenters_and_visits() -> None:
    text = MINIMAL.replace('kind = "talk"', 'kind = "rotation"')
    with pytest.raises(ProgrammeError, match=r"items\[0\].presenters: missing"):
        parse_programme(text, "mini.toml")


def test_a_second_programme_file_needs_no_code(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mini.toml").write_text(MINIMAL)
    monkeypatch.setenv("LP_TUI_SESSIONS", str(tmp_path))
    assert load_programme("mini").title == "Mini"
    assert load_programme("effective-lay-partner").key == "effective-lay-partner"


def test_a_missing_programme_says_where_it_looked(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProgrammeError, match=r"nope.toml: no such programme file"):
        load_programme("nope")


def test_the_shipped_file_is_the_one_in_sessions() -> None:
    assert (REPO_ROOT / "sessions" / "effective-lay-partner.toml").is_file()


# ---------------------------------------------------------------- evaluation questions

QUESTIONS = """
[[days.questions]]
key = "overall"
label = "The day overall"
"""


def with_questions(extra: str) -> str:
    return MINIMAL + QUESTIONS + extra


def test_day_three_declares_the_reports_most_useful_question_as_free_text(programme) -> None:
    [question] = programme.day(3).free_text
    assert question.label == "What did you find most useful?"
    assert question.key == "most_useful"
    assert not question.recommend
    rated_keys = {q.key for q in programme.day(3).questions}
    assert question.key not in rated_keys


def test_free_text_questions_are_kept_apart_from_the_rated_ones() -> None:
    text = with_questions('\n[[days.free_text]]\nkey = "best"\nlabel = "  What   was best? "\n')
    day = parse_programme(text, "mini.toml").day(1)
    assert [q.key for q in day.questions] == ["overall"]
    assert [(q.key, q.label) for q in day.free_text] == [("best", "What was best?")]


def test_a_day_without_free_text_has_none(programme) -> None:
    assert parse_programme(with_questions(""), "mini.toml").day(1).free_text == ()
    assert programme.day(1).free_text == ()


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            '\n[[days.free_text]]\nkey = "overall"\nlabel = "Anything else?"\n',
            r"days\[0\].free_text\[0\].key: 'overall' is used twice",
        ),
        (
            '\n[[days.free_text]]\nkey = "other"\nlabel = "the DAY overall"\n',
            r"days\[0\].free_text\[0\].label: 'the DAY overall' also names question 'overall'",
        ),
        (
            '\n[[days.questions]]\nkey = "day"\nlabel = "overall"\n',
            r"days\[0\].questions\[1\].label: 'overall' also names question 'overall'",
        ),
        (
            '\n[[days.questions]]\nkey = "form"\nlabel = "Form filling"\n',
            r"days\[0\].questions\[1\].key: 'form' would be read as a form's form",
        ),
        (
            '\n[[days.questions]]\nkey = "where"\nlabel = "Table"\n',
            r"days\[0\].questions\[1\].label: 'Table' would be read as a form's table",
        ),
        (
            '\n[[days.questions]]\nkey = "comments_quality"\nlabel = "Quality"\n',
            r"questions\[1\].key: 'comments_quality' would be read as a comment column",
        ),
        (
            '\n[[days.free_text]]\nkey = "best"\nlabel = "Best?"\nrecommend = true\n',
            r"days\[0\].free_text\[0\].recommend: only a rated question",
        ),
        ('\n[[days.free_text]]\nkey = "best"\n', r"days\[0\].free_text\[0\].label: missing"),
    ],
)
def test_a_question_that_would_make_a_form_ambiguous_is_refused(extra, expected) -> None:
    with pytest.raises(ProgrammeError, match=expected) as caught:
        parse_programme(with_questions(extra), "mini.toml")
    assert "\n" not in str(caught.value)


def test_a_comment_like_free_text_question_is_allowed() -> None:
    text = with_questions('\n[[days.free_text]]\nkey = "comments"\nlabel = "Comments"\n')
    assert parse_programme(text, "mini.toml").day(1).free_text[0].key == "comments"


def test_free_text_must_be_a_list_of_questions() -> None:
    text = with_questions("").replace('start = "10:00"', 'start = "10:00"\nfree_text = 3')
    with pytest.raises(ProgrammeError, match=r"days\[0\].free_text: must be a list"):
        parse_programme(text, "mini.toml")


# ---------------------------------------------------------------- the report's programme keys

REPORT_PRINCIPLES = [
    "The course should focus on people who had already shown commitment by taking on roles",
    "It should be highly interactive",
    "It should seek to develop skills and attitudes rather than impart knowledge",
    "It should support the development of collaborative behaviours",
    "It should encourage the individual’s self-awareness and self-confidence",
    "It should use a coaching approach, recognising the experience and resourcefulness of "
    "participants",
    "It should offer experience of working with healthcare professionals as equals",
    "It should be co-delivered with experienced lay partners and patient leaders",
]


def test_the_programme_carries_the_reports_eight_principles_word_for_word(programme) -> None:
    assert list(programme.principles) == REPORT_PRINCIPLES


def test_the_programmes_design_describes_the_days_the_coaches_and_co_delivery(programme) -> None:
    design = " ".join(programme.design.split())
    for words in ("three days", "groups of 5-6 participants", "co-delivered", "Darzi Fellows"):
        assert words in design
    assert len([p for p in programme.design.split("\n\n") if p.strip()]) >= 3


def test_each_day_has_a_rating_caption_that_fits_its_questions(programme) -> None:
    from lp_tui.domain.programme import RATING_CAPTION

    assert programme.day(3).rating_caption == RATING_CAPTION
    assert "elements of the course" in RATING_CAPTION  # the report's words, for Day 3's table
    for number in (1, 2):
        caption = programme.day(number).rating_caption
        assert caption != RATING_CAPTION and caption.endswith("(Marks out of 5)")


def test_principles_design_and_caption_are_optional_with_defaults() -> None:
    from lp_tui.domain.programme import RATING_CAPTION

    mini = parse_programme(MINIMAL, "mini.toml")
    assert mini.principles == () and mini.design == ""
    assert mini.day(1).rating_caption == RATING_CAPTION


def test_principles_design_and_caption_are_read_as_written() -> None:
    text = (
        'principles = [" Be interactive ", "Coach"]\ndesign = """\nTwo days.\n\nCoaches."""\n'
        + MINIMAL.replace('start = "10:00"', 'start = "10:00"\nrating_caption = "How  was it?"')
    )
    mini = parse_programme(text, "mini.toml")
    assert mini.principles == ("Be interactive", "Coach")
    assert mini.design == "Two days.\n\nCoaches."
    assert mini.day(1).rating_caption == "How was it?"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("principles = 3\n", "mini.toml: principles: must be a list"),
        ('principles = ["", "x"]\n', "mini.toml: principles[0]: must be a non-empty string"),
        ("design = 3\n", "mini.toml: design: must be text"),
        ('design = "  "\n', "mini.toml: design: must not be empty"),
    ],
)
def test_bad_principles_or_design_are_named(extra: str, expected: str) -> None:
    with pytest.raises(ProgrammeError, match=re.escape(expected)):
        parse_programme(extra + MINIMAL, "mini.toml")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('""', "must not be empty"),
        ("5", "must be text"),
        ('"a\\u001bb"', "holds a control character"),
    ],
)
def test_a_bad_rating_caption_is_named(value: str, expected: str) -> None:
    text = MINIMAL.replace('start = "10:00"', f'start = "10:00"\nrating_caption = {value}')
    with pytest.raises(ProgrammeError, match=r"days\[0\].rating_caption: " + expected):
        parse_programme(text, "mini.toml")


# ---------------------------------------------------------------- how a day's time is split


def test_each_item_kind_counts_as_talk_interactive_work_evaluation_or_break() -> None:
    from lp_tui.domain.programme import TimeUse

    uses = {kind: kind.use for kind in ItemKind}
    assert uses == {
        ItemKind.TALK: TimeUse.TALKS,
        ItemKind.TABLE: TimeUse.INTERACTIVE,
        ItemKind.EXERCISE: TimeUse.INTERACTIVE,
        ItemKind.ROTATION: TimeUse.INTERACTIVE,
        ItemKind.FEEDBACK: TimeUse.INTERACTIVE,
        ItemKind.REFLECTION: TimeUse.INTERACTIVE,
        ItemKind.BREAK: TimeUse.BREAKS,
        ItemKind.EVALUATION: TimeUse.EVALUATION,
    }


@given(st.lists(st.tuples(st.sampled_from(list(ItemKind)), st.integers(0, 36_000)), max_size=30))
def test_the_split_keeps_every_minute_and_the_share_is_a_fraction(items) -> None:
    from lp_tui.domain.programme import TimeUse, interactive_share, time_split

    split = time_split(items)
    assert list(split) == list(TimeUse)
    assert sum(split.values()) == sum(amount for _, amount in items)
    for use in TimeUse:
        assert split[use] == sum(a for kind, a in items if kind.use is use)
    share = interactive_share(split)
    working = split[TimeUse.TALKS] + split[TimeUse.INTERACTIVE]
    if working == 0:
        assert share is None
    else:
        assert share is not None and 0 <= share <= 1
        assert share == split[TimeUse.INTERACTIVE] / working


def test_the_split_of_a_known_day(programme) -> None:
    from lp_tui.domain.programme import TimeUse, interactive_share, time_split

    split = time_split((i.kind, i.minutes) for i in programme.day(1).items)
    # Day 1: five talks (20+30+25+25+30), five table/reflection items (30+35+40+30+15)
    assert split[TimeUse.TALKS] == 130 and split[TimeUse.INTERACTIVE] == 150
    assert split[TimeUse.BREAKS] == 75 and split[TimeUse.EVALUATION] == 10
    assert interactive_share(split) == 150 / 280


def test_a_programme_is_frozen_all_the_way_down(programme) -> None:
    """Tests share one programme a process (tests/conftest.py): nothing in it can change."""

    def walk(value: object, where: str) -> None:
        if dataclasses.is_dataclass(value):
            assert type(value).__dataclass_params__.frozen, where  # type: ignore[attr-defined]
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name), f"{where}.{field.name}")
        elif isinstance(value, tuple):
            for n, part in enumerate(value):
                walk(part, f"{where}[{n}]")
        else:
            assert isinstance(value, str | int | float | bool | type(None)), where

    walk(programme, "programme")
