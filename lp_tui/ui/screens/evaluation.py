"""Evaluation forms: key paper forms in fast (one keystroke an answer), and watch the tally
grow beside them. A stored form can be keyed again (V) to check it; where the two keyings
differ, the form can be corrected (C) or withdrawn (W): both are new records added after it,
so the tally and every export count only the forms that stand. T names the table the forms
being keyed came from (blank for none): it stays for the forms after, until changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, Label, Static

from lp_tui.domain.clock import iso
from lp_tui.domain.model import Answer, Comment, EvaluationForm, new_id
from lp_tui.domain.seating import day_seating
from lp_tui.domain.tally import (
    corrected_form,
    differing_questions,
    keying_differences,
    rating_text,
    read_rating,
    read_table,
    tally,
    withdrawn_form,
)
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.form_dialog import Field, FormDialog
from lp_tui.ui.screens.quiet_screen import QuietScreen
from lp_tui.ui.widgets.hanging import HangingLines
from lp_tui.ui.widgets.in_order import InOrderInput
from lp_tui.ui.widgets.key_footer import KeyFooter
from lp_tui.ui.widgets.tally_view import TallyView

if TYPE_CHECKING:
    from lp_tui.domain.programme import Question
    from lp_tui.ui.live import LiveApp

BLANK_KEYS = ("0", "b", "minus", "space")
SHORT = 32  # a screen less tall than this shows each question on one line with its answer


class EvaluationScreen(QuietScreen):
    """1-5 answers the question and moves on; 0, b or space leaves it blank; backspace goes
    back; after the last question type any comments and press enter to save."""

    CSS_PATH = "evaluation.tcss"  # its own rules, read when it is first shown

    app: LiveApp
    AUTO_FOCUS = ""  # keys go to the form, not to the comments box
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (100, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        # backspace is in the form's hint and f1: the footer keeps its room for the rest
        Binding("backspace", "back", "Back", id="form-back", show=False),
        Binding("V", "verify", "Check again", id="verify"),
        Binding("C", "correct", "Correct", id="form-correct"),
        Binding("W", "withdraw", "Withdraw", id="form-withdraw"),
        Binding("T", "choose_table", "Table", id="form-table"),
        Binding("escape", "restart", "Start again", id="form-restart"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[int | None] = []
        self.forms: list[EvaluationForm] = []  # the day's forms that stand
        self.numbers_used: set[int] = set()  # every number ever given that day, withdrawn too
        self.keyed: list[EvaluationForm] = []  # forms keyed here (one waiting keeps its number)
        self.checking: EvaluationForm | None = None
        self.table = 0  # the table the forms keyed next came from; 0: not known
        # the form a second keying disagreed with, and that keying's answers
        self.flagged: tuple[EvaluationForm, tuple[Answer, ...]] | None = None
        self.compact = False  # one line a question, for a short terminal

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.app.plan.questions

    @property
    def comment_question(self) -> Question | None:
        """The free-text question the comments box answers, when the day has exactly one."""
        free_text = self.app.plan.free_text
        return free_text[0] if len(free_text) == 1 else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="evaluation-body"):
            # a short terminal scrolls the form (the comments box scrolls in when focused)
            with VerticalScroll(id="form-entry", can_focus=False):
                yield Label(id="form-title")
                yield Static(id="form-flag", markup=False)
                yield HangingLines(id="form-questions")
                yield InOrderInput(placeholder="Comments", id="form-comments")
                yield Static(id="form-hint", classes="dialog-hint")
            with VerticalScroll(id="tally-scroll"):  # a long tally scrolls (tab reaches it)
                yield TallyView(id="tally-view")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh)
        self.query_one("#form-comments", Input).display = False

    def on_resize(self, event: events.Resize) -> None:
        compact = event.size.height < SHORT
        if compact != self.compact:
            self.compact = compact
            if self.is_mounted and self.app.snapshot is not None:
                self._show()

    def _refresh(self) -> None:
        snapshot, day = self.app.snapshot, self.app.day
        self.forms = snapshot.forms(self.app.cohort_id, day)
        every = snapshot.forms(self.app.cohort_id, day, every=True)
        stored = {f.id for f in every}
        waiting = [f for f in self.keyed if f.id not in stored and f.day == day]
        self.numbers_used = {f.number for f in [*every, *waiting]}
        standing_ids = {f.id for f in self.forms}
        if self.flagged is not None and self.flagged[0].id not in standing_ids:
            self.flagged = None  # corrected, withdrawn, or another day now
        if self.checking is not None and self.checking.id not in standing_ids:
            self.checking = None
            self.answers = []
        self._show()

    def next_number(self) -> int:
        return max(self.numbers_used | {f.number for f in self.forms}, default=0) + 1

    def _show(self) -> None:
        questions = self.questions
        number = self.checking.number if self.checking else self.next_number()
        title = f"Checking form {number} (second keying)" if self.checking else f"Form {number}"
        if self.table and not self.checking:
            title += f" · table {self.table}"
        self.query_one("#form-title", Label).update(title)
        flag = self.query_one("#form-flag", Static)
        flag.display = self.flagged is not None
        if self.flagged is not None:
            flag.update(
                f"⚠ Form {self.flagged[0].number} differs from its second keying: "
                "C corrects it, W withdraws it."
            )
        rows: list[tuple[Text, Text]] = []
        for index, question in enumerate(questions):
            current = index == len(self.answers)
            answer = ""
            if index < len(self.answers):
                answer = rating_text(self.answers[index])
            marker = "▸ " if current else "  "
            strong = "bold" if current else ""
            label = Text(question.label, style=strong)
            if self.compact:  # one line a question, its answer first (a long label wraps)
                shown = answer or ("?" if current else "")
                lead = Text(f"{marker}{index + 1:>2}. ", style=strong)
                lead.append(f"{shown:^5}", "reverse" if current else "bold")
                lead.append(" ")
                rows.append((lead, label))
                continue
            rows.append((Text(f"{marker}{index + 1}. ", style=strong), label))
            shown = f"     {answer or ('?' if current else '')}"
            rows.append((Text(shown, style="reverse" if current else "dim"), Text()))
        self.query_one("#form-questions", HangingLines).show(rows)
        done = len(self.answers) >= len(questions)
        comments = self.query_one("#form-comments", Input)
        asked = self.comment_question
        # the question alone: the hint below says enter saves (a narrow box cut the words off)
        comments.placeholder = asked.label if asked else "Comments"
        comments.display = done
        if done and not comments.has_focus:
            self.set_focus(comments)
            # shown just now: in view once laid out (a short terminal scrolls the form)
            form = self.query_one("#form-entry", VerticalScroll)
            self.call_after_refresh(form.scroll_end, animate=False)
        self.query_one("#form-hint", Static).update(
            "enter saves · escape starts again"
            if done
            else "1-5 answer · 0/b/space blank · backspace back"
        )
        self.query_one("#tally-view", TallyView).show(
            tally(self.app.day, questions, self.forms), self.forms, self.app.plan.free_text
        )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("correct", "withdraw"):
            return self.flagged is not None  # shown in the footer only when there is a form
        return True

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
        # a new form is read from its title down; after any scroll to the comments box that
        # is still waiting for its refresh (a short terminal), so the last word is this one
        form = self.query_one("#form-entry", VerticalScroll)
        self.call_after_refresh(form.scroll_home, animate=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if len(self.answers) != len(self.questions):
            return
        answers = tuple(
            Answer(q.key, value) for q, value in zip(self.questions, self.answers, strict=True)
        )
        typed = event.value.strip()
        asked = self.comment_question
        comments = (
            (Comment(asked.label if asked else "comments", typed, asked.key if asked else ""),)
            if typed
            else ()
        )
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
                table=self.table,
            )
            self.forms = [*self.forms, form]
            self.keyed.append(form)
            self.numbers_used.add(form.number)
            self.app.write(
                lambda repo: repo.add_forms([form]),
                f"Form {form.number} saved",
                f"form {form.number} as typed",
            )
        event.input.value = ""
        self.action_restart()

    def _report_differences(self, stored: EvaluationForm, answers: tuple[Answer, ...]) -> None:
        differences = keying_differences(self.questions, stored, answers)
        if differences:
            self.flagged = (stored, answers)
            self.notify(
                "\n".join(differences),
                title=f"Form {stored.number} differs",
                severity="warning",
                timeout=20,
            )
        else:
            if self.flagged is not None and self.flagged[0].id == stored.id:
                self.flagged = None
            self.notify(f"Form {stored.number}: both keyings agree", timeout=4)

    def action_verify(self) -> None:
        """Key a stored form again: the last one, or the one whose number is typed."""
        if not self.forms:
            self.notify("No forms to check yet.", severity="warning")
            return
        last = self.forms[-1].number
        by_number = {f.number: f for f in self.forms}

        def check(answer: str) -> str | None:
            if answer.isascii() and answer.isdigit() and int(answer) in by_number:
                return None
            return f"No form {answer} stands for day {self.app.day}."

        def chosen(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            self.answers = []
            self.checking = by_number[int(answer[0])] if answer[0] else by_number[last]
            self.query_one("#form-comments", Input).value = ""
            self.set_focus(None)
            self._show()

        field = Field(
            f"Form number (enter alone: the last, {last})",
            placeholder=str(last),
            required=False,
            check=check,
        )
        dialog = FormDialog("Key a stored form again", [field], done="opens it to key again")
        self.app.push_screen(dialog, chosen)

    def day_tables(self) -> set[int] | None:
        """The day's table numbers, or None when the day has no seating yet."""
        seating = day_seating(self.app.snapshot.seatings(self.app.cohort_id), self.app.day)
        return {t.number for t in seating.tables} if seating else None

    def action_choose_table(self) -> None:
        tables = self.day_tables()

        def check(answer: str) -> str | None:
            try:
                read_table(answer, tables)
            except ValueError as problem:
                return str(problem)
            return None

        def chosen(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            self.table = read_table(answer[0], tables)
            self._show()
            shown = f"table {self.table}" if self.table else "no table"
            self.notify(f"Forms keyed next: {shown}", timeout=4)

        listed = ", ".join(str(t) for t in sorted(tables)) if tables else ""
        field = Field(
            "Table (blank for none)",
            value=str(self.table) if self.table else "",
            placeholder=f"one of {listed}" if listed else "a table number",
            required=False,
            check=check,
        )
        intro = "The table the next forms came from; it stays until changed."
        dialog = FormDialog("Form's table", [field], intro=intro, dialog_id="form-table-dialog")
        self.app.push_screen(dialog, chosen)

    def action_correct(self) -> None:
        """Correct the flagged form: the questions where the keyings differ, as on paper."""
        if self.flagged is None:
            return
        stored, keyed = self.flagged
        again = {a.question: a.rating for a in keyed}
        differing = differing_questions(self.questions, stored, keyed)

        def check(answer: str) -> str | None:
            try:
                read_rating(answer)
            except ValueError:
                return "A rating from 1 to 5, or nothing for not answered."
            return None

        fields = [
            Field(
                f"{q.label} (stored {rating_text(stored.rating(q.key))}, "
                f"keyed {rating_text(again.get(q.key))})",
                value="" if again.get(q.key) is None else str(again.get(q.key)),
                placeholder="blank: not answered",
                required=False,
                check=check,
            )
            for q in differing
        ]

        def done(answer: tuple[str, ...] | None) -> None:
            if answer is None:
                return
            ratings = {q.key: read_rating(a) for q, a in zip(differing, answer, strict=True)}
            if all(stored.rating(key) == rating for key, rating in ratings.items()):
                self.flagged = None
                self.notify(f"Form {stored.number} as stored: nothing changed.", timeout=4)
                self._show()
                return
            fixed = corrected_form(stored, ratings, id=new_id(), at=iso(self.app.clock.now()))
            self.flagged = None
            self.app.write(
                lambda repo: repo.add_forms([fixed]),
                f"Form {stored.number} corrected",
                f"the correction of form {stored.number}",
            )
            self._show()

        intro = (
            "Type what the paper form says: 1-5, or nothing for not answered. The form stays "
            "in the record; the correction is added after it and counts instead."
        )
        title = f"Correct form {stored.number}"
        dialog = FormDialog(title, fields, intro=intro, dialog_id="form-correct-dialog")
        self.app.clear_notifications()  # the differences are in the dialog now
        self.app.push_screen(dialog, done)

    def action_withdraw(self) -> None:
        """Take the flagged form out of the count (it stays in the record, marked withdrawn)."""
        if self.flagged is None:
            return
        stored = self.flagged[0]

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            gone = withdrawn_form(stored, id=new_id(), at=iso(self.app.clock.now()))
            self.flagged = None
            self.app.write(
                lambda repo: repo.add_forms([gone]),
                f"Form {stored.number} withdrawn",
                f"the withdrawal of form {stored.number}",
            )
            self._show()

        detail = (
            f"Form {stored.number} stays in the record, marked withdrawn; it no longer counts "
            "in the tally or any export."
        )
        self.app.clear_notifications()
        self.app.push_screen(Confirm(f"Withdraw form {stored.number}?", detail), answered)
