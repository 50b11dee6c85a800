"""One table of the day: coach, members with experience and needs, and what breaks a rule;
and the grid that lays the cards out in as many columns as the width holds."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import events
from textual.containers import Grid
from textual.widgets import Static

from lp_tui.domain.allocation import Breach
from lp_tui.domain.columns import ROW_EXTRA, card_layout  # the card grid's arithmetic
from lp_tui.domain.model import Experience, Person, SeatedTable

EXPERIENCE_MARK = {Experience.EXPERIENCED: "E", Experience.SOME: "S", Experience.NEW: "N"}
NAME_WIDTH = 16  # a name's room in a card of the usual width


def fit_name(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


class TableCard(Static):
    """Rendered from the seating; ``cursor`` is the highlighted member's index, or None."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.name_width = NAME_WIDTH
        self._shown: (
            tuple[SeatedTable, dict[str, Person], list[Breach], set[str], int | None] | None
        ) = None

    def fit(self, name_width: int) -> None:
        """Draw again with names cut to ``name_width`` (the grid's layout changed)."""
        if name_width != self.name_width:
            self.name_width = name_width
            if self._shown is not None:
                self.show(*self._shown)

    @property
    def longest_name(self) -> int:
        """The longest name the card shows (0 before it is shown)."""
        if self._shown is None:
            return 0
        table, people, *_ = self._shown
        names = [people[m].name for m in table.members if m in people]
        return max(map(len, names), default=0)

    def show(
        self,
        table: SeatedTable,
        people: dict[str, Person],
        breaches: list[Breach],
        pinned: set[str],
        cursor: int | None,
    ) -> None:
        self._shown = (table, people, breaches, pinned, cursor)
        width = self.name_width
        access = ("  ♿ accessible" if width >= NAME_WIDTH else " ♿") if table.accessible else ""
        self.border_title = f"Table {table.number}{access}"
        self.set_class(cursor is not None, "-current")
        self.set_class(any(b.hard for b in breaches), "-broken")
        text = Text()
        coach = people.get(table.coach) if table.coach else None
        text.append(
            f"{fit_name(coach.name, width + ROW_EXTRA) if coach else 'no coach'}\n", "italic"
        )
        for index, member in enumerate(table.members):
            person = people.get(member)
            if person is None:
                continue
            mark = "▸ " if index == cursor else "  "
            name = fit_name(person.name, width)
            flags = ("⚑" if member in pinned else " ") + ("♿" if person.accessible_table else " ")
            if person.access_needs and not person.accessible_table:
                flags = flags[0] + "•"
            style = "reverse" if index == cursor else ""
            text.append(f"{mark}{name:<{width}} ", style=style)
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


class CardGrid(Grid):
    """Lays its TableCards out in as many columns as its width holds, each name on one line."""

    def on_resize(self, event: events.Resize) -> None:
        self.fit()

    def fit(self) -> None:
        cards = list(self.query_children(TableCard))
        width = self.content_size.width
        if not cards or width <= 0:
            return
        layout = card_layout(width, len(cards), max(card.longest_name for card in cards))
        if self.styles.grid_size_columns != layout.columns:
            self.styles.grid_size_columns = layout.columns
        for card in cards:
            card.styles.padding = (0, layout.padding)
            card.fit(layout.name_width)
