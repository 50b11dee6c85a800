"""``l`` on the Follow-up screen (or the palette): the facilitator writes the lessons learned and
recommendations, section by section; ctrl+o saves every section changed in one write."""

from __future__ import annotations

import errno

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from lp_tui.domain.clock import iso
from lp_tui.domain.lessons import LessonNote, LessonSection, standing_lessons
from lp_tui.domain.model import new_id
from lp_tui.ui.screens.confirm import Confirm
from lp_tui.ui.screens.followup import FollowUpScreen
from lp_tui.ui.screens.lessons import LessonsScreen
from tests.app.conftest import SIZE, footer_shown, steady, type_keys, wait_until
from tests.app.test_live_day_views import run_from_palette
from tests.app.test_write_faults import banner_text
from tests.helpers.faults import DiskFault

BEFORE = "1. Send joining notes a month ahead\n2. Book the hearing loop with the room"
DURING = "Tables of six worked.\n\nRotations ran ten minutes long each round."


def area(pilot: Pilot) -> TextArea:
    return pilot.app.screen.query_one("#lessons-text", TextArea)


def text_of(pilot: Pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def prompts(pilot: Pilot) -> list[str]:
    found = pilot.app.screen.query_one("#lessons-sections", OptionList)
    return [str(option.prompt) for option in found.options]


async def open_lessons(pilot: Pilot) -> None:
    await pilot.press("u", "l")
    await pilot.pause()
    for box in pilot.app.screen.query(TextArea):
        box.cursor_blink = False
    await steady(pilot)


def stored(repo, cohort: str) -> dict[LessonSection, str]:
    return {s: n.text for s, n in standing_lessons(repo.snapshot().lessons(cohort)).items()}


def add(repo, cohort: str, section: LessonSection, text: str, clock, replaces: str = "") -> str:
    note = LessonNote(new_id(), cohort, section, text, "", iso(clock.now()), replaces)
    repo.add_lesson(note)
    return note.id


@pytest.mark.long
async def test_l_opens_the_lessons_and_ctrl_o_saves_what_was_typed(app, repo, demo) -> None:
    cohort = demo[0].id
    async with app.run_test(size=SIZE) as pilot:
        await open_lessons(pilot)
        assert isinstance(app.screen, LessonsScreen)
        assert area(pilot).has_focus and area(pilot).text == ""
        assert "not written yet" in prompts(pilot)[0]
        await type_keys(pilot, *"1. Send notes early", "enter")
        await type_keys(pilot, *"2. Book the loop")
        await pilot.pause()
        assert "changed, not saved" in prompts(pilot)[0]
        assert "Changed, not saved" in text_of(pilot, "#lessons-status")

        await pilot.press("tab", "down")  # to the sections, then the next one
        await pilot.pause()
        assert app.screen.query_one("#lessons-heading").render().plain == "During the programme"
        assert area(pilot).text == ""
        await pilot.press("enter")
        await type_keys(pilot, *"Tables of six worked.", "ctrl+o")
        await wait_until(pilot, lambda: len(stored(repo, cohort)) == 2)
        assert stored(repo, cohort) == {
            LessonSection.BEFORE: "1. Send notes early\n2. Book the loop",
            LessonSection.DURING: "Tables of six worked.",
        }
        assert len(repo.snapshot().lessons(cohort)) == 2  # one note a section changed
        await wait_until(pilot, lambda: "saved · 2 points" in prompts(pilot)[0])
        assert "saved · 1 point" in prompts(pilot)[1]
        assert "Saved 24 Nov 09:30" in text_of(pilot, "#lessons-status")
        assert "1. Tables of six worked." in text_of(pilot, "#lessons-saved")

        await pilot.press("shift+tab", "up")  # back to Before: the text as saved
        await pilot.pause()
        assert area(pilot).text == "1. Send notes early\n2. Book the loop"
        assert "2. Book the loop" in text_of(pilot, "#lessons-saved")

        await pilot.press("escape")  # nothing unsaved: straight back
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)


