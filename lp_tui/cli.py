"""The ``lp-tui`` command: headless commands for scripts, and the apps for people.

Every command validates its input before it writes anything. Bad input exits 2 with one line on
stderr naming the file, row and field where there is one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click
import orjson

from lp_tui.domain.clock import Clock, SystemClock, iso, local_zone
from lp_tui.domain.csv_input import InputError
from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.lookup import NotFound, find, only_or_named
from lp_tui.domain.model import Cohort, Observation, Person, Role, Seating, new_id
from lp_tui.domain.programme import DayPlan, ProgrammeError
from lp_tui.domain.roster import parse_roster_csv
from lp_tui.domain.seating import allocate_day, history_before
from lp_tui.domain.timers import day_clock
from lp_tui.export import FORMATS, json_format
from lp_tui.store import files
from lp_tui.store.repo import Conflict, Repo, Snapshot
from lp_tui.store.storage import StoreError

DEFAULT_DB = Path("data") / "lp-tui.json"
PROGRAMME = "effective-lay-partner"
EXIT_BAD_INPUT = 2

# Errors whose message is already the one line a person needs.
_ONE_LINE_ERRORS = (InputError, ProgrammeError, StoreError, NotFound)


class Failure(click.ClickException):
    """Bad input or a refused write: exit 2, one line."""

    exit_code = EXIT_BAD_INPUT


@dataclass
class Context:
    db_option: str | None
    cohort_option: str | None
    clock: Clock = field(default_factory=SystemClock)

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
        _check_day(target, day)
        return target, files.load_programme(target.programme).day(day)


pass_context = click.make_pass_decorator(Context)


def cohort_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--cohort`` after the command too, as well as before it."""
    return click.option(
        "--cohort", "cohort_name", metavar="NAME_OR_ID", help="Which cohort (name or id)."
    )(command)


def day_option(required: bool = True) -> Callable[..., Any]:
    return click.option(
        "--day", type=click.IntRange(1, 9), required=required, help="Programme day (1-3)."
    )


class OneLineGroup(click.Group):
    """A click group whose every failure is one line on stderr and exit 2."""

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
        except _ONE_LINE_ERRORS as error:
            _fail_line(str(error), EXIT_BAD_INPUT)


def _fail_line(message: str, code: int) -> NoReturn:
    click.echo(f"lp-tui: {' '.join(message.split())}", err=True)
    sys.exit(code)


@click.group(cls=OneLineGroup, invoke_without_command=True)
@click.option(
    "--db", "db", metavar="PATH", help="Database file (else $LP_TUI_DB, else data/lp-tui.json)."
)
@click.option(
    "--cohort", "cohort", metavar="NAME_OR_ID", help="Which cohort, when there are several."
)
@click.version_option(package_name="lp-tui", prog_name="lp-tui")
@click.pass_context
def cli(ctx: click.Context, db: str | None, cohort: str | None) -> None:
    """lp-tui runs live training days for the Effective Lay Partner programme."""
    if isinstance(ctx.obj, Context):  # a caller (a test) brought its own clock
        ctx.obj.db_option = db or ctx.obj.db_option
        ctx.obj.cohort_option = cohort or ctx.obj.cohort_option
    else:
        ctx.obj = Context(db_option=db, cohort_option=cohort)
    if ctx.invoked_subcommand is None:
        ctx.invoke(run)


def _check_day(cohort: Cohort, day: int | None) -> None:
    if day is not None and day not in cohort.days:
        raise Failure(f"--day {day}: cohort {cohort.name!r} has days 1 to {len(cohort.dates)}")


def _launch(
    context: Context,
    cohort_name: str | None,
    day: int | None,
    *,
    app: str = "facilitator",
    bell: bool = True,
) -> None:
    repo = context.repo()
    cohort = context.cohort(repo.snapshot(), cohort_name)
    _check_day(cohort, day)
    programme = files.load_programme(cohort.programme)
    # Textual loads only when a screen is wanted.
    if app == "clock":
        from lp_tui.ui.clock import ClockApp as AppClass
    else:
        from lp_tui.ui.app import FacilitatorApp as AppClass  # type: ignore[assignment]
    AppClass(repo, cohort.id, programme, day=day, clock=context.clock, bell=bell).run()


