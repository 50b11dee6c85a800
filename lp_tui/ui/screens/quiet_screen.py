"""A full screen of lp-tui's whose keys panel (f1) starts with the screen's own keys."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.screen import Screen

from lp_tui.ui.widgets.quiet_keys import quiet


class QuietScreen(Screen[None]):
    """Textual's screen keys (tab and shift+tab between fields, ctrl+c to copy) work as before
    and are kept out of the keys panel: at 80x24 they took its first six lines, before the
    screen's own keys, and pushed the keys that switch screens below its fold."""

    BINDINGS: ClassVar[list[BindingType]] = quiet(Screen.BINDINGS)
