"""Each command's module is imported when the command is asked for: the map says where every
command lives, and opening an app imports no other command's module (nor the exports)."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import click

import lp_tui.cli
from lp_tui.cli import cli
from lp_tui.cli.common import OneLineGroup

OWN = {"__init__", "__main__", "common", "root"}  # the group itself, not commands


def every_command_module() -> list[str]:
    return [info.name for info in pkgutil.iter_modules(lp_tui.cli.__path__) if info.name not in OWN]


def test_every_command_is_in_the_lazy_map_under_its_own_module() -> None:
    for name in every_command_module():
        importlib.import_module(f"lp_tui.cli.{name}")
    assert set(cli.commands) == set(OneLineGroup.lazy)
    for command_name, command in cli.commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == f"lp_tui.cli.{OneLineGroup.lazy[command_name]}"


def test_every_module_in_the_map_registers_a_command() -> None:
    assert set(OneLineGroup.lazy.values()) == set(every_command_module())


def test_help_lists_every_command() -> None:
    with click.Context(cli) as context:
        listed = cli.list_commands(context)
    assert listed == sorted(OneLineGroup.lazy)


def test_asking_for_an_app_imports_no_other_command() -> None:
    script = (
        "import sys\n"
        "import click\n"
        "from lp_tui.cli import cli\n"
        "for name in ('coach', 'clock', 'run'):\n"
        "    assert cli.get_command(click.Context(cli), name) is not None\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('lp_tui.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    )
    loaded = set(done.stdout.split())
    assert "lp_tui.cli.apps" in loaded
    others = {f"lp_tui.cli.{name}" for name in every_command_module()} - {"lp_tui.cli.apps"}
    assert not loaded & others
    assert not {name for name in loaded if name.startswith(("lp_tui.export", "lp_tui.ui"))}


def test_an_unknown_command_is_still_refused() -> None:
    with click.Context(cli) as context:
        assert cli.get_command(context, "no-such-command") is None


def every_help(command: click.Command, path: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each command's --help as click prints it, the group's and every subcommand's."""
    context = click.Context(command, info_name=" ".join(path))
    found = [(" ".join(path), command.get_help(context))]
    if isinstance(command, click.Group):
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None
            found += every_help(sub, (*path, name))
    return found


def test_help_is_plain_text_without_markup_backticks() -> None:
    helps = every_help(cli, ("lp-tui",))
    assert len(helps) > len(OneLineGroup.lazy)  # the groups' subcommands too
    for name, text in helps:
        assert "`" not in text, (name, [line for line in text.splitlines() if "`" in line])
