from __future__ import annotations

import pytest
from textual.widgets import Static

from lp_tui.domain.model import Answer, EvaluationForm
from lp_tui.domain.tally import tally
from lp_tui.ui.app import FacilitatorApp
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.evaluation import EvaluationScreen
from lp_tui.ui.screens.form_dialog import FormDialog
from tests.app.conftest import SIZE, steady, type_keys, wait_until
from tests.unit.test_tally import FIXTURE

KEYED = "54335445"  # Day 3's eight answers as first keyed
AGAIN = "54345445"  # the second keying: "Other guest speakers" 4, not 3


@pytest.fixture
def app(repo, demo, programme, clock):  # the evaluation form is Day 3's
    from datetime import UTC

    return FacilitatorApp(repo, demo[0].id, programme, day=3, clock=clock, tz=UTC, poll_seconds=0.1)


async def open_day3(app, pilot) -> None:
    await pilot.press("e")
    assert isinstance(app.screen, EvaluationScreen)


async def test_a_form_is_keyed_one_keystroke_an_answer(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_day3(app, pilot)
        await pilot.press("5", "4", "b", "3", "5", "0", "4", "5")
        await pilot.pause()
        await type_keys(pilot, *"networking", "enter")
        await wait_until(pilot, lambda: repo.snapshot().forms(app.cohort_id, 3))
        [form] = repo.snapshot().forms(app.cohort_id, 3)
        assert form.number == 1
        assert [a.rating for a in form.answers] == [5, 4, None, 3, 5, None, 4, 5]
        assert form.comments[0].text == "networking"
        assert form.comments[0].question == "most_useful"  # Day 3's free-text question
        assert "Form 2" in str(app.screen.query_one("#form-title").render())


async def test_backspace_goes_back_a_question(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_day3(app, pilot)
        await pilot.press("5", "4", "backspace", "3")
        await pilot.pause()
        assert app.screen.answers == [5, 3]


async def key_and_check(app, pilot, repo, first: str = KEYED, again: str = AGAIN) -> None:
    """Key a form, then key it again (V, enter for the last form)."""
    await open_day3(app, pilot)
    await pilot.press(*first, "enter")
    await wait_until(pilot, lambda: repo.snapshot().forms(app.cohort_id, 3))
    await pilot.press("V")
    await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, EvaluationScreen))
    await pilot.press(*again, "enter")
    await wait_until(pilot, lambda: app.screen.checking is None)  # compared, and said so


def footer_keys(app) -> set[str]:
    return set(app.screen.active_bindings)


async def test_a_second_keying_flags_differences(app, repo) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_day3(app, pilot)
        assert not {"C", "W"} & footer_keys(app)  # nothing to correct yet
        await key_and_check(app, pilot, repo)
        messages = [n.message for n in app._notifications]
        assert any("Other guest speakers: stored 3, keyed 4" in m for m in messages)
        assert len(repo.snapshot().forms(app.cohort_id, 3)) == 1
        flag = app.screen.query_one("#form-flag", Static)
        assert flag.display
        assert "Form 1 differs from its second keying" in str(flag.render())
        bindings = app.screen.active_bindings
        assert bindings["C"].binding.description == "Correct"
        assert bindings["W"].binding.description == "Withdraw"


async def test_keyings_that_agree_flag_nothing(app, repo) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await key_and_check(app, pilot, repo, KEYED, KEYED)
        assert any("both keyings agree" in n.message for n in app._notifications)
        assert not app.screen.query_one("#form-flag", Static).display
        assert not {"C", "W"} & footer_keys(app)
        await pilot.press("C")  # not bound now: nothing opens
        await pilot.pause()
        assert isinstance(app.screen, EvaluationScreen)


async def test_v_checks_the_form_whose_number_is_typed(app, repo, demo) -> None:
    cohort = demo[0].id
    answers = tuple(Answer(q.key, 5) for q in app.plan.questions)
    at = "2018-01-16T16:00:00+00:00"
    repo.add_forms([EvaluationForm(f"f{n}", cohort, 3, n, at, answers) for n in (1, 2, 3)])
    async with app.run_test(size=SIZE) as pilot:
        await open_day3(app, pilot)
        await wait_until(pilot, lambda: len(app.screen.forms) == 3)
        await pilot.press("V")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        await pilot.press("9", "enter")  # no form 9: the dialog says so and stays
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("backspace", "2", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EvaluationScreen))
        title = app.screen.query_one("#form-title")
        assert "Checking form 2 (second keying)" in str(title.render())