def bell_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--no-bell", "no_bell", is_flag=True, help="No terminal bell at amber and at zero."
    )(command)


@cli.command()
@day_option(required=False)
@bell_option
@cohort_option
@pass_context
def run(
    context: Context, day: int | None, no_bell: bool = False, cohort_name: str | None = None
) -> None:
    """Open the facilitator's app."""
    _launch(context, cohort_name, day, bell=not no_bell)


@cli.command()
@click.option("--as", "coach_name", required=True, metavar="NAME", help="The coach (name or id).")
@day_option(required=False)
@cohort_option
@pass_context
def coach(context: Context, coach_name: str, day: int | None, cohort_name: str | None) -> None:
    """A table coach's view: their own table only, the live agenda, and observations."""
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    _check_day(target, day)
    person = _person(snapshot.people(target.id), coach_name, "--as", Role.COACH)
    programme = files.load_programme(target.programme)
    from lp_tui.ui.coach import CoachApp

    CoachApp(
        repo, target.id, programme, day=day, clock=context.clock, bell=False, coach_id=person.id
    ).run()


@cli.command()
@click.option("--db-path", "shown_db", help="The database the coaches' sessions use.")
@pass_context
def ssh_setup(context: Context, shown_db: str | None) -> None:
    """Print the steps and authorized_keys lines that let coaches in over SSH."""
    import shlex
    import shutil

    snapshot = context.repo().snapshot()
    target = context.cohort(snapshot)
    coaches = [p for p in snapshot.people(target.id) if p.role is Role.COACH]
    program = shutil.which("lp-tui") or f"{sys.executable} -m lp_tui"
    database = Path(shown_db or context.db_path).resolve()
    click.echo(SSH_STEPS.format(folder=shlex.quote(str(database.parent))))
    for person in sorted(coaches, key=lambda p: p.name):
        command = (
            f"{program} --db {shlex.quote(str(database))} coach --as {shlex.quote(person.name)}"
        )
        escaped = command.replace("\\", "\\\\").replace('"', '\\"')
        click.echo(f'restrict,pty,command="{escaped}" <{person.name}\'s public key>')


SSH_STEPS = """\
Coaches log in over SSH to this laptop; each key can only ever start that coach's view.

1. Install and start OpenSSH:  sudo apt-get install openssh-server
2. Give the coaches an account of their own, and share the database's folder with it through
   a group (the folder must be one both accounts can reach, e.g. /srv/lp-tui, not your home):
     sudo adduser --disabled-password --gecos "" lp-coach
     sudo usermod -p '*' lp-coach   (no password, yet not locked: sshd refuses locked ones)
     sudo groupadd lp-coaches
     sudo usermod -aG lp-coaches "$USER"; sudo usermod -aG lp-coaches lp-coach
     sudo chgrp -R lp-coaches {folder}
     sudo chmod -R g+rwX,o-rwx {folder}
     sudo find {folder} -type d -exec chmod g+s {{}} +
   Log out and in again so your account is in the group. lp-tui keeps the file's mode and
   group on every write, and keeps its backups where the group can write them too. Install
   lp-tui where lp-coach can run it too (a venv in /srv/lp-tui, say, not in a private home).
3. Put one line per coach in /home/lp-coach/.ssh/authorized_keys, with the coach's public key
   at the end. 'restrict' turns off forwarding; 'pty' gives them a screen; 'command' starts
   their view whatever command their ssh asks for:
"""


@cli.command()
@day_option(required=False)
@cohort_option
@pass_context
def clock(context: Context, day: int | None, cohort_name: str | None) -> None:
    """The projector's full-screen clock of the current item (read-only)."""
    _launch(context, cohort_name, day, app="clock", bell=False)


