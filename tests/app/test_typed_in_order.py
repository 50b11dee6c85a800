"""Keys typed in one burst (a quick typist, a burst over SSH) are applied in the order typed,
the field's own editing keys too: a backspace typed before a letter deletes what came before
it, never the letter typed after it (lp_tui/ui/widgets/in_order.py). Each burst is put in the
app's queue at once, as a terminal's bytes are read, with no wait between keys."""

from __future__ import annotations

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.app.conftest import SIZE, wait_stored

BACK = "backspace"


async def typed(pilot: Pilot, opener: str, field: str, *keys: str, expect: str) -> str:
    """Open a field with the key ``opener``, put ``keys`` in the app's queue all at once, and
    give the field's text once it reads ``expect`` (2 s at most: then as it reads)."""
    app = pilot.app
    await pilot.press(opener)
    await pilot.pause()
    for key in keys:
        character = key if len(key) == 1 else ("\x7f" if key == BACK else None)
        app.post_message(events.Key(key, character))
    box = app.screen.query_one(field)

    def text() -> str:
        return box.text if isinstance(box, TextArea) else box.value  # type: ignore[attr-defined]

    for _ in range(40):
        await pilot.pause(0.05)
        if text() == expect:
            break
    return text()


@pytest.mark.parametrize(
    ("opener", "field", "keys", "expect"),
    [
        ("p", "#search", (*"sio", BACK, BACK, BACK, *"wojc"), "wojc"),  # the people search
        ("c", "#checkin-search", (*"efx", BACK, *"ua", "ctrl+u", *"wen", "home", "O"), "Owen"),
        ("i", "#field-0", (*"Tea", BACK, BACK, BACK, *"Lunch"), "Lunch"),  # a dialog's title
    ],
    ids=["people search", "check-in search", "dialog title"],
)
async def test_editing_keys_in_a_burst_apply_where_typed(app, opener, field, keys, expect) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert await typed(pilot, opener, field, *keys, expect=expect) == expect


async def test_a_reflection_corrected_as_it_is_typed(coach_app) -> None:
    async with coach_app.run_test(size=SIZE) as pilot:
        keys = (*"Quiet", BACK, BACK, *"ck", "left", "left", BACK, "i")
        assert await typed(pilot, "r", "#reflection-text", *keys, expect="Quick") == "Quick"


async def test_phrases_typed_in_one_burst_are_separate_entries(app, repo, demo) -> None:
    """The behaviours box: "Alpha one⏎Beta two⏎" at once is two phrases, not "Alpha one" and
    "Alpha oneBeta two" (the box emptied only once the screen heard of the first enter)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "n")
        await pilot.pause()
        for key in (*"Alpha one", "enter", *"Beta two", BACK, "o", "enter"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await wait_stored(
            pilot, lambda: len(repo.snapshot().behaviours(demo[0].id).appreciated) == 2
        )
        assert repo.snapshot().behaviours(demo[0].id).appreciated == ("Alpha one", "Beta two")
        assert app.screen.query_one("#phrase", Input).value == ""
