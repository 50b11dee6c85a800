"""Evaluation forms and their tally: per question the Number who answered and the Average.

Not everyone answers every question: a blank is "not answered" and counts in neither the
number nor the average. Forms come from a CSV (``parse_forms_csv``) or are keyed on screen.
A stored form is never changed: a correction is a new form that names the one it replaces, a
withdrawal a copy marked withdrawn (as in ``corrections``); only standing forms are counted.

The form records (EvaluationForm, Answer, Comment) are in lp_tui/domain/model.py.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from lp_tui.domain.corrections import standing
from lp_tui.domain.csv_input import InputError, read_csv
from lp_tui.domain.model import Answer, Comment, EvaluationForm
from lp_tui.domain.programme import COMMENT_PREFIX, FORM_COLUMNS, Question, heading_name
from lp_tui.domain.text import read_whole_number

RATINGS = (1, 2, 3, 4, 5)
MAX_FORM_NUMBER = 9999
MAX_TABLE_NUMBER = 99


def read_rating(text: str) -> int | None:
    """An answer as typed: 1 to 5, or blank for not answered; anything else is a ValueError."""
    text = text.strip()
    if not text:
        return None
    if len(text) == 1 and text in "12345":
        return int(text)
    raise ValueError(f"{shown(text)} is not a rating from 1 to 5 or blank")


def read_table(text: str, tables: Collection[int] | None = None) -> int:
    """A form's table as typed while keying: a table number (one of ``tables`` when given), or
    blank for not known (0); anything else is a ValueError saying why."""
    text = text.strip()
    if not text:
        return 0
    number = read_whole_number(text, MAX_TABLE_NUMBER)
    if number is None or number < 1:
        raise ValueError(f"{shown(text)} is not a table number")
    if tables is not None and number not in tables:
        listed = ", ".join(str(t) for t in sorted(tables)) or "none"
        raise ValueError(f"there is no table {number} today (its tables: {listed})")
    return number


def shown(value: str) -> str:
    """A value quoted in a message, cut short when long."""
    return repr(value if len(value) <= 24 else value[:20] + "…")


def corrected_form(
    form: EvaluationForm, ratings: Mapping[str, int | None], *, id: str, at: str
) -> EvaluationForm:
    """A new form that replaces ``form``: the same, with the given questions' answers."""
    answers = [Answer(a.question, ratings.get(a.question, a.rating)) for a in form.answers]
    have = {a.question for a in form.answers}
    answers += [Answer(key, rating) for key, rating in ratings.items() if key not in have]
    return replace(form, id=id, at=at, answers=tuple(answers), replaces=form.id, withdrawn=False)


def withdrawn_form(form: EvaluationForm, *, id: str, at: str) -> EvaluationForm:
    """A new record that takes ``form`` out of the count; the form itself stays in the file."""
    return replace(form, id=id, at=at, replaces=form.id, withdrawn=True)


def commonest_comments(
    forms: Iterable[EvaluationForm], free_text: Sequence[Question], most: int = 8
) -> list[tuple[str, list[tuple[str, int]]]]:
    """The ``most`` commonest comments under the free-text question each answers (its label),
    or under "Comments" (any other column, listed last); comments alike but for case and outer
    spaces count as one, shown as first written."""
    labels = {q.key: q.label for q in free_text}
    headings: dict[str, Counter[str]] = {}
    as_typed: dict[str, str] = {}  # a comment, whatever its case, as first written
    for form in forms:
        for comment in form.comments:
            if said := comment.text.strip():
                folded = said.casefold()
                as_typed.setdefault(folded, said)
                heading = labels.get(comment.question, "Comments")
                headings.setdefault(heading, Counter())[folded] += 1
    return [
        (heading, [(as_typed[c], n) for c, n in counted.most_common(most)])
        for heading, counted in sorted(headings.items(), key=lambda h: h[0] == "Comments")
    ]


def comment_heading(comment: Comment, free_text: Sequence[Question]) -> str:
    """What a comment answers: its free-text question's label, else the column it was under."""
    for question in free_text:
        if question.key == comment.question:
            return question.label
    return comment.column


@dataclass(frozen=True, slots=True)
class QuestionTally:
    """One question's ratings, counted."""

    key: str
    label: str
    recommend: bool
    number: int
    blank: int
    average: float | None
    distribution: dict[int, int]


