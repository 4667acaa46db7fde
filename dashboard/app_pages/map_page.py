"""The Map page: load (cached), read the filters from the sidebar (starting from
the URL), apply them, then show map, numbers, timeline and table.  Every
computation is a plain function of the ``engine`` package (filters, map, timeline,
exports) or below it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.app_pages.shared import (
    CONFIRMED,
    WITH_CANDIDATES,
    both_datasets,
    editor,
    load_data,
    palette_for,
    store_counts,
)
from dashboard.app_pages.uploads import show_import_area
from dashboard.config import data_path, uses_store
from dashboard.map_frame import map_frame
from engine.empty_state import empty_map
from engine.filters import (
    EARLIEST,
    LATEST,
    MAX_DEATHS,
    MAX_SEARCH,
    IncidentFilter,
    apply_filters,
    clamp_dates,
    empty_reason,
    known_provinces,
    option_counts,
    preset_range,
)
from engine.mapping.assets import missing_assets
from engine.mapping.map_build import LAYERS, build_map, candidate_count, mappable
from engine.mapping.view import (
    MapView,
    bounds_of,
    click_uncertainty_km,
    clicked_point,
    from_map_state,
    precision_of_click,
)
from engine.playback import STEPS, Playback, PlaybackError, frame_window, frames_for, paused_at
from engine.slides.animate import MAX_ANIMATION_FRAMES, READER_FRAMES
from engine.slides.export import export_view, frame_digest, view_fingerprint
from engine.slides.kinds import KINDS, kinds_for
from engine.slides.render import RenderError, chromium_path
from engine.slides.snapshot import SnapshotOptions, default_title
from engine.summary import date_span, display_table, headline
from engine.timeline import timeline_chart, timeline_counts
from engine.view import View
from ground.plain_text import plain
from incidents.actors import user_aliases
from incidents.credits import credit_lines, credit_sentence
from incidents.datasets import choose_dataset
from incidents.exports import to_csv, to_geojson
from incidents.validate import IncidentDataError

ONE_STEP = "one step"
WINDOWS = (ONE_STEP, "1W", "2W", "1M", "3M", "6M", "1Q", "2Q")
PRESET_LABELS = {
    "all": "All dates",
    "last30": "Last 30 days of data",
    "last90": "Last 90 days of data",
    "last365": "Last 365 days of data",
    "custom": "Custom range",
}


def _labelled(counts: list[tuple[str, int]]):
    lookup = dict(counts)
    return [name for name, _ in counts], (lambda name: f"{name} ({lookup.get(name, 0)})")


def link_view() -> View:
    """The view the page's link names (a repeated key, such as two actors, as a list)."""
    query = st.query_params
    return View.from_query({key: query.get_all(key) for key in query.keys()})


def _init_from_url(incidents: pd.DataFrame) -> None:
    """On a session's first run, put the URL's filters into the widgets."""
    if st.session_state.get("_initialised"):
        return
    linked = link_view()
    spec = linked.filter
    state = st.session_state
    state["preset"] = "custom" if (spec.start or spec.end) else "all"
    first, last = incidents["date"].min().date(), incidents["date"].max().date()
    start, end, notes = clamp_dates(spec.start, spec.end)
    start, end, more = clamp_dates(start or first, end or last)
    state["dates"] = (start, end)
    state["_link_notes"] = notes + more
    taking_part = {name for name, _ in option_counts(incidents, "actors")}
    state["actors"] = [a for a in spec.actors if a in taking_part]
    state["primary_only"] = spec.primary_only
    state["event_type"] = [t for t in spec.event_type if t in set(incidents["event_type"])]
    state["countries"] = [c for c in spec.countries if c in set(incidents["country"])]
    state["admin1"] = known_provinces(incidents, spec.admin1)
    state["min_killed"] = spec.min_fatalities
    state["text"] = spec.text
    view = linked.map
    state["layers"] = [key for key in LAYERS if key in view.layers]
    if view.playback:
        state["play"] = True
        state["play_step"] = view.playback.step
        state["play_window"] = view.playback.window or ONE_STEP
        state["play_cumulative"] = view.playback.cumulative
        state["play_at"] = view.playback.at
    state["_url_view"] = (spec, view.at)  # the map opens here while the filters are unchanged
    state["_initialised"] = True


