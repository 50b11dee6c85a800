"""Everything the facilitator may need to know about one person, at a glance."""

from __future__ import annotations

from rich.text import Text
from textual.markup import escape
from textual.widgets import Static

from lp_tui.domain.model import Person, Role


def _followup(person: Person) -> str:
    if person.followup_call is None:
        return "not asked"
    return "opted in" if person.followup_call else "declined"


class PersonCard(Static):
    """The highlighted person in full: the table's columns are too narrow for some of it."""

    def show(self, person: Person | None) -> None:
        if person is None:
            self.border_title = "Nobody matches"
            self.update("Clear the search (escape) or choose another role tab.")
            return
        self.border_title = escape(f"{person.name} · {person.role_label}")  # titles take markup
        facts = [("Organisation", person.organisation or "-")]
        if person.experience is not None:
            facts.append(("Experience", person.experience.value))
        if person.role is Role.PARTICIPANT:
            facts.append(("Follow-up call", _followup(person)))
        text = Text()
        for index, (label, value) in enumerate(facts):
            if index:
                text.append("   ")
            text.append(f"{label}: ", style="bold")
            text.append(value)
        if person.project:
            text.append("\nProject: ", style="bold")
            text.append(person.project)
        text.append("\nAccess needs: ", style="bold")
        text.append(person.access_needs or "none recorded")
        self.update(text)
