"""``lp-tui forget``: a person's personal data out of every file lp-tui keeps.

Records are otherwise append-only: a fact is never updated, a correction is a new record naming
the one it replaces. Forgetting a person is the one deliberate rewrite (the right to erasure):
lp_tui.domain.forget says what changes; this module does it, under the database's lock, in
every file beside the database that can hold it:

- every backup in ``backups/`` and every ``<db>.replaced-*`` file a restore kept aside: each is
  written anew (a temp file, then ``os.replace``), so it is a new inode and the old bytes are
  freed once no name links them (backups are hard links to old versions of the database); a
  file too damaged to read as JSON has the strings cut out byte for byte;
- stale temp files of interrupted writes are removed;
- the private error logs (``lp-tui-errors*.log``): each line holding a forgotten string is
  replaced by a line saying one was removed;
- the exports lp-tui recorded writing inside the data folder (the app writes to
  ``exports/`` there) that are not anonymised are removed: they hold the person's data;
- the database last (so an interrupted run can be run again with the name), with no backup
  of what it was.

Then every file under the data folder is read, byte for byte, for the forgotten strings: their
name (in any case), organisation, project, access needs and every text removed; the outcome
lists any file that still holds one. A string another person's record holds too (a shared
organisation, a stock phrase) is theirs as well: it stays, and is not looked for.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from lp_tui.domain import forget as rules
from lp_tui.domain.model import Person, Seating
from lp_tui.domain.retention import ExportRecord, still_ours
from lp_tui.store.errors import LOG_NAME
from lp_tui.store.files import digest_of
from lp_tui.store.records import from_doc, to_doc
from lp_tui.store.repo import COHORT_TABLES, EXPORTS, PEOPLE, SEATINGS, Repo
from lp_tui.store.storage import META, StoreError, Tables, migrate, write_new_file

REMOVED_LINE = b"(a line removed by lp-tui forget)\n"
_LOG_GLOB = LOG_NAME.replace(".log", "*.log")
_SHORTEST_PIECE = 8  # a line of a removed text looked for alone in a log line


@dataclass
class Outcome:
    """What forgetting did (or, for a preview, would do)."""

    person_id: str
    pseudonym: str
    removed: dict[str, int] = field(default_factory=dict)  # texts removed, by kind
    database: bool = False  # the database rewritten
    backups: list[Path] = field(default_factory=list)  # backups and kept files written anew
    scrubbed: list[Path] = field(default_factory=list)  # damaged files with strings cut out
    temp_files: list[Path] = field(default_factory=list)  # stale temp files removed
    logs: list[Path] = field(default_factory=list)  # error logs written anew
    log_lines: int = 0  # log lines removed
    exports: list[Path] = field(default_factory=list)  # recorded exports removed
    exports_elsewhere: list[Path] = field(default_factory=list)  # outside the data folder
    shared: int = 0  # strings other people's records hold too: kept
    looked_for: int = 0  # strings no file may hold afterwards
    remaining: list[tuple[Path, str]] = field(default_factory=list)  # (file, what it holds)
    unreadable: list[Path] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.remaining and not self.unreadable


@dataclass(frozen=True)
class _Target:
    """The strings to look for: each with what it is, as the outcome names it."""

    names: tuple[re.Pattern[str], ...]  # their name in any case, as whole words
    strings: dict[str, str]  # string -> "their organisation", "a removed text"...

    def forms(self) -> Iterator[tuple[bytes, str]]:
        """Each string as a file can hold it: as it is, and escaped as JSON or Python."""
        for text, what in self.strings.items():
            for form in dict.fromkeys((text, orjson.dumps(text).decode()[1:-1], repr(text)[1:-1])):
                yield form.encode("utf-8", "surrogateescape"), what

    def found_in(self, data: bytes) -> str | None:
        """What of theirs ``data`` holds (the first found), or None."""
        text = data.decode("utf-8", "replace")
        if any(pattern.search(text) for pattern in self.names):
            return "their name"
        for form, what in self.forms():
            if form in data:
                return what
        return None


def data_folder(repo: Repo) -> Path:
    return repo.path.resolve().parent


def preview(repo: Repo, cohort_id: str, person_id: str) -> Outcome:
    """What ``forget`` would do now, writing nothing."""
    return _run(repo, cohort_id, person_id, write=False)[0]


def forget(repo: Repo, cohort_id: str, person_id: str) -> Outcome:
    """Forget the person in every file, under the lock; then check every file under the data
    folder (``Outcome.remaining`` names any that still holds one of their strings)."""
    with repo.db.exclusive():
        outcome, target = _run(repo, cohort_id, person_id, write=True)
    _verify(repo, outcome, target)
    return outcome


# ---------------------------------------------------------------- the work


def _run(repo: Repo, cohort_id: str, person_id: str, *, write: bool) -> tuple[Outcome, _Target]:
    db = repo.db
    tables = migrate(db.read())
    person = _person(tables, cohort_id, person_id)
    people = [from_doc(Person, d) for d in _cohort_docs(tables, PEOPLE, cohort_id)]
    forgetting = rules.plan(person, people, _seatings(tables, cohort_id))
    outcome = Outcome(person.id, forgetting.pseudonym)

    new_main, removals = _forget_tables(tables, cohort_id, forgetting)
    new_main, _ = _redact(new_main, cohort_id, forgetting, ())
    outcome.removed = rules.counted(removals)
    outcome.database = new_main != tables

    # Every other database-shaped file: backups and files kept aside by a restore.
    files: list[tuple[Path, Tables | None, bytes]] = []
    texts = [r.text for r in removals if r.kind != rules.NAME]
    for path in [*db.backups(), *_kept_aside(repo)]:
        try:
            raw = path.read_bytes()
        except OSError:
            outcome.unreadable.append(path)
            continue
        parsed = _parsed(raw)
        if parsed is not None:
            # the same person and pseudonym; the tables they coached as that file says
            coached = rules.plan(person, [], _seatings(parsed, cohort_id)).coached
            rule = rules.Forgetting(person, forgetting.pseudonym, coached)
            changed, found = _forget_tables(parsed, cohort_id, rule)
            texts += [r.text for r in found if r.kind != rules.NAME]
            files.append((path, changed, raw))
        else:
            files.append((path, None, raw))

    main_bytes = orjson.dumps(new_main)
    target, outcome.shared = _target(person, texts, main_bytes)
    outcome.looked_for = len(target.strings) + 1

    for path, changed, raw in files:
        if changed is not None:
            changed, _ = _redact(changed, cohort_id, forgetting, tuple(target.strings))
            if changed != _parsed(raw):
                outcome.backups.append(path)
                if write:
                    _write_anew(path, orjson.dumps(changed))
        else:
            data = _scrub_bytes(raw, target, forgetting.pseudonym)
            if data != raw:
                outcome.scrubbed.append(path)
                if write:
                    _write_anew(path, data)

    outcome.temp_files = db.remove_stale_temp_files() if write else _stale_temp_files(repo)
    _logs(repo, target, outcome, write=write)
    _exports(repo, tables, cohort_id, outcome, write=write)
    if write and outcome.database:
        db.rewrite(new_main)
    return outcome, target


def _person(tables: Tables, cohort_id: str, person_id: str) -> Person:
    found = _person_in(tables, cohort_id, person_id)
    if found is None:
        raise StoreError(f"no person with the id {person_id!r} in this cohort")
    return found


def _person_in(tables: Tables, cohort_id: str, person_id: str) -> Person | None:
    for doc in _cohort_docs(tables, PEOPLE, cohort_id):
        if doc.get("id") == person_id:
            with contextlib.suppress(Exception):
                return from_doc(Person, doc)
    return None


def _cohort_docs(tables: Tables, table: str, cohort_id: str) -> list[dict[str, Any]]:
    return [d for d in tables.get(table, {}).values() if d.get("cohort") == cohort_id]


def _seatings(tables: Tables, cohort_id: str) -> list[Seating]:
    found = []
    for doc in _cohort_docs(tables, SEATINGS, cohort_id):
        with contextlib.suppress(Exception):  # a backup's record no rule can read
            found.append(from_doc(Seating, doc))
    return found


def _forget_tables(
    tables: Tables, cohort_id: str, forgetting: rules.Forgetting
) -> tuple[Tables, list[rules.Removal]]:
    """A copy of ``tables`` with the cohort's records forgotten as the rules say; each stored
    document keeps its key, and fields no rule touches are left exactly as they were."""
    tables = copy.deepcopy(tables)
    removals: list[rules.Removal] = []
    for table, cls in COHORT_TABLES.items():
        for doc in _cohort_docs(tables, table, cohort_id):
            try:
                record = from_doc(cls, doc)
            except Exception:  # a record a backup holds that no rule can read: see _redact
                continue
            new, removed = rules.forget_record(record, forgetting)
            if removed:
                _update(doc, to_doc(record), to_doc(new))
                removals += removed
    return tables, removals


def _update(doc: dict[str, Any], before: dict[str, Any], after: dict[str, Any]) -> None:
    for key in before.keys() | after.keys():
        if before.get(key) != after.get(key):
            if key in after:
                doc[key] = after[key]
            else:
                doc.pop(key, None)


def _redact(
    tables: Tables, cohort_id: str, forgetting: rules.Forgetting, strings: tuple[str, ...]
) -> tuple[Tables, int]:
    """Every record of the cohort, in every table, with the name replaced and ``strings``
    emptied wherever the rules left them (see lp_tui.domain.forget.redact)."""
    changed = 0
    out: Tables = {}
    for table, docs in tables.items():
        if table == META:
            out[table] = docs
            continue
        out[table] = {}
        for key, doc in docs.items():
            if doc.get("cohort") == cohort_id:
                other = table == PEOPLE and doc.get("id") != forgetting.id
                name = doc.get("name")
                doc, n = rules.redact(doc, forgetting, strings)
                if other and doc.get("name") != name:  # another's name is theirs, never changed
                    doc["name"], n = name, n - 1
                changed += n
            out[table][key] = doc
    return out, changed


def _target(person: Person, texts: Iterable[str], main: bytes) -> tuple[_Target, int]:
    """The strings no file may hold afterwards, and how many were left out because the
    rewritten database holds them in another person's record."""
    labels = {
        person.organisation: "their organisation",
        person.project: "their project",
        person.access_needs: "their access needs",
    }
    wanted: dict[str, str] = {}
    for text in [*labels, *texts]:
        if text.strip() and text not in wanted:
            wanted[text] = labels.get(text, "a removed text")
    names = tuple(
        re.compile(
            r"(?<!\w)" + r"\s+".join(re.escape(w) for w in form.split()) + r"(?!\w)",
            re.IGNORECASE,
        )
        for form in rules.name_forms(person)
    )
    kept = {}
    shared = 0
    for text, what in wanted.items():
        probe = _Target((), {text: what})
        if probe.found_in(main) is None:
            kept[text] = what
        else:
            shared += 1
    return _Target(names, kept), shared


