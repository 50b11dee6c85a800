"""Text from people, made safe to store, show and compare.

- A *control character* could move the cursor, clear the screen or reorder what a terminal
  shows: a C0 character other than tab and line feed (ESC, NUL, CR...), DEL, a C1 character,
  or a bidi override or isolate (U+202A-U+202E, U+2066-U+2069). Input with one is refused
  (``control_character`` names the first); text already stored is ``shown`` with each one
  replaced by U+FFFD, so nothing read back is ever written raw to a terminal.
- An *invisible* character (zero-width space and joiners, word joiner, byte-order mark, soft
  hyphen...) shows nothing: two names that differ only by them are the same name, as are
  names that differ only by Unicode normal form (NFC or NFD), case, or spacing
  (``name_key``). ``clean_name`` is a name as it is stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# control characters, bidi overrides, and lone surrogates (how Python holds a byte that was not
# UTF-8, e.g. in a command-line argument: such a string can be neither shown nor saved)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

REPLACEMENT = "\ufffd"
# the first control character's match, or None: a precompiled search for hot paths
find_control = _CONTROL.search

# Characters that show nothing (format characters a name never needs to be told apart by).
INVISIBLE = frozenset(
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b"  # zero-width space
    "\u200c"  # zero-width non-joiner
    "\u200d"  # zero-width joiner
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u2060"  # word joiner
    "\u2061\u2062\u2063\u2064"  # invisible function application, times, separator, plus
    "\ufeff"  # zero-width no-break space (byte-order mark)
)
_INVISIBLE = re.compile(f"[{''.join(sorted(INVISIBLE))}]")
# Joiners that shape a script (ZWNJ in Persian) or an emoji sequence (ZWJ): a stored name keeps
# one between two visible characters; everywhere else they are dropped.
_JOINERS = "\u200c\u200d"
_STRAY = re.compile(
    f"(?<![^\\s{''.join(sorted(INVISIBLE))}])[{_JOINERS}]+"  # after nothing, space or invisible
    f"|[{_JOINERS}]+(?![^\\s{''.join(sorted(INVISIBLE))}])"  # before nothing, space or invisible
)


_WHOLE = re.compile(r"0*([0-9]{1,6})")  # ASCII digits only: "²" or "4.5" are not numbers


def read_whole_number(text: str, largest: int) -> int | None:
    """A whole number from 1 to ``largest`` written in ASCII digits, else None. ("²" and "٣"
    are digits to ``str.isdigit``; ``int`` refuses the first and reads the second as 3.)"""
    match = _WHOLE.fullmatch(text.strip())
    if match is None:
        return None
    number = int(match.group(1))
    return number if 1 <= number <= largest else None


def control_character(text: str) -> str | None:
    """The first control character in ``text``, described as "U+001B"; None when there is
    none. Tab and line feed are allowed (a note may run over lines)."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    code = ord(found.group())
    return (
        f"U+{code:04X}, a byte that is not UTF-8" if 0xD800 <= code <= 0xDFFF else f"U+{code:04X}"
    )


def shown(text: str) -> str:
    """``text`` with every control character replaced by U+FFFD (tab and line feed kept);
    ``text`` itself when it holds none."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(REPLACEMENT, text)


def typed(text: str) -> str:
    """Text pasted into a field as it should land there: control characters dropped, line ends
    (CR, LF) and tabs kept for the field to act on (a pasted line end is an enter)."""
    if _CONTROL.search(text) is None:
        return text
    return _TYPED.sub("", text)


_TYPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` without its invisible characters."""
    return _INVISIBLE.sub("", text)


def clean_name(name: str) -> str:
    """A name as it is stored: composed (NFC), invisible characters dropped (a joiner between
    two visible characters stays), outer spaces dropped and inner runs of spaces made one."""
    for _ in range(4):
        text = _STRAY.sub("", name)
        text = "".join(c for c in text if c not in INVISIBLE or c in _JOINERS)
        text = unicodedata.normalize("NFC", " ".join(text.split()))
        if text == name:
            break
        name = text
    return name


def name_key(name: str) -> str:
    """What two names are compared by: the same key, the same name. Invisible characters,
    normal form, case, outer and repeated spaces make no difference."""
    for _ in range(4):
        text = unicodedata.normalize("NFC", visible(name)).casefold()
        text = unicodedata.normalize("NFC", " ".join(text.split()))
        if text == name:
            break
        name = text
    return name


def plural(count: int, word: str, words: str | None = None) -> str:
    """A count in words: '1 table', '7 tables', '2 coaches' (``words`` where not word + s)."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def sentence(text: str) -> str:
    """``text`` begun with a capital, to stand as a sentence ("nobody to seat yet" after a full
    stop); the rest as it is (a name or an acronym in it keeps its case)."""
    return text[:1].upper() + text[1:]


def listed(items: Sequence[object]) -> str:
    """Items in words: '6', '6 and 7', '1, 2 and 3' ('' for none)."""
    words = [str(item) for item in items]
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else "".join(words)
