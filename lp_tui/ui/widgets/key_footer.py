"""The screen's keys on the bottom line, drawn by one widget.

Textual's ``Footer`` mounts a widget for every key (two styles each, on nodes of their own) and
mounts them all again whenever its screen's bindings are refreshed: on every focus change,
every screen pushed or popped. A screen of this app shows about twenty keys, and restyling,
laying out and drawing them was an eighth of the cost of opening a screen, again as each
dialog closed. This footer is one widget that draws one line: the keys packed as Textual's
compact footer packs them ("n Next", one space between keys), in its colours, f1 among them,
and the palette's key (^p) at the right edge behind a thin bar. It works out what to show when
the bindings change and draws again only when that differs.

As on Textual's footer, a key the screen cannot act on now is dimmed; a click on a key presses
it (or rings, when dimmed); the key under the mouse is lit and shows its tooltip. Keys that do
not fit before the palette's key are cut there (Textual's footer scrolled them under the mouse
wheel): every screen's keys fit in 80 columns while the keys panel (f1) is closed, and every
key is in that panel and in the palette.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from lp_tui.domain.columns import key_places

if TYPE_CHECKING:
    from textual.screen import Screen

BAR = "▏"  # the thin bar before the palette's key, as Textual's footer draws it ("vkey")


@dataclass(frozen=True)
class FooterItem:
    """One key as the footer shows it."""

    key: str  # the key pressed on a click
    shown: str  # the key as the footer writes it ("space", "^p")
    description: str
    action: str
    enabled: bool
    tooltip: str

    @property
    def width(self) -> int:
        """Cells on screen: the key, and a space and the words after it."""
        return cell_len(self.shown) + (1 + cell_len(self.description) if self.description else 0)


@dataclass(frozen=True)
class FooterLine:
    """What the footer shows: its keys from the left, and the palette's key at the right."""

    keys: tuple[FooterItem, ...]
    palette: FooterItem | None


@dataclass(frozen=True)
class Placed:
    """A key where the footer draws it: from ``x``, ``width`` cells (cut at the palette's
    bar), ``width == 0`` where it is not shown at all; the palette's key has its ``bar``."""

    item: FooterItem
    x: int
    width: int
    bar: int = 0

    @property
    def whole(self) -> bool:
        return self.width == self.bar + self.item.width


def footer_line(screen: Screen[object]) -> FooterLine:
    """The keys ``screen`` shows now, as Textual's footer picks them: each shown binding of
    its active bindings, the first for each action, in their order; the palette's key apart."""
    app = screen.app
    active = screen.active_bindings
    seen: set[str] = set()
    keys: list[FooterItem] = []
    for _, binding, enabled, tooltip in active.values():
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        keys.append(_item(app.get_key_display(binding), binding, enabled, tooltip))
    palette = None
    if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
        _, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
        shown = app.get_key_display(binding)
        palette = _item(shown, binding, enabled, binding.tooltip or binding.description)
    return FooterLine(tuple(keys), palette)


def _item(shown: str, binding: Binding, enabled: bool, tooltip: str) -> FooterItem:
    return FooterItem(binding.key, shown, binding.description, binding.action, enabled, tooltip)


def place(line: FooterLine, width: int) -> tuple[list[Placed], Placed | None]:
    """Where each key of ``line`` goes on a line ``width`` cells wide (key_places)."""
    palette = line.palette
    keys, bar = key_places(
        [item.width for item in line.keys], width, None if palette is None else palette.width
    )
    placed = [Placed(item, at.x, at.width) for item, at in zip(line.keys, keys, strict=True)]
    if palette is None or bar is None:
        return placed, None
    return placed, Placed(palette, bar.x, bar.width, bar=bar.bar)


class KeyFooter(Widget, can_focus=False):
    """One line of the screen's keys, drawn again only when they change."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--bar",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        &:hover {
            pointer: pointer;
        }
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .key-footer--bar {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.line = FooterLine((), None)
        self._hover: str | None = None  # the key under the mouse

    def on_mount(self) -> None:
        self.line = footer_line(self.screen)
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # as Textual's footer: not while the terminal window has lost the focus (the keys that
        # need a focused widget would go, and come back with the focus)
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            self.call_after_refresh(self._show_keys)

    def _show_keys(self) -> None:
        if not self.is_attached:
            return
        line = footer_line(self.screen)
        if line != self.line:  # most changes of the bindings leave the keys as they were
            self.line = line
            self.refresh()

    # ------------------------------------------------------------------ drawing
    def placed(self) -> tuple[list[Placed], Placed | None]:
        """The keys where this footer draws them now."""
        return place(self.line, self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y or not width:
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        gap = Style.from_color(bgcolor=base.bgcolor)  # between keys: the footer's background
        # the key's and the words' own colours, over the footer's (or the lit key's) background
        key = self.get_component_rich_style("key-footer--key", partial=True)
        words = self.get_component_rich_style("key-footer--description", partial=True)
        hover = self.get_component_rich_style("key-footer--hover")
        keys, palette = self.placed()
        segments: list[Segment] = []
        x = 0
        for spot in [*keys, *([palette] if palette else [])]:
            if not spot.width:
                continue  # a key past the palette's bar
            if spot.x > x:
                segments.append(Segment(" " * (spot.x - x), gap))
            if spot.bar:
                bar = self.get_component_rich_style("key-footer--bar")
                segments.append(Segment(BAR, base + Style(color=bar.color)))
            drawn = self._key_segments(spot.item, base, key, words, hover)
            segments.extend(Segment.adjust_line_length(drawn, spot.width - spot.bar, base))
            x = spot.x + spot.width
        if x < width:
            segments.append(Segment(" " * (width - x), gap))
        return Strip(segments, width).simplify()

    def _key_segments(
        self, item: FooterItem, base: Style, key: Style, words: Style, hover: Style
    ) -> list[Segment]:
        under = base + hover if item.key == self._hover else base
        if not item.enabled:
            under += Style(dim=True)
        drawn = [Segment(item.shown, under + key)]
        if item.description:
            drawn.append(Segment(" " + item.description, under + words))
        return drawn

    # ------------------------------------------------------------------ the mouse
    def _item_at(self, x: int) -> FooterItem | None:
        keys, palette = self.placed()
        for spot in [*keys, *([palette] if palette else [])]:
            if spot.width and spot.x <= x < spot.x + spot.width:
                return spot.item
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_on(self._item_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover_on(None)

    def _hover_on(self, item: FooterItem | None) -> None:
        key = item.key if item is not None else None
        if key != self._hover:
            self._hover = key
            self.tooltip = item.tooltip if item is not None and item.tooltip else None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
