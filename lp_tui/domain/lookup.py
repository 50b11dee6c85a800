"""Finding a cohort or a person from what someone typed: an id or a name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from lp_tui.domain.people import whole_name


class Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=Named)


class NotFound(LookupError):
    """Nothing, or more than one thing, answers to what was typed; the message is one line."""

    def __str__(self) -> str:
        return str(self.args[0])


def find(items: Sequence[N], wanted: str, what: str) -> N:
    """The item whose id is ``wanted``, else whose name matches it ignoring case, accents and
    spacing ("tomasz wojcik" finds "Tomasz Wójcik")."""
    text = " ".join(wanted.split())
    for item in items:
        if item.id == text:
            return item
    folded = whole_name(text)
    matches = [item for item in items if whole_name(item.name) == folded]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFound(f"{len(matches)} {what}s are called {wanted!r}; use the id")
    raise NotFound(f"no {what} called {wanted!r}")


def only_or_named(items: Sequence[N], wanted: str | None, what: str) -> N:
    """``find`` when a name was given; else the only item there is."""
    if wanted:
        return find(items, wanted, what)
    if len(items) == 1:
        return items[0]
    if not items:
        raise NotFound(f"there is no {what} yet")
    names = ", ".join(repr(item.name) for item in items)
    raise NotFound(f"there are {len(items)} {what}s ({names}); choose one with --{what}")
