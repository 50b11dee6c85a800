"""The html report's layout: made for A4 (headings kept with what follows, tables free to run
over a page with their rows whole and their header repeated, charts whole) and for a phone 390
px wide (every table in its own sideways-scrolling box, a chart that scales, long words that
wrap), with each question's answer split printed under its bar, dates and times that never
wrap mid-number, and hostile text shown, never run. Read with html.parser and a small parser
of the page's own style sheet."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lp_tui.domain.corrections import standing
from lp_tui.domain.tally import RATINGS, QuestionTally, Tally, one_dp
from lp_tui.export.html_format import block_html, html, text_html
from lp_tui.export.report import Bullets, Heading, Paragraph, Ratings, Report, Table, build_report
from tests.export.conftest import FORMULA, SCRIPT

HOSTILE = [
    SCRIPT,
    FORMULA,
    '"><img src=x onerror=alert(1)>',
    "</table></div><div style='width:9999px'>",
    "&lt;already escaped&gt; &amp; 09:30 &#x27;",
    "<svg onload=alert(1)>2017-11-23</svg>",
    "x" * 300,  # one long word
]
DATE_OR_TIME = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}")


# ---- a small reading of the page: its elements, and its style sheet as rules ----------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # its own text, in order

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def all_text(self) -> str:
        """Its text and its children's, as shown (a <title> tooltip is not shown)."""
        parts = [*self.text]
        parts += [c.all_text() for c in self.children if c.tag != "title"]
        return "".join(parts)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


VOID = {"meta", "br", "img", "hr", "input", "link"}
SVG_EMPTY = {"line", "rect"}  # written as <line .../>: handle_startendtag


class Page(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.here = self.root
        self.style = ""
        self.feed(text)
        self.close()
        assert self.here is self.root, f"<{self.here.tag}> left open"

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.here)
        self.here.children.append(element)
        if tag not in VOID:
            self.here = element

    def handle_startendtag(self, tag, attrs):
        self.here.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.here))

    def handle_endtag(self, tag):
        assert self.here.tag == tag, f"</{tag}> closes <{self.here.tag}>"
        self.here = self.here.parent or self.root

    def handle_data(self, data):
        self.here.text.append(data)
        if self.here.tag == "style":
            self.style += data

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.root.walk() if e.tag == tag]


@dataclass(frozen=True)
class Rule:
    at: str  # "" for the page as a whole, "@media print", "@page"
    selectors: tuple[str, ...]
    declarations: dict[str, str]


