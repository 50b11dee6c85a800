"""Textual's footer, rebuilt only when the keys it shows have changed.

Textual's ``Footer`` removes and re-mounts every key each time its screen's bindings are
refreshed: on every focus change, every screen pushed or popped, every ``refresh_bindings``.
Most of those leave the keys as they were, yet each costs a full restyle of every key (a
screen's start rebuilt its footer three times). This footer composes its keys at once (Textual's
composes nothing until the screen's bindings first change, then composes again), and later
compares what it would show with what it shows and rebuilds only on a difference: a screen
whose keys are as they were at compose (most are) composes its footer once.

Its keys are packed as Textual's compact footer packs them ("n Next", one space between keys)
so that each screen's keys, f1 and ^p fit in 80 columns; each key is made compact before it is
mounted, so it is styled once rather than three times (plain, compact, then bound to the
footer's setting).
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A compact ``Footer`` that recomposes only when its keys (or their state) change."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._shown: Hashable = None

    def compose(self) -> ComposeResult:
        # The keys are there from the first compose: Textual's footer composes nothing until
        # its screen's bindings first change, then composes again.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys_shown()
        for widget in super().compose():
            if hasattr(type(widget), "compact"):  # a key (Textual's FooterKey)
                widget.set_class(True, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown == self._shown and self.children:
            return  # the keys shown are the keys to show
        self._shown = None  # until the new keys are mounted
        await self.recompose()
        if self.is_attached and self.children:
            self._shown = shown

    def _keys_shown(self) -> Hashable:
        """Everything ``Footer.compose`` reads: each shown binding with its key, words, state
        and group, and the command palette's key."""
        app = self.app
        active = self.screen.active_bindings
        keys = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
                id(binding.group) if binding.group is not None else None,
            )
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        if palette is not None:
            _, binding, enabled, tooltip = palette
            palette = (binding.key, app.get_key_display(binding), enabled, tooltip)
        return (keys, palette, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)
