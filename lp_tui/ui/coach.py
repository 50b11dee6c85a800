"""``lp-tui coach --as NAME``: a table coach's own view, usually over SSH.

The coach sees their own table only (members and access needs), the live agenda item and its
countdown, and the cohort's collaborative behaviours. In a few keystrokes they log what they
see: an observation (member's number, behaviour, note), peer feedback between two members, or
feedback to the presenter visiting the table. Their own entries today are listed; they can
correct or withdraw any of them. ``s`` then a member's number shows that member's feedback
sheet (a participant off the coach's table is not named in it). ``c`` lists the follow-up
calls assigned to this coach (lp_tui.ui.coach_calls). ``r`` writes the coach's reflection on the
day (a later one replaces it). Nothing from another table is shown or written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from lp_tui.domain.behaviours import BehaviourList
from lp_tui.domain.clock import clock_time, iso
from lp_tui.domain.feedback import Entry, describe, own_entries, people_in
from lp_tui.domain.live_round import live_round, round_words, visitors_words
from lp_tui.domain.model import (
    FeedbackKind,
    Observation,
    PeerFeedback,
    Person,
    PresenterFeedback,
    Role,
    RotationPlan,
    SeatedTable,
    new_id,
)
from lp_tui.domain.reflection import Reflection, standing_reflection
from lp_tui.domain.rotation_day import rotation_item, rotation_round, table_visitors, visiting_now
from lp_tui.domain.seating import coach_table, day_seating
from lp_tui.domain.text import read_whole_number
from lp_tui.domain.timers import AgendaEvent
from lp_tui.ui.live import LiveApp
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.widgets.fit_table import fit_table, snug_columns, widest
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.members_list import MembersList
from lp_tui.ui.widgets.now_panel import NowPanel
from lp_tui.ui.widgets.row_table import RowTable

if TYPE_CHECKING:  # the form dialog is imported when one is opened
    from lp_tui.ui.screens.form_dialog import Field

TICK_SECONDS = 0.5
# Beside the big digits, before the first layout: the panel's margin, border and padding (6),
# the digits' column (30) and the words' own padding (2), as lp_tui/ui/app.tcss has them
NOW_SIDE_CHROME = 38
COMPACT_WIDTH = 100
COMPACT_HEIGHT = 32
RECENT = (("Time", 5), ("What", 7), ("Who", 26), ("Behaviour", 30), ("Words", 26))
RECENT_LEAST = (5, 7, 14, 14, 10)  # at 80x24 every column shows, cut at a word with …
RECENT_SNUG = (2, 3, 4)  # each no wider than its text: the room over goes to what is cut

RECENT_KINDS = {"observation": "Seen", "peer": "Peer", "visitor": "Visitor"}


def typed(what: str, words: str) -> str:
    """What a waiting entry is, with the words the coach typed (kept until it is saved)."""
    return f"{what} “{words}”" if words else what


class CoachScreen(QuietScreen):
    app: CoachApp
    AUTO_FOCUS = "#coach-recent"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "peer", "Peer feedback", id="peer"),
        Binding("v", "visitor", "Visiting presenter", id="visitor"),
        Binding("e", "correct", "Correct", id="correct"),
        Binding("w", "withdraw", "Withdraw", id="withdraw"),
        # no footer room at 80 columns: f1 and the palette (ctrl+p) name these
        Binding("s", "sheet", "Member's sheet", id="sheet", show=False),
        Binding("c", "calls", "My calls", id="calls", show=False),
        Binding("r", "reflection", "Reflection", id="reflection", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.table: SeatedTable | None = None
        self.tables_made = False  # the day has tables (its own, or an earlier day's kept)
        self.members: list[Person] = []
        self.names: dict[str, str] = {}
        self.written_about: dict[str, str] = {}  # the people in the coach's own entries
        self.entry_names: dict[str, str] = {}  # every name the entries shown speak of
        self.presenter_names: dict[str, str] = {}
        self.presenters: dict[str, Person] = {}
        self.events: list[AgendaEvent] = []
        self.plans: list[RotationPlan] = []
        self.behaviours = BehaviourList()
        self.entries: dict[str, Entry] = {}
        self.entries_shown: list[str] = []
        self.choosing_sheet = False  # s pressed: the next member's number shows their sheet

    def compose(self) -> ComposeResult:
        yield Header()
        yield NowPanel(self.app.tz, clock=self.app.day_clock(self.app.agenda_events()), id="now")
        with VerticalScroll(id="coach-body", can_focus=False):
            with Horizontal(id="coach-top"):
                yield MembersList(id="coach-table")
                yield Static(id="coach-behaviours")
            yield Label("Your entries today", id="coach-recent-title", classes="pane-title")
            yield RowTable(RECENT, id="coach-recent")
        yield KeyFooter()

    def on_resize(self, event: events.Resize) -> None:
        """An SSH terminal is often 80x24: the big digits give way so the round clock, the
        visitors and the coach's own entries keep their room (the time is in words too)."""
        size = event.size
        compact = size.width < COMPACT_WIDTH or size.height < COMPACT_HEIGHT
        if compact != self.has_class("-compact"):
            self.set_class(compact, "-compact")
            self.tick()  # the visitors line is fitted to the panel's new width

    def on_row_table_resized(self, event: RowTable.Resized) -> None:
        """The entries' columns fitted to the table's new width (the terminal's, or beside the
        keys panel)."""
        if event.table.id == "coach-recent":
            self._show_recent()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.watch(self.app, "unsaved", self._show_recent, init=False)
        self.set_interval(TICK_SECONDS, self.tick)

    def _refresh(self) -> None:
        snapshot = self.app.snapshot
        seating = day_seating(snapshot.seatings(self.app.cohort_id), self.app.day)
        self.table = coach_table(seating, self.app.coach_id)
        self.tables_made = seating is not None  # and none of them this coach's, when no table
        people = snapshot.people(self.app.cohort_id)
        by_id = {p.id: p for p in people}
        self.members = [by_id[m] for m in self.table.members if m in by_id] if self.table else []
        self.names = {m.id: m.name for m in self.members}
        self.presenters = {p.id: p for p in people if p.role is Role.PRESENTER}
        self.presenter_names = {p.id: p.name for p in self.presenters.values()}
        self.events = self.app.agenda_events()
        self.plans = snapshot.rotations(self.app.cohort_id, self.app.day)
        self.behaviours = snapshot.behaviours(self.app.cohort_id)
        self._show_table()
        self._show_behaviours()
        self._show_recent()
        self.tick()

    def tick(self) -> None:
        clock = self.app.day_clock(self.events)
        now = live_round(self.app.plan, self.plans, clock)
        if now is None:
            self.query_one("#now", NowPanel).show(clock)
            return
        if self.has_class("-compact"):  # no big digits: the whole panel's width, less its frame
            width = max(20, self.size.width - 6)
        else:
            # the words' column beside the digits (not the line's own width: that is as wide
            # as the words shown last, and would keep a project cut as short as it once was)
            side = self.query_one("#now-side").content_region.width
            width = side or max(20, self.size.width - NOW_SIDE_CHROME)
        table = self.table.number if self.table is not None else None
        visitors = visitors_words(now, table, self.presenters, width)
        self.query_one("#now", NowPanel).show(
            clock, (round_words(now), visitors), moving=now.moving
        )

    # ------------------------------------------------------------------ showing
    def _show_table(self) -> None:
        number = self.table.number if self.table is not None else None
        self.query_one(MembersList).show_members(number, self.members, allocated=self.tables_made)

    def _show_behaviours(self) -> None:
        text = Text()
        text.append("Our collaborative behaviours\n", style="bold")
        for index, name in enumerate(self.behaviours.names, start=1):
            text.append(f"{index:>2}  {name}\n")
        if not self.behaviours.aspired:
            text.append("  not agreed yet: type the behaviour in words\n", style="dim")
        self.query_one("#coach-behaviours", Static).update(text)

    def _show_recent(self) -> None:
        snapshot = self.app.snapshot
        mine = own_entries(
            snapshot.coach_entries(self.app.cohort_id, self.app.day),
            self.app.coach_id,
            snapshot.seatings(self.app.cohort_id),
            self.app.day,
        )
        self.entries = {e.id: e for e in mine}
        # an entry may be about someone who has left the table since it was written
        about = {p for e in mine for p in people_in(e)} - set(self.names)
        people = snapshot.people(self.app.cohort_id) if about else []
        self.written_about = {p.id: p.name for p in people if p.id in about}
        names = {**self.written_about, **self.names, **self.presenter_names}
        self.entry_names = names
        rows = [(entry.id, self._entry_parts(entry)) for entry in reversed(mine)]
        table = self.query_one("#coach-recent", RowTable)
        cells = [r for _, r in rows]
        # room over goes first to a name pair the Who column cuts ("Rosa Fernandes → Harold…"),
        # then to the words
        fit_table(
            table,
            snug_columns(RECENT, cells, RECENT_SNUG),
            RECENT_LEAST,
            wants=widest(cells, len(RECENT)),
        )
        before = set(self.entries_shown)
        self.entries_shown = table.refill(rows)
        if before and set(self.entries_shown) - before:
            table.move_cursor(row=0, animate=False)  # a new entry: e and w act on it
        title = f"Your entries today: {len(mine)}" if mine else "Your entries today: none yet"
        if self.app.unsaved:
            title += f" (+{self.app.unsaved} not saved)"
        if self.choosing_sheet:
            title = f"Whose sheet? Press a member's number (1-{len(self.members)}), escape cancels"
        elif self.table is not None:
            title += "  ·  a member's number logs what you saw"
        self.query_one("#coach-recent-title", Label).update(title)

    # ------------------------------------------------------------------ logging
    def on_key(self, event: events.Key) -> None:
        if self.choosing_sheet and event.key == "escape":
            event.stop()
            self._choose_sheet(False)
            return
        number = read_whole_number(event.character or "", len(self.members))
        if number is None:
            return
        index = number - 1
        event.stop()
        if self.choosing_sheet:
            self._choose_sheet(False)
            self._show_sheet(self.members[index])
        else:
            self._observe(self.members[index])

    # ------------------------------------------------------------------ calls
    def action_calls(self) -> None:
        """``c``: the follow-up calls assigned to this coach (nobody else's)."""
        from lp_tui.ui.screens.coach_calls import CoachCalls

        if self.choosing_sheet:
            self._choose_sheet(False)
        self.app.push_screen(CoachCalls())

    # ------------------------------------------------------------------ reflection
    def action_reflection(self) -> None:
        """``r``: the coach's reflection on today, prefilled with the one standing (if any);
        saving appends a new reflection that replaces it."""
        if self.choosing_sheet:
            self._choose_sheet(False)
        app = self.app
        old = standing_reflection(app.snapshot.reflections(app.cohort_id), app.day, app.coach_id)

        def done(text: str | None) -> None:
            if text is None or (old is not None and text == old.text):
                return
            reflection = Reflection(
                id=new_id(),
                cohort=app.cohort_id,
                day=app.day,
                by=app.coach_id,
                text=text,
                at=iso(app.clock.now()),
                replaces=old.id if old else "",
            )
            app.write(
                lambda repo: repo.add_reflection(reflection),
                f"Reflection saved (day {app.day})",
                typed(f"reflection on day {app.day}", text),
            )

        # imported here: its text box (TextArea) is the coach view's largest import, and a
        # coach writes a reflection once a day
        from lp_tui.ui.screens.reflection_dialog import ReflectionDialog

        title = f"Your reflection on day {app.day}" + (" (rewriting)" if old else "")
        intro = "How did the day go at your table? What would you change?"
        app.push_screen(ReflectionDialog(title, old.text if old else "", intro), done)

    # ------------------------------------------------------------------ sheets
    def action_sheet(self) -> None:
        """``s``, then a member's number: that member's feedback sheet (``s`` again cancels)."""
        if not self.members:
            self.notify("You have no table yet today: no sheets to show.", timeout=4)
            return
        if len(self.members) == 1:
            self._show_sheet(self.members[0])
            return
        self._choose_sheet(not self.choosing_sheet)

    def _choose_sheet(self, on: bool) -> None:
        self.choosing_sheet = on
        self._show_recent()

    def _show_sheet(self, member: Person) -> None:
        # imported when a sheet is first asked for: the exports and the markdown view would
        # double what a coach's start imports
        from lp_tui.export.gather import gather
        from lp_tui.export.participant_sheet import markdown
        from lp_tui.export.sheet_files import coach_sheet
        from lp_tui.ui.screens.sheet_view import SheetView

        if self.table is None or member.id not in self.table.members:
            return  # only the coach's own table, ever
        app = self.app
        records = gather(app.snapshot, app.cohort, app.programme, now=app.clock.now(), tz=app.tz)
        sheet = coach_sheet(records, member.id, self.table.members)
        number = self.members.index(member) + 1
        title = f"{sheet.title} (table {self.table.number}, member {number})"
        app.push_screen(SheetView(title, markdown(sheet)))

    def _behaviour_field(self, value: str = "") -> Field:
        from lp_tui.ui.screens.form_dialog import Field

        names = self.behaviours.names
        if names:
            label = f"Behaviour: a number from the list (1-{len(names)}) or words"
            example = "e.g. 2, or Builds on the ideas of others"
        else:  # no list is agreed yet (Day 1): there is no number to give
            label = "Behaviour: in words (no list is agreed yet)"
            example = "e.g. Builds on the ideas of others"
        return Field(
            label,
            value=value,
            placeholder=example,
            check=self.behaviours.pick_problem,
            suggestions=names,
            # a behaviour off the list is the coach's own words, to add to; one on it is
            # selected, so a number typed replaces it
            edit=bool(value) and value not in names,
        )

    def _behaviour_intro(self) -> str:
        return "\n".join(f"{i:>2}  {n}" for i, n in enumerate(self.behaviours.names, start=1))

    def _member_field(self, label: str, value: str = "") -> Field:
        from lp_tui.ui.screens.form_dialog import Field

        count = len(self.members)

        def check(answer: str) -> str | None:
            if read_whole_number(answer, count) is not None:
                return None
            return f"{label}: a member's number, 1 to {count}."

        return Field(label, value=value, check=check)

    def _observe(self, member: Person, old: Observation | None = None) -> None:
        from lp_tui.ui.screens.form_dialog import Field, FormDialog

        fields = [
            self._behaviour_field(old.behaviour if old else ""),
            Field(
                "Note (optional): what was said or done",
                value=old.note if old else "",
                required=False,
                edit=True,
            ),
        ]

        def done(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            behaviour = self.behaviours.pick(answer[0])
            observation = Observation(
                id=new_id(),
                cohort=self.app.cohort_id,
                day=self.app.day,
                by=self.app.coach_id,
                about=member.id,
                behaviour=behaviour,
                note=answer[1],
                at=iso(self.app.clock.now()),
                replaces=old.id if old else "",
            )
            said = "Corrected" if old else "Saved"
            self.app.write(
                lambda repo: repo.add_observation(observation),
                f"{said}: {member.name}, {behaviour}",
                typed(f"observation of {member.name}: {behaviour}", answer[1]),
            )

        title = f"Observation: {member.name}" + (" (correcting)" if old else "")
        self.app.push_screen(FormDialog(title, fields, intro=self._behaviour_intro()), done)

    def action_peer(self, old: PeerFeedback | None = None) -> None:
        from lp_tui.ui.screens.form_dialog import Field, FormDialog

        if len(self.members) < 2:
            self.notify("Peer feedback needs two members at your table.", timeout=4)
            return
        number = {m.id: str(i) for i, m in enumerate(self.members, start=1)}
        fields = [
            self._member_field("From (member's number)", number.get(old.giver, "") if old else ""),
            self._member_field("To (member's number)", number.get(old.receiver, "") if old else ""),
            self._behaviour_field(old.behaviour if old else ""),
            Field(
                "Their words (optional)",
                value=old.words if old else "",
                required=False,
                edit=True,
            ),
        ]
        members = "   ".join(f"{i} {m.name}" for i, m in enumerate(self.members, start=1))

        def done(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            giver, receiver = (self.members[int(a) - 1] for a in answer[:2])
            if giver.id == receiver.id:
                self.notify("From and To are the same person: nothing saved.", severity="warning")
                return
            behaviour = self.behaviours.pick(answer[2])
            feedback = PeerFeedback(
                id=new_id(),
                cohort=self.app.cohort_id,
                day=self.app.day,
                by=self.app.coach_id,
                giver=giver.id,
                receiver=receiver.id,
                behaviour=behaviour,
                words=answer[3],
                at=iso(self.app.clock.now()),
                table=self.table.number if self.table else 0,
                replaces=old.id if old else "",
            )
            said = "Corrected" if old else "Saved"
            self.app.write(
                lambda repo: repo.add_peer_feedback(feedback),
                f"{said}: {giver.name} → {receiver.name}, {behaviour}",
                typed(f"peer feedback {giver.name} → {receiver.name}: {behaviour}", answer[3]),
            )

        intro = members + ("\n\n" + self._behaviour_intro() if self.behaviours.names else "")
        title = "Peer feedback" + (" (correcting)" if old else "")
        self.app.push_screen(FormDialog(title, fields, intro=intro), done)

    def action_visitor(self, old: PresenterFeedback | None = None) -> None:
        from lp_tui.ui.screens.form_dialog import Field, FormDialog

        if self.table is None:
            self.notify("You have no table yet today.", timeout=4)
            return
        plans = self.app.snapshot.rotations(self.app.cohort_id, self.app.day)
        item = rotation_item(self.app.plan)
        if not plans or item is None:
            self.notify("No presenters visit the tables today.", timeout=4)
            return
        plan = plans[-1]
        visits = table_visitors(plan, self.table.number)
        if old is not None:
            current = next(((r, p) for r, p in visits if p == old.presenter), None)
        else:
            view = self.app.day_clock(self.events).item(item.key)
            current = visiting_now(plan, self.table.number, rotation_round(plan, item, view))
        listed = "\n".join(
            f"{i:>2}  round {r}: {self.presenter_names.get(p, '?')}"
            for i, (r, p) in enumerate(visits, start=1)
        )

        def check(answer: str) -> str | None:
            if read_whole_number(answer, len(visits)) is not None:
                return None
            return f"A number from 1 to {len(visits)}."

        chosen = str(visits.index(current) + 1) if current in visits else ""
        fields = [
            Field("Presenter (number)", value=chosen, check=check),
            Field("Your feedback to the presenter", value=old.text if old else "", edit=True),
        ]

        def done(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            number, presenter = visits[int(answer[0]) - 1]  # checked: ASCII digits, in range
            feedback = PresenterFeedback(
                id=new_id(),
                cohort=self.app.cohort_id,
                day=self.app.day,
                presenter=presenter,
                kind=FeedbackKind.COACH,
                text=answer[1],
                at=iso(self.app.clock.now()),
                table=self.table.number if self.table else 0,
                round=number,
                by=self.app.coach_id,
                replaces=old.id if old else "",
            )
            name = self.presenter_names.get(presenter, "?")
            self.app.write(
                lambda repo: repo.add_presenter_feedback(feedback),
                f"Saved for {name}",
                typed(f"feedback for {name}", answer[1]),
            )

        title = "Feedback to a visiting presenter" + (" (correcting)" if old else "")
        self.app.push_screen(FormDialog(title, fields, intro=listed), done)

    # ------------------------------------------------------------------ own entries
    def _selected(self) -> Entry | None:
        key = self.query_one("#coach-recent", RowTable).selected_key()
        return self.entries.get(key) if key else None

    def action_correct(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        gone = sorted(people_in(entry) - set(self.names))
        if gone:  # written before a re-seating: their entry stands, to withdraw, not to rewrite
            who = " and ".join(self.written_about.get(p, "?") for p in gone)
            sit = "sits" if len(gone) == 1 else "sit"
            self.notify(
                f"{who} no longer {sit} at your table: w withdraws the entry; "
                "it cannot be corrected.",
                timeout=6,
            )
            return
        if isinstance(entry, Observation):
            member = next(m for m in self.members if m.id == entry.about)
            self._observe(member, entry)
        elif isinstance(entry, PeerFeedback):
            self.action_peer(entry)
        elif isinstance(entry, PresenterFeedback):
            self.action_visitor(entry)

    def _entry_parts(self, entry: Entry) -> tuple[str, str, str, str, str]:
        """An entry of the coach's as its row says it, uncut: time, kind, who, behaviour and
        words (the names from the last read)."""
        kind, who, behaviour, words = describe(entry, self.entry_names)
        when = clock_time(datetime.fromisoformat(entry.at), self.app.tz)
        return when, RECENT_KINDS[kind], who, behaviour, words

    def action_withdraw(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        # the entry whole, as it was written (the row's cells are cut to their columns)
        when, kind, who, behaviour, words = self._entry_parts(entry)
        said = f"“{words}”" if words else ""
        detail = " · ".join(p for p in (when, kind, who, behaviour, said) if p)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            withdrawal = replace(
                entry, id=new_id(), at=iso(self.app.clock.now()), replaces=entry.id, withdrawn=True
            )
            self.app.write(
                lambda repo: repo.add_entry(withdrawal), "Withdrawn", f"withdrawal: {detail}"
            )

        self.app.push_screen(Confirm("Withdraw this entry?", detail), answered)


class CoachApp(LiveApp):
    """The coach's app: one table, read-mostly, logging what they see."""

    # the shared rules and the coach screen's own (its first screen: read at start)
    CSS_PATH: ClassVar = ["app.tcss", "coach.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("f1", "toggle_help_panel", "Keys", id="help"),
        Binding("f2", "toggle_contrast", "High contrast", show=False),
    ]

    def __init__(self, *args: object, coach_id: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.coach_id = coach_id

    def get_default_screen(self) -> Screen[None]:
        return CoachScreen()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The coach's own keys in the palette (ctrl+p) too, in words, beside Textual's."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, CoachScreen):
            return  # over a dialog: the dialog's own keys
        for binding in CoachScreen.BINDINGS:
            if isinstance(binding, Binding):
                action = getattr(screen, f"action_{binding.action}")
                yield SystemCommand(
                    binding.description, f"{binding.description} ({binding.key})", action
                )
        yield SystemCommand(
            "Toggle high contrast",
            "High-contrast colours on or off (f2)",
            self.action_toggle_contrast,
        )

    def heading(self) -> str:
        """The coach and the cohort; on a narrow terminal (SSH's 80 columns) the coach only, so
        that the day, and whether it is the live one, still show beside it."""
        coach = next(p for p in self.snapshot.people(self.cohort_id) if p.id == self.coach_id)
        if self.size.width < COMPACT_WIDTH:
            return f"{coach.name} (coach)"
        return f"{coach.name} (coach) · {self.cohort.name}"
