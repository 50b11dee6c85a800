"""Entries are never changed in place: a correction is a new entry that replaces an earlier one,
and a withdrawal is a new entry, marked withdrawn, that replaces it with nothing. What stands is
whatever no later entry replaces, less the withdrawals; every word typed stays in the file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class Correctable(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def replaces(self) -> str: ...
    @property
    def withdrawn(self) -> bool: ...


E = TypeVar("E", bound=Correctable)


def standing(entries: Iterable[E]) -> list[E]:
    """The entries that stand, in the order given."""
    entries = list(entries)
    replaced = {e.replaces for e in entries if e.replaces}
    return [e for e in entries if e.id not in replaced and not e.withdrawn]