@dataclass(frozen=True, slots=True)
class Tally:
    """A day's forms, counted question by question."""

    day: int
    forms: int
    questions: tuple[QuestionTally, ...]


def tally(day: int, questions: Sequence[Question], forms: Sequence[EvaluationForm]) -> Tally:
    """The tally of the forms that stand (corrections counted, withdrawn forms not)."""
    forms = standing(forms)
    rows = []
    for question in questions:
        given = [r for f in forms if (r := f.rating(question.key)) is not None]
        distribution = {rating: given.count(rating) for rating in RATINGS}
        rows.append(
            QuestionTally(
                key=question.key,
                label=question.label,
                recommend=question.recommend,
                number=len(given),
                blank=len(forms) - len(given),
                average=sum(given) / len(given) if given else None,
                distribution=distribution,
            )
        )
    return Tally(day=day, forms=len(forms), questions=tuple(rows))


def keying_differences(
    questions: Sequence[Question], stored: EvaluationForm, answers: Sequence[Answer]
) -> list[str]:
    """Where a second keying of a form disagrees with the stored one, in words."""
    keyed = {answer.question: answer.rating for answer in answers}
    return [
        f"{q.label}: stored {rating_text(stored.rating(q.key))}, "
        f"keyed {rating_text(keyed.get(q.key))}"
        for q in differing_questions(questions, stored, answers)
    ]


def differing_questions(
    questions: Sequence[Question], stored: EvaluationForm, answers: Sequence[Answer]
) -> list[Question]:
    """The questions a second keying of a form answers otherwise than the stored form."""
    keyed = {answer.question: answer.rating for answer in answers}
    return [q for q in questions if stored.rating(q.key) != keyed.get(q.key)]


def rating_text(rating: int | None) -> str:
    """An answer as shown: its rating, or "blank" when not answered."""
    return "blank" if rating is None else str(rating)


def one_dp(value: float | None) -> str:
    """The report's one decimal place, rounding halves up (4.65 -> 4.7), '-' when none."""
    if value is None:
        return "-"
    return f"{int(value * 10 + 0.5 + 1e-9) / 10:.1f}"


def fingerprint(text: str) -> str:
    """The fingerprint of a file's raw text (what forms stored before rows_fingerprint carry)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class FormRow:
    """One row of a forms CSV, read."""

    row: int
    number: int | None
    answers: tuple[Answer, ...]
    comments: tuple[Comment, ...]
    table: int = 0


def rows_fingerprint(rows: Iterable[FormRow]) -> str:
    """The same forms give the same fingerprint however their file was laid out: line ends,
    column order, header case, row order, blank answers and spacing in comments do not count."""
    canonical = sorted(
        (
            row.number or 0,
            row.table,
            tuple(sorted((a.question, a.rating) for a in row.answers if a.rating is not None)),
            tuple(
                sorted(
                    (c.question or heading_name(c.column), " ".join(c.text.split()))
                    for c in row.comments
                )
            ),
        )
        for row in rows
    )
    return "rows:" + hashlib.sha256(repr(canonical).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class _Column:
    """One column of a forms CSV: what it holds."""

    kind: str  # form, table, question, free_text, comment or blank
    key: str  # the question's key, else the header as written
    header: str


def parse_forms_csv(
    text: str,
    source: str,
    questions: Sequence[Question],
    *,
    free_text: Sequence[Question] = (),
    tables: Collection[int] | None = None,
    day: int | None = None,
) -> list[FormRow]:
    """One form a row. A column is a question when its header is the question's key or label
    (any case, outer spaces ignored); 'form' holds the form's number, 'table' its table (one of
    ``tables`` when given); a free-text question's column, or one whose header starts with
    'comment', holds comments. Any other column is refused, naming it and the day's questions."""
    header, rows_read = read_csv(text, source)
    columns = _columns(header, source, questions, free_text, day)
    if not any(column.kind == "question" for column in columns):
        raise InputError(
            source, f"no column matches a question of {_day(day)} ({_keys(questions)})", 1
        )
    forms: list[FormRow] = []
    numbers: dict[int, int] = {}
    for row, values in rows_read:
        forms.append(_form_row(values, columns, row, source, numbers, tables, day))
    if not forms:
        raise InputError(source, "no forms in the file")
    return forms


def _day(day: int | None) -> str:
    return f"day {day}" if day is not None else "this day"