def _top_level(selectors: str) -> list[str]:
    """A selector list split at its commas, but not at those inside :has(...)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(selectors):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(selectors[start:index])
            start = index + 1
    return [*parts, selectors[start:]]


def css_rules(css: str) -> list[Rule]:
    """The rules of a style sheet, one level of @media deep (what the report's sheet uses)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: list[Rule] = []

    def read(text: str, at: str) -> None:
        position = 0
        while True:
            opening = text.find("{", position)
            if opening < 0:
                return
            head = text[position:opening].strip()
            if head.startswith("@media"):
                depth, end = 1, opening + 1
                while depth:
                    depth += {"{": 1, "}": -1}.get(text[end], 0)
                    end += 1
                read(text[opening + 1 : end - 1], head)
                position = end
                continue
            closing = text.index("}", opening)
            declarations = {}
            for part in text[opening + 1 : closing].split(";"):
                if ":" in part:
                    name, value = part.split(":", 1)
                    declarations[name.strip()] = " ".join(value.split())
            where = "@page" if head.startswith("@page") else at
            selectors = tuple(" ".join(s.split()) for s in _top_level(head) if s.strip())
            rules.append(Rule(where, () if where == "@page" else selectors, declarations))
            position = closing + 1

    read(css, "")
    return rules


def declared(rules: list[Rule], selector: str, prop: str, at: str = "") -> set[str]:
    """Every value a property is given for a selector, listed alone or in a group."""
    return {
        r.declarations[prop]
        for r in rules
        if r.at == at and selector in r.selectors and prop in r.declarations
    }


# ---- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def page_text(records) -> str:
    return html(build_report(records))


@pytest.fixture
def page(page_text) -> Page:
    return Page(page_text)


@pytest.fixture
def rules(page) -> list[Rule]:
    return css_rules(page.style)


# ---- A4 --------------------------------------------------------------------------------------


def test_the_page_is_a4_with_margins(rules) -> None:
    [page_rule] = [r for r in rules if r.at == "@page"]
    assert page_rule.declarations["size"] == "A4"
    assert re.fullmatch(r"(\d+mm ?){1,4}", page_rule.declarations["margin"])


@pytest.mark.parametrize("heading", ["h2", "h3", "h4"])
def test_headings_stay_with_what_follows_them(rules, heading) -> None:
    assert declared(rules, heading, "break-after") == {"avoid"}
    assert declared(rules, heading, "break-inside") == {"avoid"}


def test_a_paragraph_leading_into_a_table_chart_or_list_stays_with_it(rules) -> None:
    assert declared(rules, "p:has(+ .scroll, + .table, + figure, + ul, + ol)", "break-after") == {
        "avoid"
    }


def test_a_short_table_is_kept_whole_on_a_page_with_its_caption_a_long_one_may_run_on(
    rules,
) -> None:
    from lp_tui.export.html_format import KEEP_ROWS

    def box(rows: int) -> Element:
        table = Table(("Question", "n"), [(f"q{i}", str(i)) for i in range(rows)], caption="Cap")
        [div] = Page(block_html(table, layout=True)).root.children
        return div

    short, long = box(KEEP_ROWS), box(KEEP_ROWS + 1)
    assert short.classes == {"table", "keep"} and long.classes == {"table"}
    assert declared(rules, ".table.keep", "break-inside") == {"avoid"}
    assert declared(rules, ".table.keep", "page-break-inside") == {"avoid"}
    for div in (short, long):  # the caption first, above (outside) the box that scrolls
        caption, scroll = div.children
        assert caption.tag == "p" and caption.classes == {"caption"}
        assert caption.all_text() == "Cap"
        assert scroll.classes == {"scroll"} and scroll.children[0].tag == "table"
        assert not [e for e in scroll.walk() if e.tag == "caption"]
        assert scroll.children[0].attrs["aria-label"] == "Cap"  # still named for a reader
    assert declared(rules, "p.caption", "break-after") == {"avoid"}


def test_the_report_s_captions_sit_above_their_boxes_never_inside(page) -> None:
    captions = [e for e in page.root.walk() if e.tag == "p" and "caption" in e.classes]
    assert captions
    for caption in captions:
        assert caption.parent is not None and "table" in caption.parent.classes
        assert not any("scroll" in a.classes for a in caption.ancestors())
    assert not page.all("caption")


def test_a_group_header_row_names_each_group_once_over_its_columns() -> None:
    table = Table(
        ("Question", "n", "avg", "n", "avg"),
        [("q", "1", "4.0", "2", "3.5")],
        (1, 2, 3, 4),
        groups=(("", 1), ("Room 2", 2), ("All cohorts", 2)),
    )
    [thead] = [e for e in Page(block_html(table, layout=True)).root.walk() if e.tag == "thead"]
    top, columns = thead.children
    assert [(c.all_text(), c.attrs["colspan"]) for c in top.children] == [
        ("", "1"),
        ("Room 2", "2"),
        ("All cohorts", "2"),
    ]
    assert [c.all_text() for c in columns.children] == ["Question", "n", "avg", "n", "avg"]


def test_a_numbered_list_starts_at_its_number() -> None:
    assert block_html(Bullets(["a", "b"], numbered=True, start=4)).startswith('<ol start="4">')
    assert block_html(Bullets(["a"], numbered=True)).startswith("<ol><li>")


def test_tables_may_run_over_a_page_but_rows_do_not_split_and_the_header_repeats(rules) -> None:
    for at in ("", "@media print"):
        for element in ("table", ".scroll", "tbody"):
            assert "avoid" not in declared(rules, element, "break-inside", at), (at, element)
            assert "avoid" not in declared(rules, element, "page-break-inside", at)
    assert declared(rules, "tr", "break-inside") == {"avoid"}
    assert declared(rules, "thead", "display") == {"table-header-group"}


def test_charts_are_kept_whole(rules, page) -> None:
    assert declared(rules, "figure", "break-inside") == {"avoid"}
    for svg in page.all("svg"):
        assert svg.parent is not None and svg.parent.tag == "figure"


def test_in_print_the_boxes_do_not_scroll_so_a_table_can_run_over_pages(rules) -> None:
    assert declared(rules, ".scroll", "overflow", "@media print") == {"visible"}


# ---- 390 px wide -----------------------------------------------------------------------------


def test_every_table_sits_alone_in_its_own_scrolling_box(page, rules, records) -> None:
    tables = page.all("table")
    blocks = build_report(records).blocks
    assert len(tables) == sum(isinstance(b, Table | Ratings) for b in blocks)
    for table in tables:
        box = table.parent
        assert box is not None and box.tag == "div" and box.classes == {"scroll"}
        assert box.children == [table]
    assert declared(rules, ".scroll", "overflow-x") == {"auto"}
    assert declared(rules, ".scroll", "max-width") == {"100%"}


def test_the_chart_scales_to_the_width_it_is_given(page, rules) -> None:
    charts = page.all("svg")
    assert charts
    for svg in charts:
        assert "width" not in svg.attrs and "height" not in svg.attrs
        assert re.fullmatch(r"0 0 \d+ \d+", svg.attrs["viewbox"])  # names read lower-case
        assert svg.classes == {"chart"}
    assert declared(rules, "svg.chart", "width") == {"100%"}
    assert declared(rules, "svg.chart", "height") == {"auto"}


def test_nothing_is_given_a_fixed_width_in_pixels(page, rules) -> None:
    for rule in rules:
        for prop in ("width", "min-width"):
            assert not re.search(r"\d\s*px", rule.declarations.get(prop, "")), rule
    for element in page.root.walk():
        assert "width" not in element.attrs.get("style", "")


def test_long_words_wrap(rules) -> None:
    assert declared(rules, "body", "overflow-wrap") == {"break-word"}


# ---- the answer split, printed ---------------------------------------------------------------


def shown_svg_text(text: Element) -> str:
    """A <text>'s words as shown; a label broken into lines (<tspan>s) read as one line."""
    lines = [c.all_text() for c in text.children if c.tag == "tspan"]
    return " ".join(lines) if lines else text.all_text()


def visible_svg_lines(page: Page) -> list[str]:
    return [shown_svg_text(t) for svg in page.all("svg") for t in svg.walk() if t.tag == "text"]


def test_each_questions_answer_split_is_printed_under_its_bar(page, records) -> None:
    lines = visible_svg_lines(page)
    rated = [d for d in records.days if d.forms]
    assert rated
    for day in rated:
        forms = standing(day.forms)
        for question in day.plan.questions:
            given = Counter(
                r for f in forms if (r := f.rating(question.key)) is not None
            )  # counted here from the forms, not from the tally the chart draws
            blank = len(forms) - sum(given.values())
            expected = " · ".join(f"{n}: {given[n]}" for n in RATINGS)
            expected += f" · blank: {blank}" if blank else ""
            number = sum(given.values())
            average = sum(k * n for k, n in given.items()) / number if number else None
            # in the chart's order: the label, its bar's average (and number), then the split
            at = lines.index(question.label)
            assert lines[at + 1 : at + 3] == [f"{one_dp(average)} ({number})", expected]


def test_the_split_is_shown_not_only_as_a_tooltip(page) -> None:
    splits = [
        t for svg in page.all("svg") for t in svg.walk() if t.tag == "text" and "split" in t.classes
    ]
    assert splits
    for text in splits:
        assert all(a.tag != "title" for a in text.ancestors())
        assert re.fullmatch(
            r"1: \d+ · 2: \d+ · 3: \d+ · 4: \d+ · 5: \d+( · blank: \d+)?", text.all_text()
        )


def a_tally(label: str, counts: dict[int, int], blank: int = 0) -> Tally:
    number = sum(counts.values())
    average = sum(k * n for k, n in counts.items()) / number if number else None
    question = QuestionTally("q", label, False, number, blank, average, counts)
    return Tally(1, number + blank, (question,))


def test_a_question_nobody_answered_shows_a_dash_and_zeros() -> None:
    tally = a_tally("Nobody answered", dict.fromkeys(RATINGS, 0), blank=4)
    page = Page(block_html(Ratings(tally), layout=True))
    assert "1: 0 · 2: 0 · 3: 0 · 4: 0 · 5: 0 · blank: 4" in visible_svg_lines(page)
    assert f"{one_dp(None)} (0)" in visible_svg_lines(page)


def test_a_long_label_is_broken_into_lines_not_cut_short() -> None:
    label = "How likely are you to recommend this course to a friend in the same sort of position"
    page = Page(block_html(Ratings(a_tally(label, {1: 0, 2: 1, 3: 4, 4: 10, 5: 17})), layout=True))
    [shown] = [
        t for svg in page.all("svg") for t in svg.walk() if t.tag == "text" and t.all_text()
        and any(c.tag == "tspan" for c in t.children)
    ]  # fmt: skip
    lines = [c.all_text() for c in shown.children if c.tag == "tspan"]
    assert len(lines) > 1
    assert " ".join(lines) == label
    assert "1: 0 · 2: 1 · 3: 4 · 4: 10 · 5: 17" in visible_svg_lines(page)


# ---- dates and times never wrap mid-number ---------------------------------------------------


def shown_text_outside_spans(element: Element) -> str:
    """The visible html text that is not inside a <span class="nw"> (svg and <title> apart)."""
    if element.tag in {"svg", "title", "style", "head"} or "nw" in element.classes:
        return ""
    return "".join([*element.text, *(shown_text_outside_spans(c) for c in element.children)])


def test_every_date_and_time_in_the_report_is_kept_on_one_line(page, rules) -> None:
    spans = [e for e in page.root.walk() if "nw" in e.classes]
    assert spans
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.all_text()) for s in spans)
    assert any(re.fullmatch(r"\d{2}:\d{2}", s.all_text()) for s in spans)
    assert any(re.fullmatch(r"\d{2}:\d{2}-\d{2}:\d{2}", s.all_text()) for s in spans)
    for span in spans:
        assert span.tag == "span" and not span.children
    assert not DATE_OR_TIME.search(shown_text_outside_spans(page.root))
    assert declared(rules, ".nw", "white-space") == {"nowrap"}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Planned on 2017-11-23 09:30-15:35; ending 15:40.",
            ["2017-11-23", "09:30-15:35", "15:40"],
        ),
        ("09:30", ["09:30"]),
        ("from 9:05 – 10:15", ["9:05 – 10:15"]),
        ("Report made 2026-11-26 15:22 from", ["2026-11-26", "15:22"]),
        ("2018-01-16T09:30", ["2018-01-16", "09:30"]),
        ("4.5 (30) and 12.30 and 1: 0 · 2: 1", []),
        ("@SUM(A1:A9) x12:30 12:345", []),
    ],
)
def test_dates_and_times_are_wrapped_whole(text, kept) -> None:
    shown = text_html(text)
    assert re.findall(r'<span class="nw">(.*?)</span>', shown) == kept
    assert unescape(re.sub(r"</?span[^>]*>", "", shown)) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789:- –T<>&\"'ab\n"), max_size=40) | st.text())