def _keep_known(key: str, names: list[str]) -> None:
    """Drop selections the current data does not have (e.g. after switching data)."""
    known = set(names)
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v in known]


def sidebar_filter(incidents: pd.DataFrame) -> IncidentFilter:
    """The filter widgets; returns what they say."""
    _init_from_url(incidents)
    side = st.sidebar
    side.header("Filters")
    preset = side.selectbox(
        "Dates", list(PRESET_LABELS), key="preset", format_func=PRESET_LABELS.__getitem__
    )
    latest = incidents["date"].max().date()
    start: date | None
    end: date | None
    if preset == "custom":
        chosen = side.date_input("From – to", key="dates", min_value=EARLIEST, max_value=LATEST)
        for note in st.session_state.get("_link_notes", []):
            side.warning(plain(f"The link's {note}."))
        start, end = (
            ((*tuple(chosen), None, None))[:2]
            if isinstance(chosen, (tuple, list))
            else (chosen, None)
        )
    else:
        start, end = preset_range(str(preset), latest)
    names, fmt = _labelled(option_counts(incidents, "actors"))
    _keep_known("actors", names)
    actors = side.multiselect(
        "Actor",
        names,
        key="actors",
        format_func=fmt,
        help="Incidents the actor takes part in on any side; the "
        "count beside each name counts those.",
    )
    primary_only = side.toggle("Only as the primary actor", key="primary_only")
    names, fmt = _labelled(option_counts(incidents, "event_type"))
    _keep_known("event_type", names)
    event_type = side.multiselect("Event type", names, key="event_type", format_func=fmt)
    names, fmt = _labelled(option_counts(incidents, "country"))
    _keep_known("countries", names)
    countries = side.multiselect("Country", names, key="countries", format_func=fmt)
    in_countries = incidents[incidents["country"].isin(countries)] if countries else incidents
    names, fmt = _labelled(option_counts(in_countries, "admin1"))
    _keep_known("admin1", names)
    admin1 = side.multiselect("Province / admin1", names, key="admin1", format_func=fmt)
    min_killed = side.number_input(
        "Minimum reported deaths", min_value=0, max_value=MAX_DEATHS, step=1, key="min_killed"
    )
    text = side.text_input("Search place or description", key="text", max_chars=MAX_SEARCH)
    return IncidentFilter(
        start=start,
        end=end,
        actors=tuple(actors),
        primary_only=primary_only,
        event_type=tuple(event_type),
        countries=tuple(countries),
        admin1=tuple(admin1),
        min_fatalities=int(min_killed),
        text=text.strip(),
    )


def sidebar_map(spec: IncidentFilter) -> tuple[MapView, bool]:
    """The map's part of the view (layers, position, playback) and whether online
    tiles are on; the map opens where the link said while its filters hold."""
    side = st.sidebar
    side.header("Map")
    layers = side.pills(
        "Layers", list(LAYERS), selection_mode="multi", key="layers", format_func=LAYERS.__getitem__
    )
    tiles = side.toggle(
        "Online map tiles (OpenStreetMap)",
        value=False,
        help="Off: the map is drawn from data on this machine and nothing is "
        "requested from the internet. On: the areas you view are sent to "
        "OpenStreetMap's tile servers.",
    )
    url_spec, url_at = st.session_state.get("_url_view", (None, None))
    shown = MapView(
        layers=frozenset(layers),
        at=url_at if spec == url_spec else None,
        playback=sidebar_playback(spec),
    )
    return shown, tiles


def sidebar_playback(spec: IncidentFilter) -> Playback | None:
    """Play the map through time: the step and window here; play, pause, step and
    speed are on the map itself, so playing never reruns the app."""
    side = st.sidebar
    if not side.toggle(
        "Play through time",
        key="play",
        help="A player on the map steps through the incidents a day, week, "
        "month or quarter at a time.",
    ):
        return None
    st.session_state.setdefault("play_step", "month")
    step = side.selectbox("Step", STEPS, key="play_step")
    window = side.selectbox(
        "Window shown in each frame",
        WINDOWS,
        key="play_window",
        help="How far back each frame reaches: one step, or e.g. 3M "
        "(three months), 2W (two weeks), 1Q (a quarter).",
    )
    cumulative = side.toggle("Cumulative (older incidents faded)", key="play_cumulative")
    # A chosen date range is played whole, its quiet months included.
    span = (spec.start, spec.end) if spec.start and spec.end else None
    try:
        return Playback(
            step=step,
            window=None if window == ONE_STEP else window,
            cumulative=cumulative,
            at=st.session_state.get("play_at"),
            span=span,
        )
    except PlaybackError as exc:
        side.warning(plain(str(exc)))
        return None