@cli.group()
def agenda() -> None:
    """The day's agenda and its clock."""


@agenda.command("status")
@day_option()
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@cohort_option
@pass_context
def agenda_status(context: Context, day: int, fmt: str, cohort_name: str | None) -> None:
    """The live clock of a day: current item, state, seconds remaining, planned and actual."""
    from lp_tui.export.agenda_status import status_document, status_text

    snapshot = context.repo().snapshot()
    target, plan = context.cohort_day(snapshot, cohort_name, day)
    clock_now = day_clock(
        plan,
        snapshot.agenda_events(target.id, day),
        context.clock.now(),
        day_date=target.date_of(day),
        tz=local_zone(),
    )
    if fmt == "json":
        click.echo(orjson.dumps(status_document(clock_now)).decode())
    else:
        click.echo(status_text(clock_now, local_zone()))


@cli.command()
@click.option("--no-launch", is_flag=True, help="Only write the demo cohort; open no app.")
@click.option(
    "--with-activity",
    is_flag=True,
    help="Also write a full run of its days (check-in, tables, agenda, rotations, feedback, "
    "forms, follow-up), to try the screens and the exports.",
)
@pass_context
def demo(context: Context, no_launch: bool, with_activity: bool) -> None:
    """Write a demo cohort (if the database has none) and open the facilitator's app."""
    repo = context.repo()
    programme = files.load_programme(PROGRAMME)
    snapshot = repo.snapshot()
    if snapshot.cohorts():
        cohort = snapshot.cohorts()[0]
        click.echo(f"{repo.path}: already holds cohort {cohort.name!r}; nothing written", err=True)
    else:
        cohort, people = demo_cohort(iso(context.clock.now()), programme.key)
        repo.add_cohort(cohort, people)
        said = f"{repo.path}: wrote demo cohort {cohort.name!r} with {len(people)} people"
        if with_activity:
            from lp_tui.domain.demo_day import demo_activity

            activity = demo_activity(cohort, people, programme)
            repo.add_activity(activity)
            said += f" and {activity.count} records of its days"
        click.echo(said, err=True)
    if not no_launch:
        _launch(context, cohort.id, None)


@cli.group()
def cohort() -> None:
    """Cohorts: one run of a programme."""


@cohort.command("create")
@click.argument("name")
@click.option(
    "--programme", default=PROGRAMME, show_default=True, help="Programme file in sessions/."
)
@click.option("--dates", metavar="D1,D2,D3", help="The days' dates, YYYY-MM-DD, comma-separated.")
@pass_context
def cohort_create(context: Context, name: str, programme: str, dates: str | None) -> None:
    """Create a cohort NAME from a programme file."""
    plan = files.load_programme(programme)
    name = " ".join(name.split())
    if not name:
        raise Failure("NAME: a cohort needs a name")
    day_dates = _parse_dates(dates, len(plan.days))
    new = Cohort(
        id=new_id(),
        name=name,
        programme=plan.key,
        dates=day_dates,
        created_at=iso(context.clock.now()),
    )
    context.repo().add_cohort(new)
    click.echo(new.id)


def _parse_dates(text: str | None, days: int) -> tuple[str, ...]:
    from datetime import date

    if not text:
        return tuple("" for _ in range(days))
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != days:
        raise Failure(f"--dates: the programme has {days} days, {len(parts)} dates were given")
    parsed = []
    for index, part in enumerate(parts, start=1):
        try:
            parsed.append(date.fromisoformat(part))
        except ValueError:
            raise Failure(f"--dates: day {index}: {part!r} is not a date like 2017-11-23") from None
    if parsed != sorted(parsed) or len(set(parsed)) != len(parsed):
        raise Failure("--dates: the days must be in order, one date each")
    return tuple(d.isoformat() for d in parsed)


