"""Textual's StylesCache, without the cache that keeps dead widgets' lines alive.

``StylesCache.get_inner_outer`` (two Rich styles from two colours) is an ``lru_cache`` on a
method, so every entry's key holds the StylesCache that asked, and with it the lines that
widget last painted: up to 1,024 widgets long gone, tens of thousands of objects that every
full pass of the cycle collector walks again (Textual issue 6665). A facilitator's day opens
and closes screens and dialogs for hours, so that was memory held for nothing.

The same two styles come from the two colours alone, so here they are cached by the colours
alone: every widget shares the entries, and a widget that goes leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from rich.style import Style
from textual._styles_cache import StylesCache
from textual.color import Color

InnerOuter = Callable[[object, Color, Color], tuple[Style, Style]]


def _textual_method() -> InnerOuter | None:
    """Textual's method, unwrapped, while it is still the cache on a method (pinned 8.2.8);
    None once Textual caches it some other way, which then needs nothing from here."""
    method = StylesCache.__dict__.get("get_inner_outer")
    return getattr(method, "__wrapped__", None) if hasattr(method, "cache_info") else None


_INNER_OUTER = _textual_method()


@lru_cache(1024)
def inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """The inner and outer background styles for two colours, by Textual's own code (which
    does not read its first argument)."""
    assert _INNER_OUTER is not None
    return _INNER_OUTER(StylesCache, base_background, background)


def share_inner_outer() -> None:
    """Every StylesCache asks ``inner_outer``, cached by the colours alone. Idempotent."""
    if _INNER_OUTER is not None:
        StylesCache.get_inner_outer = staticmethod(inner_outer)  # type: ignore[assignment,method-assign]
