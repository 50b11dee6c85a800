"""The ``lp-tui`` command: headless commands for scripts, and the apps for people.

One click group (``root.cli``); each command group lives in a module of its own and registers on
it when imported here. Every command validates its input before it writes anything; bad input
exits 2 with one line on stderr naming the file, row and field where there is one.
"""

from __future__ import annotations

from lp_tui.cli import (  # noqa: F401  (each registers its commands on the group)
    agenda,
    apps,
    cohort,
    doctor,
    followup,
    forget,
    lessons,
    observe,
    ratings,
    records,
    roster,
    rotations,
    self_assessment,
    sheets,
    ssh,
    tables,
)
from lp_tui.cli.common import Context
from lp_tui.cli.root import cli

__all__ = ["Context", "cli", "main"]


def main() -> None:
    cli(prog_name="lp-tui")
