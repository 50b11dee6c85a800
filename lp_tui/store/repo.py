"""Typed reads and writes of lp-tui's records, one table per record kind."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tinydb import where

from lp_tui.domain.corrections import standing
from lp_tui.domain.lessons import LessonNote
from lp_tui.domain.live_day import LiveDay, day_finished, live_day
from lp_tui.domain.model import (
    AttendanceMark,
    AttendanceStatus,
    BehaviourEdit,
    CallAttempt,
    CallerAssignment,
    Cohort,
    ConsentMark,
    EvaluationForm,
    FeedbackKind,
    FollowUpCall,
    ImpactReport,
    Observation,
    PeerFeedback,
    Person,
    PresenterFeedback,
    QuoteStar,
    RotationPlan,
    Seating,
    SelfAssessment,
    TableRule,
    new_id,
)
from lp_tui.domain.people import statuses
from lp_tui.domain.programme import Programme
from lp_tui.domain.pseudonyms import PseudonymSecret, new_key
from lp_tui.domain.reflection import Reflection
from lp_tui.domain.retention import ExportRecord
from lp_tui.domain.text import name_key
from lp_tui.domain.timers import AgendaEvent
from lp_tui.store import validate
from lp_tui.store.records import from_doc, to_doc
from lp_tui.store.storage import Database, StoreError, Tables, revision_of

if TYPE_CHECKING:
    from lp_tui.domain.behaviours import BehaviourList  # imported by behaviours() when called
    from lp_tui.domain.demo_day import DemoActivity  # imported by the demo command only

T = TypeVar("T")

COHORTS = "cohorts"
PEOPLE = "people"
ATTENDANCE = "attendance"
OBSERVATIONS = "observations"
AGENDA = "agenda"
SEATINGS = "seatings"
TABLE_RULES = "table_rules"
ROTATIONS = "rotations"
PRESENTER_FEEDBACK = "presenter_feedback"
FORMS = "forms"
FOLLOWUP_CALLS = "followup_calls"
IMPACT_REPORTS = "impact_reports"
CALLER_ASSIGNMENTS = "caller_assignments"
CALL_ATTEMPTS = "call_attempts"
BEHAVIOURS = "behaviours"
PEER_FEEDBACK = "peer_feedback"
LIVE_DAYS = "live_days"
CONSENT_MARKS = "consent_marks"
QUOTE_STARS = "quote_stars"
SELF_ASSESSMENTS = "self_assessments"
REFLECTIONS = "reflections"
LESSONS = "lessons"
# Each cohort's secret for anonymised exports' pseudonyms: never exported, never imported.
SECRETS = "secrets"
# Every export lp-tui wrote (for lp-tui doctor's retention): never exported, never imported.
EXPORTS = "exports"

# Record kinds that belong to a cohort, in the order an export lists them.
COHORT_TABLES: dict[str, type] = {
    PEOPLE: Person,
    ATTENDANCE: AttendanceMark,
    OBSERVATIONS: Observation,
    BEHAVIOURS: BehaviourEdit,
    PEER_FEEDBACK: PeerFeedback,
    AGENDA: AgendaEvent,
    SEATINGS: Seating,
    TABLE_RULES: TableRule,
    ROTATIONS: RotationPlan,
    PRESENTER_FEEDBACK: PresenterFeedback,
    FORMS: EvaluationForm,
    FOLLOWUP_CALLS: FollowUpCall,
    IMPACT_REPORTS: ImpactReport,
    CALLER_ASSIGNMENTS: CallerAssignment,
    CALL_ATTEMPTS: CallAttempt,
    LIVE_DAYS: LiveDay,
    CONSENT_MARKS: ConsentMark,
    QUOTE_STARS: QuoteStar,
    SELF_ASSESSMENTS: SelfAssessment,
    REFLECTIONS: Reflection,
    LESSONS: LessonNote,
}


class Conflict(StoreError):
    """A write that would break a rule of the records (e.g. a cohort name used twice)."""


def _check_later_export(
    tables: Tables, cohort: Cohort, records: dict[str, list[dict[str, Any]]], source: str
) -> None:
    """A file may replace a cohort only when it holds every record the database has of it."""
    incoming = {doc["id"] for docs in records.values() for doc in docs}
    missing = [
        (name, doc["id"])
        for name in COHORT_TABLES
        for doc in tables.get(name, {}).values()
        if doc.get("cohort") == cohort.id and doc.get("id") not in incoming
    ]
    if missing:
        name, record = missing[0]
        raise Conflict(
            f"{source}: cohort {cohort.name!r} ({cohort.id}): this database holds "
            f"{len(missing)} record(s) of it that the file does not (first: table '{name}', "
            f"id {record}): an earlier export? nothing imported"
        )


@dataclass(frozen=True, eq=False)
class Snapshot:
    """One consistent read of the whole database."""

    tables: Tables

    @property
    def revision(self) -> int:
        return revision_of(self.tables)

    def _docs(self, table: str) -> Iterable[dict[str, Any]]:
        return self.tables.get(table, {}).values()

    def cohorts(self) -> list[Cohort]:
        cohorts = [from_doc(Cohort, doc) for doc in self._docs(COHORTS)]
        return sorted(cohorts, key=lambda c: (c.dates[:1], c.name))

    def cohort(self, cohort_id: str) -> Cohort:
        for doc in self._docs(COHORTS):
            if doc["id"] == cohort_id:
                return from_doc(Cohort, doc)
        raise KeyError(cohort_id)

    def people(self, cohort_id: str) -> list[Person]:
        return [from_doc(Person, d) for d in self._docs(PEOPLE) if d["cohort"] == cohort_id]

    def attendance_marks(self, cohort_id: str, day: int) -> list[AttendanceMark]:
        """Every mark of the day, in the order made."""
        return self._of_day(AttendanceMark, ATTENDANCE, cohort_id, day)

    def attendance(self, cohort_id: str, day: int) -> dict[str, AttendanceStatus]:
        """Each person's latest mark for the day that stands (undone marks skipped)."""
        return statuses(self.attendance_marks(cohort_id, day))

    def observations(
        self, cohort_id: str, day: int | None = None, *, every: bool = False
    ) -> list[Observation]:
        """The observations that stand (corrected ones as corrected, withdrawn ones gone); with
        every=True, each entry ever made, corrections and withdrawals included."""
        found = self._of_day(Observation, OBSERVATIONS, cohort_id, day)
        return found if every else standing(found)

    def peer_feedback(
        self, cohort_id: str, day: int | None = None, *, every: bool = False
    ) -> list[PeerFeedback]:
        found = self._of_day(PeerFeedback, PEER_FEEDBACK, cohort_id, day)
        return found if every else standing(found)

    def _of_day(self, kind: type[T], table: str, cohort_id: str, day: int | None) -> list[T]:
        """One kind of record of a cohort (of one day, or every day), oldest first."""
        found = [
            from_doc(kind, d)
            for d in self._docs(table)
            if d["cohort"] == cohort_id and (day is None or d["day"] == day)
        ]
        return sorted(found, key=lambda o: o.at)  # type: ignore[attr-defined]

    def coach_entries(
        self, cohort_id: str, day: int
    ) -> list[Observation | PeerFeedback | PresenterFeedback]:
        """What coaches logged that stands, oldest first: observations, peer feedback, and
        their own feedback to visiting presenters."""
        entries: list[Observation | PeerFeedback | PresenterFeedback] = [
            *self.observations(cohort_id, day),
            *self.peer_feedback(cohort_id, day),
            *(f for f in self.presenter_feedback(cohort_id, day) if f.kind == FeedbackKind.COACH),
        ]
        return sorted(entries, key=lambda e: e.at)

    def behaviour_edits(self, cohort_id: str) -> list[BehaviourEdit]:
        found = [
            from_doc(BehaviourEdit, d) for d in self._docs(BEHAVIOURS) if d["cohort"] == cohort_id
        ]
        return sorted(found, key=lambda e: e.at)

    def behaviours(self, cohort_id: str) -> BehaviourList:
        """The cohort's behaviours exercise as it stands."""
        from lp_tui.domain.behaviours import fold  # the work on records: imported when done

        return fold(self.behaviour_edits(cohort_id))

    def agenda_events(self, cohort_id: str, day: int) -> list[AgendaEvent]:
        """The day's agenda log in the order it happened."""
        return self._of_day(AgendaEvent, AGENDA, cohort_id, day)

    def live_days(self, cohort_id: str) -> list[LiveDay]:
        """Each time the facilitator opened or acted on a day, oldest first."""
        found = [from_doc(LiveDay, d) for d in self._docs(LIVE_DAYS) if d["cohort"] == cohort_id]
        return sorted(found, key=lambda r: r.at)

    def live_day(self, cohort: Cohort, programme: Programme, today: date) -> int:
        """The day the room is on (see lp_tui.domain.live_day)."""

        def finished(day: int) -> bool:
            return day_finished(programme.day(day), self.agenda_events(cohort.id, day))

        return live_day(cohort, self.live_days(cohort.id), today, finished)

    def seatings(self, cohort_id: str) -> list[Seating]:
        found = [from_doc(Seating, d) for d in self._docs(SEATINGS) if d["cohort"] == cohort_id]
        return sorted(found, key=lambda s: s.at)

    def table_rules(self, cohort_id: str) -> list[TableRule]:
        found = [
            from_doc(TableRule, d) for d in self._docs(TABLE_RULES) if d["cohort"] == cohort_id
        ]
        return sorted(found, key=lambda r: r.at)

    def rotations(self, cohort_id: str, day: int) -> list[RotationPlan]:
        return self._of_day(RotationPlan, ROTATIONS, cohort_id, day)

    def presenter_feedback(
        self, cohort_id: str, day: int | None = None, *, every: bool = False
    ) -> list[PresenterFeedback]:
        found = self._of_day(PresenterFeedback, PRESENTER_FEEDBACK, cohort_id, day)
        return found if every else standing(found)

    def forms(self, cohort_id: str, day: int, *, every: bool = False) -> list[EvaluationForm]:
        """The day's forms that stand (corrected ones as corrected, withdrawn ones gone), by
        number; with every=True, each form record ever stored, corrections and withdrawals too."""
        found = [
            from_doc(EvaluationForm, d)
            for d in self._docs(FORMS)
            if d["cohort"] == cohort_id and d["day"] == day
        ]
        found.sort(key=lambda f: (f.number, f.at))
        return found if every else standing(found)

    def followup_calls(self, cohort_id: str) -> list[FollowUpCall]:
        return [
            from_doc(FollowUpCall, d)
            for d in self._docs(FOLLOWUP_CALLS)
            if d["cohort"] == cohort_id
        ]

    def caller_assignments(self, cohort_id: str) -> list[CallerAssignment]:
        """Every caller assignment of the cohort, oldest first (the latest per person wins)."""
        found = [
            from_doc(CallerAssignment, d)
            for d in self._docs(CALLER_ASSIGNMENTS)
            if d["cohort"] == cohort_id
        ]
        return sorted(found, key=lambda a: a.at)

    def call_attempts(self, cohort_id: str) -> list[CallAttempt]:
        """Every follow-up call attempt of the cohort, by the day of the call."""
        found = [
            from_doc(CallAttempt, d) for d in self._docs(CALL_ATTEMPTS) if d["cohort"] == cohort_id
        ]
        return sorted(found, key=lambda a: (a.on, a.at))

    def impact_reports(self, cohort_id: str) -> list[ImpactReport]:
        return [
            from_doc(ImpactReport, d)
            for d in self._docs(IMPACT_REPORTS)
            if d["cohort"] == cohort_id
        ]

    def self_assessments(self, cohort_id: str) -> list[SelfAssessment]:
        """Every self-assessment record of the cohort (corrections too), oldest first."""
        found = [
            from_doc(SelfAssessment, d)
            for d in self._docs(SELF_ASSESSMENTS)
            if d["cohort"] == cohort_id
        ]
        return sorted(found, key=lambda a: a.at)

    def reflections(self, cohort_id: str) -> list[Reflection]:
        """Every coach reflection of the cohort (replaced ones too), oldest first."""
        found = [
            from_doc(Reflection, d) for d in self._docs(REFLECTIONS) if d["cohort"] == cohort_id
        ]
        return sorted(found, key=lambda r: r.at)

    def lessons(self, cohort_id: str) -> list[LessonNote]:
        """Every lessons note of the cohort (replaced ones too), oldest first."""
        found = [from_doc(LessonNote, d) for d in self._docs(LESSONS) if d["cohort"] == cohort_id]
        return sorted(found, key=lambda n: n.at)

    def consent_marks(self, cohort_id: str) -> list[ConsentMark]:
        found = [
            from_doc(ConsentMark, d) for d in self._docs(CONSENT_MARKS) if d["cohort"] == cohort_id
        ]
        return sorted(found, key=lambda m: m.at)

    def consents(self, cohort_id: str) -> dict[str, bool]:
        """Each person's consent to be quoted as it stands (the latest mark wins)."""
        from lp_tui.domain.consent import consents

        return consents(self.people(cohort_id), self.consent_marks(cohort_id))

    def quote_stars(self, cohort_id: str) -> list[QuoteStar]:
        found = [
            from_doc(QuoteStar, d) for d in self._docs(QUOTE_STARS) if d["cohort"] == cohort_id
        ]
        return sorted(found, key=lambda s: s.at)

    def starred_quotes(self, cohort_id: str) -> frozenset[str]:
        """The ids of the impact reports whose quote is starred now."""
        from lp_tui.domain.consent import starred

        return starred(self.quote_stars(cohort_id))

    def exports(self) -> list[ExportRecord]:
        """Every export lp-tui recorded writing (of every cohort), oldest first."""
        found = [from_doc(ExportRecord, d) for d in self._docs(EXPORTS)]
        return sorted(found, key=lambda e: e.at)

    def cohort_docs(self, cohort_id: str) -> dict[str, list[dict[str, Any]]]:
        """Every stored document of one cohort, by table, in a stable order."""
        out: dict[str, list[dict[str, Any]]] = {}
        for table in COHORT_TABLES:
            docs = [d for d in self._docs(table) if d["cohort"] == cohort_id]
            docs.sort(key=lambda d: (d.get("at", ""), d["id"]))
            out[table] = docs
        return out

    def pseudonym_key(self, cohort_id: str) -> str | None:
        """The cohort's secret for anonymised exports (the first stored), or None."""
        found = [d for d in self._docs(SECRETS) if d["cohort"] == cohort_id]
        return min(found, key=lambda d: d["at"])["key"] if found else None