def show_numbers(filtered: pd.DataFrame) -> None:
    numbers = headline(filtered)
    cols = st.columns([1, 1, 1, 1.6])
    cols[0].metric("Incidents", numbers.incidents)
    cols[1].metric(
        "Fatalities (reported)",
        numbers.fatalities,
        help=f"{numbers.fatalities_unknown} incidents have no reported toll",
    )
    cols[2].metric("Actors", numbers.actors)
    cols[3].metric(
        "Date span", date_span(numbers), help=f"{numbers.first_date} to {numbers.last_date}"
    )


def show_timeline(filtered: pd.DataFrame, palette: dict[str, str], view: View) -> None:
    st.subheader("Timeline")
    period = st.radio("Incidents per", ["Month", "Week"], horizontal=True, key="period")
    counts = timeline_counts(filtered, period, view.filter.span)
    playback = view.map.playback
    if counts.empty:
        return
    window = frame_window(mappable(filtered)["date"], playback) if playback else None
    if window and playback is not None:
        shown = f"up to {window[1]}" if playback.cumulative else f"{window[0]} to {window[1]}"
        st.caption(f"Shaded: the frame the map's player shows ({shown}).")
    st.altair_chart(timeline_chart(counts, palette, period, window=window), width="stretch")


def show_table(filtered: pd.DataFrame) -> None:
    st.subheader(f"Incidents ({len(filtered)})")
    st.dataframe(
        display_table(filtered),
        hide_index=True,
        width="stretch",
        column_config={
            "actor2": "other side",
            "associated_actors": "also taking part",
            "target": "target or victims",
        },
    )
    stamp = date.today().isoformat()
    cols = st.columns(2)
    # Built only when clicked: large selections would slow every rerun otherwise.
    cols[0].download_button(
        "Download CSV", lambda: to_csv(filtered), f"incidents-{stamp}.csv", "text/csv"
    )
    cols[1].download_button(
        "Download GeoJSON",
        lambda: to_geojson(filtered),
        f"incidents-{stamp}.geojson",
        "application/geo+json",
    )


SIZES = {"Slide, 1920 × 1080": 1, "Slide at 2× (3840 × 2160)": 2}


def show_snapshot_area(
    filtered: pd.DataFrame,
    palette: dict[str, str],
    view: View,
    tiles: bool,
    map_state: dict | None,
    data_name: str,
    data_digest: str,
) -> None:
    """Export exactly this view for a slide: same incidents, layers and extent."""
    spec = view.filter
    animated = view.map.playback is not None
    offered = kinds_for(playing=animated)
    label = f"Snapshot for slides ({', '.join(k.label for k in offered)})"
    with st.expander(label):
        suggested = default_title(filtered, spec)
        title = (
            st.text_input(
                "Title",
                placeholder=suggested,
                key="snapshot_title",
                help="Leave empty for the suggested title.",
            )
            or suggested
        )
        cols = st.columns(3)
        kind = cols[0].radio(
            "Format",
            [k.name for k in offered],
            format_func=str.upper,
            key="snapshot_kind",
            horizontal=True,
            help="GIF and MP4 play every frame of the player, one slide-sized "
            "picture per frame, at 2 frames a second."
            if animated
            else None,
        )
        sizes = list(SIZES) if editor().can_edit else list(SIZES)[:1]  # a reader: 1× only
        scale = SIZES[
            cols[1].selectbox("Size", sizes, key="snapshot_size", disabled=not KINDS[kind].scalable)
        ]
        current = bounds_of(map_state)
        extent = cols[2].radio(
            "Extent",
            ["Fit to incidents", "Current map view"],
            key="snapshot_extent",
            disabled=current is None,
        )
        cols = st.columns(3)
        timeline = cols[0].checkbox("Timeline beside the map", value=True, key="snapshot_timeline")
        table = cols[1].checkbox("Deadliest incidents table", value=False, key="snapshot_table")
        if kind != "html" and not _browser_available():
            st.warning(
                "PNG and PDF need Chromium on this machine (`make browser`); "
                "standalone HTML works without it."
            )
            return
        chosen = SnapshotOptions(
            title=title,
            scale=scale,
            timeline=timeline,
            table=table,
            bounds=current if extent == "Current map view" else None,
            data_name=data_name,
            online_tiles=tiles,
        )
        frames = MAX_ANIMATION_FRAMES if editor().can_edit else READER_FRAMES
        offer_snapshot(
            kind,
            view_fingerprint(data_digest, view, chosen, kind),
            lambda: export_view(filtered, palette, view, chosen, kind, max_frames=frames),
        )


