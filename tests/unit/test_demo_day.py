"""The demo's records happen when the demo's agenda says they could: feedback on a visit in
its round, a presenter's own words after the rotation, a coach's observations during table
work, peer feedback in its feedback item."""

from __future__ import annotations

from datetime import datetime

import pytest

from lp_tui.domain.clock import iso
from lp_tui.domain.demo import demo_cohort
from lp_tui.domain.demo_day import DemoActivity, demo_activity
from lp_tui.domain.model import AttendanceStatus, FeedbackKind
from lp_tui.domain.programme import ItemKind, Programme
from lp_tui.domain.rotation_day import rotation_item
from lp_tui.domain.timers import EventKind
from tests.conftest import DEMO_MOMENT

Spans = dict[str, tuple[str, str]]


@pytest.fixture(scope="module")
def demo_days(programme_once: Programme) -> tuple[Programme, DemoActivity]:
    cohort, people = demo_cohort(iso(DEMO_MOMENT))
    return programme_once, demo_activity(cohort, people, programme_once)


@pytest.fixture(scope="module")
def programme_once() -> Programme:
    from lp_tui.store.files import load_programme

    return load_programme("effective-lay-partner")


def spans(activity: DemoActivity, day: int) -> Spans:
    """Each item's first start and last finish on ``day`` (stored moments sort as times)."""
    starts: dict[str, str] = {}
    finishes: dict[str, str] = {}
    for event in activity.agenda:
        if event.day != day:
            continue
        if event.kind is EventKind.START:
            starts.setdefault(event.item, event.at)
        elif event.kind is EventKind.FINISH:
            finishes[event.item] = event.at
    return {key: (starts[key], finishes[key]) for key in starts}


def moment(at: str) -> datetime:
    return datetime.fromisoformat(at)


def within(at: str, span: tuple[str, str]) -> bool:
    return span[0] <= at <= span[1]


def test_visit_feedback_falls_in_its_round(demo_days) -> None:
    programme, activity = demo_days
    checked = 0
    for plan in activity.rotations:
        item = rotation_item(programme.day(plan.day))
        assert item is not None
        began, ended = (moment(at) for at in spans(activity, plan.day)[item.key])
        assert moment(plan.at) < began  # planned before the rotation starts
        length = (ended - began) / plan.rotation().rounds
        for entry in activity.presenter_feedback:
            if entry.day != plan.day or entry.kind == FeedbackKind.PRESENTER:
                continue
            start = began + (entry.round - 1) * length
            assert start <= moment(entry.at) <= start + length, entry  # in its own round
            checked += 1
    assert checked


def test_a_presenters_own_words_come_after_the_rotation(demo_days) -> None:
    programme, activity = demo_days
    own = [e for e in activity.presenter_feedback if e.kind == FeedbackKind.PRESENTER]
    assert own
    for entry in own:
        items = programme.day(entry.day).items
        item = rotation_item(programme.day(entry.day))
        assert item is not None
        after = items[items.index(item) + 1]
        assert within(entry.at, spans(activity, entry.day)[after.key])


def test_observations_in_table_work_and_peer_feedback_in_its_item(demo_days) -> None:
    programme, activity = demo_days
    assert activity.observations and activity.peer_feedback
    for observation in activity.observations:
        day = programme.day(observation.day)
        table_work = [
            spans(activity, day.number)[i.key] for i in day.items if i.kind is ItemKind.TABLE
        ]
        assert any(within(observation.at, span) for span in table_work), observation
    for peer in activity.peer_feedback:
        day = programme.day(peer.day)
        kinds = {ItemKind.FEEDBACK, ItemKind.TABLE}
        places = [spans(activity, day.number)[i.key] for i in day.items if i.kind in kinds]
        assert any(within(peer.at, span) for span in places), peer


def test_the_late_are_marked_after_the_day_starts_and_the_rest_before(demo_days) -> None:
    programme, activity = demo_days
    for mark in activity.attendance:
        first = programme.day(mark.day).items[0].key
        started = spans(activity, mark.day)[first][0]
        assert (mark.at > started) == (mark.status is AttendanceStatus.LATE), mark
