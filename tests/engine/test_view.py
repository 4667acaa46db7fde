"""The one view value (``engine.view.View``): a link's filters, map and candidates
read in one place and written in one, and old links still open."""

from __future__ import annotations

from datetime import date

from engine.filters import IncidentFilter
from engine.mapping.view import MapView
from engine.playback import Playback
from engine.view import View


def test_a_view_round_trips_through_its_link():
    view = View(
        filter=IncidentFilter(start=date(2021, 8, 1), actors=("A", "B"), event_type=("Bombing",)),
        map=MapView(
            layers=frozenset({"incidents", "heat"}),
            at=(34.5, 69.2, 7.0),
            playback=Playback(step="month", window="3M", cumulative=True),
        ),
        candidates=True,
    )
    query = view.to_query()
    assert query["show"] == "candidates" and query["actor"] == ["A", "B"]
    as_page_gives = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    assert View.from_query(as_page_gives) == view
    assert View.from_query(query) == view


def test_an_empty_link_is_the_default_view():
    assert View.from_query({}) == View() and View().to_query() == {}


def test_an_old_link_still_opens_its_view():
    old = {"type": ["Bombing"], "layers": ["incidents,nonsense"], "at": ["not,a,place"]}
    view = View.from_query(old)
    assert view.filter.event_type == ("Bombing",)
    assert view.map.layers == frozenset({"incidents"}) and view.map.at is None
    assert not view.candidates


def test_the_map_and_a_file_draw_the_same_view_but_a_file_is_framed_by_its_extent():
    playback = Playback(step="month")
    view = View(map=MapView(layers=frozenset({"heat"}), at=(34.5, 69.2, 7.0), playback=playback))
    live = view.map_options(online_tiles=True, report_view=True)
    assert (live.layers, live.view, live.playback) == (
        frozenset({"heat"}),
        (34.5, 69.2, 7.0),
        playback,
    )
    assert live.online_tiles and live.report_view
    exported = view.export_map()
    assert (exported.layers, exported.playback) == (live.layers, live.playback)
    assert exported.view is None and not exported.online_tiles  # tiles only when asked
    assert view.export_map(online_tiles=True).online_tiles
