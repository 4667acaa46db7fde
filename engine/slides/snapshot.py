"""A snapshot: the current view as one self-contained page a presenter can keep.

The page is the map ``build_map`` makes for the app, with the border data embedded,
every script and stylesheet inlined (``engine.slides.standalone``), and what a slide needs
to stand on its own around it: title, the active filters and date range, legend,
scale bar, attribution and when it was made; optionally a timeline and a table of the
deadliest incidents beside the map.  ``engine.slides.render`` turns the page into PNG or
PDF in headless Chromium; saved as is, it is the standalone HTML export.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

import pandas as pd
from branca.element import Figure

from engine.filters import IncidentFilter
from engine.mapping.map_build import Bounds, MapOptions, build_map, mappable
from engine.mapping.verbatim import Verbatim
from engine.playback import Playback, frame_line, frame_of, frame_window, frames_for, in_frame
from engine.slides.policy import with_policy
from engine.slides.standalone import inline_assets
from engine.timeline import Span, monthly_counts, series_colour
from incidents.credits import credit_lines, credit_sentence

SLIDE = (1920, 1080)
TABLE_ROWS = 8
ATTRIBUTION = (
    "Figures as first reported by the source named per incident. "
    "Borders: Natural Earth; districts: OCHA COD-AB (AGCHO, WFP/ITOS, PCO/GAUL). "
    "Places: GeoNames, Who's On First."
)


@dataclass(frozen=True)
class SnapshotOptions:
    """What the presenter chose.  ``bounds`` None fits the map to the incidents."""

    title: str = ""
    size: tuple[int, int] = SLIDE
    scale: int = 1
    bounds: Bounds | None = None
    timeline: bool = True
    table: bool = False
    print_mode: bool = True  # a still image: no buttons, no animation (PNG/PDF)
    vector: bool = False  # borders as SVG lines (PDF)
    data_name: str = ""
    made_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    note: str = ""
    chrome: bool = True  # False: the map alone, no header, footer, side panel or legend
    # (a deck writes those as its own editable text)
    online_tiles: bool = False  # draw on OpenStreetMap's tiles (the viewed area is sent there)


def short_actor(actor: str) -> str:
    """ "Islamic State Khorasan Province (ISIS-K)" -> "ISIS-K": titles must be short."""
    if actor.endswith(")") and "(" in actor:
        return actor[actor.rindex("(") + 1 : -1].strip() or actor
    return actor


def month_span(first: date, last: date) -> str:
    """ "Aug–Dec 2021", "Aug 2021", "Aug 2021–Mar 2022"."""
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%b %Y")
    if first.year == last.year:
        return f"{first.strftime('%b')}–{last.strftime('%b %Y')}"
    return f"{first.strftime('%b %Y')}–{last.strftime('%b %Y')}"


def view_dates(incidents: pd.DataFrame, spec: IncidentFilter) -> tuple[date, date] | None:
    """The date range a view covers: the filter's, completed by the data's."""
    dates = incidents["date"].dropna()
    first = spec.start or (dates.min().date() if len(dates) else None)
    last = spec.end or (dates.max().date() if len(dates) else None)
    return (first, last) if first and last else None


def default_title(incidents: pd.DataFrame, spec: IncidentFilter) -> str:
    """ "ISIS-K incidents, Aug–Dec 2021": who, then when."""
    actors = spec.actors or tuple(incidents["actor"].dropna().unique())
    who = "Incidents"
    if len(actors) == 1:
        who = f"{short_actor(actors[0])} incidents"
    elif len(actors) == 2:
        who = f"{short_actor(actors[0])} and {short_actor(actors[1])} incidents"
    span = view_dates(incidents, spec)
    return f"{who}, {month_span(*span)}" if span else who


def subtitle(incidents: pd.DataFrame, spec: IncidentFilter) -> str:
    """Date range, active filters and the totals, in one line."""
    span = view_dates(incidents, spec)
    if span is None:
        parts = ["no dates"]
    elif span[0] == span[1]:
        parts = [f"{span[0]:%d %b %Y}"]
    else:
        parts = [f"{span[0]:%d %b %Y} – {span[1]:%d %b %Y}"]
    parts += spec.describe(dates=False)
    killed = incidents["fatalities"].sum(skipna=True)
    count = len(incidents)
    parts.append(f"{count} incident{'' if count == 1 else 's'}, {int(killed)} reported deaths")
    waiting = int((incidents["status"] == "candidate").sum()) if "status" in incidents else 0
    if waiting:
        parts.append(
            f"including {waiting} candidate{'' if waiting == 1 else 's'} awaiting "
            "review, not confirmed"
        )
    return " · ".join(parts)


def timeline_svg(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    width: int = 420,
    height: int = 170,
    window: tuple | None = None,
    span: Span | None = None,
) -> str:
    """Incidents per month, stacked by actor, as inline SVG (vector in the PDF);
    ``window`` (first, last day) shades the months a playback frame shows; ``span``
    (the filter's dates) widens it to the months asked for."""
    counts = monthly_counts(incidents, span)
    if counts.empty:
        return ""
    peak = max(int(counts.sum(axis=1).max()), 1)
    bar_w = width / len(counts)
    top, plot_h = 18, height - 40
    bars = []
    for i, (_month, row) in enumerate(counts.iterrows()):
        y = top + plot_h
        for actor, n in row.items():
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            bars.append(
                f'<rect x="{i * bar_w:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 0.8):.1f}" '
                f'height="{h:.1f}" fill="{series_colour(palette, str(actor))}"/>'
            )
    if window is not None:
        months = [
            i
            for i, m in enumerate(counts.index)
            if m.end_time.date() >= window[0] and m.start_time.date() <= window[1]
        ]
        if months:
            bars.insert(
                0,
                f'<rect class="window" x="{months[0] * bar_w:.1f}" y="{top - 4}" '
                f'width="{(months[-1] - months[0] + 1) * bar_w:.1f}" '
                f'height="{plot_h + 4}" fill="#b2182b" fill-opacity="0.15"/>',
            )
    first, last = str(counts.index[0]), str(counts.index[-1])
    axis = (
        f'<text x="0" y="{height - 6}" class="axis">{html.escape(first)}</text>'
        f'<text x="{width}" y="{height - 6}" class="axis" text-anchor="end">'
        f"{html.escape(last)}</text>"
        f'<text x="0" y="10" class="axis">peak {peak} a month</text>'
    )
    return (
        f'<svg class="timeline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(bars)}{axis}</svg>'
    )


DEADLIEST_COLUMNS = ("Date", "Place", "Actor", "Killed")


def deadliest_rows(incidents: pd.DataFrame, rows: int = TABLE_ROWS) -> list[tuple[str, ...]]:
    """The deadliest incidents, newest first among equals: date, place, actor, killed."""
    top = incidents.sort_values(
        ["fatalities", "date"], ascending=[False, False], na_position="last"
    ).head(rows)
    found: list[tuple[str, ...]] = []
    for _, row in top.iterrows():
        killed = "unknown" if pd.isna(row["fatalities"]) else str(int(row["fatalities"]))
        found.append(
            (
                row["date"].date().isoformat(),
                str(row["location"] or row["admin1"]),
                short_actor(row["actor"]),
                killed,
            )
        )
    return found


def deadliest_table(incidents: pd.DataFrame, rows: int = TABLE_ROWS) -> str:
    """The deadliest incidents as an HTML table; every cell escaped."""
    body = [
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
        for cells in deadliest_rows(incidents, rows)
    ]
    return (
        '<table class="deadliest"><thead><tr><th>Date</th><th>Place</th><th>Actor</th>'
        "<th>Killed</th></tr></thead><tbody>" + "".join(body) + "</tbody></table>"
    )


def _side_panel(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    options: SnapshotOptions,
    window: tuple | None = None,
    span: Span | None = None,
) -> str:
    parts = []
    if options.timeline:
        chart = timeline_svg(incidents, palette, window=window, span=span)
        parts.append("<h2>Incidents per month</h2>" + chart)
    if options.table:
        parts.append(f"<h2>Deadliest incidents</h2>{deadliest_table(incidents)}")
    return f'<aside class="snapshot-side">{"".join(parts)}</aside>' if parts else ""


def _layout_css(map_id: str, side: bool, options: SnapshotOptions) -> str:
    columns = "1fr 460px" if side else "1fr"
    areas = '"head head" "map side" "foot foot"' if side else '"head" "map" "foot"'
    hide = (
        ".leaflet-top.leaflet-left, .leaflet-control-layers, .incident-player-buttons "
        "{ display: none !important; }"
        if options.print_mode
        else ""
    )
    if not options.chrome:
        hide += " .incident-legend, .leaflet-control-attribution { display: none !important; }"
    return f"""<style>
    html, body {{ width: 100%; height: 100%; margin: 0; }}
    body.snapshot {{ display: grid; grid-template-columns: {columns};
      grid-template-rows: auto minmax(0, 1fr) auto; grid-template-areas: {areas};
      font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d1d1d;
      background: #fff; }}
    .snapshot-head {{ grid-area: head; padding: 18px 28px 12px; border-bottom: 1px solid #ddd; }}
    .snapshot-head h1 {{ margin: 0; font-size: 38px; line-height: 1.15; }}
    .snapshot-head p {{ margin: 6px 0 0; font-size: 19px; color: #444; }}
    .snapshot-head .note {{ color: #a33; }}
    .snapshot-head .frame {{ font-weight: 700; color: #1d1d1d; }}
    #{map_id} {{ grid-area: map; position: relative; width: 100%; height: 100%; }}
    .snapshot-side {{ grid-area: side; padding: 14px 22px; border-left: 1px solid #ddd;
      overflow: hidden; }}
    .snapshot-side h2 {{ font-size: 18px; margin: 8px 0 8px; }}
    .snapshot-side .axis {{ font-size: 12px; fill: #555; }}
    .snapshot-side table {{ border-collapse: collapse; font-size: 14px; width: 100%; }}
    .snapshot-side td, .snapshot-side th {{ text-align: left; padding: 3px 4px;
      border-bottom: 1px solid #eee; vertical-align: top; }}
    .snapshot-side td:first-child {{ white-space: nowrap; }}
    .snapshot-foot {{ grid-area: foot; padding: 8px 28px; font-size: 14px; color: #555;
      border-top: 1px solid #ddd; display: flex; justify-content: space-between; gap: 24px; }}
    .incident-legend {{ font-size: 15px; max-width: 380px; }}
    .leaflet-control-scale-line {{ font-size: 13px; }}
    {hide}
    </style>"""


def playback_line(placed: pd.DataFrame, playback: Playback | None) -> str:
    """Which frame a snapshot of a playing map shows, and how many it draws."""
    found = frames_for(placed["date"], playback) if playback else []
    if playback is None or not found:
        return ""
    frame = found[frame_of(found, playback.at)]
    drawn = int(in_frame(placed["date"], frame, playback.cumulative).sum())
    return frame_line(frame, playback, drawn)


def snapshot_page(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    spec: IncidentFilter,
    map_options: MapOptions,
    options: SnapshotOptions,
) -> str:
    """The snapshot as one HTML document that needs nothing but a browser."""
    fmap = build_map(
        incidents,
        palette,
        replace(
            map_options,
            standalone=True,
            bounds=options.bounds or map_options.bounds,
            layer_control=not options.print_mode,
            animate=not options.print_mode,
            vector=options.vector,
        ),
    )
    figure = fmap.get_root()
    assert isinstance(figure, Figure), "a folium map's root is its Figure"
    playback = map_options.playback
    window = frame_window(mappable(incidents)["date"], playback) if playback else None
    side = _side_panel(incidents, palette, options, window, spec.span) if options.chrome else ""
    title = options.title.strip() or default_title(incidents, spec)
    note = f'<p class="note">{html.escape(options.note)}</p>' if options.note else ""
    frame_line = playback_line(mappable(incidents), map_options.playback)
    if frame_line:
        note = f'<p class="frame">{html.escape(frame_line)}</p>' + note
    unplaced = len(incidents) - len(mappable(incidents))
    if unplaced:
        note += f'<p class="note">{unplaced} incidents have no coordinates and are not drawn.</p>'
    made = options.made_at.astimezone(UTC).strftime("%d %b %Y %H:%M UTC")
    data = credit_sentence(credit_lines(incidents, options.data_name))
    tiles = " Map tiles: © OpenStreetMap contributors." if map_options.online_tiles else ""
    figure.header.add_child(Verbatim(f"<title>{html.escape(title)}</title>"))
    figure.header.add_child(Verbatim(_layout_css(fmap.get_name(), bool(side), options)))
    if options.chrome:
        figure.html.add_child(
            Verbatim(
                f'<header class="snapshot-head"><h1>{html.escape(title)}</h1>'
                f"<p>{html.escape(subtitle(incidents, spec))}</p>{note}</header>"
            )
        )
    if side:
        figure.html.add_child(Verbatim(side))
    if options.chrome:
        figure.html.add_child(
            Verbatim(
                f'<footer class="snapshot-foot"><span>{html.escape(data + ATTRIBUTION + tiles)}</span>'
                f"<span>Made {made}</span></footer>"
            )
        )
    page = figure.render()
    page = page.replace("<body>", '<body class="snapshot">', 1)
    return with_policy(inline_assets(page), map_options.online_tiles)