def test_text_html_only_adds_nowrap_spans_around_escaped_text(text) -> None:
    shown = text_html(text)
    tags = re.findall(r"<[^>]*>", shown)
    assert set(tags) <= {'<span class="nw">', "</span>"}
    assert unescape(re.sub(r"</?span[^>]*>", "", shown)) == text
    for inner in re.findall(r'<span class="nw">(.*?)</span>', shown):
        assert DATE_OR_TIME.match(unescape(inner))


# ---- hostile text is shown, never run --------------------------------------------------------


def hostile_report() -> Report:
    report = Report(HOSTILE[0])
    for text in HOSTILE:
        report.add(
            Heading(text, 3),
            Paragraph(text),
            Bullets([text, "plain"]),
            Bullets([text, "numbered"], numbered=True),
            Table((text, "n"), [(text, "1")], (1,), caption=text),
            Ratings(a_tally(text, {1: 1, 2: 0, 3: 0, 4: 0, 5: 2}), caption=text),
        )
    return report


ALLOWED = {
    "#root", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p",
    "ul", "ol", "li", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "span",
    "figure", "figcaption", "svg", "text", "tspan", "line", "rect",
}  # fmt: skip


def test_hostile_text_is_escaped_everywhere() -> None:
    text = html(hostile_report())
    page = Page(text)
    assert {e.tag for e in page.root.walk()} <= ALLOWED
    assert "<script" not in text and "<img" not in text and "<svg onload" not in text
    for element in page.root.walk():
        assert not any(name.startswith("on") for name in element.attrs), element.tag
        assert "9999px" not in element.attrs.get("style", "")
    shown = page.root.all_text()
    for hostile in HOSTILE:
        assert hostile in shown  # shown as it was written
    assert len(page.all("table")) == 2 * len(HOSTILE)
    assert all(t.parent is not None and "scroll" in t.parent.classes for t in page.all("table"))


