"""A search box for type-then-act screens that takes every key in the order it was typed.

Textual puts printable keys in the focused Input's queue, but runs key bindings (enter, the
arrows, ctrl+l...) only once the key has bubbled up to the app, and a screen's ``priority``
binding even before the Input has seen the letters typed ahead of it. A burst such as
"efua⏎eileen⏎" (a paste, a fast typist, a loaded laptop, SSH) then acts on an empty box and
leaves "efuaeileen" in it. Here the keys that act are handed to the screen in the Input's own
turn, with the text typed up to that key, and the screen's list follows every change at once
(``on_text``), so each enter acts on exactly what was typed before it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input

from lp_tui.ui.widgets.in_order import InOrderInput
from lp_tui.ui.widgets.quiet_keys import quiet

NEWLINE = "ctrl+j"  # a line feed, as pasted text or `tmux send-keys -l` sends it: an enter
MOVE_KEYS = {"down": 1, "up": -1, "pagedown": 10, "pageup": -10}  # rows a key moves a list
# (key, text typed so far) -> whether the key was taken
KeyHandler = Callable[[str, str], bool]


class FindInput(InOrderInput, inherit_bindings=False):
    """An Input whose acting keys (``keys``) go to ``on_key`` in typing order.

    ``on_key(key, text)`` returns True when it took the key (it may clear the box: the
    letters after the key then start afresh); False lets the key go on as usual. ``on_text``
    is called at every change of the text, before the next key is read.

    The Input's own (hidden) enter binding is left out, so the footer shows what the screen
    says enter does."""

    BINDINGS: ClassVar[list[BindingType]] = quiet(
        b for b in Input.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")
    )

    def __init__(
        self,
        *,
        keys: Collection[str],
        on_key: KeyHandler,
        on_text: Callable[[str], None] | None = None,
        **options: object,
    ) -> None:
        self.acting_keys = frozenset(keys)
        self.on_key = on_key
        self.on_text = on_text  # set first: the Input sets its value (and so calls it) at once
        super().__init__(**options)  # type: ignore[arg-type]

    def watch_value(self, value: str) -> None:
        if self.on_text is not None:
            self.on_text(value)

    async def _on_key(self, event: events.Key) -> None:
        key = "enter" if event.key == NEWLINE else event.key
        if key in self.acting_keys and self.on_key(key, self.value):
            event.stop()
            event.prevent_default()  # neither the Input nor a binding takes it again

    def _on_paste(self, event: events.Paste) -> None:
        """Pasted lines act as if typed: each line ended by a newline is followed by enter."""
        *whole, rest = event.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if not whole or "enter" not in self.acting_keys:
            return  # one line: the Input inserts it
        event.stop()
        event.prevent_default()
        for line in whole:
            self.insert_text_at_cursor(line)
            self.on_key("enter", self.value)
        if rest:
            self.insert_text_at_cursor(rest)
