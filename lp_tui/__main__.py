"""Where a process of lp-tui begins: the ``lp-tui`` command and ``python -m lp_tui``.

The cycle collector is held before anything is imported (see lp_tui/startup.py)."""

from __future__ import annotations

from lp_tui import startup


def main() -> None:
    startup.hold()
    from lp_tui.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
