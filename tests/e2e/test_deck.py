"""The PowerPoint deck (``engine.slides.deck``), read back with python-pptx:
its slides, the text boxes a presenter edits, the native table's cells, the
chart's months and the map picture; one slide per frame for a playing map."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard.cli import main
from engine.mapping.palette import actor_palette
from engine.mapping.view import MapView
from engine.playback import Playback, frames_for
from engine.slides.deck import MAP_PIXELS, MAP_SCALE
from engine.slides.export import export_view
from engine.slides.snapshot import ATTRIBUTION, SnapshotOptions, deadliest_rows
from engine.timeline import monthly_counts
from engine.view import View
from incidents.io import load_incidents
from tests.support import FIXTURES

DATA = FIXTURES / "snapshot_incidents.csv"


pytestmark = pytest.mark.usefixtures("exports_use_debian_chromium")


@pytest.fixture(scope="module")
def incidents():
    return load_incidents(DATA).incidents


def texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text]


def deck_of(content: bytes):
    return Presentation(io.BytesIO(content))


def test_the_deck_has_title_map_table_and_timeline_as_native_parts(incidents):
    hostile = incidents.copy()
    hostile.loc[hostile.index[0], "actor"] = "<script>alert(1)</script> Front"
    palette = actor_palette(hostile["actor"].value_counts().index)
    options = SnapshotOptions(title="Brief: <b>north</b>", data_name="snapshot_incidents.csv")
    deck = deck_of(export_view(hostile, palette, View(), options, "pptx"))
    title, map_slide, table_slide, timeline = deck.slides
    assert len(deck.slides) == 4
    assert texts(title)[0] == "Brief: <b>north</b>"  # as typed: text, not markup
    words = texts(map_slide)
    assert words[0] == "Brief: <b>north</b>"
    assert f"{len(hostile)} incidents" in words[1]
    assert any(ATTRIBUTION in w and "snapshot_incidents.csv" in w for w in words)
    for actor, count in hostile["actor"].value_counts().items():
        assert f"{actor} ({count})" in words  # the legend, one editable box per actor
    pictures = [s for s in map_slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    image = Image.open(io.BytesIO(pictures[0].image.blob))
    assert image.size == (MAP_PIXELS[0] * MAP_SCALE, MAP_PIXELS[1] * MAP_SCALE)  # sharp, names big
    assert len(set(image.convert("RGB").resize((64, 36)).get_flattened_data())) > 20  # a drawn map
    table = next(s for s in table_slide.shapes if s.has_table).table
    cells = [
        [table.cell(r, c).text for c in range(len(table.columns))] for r in range(len(table.rows))
    ]
    assert cells[0] == ["Date", "Place", "Actor", "Killed"]
    assert [tuple(row) for row in cells[1:]] == deadliest_rows(hostile, 10)
    chart = next(s for s in timeline.shapes if s.has_chart).chart
    counts = monthly_counts(hostile)
    assert list(chart.plots[0].categories) == [str(m) for m in counts.index]
    assert sum(sum(s.values) for s in chart.plots[0].series) == len(hostile.dropna(subset=["date"]))


def test_a_playing_map_adds_a_slide_per_frame_named_by_its_window(incidents):
    playback = Playback(step="quarter")
    palette = actor_palette(incidents["actor"].value_counts().index)
    deck = deck_of(
        export_view(
            incidents,
            palette,
            View(map=MapView(playback=playback)),
            SnapshotOptions(),
            "pptx",
        )
    )
    frames = frames_for(incidents["date"], playback)
    assert len(deck.slides) == 4 + len(frames)
    for slide, frame in zip(list(deck.slides)[4:], frames, strict=False):
        line = texts(slide)[1]
        assert line.startswith(f"Frame shown: {frame.label}")
        drawn = int(line.rsplit("· ", 1)[1].split()[0])
        dates = incidents.dropna(subset=["latitude", "longitude"])["date"].dt.date
        assert drawn == int(((dates >= frame.start) & (dates <= frame.end)).sum())


def test_the_snapshot_command_writes_a_deck(tmp_path, capsys):
    out = tmp_path / "brief.pptx"
    assert main(["snapshot", "--data", str(DATA), "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert len(deck_of(out.read_bytes()).slides) == 4
