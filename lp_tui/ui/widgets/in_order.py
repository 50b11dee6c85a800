"""Text fields that take every key in the order it was typed.

Textual's Input and TextArea insert a typed character as soon as they read its key, but run
their own editing keys (backspace, delete, the arrows, home and end, ctrl+u, ctrl+w...) as
bindings, once the key has bubbled up through every parent to the app. Keys that arrive
together (a quick typist, a loaded laptop, a burst over SSH) overtake that detour: "sio", three
backspaces, "wojc" left "siow" in the people search. Here a field runs its own binding for a key
in its own turn, as it reads the key, so each edit applies to exactly what was typed before it.
A key the field has no binding for goes on as before (to the screen's and the app's bindings).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.containers import ScrollableContainer
from textual.widget import Widget
from textual.widgets import Input, TextArea

from lp_tui.ui.widgets.quiet_keys import quiet


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run ``widget``'s own (not priority) binding of the key now; True when one acted.

    The widget is the first place the app looks for a binding of a key typed into it, so
    what acts is what would have acted once the key had bubbled up, only sooner. (Priority
    bindings ran before the key reached the widget.)"""
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()  # not the Input's own handler, not the app's bindings
            return True
    return False


class InOrderInput(Input):
    """An Input that runs its editing keys in typing order (they stay out of the keys panel)."""

    BINDINGS: ClassVar[list[BindingType]] = quiet(ScrollableContainer.BINDINGS, Input.BINDINGS)

    async def _on_key(self, event: events.Key) -> None:
        await run_own_binding(self, event)


class EntryInput(InOrderInput):
    """An InOrderInput for a run of entries: enter submits what was typed before it and empties
    the box in the same turn, so "Alpha one⏎Beta two⏎" typed in one burst is two entries (the
    screen that empties the box when it hears of the first would take the second's letters
    with it, or join them to the first)."""

    async def action_submit(self) -> None:
        await super().action_submit()  # the message holds the value as it is now
        self.clear()


class InOrderTextArea(TextArea):
    """A TextArea that runs its editing keys in typing order (they stay out of the keys panel)."""

    BINDINGS: ClassVar[list[BindingType]] = quiet(ScrollableContainer.BINDINGS, TextArea.BINDINGS)

    async def _on_key(self, event: events.Key) -> None:
        await run_own_binding(self, event)
