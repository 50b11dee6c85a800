"""Rotations: the round-by-table grid, the current round's own clock, a clear signal to move,
presenters arriving late or dropping out, and feedback to presenters."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Digits, Header, Label, Static

from lp_tui.domain.clock import iso
from lp_tui.domain.corrections import standing
from lp_tui.domain.model import (
    AttendanceStatus,
    FeedbackKind,
    Person,
    PresenterFeedback,
    RotationPlan,
    new_id,
)
from lp_tui.domain.programme import AgendaItem
from lp_tui.domain.rotation import RoundClock, over_words, surname
from lp_tui.domain.rotation_change import (
    Arrival,
    Away,
    Effect,
    Timing,
    arrival_effects,
    arrival_words,
    change_intro,
    changed_tables_words,
    drop_effects,
    effect_lines,
    effect_title,
    item_timing,
    late_effects,
    mmss,
)
from lp_tui.domain.rotation_day import (
    day_presenters,
    day_tables,
    plan_day,
    revised_notes,
    rotation_days,
    rotation_item,
    rotation_round,
    tables_changed,
    visit_notes,
)
from lp_tui.domain.seating import day_seating
from lp_tui.domain.text import listed
from lp_tui.domain.timers import AgendaEvent, EventKind, ItemView, countdown
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.form_dialog import Field, FormDialog
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.screens.rotation_dialogs import WriteComment
from lp_tui.ui.screens.rotation_effect import EffectOption, RotationEffectDialog
from lp_tui.ui.screens.tables_dialogs import ChoosePerson
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.row_table import PlainTable

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

TICK_SECONDS = 0.25
MARKS = {  # sign before the name, words after it
    AttendanceStatus.PRESENT: ("✔ ", ""),
    AttendanceStatus.LATE: ("◑ ", ", late"),
    AttendanceStatus.ABSENT: ("✖ ", ", dropped out"),
    AttendanceStatus.EXPECTED: ("", ""),
}


class RotationsScreen(QuietScreen):
    CSS_PATH = "rotations.tcss"  # its own rules, read when it is first shown

    app: LiveApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("P", "plan", "Plan", id="plan-rotation"),
        Binding("d", "mark('absent')", "Drop-out", id="drop-out"),
        Binding("l", "mark('late')", "Late", id="presenter-late"),
        Binding("h", "mark('present')", "Here", id="presenter-here"),
        Binding("f", "feedback", "Feedback", id="visit-feedback"),
        Binding("o", "comment", "Comment", id="presenter-comment"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.item: AgendaItem | None = None
        self.plan: RotationPlan | None = None
        self.presenters: list[Person] = []
        self.names: dict[str, str] = {}
        self.marks: dict[str, AttendanceStatus] = {}
        self.changed_tables = ""  # the tables allocated again after the plan, in words
        self.events: list[AgendaEvent] = []
        self.feedback: list[PresenterFeedback] = []
        self.round = RoundClock("before", 1, 0, 0)
        self._grid_key: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        # known before the footer is composed: a day with no rotation shows none of its keys
        self.item = rotation_item(self.app.plan)
        yield Header()
        with Vertical(id="rotation-now"):
            yield Label(id="rotation-title", markup=False)
            with Horizontal(id="rotation-body"):
                yield Digits(id="rotation-countdown")
                with Vertical(id="rotation-side"):
                    yield Static(id="rotation-status")
                    yield Static(id="rotation-presenters", markup=False)
        # the Round column stays put while a narrow terminal scrolls the tables sideways
        yield PlainTable(
            id="rotation-grid", cursor_type="cell", zebra_stripes=True, fixed_columns=1
        )
        yield Static(id="rotation-feedback", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.set_interval(TICK_SECONDS, self.tick)
        self.query_one("#rotation-grid", DataTable).focus()

    # ------------------------------------------------------------------ showing
    def _refresh(self) -> None:
        snapshot = self.app.snapshot
        cohort, day = self.app.cohort_id, self.app.day
        people = snapshot.people(cohort)
        self.names = {p.id: p.name for p in people}
        self.marks = snapshot.attendance(cohort, day)
        self.events = self.app.agenda_events()
        plans = snapshot.rotations(cohort, day)
        self.plan = plans[-1] if plans else None
        seating = day_seating(snapshot.seatings(cohort), day)
        self.changed_tables = (
            tables_changed(self.plan.tables, [t.number for t in seating.tables])
            if self.plan and seating
            else ""
        )
        self.presenters = day_presenters(people, self.item) if self.item else []
        self.feedback = snapshot.presenter_feedback(cohort, day)
        if self.item is None:
            self._show_no_rotation()
        self.tick()

    def _view(self) -> ItemView | None:
        """The rotation item as the day's clock has it now."""
        assert self.item is not None
        return self.app.day_clock(self.events).item(self.item.key)

    def tick(self) -> None:
        if self.item is None:  # said once, in _refresh
            return
        view = self._view()
        rounds = self.plan.rotation().rounds if self.plan else 0
        self.round = rotation_round(self.plan, self.item, view)
        self._show_clock(rounds, view.status.value if view else "pending")
        self._show_grid()
        self._show_presenters()

    def _show_no_rotation(self) -> None:
        """The sentence, and the days that have a rotation; no empty grid below it."""
        days = rotation_days(self.app.programme.days)
        where = ""
        if len(days) == 1:
            where = f" (Day {days[0]} has one)"
        elif days:
            where = f" (Days {listed(days)} have one)"
        self.query_one("#rotation-title", Label).update(
            f"Day {self.app.day} has no case-study rotation in the programme{where}."
        )
        self.query_one("#rotation-grid").display = False

    def _show_clock(self, rounds: int, item_status: str) -> None:
        assert self.item is not None
        title = self.query_one("#rotation-title", Label)
        status = self.query_one("#rotation-status", Static)
        digits = self.query_one("#rotation-countdown", Digits)
        now = self.query_one("#rotation-now")
        now.set_class(self.round.phase == "move", "-move")
        if self.plan is None:
            title.update(f"{self.item.title}: no plan yet (P plans it)")
            status.update("")
            digits.update("--:--")
            return
        phase = self.round.phase
        title.update(
            self.changed_tables
            or f"{self.item.title} · {rounds} rounds, {self.item.changeover_minutes} min to move"
        )
        digits.update(countdown(self.round.remaining_seconds))
        if phase == "before":
            text = f"■ NOT STARTED · starts with the agenda item · round 1 of {rounds}"
        elif phase == "move":
            text = (
                f"⇄ MOVE NOW: presenters to their round {self.round.round} table · "
                f"{countdown(self.round.remaining_seconds)} to move"
            )
        elif phase == "round":
            paused = " · PAUSED" if item_status == "paused" else ""
            left = countdown(self.round.remaining_seconds)
            text = f"▶ ROUND {self.round.round} of {rounds}{paused} · {left} left"
        else:
            text = f"✔ ROTATION OVER · {over_words(self.round, rounds)}"
        status.update(text)

    def _show_grid(self) -> None:
        table = self.query_one("#rotation-grid", DataTable)
        plan = self.plan
        key = (plan.id if plan else None, self.round.round, self.round.phase, len(self.feedback))
        if key == self._grid_key:
            return
        self._grid_key = key
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        if plan is None:
            return
        table.add_column("Round", width=9, key="round")
        for number in plan.tables:
            table.add_column(f"Table {number}", width=12, key=str(number))
        rotation = plan.rotation()
        noted = {(f.round, f.table) for f in self.feedback if f.kind == FeedbackKind.TABLE}
        for number in range(1, rotation.rounds + 1):
            cells = {v.table: v for v in rotation.round_visits(number)}
            current = self.round.phase in ("round", "move") and number == self.round.round
            row = [f"{'▶ ' if current else '  '}{number}"]
            for index, table_number in enumerate(plan.tables, start=1):
                visit = cells.get(index)
                if visit is None:
                    row.append("· rest")
                    continue
                name = surname(self.names.get(plan.presenters[visit.presenter], "?"))
                mark = " ✎" if (number, table_number) in noted else ""
                row.append(f"{name}{mark}")
            table.add_row(*row, key=str(number))
        table.move_cursor(row=min(cursor.row, table.row_count - 1), column=max(1, cursor.column))

    def _show_presenters(self) -> None:
        counts = self.plan.rotation().counts() if self.plan else {}
        parts = []
        for person in self.presenters:
            status = self.marks.get(person.id, AttendanceStatus.EXPECTED)
            index = (
                self.plan.presenters.index(person.id)
                if self.plan and person.id in self.plan.presenters
                else None
            )
            visits = counts.get(index, 0) if index is not None else 0
            sign, words = MARKS[status]
            before = self.plan.dropped_before(person.id) if self.plan else 0
            if before:
                words = f", dropped out before round {before}"
            parts.append(f"{sign}{surname(person.name)}{words} ({visits})")
        self.query_one("#rotation-presenters", Static).update("  ".join(parts))
        kinds = [f.kind for f in self.feedback]
        self.query_one("#rotation-feedback", Static).update(
            f"Feedback so far: {kinds.count(FeedbackKind.TABLE)} from tables, "
            f"{kinds.count(FeedbackKind.COACH)} from coaches, "
            f"{kinds.count(FeedbackKind.PRESENTER)} presenters' own comments  ·  ✎ = noted"
        )

    # ------------------------------------------------------------------ acting
    ROTATION_ACTIONS = frozenset({"plan", "mark", "feedback", "comment"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A day with no rotation in its programme offers none of a rotation's keys (its
        screen says so): planning, presenters' arrivals, feedback and comments."""
        return self.item is not None or action not in self.ROTATION_ACTIONS

    def action_plan(self) -> None:
        """Plan the day's rotation; one already planned is planned again only when confirmed
        (every table's visits change, a round under way too)."""
        if self.item is None:
            return
        if self.plan is None:
            self._plan()
            return
        started = rotation_round(self.plan, self.item, self._view()).phase != "before"  # now
        detail = (
            "Every table's visits are planned anew from round 1, the rounds already run and "
            "any in progress too, and the coaches' views follow at once."
            if started
            else "Every table's visits are planned anew, and the coaches' views follow at once."
        )
        detail += " For a late or dropped presenter, l and d change their visits only."
        asked = (self.app.day, self.item, self.plan.id)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if (self.app.day, self.item, self.plan.id if self.plan else None) != asked:
                self.notify(
                    "The day or its rotation changed while you were asked; nothing planned. "
                    "Press P again to plan it now.",
                    severity="warning",
                )
                return
            self._plan()

        self.app.push_screen(Confirm("Plan the rotation again?", detail), answered)

    def _plan(self) -> None:
        assert self.item is not None
        snapshot = self.app.snapshot
        people = snapshot.people(self.app.cohort_id)
        try:
            new = plan_day(
                plan_id=new_id(),
                cohort=self.app.cohort_id,
                day=self.app.day,
                at=iso(self.app.clock.now()),
                item=self.item,
                presenters=self.presenters,
                marks=self.marks,
                tables=day_tables(
                    snapshot.seatings(self.app.cohort_id), self.app.day, people, self.marks
                ),
            )
        except ValueError as error:
            self.notify(str(error), severity="warning")
            return
        self._store(new, f"Planned: {new.rotation().rounds} rounds")

    def _store(self, plan: RotationPlan, saved: str) -> None:
        self.plan = plan
        self._grid_key = ()
        self.tick()
        self.app.write(lambda repo: repo.add_rotation(plan), saved, "the rotation")

    def action_mark(self, status: str) -> None:
        verb = {"absent": "has dropped out", "late": "is late", "present": "has arrived"}[status]

        def done(person_id: str | None) -> None:
            if person_id is None:
                return
            name = self.names.get(person_id, "?")
            mark = AttendanceStatus(status)
            was_late = self.marks.get(person_id) is AttendanceStatus.LATE
            if self.plan is None or self.item is None:
                self._mark(person_id, mark, f"{name} {verb}")
            elif mark is AttendanceStatus.PRESENT:
                if was_late:
                    self._arrive(person_id, name, f"{name} {verb}")
                else:
                    self._mark(person_id, mark, f"{name} {verb}")
            else:
                self._away(person_id, name, mark, f"{name} {verb}")

        choices = self.presenters
        if status == "present":  # only someone marked late or away can arrive
            away = (AttendanceStatus.LATE, AttendanceStatus.ABSENT)
            choices = [p for p in self.presenters if self.marks.get(p.id) in away]
            if not choices:
                self.notify("No presenter is marked late or dropped out.", severity="warning")
                return
        found = self._highlighted_visit()  # the presenter highlighted in the grid, to start on
        first = found[2] if found is not None else None
        self.app.push_screen(ChoosePerson(f"Which presenter {verb}?", choices, first), done)

    def _mark(self, person_id: str, status: AttendanceStatus, saved: str) -> None:
        self.marks[person_id] = status
        self.app.mark_attendance(person_id, status, saved)
        self.tick()

    def _timing(self) -> Timing:
        assert self.item is not None
        return item_timing(self.item, self._view())

    def _away(self, person_id: str, name: str, status: AttendanceStatus, saved: str) -> None:
        """A late or dropped presenter: show what each way of dealing with it does, then
        apply the one chosen (escape changes nothing)."""
        find = late_effects if status is AttendanceStatus.LATE else drop_effects

        def effects() -> list[Effect]:
            if self.plan is None:
                return []
            now = iso(self.app.clock.now())
            away = Away.marked(self.marks)
            return find(self.plan, person_id, self._timing(), plan_id=new_id(), at=now, away=away)

        found = effects()
        if not found:
            self._mark(person_id, status, f"{saved}; no visit of theirs changes")
            return
        self._choose(
            saved,
            [change_intro(found[0])],
            found,
            effects,
            lambda effect: self._apply(effect, person_id, status, saved, name),
        )

    def _arrive(self, person_id: str, name: str, saved: str) -> None:
        """A presenter marked late arrives: the original plan for the rounds still to come,
        or, when that is too late, what is still possible."""

        def arrival() -> Arrival:
            plans = self.app.snapshot.rotations(self.app.cohort_id, self.app.day)
            if self.plan is not None and (not plans or plans[-1].id != self.plan.id):
                plans = [*plans, self.plan]
            now = iso(self.app.clock.now())
            return arrival_effects(plans, person_id, self._timing(), plan_id=new_id(), at=now)

        found = arrival()
        words = arrival_words(found, name)
        if not found.effects:
            self._mark(person_id, AttendanceStatus.PRESENT, " ".join([f"{saved}.", *words]))
            return
        self._choose(
            saved,
            [change_intro(found.effects[0]), *words],
            list(found.effects),
            lambda: list(arrival().effects),
            lambda effect: self._apply(effect, person_id, AttendanceStatus.PRESENT, saved, name),
        )

    def _choose(
        self,
        title: str,
        intro: list[str],
        effects: list[Effect],
        again: Callable[[], list[Effect]],
        apply: Callable[[Effect], None],
    ) -> None:
        """The dialog; the choice is worked out again when it is made, so a round that ended
        while the dialog was open is not changed after the fact."""
        options = [
            EffectOption(
                e.choice.value,
                effect_title(e, self.names.get(e.person, "?")),
                tuple(effect_lines(e)),
            )
            for e in effects
        ]

        def chosen(key: str | None) -> None:
            if key is None:
                self.notify("Nothing changed.")
                return
            now = {e.choice.value: e for e in again()}
            shown = next(e for e in effects if e.choice.value == key)
            effect = now.get(key)
            if effect is None or effect.done != shown.done:
                self.notify(
                    "The rotation moved on while the dialog was open; nothing changed. "
                    "Press the key again to see the choices now.",
                    severity="warning",
                )
                return
            apply(effect)

        self.app.push_screen(RotationEffectDialog(title, intro, options), chosen)

    def _apply(
        self, effect: Effect, person_id: str, status: AttendanceStatus, saved: str, name: str
    ) -> None:
        self._mark(person_id, status, saved)
        if not effect.changes_anything:
            return
        plan = effect.plan
        events = []
        if effect.extend_seconds and self.item is not None:
            event = self.app.agenda_event(
                EventKind.EXTEND, self.item.key, seconds=effect.extend_seconds
            )
            events.append(event)
            self.events = [*self.events, event]

        self.plan = plan
        self._grid_key = ()
        self.tick()
        saved = (
            f"Rotation changed for {name}: {effect.rounds_after} rounds of "
            f"{mmss(effect.round_seconds_after)}; {changed_tables_words(effect.changed_tables)}"
        )
        # two writes, in this order: should the second fail, only it is tried again
        what = f"the rotation changed for {name}"
        self.app.write(lambda repo: repo.add_rotation(plan), "" if events else saved, what)
        if events:
            self.app.write(lambda repo: repo.add_agenda_events(events), saved, "its longer rounds")

    def _highlighted_visit(self) -> tuple[int, int, str] | None:
        """(round, table number, presenter id) under the cursor."""
        if self.plan is None:
            return None
        grid = self.query_one("#rotation-grid", DataTable)
        number = grid.cursor_row + 1
        column = grid.cursor_column
        if column < 1:
            return None
        for visit in self.plan.rotation().round_visits(number):
            if visit.table == column:
                return number, self.plan.tables[column - 1], self.plan.presenters[visit.presenter]
        return None

    def action_feedback(self) -> None:
        found = self._highlighted_visit()
        if found is None:
            self.notify("Highlight a visit (a presenter at a table) first.", severity="warning")
            return
        number, table_number, presenter = found
        seating = day_seating(self.app.snapshot.seatings(self.app.cohort_id), self.app.day)
        coach = (
            next((t.coach for t in seating.tables if t.number == table_number), None)
            if seating
            else None
        )

        kinds = (FeedbackKind.TABLE, FeedbackKind.COACH)
        # what this visit already has: shown to change, not retyped
        noted = visit_notes(self.feedback, number, table_number, presenter)

        def fresh(kind: str, text: str) -> PresenterFeedback:
            return PresenterFeedback(
                new_id(),
                self.app.cohort_id,
                self.app.day,
                presenter,
                kind,
                text,
                iso(self.app.clock.now()),
                table=table_number,
                round=number,
                by=coach or "" if kind == FeedbackKind.COACH else "",
            )

        def done(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            records = revised_notes(noted, dict(zip(kinds, answer, strict=True)), fresh)
            if records:
                self.feedback = standing([*self.feedback, *records])
                self._grid_key = ()
                self.tick()
                self.app.write(
                    lambda repo: repo.add_presenter_feedback(*records),
                    "Feedback saved",
                    "presenters' feedback as typed",
                )

        said = {kind: noted[kind].text if kind in noted else "" for kind in kinds}
        fields = [
            Field(
                "What the table asked and advised",
                said[FeedbackKind.TABLE],
                required=False,
                edit=True,
            ),
            Field(
                "The coach's feedback to the presenter",
                said[FeedbackKind.COACH],
                required=False,
                edit=True,
            ),
        ]
        title = f"{self.names.get(presenter, '?')} at table {table_number}, round {number}"
        self.app.push_screen(FormDialog(title, fields), done)

    def action_comment(self) -> None:
        def chosen(person_id: str | None) -> None:
            if person_id is None:
                return

            def written(text: str | None) -> None:
                if text:
                    record = PresenterFeedback(
                        new_id(),
                        self.app.cohort_id,
                        self.app.day,
                        person_id,
                        FeedbackKind.PRESENTER,
                        text,
                        iso(self.app.clock.now()),
                    )
                    self.feedback = [*self.feedback, record]
                    self.tick()
                    self.app.write(
                        lambda repo: repo.add_presenter_feedback(record),
                        "Comment saved",
                        f"a comment for {self.names.get(person_id, '?')}: “{text}”",
                    )

            self.app.push_screen(WriteComment(self.names.get(person_id, "?")), written)

        self.app.push_screen(ChoosePerson("Whose comment?", self.presenters), chosen)