async def test_a_flagged_form_is_corrected_as_an_appended_record(app, repo) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await key_and_check(app, pilot, repo)
        [original] = repo.snapshot().forms(app.cohort_id, 3)
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        dialog = app.screen
        assert dialog.heading == "Correct form 1"
        assert [f.value for f in dialog.fields] == ["4"]  # only the question that differs
        assert "Other guest speakers (stored 3, keyed 4)" in dialog.fields[0].label
        await pilot.press("backspace", "2", "enter")  # the paper says 2
        await wait_until(
            pilot, lambda: len(repo.snapshot().forms(app.cohort_id, 3, every=True)) == 2
        )
        [standing] = repo.snapshot().forms(app.cohort_id, 3)
        assert standing.replaces == original.id and standing.number == 1
        assert standing.rating("guest_speakers") == 2
        assert [a.rating for a in standing.answers] == [5, 4, 3, 2, 5, 4, 4, 5]
        await wait_until(
            pilot, lambda: any(n.message == "Form 1 corrected" for n in app._notifications)
        )
        assert not app.screen.query_one("#form-flag", Static).display
        assert not {"C", "W"} & footer_keys(app)
        await wait_until(pilot, lambda: app.screen.forms == [standing])
        expected = tally(3, app.plan.questions, [standing])
        assert tally(3, app.plan.questions, app.screen.forms) == expected


@pytest.mark.parametrize(
    ("key", "dialog", "answer"),
    [("C", FormDialog, "escape"), ("W", Confirm, "n")],
    ids=["a correction cancelled", "a withdrawal refused"],
)
async def test_a_correction_or_withdrawal_not_confirmed_stores_nothing(
    app, repo, key: str, dialog: type, answer: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await key_and_check(app, pilot, repo)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, dialog))
        await pilot.press(answer)
        await pilot.pause()
        assert len(repo.snapshot().forms(app.cohort_id, 3, every=True)) == 1
        assert "C" in footer_keys(app)  # still flagged


async def test_a_rating_that_is_not_1_to_5_is_refused_in_the_correction(app, repo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await key_and_check(app, pilot, repo)
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        await pilot.press("backspace", "7", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        problem = str(app.screen.query_one("#form-problem", Static).render())
        assert "A rating from 1 to 5" in problem
        assert len(repo.snapshot().forms(app.cohort_id, 3, every=True)) == 1


async def test_a_flagged_form_is_withdrawn_and_its_number_not_reused(app, repo) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await key_and_check(app, pilot, repo)
        [original] = repo.snapshot().forms(app.cohort_id, 3)
        await pilot.press("W")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        assert app.screen.question == "Withdraw form 1?"
        await pilot.press("y")
        await wait_until(pilot, lambda: not repo.snapshot().forms(app.cohort_id, 3))
        records = repo.snapshot().forms(app.cohort_id, 3, every=True)
        assert [(r.id == original.id, r.withdrawn) for r in records] == [
            (True, False),
            (False, True),
        ]
        assert records[1].replaces == original.id
        await wait_until(
            pilot, lambda: any(n.message == "Form 1 withdrawn" for n in app._notifications)
        )
        await wait_until(pilot, lambda: app.screen.forms == [])
        assert "Day 3: 0 forms" in str(app.screen.query_one("#tally-view").render())
        assert "Form 2" in str(app.screen.query_one("#form-title").render())


def test_snapshot_form_entry_and_tally(app, run_cli, snap_compare) -> None:
    run_cli("ratings", "import", str(FIXTURE), "--day", "3")

    async def run_before(pilot) -> None:
        await open_day3(pilot.app, pilot)
        await pilot.press("5", "4", "b")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_a_flagged_form(app, repo, snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await key_and_check(pilot.app, pilot, repo)
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_a_flagged_form_at_80x24_keeps_its_footer_and_comments_box_in_view(app, repo) -> None:
    from tests.app.test_small_terminal_b import footer_cut

    async with app.run_test(size=(80, 24)) as pilot:
        await key_and_check(app, pilot, repo)
        await wait_until(pilot, lambda: app.screen.flagged is not None)
        assert {"C", "W"} <= footer_keys(app)
        assert footer_cut(app) == []  # Correct and Withdraw too, with f1 Keys
        await pilot.press(*KEYED)
        await pilot.pause()
        await pilot.pause()
        comments = app.screen.query_one("#form-comments")
        assert comments.has_focus
        form = app.screen.query_one("#form-entry")
        assert form.region.contains_region(comments.region)  # scrolled in


def test_snapshot_the_correction_dialog(app, repo, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await key_and_check(pilot.app, pilot, repo)
        await steady(pilot)  # the "differs" toast gone
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormDialog))
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_a_form_keyed_to_its_comments(app, snap_compare, size) -> None:
    """Every answer keyed: the comments box has the focus and asks the form's own question,
    whole at 80x24 (the hint below says that enter saves)."""

    async def run_before(pilot) -> None:
        await open_day3(pilot.app, pilot)
        await pilot.press(*KEYED)
        await wait_until(pilot, lambda: pilot.app.screen.query_one("#form-comments").has_focus)
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
