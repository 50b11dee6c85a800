import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.people import fold
from lp_tui.domain.text import (
    INVISIBLE,
    REPLACEMENT,
    clean_name,
    control_character,
    name_key,
    shown,
    typed,
)
from tests.unit.test_programme import MINIMAL

CONTROLS = (
    [chr(c) for c in range(0x20) if chr(c) not in "\n\t"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
control = st.sampled_from(CONTROLS)
invisible = st.sampled_from(sorted(INVISIBLE))
plain = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf")))


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("Ann\x1b[2J", "U+001B"),
        ("Bo\x00", "U+0000"),
        ("Cy\x9b2J", "U+009B"),
        ("del\x7f", "U+007F"),
        ("cr\rhere", "U+000D"),
        ("abc\u202edcb", "U+202E"),
        ("iso\u2066late", "U+2066"),
        ("two \x07 and \x1b", "U+0007"),
    ],
)
def test_the_first_control_character_is_described(text: str, described: str) -> None:
    assert control_character(text) == described


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Ann Lee",
        "line one\nline two",
        "a\tb",
        "Siobhán Wójcik",
        "王秀英",
        "zero\u200bwidth",
        "😀",
    ],
)
def test_plain_text_holds_no_control_character(text: str) -> None:
    assert control_character(text) is None
    assert shown(text) == text


def test_shown_marks_each_control_character_and_keeps_the_rest() -> None:
    assert shown("Ann\x1b[2JB") == f"Ann{REPLACEMENT}[2JB"
    assert shown("a\x00\x00b\n\tc\u202e") == f"a{REPLACEMENT}{REPLACEMENT}b\n\tc{REPLACEMENT}"


@given(st.text())
def test_shown_never_holds_a_control_character(text: str) -> None:
    result = shown(text)
    assert control_character(result) is None
    assert len(result) == len(text)


@given(plain)
def test_shown_is_the_text_itself_when_it_holds_none(text: str) -> None:
    assert control_character(text) is None
    assert shown(text) == text


@given(plain, control, plain)
def test_a_control_character_anywhere_is_found(before: str, bad: str, after: str) -> None:
    assert control_character(before + bad + after) == f"U+{ord(bad):04X}"
    assert REPLACEMENT in shown(before + bad + after)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ann Lee", "Ann\u200b Lee"),
        ("Ann Lee", "\ufeffAnn Lee"),
        ("Ann Lee", "An\u00adn Lee\u2060"),
        ("Ann Lee", "  Ann   Lee "),
        ("Ann Lee", "ann lee"),
        ("Zoë", "Zoe\u0308"),  # NFC and NFD
        ("Siobhán", unicodedata.normalize("NFD", "Siobhán")),
        ("Mary-Jane", "Mary-\u200dJane"),
    ],
)
def test_names_that_differ_only_invisibly_have_one_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(("one", "other"), [("Zoë", "Zoe"), ("Ann Lee", "AnnLee"), ("Jo", "Jo.")])
def test_names_that_differ_visibly_have_different_keys(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


@given(st.text())
def test_name_key_is_idempotent(name: str) -> None:
    assert name_key(name_key(name)) == name_key(name)


@given(st.text(), st.lists(st.tuples(st.integers(min_value=0), invisible), max_size=5))
def test_invisible_characters_never_change_the_key(name: str, inserts: list) -> None:
    changed = name
    for position, char in inserts:
        at = position % (len(changed) + 1)
        changed = changed[:at] + char + changed[at:]
    assert name_key(changed) == name_key(name)


@given(st.text())
def test_normal_form_never_changes_the_key(name: str) -> None:
    for form in ("NFC", "NFD"):
        assert name_key(unicodedata.normalize(form, name)) == name_key(name)


@given(st.text())
def test_a_cleaned_name_is_the_same_name_and_cleaning_is_idempotent(name: str) -> None:
    cleaned = clean_name(name)
    assert clean_name(cleaned) == cleaned
    assert name_key(cleaned) == name_key(name)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned


def test_clean_name_drops_stray_invisibles_and_spacing() -> None:
    assert clean_name("\ufeff Ann\u200b  Lee\u00ad ") == "Ann Lee"
    assert clean_name("Zoe\u0308") == "Zoë"
    assert clean_name("\u200dAnn\u200c") == "Ann"


def test_clean_name_keeps_a_joiner_that_joins() -> None:
    persian = "می\u200cخواهم"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_name(persian) == persian
    assert clean_name(family) == family


@given(st.text(), invisible)
def test_search_folding_ignores_invisible_characters(name: str, char: str) -> None:
    middle = len(name) // 2
    assert fold(name[:middle] + char + name[middle:]) == fold(name)


MINI_PROGRAMME = MINIMAL  # a programme file with one day and one item


@pytest.mark.parametrize(
    ("old", "new", "where", "described"),
    [
        ('title = "A talk"', 'title = "A \\u001b[2Jtalk"', "days[0].items[0].title", "U+001B"),
        ('title = "Mini"', 'title = "Mi\\u202eni"', "title", "U+202E"),
        ('title = "Only day"', 'title = "Only\\u0000"', "days[0].title", "U+0000"),
        ('["Two"]', '["T\\u009bwo"]', "characteristics[0]", "U+009B"),
    ],
)
def test_a_programme_with_a_control_character_is_refused_naming_file_and_key(
    old: str, new: str, where: str, described: str
) -> None:
    from lp_tui.domain.programme import ProgrammeError, parse_programme

    assert old in MINI_PROGRAMME
    with pytest.raises(ProgrammeError) as caught:
        parse_programme(MINI_PROGRAMME.replace(old, new, 1), "sessions/mini.toml")
    assert str(caught.value).startswith(f"sessions/mini.toml: {where}: holds a control character")
    assert described in str(caught.value)
    assert control_character(str(caught.value)) is None


def test_a_raw_control_character_in_a_programme_file_is_refused_and_quoted_safely() -> None:
    from lp_tui.domain.programme import ProgrammeError, parse_programme

    with pytest.raises(ProgrammeError) as caught:
        parse_programme(MINI_PROGRAMME.replace("A talk", "A\x1b talk"), "mini.toml")
    assert str(caught.value).startswith("mini.toml: not valid TOML")
    assert control_character(str(caught.value)) is None


def test_pasted_text_loses_its_control_characters_and_keeps_line_ends() -> None:
    assert typed("Ann\x1b[2J Lee\r\nnext\ttab\u202e\x9b") == "Ann[2J Lee\r\nnext\ttab"
    assert typed("plain") == "plain"


@given(st.text())
def test_pasted_text_never_holds_a_control_character_but_a_line_end(text: str) -> None:
    landed = typed(text)
    assert control_character(landed.replace("\r", "")) is None
    assert all(c in text for c in landed)


def test_items_are_listed_in_words() -> None:
    from lp_tui.domain.text import listed

    assert [listed(items) for items in ([], [6], [6, 7], [1, 2, 3])] == [
        "",
        "6",
        "6 and 7",
        "1, 2 and 3",
    ]
