"""The view as a PowerPoint deck (python-pptx) a presenter can edit.

Slides: a title slide; the map (the snapshot drawn without its own header and
legend) with the title, the filters line, the legend and the attribution as real
text boxes; the deadliest incidents as a native table; incidents per month as a
native stacked chart by actor; and, for a playing map, one map slide per frame.
Every text from the data goes into a text run (python-pptx escapes it as XML
text), never into markup.
"""

from __future__ import annotations

import io
import math
from dataclasses import replace
from datetime import UTC

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches, Pt

from engine.filters import IncidentFilter
from engine.mapping.map_build import MapOptions, mappable
from engine.mapping.palette import color_of
from engine.playback import Playback, frame_line
from engine.slides.animate import MAX_ANIMATION_FRAMES, frame_shots
from engine.slides.render import render
from engine.slides.snapshot import (
    ATTRIBUTION,
    DEADLIEST_COLUMNS,
    SnapshotOptions,
    deadliest_rows,
    default_title,
    snapshot_page,
    subtitle,
)
from engine.timeline import Span, monthly_counts, series_colour
from engine.view import View
from incidents.credits import credit_lines, credit_sentence

WIDE = (Inches(13.333), Inches(7.5))  # 16:9
# The map picture, 16:9 like its frame on the slide, drawn at twice its CSS size: at
# 1600 x 900 CSS pixels its city names were about 5 pixels tall on a projector.
MAP_PIXELS = (1100, 619)
MAP_SCALE = 2
MAP_BOX = (Inches(0.4), Inches(1.45), Inches(9.2), Inches(5.175))
LEGEND_ACTORS = 12
DECK_TABLE_ROWS = 10
_BLANK = 6  # the default template's blank layout


def write_deck(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    view: View,
    options: SnapshotOptions,
    *,
    kind: str = "pptx",
    max_frames: int = MAX_ANIMATION_FRAMES,
) -> bytes:
    """The deck's bytes for ``view`` (its filter already applied to ``incidents``)."""
    spec, map_options = view.filter, view.export_map(options.online_tiles)
    # every slide's footer credits each dataset the deck draws, with its licence
    options = replace(options, data_name="; ".join(credit_lines(incidents, options.data_name)))
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE
    title = options.title.strip() or default_title(incidents, spec)
    line = subtitle(incidents, spec)
    _title_slide(deck, title, line, options)
    still = replace(map_options, playback=None)  # the whole view; the frames follow
    _map_slide(
        deck,
        _map_picture(incidents, palette, spec, still, options),
        title,
        line,
        incidents,
        palette,
        options,
        map_options.online_tiles,
    )
    _table_slide(deck, incidents, title)
    _timeline_slide(deck, incidents, palette, title, spec.span)
    if map_options.playback is not None:
        _frame_slides(deck, incidents, palette, spec, map_options, options, title, max_frames)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _bare(options: SnapshotOptions) -> SnapshotOptions:
    return replace(
        options, chrome=False, timeline=False, table=False, print_mode=True, size=MAP_PIXELS
    )


def _map_picture(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    spec: IncidentFilter,
    map_options: MapOptions,
    options: SnapshotOptions,
) -> bytes:
    """The map alone as PNG."""
    page = snapshot_page(incidents, palette, spec, map_options, _bare(options))
    scale = max(MAP_SCALE, options.scale)
    return render(page, "png", MAP_PIXELS, scale, online=map_options.online_tiles).content


def _text(slide, box: tuple, text: str, size: int, *, bold: bool = False, color: str = "1D1D1D"):
    shape = slide.shapes.add_textbox(*box)
    frame = shape.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    run.font.color.rgb = RGBColor.from_string(color)
    return shape


def _heading(slide, title: str, line: str) -> None:
    _text(slide, (Inches(0.4), Inches(0.2), Inches(12.5), Inches(0.7)), title, 28, bold=True)
    _text(slide, (Inches(0.4), Inches(0.85), Inches(12.5), Inches(0.55)), line, 13, color="444444")


def _footer(slide, options: SnapshotOptions, online_tiles: bool = False) -> None:
    data = credit_sentence([options.data_name])
    tiles = " Map tiles: © OpenStreetMap contributors." if online_tiles else ""
    made = options.made_at.astimezone(UTC).strftime("%d %b %Y %H:%M UTC")
    _text(
        slide,
        (Inches(0.4), Inches(6.8), Inches(12.5), Inches(0.5)),
        f"{data}{ATTRIBUTION}{tiles} Made {made}.",
        9,
        color="555555",
    )


def _title_slide(deck, title: str, line: str, options: SnapshotOptions) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[_BLANK])
    _text(slide, (Inches(0.8), Inches(2.4), Inches(11.7), Inches(1.4)), title, 40, bold=True)
    _text(slide, (Inches(0.8), Inches(3.9), Inches(11.7), Inches(1.0)), line, 18, color="444444")
    if options.note:
        _text(
            slide,
            (Inches(0.8), Inches(4.9), Inches(11.7), Inches(0.8)),
            options.note,
            16,
            color="AA3333",
        )
    _footer(slide, options)


