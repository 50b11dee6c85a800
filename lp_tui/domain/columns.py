"""Column widths for a table on a terminal of any size (80x24 over SSH, a wide laptop).

Widths are counted in cells of text; each column also takes ``pad`` cells around its text
(Textual's DataTable: one each side). ``room`` is the width the table has for its columns.
Text longer than its column is cut at a word with "…" by the table, so a narrower column
never breaks a word; a column that does not fit lies beyond the edge, to scroll to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PAD = 2


def total(widths: Sequence[int], pad: int = PAD) -> int:
    """The cells ``widths`` take on screen, padding included."""
    return sum(width + pad for width in widths)


def fit_widths(room: int, widths: Sequence[int], least: Sequence[int], pad: int = PAD) -> list[int]:
    """``widths`` when they fit in ``room``; else the widest column that can give (wider than
    its ``least``) gives one cell at a time until they fit or every column is at its least
    (then the table scrolls sideways)."""
    fitted = list(widths)
    least = [min(low, width) for low, width in zip(least, widths, strict=True)]
    over = total(fitted, pad) - room
    while over > 0:
        giving = [i for i, width in enumerate(fitted) if width > least[i]]
        if not giving:
            break
        widest = max(giving, key=lambda i: (fitted[i], -i))
        fitted[widest] -= 1
        over -= 1
    return fitted


def snug_widths(widths: Sequence[int], wants: Sequence[int], snug: Sequence[int]) -> list[int]:
    """``widths``, each column in ``snug`` no wider than it ``wants`` (its widest text): what
    it leaves goes to the column that takes the room left (``fill_widths``)."""
    return [
        min(width, want) if i in snug else width
        for i, (width, want) in enumerate(zip(widths, wants, strict=True))
    ]


def fill_widths(
    room: int,
    widths: Sequence[int],
    least: Sequence[int],
    pad: int = PAD,
    *,
    grow: int = -1,
    wants: Sequence[int] | None = None,
) -> list[int]:
    """``fit_widths``, and where the columns leave room over, it goes first to the columns
    whose text is wider than they are (``wants``: the widest text of each), up to that text,
    left to right; then column ``grow`` (the last unless given) takes the rest: a wide terminal
    shows more of the text instead of blank cells after the table."""
    fitted = fit_widths(room, widths, least, pad)
    spare = room - total(fitted, pad)
    for i, want in enumerate(wants or ()):
        if spare <= 0:
            break
        extra = min(spare, max(0, want - fitted[i]))
        fitted[i] += extra
        spare -= extra
    if fitted and spare > 0:
        fitted[grow] += spare
    return fitted


def edge_widths(
    room: int,
    widths: Sequence[int],
    *,
    stretch: int,
    keep: int,
    least: int,
    spill: int | None = None,
    want: int = 0,
    pad: int = PAD,
) -> list[int]:
    """Widths where the first ``keep`` columns show whole and column ``stretch`` (one of
    them) takes the room left over, so the columns shown end at the edge and none is cut by
    it: the later columns that fit whole stay, the others lie beyond the edge, to scroll to.
    ``stretch`` first has the ``want`` cells of its longest text where there is room for them
    (a title shown whole comes before a later column in view). When every column fits,
    column ``spill`` (``stretch`` unless given) takes the room left. When the first ``keep``
    do not fit, ``stretch`` gives up to its ``least``."""
    fitted = list(widths)
    fitted[stretch] = max(fitted[stretch], want)
    kept = total(fitted[:keep], pad)
    if kept >= room:
        fitted[stretch] = max(min(least, widths[stretch]), fitted[stretch] - (kept - room))
        return fitted
    used, shown = kept, keep
    for width in fitted[keep:]:
        if used + width + pad > room:
            break
        used += width + pad
        shown += 1
    target = spill if spill is not None and shown == len(fitted) else stretch
    fitted[target] += room - used
    return fitted


def pack(parts: Sequence[str], width: int, gap: int = 3) -> list[list[str]]:
    """``parts`` in lines of at most ``width`` characters, ``gap`` spaces between two on a
    line, in order and each whole on one line (a part longer than ``width`` alone on its own:
    it wraps there at its words). ``width`` 0 or less: all on one line."""
    lines: list[list[str]] = []
    used = 0
    for part in parts:
        if lines and (width <= 0 or used + gap + len(part) <= width):
            lines[-1].append(part)
            used += gap + len(part)
        else:
            lines.append([part])
            used = len(part)
    return lines


# ---------------------------------------------------------------- the tables screen's cards
MAX_NAME = 24  # a wide card (few columns) gives a long name more room, up to this
MIN_NAME = 15  # the narrowest worth a column of its own: "Maureen Gallag…"
ROW_EXTRA = 8  # a member's row besides the name: "▸ " before it, " E ⚑♿" after (♿ is wide)
BORDER = 2
GUTTER = 1


@dataclass(frozen=True)
class CardLayout:
    """How cards fit a width: how many columns, and the room for a name."""

    columns: int
    name_width: int
    padding: int  # columns of padding each side inside a card's border


def card_layout(width: int, cards: int, longest: int = MIN_NAME) -> CardLayout:
    """The most columns (never more than there are cards) whose cards still fit a name of
    ``MIN_NAME`` on one line. The longest name shown (``longest``, up to ``MAX_NAME``) has the
    room before a card's padding does: a card is padded only where that name still fits."""
    cards = max(1, cards)
    columns = 1
    for count in range(cards, 0, -1):
        outer = (width - GUTTER * (count - 1)) // count
        if outer - BORDER - ROW_EXTRA >= MIN_NAME:
            columns = count
            break
    outer = max(0, (width - GUTTER * (columns - 1)) // columns)
    room = outer - BORDER - ROW_EXTRA
    wanted = max(MIN_NAME, min(MAX_NAME, longest))
    padding = 1 if room - 2 >= wanted else 0
    name_width = max(MIN_NAME, min(MAX_NAME, room - 2 * padding))
    return CardLayout(columns, name_width, padding)


# ---------------------------------------------------------------- the evaluation tally
LABEL_LEAST = 10  # a tally's label, at the least
# The columns a row needs besides its label, richest first: N, blank and avg are the report's
# own columns; the bars go first on a narrow terminal, then the blank count.
LAYOUTS = ((True, True, 22), (True, False, 15), (False, False, 9))  # blank, bars, cells
READABLE = 18  # the narrowest label worth keeping a richer layout for (80x24: the blank column)


def tally_layout(available: int, longest: int) -> tuple[int, bool, bool]:
    """(label width, blank column, bars) in ``available`` cells for labels of at most
    ``longest``: the richest layout whose labels are whole or at least READABLE wide."""
    wanted = min(longest, READABLE)
    with_blank, with_bars, cells = next(
        (layout for layout in LAYOUTS if available - layout[2] >= wanted), LAYOUTS[-1]
    )
    width = max(min(LABEL_LEAST, longest), min(longest, available - cells))
    return width, with_blank, with_bars


# ---------------------------------------------------------------- a footer's keys
@dataclass(frozen=True)
class KeyPlace:
    """Where a footer draws a key: from ``x``, ``width`` cells (cut at the palette's bar, 0
    past it); the palette's key has its one-cell ``bar`` in its width."""

    x: int
    width: int
    bar: int = 0


def key_places(
    widths: Sequence[int], width: int, palette: int | None = None
) -> tuple[list[KeyPlace], KeyPlace | None]:
    """Where keys ``widths`` cells wide go on a line ``width`` cells wide, as Textual's compact
    footer packs them: from the left with one space after each, cut where the palette's key
    (``palette`` cells, after a bar) begins at the right edge."""
    end, bar = width, None
    if palette is not None:
        wide = min(width, palette + 1)  # the bar, then the key
        end = width - wide
        bar = KeyPlace(end, wide, bar=1)
    places, x = [], 0
    for cells in widths:
        places.append(KeyPlace(x, max(0, min(cells, end - x))))
        x += cells + 1
    return places, bar
