"""lp_tui/ui/styles_cache.py: a widget that has gone leaves none of its painted lines behind in
Textual's caches, and every widget gets the same background styles as Textual gives."""

from __future__ import annotations

import gc
import weakref

from hypothesis import given
from hypothesis import strategies as st
from textual._styles_cache import StylesCache
from textual.color import Color

from lp_tui.ui import styles_cache
from lp_tui.ui.app import FacilitatorApp
from tests.app.conftest import SIZE


async def test_an_app_that_has_closed_leaves_no_widget_lines_alive(app: FacilitatorApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")  # the People screen: a table of forty, a search box, tabs
        await pilot.pause()
        app.screen._compositor.render_update(full=True)  # every widget paints its lines
        caches = [weakref.ref(widget._styles_cache) for widget in app.screen.walk_children()]
        assert caches
    del app, pilot
    gc.collect()
    kept = [cache for cache in caches if cache() is not None]
    assert kept == []  # with Textual's own cache, each widget's StylesCache stayed


colours = st.builds(
    Color,
    st.integers(0, 255),
    st.integers(0, 255),
    st.integers(0, 255),
    st.floats(0, 1, allow_nan=False),
)


@given(base=colours, background=colours)
def test_the_styles_are_textuals_own(base: Color, background: Color) -> None:
    inner, outer = StylesCache().get_inner_outer(base, background)  # as a widget asks
    textual_inner, textual_outer = styles_cache._INNER_OUTER(StylesCache, base, background)
    assert (inner, outer) == (textual_inner, textual_outer)


def test_every_styles_cache_shares_one_cache() -> None:
    assert StylesCache.get_inner_outer is styles_cache.inner_outer
    first, second = StylesCache(), StylesCache()
    assert first.get_inner_outer is second.get_inner_outer is styles_cache.inner_outer
