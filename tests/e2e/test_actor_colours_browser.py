"""One colour per actor, wherever it is drawn.  The project's incidents in a fresh
store; the same incidents as UCDP writes them ("IS", "BLA", "Taleban", "TTP") imported
and reviewed; ISIS-K and the BLA keep their colour on the live map, in the PNG, the
GIF's first frame, the MP4's first frame and the deck's legend; the Actor filter
offers ISIS-K once with the count of all its names.  Before, the palette went by
rank and ISIS-K was drawn in the grey of "34 other actors" after a UCDP import."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from ground.colours import delta_e, hex_of
from incidents.io import read_text_table
from incidents.store import open_seeded_store
from tests.e2e.conftest import Server
from tests.support import ROOT, embedded_data

ISKP, BLA = "Islamic State Khorasan Province (ISIS-K)", "Balochistan Liberation Army (BLA)"
COLOURS = {ISKP: "#0072B2", BLA: "#E69F00"}
UCDP_NAMES = {  # as UCDP's GED writes these groups (its Pakistan file's side names)
    "Islamic State Khorasan Province (ISIS-K)": "IS",
    "Balochistan Liberation Army (BLA)": "BLA",
    "Tehrik-i-Taliban Pakistan (TTP)": "TTP",
}


def ucdp_copy(folder: Path) -> Path:
    """The project's own incidents of those groups, written in UCDP's columns (made
    here from the project's data, nothing invented)."""
    table = read_text_table(ROOT / "data" / "incidents.csv")
    table = table[table["actor"].isin(UCDP_NAMES)]
    path = folder / "ged-copy.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["id", "date_start", "date_end", "date_prec", "side_a", "side_b", "where_prec",
             "best", "low", "high", "type_of_violence", "latitude", "longitude", "country",
             "adm_1", "adm_2", "where_coordinates", "source_headline", "source_article",
             "dyad_name"]
        )  # fmt: skip
        for n, row in enumerate(table.itertuples(), start=1):
            writer.writerow(
                [9_900_000 + n, row.date, row.date, 1, UCDP_NAMES[row.actor], "Civilians", 1,
                 row.fatalities or 0, "", "", 3, row.latitude, row.longitude, row.country,
                 row.admin1, "", row.location, "", row.source, ""]
            )  # fmt: skip
    return path


def _command(db: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "INCIDENT_MAP_DB": db}
    env.pop("INCIDENT_MAP_DATA", None)
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def _map_colours(page, server: Server) -> dict[str, str]:
    """The colour the live map draws each actor in (its payload's colour table)."""
    page.page.goto(server.url)
    frame = page.map_frame()
    payload = next(
        d for d in embedded_data(frame.content()) if isinstance(d, dict) and "colors" in d
    )
    return {
        a: c.upper() for a, c in zip(payload["tables"]["actor"], payload["colors"], strict=False)
    }


def _has_colour(image: Image.Image, colour: str, tolerance: float = 0.0, least: int = 20) -> bool:
    """Whether at least ``least`` pixels have ``colour`` (exactly, or within a
    CIEDE2000 ``tolerance`` for a lossy video)."""
    counts = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
    if not tolerance:
        wanted = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return sum(n for n, c in counts if c == wanted) >= least
    return (
        sum(n for n, c in counts if delta_e(hex_of(tuple(v / 255 for v in c)), colour) <= tolerance)
        >= least
    )


@pytest.fixture(scope="module")
def reviewed_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("colours")
    db = str(folder / "store.sqlite")
    open_seeded_store(ROOT / "data" / "incidents.csv", db).engine.dispose()
    return db, folder


def test_an_actor_keeps_its_colour_everywhere(page, reviewed_store):
    db, folder = reviewed_store
    server = Server(None, db=db)
    try:
        before = _map_colours(page, server)
        assert before[ISKP] == COLOURS[ISKP] and before[BLA] == COLOURS[BLA]
        _command(db, "import", str(ucdp_copy(folder)), "--into-store", "--no-geocode")
        _command(db, "store", "review", "--confirm")  # the likely duplicates, reviewed
        after = _map_colours(page, server)
        assert after[ISKP] == COLOURS[ISKP] and after[BLA] == COLOURS[BLA]
        assert "IS" not in after and "BLA" not in after  # one name per group
        page.page.goto(server.url)
        page.page.get_by_role("combobox", name="Actor").first.click()
        offered = page.page.get_by_role("option").all_inner_texts()
        page.page.keyboard.press("Escape")
        iskp = [o for o in offered if o.startswith("Islamic State")]
        stored = open_seeded_store(ROOT / "data" / "incidents.csv", db).incidents()
        assert iskp == [f"{ISKP} ({int((stored['actor'] == ISKP).sum())})"], offered
        for target in ("Shia worshippers", "Civilians", "Police", "Taliban officials"):
            assert not any(o.startswith(target) for o in offered), (target, offered)
    finally:
        server.stop()
    png, gif, mp4, pptx = (folder / f"view.{kind}" for kind in ("png", "gif", "mp4", "pptx"))
    _command(db, "snapshot", "--out", str(png))
    _command(db, "snapshot", "--out", str(pptx))
    _command(db, "animate", "--step", "quarter", "--out", str(gif))
    still = Image.open(png)
    first_gif = Image.open(gif)
    first_gif.seek(0)
    for actor, colour in COLOURS.items():
        assert _has_colour(still, colour), (actor, "png")
        assert _has_colour(first_gif, colour, least=8), (actor, "gif")
    with zipfile.ZipFile(pptx) as deck:
        slides = "".join(deck.read(n).decode() for n in deck.namelist() if "slides/slide" in n)
    for colour in COLOURS.values():
        assert f'srgbClr val="{colour[1:]}"' in slides
    if shutil.which("ffmpeg"):
        _command(db, "animate", "--step", "quarter", "--out", str(mp4))
        frame = subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-i", str(mp4), "-frames:v", "1", "-f", "image2pipe",
             "-vcodec", "png", "-"],
            capture_output=True, check=True,
        ).stdout  # fmt: skip
        first_mp4 = Image.open(io.BytesIO(frame))
        for actor, colour in COLOURS.items():
            assert _has_colour(first_mp4, colour, tolerance=4, least=8), (actor, "mp4")
