"""A high-contrast theme for screen magnifiers and low vision: black, white and bright yellow."""

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="lp-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffaa00",
    error="#ff5555",
    dark=True,
)
