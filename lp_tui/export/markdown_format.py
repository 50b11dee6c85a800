"""The programme report as Markdown: readable as plain text, and rendered by any Markdown viewer.
Text from people is escaped so that it cannot open a link, an image or raw HTML."""

from __future__ import annotations

import re

from lp_tui.export.report import (
    Block,
    Bullets,
    Heading,
    Paragraph,
    Ratings,
    Report,
    Table,
    tally_rows,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_text(text: str) -> str:
    """One line of text with Markdown's special characters escaped; a leading = + - or @ is
    escaped too, so no cell starts with a raw formula (Markdown still shows the character)."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return "\\" + escaped if escaped.startswith(("=", "+", "-", "@")) else escaped


def md_table(
    columns: tuple[str, ...], rows: list[tuple[str, ...]], numeric: tuple[int, ...] = ()
) -> list[str]:
    align = ["---:" if i in numeric else "---" for i in range(len(columns))]
    lines = ["| " + " | ".join(md_text(c) for c in columns) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in rows]
    return lines


def _grouped(block: Table) -> tuple[str, ...]:
    """The columns' headers, the first under each named group prefixed with its name."""
    if not block.groups:
        return block.columns
    columns = list(block.columns)
    at = 0
    for label, span in block.groups:
        if label and at < len(columns):
            columns[at] = f"{label}: {columns[at]}"
        at += span
    return tuple(columns)


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + md_text(block.text)]
    if isinstance(block, Paragraph):
        return [md_text(block.text)] if block.text else []
    if isinstance(block, Table):
        caption = [f"*{md_text(block.caption)}*", ""] if block.caption else []
        return caption + md_table(_grouped(block), block.rows, block.numeric)
    if isinstance(block, Bullets):
        if block.numbered:  # "1." needs no escape before the text: md_text escapes its start
            return [f"{n}. {md_text(item)}" for n, item in enumerate(block.items, block.start)]
        return [f"- {md_text(item)}" for item in block.items]
    if isinstance(block, Ratings):
        return [
            f"*{md_text(block.caption)}*",
            "",
            *md_table(("Question", "Number", "Average"), tally_rows(block.tally), (1, 2)),
        ]
    raise TypeError(block)


def markdown(report: Report) -> str:
    parts = [f"# {md_text(report.title)}"]
    for block in report.blocks:
        lines = _block(block)
        if lines:
            parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"
