"""Hostile text in every field, through every route that builds a page or a file:
the map, the snapshot page, the CLI, the app (AppTest), the timeline and CSV.

Nothing may be evaluated (no 49, no marker file from a shell command), nothing may
crash, and the text must come out as it went in.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dashboard.cli import main as dashboard_cli
from engine.filters import IncidentFilter
from engine.mapping.map_build import MapOptions, build_map
from engine.mapping.palette import actor_palette
from engine.slides.snapshot import SnapshotOptions, snapshot_page
from engine.timeline import timeline_chart, timeline_counts
from ground.csv_cells import FORMULA_START
from incidents.io import load_incidents
from tests.support import ROOT, embedded_data
from tests.support.apptest import run_app
from tests.support.hostile import (
    FORMULA_PAYLOADS,
    MARKDOWN_PAYLOADS,
    TEMPLATE_PAYLOADS,
    XSS_PAYLOADS,
    with_marker,
    write_incidents,
)


@pytest.fixture
def marker(tmp_path) -> Path:
    """The file a template payload's shell command would create."""
    return tmp_path / "template-ran"


@pytest.fixture
def hostile(tmp_path, marker):
    payloads = (
        XSS_PAYLOADS + with_marker(TEMPLATE_PAYLOADS, marker) + FORMULA_PAYLOADS + MARKDOWN_PAYLOADS
    )
    path = write_incidents(tmp_path / "hostile {{7*7}}.csv", payloads)
    return path, load_incidents(path).incidents


def test_the_marker_would_be_made_if_a_template_ran(marker):
    """The checks below can fail: compiled as a template, the payload makes the file."""
    from jinja2 import Template

    Template(with_marker(TEMPLATE_PAYLOADS, marker)[2]).render()
    assert marker.exists()


def test_the_map_carries_every_text_as_typed(hostile, marker):
    _, incidents = hostile
    page = build_map(incidents, actor_palette(incidents["actor"].unique())).get_root().render()
    assert not marker.exists()
    payload = next(d for d in embedded_data(page) if isinstance(d, dict) and "tables" in d)
    assert sorted(payload["tables"]["location"]) == sorted(set(incidents["location"]))
    assert sorted(payload["text"]["description"]) == sorted(incidents["description"])
    legend = [d for d in embedded_data(page) if isinstance(d, list) and d and len(d[0]) == 3]
    named = {name for name, _, _ in legend[0]}
    assert len(named & set(incidents["actor"])) == len(named) - 1, (
        "the legend names actors as typed"
    )
    for text in [*XSS_PAYLOADS[:10], "{{ 7*7 }}", "see {{citation needed}}"]:
        assert text not in page, "no untrusted character reaches the page source"


def test_snapshot_page_shows_titles_and_file_names_verbatim(hostile, marker):
    _, incidents = hostile
    title = with_marker(
        ["{{ lipsum.__globals__.os.popen('touch MARKER').read() }} {{ 7*7 }}"], marker
    )[0]
    options = SnapshotOptions(
        title=title, table=True, data_name="data {{citation needed}}.csv", note="Unit {#3} {%raw%}"
    )
    page = snapshot_page(
        incidents,
        actor_palette(incidents["actor"].unique()),
        IncidentFilter(text="{{ 7*7 }}"),
        MapOptions(),
        options,
    )
    assert not marker.exists()
    assert "{{ 7*7 }}</h1>" in page
    assert "data {{citation needed}}.csv" in page and "Unit {#3} {%raw%}" in page
    assert "text: “{{ 7*7 }}”" in page or "{{ 7*7 }}" in page.split("<p>", 1)[1][:500]
    table = page.split('<table class="deadliest">', 1)[1].split("</table>", 1)[0]
    assert "&lt;" in table and "<img" not in table and "<script" not in table


@pytest.mark.parametrize(
    "title",
    [
        "{{ 7*7 }}",
        "see {{citation needed}}",
        "{{",
        "{%raw%}",
        "{{ lipsum.__globals__.os.popen('touch MARKER').read() }}",
    ],
)
def test_snapshot_cli_writes_the_title_as_typed(hostile, marker, tmp_path, title):
    path, _ = hostile
    title = with_marker([title], marker)[0]
    out = tmp_path / "snap.html"
    assert (
        dashboard_cli(
            ["snapshot", "--data", str(path), "--title", title, "--table", "--out", str(out)]
        )
        == 0
    )
    page = out.read_text(encoding="utf-8")
    assert f"<h1>{title.replace(chr(39), '&#x27;')}</h1>" in page
    assert "Data: hostile {{7*7}}.csv." in page
    assert not marker.exists()


def test_import_cli_guards_formulas_and_reads_back_the_same_rows(hostile, tmp_path, marker):
    path, incidents = hostile
    out, rejected = tmp_path / "out.csv", tmp_path / "rejected.csv"
    assert (
        dashboard_cli(
            [
                "import",
                str(path),
                "--format",
                "csv",
                "--no-geocode",
                "-o",
                str(out),
                "--rejected",
                str(rejected),
            ]
        )
        == 0
    )
    assert not marker.exists()
    cells = [
        cell
        for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline=""))
        for cell in row
    ]
    assert not [c for c in cells if c.startswith(FORMULA_START) and not _number(c)]
    back = load_incidents(out).incidents
    assert len(back) == len(incidents)
    assert sorted(back["description"]) == sorted(incidents["description"])


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def test_csv_download_quotes_carriage_returns_and_guards_formulas():
    from incidents.exports import to_csv

    incidents = load_incidents(ROOT / "data" / "incidents.csv").incidents.head(15).copy()
    incidents["description"] = [f"line one\rline two {i}" for i in range(15)]
    incidents["location"] = (FORMULA_PAYLOADS * 2)[:15]
    written = to_csv(incidents).decode("utf-8")
    rows = list(csv.reader(io.StringIO(written, newline="")))
    assert len(rows) == 16, "15 rows with a bare CR read back as 15 rows"
    location = rows[0].index("location")
    assert all(row[location].startswith("'") for row in rows[1:])
    path = Path(__import__("tempfile").mkdtemp()) / "back.csv"
    path.write_bytes(written.encode("utf-8"))
    back = load_incidents(path).incidents
    assert back["location"].tolist() == incidents["location"].str.strip().tolist()
    assert back["description"].tolist() == incidents["description"].tolist()