@cli.group()
def roster() -> None:
    """The people of a cohort."""


@roster.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@cohort_option
@pass_context
def roster_import(context: Context, file: Path, cohort_name: str | None) -> None:
    """Add people from a roster CSV; every row is checked before anything is written."""
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    existing = [p.name for p in snapshot.people(target.id)]
    rows = parse_roster_csv(files.read_text(file), str(file), existing)
    repo.add_people(target.id, [row.person(target.id) for row in rows])
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.role.plural] = counts.get(row.role.plural, 0) + 1
    summary = ", ".join(f"{n} {role}" for role, n in counts.items())
    click.echo(f"{file}: imported {len(rows)} people into {target.name!r} ({summary})")


@cli.command()
@day_option()
@click.option("--by", "by", required=True, metavar="COACH", help="The coach (name or id).")
@click.option("--about", "about", required=True, metavar="PERSON", help="Whom it is about.")
@click.option("--behaviour", required=True, metavar="TEXT", help="The collaborative behaviour.")
@click.option("--note", default="", metavar="TEXT", help="What was seen or said.")
@cohort_option
@pass_context
def observe(
    context: Context,
    day: int,
    by: str,
    about: str,
    behaviour: str,
    note: str,
    cohort_name: str | None,
) -> None:
    """Append one observation of a collaborative behaviour."""
    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    _check_day(target, day)
    people = snapshot.people(target.id)
    coach = _person(people, by, "--by", Role.COACH, Role.FACILITATOR)
    subject = _person(people, about, "--about", Role.PARTICIPANT, Role.COACH)
    behaviour = " ".join(behaviour.split())
    if not behaviour:
        raise Failure("--behaviour: must not be empty")
    observation = Observation(
        id=new_id(),
        cohort=target.id,
        day=day,
        by=coach.id,
        about=subject.id,
        behaviour=behaviour,
        note=note.strip(),
        at=iso(context.clock.now()),
    )
    repo.add_observation(observation)
    click.echo(observation.id)


def _person(people: list[Person], wanted: str, option: str, *roles: Role) -> Person:
    try:
        person = find(people, wanted, "person")
    except NotFound as error:
        raise Failure(f"{option}: {error}") from None
    if person.role not in roles:
        allowed = " or ".join(r.value for r in roles)
        raise Failure(f"{option}: {person.name!r} is a {person.role.value}, not a {allowed}")
    return person


@cli.group()
def tables() -> None:
    """Tables of 5-6 participants, each with a coach."""


@tables.command("allocate")
@day_option()
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same tables.")
@click.option(
    "--keep", is_flag=True, help="Keep the previous day's tables, absorbing who came or went."
)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@cohort_option
@pass_context
def tables_allocate(
    context: Context, day: int, seed: int, keep: bool, fmt: str, cohort_name: str | None
) -> None:
    """Allocate the day's present participants to tables and store it.

    Later days re-mix by default so that everyone meets as many new people as possible.
    """
    from lp_tui.export.tables import seating_document, seating_text

    repo = context.repo()
    snapshot = repo.snapshot()
    target = context.cohort(snapshot, cohort_name)
    _check_day(target, day)
    people = snapshot.people(target.id)
    seatings = snapshot.seatings(target.id)
    try:
        allocation, how = allocate_day(
            people,
            snapshot.attendance(target.id, day),
            seatings,
            snapshot.table_rules(target.id),
            day,
            seed=seed,
            keep=keep,
        )
    except ValueError as error:
        raise Failure(f"--keep: {error}") from None
    if not allocation.tables:
        raise Failure(f"day {day}: no participants to seat")
    seating = Seating(
        id=new_id(),
        cohort=target.id,
        day=day,
        at=iso(context.clock.now()),
        how=how,
        tables=allocation.tables,
        seed=seed,
    )
    repo.add_seating(seating)
    history = history_before(seatings, day)
    if fmt == "json":
        document = seating_document(seating, people, history, allocation.notes)
        click.echo(orjson.dumps(document).decode())
    else:
        click.echo(seating_text(seating, people, history, allocation.notes))


