"""The programme report as one self-contained, printable html file: no scripts, no outside
files, styles inline, and bar charts of the ratings drawn as inline SVG. Every piece of text is
html-escaped, so a name like <script> is shown, never run.

Laid out for A4 (``@page``) and for a phone 390 px wide: headings stay with what follows them,
a caption with its table, a short table (up to KEEP_ROWS rows) stays whole on one page, a
longer one may run over pages (its rows do not split and its header row repeats), charts stay
whole; on screen every table scrolls sideways inside its own box (its caption above the box,
wrapping) and the chart scales, so the page itself never scrolls sideways; dates and times
never wrap mid-number."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from lp_tui.domain.tally import RATINGS, QuestionTally, Tally, one_dp
from lp_tui.export.report import Block, Bullets, Heading, Paragraph, Ratings, Report, Table

STYLE = """
@page { size: A4; margin: 16mm 15mm 18mm; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { font-family: "Segoe UI", Arial, sans-serif; max-width: 60rem; margin: 1.5rem auto;
       padding: 0 1rem; color: #1d1d1b; line-height: 1.45; overflow-wrap: break-word; }
h1 { color: #005eb8; border-bottom: 3px solid #005eb8; padding-bottom: .3rem;
     font-size: clamp(1.5rem, 6vw, 2rem); line-height: 1.2; }
h2 { color: #003087; margin: 2rem 0 .6rem; border-bottom: 1px solid #aeb7bd; }
h3 { color: #425563; margin: 1.4rem 0 .5rem; }
h4 { color: #425563; margin: 1rem 0 .4rem; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
p:has(+ .scroll, + .table, + figure, + ul, + ol) { break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
.scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0 1rem; }
.table { margin: .5rem 0 1rem; }
.table > .scroll { margin: 0; }
.table.keep { break-inside: avoid; page-break-inside: avoid; }
p.caption { font-style: italic; margin: 0 0 .3rem; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; }
caption { caption-side: top; text-align: left; font-style: italic; padding-bottom: .3rem; }
th.group { text-align: center; }
th, td { border: 1px solid #aeb7bd; padding: .25rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #e8edee; }
td.n, th.n { text-align: right; }
thead { display: table-header-group; }
tr, th, td { break-inside: avoid; page-break-inside: avoid; }
.nw { white-space: nowrap; }
figure { margin: .5rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-style: italic; margin-bottom: .3rem; }
svg.chart { display: block; width: 100%; max-width: 28rem; height: auto; }
svg.chart text { font-family: "Segoe UI", Arial, sans-serif; font-size: 15px; fill: #1d1d1b; }
svg.chart text.split { font-size: 13px; fill: #425563; }
svg.chart text.axis { font-size: 12px; fill: #425563; }
.legend { margin: .3rem 0 0; font-size: .9rem; }
@media (max-width: 30rem) {
  body { padding: 0 .75rem; }
  th, td { padding: .2rem .25rem; }
  td.n, th.group { font-size: .9rem; }
}
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  .scroll { overflow: visible; }
  svg.chart { max-width: 22rem; }
}
"""

BAR_COLOURS = ("#da291c", "#ed8b00", "#ffb81c", "#78be20", "#007f3b")  # ratings 1..5

# A date, a time or a range of times (2017-11-23, 09:30, 09:30-15:35), each kept on one line in
# the html (a date and a time may still go on two lines, at the space between them). Matched in
# escaped text, where no digit meets a colon or hyphen of escape()'s making (it writes only
# &amp; &lt; &gt; &quot; &#x27;).
_DATE = r"\d{4}-\d{2}-\d{2}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_TIMES = rf"{_TIME}(?:\s?[-–]\s?{_TIME})?"
_MOMENT = re.compile(
    rf"""(?: (?<![\w:.]) | (?<=\dT) )   # not inside a longer word or number, or after 2017-11-23T
         (?: {_DATE} (?=T\d)            # the date of 2017-11-23T09:30
           | (?: {_DATE} | {_TIMES} ) (?![\w:]) )""",
    re.VERBOSE,
)


def _h(text: str) -> str:
    return escape(text, quote=True)


def text_html(text: str) -> str:
    """Text as html: escaped first, then each date, time or range of times wrapped in
    <span class="nw"> so it never wraps mid-number."""
    return _MOMENT.sub(lambda m: f'<span class="nw">{m.group(0)}</span>', _h(text))


KEEP_ROWS = 12  # a table of up to this many rows is kept on one page (with its caption)


def _table_html(block: Table, text: Callable[[str], str] = _h, *, layout: bool = False) -> str:
    """A table; its caption a <caption>, or with ``layout`` (the report) a line above the box
    that scrolls sideways, so on a phone it wraps in full instead of scrolling away with the
    table, and the box kept whole on a page when the table is short."""

    def cell(tag: str, index: int, value: str) -> str:
        kind = ' class="n"' if index in block.numeric else ""
        return f"<{tag}{kind}>{text(value)}</{tag}>"

    head = "<tr>" + "".join(cell("th", i, c) for i, c in enumerate(block.columns)) + "</tr>"
    if block.groups:
        spans = "".join(
            f'<th colspan="{span}"' + (' class="group"' if label else "") + f">{text(label)}</th>"
            for label, span in block.groups
        )
        head = f"<tr>{spans}</tr>{head}"
    body = "".join(
        "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
        for row in block.rows
    )
    if not layout:
        caption = f"<caption>{text(block.caption)}</caption>" if block.caption else ""
        return f"<table>{caption}<thead>{head}</thead><tbody>{body}</tbody></table>"
    label = f' aria-label="{_h(block.caption)}"' if block.caption else ""
    table = f"<table{label}><thead>{head}</thead><tbody>{body}</tbody></table>"
    return _boxed(table, text(block.caption) if block.caption else "", len(block.rows))


def _boxed(table: str, caption: str, rows: int) -> str:
    """A table in the report: its caption (html) above a box that scrolls sideways, the two
    kept together, and kept whole on a page when the table has at most KEEP_ROWS rows."""
    keep = " keep" if rows <= KEEP_ROWS else ""
    above = f'<p class="caption">{caption}</p>' if caption else ""
    return f'<div class="table{keep}">{above}{_scroll(table)}</div>'


def _scroll(inner: str) -> str:
    """A box that scrolls sideways on its own when what it holds is wider than the page."""
    return f'<div class="scroll">{inner}</div>'


def answer_split(q: QuestionTally) -> str:
    """How many gave each mark, as printed under the question's bar:
    "1: 0 · 2: 1 · 3: 4 · 4: 10 · 5: 17" (and how many left it blank, when any did)."""
    split = " · ".join(f"{rating}: {q.distribution[rating]}" for rating in RATINGS)
    return split + (f" · blank: {q.blank}" if q.blank else "")


def _label_lines(label: str, width: int = 50, most: int = 3) -> list[str]:
    """A question's label broken at spaces into lines of at most ``width`` characters (a word
    longer than that is cut), at most ``most`` lines, the last ending in … when cut short."""
    lines: list[str] = []
    line = ""
    for word in label.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line or not lines:
        lines.append(line)
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1][: width - 1] + "…"]
    return lines


CHART_WIDTH = 380  # the chart's own units (its viewBox): it is drawn to the width it is given
_BAR = 290  # a mark of 5 is this wide
_LINE = 18  # a line of the label


def ratings_svg(tally: Tally) -> str:
    """One row a question: its label, a bar of its average out of 5 with the average and the
    number who answered, its answers 1-5 as a thin stacked bar, and under it how many gave each
    mark. Sized by its viewBox only, so it scales to the width of the page or the phone. Not
    role="img": a screen reader reads its words (labels, averages, counts) too."""
    top = 22
    body: list[str] = []
    y = top
    for q in tally.questions:
        lines = _label_lines(q.label)
        spans = "".join(
            f'<tspan x="0" dy="{0 if i == 0 else _LINE}">{_h(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        body.append(f'<text y="{y + 14}"><title>{_h(q.label)}</title>{spans}</text>')
        bar_y = y + _LINE * len(lines) + 2
        for mark in range(6):
            x = _BAR * mark / 5
            body.append(
                f'<line x1="{x:.1f}" y1="{bar_y - 2}" x2="{x:.1f}" y2="{bar_y + 26}" '
                'stroke="#d0d5d8" stroke-width="1"/>'
            )
        average = q.average or 0.0
        body.append(
            f'<rect x="0" y="{bar_y}" width="{_BAR * average / 5:.1f}" height="14" '
            f'fill="#005eb8"><title>{_h(q.label)}: {one_dp(q.average)}</title></rect>'
            f'<text x="{_BAR * average / 5 + 5:.1f}" y="{bar_y + 12}">'
            f"{one_dp(q.average)} ({q.number})</text>"
        )
        x = 0.0
        for rating, colour in zip(RATINGS, BAR_COLOURS, strict=True):
            count = q.distribution[rating]
            if not count or not q.number:
                continue
            share = _BAR * count / q.number
            body.append(
                f'<rect x="{x:.1f}" y="{bar_y + 17}" width="{share:.1f}" height="8" '
                f'fill="{colour}"><title>{count} gave {rating}</title></rect>'
            )
            x += share
        body.append(f'<text class="split" x="0" y="{bar_y + 41}">{_h(answer_split(q))}</text>')
        y = bar_y + 56
    height = y
    axis = "".join(
        f'<text class="axis" x="{_BAR * mark / 5:.1f}" y="12" '
        f'text-anchor="{"start" if mark == 0 else "middle"}">{mark}</text>'
        for mark in range(6)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" preserveAspectRatio="xMinYMin meet">'
        f"<title>Day {tally.day}: average mark per question out of 5, and how many gave each "
        f"mark</title>{axis}{''.join(body)}</svg>"
    )


def _ratings(block: Ratings, text: Callable[[str], str] = _h, *, layout: bool = False) -> str:
    rows = "".join(
        f'<tr><td>{text(q.label)}</td><td class="n">{q.number}</td>'
        f'<td class="n">{one_dp(q.average)}</td></tr>'
        for q in block.tally.questions
    )
    head = (
        '<thead><tr><th>Question</th><th class="n">Number</th>'
        f'<th class="n">Average</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    if layout:
        table = _boxed(
            f'<table aria-label="{_h(block.caption)}">{head}',
            text(block.caption),
            len(block.tally.questions),
        )
    else:
        table = f"<table><caption>{text(block.caption)}</caption>{head}"
    legend = " ".join(
        f'<span style="color:{c}">■</span> {r}' for r, c in zip(RATINGS, BAR_COLOURS, strict=True)
    )
    return (
        f"{table}<figure><figcaption>Day {block.tally.day}: the average mark of each question "
        "(the blue bar, with how many answered), and how many gave each mark (the thin bar and "
        f"the line under it).</figcaption>{ratings_svg(block.tally)}"
        f'<p class="legend">Marks 1 to 5: {legend}</p></figure>'
    )


def block_html(block: Block, *, layout: bool = False) -> str:
    """One block of a report as html, every text escaped (the report and the feedback sheets).
    With ``layout`` (the report) tables sit in boxes of their own that scroll sideways and
    dates and times are kept whole (the report's style sheet says how)."""
    text = text_html if layout else _h
    if isinstance(block, Heading):
        return f"<h{block.level}>{text(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{text(block.text)}</p>" if block.text else ""
    if isinstance(block, Table):
        return _table_html(block, text, layout=layout)
    if isinstance(block, Bullets):
        tag = "ol" if block.numbered else "ul"
        start = f' start="{block.start}"' if block.numbered and block.start != 1 else ""
        items = "".join(f"<li>{text(item)}</li>" for item in block.items)
        return f"<{tag}{start}>{items}</{tag}>"
    if isinstance(block, Ratings):
        return _ratings(block, text, layout=layout)
    raise TypeError(block)


def html(report: Report) -> str:
    body = "\n".join(filter(None, (block_html(b, layout=True) for b in report.blocks)))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{_h(report.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{text_html(report.title)}</h1>\n{body}\n</body>\n</html>\n"
    )
