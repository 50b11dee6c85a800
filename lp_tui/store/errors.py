"""The private error log: an unexpected error is written here, never to a screen.

A traceback can carry people's names and needs (health data), so it goes to
``lp-tui-errors.log`` beside the database, created 0600 (its folder's group may read the
database, not this), appended to, without local variables; the screen gets one line naming
the log. Writing the log can itself fail (a full disk): then the line says so and nothing else.
"""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime
from pathlib import Path

LOG_NAME = "lp-tui-errors.log"


def log_path(database: Path) -> Path:
    return database.resolve().parent / LOG_NAME


def log_error(database: Path, error: BaseException, where: str) -> Path | None:
    """Append ``error`` (type, message, stack of file:line, no locals) to the private log; the
    log's path, or None when it could not be written."""
    path = log_path(database)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    text = f"--- {stamp} {where}\n{''.join(lines)}\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            log.write(text)
    except OSError:
        return None
    return path


def one_line(database: Path, error: BaseException, where: str) -> str:
    """What a person sees: no data, where the details went."""
    logged = log_error(database, error, where)
    kind = type(error).__name__
    if logged is None:
        return f"unexpected error ({kind}); the error log could not be written either"
    return f"unexpected error ({kind}); the details are in {logged} (readable by you only)"