def _parsed(raw: bytes) -> Tables | None:
    try:
        tables = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(tables, dict) or not all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
        for t in tables.values()
    ):
        return None
    return tables


def _scrub_bytes(raw: bytes, target: _Target, pseudonym: str) -> bytes:
    """A damaged file with every form of the strings cut out and the name replaced."""
    text = raw.decode("utf-8", "surrogateescape")
    for pattern in target.names:
        text = pattern.sub(pseudonym, text)
    data = text.encode("utf-8", "surrogateescape")
    for form, _ in target.forms():
        data = data.replace(form, b"")
    return data


def _kept_aside(repo: Repo) -> list[Path]:
    return sorted(repo.path.parent.glob(f"{repo.path.name}.replaced-*"))


def _stale_temp_files(repo: Repo) -> list[Path]:
    db = repo.db
    return [
        *repo.path.parent.glob(f".{repo.path.name}.*.tmp"),
        *db.backup_dir.glob(f".{repo.path.stem}-*.tmp"),
    ]


def _write_anew(path: Path, data: bytes) -> None:
    """``data`` in place of ``path`` as a new file (a new inode) in its mode, group and time."""
    state = os.stat(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    write_new_file(temp, data, state.st_mode & 0o777, state.st_gid)
    try:
        os.utime(temp, ns=(state.st_atime_ns, state.st_mtime_ns))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _logs(repo: Repo, target: _Target, outcome: Outcome, *, write: bool) -> None:
    """Each line of an error log that holds one of the strings is replaced by a line saying
    one was removed. A multi-line text is looked for a line at a time too."""
    pieces = [
        piece.encode()
        for text in target.strings
        for piece in text.splitlines()
        if len(piece.strip()) >= _SHORTEST_PIECE
    ]
    for log in sorted(data_folder(repo).glob(_LOG_GLOB)):
        try:
            raw = log.read_bytes()
        except OSError:
            outcome.unreadable.append(log)  # another account's: readable by them only
            continue
        lines = raw.splitlines(keepends=True)
        kept = []
        dropped = 0
        for line in lines:
            if target.found_in(line) is not None or any(p in line for p in pieces):
                kept.append(REMOVED_LINE)
                dropped += 1
            else:
                kept.append(line)
        if dropped:
            outcome.logs.append(log)
            outcome.log_lines += dropped
            if write:
                _write_anew(log, b"".join(kept))


def _exports(repo: Repo, tables: Tables, cohort_id: str, outcome: Outcome, *, write: bool) -> None:
    """Named exports of the cohort lp-tui wrote: those inside the data folder are removed,
    those elsewhere are listed (they are the owner's to delete)."""
    folder = data_folder(repo)
    for doc in _cohort_docs(tables, EXPORTS, cohort_id):
        try:
            record = from_doc(ExportRecord, doc)
        except Exception:
            continue
        path = Path(record.path)
        if record.anonymised or not path.is_file():
            continue
        if not still_ours([record], digest_of(path) or ""):
            continue  # written over since: not lp-tui's export any more
        if path.resolve().is_relative_to(folder):
            if path not in outcome.exports:
                outcome.exports.append(path)
                if write:
                    path.unlink(missing_ok=True)
        elif path not in outcome.exports_elsewhere:
            outcome.exports_elsewhere.append(path)


def _verify(repo: Repo, outcome: Outcome, target: _Target) -> None:
    """Every file under the data folder read for the strings; those holding one listed."""
    for path in _every_file(data_folder(repo)):
        try:
            data = path.read_bytes()
        except OSError:
            outcome.unreadable.append(path)
            continue
        what = target.found_in(data)
        if what is not None:
            outcome.remaining.append((path, what))


def _every_file(folder: Path) -> Iterator[Path]:
    """Every file under the data folder (symbolic links not followed). A database kept in a
    home folder or at the top of a disk does not make lp-tui read every file there: then only
    the folder's own files and lp-tui's ``backups/`` and ``exports/`` are read."""
    own = folder in (Path.home().resolve(), Path(folder.anchor))
    for root, dirs, names in os.walk(folder):
        if own and Path(root) == folder:
            dirs[:] = [d for d in dirs if d in ("backups", "exports")]
        for name in names:
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                yield path