def _keys(questions: Sequence[Question]) -> str:
    return ", ".join(q.key for q in questions) or "none"


def _columns(
    header: list[str],
    source: str,
    questions: Sequence[Question],
    free_text: Sequence[Question],
    day: int | None,
) -> list[_Column]:
    rated = {}
    for question in questions:
        rated[heading_name(question.key)] = question.key
        rated[heading_name(question.label)] = question.key
    worded = {}
    for question in free_text:
        worded[heading_name(question.key)] = question.key
        worded[heading_name(question.label)] = question.key
    columns: list[_Column] = []
    seen: set[tuple[str, str]] = set()
    for index, raw in enumerate(header, start=1):
        name = " ".join(raw.split())
        folded = name.casefold()
        if not name:
            column = _Column("blank", f"column {index}", f"column {index}")
        elif folded in FORM_COLUMNS:
            column = _Column(folded, folded, name)
        elif folded in rated:
            column = _Column("question", rated[folded], name)
        elif folded in worded:
            column = _Column("free_text", worded[folded], name)
        elif folded.startswith(COMMENT_PREFIX):
            column = _Column("comment", name, name)
        else:
            comments = ", ".join(q.key for q in free_text)
            raise InputError(
                source,
                f"not a question of {_day(day)} (its questions: {_keys(questions)}; "
                f"comment columns: {comments + ', or ' if comments else ''}"
                f"a header starting '{COMMENT_PREFIX}')",
                1,
                name,
            )
        if column.kind not in ("comment", "blank"):
            if (column.kind, column.key) in seen:
                raise InputError(source, f"the same {_what(column)} appears twice", 1, name)
            seen.add((column.kind, column.key))
        columns.append(column)
    return columns


def _what(column: _Column) -> str:
    return "question" if column.kind in ("question", "free_text") else "column"


def _form_row(
    values: list[str],
    columns: list[_Column],
    row: int,
    source: str,
    numbers: dict[int, int],
    tables: Collection[int] | None,
    day: int | None,
) -> FormRow:
    answers: list[Answer] = []
    comments: list[Comment] = []
    number: int | None = None
    table = 0
    for index, column in enumerate(columns):
        value = values[index].strip() if index < len(values) else ""
        if column.kind == "form":
            if value:
                number = read_whole_number(value, MAX_FORM_NUMBER)
                if number is None:
                    raise InputError(
                        source,
                        f"{shown(value)} is not a form number (a whole number from 1 to "
                        f"{MAX_FORM_NUMBER})",
                        row,
                        column.header,
                    )
                if number in numbers:
                    raise InputError(
                        source,
                        f"form {number} is also on row {numbers[number]}",
                        row,
                        column.header,
                    )
                numbers[number] = row
        elif column.kind == "table":
            if value:
                table = _table(value, tables, day, source, row, column.header)
        elif column.kind == "question":
            try:
                answers.append(Answer(column.key, read_rating(value)))
            except ValueError as error:
                raise InputError(source, str(error), row, column.header) from None
        elif column.kind == "blank":
            if value:
                raise InputError(
                    source, f"{shown(value)} is in a column with no header", row, column.key
                )
        elif value:
            question = column.key if column.kind == "free_text" else ""
            comments.append(Comment(column.header, value, question))
    return FormRow(row, number, tuple(answers), tuple(comments), table)


def _table(
    value: str,
    tables: Collection[int] | None,
    day: int | None,
    source: str,
    row: int,
    header: str,
) -> int:
    number = read_whole_number(value, MAX_TABLE_NUMBER)
    if number is None:
        raise InputError(source, f"{shown(value)} is not a table number", row, header)
    if tables is not None and number not in tables:
        listed = ", ".join(str(t) for t in sorted(tables)) or "none"
        raise InputError(
            source, f"there is no table {number} on {_day(day)} (its tables: {listed})", row, header
        )
    return number


def number_forms(rows: Iterable[FormRow], taken: set[int]) -> list[tuple[int, FormRow]]:
    """Each row's form number: its own, else the next one free after the numbers in use."""
    rows = list(rows)
    used = set(taken) | {r.number for r in rows if r.number is not None}
    next_free = max(used, default=0) + 1
    numbered = []
    for row in rows:
        if row.number is not None:
            numbered.append((row.number, row))
        else:
            numbered.append((next_free, row))
            next_free += 1
    return numbered