@cli.group()
def rotations() -> None:
    """Case-study rotations: presenters move between tables."""


@rotations.command("plan")
@click.option("--tables", "tables_count", type=click.IntRange(1, 200), help="Without a database.")
@click.option("--presenters", type=click.IntRange(1, 200), help="Without a database.")
@click.option("--visits", type=click.IntRange(1, 50), help="Presenters each table hears.")
@day_option(required=False)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@cohort_option
@pass_context
def rotations_plan(
    context: Context,
    tables_count: int | None,
    presenters: int | None,
    visits: int | None,
    day: int | None,
    fmt: str,
    cohort_name: str | None,
) -> None:
    """Plan a rotation: T tables each hear K different presenters.

    With --tables, --presenters and --visits it needs no database; with --day it plans the
    cohort's rotation of that day (its tables, its Darzi Fellows or managers) and stores it.
    """
    from lp_tui.domain.rotation import plan, presenter_names
    from lp_tui.export.rotations import rotation_document, rotation_text

    if day is None:
        given = {"--tables": tables_count, "--presenters": presenters, "--visits": visits}
        missing = [name for name, value in given.items() if value is None]
        if missing:
            raise Failure(f"{', '.join(missing)}: needed without --day")
        assert tables_count and presenters and visits
        try:
            rotation = plan(tables_count, presenters, visits)
        except ValueError as error:
            raise Failure(f"--visits: {error}") from None
        names = presenter_names(presenters)
        tables_numbers = tuple(range(1, tables_count + 1))
    else:
        stored = _plan_stored_rotation(context, day, cohort_name)
        rotation = stored.rotation()
        people = {p.id: p.name for p in context.repo().snapshot().people(stored.cohort)}
        names = [people.get(p, p) for p in stored.presenters]
        tables_numbers = stored.tables
    document = rotation_document(rotation, names, tables_numbers)
    if fmt == "json":
        click.echo(orjson.dumps(document).decode())
    else:
        click.echo(rotation_text(document))


def _plan_stored_rotation(context: Context, day: int, cohort_name: str | None):  # type: ignore[no-untyped-def]
    from lp_tui.domain.rotation_day import day_presenters, day_tables, plan_day, rotation_item

    repo = context.repo()
    snapshot = repo.snapshot()
    target, plan = context.cohort_day(snapshot, cohort_name, day)
    item = rotation_item(plan)
    if item is None:
        raise Failure(f"--day {day}: the programme has no rotation on day {day}")
    people = snapshot.people(target.id)
    marks = snapshot.attendance(target.id, day)
    try:
        stored = plan_day(
            plan_id=new_id(),
            cohort=target.id,
            day=day,
            at=iso(context.clock.now()),
            item=item,
            presenters=day_presenters(people, item),
            marks=marks,
            tables=day_tables(snapshot.seatings(target.id), day, people, marks),
        )
    except ValueError as error:
        raise Failure(f"--day {day}: {error}") from None
    repo.add_rotation(stored)
    return stored


@cli.group()
def ratings() -> None:
    """End-of-day evaluation forms and their tally."""