def offer_snapshot(kind: str, fingerprint: str, make: Callable[[], bytes]) -> None:
    """Make the file on a click, then offer its bytes for download.

    Not a download button that makes the file when clicked: Streamlit gives such a
    button a new id on every rerun, and the map reruns this fragment whenever it
    settles or moves, so a click in that moment downloaded nothing. Bytes made
    once keep one id, and the file stays offered until the view it shows changes.
    """
    made = st.session_state.get("snapshot_made")
    if made is None or made[0] != fingerprint:
        slot = st.empty()
        if not slot.button(f"Make {kind.upper()}", key="snapshot_make", type="primary"):
            return
        try:
            with st.spinner(f"Drawing the {kind.upper()}…"):
                made = (fingerprint, make())
        except RenderError as exc:
            st.error(plain(f"The snapshot could not be drawn: {exc}"))
            return
        slot.empty()
        st.session_state["snapshot_made"] = made
    st.download_button(
        f"Download {kind.upper()}",
        made[1],
        f"incident-map-{date.today().isoformat()}.{kind}",
        KINDS[kind].mime,
        key="snapshot_download",
        type="primary",
        on_click="ignore",
    )
    if kind in ("png", "gif"):
        st.image(made[1], caption=f"What the {kind.upper()} shows", width=480)


def _browser_available() -> bool:
    try:
        chromium_path()
    except RenderError:
        return False
    return True


@st.fragment
def show_map_and_snapshot(
    page: str | None,
    filtered: pd.DataFrame,
    palette: dict[str, str],
    view: View,
    tiles: bool,
    data_name: str,
    data_digest: str,
) -> None:
    """The map, its position in the URL and the snapshot area.  Every pan or zoom
    reruns this part only, with the map already built and the data's digest taken:
    not the filtering, the map build, the timeline or the table."""
    map_state = map_frame(page, height=620, key="map") if page is not None else None
    reported = (map_state or {}).get("frame", "none")
    playback = view.map.playback
    if playback and reported != st.session_state.get("_frame_seen", "none"):
        # Only a new report: the map keeps its last value after the data changed.
        st.session_state["_frame_seen"] = reported
        st.session_state["play_at"] = paused_at(mappable(filtered)["date"], playback, reported)
        playback = replace(playback, at=st.session_state["play_at"])
    at = from_map_state(map_state) or view.map.at
    view = replace(view, map=replace(view.map, at=at, playback=playback))
    offer_add_here(map_state)
    st.query_params.from_dict(view.to_query())
    show_snapshot_area(filtered, palette, view, tiles, map_state, data_name, data_digest)


def offer_add_here(map_state: dict | None) -> None:
    """After a click on an empty spot of the map: add an incident there, with the
    precision the click is worth at this zoom (the Data page's form, prefilled)."""
    clicked = clicked_point(map_state)
    if clicked is None or not uses_store() or not editor().can_edit:
        return
    lat, lon, zoom = clicked
    km = click_uncertainty_km(lat, zoom)
    precision = precision_of_click(km)
    cols = st.columns([3, 1])
    cols[0].caption(
        f"Clicked {lat:.4f}, {lon:.4f}: about ±{km:.1f} km at this zoom, so "
        f"{precision} level (zoom in to place it more exactly)."
    )
    if cols[1].button("Add an incident here", key="add_here"):
        st.session_state.update(
            {
                "add_latitude": f"{lat:.5f}",
                "add_longitude": f"{lon:.5f}",
                "add_geo_precision": precision,
                "add_matched": (f"map click ±{km:.1f} km", "map click"),
            }
        )
        st.switch_page("app_pages/data_page.py")