def test_timeline_survives_any_actor_name():
    incidents = load_incidents(ROOT / "data" / "incidents.csv").incidents.copy()
    incidents.loc[incidents.index[:3], "actor"] = "Group\u2029two'\"\\ {{ 7*7 }}"
    counts = timeline_counts(incidents)
    spec = timeline_chart(counts, actor_palette(counts.columns)).to_dict()
    assert "indexof" not in str(spec), "no expression is built from the names"
    assert "Group\u2029two'\"\\ {{ 7*7 }}" in spec["encoding"]["color"]["scale"]["domain"]


def test_app_shows_hostile_data_and_search_without_markup(monkeypatch, hostile, marker):
    path, _incidents = hostile
    app = run_app(monkeypatch, path, {"q": MARKDOWN_PAYLOADS[0] + " " + MARKDOWN_PAYLOADS[1]})
    assert not marker.exists()
    caption = next(c.value for c in app.caption if "Showing" in c.value)
    assert "](" not in caption and "\\]\\(http" in caption, "the link syntax is escaped"
    assert app.text_input(key="text").value.startswith("![beacon]")


def test_app_snapshot_title_is_not_a_template(monkeypatch, hostile, marker):
    path, _ = hostile
    app = run_app(monkeypatch, path)
    title = with_marker(["{{ lipsum.__globals__.os.popen('touch MARKER').read() }}"], marker)[0]
    app.text_input(key="snapshot_title").input(title).run()
    app.radio(key="snapshot_kind").set_value("html").run()
    app.button(key="snapshot_make").click().run()
    assert not app.exception, app.exception
    _, content = app.session_state["snapshot_made"]
    assert not marker.exists()
    assert title.replace("'", "&#x27;").encode() in content


def test_app_upload_of_a_hostile_file(monkeypatch, hostile, marker):
    path, _ = hostile
    app = run_app(monkeypatch, ROOT / "data" / "incidents.csv")
    app.file_uploader(key="import_uploads").set_value(
        ("{{7*7}} ![x](http://203.0.113.7/u.png).csv", path.read_bytes(), "text/csv")
    ).run()
    assert not app.exception, app.exception
    assert not marker.exists()
    name = next(m.value for m in app.markdown if "u\\.png" in m.value)
    assert "](" not in name


TERMINAL_PAYLOADS = [
    "\x1b[2J\x1b[H",
    "\x1b]0;owned\x07",
    "\x1b]52;c;b3duZWQ=\x07",
    "\x1b]8;;http://203.0.113.7/\x1b\\link\x1b]8;;\x1b\\",
    "\x9b31m",
    "abc\u202edcba",
]


def test_for_terminal_writes_control_and_format_characters_as_escapes():
    from ground.terminal import for_terminal

    assert for_terminal("Kabul\tairport\n26 Aug") == "Kabul\tairport\n26 Aug"
    assert for_terminal("\x1b]0;owned\x07") == "\\x1b]0;owned\\x07"
    assert for_terminal("abc\u202edcba \x9b \U000e0041") == "abc\\u202edcba \\x9b \\U000e0041"
    assert for_terminal("Pul-e-Charkhi · د کابل") == "Pul-e-Charkhi · د کابل"


def test_commands_print_no_terminal_control_sequence(tmp_path, monkeypatch, capfd):
    """A cell, a note or a file name holding terminal escapes (clear screen, retitle,
    clipboard, link, bidi override) is printed as escapes by import, history and
    intake, never as the bytes a terminal obeys."""
    from intake.cli import main as intake_cli

    path = write_incidents(tmp_path / "escapes \x1b]0;file\x07.csv", TERMINAL_PAYLOADS)
    with path.open("a", encoding="utf-8") as out:  # and a row refused, its values echoed
        out.write("bad,\x1b[2Jnot-a-date" + "," * 19 + "\n")
    monkeypatch.setenv("INCIDENT_MAP_DB", str(tmp_path / "store.sqlite"))
    assert (
        dashboard_cli(
            [
                "import",
                str(path),
                "--format",
                "csv",
                "--no-geocode",
                "--into-store",
                "--status",
                "confirmed",
            ]
        )
        == 0
    )
    stored_id = f"H1 {TERMINAL_PAYLOADS[1]}"
    assert dashboard_cli(["store", "history", stored_id]) == 0
    report = tmp_path / "report \x1b]0;owned\x07.txt"
    report.write_text(
        "A bomb killed 3 people in Peshawar on Monday, police said.\x1b[2J\n", encoding="utf-8"
    )
    assert (
        intake_cli([str(report), "--published", "2024-01-01", "-o", str(tmp_path / "c.csv")]) == 0
    )
    printed = capfd.readouterr()
    said = printed.out + printed.err
    assert "\x1b" not in said and "\x9b" not in said and "\u202e" not in said
    assert "\\x1b]0;owned\\x07" in printed.out, "the history names the value as escapes"
    assert "rejected: row 8, field 'date'" in printed.err and "\\x1b[2Jnot-a-date" in printed.err
    assert "report \\x1b]0;owned\\x07.txt: 1 incident(s)" in printed.out