async def test_a_second_save_replaces_the_note_and_an_empty_text_clears_it(
    app, repo, demo, clock
) -> None:
    cohort = demo[0].id
    first = add(repo, cohort, LessonSection.NEXT, "Run it in Kent", clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_lessons(pilot)
        await pilot.press("shift+tab", "end")
        await pilot.pause()
        assert area(pilot).text == "Run it in Kent"
        await pilot.press("tab", "end")
        await type_keys(pilot, *", Surrey and Sussex", "ctrl+o")
        await wait_until(pilot, lambda: len(repo.snapshot().lessons(cohort)) == 2)
        second = repo.snapshot().lessons(cohort)[1]
        assert (second.replaces, second.text) == (first, "Run it in Kent, Surrey and Sussex")

        area(pilot).load_text("")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: len(repo.snapshot().lessons(cohort)) == 3)
        assert stored(repo, cohort) == {}
        await wait_until(pilot, lambda: "not written yet" in prompts(pilot)[3])

        await pilot.press("ctrl+o")  # nothing changed now: nothing stored
        await pilot.pause(0.3)
        assert len(repo.snapshot().lessons(cohort)) == 3
        assert any("Nothing changed" in n.message for n in app._notifications)


async def test_escape_with_something_unsaved_asks_first(app, repo, demo) -> None:
    cohort = demo[0].id
    async with app.run_test(size=SIZE) as pilot:
        await open_lessons(pilot)
        await type_keys(pilot, *"half a thought", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "n, escape or enter: no" in str(app.screen.query(Static).last().render())
        await pilot.press("enter")  # out of habit: it stays, the text still there
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)
        assert area(pilot).text == "half a thought"
        await pilot.press("escape", "n")  # and n stays too
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.pause(0.3)
        assert repo.snapshot().lessons(cohort) == []


async def test_the_apps_letter_keys_type_into_the_text(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_lessons(pilot)
        await type_keys(pilot, *"a crate tux")  # a, c, t, u, x: app keys elsewhere
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)
        assert area(pilot).text == "a crate tux"
        await pilot.press("tab", "a")  # on the section list too, no screen change
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)


async def test_text_typed_on_the_section_list_goes_into_the_text(app, repo, demo) -> None:
    """A tab too many puts the focus on the list: what is typed next is not lost."""
    async with app.run_test(size=SIZE) as pilot:
        await open_lessons(pilot)
        await pilot.press("tab")
        await steady(pilot)
        assert isinstance(app.screen.focused, OptionList)
        # at a person's pace (a key once the last has landed; a burst faster than the focus
        # moves may come in another order); e, a and p are the app's keys elsewhere
        await pilot.press(*"each", "space", *"paper", "space", *"sent")
        await steady(pilot)
        assert app.screen.focused is area(pilot)
        assert area(pilot).text == "each paper sent"


async def test_a_burst_on_the_section_list_keeps_its_line_breaks(app, repo, demo) -> None:
    """Typed fast after a tab too many, every key reaches the section list before the first
    has moved the focus: an enter among them breaks the line; it does not open a section."""
    async with app.run_test(size=SIZE) as pilot:
        await open_lessons(pilot)
        await pilot.press("tab")
        await steady(pilot)
        assert isinstance(app.screen.focused, OptionList)
        for char in "1. Send papers\n2. Book a loop":
            key = events.Key("enter", "\r") if char == "\n" else events.Key(char, char)
            app.post_message(key)
        await steady(pilot)
        assert area(pilot).text == "1. Send papers\n2. Book a loop"
        assert "Before" in prompts(pilot)[0]  # still the section it was typed into
        # moving on the list and enter there still opens the section highlighted
        await pilot.press("tab", "down", "enter")
        await steady(pilot)
        assert app.screen.focused is area(pilot) and area(pilot).text == ""


