"""Textual apps and screens of lp-tui."""
