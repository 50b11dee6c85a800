"""Self-assessment before and after the course: each participant rates themselves 1-5 against
the programme's seven characteristics and six objectives, before the course, at its end and
three months on; the summary gives per statement and stage the number and average, and for
people rated at two stages the mean paired change.

Statements and their keys: the programme file lists ``characteristics`` and ``objectives`` as
plain text with no keys, so their keys are derived from their place in those lists, stable as
long as the lists keep their order: ``c1``..``c7`` for the characteristics, then ``o1``..``o6``
for the objectives (``c1`` is "Lived experience as a patient and/or carer"). A CSV column may
name a statement by its key or its text (any case, outer and repeated spaces ignored).

The CSV (``parse_self_assessment_csv``) is all or nothing, as a ratings import is: a column
that names no statement, a value that is not 1-5 or blank, an unknown, ambiguous or
non-participant name, a person twice in the file, stop it with one line naming the file, row
and field. A blank answer is not answered; a row rating nothing is refused.

A stored self-assessment is never changed (``replaces``/``withdrawn`` as in corrections): the
summary counts the standing ones, the latest per person and stage.

A paper sheet can also be keyed on screen twice, one keystroke a statement (``DoubleEntry``):
where the keyings differ those statements are keyed again until two keyings of each agree.

The SelfAssessment record and its stages are in lp_tui/domain/model.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from lp_tui.domain.corrections import standing
from lp_tui.domain.csv_input import InputError, read_csv
from lp_tui.domain.lookup import NotFound, find
from lp_tui.domain.model import Answer, AssessmentStage, Person, Role, SelfAssessment
from lp_tui.domain.programme import Programme, heading_name
from lp_tui.domain.tally import RATINGS, read_rating, shown

NAME_COLUMN = "name"


STAGES = tuple(AssessmentStage)
# The changes the summary gives: from an earlier stage to a later one.
PAIRS = (
    (AssessmentStage.BEFORE, AssessmentStage.END),
    (AssessmentStage.BEFORE, AssessmentStage.THREE_MONTHS),
    (AssessmentStage.END, AssessmentStage.THREE_MONTHS),
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement a participant rates themself on."""

    key: str  # c1..c7, o1..o6
    label: str  # the programme's text
    kind: str  # characteristic or objective


def statements(programme: Programme) -> tuple[Statement, ...]:
    """The programme's characteristics (c1, c2...) then its objectives (o1, o2...)."""
    return tuple(
        Statement(f"c{n}", text, "characteristic")
        for n, text in enumerate(programme.characteristics, start=1)
    ) + tuple(
        Statement(f"o{n}", text, "objective") for n, text in enumerate(programme.objectives, 1)
    )


# ---------------------------------------------------------------- the CSV


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    """One row of a self-assessment CSV, read."""

    row: int
    person: Person
    answers: tuple[Answer, ...]  # the statements answered (blanks left out)


def parse_self_assessment_csv(
    text: str,
    source: str,
    items: Sequence[Statement],
    people: Sequence[Person],
    *,
    stage: AssessmentStage,
    stored: Iterable[SelfAssessment] = (),
) -> list[AssessmentRow]:
    """One person a row: ``name`` (a participant on the roster, as lookup.find matches names)
    and a column per statement (its key or text). ``stored`` are the cohort's self-assessments:
    a person with one standing at ``stage`` is refused. Raises InputError, one line."""
    header, rows_read = read_csv(text, source, needs=" with 'name' and the statements")
    columns = _columns(header, source, items)
    if NAME_COLUMN not in columns:
        raise InputError(source, "no 'name' column", 1)
    if len(columns) == 1:
        raise InputError(source, f"no column matches a statement ({_keys(items)})", 1)
    already = {a.person for a in standing(stored) if a.stage == stage}
    seen: dict[str, int] = {}
    rows: list[AssessmentRow] = []
    for row, values in rows_read:
        rows.append(_row(values, columns, header, row, source, people, stage, already, seen))
    if not rows:
        raise InputError(source, "no one's self-assessment in the file")
    return rows


def _keys(items: Sequence[Statement]) -> str:
    return ", ".join(s.key for s in items) or "none"


def _columns(header: list[str], source: str, items: Sequence[Statement]) -> list[str]:
    """Each column's statement key, 'name', or '' for a column with no header."""
    named: dict[str, str] = {}
    for item in items:
        named[heading_name(item.key)] = item.key
        named[heading_name(item.label)] = item.key
    columns: list[str] = []
    for raw in header:
        folded = heading_name(raw)
        if not folded:
            columns.append("")
            continue
        if folded == NAME_COLUMN:
            key = NAME_COLUMN
        elif folded in named:
            key = named[folded]
        else:
            raise InputError(
                source,
                f"not a statement of the programme (its statements: {_keys(items)}, or their text)",
                1,
                " ".join(raw.split()),
            )
        if key in columns:
            what = "column" if key == NAME_COLUMN else "statement"
            raise InputError(source, f"the same {what} appears twice", 1, " ".join(raw.split()))
        columns.append(key)
    return columns


