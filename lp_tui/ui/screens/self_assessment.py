"""Self-assessment sheets keyed from paper, as evaluation forms are: choose the stage (s),
the participant (enter, then a few letters of the name), then one keystroke a statement (1-5,
0 or space for not answered), the 13 statements in order; then the same sheet keyed again.
Where the keyings differ the differing statements are keyed again from the paper, until each
answer has two keyings that agree; only then is the sheet stored (one SelfAssessment). A
participant already assessed at the stage is refused: nothing stored is changed here."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Header, Label, Static

from lp_tui.domain.clock import iso
from lp_tui.domain.model import AssessmentStage, Person, SelfAssessment, new_id
from lp_tui.domain.seating import participants
from lp_tui.domain.self_assessment import (
    AGAIN,
    STAGES,
    DoubleEntry,
    Statement,
    assessed_at,
    keyed_rating,
    statements,
)
from lp_tui.domain.tally import rating_text
from lp_tui.domain.text import plural
from lp_tui.domain.timers import cut_words
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.screens.tables_dialogs import ChoosePerson
from lp_tui.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp


SHEET_PREFIX = "{} {:<3} {:>5} {:>5}  "  # mark, key, first and second keying


class SelfAssessmentScreen(QuietScreen):
    """s changes the stage, enter chooses the participant; then 1-5 answers a statement, 0 or
    space leaves it not answered, backspace goes back, escape drops the sheet (asking first
    once an answer is keyed: nothing is stored until the sheet is keyed twice alike)."""

    app: LiveApp
    AUTO_FOCUS = ""
    DEFAULT_CSS = """
    SelfAssessmentScreen #sa-body { padding: 0 1; }
    SelfAssessmentScreen #sa-title { text-style: bold; }
    SelfAssessmentScreen #sa-statements {
        height: auto; margin-top: 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    SelfAssessmentScreen #sa-hint { margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "stage", "Change stage", id="sa-stage"),
        Binding("enter", "choose", "Choose participant", id="sa-choose"),
        Binding("backspace", "back", "Back", id="sa-back"),
        Binding("escape", "drop", "Drop the sheet", id="sa-drop"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stage: AssessmentStage = AssessmentStage.BEFORE
        self.person: Person | None = None
        self.entry: DoubleEntry | None = None
        self.saved: set[tuple[str, AssessmentStage]] = set()  # keyed here, maybe not landed yet

    @property
    def items(self) -> tuple[Statement, ...]:
        return statements(self.app.programme)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="sa-body"):
            yield Label(id="sa-title", markup=False)
            yield Static(id="sa-progress", markup=False)
            yield Static(id="sa-statements")
            yield Static(id="sa-hint", classes="dialog-hint", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()

    def _participants(self) -> list[Person]:
        """The participants, by name (as every list of people is shown)."""
        return participants(self.app.snapshot.people(self.app.cohort_id))

    def _show(self) -> None:
        who = f" · {self.person.name}" if self.person else ""
        self.query_one("#sa-title", Label).update(f"Self-assessment {self.stage.label}{who}")
        entry = self.entry
        sheet, cut = self._sheet(entry)
        progress = (
            entry.progress if entry else "Choose the participant whose sheet is in front of you."
        )
        if cut is not None:  # the statement being keyed, whole, where the sheet shortens it
            progress += f"\n▸ {cut}"
        self.query_one("#sa-progress", Static).update(progress)
        self.query_one("#sa-statements", Static).update(sheet)
        self.query_one("#sa-hint", Static).update(
            "1-5 answer · 0/space blank · backspace back · escape drops the sheet (asks)"
            if entry
            else "enter chooses the participant · s changes the stage"
        )
        self.refresh_bindings()

    def on_resize(self, event: events.Resize) -> None:
        self._show()  # the statements cut to the new width

    def _sheet(self, entry: DoubleEntry | None) -> tuple[Text, str | None]:
        """The sheet, each statement cut at a word to the width; and the statement being
        keyed when it is cut (None when it shows whole)."""
        width = self.size.width - 2 - len(SHEET_PREFIX.format(" ", "", "", ""))
        whole: str | None = None
        text = Text()
        text.append("\u00a0 key   1st   2nd  statement\n", style="dim")
        current = entry.current if entry else None
        fixing = set(entry.fixing) if entry else set()
        for index, item in enumerate(self.items):
            first = second = ""
            if entry is not None:
                if index < len(entry.first):
                    first = rating_text(entry.first[index])
                if index < len(entry.second):
                    second = rating_text(entry.second[index])
            mark = "▸" if index == current else ("≠" if index in fixing else "\u00a0")
            style = "bold reverse" if index == current else ("bold" if index in fixing else "")
            text.append(SHEET_PREFIX.format(mark, item.key, first, second), style=style)
            label = item.label
            if width >= 12 and len(label) > width:
                label = cut_words(label, width, keep=width // 2)
                whole = item.label if index == current else whole
            text.append(f"{label}\n", style="bold" if index == current else "")
        text.rstrip()
        return text, whole

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("stage", "choose"):
            return self.entry is None
        if action in ("back", "drop"):
            return self.entry is not None
        return True

    # ------------------------------------------------------------------ keys
    def action_stage(self) -> None:
        self.stage = STAGES[(STAGES.index(self.stage) + 1) % len(STAGES)]
        self._show()

    def action_choose(self) -> None:
        title = f"Whose self-assessment {self.stage.label}?"
        self.app.push_screen(ChoosePerson(title, self._participants()), self._chosen)

    def _chosen(self, person_id: str | None) -> None:
        if person_id is None:
            return
        person = next(p for p in self._participants() if p.id == person_id)
        stored = self.app.snapshot.self_assessments(self.app.cohort_id)
        if (person.id, self.stage) in self.saved or person.id in assessed_at(stored, self.stage):
            self.notify(
                f"{person.name} has a self-assessment {self.stage.label} already stored: "
                "it is kept as it is, and nothing is keyed.",
                title="Already assessed",
                severity="warning",
                timeout=10,
            )
            return
        self.person = person
        self.entry = DoubleEntry(len(self.items))
        self._show()

    def on_key(self, event: events.Key) -> None:
        if self.entry is None:
            return
        try:
            rating = keyed_rating("space" if event.key == "space" else event.character or "")
        except ValueError:
            return
        event.stop()
        before = self.entry.step
        self.entry = self.entry.key(rating)
        if self.entry.current is None:
            self._store()
            return
        if self.entry.step == AGAIN and (before != AGAIN or not self.entry.again):
            self.notify(
                "\n".join(self._differences()), title="The keyings differ", severity="warning"
            )
        self._show()

    def _differences(self) -> list[str]:
        entry = self.entry
        assert entry is not None
        return [
            f"{self.items[i].key} {self.items[i].label}: keyed {rating_text(entry.first[i])}, "
            f"then {rating_text(entry.second[i])}"
            for i in entry.fixing
        ]

    def _store(self) -> None:
        entry, person = self.entry, self.person
        assert entry is not None and person is not None
        answers = entry.answers(self.items)
        self.entry = self.person = None
        if not answers:
            self.notify(
                f"{person.name}'s sheet rates no statement: nothing stored.", severity="warning"
            )
            self._show()
            return
        assessment = SelfAssessment(
            id=new_id(),
            cohort=self.app.cohort_id,
            person=person.id,
            stage=self.stage,
            at=iso(self.app.clock.now()),
            answers=answers,
        )
        self.saved.add((person.id, self.stage))
        self.app.write(
            lambda repo: repo.add_self_assessments([assessment]),
            f"{person.name}'s self-assessment {self.stage.label} saved",
            f"{person.name}'s self-assessment {self.stage.label}",
        )
        self._show()

    def action_back(self) -> None:
        if self.entry is not None:
            self.entry = self.entry.back()
            self._show()

    def action_drop(self) -> None:
        """Escape drops the sheet being keyed; where answers are keyed, after asking (they
        are not stored until the sheet is keyed twice alike)."""
        entry, person = self.entry, self.person
        if entry is None:
            return
        keyed = len(entry.first) + len(entry.second)
        if not keyed:
            self._drop()
            return

        def answered(yes: bool | None) -> None:
            if yes and self.entry is entry:
                self._drop()

        name = person.name if person is not None else "this participant"
        self.app.push_screen(
            Confirm(
                "Drop this sheet?",
                f"{plural(keyed, 'answer')} keyed for {name}'s sheet {self.stage.label} are not "
                "stored yet and would be lost (n goes back to keying).",
                losing=True,
            ),
            answered,
        )

    def _drop(self) -> None:
        self.entry = self.person = None
        self.notify("Sheet dropped: nothing stored.", timeout=4)
        self._show()
