"""The programme report as one self-contained, printable html file: no scripts, no outside
files, styles inline, and bar charts of the ratings drawn as inline SVG. Every piece of text is
html-escaped, so a name like <script> is shown, never run."""

from __future__ import annotations

from html import escape

from lp_tui.domain.tally import RATINGS, Tally, one_dp
from lp_tui.export.report import Block, Bullets, Heading, Paragraph, Ratings, Report, Table

STYLE = """
body { font-family: "Segoe UI", Arial, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #1d1d1b; line-height: 1.45; }
h1 { color: #005eb8; border-bottom: 3px solid #005eb8; padding-bottom: .3rem; }
h2 { color: #003087; margin-top: 2rem; border-bottom: 1px solid #aeb7bd; }
h3 { color: #425563; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
th, td { border: 1px solid #aeb7bd; padding: .25rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #e8edee; }
td.n, th.n { text-align: right; }
figure { margin: .5rem 0 1rem; }
figcaption { font-style: italic; margin-bottom: .3rem; }
svg text { font-family: inherit; font-size: 12px; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
               table, figure { break-inside: avoid; } }
"""

BAR_COLOURS = ("#da291c", "#ed8b00", "#ffb81c", "#78be20", "#007f3b")  # ratings 1..5


def _h(text: str) -> str:
    return escape(text, quote=True)


def _table(block: Table) -> str:
    def cell(tag: str, index: int, text: str) -> str:
        kind = ' class="n"' if index in block.numeric else ""
        return f"<{tag}{kind}>{_h(text)}</{tag}>"

    head = "".join(cell("th", i, c) for i, c in enumerate(block.columns))
    body = "".join(
        "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
        for row in block.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def ratings_svg(tally: Tally) -> str:
    """One row a question: a bar of its average out of 5, and its answers 1-5 as a stacked bar."""
    label_w, bar_w, row_h, top = 330, 250, 34, 24
    height = top + row_h * len(tally.questions) + 10
    width = label_w + bar_w + 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        f"<title>Day {tally.day}: average rating per question, out of 5</title>",
    ]
    for mark in range(6):
        x = label_w + bar_w * mark / 5
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 10}" '
            'stroke="#d0d5d8" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{top - 10}" text-anchor="middle">{mark}</text>'
        )
    for index, q in enumerate(tally.questions):
        y = top + index * row_h
        label = q.label if len(q.label) <= 48 else q.label[:47] + "…"
        parts.append(f'<text x="0" y="{y + 14}"><title>{_h(q.label)}</title>{_h(label)}</text>')
        average = q.average or 0.0
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w * average / 5:.1f}" height="14" '
            f'fill="#005eb8"><title>{_h(q.label)}: {one_dp(q.average)}</title></rect>'
            f'<text x="{label_w + bar_w * average / 5 + 4:.1f}" y="{y + 14}">'
            f"{one_dp(q.average)} ({q.number})</text>"
        )
        x = float(label_w)
        for rating, colour in zip(RATINGS, BAR_COLOURS, strict=True):
            count = q.distribution[rating]
            if not count or not q.number:
                continue
            share = bar_w * count / q.number
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 20}" width="{share:.1f}" height="6" fill="{colour}">'
                f"<title>{count} gave {rating}</title></rect>"
            )
            x += share
    parts.append("</svg>")
    return "".join(parts)


def _ratings(block: Ratings) -> str:
    rows = "".join(
        f'<tr><td>{_h(q.label)}</td><td class="n">{q.number}</td>'
        f'<td class="n">{one_dp(q.average)}</td></tr>'
        for q in block.tally.questions
    )
    table = (
        '<table><thead><tr><th>Question</th><th class="n">Number</th>'
        f'<th class="n">Average</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    legend = " ".join(
        f'<span style="color:{c}">■</span> {r}' for r, c in zip(RATINGS, BAR_COLOURS, strict=True)
    )
    return (
        f"<figure><figcaption>{_h(block.caption)}</figcaption>{table}"
        f"{ratings_svg(block.tally)}<div>Answers given, 1 to 5: {legend}</div></figure>"
    )


def block_html(block: Block) -> str:
    """One block of a report as html, every text escaped (the report and the feedback sheets)."""
    if isinstance(block, Heading):
        return f"<h{block.level}>{_h(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_h(block.text)}</p>" if block.text else ""
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_h(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Ratings):
        return _ratings(block)
    raise TypeError(block)


def html(report: Report) -> str:
    body = "\n".join(filter(None, (block_html(b) for b in report.blocks)))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{_h(report.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{_h(report.title)}</h1>\n{body}\n</body>\n</html>\n"
    )
