from __future__ import annotations

from textual.widgets import DataTable, Input, Static, Tabs

from lp_tui.domain.model import FollowUpCall, Person, new_id
from lp_tui.ui.widgets.person_card import PersonCard
from tests.app.conftest import SIZE, steady, type_keys


def shown_names(app) -> list[str]:
    table = app.screen.query_one("#people", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_it_opens_on_everyone_with_the_cohort_and_day_in_the_header(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert app.title == "London Nov 2017 (demo)"
        assert app.sub_title == "Day 2 of 3 · live · Collaboration · Fri 24 Nov 2017"
        assert len(shown_names(app)) == 64
        assert isinstance(app.focused, Input)


async def test_typing_searches_at_once(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_keys(pilot, *"grace")
        await pilot.pause()
        assert shown_names(app) == ["Grace Nwosu"]
        summary = str(app.screen.query_one("#people-summary", Static).render())
        assert summary.startswith("Showing 1 of 64")
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown_names(app)) == 64


async def test_arrows_move_while_typing_and_the_card_follows(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_keys(pilot, *"needs")
        await pilot.press("down", "down")
        await pilot.pause()
        table = app.screen.query_one("#people", DataTable)
        assert table.cursor_row == 2
        card = app.screen.query_one("#person-card", PersonCard)
        name = shown_names(app)[2]
        assert name in str(card.border_title)
        assert "Access needs: " in str(card.render())


async def test_the_role_tabs_filter(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.press("tab")
        assert isinstance(app.focused, Tabs)
        await pilot.press("right", "right")
        await pilot.pause()
        names = shown_names(app)
        assert len(names) == 8 and all(n.startswith("Dr ") for n in names)


async def test_nobody_matching_says_so(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_keys(pilot, *"zzzz")
        await pilot.pause()
        assert shown_names(app) == []
        assert app.screen.query_one("#person-card", PersonCard).border_title == "Nobody matches"


async def test_someone_added_elsewhere_appears_without_a_restart(app, repo, demo) -> None:
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        repo.add_people(cohort.id, [Person(id=new_id(), cohort=cohort.id, name="Late Arrival")])
        for _ in range(30):
            await pilot.pause(0.05)
            if "Late Arrival" in shown_names(app):
                break
        assert "Late Arrival" in shown_names(app)
        assert "All 65" in str(app.screen.query_one("#all").label)


async def test_a_corrupted_database_is_reported_and_the_screen_keeps_its_data(app, repo) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        repo.path.write_bytes(b"{broken")
        for _ in range(30):
            await pilot.pause(0.05)
            if app._notifications:
                break
        [note] = list(app._notifications)
        assert "database is corrupt" in note.message
        assert len(shown_names(app)) == 64


def test_snapshot_people_screen(app, snap_compare) -> None:
    async def open_people(pilot) -> None:
        await pilot.press("p")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_people)


def test_snapshot_people_screen_searching_access_needs(app, snap_compare) -> None:
    async def search(pilot) -> None:
        await pilot.press("p")
        await type_keys(pilot, *"needs", "down")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=search)


async def test_escape_on_an_empty_search_goes_back_to_the_agenda(app) -> None:
    from lp_tui.ui.screens.agenda import AgendaScreen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "x", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, AgendaScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)


async def test_search_ignores_accents_and_ranks_names_first(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_keys(pilot, *"WOJC")
        await pilot.pause()
        assert shown_names(app) == ["Dr Tomasz Wójcik"]
        await pilot.press("escape")
        await type_keys(pilot, *"pati")
        await pilot.pause()
        names = shown_names(app)
        assert names[0] == "Patience Mensah" and len(names) > 1


async def test_enter_chooses_only_a_clear_match(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_keys(pilot, *"ma", "enter")
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert any("match “ma”" in m for m in shown)
        await pilot.press("escape")
        await type_keys(pilot, *"grace", "enter")
        await pilot.pause()
        card = app.screen.query_one("#person-card", PersonCard)
        assert "Grace Nwosu" in str(card.border_title)


async def test_keys_typed_in_a_burst_search_in_order(app) -> None:
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        for key in [*"ma", "down", "down"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause(0.2)
        table = app.screen.query_one("#people", DataTable)
        assert app.screen.query_one("#search", Input).value == "ma"
        assert table.cursor_row == 2
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert app.screen.picked == row_key  # moved with the arrows: enter takes this row


def _store_raw_person(repo, cohort_id: str, name: str, **fields: str) -> None:
    """A person written into the JSON file directly, as another program (or an attacker)
    might: lp-tui's own writes never store a control character."""
    import json

    tables = json.loads(repo.path.read_text())
    people = tables["people"]
    doc_id = str(max(int(k) for k in people) + 1)
    people[doc_id] = {"id": new_id(), "cohort": cohort_id, "name": name, "role": "participant"}
    people[doc_id].update(fields)
    repo.path.write_text(json.dumps(tables))


async def test_a_stored_name_with_control_characters_is_shown_marked_never_raw(
    app, repo, demo
) -> None:
    cohort, _ = demo
    _store_raw_person(repo, cohort.id, "Ann\x1b[2JB", access_needs="ramp\x9b2J\u202eX")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_keys(pilot, *"ann")
        await pilot.pause()
        assert "Ann\ufffd[2JB" in shown_names(app)
        card = app.screen.query_one("#person-card", PersonCard)
        assert "Ann\ufffd[2JB" in str(card.border_title)
        assert "ramp\ufffd2J\ufffdX" in str(card.render())
        strips = app.screen._compositor.render_strips()
        text = "\n".join("".join(segment.text for segment in strip) for strip in strips)
        assert "Ann\ufffd[2JB" in text
        for bad in ("\x1b", "\x9b", "\u202e"):
            assert bad not in text
        written = app.screen._compositor.render_full_update().render_segments(app.console)
        assert "\x1b[2J" not in written and "\x9b" not in written


async def test_a_paste_loses_its_control_characters_before_it_reaches_the_search(app) -> None:
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        app.post_message(events.Paste("gra\x1b[2J\u202ece\x9b"))
        await pilot.pause()
        search = app.screen.query_one(Input)
        assert search.value == "gra[2Jce"
        strips = app.screen._compositor.render_strips()
        text = "\n".join("".join(segment.text for segment in strip) for strip in strips)
        assert "gra[2Jce" in text
        assert not any(bad in text for bad in ("\x1b", "\x9b", "\u202e"))


def _shown_consent(app, name: str) -> str:
    table = app.screen.query_one("#people", DataTable)
    row = table.get_row(next(p.id for p in app.screen.shown if p.name == name))
    return str(row[2])


async def test_ctrl_y_records_consent_to_be_quoted_and_again_takes_it_back(app, repo, demo) -> None:
    from tests.app.conftest import wait_until

    cohort, people = demo
    grace = next(p for p in people if p.name == "Grace Nwosu")
    assert grace.consent_quotes is False  # the roster's default
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_keys(pilot, *"grace")
        await pilot.pause()
        assert _shown_consent(app, "Grace Nwosu") == "no"
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: repo.snapshot().consents(cohort.id)[grace.id])
        await wait_until(pilot, lambda: _shown_consent(app, "Grace Nwosu") == "yes")
        assert app.screen.query_one("#search", Input).value == "grace"  # not typed into it
        summary = str(app.screen.query_one("#people-summary", Static).render())
        assert "1 may be quoted" in summary
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: not repo.snapshot().consents(cohort.id)[grace.id])
        await wait_until(pilot, lambda: _shown_consent(app, "Grace Nwosu") == "no")
        marks = repo.snapshot().consent_marks(cohort.id)
        assert [(m.person, m.consent) for m in marks] == [(grace.id, True), (grace.id, False)]
        assert repo.snapshot().people(cohort.id) == people  # the roster itself is never edited


async def test_ctrl_y_acts_on_the_row_moved_to(app, repo, demo) -> None:
    from tests.app.conftest import wait_until

    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "down", "down")
        await pilot.pause()
        picked = app.screen.picked
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: repo.snapshot().consent_marks(cohort.id))
        [mark] = repo.snapshot().consent_marks(cohort.id)
        assert mark.person == picked and mark.consent is True


def _with_consents(repo, demo) -> None:
    """Three participants agreed to be quoted (by marks; the roster said no)."""
    from lp_tui.domain.model import ConsentMark

    cohort, people = demo
    group = [p for p in people if p.role.value == "participant"]
    for person in group[:3]:
        repo.add_consent_mark(
            ConsentMark(new_id(), cohort.id, person.id, True, "2017-11-24T09:00:00+00:00")
        )


async def _open_people(pilot) -> None:
    await pilot.press("p")
    await steady(pilot)


def test_snapshot_people_consent_80x24(app, repo, demo, snap_compare) -> None:
    _with_consents(repo, demo)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_people)


def test_snapshot_people_consent_120x40(app, repo, demo, snap_compare) -> None:
    _with_consents(repo, demo)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_open_people)


async def test_the_follow_up_opt_in_shown_is_the_one_that_stands(app, repo, demo) -> None:
    """A call record that changes someone's opt-in changes the People screen too, as it does
    the Follow-up screen and the report."""
    cohort, people = demo
    opted = [p for p in people if p.followup_call]
    changed = opted[0]
    repo.add_followup_call(
        FollowUpCall(new_id(), cohort.id, changed.id, "2017-12-01T10:00:00+00:00", opted_in=False)
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        summary = str(app.screen.query_one("#people-summary", Static).render())
        assert f"{len(opted) - 1} opted into a follow-up call" in summary
        await type_keys(pilot, *changed.name)
        await pilot.pause()
        card = str(app.screen.query_one("#person-card", PersonCard).render())
        assert "Follow-up call: declined" in card
