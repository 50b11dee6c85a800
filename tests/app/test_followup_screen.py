from __future__ import annotations

from textual.widgets import Input

from lp_tui.domain.model import Stage
from lp_tui.ui.screens.followup import FollowUpScreen
from lp_tui.ui.widgets.answer_box import AnswerBox
from tests.app.conftest import SIZE, steady, wait_until


def summary(app) -> str:
    """The summary's words, its wrapped lines joined (it wraps at 120 columns)."""
    return " ".join(str(app.screen.query_one("#followup-summary").render()).split())


async def test_it_opens_with_the_rosters_opt_ins(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        assert isinstance(app.screen, FollowUpScreen)
        assert "23 of 40 opted in" in summary(app)
        assert "0 followed through" in summary(app)


async def test_a_call_made_is_counted(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        rows = app.screen.rows
        first_opted = next(i for i, r in enumerate(rows) if r.opted_in)
        for _ in range(first_opted):
            await pilot.press("down")
        await pilot.press("h")
        await wait_until(pilot, lambda: "1 followed through" in summary(app))


async def test_a_three_month_report(app, repo, demo) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u", "3")
        await pilot.pause()
        dialog = app.screen
        for box, key in (("#met", "y"), ("#recommend", "n"), ("#meeting", "space")):
            dialog.query_one(box).focus()
            await pilot.press(key)
        dialog.query_one("#new_role").focus()
        await pilot.press("space")
        dialog.query_one("#quote", Input).value = "I have spoken up on behalf of patients"
        await pilot.click("#impact-save")
        await wait_until(pilot, lambda: repo.snapshot().impact_reports(app.cohort_id))
        [report] = repo.snapshot().impact_reports(app.cohort_id)
        assert report.stage is Stage.THREE_MONTHS
        assert (report.met_expectations, report.would_recommend) == (True, False)
        assert report.attended_meeting is True
        await wait_until(pilot, lambda: "1 came to the follow-up meeting" in summary(app))
        assert "1 × new role" in summary(app)
        assert "0 would recommend it" in summary(app) and "asked" not in summary(app)


async def test_a_question_not_asked_is_neither_yes_nor_no(app, repo, demo) -> None:
    """A caller who did not ask leaves the question as it opens, "not asked"; space goes round
    not asked, yes and no; the summary counts the yeses of those asked."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u", "1")
        await pilot.pause()
        dialog = app.screen
        met, recommend = dialog.query_one("#met", AnswerBox), dialog.query_one("#recommend")
        assert str(met.render()).startswith("▐–▌ The programme met their expectations: not asked")
        met.focus()
        await pilot.press("space")
        assert met.answer is True and "✔" in str(met.render())
        await pilot.press("space")
        assert met.answer is False and "✖" in str(met.render())
        await pilot.press("space", "space")  # round again to yes
        assert recommend.answer is None
        await pilot.click("#impact-save")
        await wait_until(pilot, lambda: repo.snapshot().impact_reports(app.cohort_id))
        [report] = repo.snapshot().impact_reports(app.cohort_id)
        assert (report.met_expectations, report.would_recommend) == (True, None)
        await wait_until(pilot, lambda: "0 would recommend it (of 0 asked)" in summary(app))
        assert "1 say it met expectations" in summary(app)


def test_snapshot_follow_up_summary(app, repo, demo, clock, snap_compare) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import FollowUpCall, ImpactKind, ImpactReport, new_id
    from lp_tui.domain.seating import participants

    cohort, people = demo
    everyone = participants(people)
    opted = [p for p in everyone if p.followup_call]
    for index, person in enumerate(opted):
        repo.add_followup_call(
            FollowUpCall(new_id(), cohort.id, person.id, iso(clock.now()), True, index < 19)
        )
    quotes = [
        "The setting up of a patient awareness group at the local GP",
        "I have spoken up on behalf of patients and the public so many times in meetings",
    ]
    for index, person in enumerate(everyone[:12]):
        repo.add_impact_report(
            ImpactReport(
                new_id(),
                cohort.id,
                person.id,
                Stage.ONE_MONTH,
                iso(clock.now()),
                True,
                True,
                quotes[index] if index < 2 else "",
                (ImpactKind.CONFIDENCE,) if index % 2 else (),
            )
        )
    for index, person in enumerate(everyone[:7]):
        repo.add_impact_report(
            ImpactReport(
                new_id(),
                cohort.id,
                person.id,
                Stage.THREE_MONTHS,
                iso(clock.now()),
                True,
                True,
                "",
                (ImpactKind.NEW_ROLE, ImpactKind.SPREADING_LEARNING)
                if index < 3
                else (ImpactKind.NEW_SECTOR,),
                attended_meeting=True,
            )
        )

    async def run_before(pilot) -> None:
        await pilot.press("u")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def _reports_with_quotes(repo, demo, clock) -> list:
    """One-month reports of five participants: two say the same words (in other spacing),
    one of the others agreed to be quoted."""
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import ConsentMark, ImpactReport, new_id
    from lp_tui.domain.seating import participants

    cohort, people = demo
    group = participants(people)[:5]
    said = [
        "I spoke up at the board",
        "I  spoke up at the board ",
        "The setting up of a patient awareness group at the local GP",
        "",
        "I now chair our patient panel",
    ]
    reports = []
    for person, quote in zip(group, said, strict=True):
        report = ImpactReport(
            new_id(), cohort.id, person.id, Stage.ONE_MONTH, iso(clock.now()), True, True, quote
        )
        repo.add_impact_report(report)
        reports.append(report)
    repo.add_consent_mark(ConsentMark(new_id(), cohort.id, group[2].id, True, iso(clock.now())))
    return reports


def quote_rows(app) -> list[tuple[str, ...]]:
    table = app.screen.query_one("#followup-quotes")
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_each_quote_is_listed_once_with_who_said_it_and_their_consent(
    app, repo, demo, clock
) -> None:
    _reports_with_quotes(repo, demo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        await pilot.pause()
        rows = quote_rows(app)
        assert [q.text for _, q in app.screen.quotes.values()] == [
            "I spoke up at the board",
            "The setting up of a patient awareness group at the local GP",
            "I now chair our patient panel",
        ]
        assert rows[0][3] == "I spoke up at the board"
        names = [r.person.name for r in app.screen.rows[:5]]
        assert rows[0][4] == f"{names[0]}, {names[1]}"
        assert [r[2] for r in rows] == ["no", "yes", "no"]
        assert all(r[0] == "" for r in rows)


async def test_star_marks_the_highlighted_quote_and_again_takes_it_off(
    app, repo, demo, clock
) -> None:
    reports = _reports_with_quotes(repo, demo, clock)
    cohort, _ = demo
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u", "tab")
        assert app.focused is app.screen.query_one("#followup-quotes")
        await pilot.press("asterisk")  # the first quote: two reports carry it
        await wait_until(pilot, lambda: repo.snapshot().starred_quotes(cohort.id))
        assert repo.snapshot().starred_quotes(cohort.id) == {reports[0].id, reports[1].id}
        await wait_until(pilot, lambda: quote_rows(app)[0][0] == "★")
        await pilot.press("down", "asterisk")
        await wait_until(pilot, lambda: quote_rows(app)[1][0] == "★")
        await pilot.press("up", "asterisk")
        await wait_until(pilot, lambda: quote_rows(app)[0][0] == "")
        assert repo.snapshot().starred_quotes(cohort.id) == {reports[2].id}
        assert len(repo.snapshot().quote_stars(cohort.id)) == 5  # appended, never edited
        label = str(app.screen.query_one("#followup-quotes-label").render())
        assert label.startswith("Quotes: 3, 1 starred")


async def test_star_with_no_quotes_says_so(app) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("u", "asterisk")
        await pilot.pause()
        assert any("No quotes" in n.message for n in app._notifications)


def test_snapshot_follow_up_quotes_80x24(app, repo, demo, clock, snap_compare) -> None:
    _reports_with_quotes(repo, demo, clock)

    async def run_before(pilot) -> None:
        await pilot.press("u", "tab", "down")
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_snapshot_follow_up_quotes_120x40(app, repo, demo, clock, snap_compare) -> None:
    from lp_tui.domain.clock import iso
    from lp_tui.domain.model import QuoteStar, new_id

    reports = _reports_with_quotes(repo, demo, clock)
    cohort, _ = demo
    repo.add_quote_stars(QuoteStar(new_id(), cohort.id, reports[2].id, True, iso(clock.now())))

    async def run_before(pilot) -> None:
        await pilot.press("u", "tab", "down")
        await steady(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


async def test_at_120_columns_the_calls_due_and_latest_are_in_view(app) -> None:
    """The summary gives up width to the calls (its lines wrap); from 140 columns it has its
    own width back. The quotes' hint line ends in "…" where it is cut."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        people = app.screen.query_one("#followup-people")
        await wait_until(pilot, lambda: people.scrollable_content_region.width > 0)
        labels = [str(column.label) for column in people.columns.values()]
        through_tries = sum(w + 2 for w in people.widths[: labels.index("Tries") + 1])
        assert through_tries <= people.scrollable_content_region.width
        await pilot.resize_terminal(140, 40)
        side = app.screen.query_one("#followup-side")
        await wait_until(pilot, lambda: side.outer_size.width == 44)
        await pilot.resize_terminal(80, 24)
        label = app.screen.query_one("#followup-quotes-label")
        await wait_until(pilot, lambda: label.outer_size.width < 60)
        await pilot.pause()
        drawn = "".join(segment.text for segment in label.render_line(0))
        assert drawn.rstrip().endswith("…")
