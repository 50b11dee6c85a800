"""One table of the day: coach, members with experience and needs, and what breaks a rule."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.widgets import Static

from lp_tui.domain.allocation import Breach
from lp_tui.domain.model import Experience, Person, SeatedTable

EXPERIENCE_MARK = {Experience.EXPERIENCED: "E", Experience.SOME: "S", Experience.NEW: "N"}
NAME_WIDTH = 16


class TableCard(Static):
    """Rendered from the seating; ``cursor`` is the highlighted member's index, or None."""

    def show(
        self,
        table: SeatedTable,
        people: dict[str, Person],
        breaches: list[Breach],
        pinned: set[str],
        cursor: int | None,
    ) -> None:
        access = "  ♿ accessible" if table.accessible else ""
        self.border_title = f"Table {table.number}{access}"
        self.set_class(cursor is not None, "-current")
        self.set_class(any(b.hard for b in breaches), "-broken")
        text = Text()
        coach = people.get(table.coach) if table.coach else None
        text.append(f"{coach.name if coach else 'no coach'}\n", style="italic")
        for index, member in enumerate(table.members):
            person = people.get(member)
            if person is None:
                continue
            mark = "▸ " if index == cursor else "  "
            name = (
                person.name
                if len(person.name) <= NAME_WIDTH
                else person.name[: NAME_WIDTH - 1] + "…"
            )
            flags = ("⚑" if member in pinned else " ") + ("♿" if person.accessible_table else " ")
            if person.access_needs and not person.accessible_table:
                flags = flags[0] + "•"
            style = "reverse" if index == cursor else ""
            text.append(f"{mark}{name:<{NAME_WIDTH}} ", style=style)
            text.append(f"{EXPERIENCE_MARK.get(person.experience, '?')} {flags}\n", style=style)
        mix = Counter(people[m].experience for m in table.members if m in people)
        text.append(
            f"{len(table.members)} · E{mix[Experience.EXPERIENCED]} S{mix[Experience.SOME]} "
            f"N{mix[Experience.NEW]}\n",
            style="dim",
        )
        for breach in breaches:
            text.append(f"⚠ {breach.text}\n", style="bold")
        self.update(text)
