"""What every command shares: the database and cohort options, one-line failures, look-ups."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import click

from lp_tui.domain.clock import Clock, SystemClock, iso, local_zone
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.live_day import LiveDay, latest
from lp_tui.domain.lookup import NotFound, find, only_or_named
from lp_tui.domain.model import Cohort, Person, Role, new_id
from lp_tui.domain.people import named, whole_name
from lp_tui.domain.programme import DayPlan, ProgrammeError
from lp_tui.domain.text import control_character, shown
from lp_tui.store import files
from lp_tui.store.errors import one_line
from lp_tui.store.repo import Repo, Snapshot
from lp_tui.store.storage import StoreError, StoreWriteError

DEFAULT_DB = Path("data") / "lp-tui.json"
PROGRAMME = "effective-lay-partner"
EXIT_BAD_INPUT = 2
EXIT_FAILED = 1

# Errors whose message is already the one line a person needs.
_ONE_LINE_ERRORS = (InputError, ProgrammeError, StoreError, NotFound)


class Failure(click.ClickException):
    """Bad input or a refused write: exit 2, one line."""

    exit_code = EXIT_BAD_INPUT


ACTIVE: list[Context] = []


@dataclass
class Context:
    """What every command gets: the database and cohort asked for, and the clock."""

    db_option: str | None
    cohort_option: str | None
    clock: Clock = field(default_factory=SystemClock)

    def __post_init__(self) -> None:
        ACTIVE[:] = [self]  # the command's context, for the error log should it fail

    @property
    def db_path(self) -> Path:
        return Path(self.db_option or os.environ.get("LP_TUI_DB") or DEFAULT_DB)

    def repo(self) -> Repo:
        return Repo(self.db_path)

    def cohort(self, snapshot: Snapshot, wanted: str | None = None) -> Cohort:
        cohorts = snapshot.cohorts()
        if not cohorts:
            raise Failure("there is no cohort yet (lp-tui cohort create NAME, or lp-tui demo)")
        return only_or_named(cohorts, wanted or self.cohort_option, "cohort")

    def cohort_day(
        self, snapshot: Snapshot, wanted: str | None, day: int
    ) -> tuple[Cohort, DayPlan]:
        """The cohort, checked to have that day, and the day's plan from its programme."""
        target = self.cohort(snapshot, wanted)
        check_day(target, day)
        return target, files.load_programme(target.programme).day(day)

    def day_or_live(self, snapshot: Snapshot, cohort: Cohort, day: int | None) -> int:
        """``--day`` when given (checked); else the live day, the one the facilitator runs."""
        if day is not None:
            check_day(cohort, day)
            return day
        today = self.clock.now().astimezone(local_zone()).date()
        return snapshot.live_day(cohort, files.load_programme(cohort.programme), today)

    def open_day(self, repo: Repo, snapshot: Snapshot, cohort: Cohort, day: int) -> None:
        """The facilitator opened ``day``: it becomes the live day (stored once, not again
        while it already is)."""
        standing = latest(snapshot.live_days(cohort.id), list(cohort.days))
        if standing is None or standing.day != day:
            repo.add_live_day(LiveDay(new_id(), cohort.id, day, iso(self.clock.now())))


pass_context = click.make_pass_decorator(Context)


def plain_text(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A click callback for an option or argument that takes a person's text (a name, a
    note): one with a control character (ESC, NUL, C1, a bidi override) is refused, naming
    the option; such text could clear or rewrite the screen of whoever reads it later."""
    if isinstance(value, str) and (bad := control_character(value)):
        name = param.opts[0] if isinstance(param, click.Option) else param.human_readable_name
        raise Failure(f"{name}: holds a control character ({bad}); names and notes are plain text")
    return value


def cohort_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--cohort`` after the command too, as well as before it."""
    return click.option(
        "--cohort",
        "cohort_name",
        metavar="NAME_OR_ID",
        help="Which cohort (name or id).",
        callback=plain_text,
    )(command)


@cache
def programme_days() -> str:
    """The days of each programme in sessions/, e.g. '1-3 in effective-lay-partner'."""
    keys = sorted({path.stem for folder in files.sessions_dirs() for path in folder.glob("*.toml")})
    ranges = []
    for key in keys:
        try:
            numbers = [day.number for day in files.load_programme(key).days]
        except (ProgrammeError, InputError):
            continue
        if numbers:
            ranges.append(f"{min(numbers)}-{max(numbers)} in {key}")
    return "; ".join(ranges) or "1 and up"


