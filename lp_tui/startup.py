"""Python's cycle collector, held while a process of lp-tui starts.

A start makes tens of thousands of objects that live as long as the process: modules, record
classes, styles, widgets. The cycle collector walks them again and again as they are made: at a
facilitator's start, one full pass took about 25 ms and 150 smaller ones as much again, for
almost nothing to collect. So the entry point (lp_tui/__main__.py) holds the collector; it is
released once the start is over: by an app when its first screen is up, by any other command
as soon as it is chosen. Releasing freezes what exists then (``gc.freeze``), so later passes
walk only what is made after: the ticks and reads of a day, not the modules.

The hold also gives Python's dataclasses the code it compiled at earlier starts
(lp_tui/code_cache.py), for as long as the start lasts.

Only a process that ``hold`` was called in is touched: tests that open apps, and anything that
imports lp_tui as a library, keep the collector and ``dataclasses`` as they had them.
"""

from __future__ import annotations

import gc

from lp_tui import code_cache

_held = False


def hold() -> None:
    """Stop cyclic collection until ``release`` (if it is running); kept code for dataclasses."""
    global _held
    code_cache.start()
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """End the hold, if there is one: what exists now is kept out of later passes."""
    global _held
    code_cache.stop()
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def held() -> bool:
    return _held
