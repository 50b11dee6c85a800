"""A block font for the projector: letters, digits and the status signs, each 5 pixels tall,
drawn with full and half blocks so that a pixel is ``size`` characters wide and ``size``
half-lines tall (about square in a terminal cell). Letters are shown as capitals."""

from __future__ import annotations

# '#' is ink. Most glyphs are 3 pixels wide; M, W and N need more.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    "A": (" # ", "# #", "###", "# #", "# #"),
    "B": ("## ", "# #", "## ", "# #", "## "),
    "C": (" ##", "#  ", "#  ", "#  ", " ##"),
    "D": ("## ", "# #", "# #", "# #", "## "),
    "E": ("###", "#  ", "## ", "#  ", "###"),
    "F": ("###", "#  ", "## ", "#  ", "#  "),
    "G": (" ##", "#  ", "# #", "# #", " ##"),
    "H": ("# #", "# #", "###", "# #", "# #"),
    "I": ("###", " # ", " # ", " # ", "###"),
    "J": ("  #", "  #", "  #", "# #", " # "),
    "K": ("# #", "# #", "## ", "# #", "# #"),
    "L": ("#  ", "#  ", "#  ", "#  ", "###"),
    "M": ("#   #", "## ##", "# # #", "#   #", "#   #"),
    "N": ("#  #", "## #", "# ##", "#  #", "#  #"),
    "O": (" # ", "# #", "# #", "# #", " # "),
    "P": ("## ", "# #", "## ", "#  ", "#  "),
    "Q": (" # ", "# #", "# #", "## ", " ##"),
    "R": ("## ", "# #", "## ", "# #", "# #"),
    "S": (" ##", "#  ", " # ", "  #", "## "),
    "T": ("###", " # ", " # ", " # ", " # "),
    "U": ("# #", "# #", "# #", "# #", "###"),
    "V": ("# #", "# #", "# #", "# #", " # "),
    "W": ("#   #", "#   #", "# # #", "## ##", "#   #"),
    "X": ("# #", "# #", " # ", "# #", "# #"),
    "Y": ("# #", "# #", " # ", " # ", " # "),
    "Z": ("###", "  #", " # ", "#  ", "###"),
    ":": (" ", "#", " ", "#", " "),
    ".": (" ", " ", " ", " ", "#"),
    ",": ("  ", "  ", "  ", " #", "# "),
    "'": ("#", "#", " ", " ", " "),
    "’": ("#", "#", " ", " ", " "),
    "!": ("#", "#", "#", " ", "#"),
    "?": ("## ", "  #", " # ", "   ", " # "),
    "/": ("  #", "  #", " # ", "#  ", "#  "),
    "(": (" #", "# ", "# ", "# ", " #"),
    ")": ("# ", " #", " #", " #", "# "),
    "&": (" # ", "# #", " # ", "# #", " ##"),
    "+": ("   ", " # ", "###", " # ", "   "),
    "-": ("   ", "   ", "###", "   ", "   "),
    "–": ("   ", "   ", "###", "   ", "   "),
    "·": (" ", " ", "#", " ", " "),
    "▶": ("#  ", "## ", "###", "## ", "#  "),
    "■": ("   ", "###", "###", "###", "   "),
    "▲": ("     ", "  #  ", " ### ", "#####", "     "),
    "✖": ("     ", "# #", " # ", "# #", "     "),
    "✔": ("    ", "   #", "# # ", " #  ", "    "),
    "❚": ("#", "#", "#", "#", "#"),
    " ": ("  ",) * 5,
}
ROWS = 5
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def can_draw(text: str) -> bool:
    """Every character of ``text`` has a glyph (letters in either case)."""
    return all(ch.upper() in GLYPHS for ch in text)


def pixels(text: str) -> list[str]:
    """The text's pixel rows ('#' ink), one blank pixel column between glyphs."""
    glyphs = [GLYPHS.get(ch.upper(), GLYPHS[" "]) for ch in text]
    return [" ".join(g[row].ljust(len(g[0])) for g in glyphs) for row in range(ROWS)]


def render(text: str, size: int) -> list[str]:
    """The text as lines of block characters: each pixel ``size`` wide and ``size``
    half-lines tall, so (5 * size + 1) // 2 lines."""
    halves = [row for row in pixels(text) for _ in range(size)]
    if len(halves) % 2:
        halves.append(" " * len(halves[0]))
    return [
        "".join(_HALVES[(a == "#", b == "#")] * size for a, b in zip(top, bottom, strict=True))
        for top, bottom in zip(halves[::2], halves[1::2], strict=True)
    ]


def width_of(text: str, size: int) -> int:
    return len(pixels(text)[0]) * size if text else 0


def height_of(size: int) -> int:
    """Lines that ``size`` takes."""
    return (ROWS * size + 1) // 2


def fitting_size(text: str, width: int, height: int) -> int:
    """The largest size at which ``text`` fits whole in width x height; 0 when none does."""
    size = 0
    while width_of(text, size + 1) <= width and height_of(size + 1) <= height:
        size += 1
    return size


def wrapped(text: str, width: int, size: int = 1) -> list[str] | None:
    """``text`` broken at spaces into lines each drawn within ``width`` at ``size``; None when
    a single word is too wide."""
    lines: list[str] = []
    for word in text.split():
        if lines and width_of(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        elif width_of(word, size) <= width:
            lines.append(word)
        else:
            return None
    return lines
