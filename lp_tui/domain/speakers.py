"""Who speaks on an agenda item: a person on the roster (a facilitator, support or presenter),
or a guest named as typed. Naming one is a SPEAKER agenda event (lp_tui.domain.timers); the
speaker's own words afterwards are presenter feedback of kind PRESENTER, shown in the report
only with the speaker's consent, like a presenter's."""

from __future__ import annotations

from collections.abc import Sequence

from lp_tui.domain.model import Person, Role
from lp_tui.domain.people import fold

SPEAKER_ROLES = (Role.FACILITATOR, Role.SUPPORT, Role.PRESENTER)
MAX_GUEST_NAME = 80


def speaker_choices(people: Sequence[Person]) -> list[Person]:
    """The people on the roster who may speak on an item, by name."""
    return sorted((p for p in people if p.role in SPEAKER_ROLES), key=lambda p: fold(p.name))


def read_speaker(typed: str, people: Sequence[Person]) -> tuple[str, str]:
    """(person id, guest name) for a speaker as typed: a roster speaker whose name matches
    (ignoring case and accents) gives their id; any other name is a guest's; blank is nobody.
    A guest name longer than MAX_GUEST_NAME is a ValueError."""
    name = " ".join(typed.split())
    if not name:
        return "", ""
    for person in speaker_choices(people):
        if fold(person.name) == fold(name):
            return person.id, ""
    if len(name) > MAX_GUEST_NAME:
        raise ValueError(f"a guest's name is at most {MAX_GUEST_NAME} characters")
    return "", name


def roster_like(guest: str, people: Sequence[Person]) -> list[str]:
    """Roster speakers a guest's name looks like a part of: every word typed begins a word of
    their name (ignoring case and accents), so "wojc" or "tom woj" finds Dr Tomasz Wójcik.
    A guest is still a guest; this only lets the app ask whether a roster speaker was meant."""
    typed = fold(guest).split()
    if not typed:
        return []
    found = []
    for person in speaker_choices(people):
        words = fold(person.name).split()
        if all(any(word.startswith(part) for word in words) for part in typed):
            found.append(person.name)
    return found


def speaker_name(person: str, guest: str, people: Sequence[Person]) -> str:
    """Who speaks, in words: the roster person's name, else the guest's ("" for nobody)."""
    if person:
        return next((p.name for p in people if p.id == person), "")
    return guest
