"""lp_tui/startup.py: the entry point holds the cycle collector while a process starts; a
command that opens no app releases it before it runs, an app once its first screen is up, and
a release freezes what exists then. Each case runs in a process of its own: the collector is
the process's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_python(code: str, *, check: bool = True) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=check, timeout=60
    )
    return done.stdout.splitlines()[-1]


def test_hold_stops_the_collector_and_release_freezes_and_restarts_it() -> None:
    code = (
        "import gc\n"
        "from lp_tui import startup\n"
        "startup.hold()\n"
        "held = (gc.isenabled(), startup.held())\n"
        "startup.release()\n"
        "frozen = gc.get_freeze_count()\n"
        "startup.release()\n"  # a second release does nothing
        "print(held, gc.isenabled(), startup.held(), frozen > 0, gc.get_freeze_count() == frozen)"
    )
    assert run_python(code) == "(False, True) True False True True"


def test_a_collector_already_stopped_is_left_as_it_was() -> None:
    code = (
        "import gc\n"
        "from lp_tui import startup\n"
        "gc.disable()\n"
        "startup.hold()\n"
        "startup.release()\n"
        "print(gc.isenabled(), startup.held(), gc.get_freeze_count())"
    )
    assert run_python(code) == "False False 0"


def after_command(db: Path, *args: str) -> str:
    """Runs lp-tui's entry point with ``args`` and says, after it, whether the collector runs
    and whether anything was frozen."""
    code = (
        "import gc, sys\n"
        "from lp_tui.__main__ import main\n"
        f"sys.argv = ['lp-tui', '--db', {str(db)!r}, *{list(args)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('collector', gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    return run_python(code)


def test_a_command_that_opens_no_app_runs_with_the_collector(db_path: Path, demo) -> None:
    assert after_command(db_path, "agenda", "status", "--day", "1") == "collector True True"


def test_an_app_keeps_it_held_until_its_first_screen(db_path: Path, demo) -> None:
    # With no terminal the app never starts (lp-tui says so and exits 2): nothing released it.
    assert after_command(db_path, "run", "--day", "1") == "collector False False"


def test_the_commands_that_open_an_app_are_those_of_the_apps_module() -> None:
    from lp_tui.cli import OneLineGroup
    from lp_tui.cli.root import APP_COMMANDS

    apps = {name for name, module in OneLineGroup.lazy.items() if module == "apps"}
    assert {None, *apps} == APP_COMMANDS
