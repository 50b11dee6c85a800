"""Everything the facilitator may need to know about one person, at a glance."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.markup import escape
from textual.widgets import Static

from lp_tui.domain.columns import pack
from lp_tui.domain.model import Person, Role

GAP = 3


def _followup(person: Person) -> str:
    if person.followup_call is None:
        return "not asked"
    return "opted in" if person.followup_call else "declined"


class PersonCard(Static):
    """The highlighted person in full: the table's columns are too narrow for some of it.
    Each fact ("Experience: some") stays whole on one line, the lines fitted to the card."""

    person: Person | None = None

    def on_resize(self, event: events.Resize) -> None:
        if self.person is not None:
            self.show(self.person)

    def show(self, person: Person | None) -> None:
        self.person = person
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
        lines = pack([f"{label}: {value}" for label, value in facts], self.size.width, GAP)
        told = iter(facts)
        for number, line in enumerate(lines):
            if number:
                text.append("\n")
            for index, (label, value) in zip(range(len(line)), told, strict=False):
                if index:
                    text.append(" " * GAP)
                text.append(f"{label}: ", style="bold")
                text.append(value)
        if person.project:
            text.append("\nProject: ", style="bold")
            text.append(person.project)
        text.append("\nAccess needs: ", style="bold")
        text.append(person.access_needs or "none recorded")
        self.update(text)
