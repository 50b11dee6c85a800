"""A coach's table: access needs beside the name where they fit, else under it with a hanging
indent, at any width; never back at the left edge."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from lp_tui.domain.model import Person
from lp_tui.ui.widgets.members_list import MembersList
from tests.app.conftest import wait_until

NEEDS = "Guide dog: space beside the table, water bowl"
MEMBERS = [
    Person("p1", "c", "Eileen Walsh", access_needs=NEEDS),
    Person("p2", "c", "Gordon McLeish"),
    Person("p3", "c", "Siobhán Ní Bhriain", access_needs="Wheelchair user"),
]


class Holder(App[None]):
    CSS = "MembersList { width: 1fr; height: auto; }"  # as the coach view lays it out

    def compose(self) -> ComposeResult:
        yield MembersList(id="table")


async def lines_at(width: int) -> list[str]:
    app = Holder()
    async with app.run_test(size=(width, 20)) as pilot:
        app.query_one(MembersList).show_members(3, MEMBERS)
        await pilot.pause()
        widget = app.query_one(MembersList)
        drawn = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
        return [strip.text.rstrip() for strip in drawn]


async def test_needs_that_fit_stay_beside_the_name() -> None:
    lines = await lines_at(80)
    assert lines[:4] == [
        "Your table: 3",
        f" 1  Eileen Walsh   • {NEEDS}",
        " 2  Gordon McLeish",
        " 3  Siobhán Ní Bhriain   • Wheelchair user",
    ]


@pytest.mark.parametrize("width", [30, 40, 50])
async def test_needs_too_long_for_the_line_hang_under_the_name(width: int) -> None:
    lines = await lines_at(width)
    assert lines[1] == " 1  Eileen Walsh"
    assert lines[2].startswith("     • Guide dog:")
    needs = lines[2 : lines.index(" 2  Gordon McLeish")]
    assert all(line.startswith("       ") for line in needs[1:])  # under the bullet's words
    assert " ".join(" ".join(needs).replace("•", "").split()) == NEEDS
    assert all(len(line) <= width for line in lines)


async def test_no_table_yet_says_so() -> None:
    app = Holder()
    async with app.run_test(size=(80, 10)) as pilot:
        app.query_one(MembersList).show_members(None, [])
        await pilot.pause()
        assert "no table yet today" in str(app.query_one(MembersList).render())
        # the tables made, none of them this coach's: not "yet", and who to ask
        app.query_one(MembersList).show_members(None, [], allocated=True)
        await pilot.pause()
        said = " ".join(str(app.query_one(MembersList).render()).split())
        assert said == (
            "You lead no table today: the day's tables are made without you; ask the facilitator."
        )


async def test_a_resize_redraws_to_the_new_width() -> None:
    app = Holder()
    async with app.run_test(size=(120, 20)) as pilot:
        widget = app.query_one(MembersList)
        widget.show_members(3, MEMBERS)
        await pilot.pause()

        def shown() -> list[str]:
            drawn = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
            return [strip.text.rstrip() for strip in drawn]

        assert shown()[1] == f" 1  Eileen Walsh   • {NEEDS}"
        # a resize reaches the list a few messages later (the screen's layout, then the
        # list's own Resize): wait for the redraw rather than for one idle moment
        await pilot.resize_terminal(40, 20)
        await wait_until(pilot, lambda: shown()[1] == " 1  Eileen Walsh")
        assert all(len(line) <= 40 for line in shown())
        await pilot.resize_terminal(120, 20)
        await wait_until(pilot, lambda: shown()[1] == f" 1  Eileen Walsh   • {NEEDS}")