class DayOption(click.Option):
    """``--day``, whose help names the programmes' days, read only when help is shown."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = f"Programme day ({programme_days()}).{self.help_tail}"
        return super().get_help_record(ctx)

    help_tail = ""


class FollowingDayOption(DayOption):
    help_tail = " Without it: the live day, the one the facilitator runs."


def day_option(required: bool = True, *, follows: bool = False) -> Callable[..., Any]:
    """``--day N``; with ``follows``, leaving it out means the live day."""
    return click.option(
        "--day",
        type=click.IntRange(min=1),
        required=required,
        cls=FollowingDayOption if follows else DayOption,
        help="Programme day.",
    )


class OneLineGroup(click.Group):
    """A click group whose every failure is one line on stderr and exit 2.

    Its commands may be ``lazy``: a command's module (under lp_tui.cli) is imported when that
    command is asked for, so opening an app does not import every other command's."""

    lazy: ClassVar[dict[str, str]] = {}

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            import_module(f"lp_tui.cli.{self.lazy[cmd_name]}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in sorted(set(self.lazy.values())):
            import_module(f"lp_tui.cli.{module}")
        return super().list_commands(ctx)

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.Abort:
            click.echo("lp-tui: aborted", err=True)
            sys.exit(1)
        except click.ClickException as error:
            _fail_line(error.format_message(), error.exit_code)
        except StoreWriteError as error:  # nothing saved (a full disk...): not bad input
            _fail_line(str(error), EXIT_FAILED)
        except _ONE_LINE_ERRORS as error:
            _fail_line(str(error), EXIT_BAD_INPUT)
        except OSError as error:  # a full disk, a read-only folder, no permission
            where = error.filename or "lp-tui"
            _fail_line(f"{where}: {error.strerror or error}", EXIT_FAILED)
        except Exception as error:  # a bug: the details go to the private log, not the screen
            _fail_line(one_line(_database_in_use(), error, " ".join(sys.argv)), EXIT_FAILED)


def _database_in_use() -> Path:
    """The database of the command that failed (as --db, $LP_TUI_DB or the default say)."""
    return ACTIVE[-1].db_path if ACTIVE else Context(None, None).db_path


def _fail_line(message: str, code: int) -> NoReturn:
    # one line, and nothing in it (a file name, a value quoted) reaches the terminal raw
    click.echo(f"lp-tui: {shown(' '.join(message.split()))}", err=True)
    sys.exit(code)


def check_day(cohort: Cohort, day: int | None) -> None:
    if day is not None and day not in cohort.days:
        raise Failure(f"--day {day}: cohort {cohort.name!r} has days 1 to {len(cohort.dates)}")


def coach_named(people: list[Person], wanted: str, option: str) -> Person:
    """The coach ``wanted`` names: an id or a whole name first, as ``person_named`` (it wins
    over any partial match, and is refused when it is not a coach's, however partly it names a
    coach); else the one coach whose name matches it in part, as the app's search does
    ("anjali" for "Dr Anjali Rao"; case and accents ignored). Only coaches are matched in
    part, so it never picks anyone else; when several coaches match it is refused, naming
    them; when none, refused as a name nobody has."""
    text = " ".join(wanted.split())
    folded = whole_name(text)
    if not any(p.id == text or whole_name(p.name) == folded for p in people):
        coaches = named([p for p in people if p.role is Role.COACH], text)
        if len(coaches) == 1:
            return coaches[0]
        if coaches:
            names = ", ".join(repr(p.name) for p in coaches)
            raise Failure(
                f"{option}: {len(coaches)} coaches match {wanted!r} ({names}); give more of "
                "the name"
            )
        others = named(people, text)  # a name in part, of nobody who coaches: say whose
        if others:
            whose = "; ".join(f"{p.name!r} is a {p.role.value}" for p in others[:3])
            more = f"; and {len(others) - 3} more" if len(others) > 3 else ""
            raise Failure(f"{option}: no coach called {wanted!r} ({whose}{more})")
    return person_named(people, wanted, option, Role.COACH)


def person_named(people: list[Person], wanted: str, option: str, *roles: Role) -> Person:
    try:
        person = find(people, wanted, "person")
    except NotFound as error:
        raise Failure(f"{option}: {error}") from None
    if person.role not in roles:
        allowed = " or ".join(r.value for r in roles)
        raise Failure(f"{option}: {person.name!r} is a {person.role.value}, not a {allowed}")
    return person
