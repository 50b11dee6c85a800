"""Column widths for any terminal size: fit_widths, edge_widths and pack."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.columns import edge_widths, fill_widths, fit_widths, pack, snug_widths, total

# (width, least) pairs: a column is never asked to be narrower than its least
columns = st.lists(
    st.tuples(st.integers(1, 60), st.integers(1, 60)).map(lambda p: (max(p), min(p))),
    min_size=1,
    max_size=9,
)


def test_total_counts_each_columns_padding() -> None:
    assert total([3, 7]) == 3 + 2 + 7 + 2
    assert total([3, 7], pad=0) == 10


def test_columns_that_fit_keep_their_widths() -> None:
    assert fit_widths(100, [20, 30], [10, 10]) == [20, 30]


def test_the_widest_column_gives_first() -> None:
    # 22 + 42 = 64 cells; 10 too many: the 40-wide column gives them all
    assert fit_widths(54, [20, 40], [10, 10]) == [20, 30]


def test_columns_give_in_turn_once_equally_wide() -> None:
    assert fit_widths(40, [20, 20], [5, 5]) == [18, 18]


def test_no_column_goes_below_its_least() -> None:
    assert fit_widths(10, [20, 30], [15, 12]) == [15, 12]


@given(columns, st.integers(0, 400))
def test_fitted_widths_fit_or_are_all_at_their_least(cols, room) -> None:
    widths = [w for w, _ in cols]
    least = [low for _, low in cols]
    fitted = fit_widths(room, widths, least)
    assert all(low <= f <= w for f, w, low in zip(fitted, widths, least, strict=True))
    assert total(fitted) <= room or fitted == least
    if total(widths) <= room:
        assert fitted == widths
    else:  # no cell given up that was not needed
        assert total(fitted) == room or fitted == least


@given(columns, st.integers(0, 400))
def test_filled_widths_end_at_the_edge_or_narrow_as_fitted(cols, room) -> None:
    widths = [w for w, _ in cols]
    least = [low for _, low in cols]
    filled = fill_widths(room, widths, least)
    if total(widths) <= room:  # the last column takes the room left, the others as they were
        assert filled[:-1] == widths[:-1] and total(filled) == room
    else:
        assert filled == fit_widths(room, widths, least)


def test_the_coachs_words_take_a_wide_terminals_room() -> None:
    recent = [5, 7, 26, 30, 26]  # Time, What, Who, Behaviour, Words
    assert fill_widths(114, recent, [5, 7, 14, 14, 10]) == [5, 7, 26, 30, 36]
    assert fill_widths(76, recent, [5, 7, 14, 14, 10])[-1] < 26  # 80x24: narrowed as before


def test_snug_columns_are_no_wider_than_their_text() -> None:
    recent = [5, 7, 26, 30, 26]  # Time, What, Who, Behaviour, Words
    assert snug_widths(recent, [5, 7, 12, 40, 60], (2, 3)) == [5, 7, 12, 30, 26]
    assert fill_widths(114, [5, 7, 12, 30, 26], [5, 7, 14, 14, 10])[-1] == 26 + 14 + 10


@given(columns, st.lists(st.integers(0, 80), min_size=9, max_size=9), st.sets(st.integers(0, 8)))
def test_snug_widths_only_ever_narrow_the_columns_named(cols, wants, snug) -> None:
    widths = [w for w, _ in cols]
    snugged = snug_widths(widths, wants[: len(widths)], tuple(snug))
    for i, (width, want, got) in enumerate(zip(widths, wants, snugged, strict=False)):
        assert got == (min(width, want) if i in snug else width)


def test_room_over_goes_first_to_the_text_a_column_cuts() -> None:
    checkin = [22, 15, 26, 40]  # Name, Status, Organisation, Access needs
    least = [16, 13, 12, 12]
    wants = [18, 0, 47, 53]
    filled = fill_widths(116, checkin, least, wants=wants)
    assert filled[:2] == checkin[:2] and filled[2] > 26  # the organisation first
    assert total(filled) == 116
    assert fill_widths(200, checkin, least, wants=wants)[2] == 47  # then up to its text only
    assert fill_widths(76, checkin, least, wants=wants) == fit_widths(76, checkin, least)


@given(columns, st.integers(0, 400), st.lists(st.integers(0, 80), min_size=9, max_size=9))
def test_filled_widths_with_wants_still_end_at_the_edge(cols, room, wants) -> None:
    widths = [w for w, _ in cols]
    least = [low for _, low in cols]
    filled = fill_widths(room, widths, least, wants=wants[: len(widths)])
    if total(widths) <= room:
        assert total(filled) == room and all(f >= w for f, w in zip(filled, widths, strict=True))
    else:
        assert filled == fit_widths(room, widths, least)


def test_the_grow_column_takes_the_room_left() -> None:
    appreciated = [2, 40, 7]  # #, the phrase, Part of
    assert fill_widths(57, appreciated, [2, 14, 7], grow=1) == [2, 42, 7]
    assert fill_widths(30, appreciated, [2, 14, 7], grow=1) == [2, 15, 7]


def test_the_title_takes_the_room_the_later_columns_leave() -> None:
    # 80 columns, as the agenda has them: #, Planned, Item, Status whole; Length would be cut
    agenda = [3, 7, 40, 12, 8, 7, 8, 14, 10]
    widths = edge_widths(76, agenda, stretch=2, keep=4, least=16)
    assert widths == [3, 7, 46, 12, 8, 7, 8, 14, 10]
    assert total(widths[:4]) == 76


def test_later_columns_that_fit_whole_stay_in_view() -> None:
    agenda = [3, 7, 40, 12, 8, 7, 8, 14, 10]
    widths = edge_widths(118, agenda, stretch=2, keep=4, least=16)
    assert widths[2] == 43
    assert total(widths[:8]) == 118  # Length to Note whole; Kind a scroll away


def test_when_every_column_fits_the_spill_column_takes_the_rest() -> None:
    agenda = [3, 7, 40, 12, 8, 7, 8, 14, 10]
    widths = edge_widths(158, agenda, stretch=2, keep=4, least=16, spill=7)
    assert widths == [3, 7, 40, 12, 8, 7, 8, 14 + 158 - total(agenda), 10]
    # a column beyond the edge: the title fills up to it, the spill column as it was
    assert edge_widths(118, agenda, stretch=2, keep=4, least=16, spill=7)[7] == 14


def test_a_title_shown_whole_comes_before_a_later_column_in_view() -> None:
    agenda = [3, 7, 40, 12, 10, 7, 8, 14, 10]
    # 120 columns: the longest title (59) whole; Length and Started in view, the rest a scroll away
    widths = edge_widths(116, agenda, stretch=2, keep=4, least=16, spill=7, want=59)
    assert widths[2] >= 59 and total(widths[:6]) == 116
    assert widths[3:] == agenda[3:]
    # 80 columns: the title takes all the room the time and status leave, as without a want
    assert edge_widths(76, agenda, stretch=2, keep=4, least=16, want=59)[:4] == [3, 7, 46, 12]
    # a title shorter than its column changes nothing
    assert edge_widths(116, agenda, stretch=2, keep=4, least=16, want=30) == edge_widths(
        116, agenda, stretch=2, keep=4, least=16
    )


def test_when_the_kept_columns_do_not_fit_the_title_gives_to_its_least() -> None:
    assert edge_widths(50, [3, 7, 40, 12], stretch=2, keep=4, least=16) == [3, 7, 20, 12]
    assert edge_widths(20, [3, 7, 40, 12], stretch=2, keep=4, least=16) == [3, 7, 16, 12]


@given(columns, st.integers(0, 400), st.data())
def test_the_shown_columns_end_at_the_edge(cols, room, data) -> None:
    widths = [w for w, _ in cols]
    keep = data.draw(st.integers(1, len(widths)))
    stretch = data.draw(st.integers(0, keep - 1))
    least = data.draw(st.integers(1, 60))
    spill = data.draw(st.none() | st.integers(0, len(widths) - 1))
    want = data.draw(st.integers(0, 80))
    fitted = edge_widths(
        room, widths, stretch=stretch, keep=keep, least=least, spill=spill, want=want
    )
    grown = [i for i, (f, w) in enumerate(zip(fitted, widths, strict=True)) if f != w]
    assert set(grown) <= {stretch, spill}
    if total(widths[:keep]) - widths[stretch] + max(widths[stretch], want) <= room:
        assert fitted[stretch] >= want  # the longest text whole where the kept columns allow
    if total(widths[:keep]) <= room:
        shown = max(n for n in range(keep, len(widths) + 1) if total(fitted[:n]) <= room)
        assert total(fitted[:shown]) == room  # no column cut by the edge
        assert all(f >= w for f, w in zip(fitted, widths, strict=True))
    else:
        assert fitted[stretch] >= min(least, widths[stretch])
        assert total(fitted[:keep]) == room or fitted[stretch] == min(least, widths[stretch])


def test_pack_keeps_each_part_whole_on_a_line() -> None:
    parts = ["Organisation: Thameside Community Health NHS Trust", "Experience: some", "Follow-up"]
    assert pack(parts, 74) == [parts[:2], parts[2:]]
    assert pack(parts, 200) == [parts]
    assert pack(parts, 0) == [parts]
    assert pack(parts, 10) == [[p] for p in parts]


@given(st.lists(st.text(min_size=1, max_size=30), max_size=8), st.integers(1, 120))
def test_pack_keeps_every_part_in_order_within_the_width(parts, width) -> None:
    lines = pack(parts, width, gap=3)
    assert [p for line in lines for p in line] == parts
    for line in lines:
        assert len(line) == 1 or len("   ".join(line)) <= width
