"""The facilitator's lessons (lp_tui.domain.lessons): which note stands, the report's points,
what a new text stores, and what forgetting a person takes out of them."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from lp_tui.domain import forget as rules
from lp_tui.domain.lessons import (
    LessonNote,
    LessonSection,
    latest_notes,
    lesson_points,
    note_for,
    standing_lessons,
    tidied,
    unsaved,
    without_points,
)
from lp_tui.domain.model import Person

BEFORE, DURING, AFTER, NEXT = LessonSection


def at(minute: int) -> str:
    return f"2017-11-24T09:{minute:02d}:00.000000+00:00"


def note(id: str, section: LessonSection, text: str, minute: int, replaces: str = "") -> LessonNote:
    return LessonNote(id, "c", section, text, "", at(minute), replaces)


# ---------------------------------------------------------------- lesson_points


def test_numbered_lines_are_points_and_the_lines_under_them_go_on_with_them() -> None:
    text = "1. Send joining notes early\n   with the access form\n2) Book the hearing loop\n"
    assert lesson_points(text) == [
        "Send joining notes early with the access form",
        "Book the hearing loop",
    ]


def test_bullets_of_every_kind_start_points() -> None:
    assert lesson_points("- one\n* two\n• three") == ["one", "two", "three"]


def test_without_marks_each_paragraph_is_a_point_its_lines_joined() -> None:
    text = "Tables of six worked\nwell.\n\n\nRotations ran long."
    assert lesson_points(text) == ["Tables of six worked well.", "Rotations ran long."]


def test_a_number_not_followed_by_a_mark_is_not_a_point() -> None:
    assert lesson_points("2017 was the first run.\n\n40 came.") == [
        "2017 was the first run.",
        "40 came.",
    ]


def test_an_empty_or_blank_text_has_no_points() -> None:
    assert lesson_points("") == []
    assert lesson_points(" \n\n \t\n") == []


words = st.text(alphabet=st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=8)
lines = st.lists(words, min_size=1, max_size=4).map(" ".join)


@given(st.lists(lines, min_size=1, max_size=6))
def test_numbered_points_come_back_as_written_whatever_their_words(points: list[str]) -> None:
    text = "\n".join(f"{n}. {p}" for n, p in enumerate(points, start=1))
    assert lesson_points(text) == points


@given(st.lists(lines, min_size=1, max_size=6))
def test_paragraphs_come_back_one_point_each(paragraphs: list[str]) -> None:
    # a paragraph that starts like a point would make the text a list: not a paragraph text
    paragraphs = [p for p in paragraphs if not p.split(" ", 1)[0].isdigit()] or ["x"]
    assert lesson_points("\n\n".join(paragraphs)) == paragraphs


def test_a_bare_bullet_takes_the_line_under_it() -> None:
    assert lesson_points("-\nSpeak to the chair first\n- Read the papers") == [
        "Speak to the chair first",
        "Read the papers",
    ]


@example("-\x1e0")  # a bare bullet, then a record separator: a line break to splitlines
@given(st.text(max_size=200))
def test_points_are_never_empty_and_hold_no_line_break(text: str) -> None:
    for point in lesson_points(text):
        assert point.strip() == point and point
        assert "\n" not in point


# ---------------------------------------------------------------- standing notes


def test_the_later_note_of_a_section_stands_and_an_empty_one_clears_it() -> None:
    first = note("a", BEFORE, "Book rooms early", 1)
    second = note("b", BEFORE, "Book step-free rooms early", 2, replaces="a")
    other = note("c", NEXT, "Run it in Kent", 3)
    assert standing_lessons([second, first, other]) == {BEFORE: second, NEXT: other}
    cleared = note("d", NEXT, "", 4, replaces="c")
    assert standing_lessons([first, second, other, cleared]) == {BEFORE: second}
    assert latest_notes([first, second, other, cleared]) == {BEFORE: second, NEXT: cleared}


def test_a_replaced_note_never_stands_even_when_later() -> None:
    # a clock set wrong on the laptop: the note replaced is not the one that stands
    later = note("a", DURING, "old", 9)
    newer = note("b", DURING, "new", 1, replaces="a")
    assert standing_lessons([later, newer]) == {DURING: newer}


def test_sections_come_in_the_reports_order() -> None:
    found = standing_lessons(
        [note(s.value, s, s.label, 9 - i) for i, s in enumerate(reversed(LessonSection))]
    )
    assert list(found) == [BEFORE, DURING, AFTER, NEXT]
    assert [s.label for s in found] == [
        "Before the programme",
        "During the programme",
        "After the programme",
        "Next steps",
    ]


sections = st.sampled_from(list(LessonSection))


@given(st.lists(st.tuples(sections, st.text(max_size=20)), max_size=12))
def test_writing_notes_one_after_another_leaves_the_last_text_of_each_section(
    writes: list[tuple[LessonSection, str]],
) -> None:
    notes: list[LessonNote] = []
    for n, (section, text) in enumerate(writes):
        made = note_for(notes, section, text, id=f"n{n}", cohort="c", by="", at=at(n % 60))
        if made is not None:
            notes.append(made)
    expected = {s: tidied(t) for s, t in writes}
    expected = {s: t for s, t in expected.items() if t}
    found = {s: n.text for s, n in standing_lessons(notes).items()}
    assert found == expected
    assert unsaved(notes, {s: t for s, t in writes[-1:]}) == []


# ---------------------------------------------------------------- a new note


def test_a_new_text_names_the_note_it_replaces() -> None:
    first = note("a", AFTER, "Call at four weeks", 1)
    made = note_for([first], AFTER, "Call at three weeks\r\n", id="b", cohort="c", by="", at=at(2))
    assert made == LessonNote("b", "c", AFTER, "Call at three weeks", "", at(2), "a")


def test_the_same_text_or_an_empty_one_over_nothing_stores_nothing() -> None:
    first = note("a", AFTER, "Call at four weeks", 1)
    same = "Call at four weeks  \n\n"
    assert note_for([first], AFTER, same, id="b", cohort="c", by="", at=at(2)) is None
    assert note_for([first], NEXT, "  \n", id="b", cohort="c", by="", at=at(2)) is None
    cleared = note_for([first], AFTER, "", id="b", cohort="c", by="", at=at(2))
    assert cleared is not None and (cleared.text, cleared.replaces) == ("", "a")


def test_unsaved_names_the_sections_whose_draft_differs() -> None:
    notes = [note("a", BEFORE, "one", 1)]
    drafts = {BEFORE: "one\n", DURING: "", AFTER: "new", NEXT: ""}
    assert unsaved(notes, drafts) == [AFTER]
    assert unsaved(notes, {BEFORE: ""}) == [BEFORE]


@given(st.text(max_size=80))
def test_tidying_is_idempotent_leaves_only_lf_and_keeps_the_points(text: str) -> None:
    once = tidied(text)
    assert tidied(once) == once
    assert "\r" not in once and "\u2028" not in once
    assert lesson_points(once) == lesson_points(text)


# ---------------------------------------------------------------- forgetting someone

ANN = Person("ann", "c", "Ann Lee")
FACILITATOR = Person("fac", "c", "Sam Reed")


def forgetting(person: Person = ANN) -> rules.Forgetting:
    return rules.plan(person, [ANN, FACILITATOR], [])


def test_forgetting_takes_out_only_the_points_that_name_them() -> None:
    text = (
        "1. Book a hearing loop\n"
        "2. Ann Lee needed step-free access\n"
        "   (ask her again)\n"
        "3. Lunch at 12"
    )
    lesson = note("a", DURING, text, 1)
    forgotten, removed = rules.forget_record(lesson, forgetting())
    assert forgotten.text == "1. Book a hearing loop\n3. Lunch at 12"
    assert [r.kind for r in removed] == [rules.LESSON_TEXTS]
    assert (forgotten.id, forgotten.section, forgotten.at) == (lesson.id, lesson.section, lesson.at)


def test_forgetting_takes_out_the_paragraphs_that_name_them() -> None:
    text = "Tables of six worked.\n\nann  lee asked for\nlarge print.\n\nRotations ran long."
    forgotten, _ = rules.forget_record(note("a", DURING, text, 1), forgetting())
    assert forgotten.text == "Tables of six worked.\n\nRotations ran long."
    assert lesson_points(forgotten.text) == ["Tables of six worked.", "Rotations ran long."]


def test_lessons_not_naming_them_are_left_alone() -> None:
    lesson = note("a", NEXT, "Ann Leeson to chair the next run", 1)
    assert rules.forget_record(lesson, forgetting()) == (lesson, ())


def test_a_forgotten_facilitators_own_lessons_go_whole() -> None:
    lesson = LessonNote("a", "c", NEXT, "Run it in Kent", "fac", at(1))
    forgotten, removed = rules.forget_record(lesson, forgetting(FACILITATOR))
    assert forgotten.text == ""
    assert [r.text for r in removed] == ["Run it in Kent"]


@given(
    st.lists(
        st.sampled_from(["Book a loop", "Ann Lee came late", "Lunch at 12", "ANN LEE"]), max_size=6
    ),
    st.booleans(),
)
def test_after_forgetting_no_point_names_them_and_every_other_point_stays(
    points: list[str], numbered: bool
) -> None:
    text = (
        "\n".join(f"{n}. {p}" for n, p in enumerate(points, 1)) if numbered else "\n\n".join(points)
    )
    forgotten, _ = rules.forget_record(note("a", AFTER, text, 1), forgetting())
    assert not forgetting().mentions(forgotten.text)
    assert lesson_points(forgotten.text) == [p for p in points if "lee" not in p.lower()]


def test_without_points_keeps_everything_when_nothing_is_picked() -> None:
    text = "1. one\n   more\n2. two"
    assert without_points(text, lambda block: False) == text
    assert without_points(text, lambda block: True) == ""
