"""Roster CSV: validate every row first, then build people; one bad row rejects the file.

Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from lp_tui.domain.csv_input import InputError, read_csv
from lp_tui.domain.model import Experience, Person, PresenterKind, Role, new_id
from lp_tui.domain.text import clean_name, name_key

REQUIRED = ("name",)
OPTIONAL = (
    "role",
    "presenter_kind",
    "organisation",
    "experience",
    "access_needs",
    "followup_call",
    "project",
    "accessible_table",
    "consent_quotes",
)
MAX_TEXT = 500
E = TypeVar("E", Role, PresenterKind, Experience)
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


@dataclass(frozen=True, slots=True)
class RosterRow:
    row: int
    name: str
    role: Role
    presenter_kind: PresenterKind | None
    organisation: str
    experience: Experience | None
    access_needs: str
    followup_call: bool | None
    project: str
    accessible_table: bool = False
    consent_quotes: bool = False

    def person(self, cohort: str) -> Person:
        return Person(
            id=new_id(),
            cohort=cohort,
            name=self.name,
            role=self.role,
            presenter_kind=self.presenter_kind,
            organisation=self.organisation,
            experience=self.experience,
            access_needs=self.access_needs,
            followup_call=self.followup_call,
            project=self.project,
            accessible_table=self.accessible_table,
            consent_quotes=self.consent_quotes,
        )


def parse_roster_csv(text: str, source: str, existing_names: Iterable[str] = ()) -> list[RosterRow]:
    """Every row of a roster, validated; raises InputError on the first problem found."""
    header, rows_read = read_csv(text, source, " with 'name'")
    columns = [h.strip().lower() for h in header]
    for index, column in enumerate(columns):
        if column not in REQUIRED + OPTIONAL:
            known = ", ".join(REQUIRED + OPTIONAL)
            raise InputError(
                source, f"unknown column {header[index]!r} (columns: {known})", 1, header[index]
            )
        if columns.index(column) != index:
            raise InputError(source, "column appears twice", 1, column)
    for column in REQUIRED:
        if column not in columns:
            raise InputError(source, "required column is missing", 1, column)

    # the same name: ignoring case, spacing, invisible characters and Unicode normal form
    taken = {name_key(name): "the cohort's roster" for name in existing_names}
    rows: list[RosterRow] = []
    for number, values in rows_read:
        cells = dict(zip(columns, (v.strip() for v in values), strict=False))
        row = _parse_row(cells, number, source)
        key = name_key(row.name)
        if key in taken:
            raise InputError(source, f"{row.name!r} is already on {taken[key]}", number, "name")
        taken[key] = f"row {number}"
        rows.append(row)
    if not rows:
        raise InputError(source, "no people in the file")
    return rows


def _parse_row(cells: dict[str, str], row: int, source: str) -> RosterRow:
    def text(field: str) -> str:
        value = cells.get(field, "")
        if len(value) > MAX_TEXT:
            raise InputError(source, f"longer than {MAX_TEXT} characters", row, field)
        return value

    name = clean_name(text("name"))
    if not name:
        raise InputError(source, "a name is required", row, "name")
    role = _choice(Role, text("role") or "participant", source, row, "role")
    kind_text = text("presenter_kind")
    presenter_kind = None
    if role is Role.PRESENTER:
        if not kind_text:
            raise InputError(
                source, "a presenter needs darzi_fellow or manager", row, "presenter_kind"
            )
        presenter_kind = _choice(PresenterKind, kind_text, source, row, "presenter_kind")
    elif kind_text:
        raise InputError(
            source, f"only presenters have a kind, not a {role.value}", row, "presenter_kind"
        )
    experience_text = text("experience")
    experience = (
        _choice(Experience, experience_text, source, row, "experience") if experience_text else None
    )
    return RosterRow(
        row=row,
        name=name,
        role=role,
        presenter_kind=presenter_kind,
        organisation=text("organisation"),
        experience=experience,
        access_needs=text("access_needs"),
        followup_call=_yes_no(text("followup_call"), source, row, "followup_call"),
        project=text("project"),
        accessible_table=bool(_yes_no(text("accessible_table"), source, row, "accessible_table")),
        consent_quotes=bool(_yes_no(text("consent_quotes"), source, row, "consent_quotes")),
    )


def _choice(enum: type[E], value: str, source: str, row: int, field: str) -> E:
    try:
        return enum(value.lower())
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InputError(source, f"{value!r} is not one of {allowed}", row, field) from None


def _yes_no(value: str, source: str, row: int, field: str) -> bool | None:
    lowered = value.lower()
    if not lowered:
        return None
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise InputError(source, f"{value!r} is not yes or no", row, field)