@ratings.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@day_option()
@cohort_option
@pass_context
def ratings_import(context: Context, file: Path, day: int, cohort_name: str | None) -> None:
    """Add evaluation forms from a CSV (one row a form); all rows are checked first, and a file
    already imported is refused."""
    from lp_tui.domain.tally import EvaluationForm, fingerprint, number_forms, parse_forms_csv

    repo = context.repo()
    snapshot = repo.snapshot()
    target, plan = context.cohort_day(snapshot, cohort_name, day)
    questions = plan.questions
    text = files.read_text(file)
    rows = parse_forms_csv(text, str(file), questions)
    stored = snapshot.forms(target.id, day)
    source = fingerprint(text)
    if any(f.source == source for f in stored):
        raise Failure(f"{file}: this file's forms for day {day} were imported already")
    taken = {f.number for f in stored}
    for row in rows:
        if row.number in taken:
            raise Failure(
                f"{file}: row {row.row}, field 'form': form {row.number} is already stored"
            )
    now = iso(context.clock.now())
    forms = [
        EvaluationForm(
            id=new_id(),
            cohort=target.id,
            day=day,
            number=number,
            at=now,
            answers=row.answers,
            comments=row.comments,
            source=source,
        )
        for number, row in number_forms(rows, taken)
    ]
    try:
        repo.add_forms(forms)
    except Conflict as error:
        raise Failure(f"{file}: {error}") from None
    click.echo(f"{file}: imported {len(forms)} forms for day {day}")


@ratings.command("tally")
@day_option()
@click.option("--format", "fmt", type=click.Choice(["json", "md", "text"]), default="text")
@cohort_option
@pass_context
def ratings_tally(context: Context, day: int, fmt: str, cohort_name: str | None) -> None:
    """Per question: how many answered, and the average."""
    from lp_tui.domain.tally import tally
    from lp_tui.export.tally import tally_document, tally_markdown, tally_text

    snapshot = context.repo().snapshot()
    target, plan = context.cohort_day(snapshot, cohort_name, day)
    questions = plan.questions
    result = tally(day, questions, snapshot.forms(target.id, day))
    if fmt == "json":
        click.echo(orjson.dumps(tally_document(result)).decode())
    elif fmt == "md":
        click.echo(tally_markdown(result), nl=False)
    else:
        click.echo(tally_text(result))


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    required=True,
    help="json (every record), csv (a folder, or a .zip), xlsx, md or html (the report).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="File to write (for csv a folder, or a .zip); an existing folder gets a named file.",
)
@click.option(
    "--anonymise",
    is_flag=True,
    help="Pseudonyms (P01, C01...) for names; no access needs or free text.",
)
@cohort_option
@pass_context
def export(context: Context, fmt: str, out: Path, anonymise: bool, cohort_name: str | None) -> None:
    """Export the cohort's session records."""
    from lp_tui.export.write import export as write_export

    snapshot = context.repo().snapshot()
    target = context.cohort(snapshot, cohort_name)
    programme = files.load_programme(target.programme)
    written = write_export(
        snapshot,
        target,
        programme,
        fmt,
        out,
        now=context.clock.now(),
        tz=local_zone(),
        anonymise=anonymise,
    )
    where = written[0] if len(written) == 1 else f"{out} ({len(written)} files)"
    click.echo(f"{where}: exported cohort {target.name!r} as {fmt}", err=True)


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def import_(context: Context, file: Path) -> None:
    """Rebuild a cohort from an ``export --format json`` into this database."""
    cohort_record, records = json_format.parse_export(files.read_text(file), str(file))
    context.repo().import_cohort(cohort_record, records)
    total = sum(len(docs) for docs in records.values())
    click.echo(f"{file}: imported cohort {cohort_record.name!r} ({total} records)")


@cli.command()
@click.option(
    "--restore", metavar="BACKUP", type=click.Path(path_type=Path), help="Backup to put back."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@pass_context
def doctor(context: Context, restore: Path | None, fmt: str) -> None:
    """Check the database; list and restore backups."""
    from lp_tui.store.doctor import examine

    repo = context.repo()
    if restore is not None:
        kept = repo.db.restore(restore)
        note = f"; the file it replaced is kept as {kept}" if kept else ""
        click.echo(f"{repo.path}: restored from {restore}{note}")
        return
    report = examine(repo.db)
    if fmt == "json":
        click.echo(orjson.dumps(report.as_dict()).decode())
    else:
        click.echo(report.text())
    if not report.healthy:
        sys.exit(EXIT_BAD_INPUT)


def main() -> None:
    cli(prog_name="lp-tui")