def show_empty(uploaded: bool) -> None:
    """Why the map is empty, and the way to what it is not showing."""
    state = empty_map(
        None if uploaded else store_counts(), bool(st.session_state.get("candidates"))
    )
    st.info(plain(state.message))
    if state.offer == "candidates":  # the switch is set before the next run draws it
        st.button(
            "Show the candidates on the map",
            key="empty_show_candidates",
            on_click=lambda: st.session_state.update(candidates=True),
        )
    if state.offer in ("candidates", "review"):
        st.page_link("app_pages/review_page.py", label="Open the Review page")
    if state.offer == "import":
        st.page_link("app_pages/data_page.py", label="Import on the Data page")


def render() -> None:
    st.title("Regional incident map")
    statuses: tuple[str, ...] = CONFIRMED
    if uses_store():
        if "candidates" not in st.session_state:
            st.session_state["candidates"] = link_view().candidates
        if st.sidebar.toggle(
            "Show candidates awaiting review",
            key="candidates",
            help="Incidents not yet confirmed (from imports and news "
            "intake), drawn as dashed diamonds.",
        ):
            statuses = WITH_CANDIDATES
    try:
        result, source = load_data(statuses)
    except IncidentDataError as exc:
        st.error(plain(f"Cannot read {data_path().name}: {exc}"))
        return
    if result.problems:
        st.warning(
            plain(
                f"{len(result.rejected)} of {result.rows_read} rows in {source} "
                "could not be used; they are listed at the bottom of the page."
            )
        )
    for problem in user_aliases().problems:
        st.warning(
            plain(f"Actor alias file: {problem}; likely duplicates are looked for without it.")
        )
    imported, choice = show_import_area()
    if choice == "both" and imported is not None:
        incidents = both_datasets(result.incidents, imported)
    else:
        incidents = choose_dataset(result.incidents, imported, choice)
    if incidents.empty:
        show_empty(imported is not None and choice != "project")
        return
    palette = palette_for(tuple(a for a, _ in option_counts(incidents, "actor")))
    spec = sidebar_filter(incidents)
    shown, tiles = sidebar_map(spec)
    view = View(filter=spec, map=shown, candidates=bool(st.session_state.get("candidates")))
    filtered = apply_filters(incidents, spec)
    if view.map.playback:
        try:
            frames_for(mappable(filtered)["date"], view.map.playback)
        except PlaybackError as exc:
            st.sidebar.warning(plain(str(exc)))
            view = replace(view, map=replace(view.map, playback=None))

    if spec.describe():
        st.caption(plain("Showing: " + "; ".join(spec.describe())))
    show_numbers(filtered)
    waiting = candidate_count(filtered)
    if waiting:
        st.caption(
            f"{waiting} of these incidents are candidates awaiting review, not "
            "confirmed: dashed diamonds on the map."
        )
    if filtered.empty:
        st.info(plain(empty_reason(incidents, spec)))
    unplaced = len(filtered) - len(mappable(filtered))
    if unplaced:
        st.caption(f"{unplaced} incidents have no coordinates and are not on the map.")
    if missing_assets():
        st.error("The map's front-end files are not installed; run `make assets`.")
        page = None
    else:
        live = view.map_options(online_tiles=tiles, layer_control=False, report_view=True)
        page = build_map(filtered, palette, live).get_root().render()
    show_map_and_snapshot(page, filtered, palette, view, tiles, source, frame_digest(filtered))
    show_timeline(filtered, palette, view)
    show_table(filtered)
    if result.problems:
        with st.expander(f"Rejected rows ({len(result.rejected)})", expanded=True):
            st.text("\n".join(str(problem) for problem in result.problems))
    st.caption(
        plain(
            credit_sentence(credit_lines(filtered, source))
            + "Figures as first reported by the source named per "
            "incident. Borders: Natural Earth; districts: OCHA COD-AB (AGCHO, WFP/ITOS, "
            "PCO/GAUL). Places: GeoNames, Who's On First."
        )
    )


if __name__ == "__main__":  # run by st.navigation as a page script
    render()