def _row(
    values: list[str],
    columns: list[str],
    header: list[str],
    row: int,
    source: str,
    people: Sequence[Person],
    stage: AssessmentStage,
    already: set[str],
    seen: dict[str, int],
) -> AssessmentRow:
    answers: list[Answer] = []
    name = ""
    for index, key in enumerate(columns):
        value = values[index].strip() if index < len(values) else ""
        field = " ".join(header[index].split())
        if key == NAME_COLUMN:
            name = value
        elif not key:
            if value:
                raise InputError(
                    source,
                    f"{shown(value)} is in a column with no header",
                    row,
                    f"column {index + 1}",
                )
        else:
            try:
                rating = read_rating(value)
            except ValueError as error:
                raise InputError(source, str(error), row, field) from None
            if rating is not None:
                answers.append(Answer(key, rating))
    name_field = next(
        " ".join(h.split()) for h, k in zip(header, columns, strict=True) if k == NAME_COLUMN
    )
    if not name:
        raise InputError(source, "no name", row, name_field)
    try:
        person = find(people, name, "person")
    except NotFound as error:  # the name quoted cut short, as a rating is
        problem = str(error).replace(repr(name), shown(name))
        raise InputError(source, problem, row, name_field) from None
    if person.role is not Role.PARTICIPANT:
        raise InputError(
            source, f"{person.name!r} is a {person.role.value}, not a participant", row, name_field
        )
    if person.id in seen:
        raise InputError(
            source, f"{person.name!r} is also on row {seen[person.id]}", row, name_field
        )
    if person.id in already:
        raise InputError(
            source,
            f"{person.name!r} has a self-assessment {stage.label} already stored",
            row,
            name_field,
        )
    seen[person.id] = row
    if not answers:
        raise InputError(source, f"{person.name!r} rates no statement", row, name_field)
    return AssessmentRow(row, person, tuple(answers))


# ---------------------------------------------------------------- the summary


@dataclass(frozen=True, slots=True)
class StageResult:
    """One statement's ratings at one stage: how many, and their mean."""

    number: int
    average: float | None  # unrounded; None when no one answered


@dataclass(frozen=True, slots=True)
class PairedChange:
    """How one statement's ratings moved between two stages, for the people rated at both."""

    first: AssessmentStage
    then: AssessmentStage
    pairs: int  # people who rated the statement at both stages
    mean_change: float | None  # the mean of (then - first) over them; None with no pairs


@dataclass(frozen=True, slots=True)
class StatementSummary:
    """One statement's ratings at each stage and their changes."""

    key: str
    label: str
    stages: Mapping[AssessmentStage, StageResult]
    pairs: tuple[PairedChange, ...]


@dataclass(frozen=True, slots=True)
class SelfAssessmentSummary:
    """A cohort's self-assessments, summarised statement by statement."""

    assessed: Mapping[AssessmentStage, int]  # people with a self-assessment at each stage
    statements: tuple[StatementSummary, ...]


def latest(
    assessments: Iterable[SelfAssessment],
) -> dict[tuple[str, AssessmentStage], SelfAssessment]:
    """Each (person, stage)'s standing self-assessment, the latest made when there are more."""
    found: dict[tuple[str, AssessmentStage], SelfAssessment] = {}
    for assessment in sorted(standing(assessments), key=lambda a: a.at):
        found[(assessment.person, assessment.stage)] = assessment
    return found


def summarise(
    items: Sequence[Statement], assessments: Iterable[SelfAssessment]
) -> SelfAssessmentSummary:
    """Per statement and stage the number who rated it and the average; per pair of stages the
    people who rated it at both and their mean change. Only ratings 1-5 count."""
    current = latest(assessments)
    by_stage: dict[AssessmentStage, dict[str, SelfAssessment]] = {s: {} for s in STAGES}
    for (person, stage), assessment in current.items():
        by_stage[stage][person] = assessment
    rows = []
    for item in items:
        given = {
            stage: {
                person: rating
                for person, a in found.items()
                if (rating := a.rating(item.key)) in RATINGS
            }
            for stage, found in by_stage.items()
        }
        results = {
            stage: StageResult(len(r), sum(r.values()) / len(r) if r else None)
            for stage, r in given.items()
        }
        changes = []
        for first, then in PAIRS:
            both = given[first].keys() & given[then].keys()
            deltas = [given[then][p] - given[first][p] for p in both]
            mean = sum(deltas) / len(deltas) if deltas else None
            changes.append(PairedChange(first, then, len(deltas), mean))
        rows.append(StatementSummary(item.key, item.label, results, tuple(changes)))
    assessed = {stage: len(found) for stage, found in by_stage.items()}
    return SelfAssessmentSummary(assessed, tuple(rows))


