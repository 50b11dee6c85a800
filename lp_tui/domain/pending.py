"""Writes waiting to land: the changes an app made that the store has not accepted yet.

A write that fails (a full disk, no permission, a read-only folder, an I/O error) is kept, in
the order made, and tried again; a later change waits behind it, so records land in the order
they were made. Only the first change is ever being written; once the store accepts it, the
next one goes. What a person sees about them (the banner's words) is made here too.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Generic, TypeVar

Change = TypeVar("Change")

RETRY_SECONDS = 5
WHAT_WIDTH = 160


@dataclass(frozen=True)
class Pending(Generic[Change]):
    """One change waiting: what it does (for the store), what it is (in words for a person),
    and what to say once it has landed."""

    change: Change
    what: str = ""
    saved: str = ""


class WriteQueue(Generic[Change]):
    """Changes in the order made; the first is the one being written or to be tried next."""

    def __init__(self) -> None:
        self._waiting: deque[Pending[Change]] = deque()
        self.problem = ""  # why the first change did not land, "" while none failed

    def __len__(self) -> int:
        return len(self._waiting)

    def __bool__(self) -> bool:
        return bool(self._waiting)

    def add(self, change: Change, what: str = "", saved: str = "") -> Pending[Change]:
        pending = Pending(change, what, saved)
        self._waiting.append(pending)
        return pending

    def first(self) -> Pending[Change] | None:
        return self._waiting[0] if self._waiting else None

    def landed(self) -> Pending[Change]:
        """The first change is in the store: the next one is first now. Once none is left
        waiting, nothing is wrong any more."""
        pending = self._waiting.popleft()
        if not self._waiting:
            self.problem = ""
        return pending

    def refused(self) -> Pending[Change]:
        """The store refused the first change for good (a rule, not a fault): it is dropped."""
        return self.landed()

    def failed(self, problem: str) -> None:
        """The first change did not land; it stays first, to be tried again."""
        self.problem = problem

    @property
    def failing(self) -> bool:
        """Changes are waiting because a write failed (not merely in flight)."""
        return bool(self._waiting) and bool(self.problem)

    def whats(self) -> list[str]:
        return [p.what for p in self._waiting if p.what]


def changes_words(count: int) -> str:
    return "1 change" if count == 1 else f"{count} changes"


def cause_of(problem: str) -> str:
    """The cause in a store's one-line message "<path>: not saved: <cause>" (or the whole
    message when it has another shape)."""
    _, sep, cause = problem.rpartition(": not saved: ")
    return cause if sep and cause else problem


def file_of(problem: str) -> str:
    """The file in "<path>: not saved: <cause>", or "" when the message names none."""
    head, sep, _ = problem.rpartition(": not saved: ")
    return head if sep else ""


def short(text: str, width: int = WHAT_WIDTH) -> str:
    """One line of at most ``width`` characters (an ellipsis where cut)."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def banner_lines(
    count: int, problem: str, whats: list[str], retry_seconds: int = RETRY_SECONDS, key: str = ""
) -> list[str]:
    """What the banner says while changes wait: how many and which, why, and what happens."""
    if not count:
        return []
    lines = [f"Not saved: {changes_words(count)} waiting — {cause_of(problem)}"]
    if whats:  # the first and the latest in full (with what was typed), the others counted
        shown = short(whats[0])
        if len(whats) > 2:
            shown += f"; {len(whats) - 2} more"
        if len(whats) > 1:
            shown += f"; then {short(whats[-1])}"
        lines.append(f"Kept until saved: {shown}")
    retry = f"Retrying every {retry_seconds} s" + (f" · {key} retries now" if key else "")
    where = file_of(problem)
    lines.append(retry + (f" · {where}" if where else ""))
    return lines


def quit_question(count: int) -> str:
    return f"Quit with {changes_words(count)} not saved?"


def quit_detail(count: int, problem: str) -> str:
    them = "it is" if count == 1 else "they are"
    if not problem:
        return (
            f"{changes_words(count).capitalize()} still being written; {them} lost if you quit now."
        )
    return (
        f"{changes_words(count).capitalize()} could not be written ({cause_of(problem)}); "
        f"{them} lost if you quit now. Free some space or fix the folder, then wait for "
        "the banner to go."
    )
