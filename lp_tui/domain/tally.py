"""Evaluation forms and their tally: per question the Number who answered and the Average.

Not everyone answers every question: a blank is "not answered" and counts in neither the
number nor the average. Forms come from a CSV (``parse_forms_csv``) or are keyed on screen.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lp_tui.domain.csv_input import InputError, read_csv
from lp_tui.domain.programme import Question

RATINGS = (1, 2, 3, 4, 5)


@dataclass(frozen=True, slots=True)
class Answer:
    question: str  # the question's key
    rating: int | None  # None: left blank


@dataclass(frozen=True, slots=True)
class Comment:
    column: str
    text: str


@dataclass(frozen=True, slots=True)
class EvaluationForm:
    id: str
    cohort: str
    day: int
    number: int
    at: str
    answers: tuple[Answer, ...] = ()
    comments: tuple[Comment, ...] = ()
    source: str = ""  # fingerprint of the file it came from, for refusing a second import

    def rating(self, question: str) -> int | None:
        for answer in self.answers:
            if answer.question == question:
                return answer.rating
        return None


@dataclass(frozen=True, slots=True)
class QuestionTally:
    key: str
    label: str
    recommend: bool
    number: int
    blank: int
    average: float | None
    distribution: dict[int, int]


@dataclass(frozen=True, slots=True)
class Tally:
    day: int
    forms: int
    questions: tuple[QuestionTally, ...]


def tally(day: int, questions: Sequence[Question], forms: Sequence[EvaluationForm]) -> Tally:
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
    differences = []
    for question in questions:
        before, after = stored.rating(question.key), keyed.get(question.key)
        if before != after:
            shown = ["blank" if v is None else str(v) for v in (before, after)]
            differences.append(f"{question.label}: stored {shown[0]}, keyed {shown[1]}")
    return differences


def one_dp(value: float | None) -> str:
    """The report's one decimal place, rounding halves up (4.65 -> 4.7), '-' when none."""
    if value is None:
        return "-"
    return f"{int(value * 10 + 0.5 + 1e-9) / 10:.1f}"


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class FormRow:
    row: int
    number: int | None
    answers: tuple[Answer, ...]
    comments: tuple[Comment, ...]


def parse_forms_csv(text: str, source: str, questions: Sequence[Question]) -> list[FormRow]:
    """One form a row; a column is a question when its header is the question's key or label
    (any case, outer spaces ignored), 'form' is the form's number, any other is a comment."""
    header, rows_read = read_csv(text, source)
    by_name = {}
    for question in questions:
        by_name[question.key.casefold()] = question.key
        by_name[" ".join(question.label.split()).casefold()] = question.key
    columns: list[tuple[str, str]] = []  # (kind, name): kind is question, form or comment
    seen: set[tuple[str, str]] = set()
    for raw in header:
        name = " ".join(raw.split())
        folded = name.casefold()
        if folded == "form":
            kind, value = "form", "form"
        elif folded in by_name:
            kind, value = "question", by_name[folded]
        else:
            kind, value = "comment", name
        if (kind, value) in seen and kind != "comment":
            raise InputError(source, "the same question appears twice", 1, name)
        seen.add((kind, value))
        columns.append((kind, value))
    if not any(kind == "question" for kind, _ in columns):
        labels = "; ".join(q.label for q in questions)
        raise InputError(source, f"no column matches a question of this day ({labels})", 1)
    forms: list[FormRow] = []
    numbers: dict[int, int] = {}
    for row, values in rows_read:
        forms.append(_form_row(values, columns, header, row, source, numbers))
    if not forms:
        raise InputError(source, "no forms in the file")
    return forms


def _form_row(
    values: list[str],
    columns: list[tuple[str, str]],
    header: list[str],
    row: int,
    source: str,
    numbers: dict[int, int],
) -> FormRow:
    answers: list[Answer] = []
    comments: list[Comment] = []
    number: int | None = None
    for index, (kind, name) in enumerate(columns):
        value = values[index].strip() if index < len(values) else ""
        column = " ".join(header[index].split())
        if kind == "form":
            if value:
                if not value.isdigit() or int(value) < 1:
                    raise InputError(source, f"{value!r} is not a form number", row, column)
                number = int(value)
                if number in numbers:
                    raise InputError(
                        source, f"form {number} is also on row {numbers[number]}", row, column
                    )
                numbers[number] = row
        elif kind == "question":
            if value and (not value.isdigit() or int(value) not in RATINGS):
                raise InputError(
                    source, f"{value!r} is not a rating from 1 to 5 or blank", row, column
                )
            answers.append(Answer(name, int(value) if value else None))
        elif value:
            comments.append(Comment(name, value))
    return FormRow(row, number, tuple(answers), tuple(comments))


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