def signed_one_dp(value: float | None) -> str:
    """A change to one decimal place with its sign (+0.5, -1.3, 0.0), halves away from zero;
    '-' when there is none."""
    if value is None:
        return "-"
    tenths = int(abs(value) * 10 + 0.5 + 1e-9)
    if tenths == 0:
        return "0.0"
    return f"{'+' if value > 0 else '-'}{tenths / 10:.1f}"


# ---------------------------------------------------------------- keyed from paper, twice

# The keys that leave a statement not answered when a sheet is keyed on screen.
BLANK_KEYS = ("0", "space")
FIRST, SECOND, AGAIN, AGREED = "first", "second", "again", "agreed"


def keyed_rating(key: str) -> int | None:
    """A keystroke as an answer: 1-5 rates, 0 or space leaves it not answered; anything else is
    a ValueError (the screen lets such a key go on to the app)."""
    if len(key) == 1 and key in "12345":
        return int(key)
    if key in BLANK_KEYS:
        return None
    raise ValueError(f"{key!r} is not an answer")


def assessed_at(stored: Iterable[SelfAssessment], stage: AssessmentStage) -> set[str]:
    """The people with a self-assessment standing at ``stage``."""
    return {a.person for a in standing(stored) if a.stage == stage}


@dataclass(frozen=True, slots=True)
class DoubleEntry:
    """A paper sheet keyed twice, one keystroke a statement. Where the two keyings differ, the
    differing statements are keyed again: an answer stands once two keyings of it agree (the
    new one and either earlier one); while none agree, the last two keyings are kept."""

    total: int  # the statements on the sheet
    first: tuple[int | None, ...] = ()
    second: tuple[int | None, ...] = ()
    fixing: tuple[int, ...] = ()  # the statements (indexes) being keyed again
    again: tuple[int | None, ...] = ()  # the answers keyed for them so far

    @property
    def step(self) -> str:
        if len(self.first) < self.total:
            return FIRST
        if len(self.second) < self.total:
            return SECOND
        return AGAIN if self.fixing else AGREED

    @property
    def current(self) -> int | None:
        """The statement the next keystroke answers (its index); None once agreed."""
        step = self.step
        if step == FIRST:
            return len(self.first)
        if step == SECOND:
            return len(self.second)
        if step == AGAIN:
            return self.fixing[len(self.again)]
        return None

    @property
    def differing(self) -> tuple[int, ...]:
        """The statements both keyings answered, differently."""
        return tuple(
            i for i, (a, b) in enumerate(zip(self.first, self.second, strict=False)) if a != b
        )

    def key(self, rating: int | None) -> DoubleEntry:
        """The sheet with the next keystroke's answer; the same once agreed."""
        step = self.step
        if step == FIRST:
            return replace(self, first=(*self.first, rating))
        if step == SECOND:
            keyed = replace(self, second=(*self.second, rating))
            if len(keyed.second) == self.total:
                return replace(keyed, fixing=keyed.differing)
            return keyed
        if step == AGAIN:
            again = (*self.again, rating)
            if len(again) < len(self.fixing):
                return replace(self, again=again)
            first, second = list(self.first), list(self.second)
            for index, value in zip(self.fixing, again, strict=True):
                if value in (first[index], second[index]):
                    first[index] = second[index] = value
                else:
                    first[index], second[index] = second[index], value
            settled = replace(self, first=tuple(first), second=tuple(second), again=())
            return replace(settled, fixing=settled.differing)
        return self

    def back(self) -> DoubleEntry:
        """One keystroke back: within the keying under way, never into an earlier one."""
        step = self.step
        if step == FIRST and self.first:
            return replace(self, first=self.first[:-1])
        if step == SECOND and self.second:
            return replace(self, second=self.second[:-1])
        if step == AGAIN and self.again:
            return replace(self, again=self.again[:-1])
        return self

    @property
    def progress(self) -> str:
        step = self.step
        if step == FIRST:
            return f"First keying: {len(self.first)} of {self.total}"
        if step == SECOND:
            return f"Second keying: {len(self.second)} of {self.total}"
        if step == AGAIN:
            many = len(self.fixing)
            return (
                f"The keyings differ on {many} statement{'s' if many != 1 else ''}: key "
                f"{'them' if many != 1 else 'it'} again from the paper "
                f"({len(self.again)} of {many})"
            )
        return "Both keyings agree"

    def answers(self, items: Sequence[Statement]) -> tuple[Answer, ...]:
        """The agreed answers, the statements not answered left out (as in the CSV)."""
        if self.step != AGREED:
            raise ValueError("the two keyings do not agree yet")
        return tuple(
            Answer(item.key, rating)
            for item, rating in zip(items, self.first, strict=True)
            if rating is not None
        )
