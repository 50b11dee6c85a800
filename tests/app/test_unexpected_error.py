"""An app that meets a bug ends with one line naming the private log: no traceback, no locals
(which would show names, needs and other tables' members on a coach's screen)."""

from __future__ import annotations

import pytest

from lp_tui.store.errors import LOG_NAME
from lp_tui.ui.coach import CoachScreen
from tests.app.conftest import SIZE
from tests.store.test_error_log import fail_with_a_secret


async def test_a_coach_app_that_breaks_leaves_one_line_and_a_private_log(
    coach_app, db_path, monkeypatch, capsys
) -> None:
    def broken(self) -> None:
        members = [m.name for m in self.members]  # noqa: F841  (a local with names in it)
        fail_with_a_secret()

    monkeypatch.setattr(CoachScreen, "action_peer", broken)
    with pytest.raises(RuntimeError):  # Pilot hands the error to the test
        async with coach_app.run_test(size=SIZE) as pilot:
            await pilot.press("p")
            await pilot.pause()
    shown = capsys.readouterr()
    everything = shown.out + shown.err
    assert "SECRET" not in everything and "Traceback" not in everything
    assert "members" not in everything
    assert coach_app.return_code == 1
    log = (db_path.parent / LOG_NAME).read_text()
    assert "RuntimeError" in log and "fail_with_a_secret" in log and "SECRET" not in log


@pytest.mark.parametrize("which", ["app", "coach_app", "clock_app"])
async def test_ctrl_c_says_which_key_quits_in_plain_words(request, which: str) -> None:
    """ctrl+c does not quit (it copies in a text box); the toast says what does, with no
    markup shown raw."""
    app = request.getfixturevalue(which)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        [toast] = list(app._notifications)
        assert toast.message == "Press ctrl+q to quit"
        assert "[" not in toast.message
