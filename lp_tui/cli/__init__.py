"""The ``lp-tui`` command: headless commands for scripts, and the apps for people.

One click group (``root.cli``); each command group lives in a module of its own and registers on
it when imported, which happens when one of its commands is asked for (``OneLineGroup.lazy``).
Every command validates its input before it writes anything; bad input exits 2 with one line on
stderr naming the file, row and field where there is one.
"""

from __future__ import annotations

from lp_tui.cli.common import Context, OneLineGroup
from lp_tui.cli.root import cli

# Each command's module, imported when the command is asked for (``lp-tui coach`` imports
# apps.py only; --help imports them all). Every module registers its commands on ``cli``.
OneLineGroup.lazy = {
    "agenda": "agenda",
    "run": "apps",
    "coach": "apps",
    "clock": "apps",
    "demo": "apps",
    "cohort": "cohort",
    "doctor": "doctor",
    "followup": "followup",
    "forget": "forget",
    "lessons": "lessons",
    "observe": "observe",
    "ratings": "ratings",
    "export": "records",
    "import": "records",
    "roster": "roster",
    "rotations": "rotations",
    "self-assessment": "self_assessment",
    "sheets": "sheets",
    "ssh-setup": "ssh",
    "tables": "tables",
}

__all__ = ["Context", "cli", "main"]


def main() -> None:
    cli(prog_name="lp-tui")
