"""The evaluation tally's comments: alike whatever their case, and shown as people wrote them."""

from __future__ import annotations

from textual.app import App, ComposeResult

from lp_tui.domain.model import Comment, EvaluationForm
from lp_tui.domain.tally import tally
from lp_tui.ui.widgets.tally_view import TallyView


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield TallyView(id="tally")


def form(number: int, said: str) -> EvaluationForm:
    return EvaluationForm(
        id=f"f{number}",
        cohort="c",
        day=3,
        number=number,
        at="2017-11-27T15:40:00+00:00",
        comments=(Comment("comments", said),),
    )


async def test_comments_alike_but_for_case_are_counted_together_and_shown_as_first_written() -> (
    None
):
    forms = [form(1, "Meeting NHS England"), form(2, "meeting nhs england "), form(3, "The food")]
    app = Holder()
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(TallyView)
        view.show(tally(3, [], forms), forms)
        await pilot.pause()
        shown = str(view.render())
        assert "2 × Meeting NHS England" in shown
        assert "1 × The food" in shown
        assert "nhs england" not in shown
