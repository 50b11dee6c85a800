"""Run inside an app's own process by bench/first_frame_bench.py: start the app, and when the
first frame of the app's own screen is drawn with its footer's keys, write the CPU time the
process has used (milliseconds, ``time.process_time``) to a file and end.

    python bench/first_frame_probe.py OUT bare
    python bench/first_frame_probe.py OUT -- LP-TUI ARGUMENTS...

It imports nothing more than an app does (os, sys, time and pathlib come with any start), and
an lp-tui app holds the cycle collector first, as lp_tui/__main__.py does.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def watch_frames(out: Path) -> None:
    from textual.screen import Screen

    drawn = Screen._compositor_refresh

    def refresh(screen: Screen[object]) -> None:
        drawn(screen)
        # The app's own screen (not the empty one Textual shows before it), its footer whole.
        # The footer's module only if the app imported it (the projector has no footer).
        footer = sys.modules.get("textual.widgets._footer")
        footers = screen.query(footer.Footer) if footer is not None else ()
        if screen.children and all(each.children for each in footers):
            out.write_text(f"{time.process_time() * 1000:.3f}\n")
            os._exit(0)

    Screen._compositor_refresh = refresh  # type: ignore[method-assign]


def main() -> None:
    out, *args = sys.argv[1:]
    if args == ["bare"]:
        watch_frames(Path(out))
        import start_bench  # the bare app's own start: bench/start_bench.py, run as a script

        start_bench.run_bare("still")
        return
    from lp_tui import startup

    startup.hold()
    watch_frames(Path(out))
    sys.argv = ["lp-tui", *args[1:]]  # after "--"
    from lp_tui.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