async def test_a_section_saved_elsewhere_shows_and_a_draft_here_is_kept(
    app, repo, demo, clock
) -> None:
    cohort = demo[0].id
    async with app.run_test(size=SIZE) as pilot:
        await open_lessons(pilot)
        await type_keys(pilot, *"my draft")
        await pilot.pause()
        add(repo, cohort, LessonSection.BEFORE, "written by lp-tui lessons", clock)
        add(repo, cohort, LessonSection.AFTER, "Call at four weeks", clock)
        await wait_until(pilot, lambda: "saved" in prompts(pilot)[2])
        assert area(pilot).text == "my draft"  # kept, and still changed
        assert "changed, not saved" in prompts(pilot)[0]
        await pilot.press("tab", "down", "down")
        await pilot.pause()
        assert area(pilot).text == "Call at four weeks"


async def test_the_palette_opens_the_lessons_from_any_screen(app, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await run_from_palette(pilot, "Lessons and recommendations")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonsScreen))
        assert app.current_mode == "agenda"  # over the screen it was opened from
        app.action_lessons()  # not a second one over the first
        await pilot.pause()
        assert sum(isinstance(s, LessonsScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LessonsScreen)


async def test_its_footer_ends_with_f1_and_the_palette_and_both_work(app, demo) -> None:
    """A screen over the others, which the app's own keys do not reach: f1 and ^p are its
    own, shown as on every other screen."""
    async with app.run_test(size=SIZE) as pilot:
        await open_lessons(pilot)
        keys, palette = footer_shown(app)
        assert [spot.item.key for spot in keys][-1] == "f1" and palette.whole
        await pilot.press("f1")
        await steady(pilot)
        assert app.screen.query("HelpPanel")
        await pilot.press("f1")
        await steady(pilot)
        assert not app.screen.query("HelpPanel")
        await pilot.press("ctrl+p")
        await steady(pilot)
        assert type(app.screen).__name__ == "CommandPalette"


async def test_a_save_that_cannot_be_written_waits_under_the_banner_and_lands_once(
    app, repo, demo, db_path, monkeypatch
) -> None:
    cohort = demo[0].id
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lessons(pilot)
        fault = DiskFault(monkeypatch, db_path.parent, code=errno.ENOSPC)
        await type_keys(pilot, *"Book a bigger room", "ctrl+o")
        await wait_until(pilot, lambda: app.unsaved == 1)
        assert "Book a bigger room" not in str(stored(repo, cohort))
        banner = app.screen.query("WriteBanner")
        assert banner and "lessons (Before the programme)" in str(banner.first().render())
        assert "changed, not saved" in prompts(pilot)[0]
        fault.clear()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.unsaved)
        await wait_until(
            pilot, lambda: "saved" in prompts(pilot)[0] and "not" not in prompts(pilot)[0]
        )
        await pilot.press("escape")
        await pilot.pause()
        assert banner_text(app) == ""
    assert stored(repo, cohort) == {LessonSection.BEFORE: "Book a bigger room"}
    assert len(repo.snapshot().lessons(cohort)) == 1


def _lessons(repo, demo, clock) -> None:
    cohort = demo[0].id
    add(repo, cohort, LessonSection.BEFORE, BEFORE, clock)
    add(repo, cohort, LessonSection.DURING, DURING, clock)


async def _changed_draft(pilot: Pilot) -> None:
    await open_lessons(pilot)
    await pilot.press("end", "enter")
    await type_keys(pilot, *"3. Ask about access needs twice")
    await steady(pilot)


def test_snapshot_lessons_80x24(app, snap_compare, repo, demo, clock) -> None:
    _lessons(repo, demo, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_changed_draft)


def test_snapshot_lessons_120x40(app, snap_compare, repo, demo, clock) -> None:
    _lessons(repo, demo, clock)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_changed_draft)


async def _leaving_unsaved(pilot: Pilot) -> None:
    await _changed_draft(pilot)
    await pilot.press("escape")  # asks: only y loses the draft, enter keeps it
    await steady(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_leave_without_saving(app, snap_compare, repo, demo, clock, size) -> None:
    _lessons(repo, demo, clock)
    assert snap_compare(app, terminal_size=size, run_before=_leaving_unsaved)