class Repo:
    """The one way lp-tui reads and writes its database."""

    def __init__(self, path: Path | str) -> None:
        self.db = Database(path, check=validate.check)  # every read checks every record

    @property
    def path(self) -> Path:
        return self.db.path

    def snapshot(self) -> Snapshot:
        return Snapshot(self.db.read())

    def add_cohort(self, cohort: Cohort, people: Iterable[Person] = ()) -> None:
        """A new cohort, with its first people, in one write."""
        with self.db.transaction() as db:
            table = db.table(COHORTS)
            if table.contains(where("name").test(lambda n: name_key(n) == name_key(cohort.name))):
                raise Conflict(f"{self.path}: a cohort named {cohort.name!r} already exists")
            table.insert(to_doc(cohort))
            db.table(PEOPLE).insert_multiple(to_doc(p) for p in people)

    def add_people(self, cohort_id: str, people: Iterable[Person]) -> None:
        """People joining one cohort's roster; a name already on it is refused."""
        people = list(people)
        with self.db.transaction() as db:
            table = db.table(PEOPLE)
            # the same name ignoring case, spacing, invisible characters and normal form
            taken = {name_key(d["name"]) for d in table.search(where("cohort") == cohort_id)}
            for person in people:
                if person.cohort != cohort_id:
                    raise ValueError(f"{person.name!r} belongs to another cohort")
                if name_key(person.name) in taken:
                    raise Conflict(f"{person.name!r} is already on the cohort's roster")
                taken.add(name_key(person.name))
            table.insert_multiple(to_doc(p) for p in people)

    def add_observation(self, observation: Observation) -> None:
        self._append(OBSERVATIONS, [to_doc(observation)])

    def add_peer_feedback(self, feedback: PeerFeedback) -> None:
        self._append(PEER_FEEDBACK, [to_doc(feedback)])

    def add_entry(self, entry: Observation | PeerFeedback | PresenterFeedback) -> None:
        """One coach's entry of any kind (a withdrawal is one too)."""
        table = {
            Observation: OBSERVATIONS,
            PeerFeedback: PEER_FEEDBACK,
            PresenterFeedback: PRESENTER_FEEDBACK,
        }[type(entry)]
        self._append(table, [to_doc(entry)])

    def add_behaviour_edits(self, *edits: BehaviourEdit) -> None:
        self._append(BEHAVIOURS, [to_doc(e) for e in edits])

    def add_agenda_events(self, events: Iterable[AgendaEvent]) -> None:
        """Events that belong together (finish one item, start the next) land in one write."""
        self._append(AGENDA, [to_doc(e) for e in events])

    def add_exports(self, records: Iterable[ExportRecord]) -> None:
        """The files one export wrote, in one write."""
        self._append(EXPORTS, [to_doc(r) for r in records])

    def add_live_day(self, record: LiveDay) -> None:
        self._append(LIVE_DAYS, [to_doc(record)])

    def pseudonym_key(self, cohort_id: str, at: str) -> str:
        """The cohort's secret for anonymised exports; made and stored (one write) the first
        time one is needed. A failed write raises the store's one-line StoreWriteError."""
        key = self.snapshot().pseudonym_key(cohort_id)
        if key is not None:
            return key
        with self.db.transaction() as db:
            table = db.table(SECRETS)
            found = table.search(where("cohort") == cohort_id)
            if found:  # another process made it meanwhile
                return str(min(found, key=lambda d: d["at"])["key"])
            key = new_key()
            table.insert(to_doc(PseudonymSecret(new_id(), cohort_id, key, at)))
        return key

    def add_seating(self, seating: Seating) -> None:
        self._append(SEATINGS, [to_doc(seating)])

    def add_table_rules(self, rules: Iterable[TableRule]) -> None:
        self._append(TABLE_RULES, [to_doc(r) for r in rules])

    def add_rotation(self, rotation: RotationPlan) -> None:
        self._append(ROTATIONS, [to_doc(rotation)])

    def add_presenter_feedback(self, *feedback: PresenterFeedback) -> None:
        self._append(PRESENTER_FEEDBACK, [to_doc(f) for f in feedback])

    def add_forms(self, forms: list[EvaluationForm]) -> None:
        """Forms of one day, or a correction or withdrawal of one. A number a standing form of
        that day has, a file whose forms stand already, or a form corrected or withdrawn
        already, is refused, so nothing is ever counted twice."""
        with self.db.transaction() as db:
            table = db.table(FORMS)
            for form in forms:
                same_day = (where("cohort") == form.cohort) & (where("day") == form.day)
                now = standing(from_doc(EvaluationForm, d) for d in table.search(same_day))
                if form.replaces:
                    if not any(f.id == form.replaces for f in now):
                        raise Conflict(
                            f"form {form.number} of day {form.day} was corrected or withdrawn "
                            "already"
                        )
                    continue
                if any(f.number == form.number for f in now):
                    raise Conflict(f"form {form.number} of day {form.day} is already stored")
                if form.source and any(f.source == form.source for f in now):
                    raise Conflict(f"this file's forms for day {form.day} were imported already")
            table.insert_multiple(to_doc(f) for f in forms)

    def add_followup_call(self, call: FollowUpCall) -> None:
        self._append(FOLLOWUP_CALLS, [to_doc(call)])

    def add_caller_assignments(self, *assignments: CallerAssignment) -> None:
        """Callers for follow-up calls (one, or a whole spread), in one write."""
        self._append(CALLER_ASSIGNMENTS, [to_doc(a) for a in assignments])

    def add_call_attempt(self, attempt: CallAttempt) -> None:
        self._append(CALL_ATTEMPTS, [to_doc(attempt)])

    def add_impact_report(self, report: ImpactReport) -> None:
        self._append(IMPACT_REPORTS, [to_doc(report)])

    def add_self_assessments(self, assessments: list[SelfAssessment]) -> None:
        """Self-assessments of one stage, in one write; a person with one standing at that
        stage already (another process may have stored it meanwhile) is refused."""
        with self.db.transaction() as db:
            table = db.table(SELF_ASSESSMENTS)
            adding: set[tuple[str, str]] = set()
            for new in assessments:
                mine = (where("cohort") == new.cohort) & (where("person") == new.person)
                now = standing(from_doc(SelfAssessment, d) for d in table.search(mine))
                stored = any(a.stage == new.stage for a in now) or (new.person, new.stage) in adding
                if not new.replaces and stored:
                    raise Conflict(
                        f"a self-assessment {new.stage.label} is already stored for one of them"
                    )
                adding.add((new.person, new.stage))
            table.insert_multiple(to_doc(a) for a in assessments)

    def add_reflection(self, reflection: Reflection) -> None:
        self._append(REFLECTIONS, [to_doc(reflection)])

    def add_lesson(self, *notes: LessonNote) -> None:
        """One note or several (the app saves every section changed in one write)."""
        self._append(LESSONS, [to_doc(n) for n in notes])

    def add_consent_mark(self, mark: ConsentMark) -> None:
        self._append(CONSENT_MARKS, [to_doc(mark)])

    def add_quote_stars(self, *stars: QuoteStar) -> None:
        """Stars of one quote (every report that carries it) land in one write."""
        self._append(QUOTE_STARS, [to_doc(s) for s in stars])

    def mark_attendance(self, marks: Iterable[AttendanceMark]) -> None:
        self._append(ATTENDANCE, [to_doc(m) for m in marks])

    def add_activity(self, activity: DemoActivity) -> None:
        """A demo run of the days, every kind of record, in one write."""
        with self.db.transaction() as db:
            for table, records in vars(activity).items():
                db.table(table).insert_multiple(to_doc(r) for r in records)

    def _append(self, table: str, docs: list[dict[str, Any]]) -> None:
        self.db.append(table, docs)

    def import_cohort(
        self, cohort: Cohort, records: dict[str, list[dict[str, Any]]], source: str = ""
    ) -> None:
        """Add a whole cohort at once (from an export that json_format.parse_export checked);
        refused, with nothing written, when the cohort, its name or the id of any of its
        records (in any table) is here already. ``source`` names the file in messages."""
        self.import_cohorts([(cohort, records, source)])

    def import_cohorts(
        self,
        cohorts: Iterable[tuple[Cohort, dict[str, list[dict[str, Any]]], str]],
        *,
        replace: bool = False,
    ) -> list[str]:
        """Several whole cohorts (cohort, records, source file) in ONE write: all or nothing.
        Each is refused as ``import_cohort`` refuses it, and so is a cohort (its id or its
        name) or a record id that two of them share, the message naming both files.

        With ``replace``, a cohort already here is replaced by its file when the file holds
        every record this database has of it (a later export of the same room: records are
        only ever added), else refused; its pseudonym secret is kept. Returns the ids of the
        cohorts replaced."""
        cohorts = list(cohorts)
        with self.db.transaction() as db:
            table = db.table(COHORTS)
            here = table.all()
            coming = {cohort.id for cohort, _records, _source in cohorts}
            replaced = {d["id"] for d in here if d["id"] in coming} if replace else set()
            everything = db.storage.read()
            for cohort, records, source in cohorts:
                if cohort.id in replaced:
                    _check_later_export(everything, cohort, records, source or str(self.path))
            here_ids = {d["id"] for d in here if d["id"] not in replaced}
            here_names = {name_key(d["name"]) for d in here if d["id"] not in replaced}
            stored = {
                doc.get("id"): name
                for name, docs in everything.items()
                for doc in docs.values()
                if not (doc.get("cohort") in replaced and name in COHORT_TABLES)
                and not (name == COHORTS and doc.get("id") in replaced)
            }
            ids: dict[str, str] = {}  # a cohort id among the files -> its file
            names: dict[str, str] = {}  # a cohort name among the files -> its file
            used: dict[str, tuple[str, str]] = {}  # a record id -> (its file, its table)
            for cohort, records, source in cohorts:
                named = source or str(self.path)
                if cohort.id in here_ids:
                    raise Conflict(
                        f"{named}: cohort {cohort.name!r} ({cohort.id}) is already here; "
                        "nothing imported"
                    )
                if cohort.id in ids:
                    raise Conflict(
                        f"{named}: cohort {cohort.name!r} ({cohort.id}) is also in "
                        f"{ids[cohort.id]}; nothing imported"
                    )
                name = name_key(cohort.name)
                if name in here_names:
                    raise Conflict(
                        f"{named}: a cohort named {cohort.name!r} already exists; nothing imported"
                    )
                if name in names:
                    raise Conflict(
                        f"{named}: a cohort named {cohort.name!r} is also in {names[name]}; "
                        "nothing imported"
                    )
                ids[cohort.id] = names[name] = named
                for kind, docs in records.items():
                    for number, doc in enumerate(docs, start=1):
                        if doc["id"] in stored:
                            raise Conflict(
                                f"{named}: table '{kind}' record {number} (id {doc['id']}): id: "
                                f"already used in this database (table '{stored[doc['id']]}'); "
                                "nothing imported"
                            )
                        if doc["id"] in used:
                            other, other_table = used[doc["id"]]
                            raise Conflict(
                                f"{named}: table '{kind}' record {number} (id {doc['id']}): id: "
                                f"also used in {other} (table '{other_table}'); nothing imported"
                            )
                        used[doc["id"]] = (named, kind)
            if replaced:
                table.remove(where("id").one_of(list(replaced)))
                for kind in COHORT_TABLES:
                    db.table(kind).remove(where("cohort").one_of(list(replaced)))
            for cohort, records, _source in cohorts:
                table.insert(to_doc(cohort))
                for kind, docs in records.items():
                    db.table(kind).insert_multiple(docs)
        return sorted(replaced)
