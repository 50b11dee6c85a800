"""The private error log: an unexpected error is written here, never to a screen.

A traceback can carry people's names and needs (health data), so it goes to
``lp-tui-errors.log`` beside the database, 0600 whatever the umask (its folder's group may read
the database, not this), appended to, without local variables; the screen gets one line naming
the log. Writing the log can itself fail (a full disk): then the line says so and nothing else.

The database's folder may be shared by two accounts (the facilitator's and the one coaches log
in to), but a log never is: ``lp-tui-errors.log`` belongs to the account that made it first, and
any other account writes ``lp-tui-errors-<user>.log`` beside it instead (also 0600). So no
account is ever locked out of logging by another's log, nor reads another's errors.
"""

from __future__ import annotations

import os
import pwd
import re
import traceback
from datetime import UTC, datetime
from pathlib import Path

LOG_NAME = "lp-tui-errors.log"


def log_path(database: Path) -> Path:
    """The log this account writes: ``lp-tui-errors.log``, unless another account owns it."""
    shared = database.resolve().parent / LOG_NAME
    try:
        owner = os.lstat(shared).st_uid
    except OSError:
        return shared
    return shared if owner == os.geteuid() else own_log_path(database)


def own_log_path(database: Path) -> Path:
    """This account's own log beside the database, ``lp-tui-errors-<user>.log``."""
    try:
        user = pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        user = str(os.geteuid())
    user = re.sub(r"[^A-Za-z0-9._-]", "_", user)
    return database.resolve().parent / f"lp-tui-errors-{user}.log"


def log_error(database: Path, error: BaseException, where: str) -> Path | None:
    """Append ``error`` (type, message, stack of file:line, no locals) to the private log; the
    log's path, or None when it could not be written."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    text = f"--- {stamp} {where}\n{''.join(lines)}\n"
    path = log_path(database)
    try:
        _append(path, text)
    except PermissionError:
        # Another account made the shared log just now (it is theirs alone): keep our own.
        path = own_log_path(database)
        try:
            _append(path, text)
        except OSError:
            return None
    except OSError:
        return None
    return path


def _append(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
    # backslashreplace: a log line never fails to be written (text that is not UTF-8 in it)
    with os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace") as log:
        if os.fstat(fd).st_uid == os.geteuid():
            os.fchmod(fd, 0o600)
        log.write(text)


def one_line(database: Path, error: BaseException, where: str) -> str:
    """What a person sees: no data, where the details went."""
    logged = log_error(database, error, where)
    kind = type(error).__name__
    if logged is None:
        return f"unexpected error ({kind}); the error log could not be written either"
    return f"unexpected error ({kind}); the details are in {logged} (readable by you only)"
