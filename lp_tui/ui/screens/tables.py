"""Tables: a card per table with its coach, members, experience mix and needs; move people by
keyboard, see what breaks a rule, and ask why the allocator put someone where they sit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Header, Static

from lp_tui.domain.absorb import absorb
from lp_tui.domain.allocation import (
    Allocation,
    Pair,
    Rules,
    Seat,
    check,
    explain,
    size_rule,
)
from lp_tui.domain.clock import iso
from lp_tui.domain.model import (
    AttendanceStatus,
    Person,
    RuleKind,
    SeatedTable,
    Seating,
    TableRule,
    new_id,
)
from lp_tui.domain.seating import (
    allocate_day,
    coaches,
    history_before,
    how_seated,
    latest,
    moved,
    pairs_of,
    pinned_stay,
    present,
    previous_seating,
    rule_said,
    rules_from,
    seat,
)
from lp_tui.domain.text import plural, sentence
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.screens.tables_dialogs import ChoosePerson, ChooseTable, Explain
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.table_card import CardGrid, TableCard

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp


# The keys that act on the day's tables (a person in them, a table of them).
SEATING_ACTIONS = frozenset({"move", "why", "absorb", "pin", "accessible", "pair"})


class TablesScreen(QuietScreen):
    CSS_PATH = "tables.tcss"  # its own rules, read when it is first shown

    app: LiveApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "cursor(-1, 0)", "Table before", show=False),
        Binding("right", "cursor(1, 0)", "Table after", show=False),
        Binding("up", "cursor(0, -1)", "Person above", show=False),
        Binding("down", "cursor(0, 1)", "Person below", show=False),
        Binding("m", "move", "Move", id="move-person"),
        Binding("w", "why", "Why", id="why"),
        Binding("A", "allocate", "Allocate", id="allocate"),
        Binding("K", "keep", "Keep", id="keep"),
        Binding("U", "absorb", "Fit in", id="absorb"),
        Binding("P", "pin", "Pin", id="pin"),
        Binding("X", "accessible", "Accessible", id="accessible", show=False),
        Binding("S", "pair('apart')", "Keep apart", id="apart", show=False),
        Binding("T", "pair('together')", "Together", id="together", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.people: dict[str, Person] = {}
        self.seating: Seating | None = None
        self.seatings: list[Seating] = []
        self.rule_records: list[TableRule] = []
        self.rules = Rules()
        self.history: set[Pair] = set()
        self.marks: dict[str, AttendanceStatus] = {}
        self.cursor = (0, 0)
        self._cards: list[TableCard] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="tables-summary")
        # not focusable: the arrow keys move between people, the view follows the highlight
        with VerticalScroll(id="tables-scroll", can_focus=False):
            yield Static(id="tables-empty")
            yield CardGrid(id="tables-grid")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)

    # ------------------------------------------------------------------ showing
    def _refresh(self) -> None:
        snapshot = self.app.snapshot
        cohort, day = self.app.cohort_id, self.app.day
        self.people = {p.id: p for p in snapshot.people(cohort)}
        self.seatings = snapshot.seatings(cohort)
        self.seating = latest(self.seatings, day)
        self.rule_records = snapshot.table_rules(cohort)
        self.rules = rules_from(self.rule_records)
        self.history = history_before(self.seatings, day)
        self.marks = snapshot.attendance(cohort, day)
        self._show()

    def _seats(self) -> list[Seat]:
        return [seat(p) for p in present(self.people.values(), self.marks)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Before the day has tables, only what makes them is offered: A, and K when an
        earlier day has tables to keep (moving, pinning, fitting in need tables to act on)."""
        if action in SEATING_ACTIONS:
            return self.seating is not None
        if action == "keep":
            return previous_seating(self.seatings, self.app.day) is not None
        return True

    def _show(self) -> None:
        self.refresh_bindings()
        grid = self.query_one("#tables-grid", CardGrid)
        empty = self.query_one("#tables-empty", Static)
        here = present(self.people.values(), self.marks)
        if self.seating is None:
            grid.display = False
            empty.display = True
            earlier = previous_seating(self.seatings, self.app.day)
            keep = "  K keeps the tables of an earlier day." if earlier else ""
            remix = " a re-mix (as many new contacts as possible)" if earlier else ""
            # Until then the tables stay put: rotations, forms and coaches use the earlier ones.
            standing = (
                f"Day {earlier.day}'s tables stand until then: the coaches, rotations and forms "
                "use them.\n"
                if earlier
                else ""
            )
            empty.update(
                f"No tables for day {self.app.day} yet. {sentence(size_rule(len(here)))}.\n"
                f"{standing}A allocates{remix}.{keep}"
            )
            self.query_one("#tables-summary", Static).update("")
            return
        grid.display = True
        empty.display = False
        seated = [p for t in self.seating.tables for p in t.members if p in self.people]
        breaches = check(self._allocation(), self._seats_of(seated), self.rules, self.history)
        if len(self._cards) != len(self.seating.tables):
            grid.remove_children()
            self._cards = [TableCard(classes="table-card") for _ in self.seating.tables]
            grid.mount_all(self._cards)
            grid.call_after_refresh(grid.fit)
        cards = self._cards
        self._clamp_cursor()
        for index, (card, table) in enumerate(zip(cards, self.seating.tables, strict=True)):
            card.show(
                table,
                self.people,
                [b for b in breaches if b.table == table.number],
                set(self.rules.pins),
                self.cursor[1] if index == self.cursor[0] else None,
            )
        grid.fit()  # the longest name shown may have changed: it has the room before padding
        waiting = [p.name for p in here if p.id not in seated]
        repeats = len(pairs_of(self.seating.tables) & self.history)
        parts = [
            f"Day {self.app.day} · {self.seating.how} · "
            f"{plural(len(self.seating.tables), 'table')} · {len(seated)} seated",
            f"{plural(repeats, 'pair')} sat together before" if self.history else "",
            f"⚠ {len(breaches)} to look at" if breaches else "✔ every rule holds",
            f"not seated yet: {', '.join(waiting)} (U fits them in)" if waiting else "",
        ]
        self.query_one("#tables-summary", Static).update("  ·  ".join(p for p in parts if p))

    def _allocation(self) -> Allocation:
        assert self.seating is not None
        return Allocation(tables=self.seating.tables, reasons={})

    def _seats_of(self, ids: list[str]) -> list[Seat]:
        return [seat(self.people[p]) for p in ids]

    def _clamp_cursor(self) -> None:
        assert self.seating is not None
        table = max(0, min(self.cursor[0], len(self.seating.tables) - 1))
        size = len(self.seating.tables[table].members)
        self.cursor = (table, max(0, min(self.cursor[1], size - 1)))

    def _highlighted(self) -> str | None:
        if self.seating is None or not self.seating.tables:
            return None
        table = self.seating.tables[self.cursor[0]]
        return table.members[self.cursor[1]] if table.members else None

    # ------------------------------------------------------------------ acting
    def action_cursor(self, tables: int, rows: int) -> None:
        if self.seating is None:
            return
        before = self.cursor[0]
        self.cursor = (self.cursor[0] + tables, self.cursor[1] + rows)
        self._clamp_cursor()
        self._show()
        if self._cards:  # a small terminal shows a few tables, or part of one
            self.call_after_refresh(self._show_cursor, self.cursor[0] != before)

    def on_resize(self) -> None:
        """The cards reflow (CardGrid.fit) and the highlighted person stays in view."""
        if self._cards:
            self.call_after_refresh(self.call_after_refresh, self._show_cursor, True)

    def _show_cursor(self, whole_card: bool) -> None:
        """Scroll the least that brings the highlighted person's line into view; with
        ``whole_card``, first their card from its top (its table number and coach) where the
        card fits."""
        if not self._cards or self.cursor[0] >= len(self._cards):
            return
        card = self._cards[self.cursor[0]]
        scroll = self.query_one("#tables-scroll", VerticalScroll)
        top = card.region.y - scroll.content_region.y + int(scroll.scroll_y)
        line = card.content_region.y - card.region.y + 1 + self.cursor[1]  # after the coach
        if whole_card:
            height = min(card.outer_size.height, scroll.content_region.height)
            scroll.scroll_to_region(Region(0, top, 1, height), animate=False, immediate=True)
        scroll.scroll_to_region(Region(0, top + line, 1, 1), animate=False, immediate=True)

    def _store(self, tables: Iterable[SeatedTable], how: str, saved: str, seed: int = 0) -> None:
        seating = Seating(
            id=new_id(),
            cohort=self.app.cohort_id,
            day=self.app.day,
            at=iso(self.app.clock.now()),
            how=how,
            tables=tuple(tables),
            seed=seed,
        )
        self.seating = seating
        self.seatings = [*self.seatings, seating]
        self._show()
        self.app.write(lambda repo: repo.add_seating(seating), saved, "the tables")

    def action_move(self) -> None:
        person = self._highlighted()
        if person is None or self.seating is None:
            return
        current = self.seating.tables[self.cursor[0]].number
        if len(self.seating.tables) < 2:
            self.notify(
                f"Table {current} is the only table: there is no other to move "
                f"{self.people[person].name} to.",
                severity="warning",
                timeout=6,
            )
            return
        options = []
        left: list[str] = []  # what the table left would break: the same whatever the choice
        for table in self.seating.tables:
            if table.number == current:
                continue
            trial = Allocation(tables=moved(self.seating, person, table.number), reasons={})
            seated = [p for t in trial.tables for p in t.members if p in self.people]
            breaches = check(trial, self._seats_of(seated), self.rules, self.history)
            after = [b.text for b in breaches if b.table == table.number]
            left = [b.text for b in breaches if b.table == current and b.text != "no coach"]
            note = f"  ⚠ {'; '.join(after)}" if after else ""
            options.append((table.number, f"Table {table.number} ({len(table.members)}){note}"))
        leaving = f"Table {current} after: ⚠ {'; '.join(left)}" if left else ""

        def done(number: int | None) -> None:
            if number is not None and self.seating is not None:
                name = self.people[person].name
                self._store(
                    moved(self.seating, person, number), "move", f"{name} moved to table {number}"
                )

        self.app.push_screen(ChooseTable(self.people[person].name, options, leaving), done)

    def action_why(self) -> None:
        person = self._highlighted()
        if person is None or self.seating is None:
            return
        seated = [p for t in self.seating.tables for p in t.members if p in self.people]
        reasons = explain(self._allocation(), self._seats_of(seated), self.rules, self.history)
        table = self.seating.tables[self.cursor[0]].number
        text = reasons.get(person, "").replace("; ", "\n• ")
        how = how_seated(self.seatings, self.app.day, person)  # by the seating that put them here
        self.app.push_screen(
            Explain(f"{self.people[person].name} at table {table} ({how})", f"• {text}")
        )

    def _allocate(self, keep: bool) -> None:
        try:
            allocation, how = allocate_day(
                list(self.people.values()),
                self.marks,
                self.seatings,
                self.rule_records,
                self.app.day,
                seed=len(self.seatings),
                keep=keep,
            )
        except ValueError as error:
            self.notify(str(error), severity="warning")
            return
        if not allocation.tables:
            self.notify("Nobody to seat: check people in first.", severity="warning")
            return
        words = {"allocate": "allocated", "remix": "re-mixed", "keep": "kept"}[how]
        self.cursor = (0, 0)
        said = " · ".join(allocation.notes)  # kept: the sizes, then who moved
        self._store(allocation.tables, how, f"Tables {words}: {said}", len(self.seatings))

    def action_allocate(self) -> None:
        if self.seating is None:
            self._allocate(keep=False)
            return
        self.app.push_screen(
            Confirm(
                f"Replace day {self.app.day}'s tables?",
                (
                    "A new allocation, mixing people who sat together on earlier days. "
                    if self.app.day > 1
                    else "A new allocation. "
                )
                + "The current tables stay in the record, but everyone may move"
                + pinned_stay(len(self.rules.pins))
                + ".",
            ),
            lambda yes: self._allocate(keep=False) if yes else None,
        )

    def action_keep(self) -> None:
        self.app.push_screen(
            Confirm(
                "Keep the tables of the earlier day?",
                "Everyone sits where they sat before, as far as tables of 5-6 allow (fewer "
                "than 5 here: one table); latecomers and absentees are fitted in with as few "
                "moves as possible, and the message after says who moved.",
            ),
            lambda yes: self._allocate(keep=True) if yes else None,
        )

    def action_absorb(self) -> None:
        if self.seating is None:
            return
        # every coach of the cohort: a new table gets one who leads no table yet (as A gives)
        free = [c.id for c in coaches(self.people.values())]
        after, moves = absorb(self._allocation(), self._seats(), rules=self.rules, coaches=free)
        led = {t.number: t.coach for t in self.seating.tables}
        given = [
            f"{self.people[t.coach].name if t.coach in self.people else '?'} coaches table "
            f"{t.number}"
            for t in after.tables
            if t.coach and t.coach != led.get(t.number)
        ]
        if not moves and not given:
            self.notify("Everyone present is seated; nothing to change.")
            return
        said = [f"{plural(len(moves), 'move')} to fit arrivals and absences"] if moves else []
        if len(given) > 2:
            given = [f"{plural(len(given), 'table')} given a free coach"]
        # a table that has to be set up for access now (none was, or a rule's were all taken)
        was = {t.number for t in self.seating.tables if t.accessible}
        newly = [f"table {t.number} now needs step-free access" for t in after.tables
                 if t.accessible and t.number not in was]  # fmt: skip
        self._store(after.tables, "absorb", " · ".join([*said, *given, *newly]))

    def _rule(self, **fields: object) -> None:
        rule = TableRule(
            id=new_id(), cohort=self.app.cohort_id, at=iso(self.app.clock.now()), **fields
        )  # type: ignore[arg-type]
        self.rule_records = [*self.rule_records, rule]
        self.rules = rules_from(self.rule_records)
        self._show()
        said = rule_said(rule, {p: person.name for p, person in self.people.items()})
        self.app.write(
            lambda repo: repo.add_table_rules([rule]), f"Rule saved: {said}", f"table rule: {said}"
        )

    def action_pin(self) -> None:
        person = self._highlighted()
        if person is None or self.seating is None:
            return
        table = self.seating.tables[self.cursor[0]].number
        pinned = self.rules.pins.get(person) == table
        self._rule(kind=RuleKind.PIN, person=person, table=table, active=not pinned)

    def action_accessible(self) -> None:
        """Mark the highlighted table accessible, or not; the rule holds for later days too."""
        if self.seating is None:
            return
        table = self.seating.tables[self.cursor[0]]
        self._rule(kind=RuleKind.ACCESSIBLE, table=table.number, active=not table.accessible)
        tables = [
            replace(t, accessible=not t.accessible) if t is table else t
            for t in self.seating.tables
        ]
        word = "not accessible" if table.accessible else "accessible"
        self._store(tables, "move", f"Table {table.number} is {word}")

    def action_pair(self, kind: str) -> None:
        person = self._highlighted()
        if person is None:
            return
        others = sorted(
            (p for p in present(self.people.values(), self.marks) if p.id != person),
            key=lambda p: p.name.casefold(),
        )
        verb = "Keep apart from" if kind == "apart" else "Keep together with"

        def done(other: str | None) -> None:
            if other is not None:
                self._rule(kind=RuleKind(kind), person=person, other=other)

        self.app.push_screen(ChoosePerson(f"{self.people[person].name}: {verb}…", others), done)
