"""Keys everyone knows, kept out of the f1 keys panel.

The keys panel lists the focused widget's keys first: a table's arrows, home, end and page keys
(thirteen lines), or a text box's editing keys, before the screen's own. At 80x24 the screen's
keys (start, skip, note...) were a dozen scrolls away, out of reach of a keyboard. ``quiet``
gives the same keys as Textual ``system`` bindings: they work as before, and the panel leaves
them out."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from textual.binding import Binding, BindingType


def quiet(*groups: Iterable[BindingType]) -> list[Binding]:
    """The bindings of ``groups`` (a class's own after those it inherits: a later one for the
    same key replaces an earlier one, as a subclass's does), each kept out of the keys panel."""
    by_key: dict[str, Binding] = {}
    for group in groups:
        # one binding a key ("home,ctrl+a" is two): Input's home then replaces the
        # container's scroll-home, as it does in Input itself
        for binding in Binding.make_bindings(group):
            by_key[binding.key] = dataclasses.replace(binding, system=True)
    return list(by_key.values())
