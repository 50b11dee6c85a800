"""lp_tui/ui/stylesheet.py: each CSS source is parsed once for one set of variables, as
Textual would parse it, and CSS that does not parse leaves the rules as they were."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import textual.css.stylesheet
from textual.color import Color
from textual.css.stylesheet import Stylesheet, StylesheetParseError

from lp_tui.ui.stylesheet import ParseOnceStylesheet
from tests.app import conftest

CSS = "Label { color: $accent; }"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many times CSS has been parsed (with Textual's own parsing, not the app tests'
    parse-once-per-process of tests/app/conftest.py)."""
    monkeypatch.setattr(Stylesheet, "_parse_rules", conftest._parse_rules)
    parse = textual.css.stylesheet.parse
    count = 0

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return parse(*args, **kwargs)

    monkeypatch.setattr(textual.css.stylesheet, "parse", counted)
    return lambda: count


def sheet(accent: str = "red") -> ParseOnceStylesheet:
    stylesheet = ParseOnceStylesheet(variables={"accent": accent})
    stylesheet.add_source(CSS, read_from=("test", "Label.CSS"))
    return stylesheet


def test_a_reparse_with_the_same_variables_parses_nothing(parses) -> None:
    stylesheet = sheet()
    first = stylesheet.rules[0]
    stylesheet.set_variables({"accent": "red"})
    stylesheet.reparse()
    assert stylesheet.rules == [first]
    assert parses() == 1


def test_textuals_own_stylesheet_parses_it_again(parses) -> None:
    stylesheet = Stylesheet(variables={"accent": "red"})
    stylesheet.add_source(CSS, read_from=("test", "Label.CSS"))
    assert stylesheet.rules
    stylesheet.set_variables({"accent": "red"})
    stylesheet.reparse()
    assert stylesheet.rules
    assert parses() == 2


def test_new_variables_parse_every_source_again(parses) -> None:
    stylesheet = sheet()
    assert stylesheet.rules[0].styles.color == Color.parse("red")
    stylesheet.set_variables({"accent": "blue"})
    stylesheet.reparse()
    assert parses() == 2
    assert stylesheet.rules[0].styles.color == Color.parse("blue")


def test_a_source_added_is_parsed_and_the_others_are_kept(parses) -> None:
    stylesheet = sheet()
    first = stylesheet.rules[0]
    stylesheet.add_source("Static { color: green; }", read_from=("test", "Static.CSS"))
    stylesheet.reparse()
    assert parses() == 2
    assert stylesheet.rules[0] is first
    assert stylesheet.rules[1].styles.color == Color.parse("green")


def test_css_that_does_not_parse_is_reported_and_leaves_the_rules_as_they_were() -> None:
    stylesheet = sheet()
    before = list(stylesheet.rules)
    stylesheet.add_source("Label { color: 12 apples; }", read_from=("test", "Bad.CSS"))
    with pytest.raises(StylesheetParseError):
        stylesheet.reparse()
    assert stylesheet.rules == before  # the bad source is left out, as Textual leaves it


def test_the_rules_are_the_same_as_textuals_own_stylesheet_makes() -> None:
    ours, theirs = sheet(), Stylesheet(variables={"accent": "red"})
    theirs.add_source(CSS, read_from=("test", "Label.CSS"))
    for stylesheet in (ours, theirs):
        stylesheet.set_variables({"accent": "#336699"})
        stylesheet.reparse()
    assert [rule.css for rule in ours.rules] == [rule.css for rule in theirs.rules]
