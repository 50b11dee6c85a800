"""lp-tui: runs live training days for the Effective Lay Partner programme."""

__version__ = "0.1.0"
