"""People: everyone on the cohort's roster by role, searchable by typing, access needs in view,
and whether each has agreed to be quoted in reports (ctrl+y changes it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Input, Static, Tab, Tabs

from lp_tui.domain.clock import iso
from lp_tui.domain.columns import pack
from lp_tui.domain.followup_work import with_opt_in_as_it_stands
from lp_tui.domain.model import ConsentMark, Person, new_id
from lp_tui.domain.people import RoleGroup, choose, group_counts, search
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.widgets.find_input import MOVE_KEYS, FindInput
from lp_tui.ui.widgets.fit_table import fit_table, widest
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.person_card import PersonCard
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from lp_tui.ui.app import FacilitatorApp

# (label, width); the last column takes what is left of a 120-column terminal.
COLUMNS = (
    ("Name", 20),
    ("Role", 12),
    ("Quotes", 6),  # may be quoted in reports
    ("Experience", 11),
    ("Organisation", 27),
    ("Access needs", 26),
)
# At 80x24 every column shows (the -narrow layout), cut at a word; the card says it all.
LEAST = (14, 12, 6, 11, 12, 12)
NARROW_WIDTH = 100
SEPARATOR = "  ·  "
CONSENT_KEY = "ctrl+y"


class PeopleScreen(QuietScreen):
    """The roster: type to search (names first, ignoring case and accents), arrows to move,
    enter to choose the one person meant, tab to the role filter."""

    CSS_PATH = "people.tcss"  # its own rules, read when it is first shown

    app: FacilitatorApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
        Binding(CONSENT_KEY, "consent", "Quotes ok?", id="consent"),
        Binding("escape", "clear_search", "Clear search / back", id="clear-search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.group = RoleGroup.ALL
        self.people: dict[str, Person] = {}
        self.consent: dict[str, bool] = {}  # may be quoted in reports, as it stands
        self.shown: list[Person] = []
        self.picked: str | None = None  # the row moved to with the arrows since the last change

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="people-main"):
            yield FindInput(
                keys=[*MOVE_KEYS, "enter", CONSENT_KEY],
                on_key=self._key,
                on_text=self._typed,
                placeholder="Type to search: a name, role, organisation or access need",
                id="search",
            )
            yield Tabs(*(Tab(group.label, id=group.value) for group in RoleGroup), id="groups")
            yield RowTable(COLUMNS, id="people")
            yield PersonCard(id="person-card")
            yield Static(id="people-summary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh_people)
        self.query_one("#search", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

    def on_row_table_resized(self, event: RowTable.Resized) -> None:
        """Every column in view at any width (the terminal's, or beside the keys panel), the
        wide ones narrowed (their text cut with …)."""
        if not self._fit(event.table):
            self._summarise(self.shown)

    def _fit(self, table: RowTable) -> bool:
        """The columns to the table's width; room over goes to the text they cut (an
        organisation, access needs) before the last column. True when they changed."""
        rows = [
            (p.name, p.role_label, "", "", p.organisation, p.access_needs)
            for p in self.people.values()
        ]
        if fit_table(table, COLUMNS, LEAST, wants=widest(rows, len(COLUMNS))):
            self._fill_table()
            return True
        return False

    def _refresh_people(self) -> None:
        snapshot = self.app.snapshot
        people = with_opt_in_as_it_stands(
            snapshot.people(self.app.cohort_id), snapshot.followup_calls(self.app.cohort_id)
        )
        self.people = {p.id: p for p in people}
        self.consent = self.app.snapshot.consents(self.app.cohort_id)
        for group, count in group_counts(people).items():
            self.query_one(f"#{group.value}", Tab).label = f"{group.label} {count}"
        if not self._fit(self.query_one("#people", RowTable)):  # a longer name may come
            self._fill_table()

    def _typed(self, text: str) -> None:
        if self.is_mounted:
            self.picked = None
            self._fill_table(text)
            table = self.query_one("#people", RowTable)
            if table.row_count:
                table.move_cursor(row=0, animate=False)

    def _fill_table(self, query: str | None = None) -> None:
        if query is None:
            query = self.query_one("#search", Input).value
        shown = self.shown = search(self.people.values(), query, self.group)
        self.query_one("#people", RowTable).refill(
            (
                person.id,
                (
                    person.name,
                    person.role_label,
                    "yes" if self.consent.get(person.id) else "no",
                    person.experience.value if person.experience else "",
                    person.organisation,
                    person.access_needs,
                ),
            )
            for person in shown
        )
        self._show_selected()
        self._summarise(shown)

    def _summarise(self, shown: list[Person]) -> None:
        with_needs = sum(1 for p in shown if p.access_needs)
        opted = sum(1 for p in shown if p.followup_call)
        quotable = sum(1 for p in shown if self.consent.get(p.id))
        parts = [
            f"Showing {len(shown)} of {len(self.people)}",
            f"{with_needs} with access needs",
            f"{opted} opted into a follow-up call",
            f"{quotable} may be quoted",
        ]
        summary = self.query_one("#people-summary", Static)
        lines = pack(parts, summary.size.width, len(SEPARATOR))  # a line each at 80 columns
        summary.update("\n".join(SEPARATOR.join(line) for line in lines))

    def _show_selected(self) -> None:
        selected = self.query_one("#people", RowTable).selected_key()
        card = self.query_one("#person-card", PersonCard)
        card.show(self.people.get(selected) if selected else None)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id:
            self.group = RoleGroup(event.tab.id)
            self._fill_table()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_selected()

    def _key(self, key: str, text: str) -> bool:
        """A key from the search box, in the order typed."""
        if key in MOVE_KEYS:
            self.action_move(MOVE_KEYS[key])
        elif key == "enter":
            self._choose(text)
        elif key == CONSENT_KEY:
            self.action_consent()
        return True

    def action_move(self, rows: int) -> None:
        table = self.query_one("#people", RowTable)
        table.move_by(rows)
        self.picked = table.selected_key()

    def _choose(self, text: str) -> None:
        """Enter: the one person meant is highlighted (their card shown); else say why not."""
        choice = choose(self.shown, text, self.picked)
        if choice.person is None:
            self.notify(choice.problem, severity="warning")
            return
        table = self.query_one("#people", RowTable)
        table.move_cursor(row=table.get_row_index(choice.person.id), animate=False)
        self.picked = choice.person.id
        self._show_selected()

    def action_consent(self) -> None:
        """ctrl+y: the highlighted person agrees to be quoted in reports, or no longer does (a
        new mark each time: the latest wins)."""
        selected = self.query_one("#people", RowTable).selected_key()
        person = self.people.get(selected) if selected else None
        if person is None:
            self.notify("Nobody is highlighted.", severity="warning")
            return
        consent = not self.consent.get(person.id, False)
        mark = ConsentMark(
            id=new_id(),
            cohort=self.app.cohort_id,
            person=person.id,
            consent=consent,
            at=iso(self.app.clock.now()),
        )
        said = "may be quoted in reports" if consent else "will not be quoted in reports"
        self.app.write(
            lambda repo: repo.add_consent_mark(mark),
            f"{person.name} {said}",
            f"{person.name}'s consent to be quoted",
        )

    def action_clear_search(self) -> None:
        """Escape clears the search; on an empty search it goes back to the agenda."""
        search_box = self.query_one("#search", Input)
        if not search_box.value:
            self.app.switch_mode("agenda")
            return
        search_box.value = ""
        search_box.focus()