def _rgb(color: str) -> RGBColor:
    text = color.lstrip("#")
    return RGBColor.from_string(text.upper() if len(text) == 6 else "7F7F7F")


def _legend(slide, incidents: pd.DataFrame, palette: dict[str, str]) -> None:
    """One coloured square and one text box per actor shown, most incidents first."""
    left, top = Inches(9.85), Inches(1.5)
    _text(slide, (left, top, Inches(3.1), Inches(0.4)), "Actor (incidents)", 14, bold=True)
    counts = incidents["actor"].fillna("").value_counts()
    shown = counts.head(LEGEND_ACTORS)
    for k, (actor, count) in enumerate(shown.items()):
        y = top + Inches(0.45 + 0.42 * k)
        square = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, left, y + Inches(0.07), Inches(0.2), Inches(0.2)
        )
        square.fill.solid()
        square.fill.fore_color.rgb = _rgb(color_of(palette, str(actor)))
        square.line.fill.background()
        _text(
            slide,
            (left + Inches(0.3), y, Inches(2.8), Inches(0.35)),
            f"{actor or 'Unknown'} ({count})",
            10,
        )
    if len(counts) > len(shown):
        y = top + Inches(0.45 + 0.42 * len(shown))
        _text(
            slide,
            (left, y, Inches(3.1), Inches(0.35)),
            f"and {len(counts) - len(shown)} more actors",
            11,
            color="555555",
        )


def _map_slide(
    deck,
    picture: bytes,
    title: str,
    line: str,
    incidents: pd.DataFrame,
    palette: dict[str, str],
    options: SnapshotOptions,
    online_tiles: bool = False,
) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[_BLANK])
    _heading(slide, title, line)
    slide.shapes.add_picture(io.BytesIO(picture), *MAP_BOX)
    _legend(slide, incidents, palette)
    unplaced = len(incidents) - len(mappable(incidents))
    if unplaced:
        _text(
            slide,
            (Inches(9.85), Inches(6.2), Inches(3.1), Inches(0.5)),
            f"{unplaced} incidents have no coordinates and are not drawn.",
            10,
            color="AA3333",
        )
    _footer(slide, options, online_tiles)


def _table_slide(deck, incidents: pd.DataFrame, title: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[_BLANK])
    _heading(slide, "Deadliest incidents", title)
    rows = deadliest_rows(incidents, DECK_TABLE_ROWS)
    if not rows:
        _text(
            slide,
            (Inches(0.4), Inches(1.6), Inches(12.5), Inches(0.6)),
            "No incidents in this view.",
            16,
        )
        return
    shape = slide.shapes.add_table(
        len(rows) + 1,
        len(DEADLIEST_COLUMNS),
        Inches(0.4),
        Inches(1.5),
        Inches(12.5),
        Emu(Inches(0.45) * (len(rows) + 1)),
    )
    table = shape.table
    for col, (name, width) in enumerate(zip(DEADLIEST_COLUMNS, (1.6, 5.6, 4.1, 1.2), strict=False)):
        table.columns[col].width = Inches(width)
        table.cell(0, col).text = name
    for r, cells in enumerate(rows, start=1):
        for col, value in enumerate(cells):
            table.cell(r, col).text = value
    for cell in (
        table.cell(r, c) for r in range(len(rows) + 1) for c in range(len(DEADLIEST_COLUMNS))
    ):
        for paragraph in cell.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(14)


def _timeline_slide(
    deck, incidents: pd.DataFrame, palette: dict[str, str], title: str, span: Span
) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[_BLANK])
    _heading(slide, "Incidents per month", title)
    counts = monthly_counts(incidents, span)
    if counts.empty:
        _text(
            slide,
            (Inches(0.4), Inches(1.6), Inches(12.5), Inches(0.6)),
            "No dated incidents in this view.",
            16,
        )
        return
    data = CategoryChartData()
    data.categories = [str(month) for month in counts.index]
    for actor in counts.columns:
        data.add_series(str(actor) or "Unknown", [int(v) for v in counts[actor]])
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_STACKED, Inches(0.4), Inches(1.5), Inches(12.5), Inches(5.2), data
    )
    chart = frame.chart
    chart.has_title = False  # the slide's heading says what it is
    axis = chart.value_axis
    axis.major_unit = max(1, math.ceil(int(counts.sum(axis=1).max()) / 6))
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0", False
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.plots[0].gap_width = 40
    for series, actor in zip(chart.plots[0].series, counts.columns, strict=False):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(series_colour(palette, str(actor)))


def _frame_slides(
    deck,
    incidents: pd.DataFrame,
    palette: dict[str, str],
    spec: IncidentFilter,
    map_options: MapOptions,
    options: SnapshotOptions,
    title: str,
    max_frames: int,
) -> None:
    """One map slide per frame of the player, each named by its window."""
    playback = map_options.playback or Playback()
    found, shots, drawn, _ = frame_shots(
        incidents, palette, spec, map_options, _bare(options), max_frames
    )
    for frame, shot, (_, count) in zip(found, shots, drawn, strict=False):
        _map_slide(
            deck,
            shot,
            title,
            frame_line(frame, playback, count),
            incidents,
            palette,
            options,
            map_options.online_tiles,
        )
