"""Keys typed in one burst (a quick typist, a burst over SSH) are applied in the order typed,
the field's own editing keys too: a backspace typed before a letter deletes what came before
it, never the letter typed after it (lp_tui/ui/widgets/in_order.py). Each burst is put in the
app's queue at once, as a terminal's bytes are read, with no wait between keys."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from tests.app.conftest import SIZE, wait_until

BACK = "backspace"


def burst(app, *keys: str) -> None:
    """Keys as the terminal sends them, all in the app's queue before the first is read."""
    for key in keys:
        character = key if len(key) == 1 else ("\x7f" if key == BACK else None)
        app.post_message(events.Key(key, character))


async def test_backspaces_then_letters_in_the_people_search(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        burst(app, *"sio", BACK, BACK, BACK, *"wojc")
        box = app.screen.query_one(Input)
        await wait_until(pilot, lambda: len(box.value) == 4)
        await pilot.pause()
        assert box.value == "wojc"


async def test_editing_keys_in_the_check_in_search(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        burst(app, *"efx", BACK, *"ua", "ctrl+u", *"wen", "home", "O")
        box = app.screen.query_one("#checkin-search", Input)
        await wait_until(pilot, lambda: box.value.startswith("O"))
        await pilot.pause()
        assert box.value == "Owen"


async def test_a_dialog_title_corrected_as_it_is_typed(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        burst(app, *"Tea", BACK, BACK, BACK, *"Lunch")
        box = app.screen.query_one("#insert-title", Input)
        await wait_until(pilot, lambda: box.value.endswith("h"))
        await pilot.pause()
        assert box.value == "Lunch"


async def test_a_reflection_corrected_as_it_is_typed(coach_app) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        burst(coach_app, *"Quiet", BACK, BACK, *"ck", "left", "left", BACK, "i")
        area = coach_app.screen.query_one("#reflection-text", TextArea)
        await wait_until(pilot, lambda: "i" in area.text[2:])
        await pilot.pause()
        assert area.text == "Quick"
