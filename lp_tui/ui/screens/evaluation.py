"""Evaluation forms: key paper forms in fast (one keystroke an answer), and watch the tally
grow beside them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from lp_tui.domain.clock import iso
from lp_tui.domain.model import new_id
from lp_tui.domain.tally import Answer, Comment, EvaluationForm, keying_differences, tally
from lp_tui.ui.widgets.tally_view import TallyView

if TYPE_CHECKING:
    from lp_tui.ui.live import LiveApp

BLANK_KEYS = ("0", "b", "minus", "space")


class EvaluationScreen(Screen[None]):
    """1-5 answers the question and moves on; 0, b or space leaves it blank; backspace goes
    back; after the last question type any comments and press enter to save."""

    app: LiveApp
    AUTO_FOCUS = ""  # keys go to the form, not to the comments box

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "back", "Back", id="form-back"),
        Binding("V", "verify", "Key again to check", id="verify"),
        Binding("escape", "restart", "Start the form again", id="form-restart"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[int | None] = []
        self.forms: list[EvaluationForm] = []
        self.checking: EvaluationForm | None = None

    @property
    def questions(self):  # type: ignore[no-untyped-def]
        return self.app.plan.questions

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="evaluation-body"):
            with Vertical(id="form-entry"):
                yield Label(id="form-title")
                yield Static(id="form-questions")
                yield Input(placeholder="Comments (enter saves the form)", id="form-comments")
                yield Static(id="form-hint", classes="dialog-hint")
            yield TallyView(id="tally-view")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.query_one("#form-comments", Input).display = False

    def _refresh(self) -> None:
        self.forms = self.app.snapshot.forms(self.app.cohort_id, self.app.day)
        self._show()

    def next_number(self) -> int:
        return max((f.number for f in self.forms), default=0) + 1

    def _show(self) -> None:
        questions = self.questions
        number = self.checking.number if self.checking else self.next_number()
        title = f"Checking form {number} (second keying)" if self.checking else f"Form {number}"
        self.query_one("#form-title", Label).update(title)
        text = Text()
        for index, question in enumerate(questions):
            current = index == len(self.answers)
            answer = ""
            if index < len(self.answers):
                value = self.answers[index]
                answer = "blank" if value is None else str(value)
            marker = "▸ " if current else "  "
            text.append(f"{marker}{index + 1}. {question.label}\n", style="bold" if current else "")
            text.append(
                f"     {answer or ('?' if current else '')}\n",
                style="reverse" if current else "dim",
            )
        self.query_one("#form-questions", Static).update(text)
        done = len(self.answers) >= len(questions)
        comments = self.query_one("#form-comments", Input)
        comments.display = done
        if done and not comments.has_focus:
            self.set_focus(comments)
        self.query_one("#form-hint", Static).update(
            "enter saves · escape starts again"
            if done
            else "1-5 answer · 0/b/space blank · backspace back"
        )
        self.query_one("#tally-view", TallyView).show(
            tally(self.app.day, questions, self.forms), self.forms
        )

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if len(self.answers) >= len(self.questions) or not self.questions:
            return
        if event.character and event.character in "12345":
            self.answers.append(int(event.character))
        elif event.key in BLANK_KEYS:
            self.answers.append(None)
        else:
            return
        event.stop()
        self._show()

    def action_back(self) -> None:
        if self.answers and not self.query_one("#form-comments", Input).has_focus:
            self.answers.pop()
            self._show()

    def action_restart(self) -> None:
        self.answers = []
        self.checking = None
        self.query_one("#form-comments", Input).value = ""
        self.set_focus(None)
        self._show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if len(self.answers) != len(self.questions):
            return
        answers = tuple(
            Answer(q.key, value) for q, value in zip(self.questions, self.answers, strict=True)
        )
        comments = (Comment("comments", event.value.strip()),) if event.value.strip() else ()
        if self.checking is not None:
            self._report_differences(self.checking, answers)
        else:
            form = EvaluationForm(
                id=new_id(),
                cohort=self.app.cohort_id,
                day=self.app.day,
                number=self.next_number(),
                at=iso(self.app.clock.now()),
                answers=answers,
                comments=comments,
            )
            self.forms = [*self.forms, form]
            self.app.write(lambda repo: repo.add_forms([form]), f"Form {form.number} saved")
        event.input.value = ""
        self.action_restart()

    def _report_differences(self, stored: EvaluationForm, answers: tuple[Answer, ...]) -> None:
        differences = keying_differences(self.questions, stored, answers)
        if differences:
            self.notify(
                "\n".join(differences),
                title=f"Form {stored.number} differs",
                severity="warning",
                timeout=20,
            )
        else:
            self.notify(f"Form {stored.number}: both keyings agree", timeout=4)

    def action_verify(self) -> None:
        """Key an already stored form again (the last one unless another is chosen)."""
        if not self.forms:
            self.notify("No forms to check yet.", severity="warning")
            return
        self.answers = []
        self.checking = self.forms[-1]
        self._show()
