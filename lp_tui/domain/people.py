"""Finding people on the roster: role groups and search as you type."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from lp_tui.domain.model import ROLE_ORDER, Person, Role


class RoleGroup(StrEnum):
    ALL = "all"
    PARTICIPANTS = "participants"
    COACHES = "coaches"
    PRESENTERS = "presenters"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    def includes(self, person: Person) -> bool:
        return {
            RoleGroup.ALL: True,
            RoleGroup.PARTICIPANTS: person.role is Role.PARTICIPANT,
            RoleGroup.COACHES: person.role is Role.COACH,
            RoleGroup.PRESENTERS: person.role is Role.PRESENTER,
            RoleGroup.STAFF: person.role in (Role.FACILITATOR, Role.SUPPORT),
        }[self]


def by_role_then_name(people: Iterable[Person]) -> list[Person]:
    def key(person: Person) -> tuple[int, str, str]:
        kind = person.presenter_kind.value if person.presenter_kind else ""
        return ROLE_ORDER.index(person.role), kind, person.name.casefold()

    return sorted(people, key=key)


def matches(person: Person, query: str) -> bool:
    """Every word of the query is in the name, role, organisation, needs or project."""
    haystack = " ".join(
        (
            person.name,
            person.role_label,
            person.role.value,
            person.organisation,
            person.experience.value if person.experience else "",
            person.access_needs,
            "access needs" if person.access_needs else "",
            person.project,
        )
    ).casefold()
    return all(word in haystack for word in query.casefold().split())


def search(people: Iterable[Person], query: str, group: RoleGroup = RoleGroup.ALL) -> list[Person]:
    return [p for p in by_role_then_name(people) if group.includes(p) and matches(p, query)]


def group_counts(people: Iterable[Person]) -> dict[RoleGroup, int]:
    people = list(people)
    return {group: sum(1 for p in people if group.includes(p)) for group in RoleGroup}