def test_hostile_labels_in_the_chart_are_escaped() -> None:
    label = "<script>alert(1)</script> & 2017-11-23"
    svg = block_html(Ratings(a_tally(label, {1: 0, 2: 0, 3: 1, 4: 0, 5: 0})), layout=True)
    assert "<script>" not in svg
    page = Page(svg)
    tooltips = [t.all_text() for t in page.root.walk() if t.tag == "title"]
    assert label in tooltips
    assert "nw" not in {c for e in page.all("svg")[0].walk() for c in e.classes}  # no html in svg


# ---- the feedback sheets keep their plain tables ---------------------------------------------


def test_without_layout_a_block_is_plain_html_for_the_feedback_sheets() -> None:
    table = Table(("Day", "When"), [("1", "2017-11-23 09:30")])
    plain = block_html(table)
    assert plain.startswith("<table>") and "<span" not in plain and "<div" not in plain
    boxed = block_html(table, layout=True)
    assert boxed.startswith('<div class="table keep"><div class="scroll"><table>')


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab xyz\t-"), max_size=400))
def test_a_label_is_at_most_three_lines_each_within_the_chart(label) -> None:
    from lp_tui.export.html_format import _label_lines

    lines = _label_lines(label, width=20)
    assert 1 <= len(lines) <= 3
    assert all(len(line) <= 20 for line in lines)
    if not lines[-1].endswith("…"):  # not cut short: every word is there, in order
        assert "".join(lines).replace(" ", "") == "".join(label.split())
        assert " ".join(lines) == " ".join(label.split()) or any(
            len(word) > 20 for word in label.split()
        )


def test_numbered_points_are_an_ordered_list() -> None:
    report = Report("Lessons")
    report.add(Bullets(["First", "Second"], numbered=True), Bullets(["Loose"]))
    page = html(report)
    assert "<ol><li>First</li><li>Second</li></ol>" in page
    assert "<ul><li>Loose</li></ul>" in page
