"""News intake on reports written for the tests (``tests/fixtures/reports/``): what a
careful reader would take from each, offline."""

from __future__ import annotations

import json
import socket
from datetime import date

import pandas as pd
import pytest

from intake.annotators import counts, dates, targets
from intake.cli import main
from intake.extract import Extractor
from intake.reports import from_text, read_reports
from intake.scoring import score_corpus
from tests.support import FIXTURES

REPORTS = FIXTURES / "reports"


@pytest.fixture(scope="module")
def extractor(offline):
    return Extractor(offline)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"intake tried to use the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize(
    "part, reports, incidents", [(REPORTS, 16, 18), (REPORTS / "held_out", 27, 27)]
)
def test_the_corpus_is_read_as_a_careful_reader_would(
    extractor, offline, no_network, part, reports, incidents
):
    score = score_corpus(part, extractor, offline)
    assert score.reports == reports and score.expected == incidents
    accuracy = {f: score.accuracy(f) for f in ("date", "actor", "place", "fatalities")}
    assert min(accuracy["date"], accuracy["actor"], accuracy["place"]) >= 0.9, score.wrong
    assert accuracy["fatalities"] >= 0.85, score.wrong
    assert score.spurious <= 0.05 * score.found and score.missed == 0, score.wrong


def test_a_plan_a_threat_and_a_foiled_attack_are_not_incidents(extractor):
    report = read_reports(REPORTS / "r05.txt", "2022-01-04")[0]
    assert extractor.extract(report) == []


def test_every_field_keeps_its_evidence_span(extractor):
    report = read_reports(REPORTS / "r01.txt", "2021-08-26")[0]
    found = extractor.extract(report)[0]
    for name in ("fatalities", "injured", "actor", "location", "date", "event_type"):
        evidence = found.fields[name]
        assert evidence.sentence and 0 <= evidence.start < evidence.end <= len(report.text)
    assert report.text[found.fields["fatalities"].start : found.fields["fatalities"].end] == "72"
    assert report.text[found.fields["actor"].start : found.fields["actor"].end] == "Islamic State"
    assert found.value("attribution") == "claimed"


def test_the_place_a_spokesman_spoke_from_is_not_the_incident_place(extractor):
    report = from_text(
        "A roadside bomb killed three soldiers in Kunar on Monday, a spokesman in Kabul said.",
        date(2022, 5, 3),
    )
    assert extractor.extract(report)[0].value("location") == "Kunar"
    report = from_text(
        "The officials, speaking in Peshawar, said a drone strike killed "
        "two men in Datta Khel on Sunday.",
        date(2020, 6, 15),
    )
    assert extractor.extract(report)[0].value("location") == "Datta Khel"


def test_a_date_before_said_does_not_make_the_place_a_speakers(extractor):
    report = from_text(
        "At least 14 people were killed when a bomber struck a truck in Mastung "
        "on Sunday, officials said.",
        date(2023, 2, 6),
    )
    assert extractor.extract(report)[0].value("location") == "Mastung"


def test_a_month_is_not_a_place_and_a_quarter_narrows_the_name(extractor):
    recap = from_text(
        "PARACHINAR, Pakistan - A bombing at a market killed 25 people in June 2017.",
        date(2024, 11, 21),
    )
    assert extractor.extract(recap)[0].value("location") == "Parachinar"
    quarter = from_text(
        "A blast hit a school in the mainly Shia neighbourhood of "
        "Dasht-e-Barchi in west Kabul "
        "on Tuesday, killing six people.",
        date(2022, 4, 19),
    )
    assert extractor.extract(quarter)[0].value("matched_name").startswith("Kabul, AF")


@pytest.mark.parametrize(
    "text, actor, attribution",
    [
        (
            "A roadside bomb killed four people in Jalalabad on Wednesday. No group claimed "
            "responsibility, but the Islamic State has carried out similar attacks in the province.",
            "Unidentified",
            "unknown",
        ),
        (
            "A roadside bomb killed six civilians in Helmand on Wednesday. Officials blamed the "
            "Taliban, who denied planting the device.",
            "Taliban",
            "blamed",
        ),
        (
            "Gunmen abducted five aid workers in Ghazni on Friday. The Taliban denied involvement.",
            "Unidentified",
            "unknown",
        ),
    ],
)
def test_claims_denials_and_background(extractor, text, actor, attribution):
    found = extractor.extract(from_text(text, date(2021, 3, 5)))[0]
    assert (found.value("actor"), found.value("attribution")) == (actor, attribution)


def test_conflicting_and_vague_figures_are_kept_in_the_description(extractor):
    report = read_reports(REPORTS / "r13.txt", "2023-01-31")[0]
    found = extractor.extract(report)[0]
    assert found.value("fatalities") == 59
    assert any("59, 84" in n for n in found.notes)
    vague = extractor.extract(
        from_text(
            "A bomb killed dozens of people at a market in Quetta on Friday.", date(2013, 1, 11)
        )
    )[0]
    # "dozens" is no number: the toll is unknown, and the note says why
    assert vague.value("fatalities") == "" and any("vague ('dozens')" in n for n in vague.notes)
    dozen = extractor.extract(
        from_text(
            "A bomb killed a dozen people at a market in Quetta on Friday.", date(2013, 1, 11)
        )
    )[0]
    assert dozen.value("fatalities") == 12  # a number said in words


@pytest.mark.parametrize(
    "text, published, expected, precision",
    [
        ("on Tuesday", date(2024, 3, 7), date(2024, 3, 5), "day"),
        ("late on Sunday", date(2024, 3, 4), date(2024, 3, 3), "day"),
        ("August 26", date(2021, 9, 1), date(2021, 8, 26), "day"),
        ("December 30", date(2022, 1, 3), date(2021, 12, 30), "day"),
        ("26 August 2021", date(2023, 1, 1), date(2021, 8, 26), "day"),
        ("in October", date(2021, 11, 2), date(2021, 10, 1), "month"),
        ("last month", date(2021, 11, 2), date(2021, 10, 1), "month"),
        ("yesterday", date(2021, 11, 2), date(2021, 11, 1), "day"),
    ],
)
def test_dates_are_resolved_against_the_publication_date(text, published, expected, precision):
    found = dates.when(f"The attack happened {text}.", published)
    assert found is not None and (found.hit.value, found.precision) == (expected, precision)


def test_a_date_something_was_said_on_is_not_the_incident_date():
    assert (
        dates.when(
            "The newspaper reported on October 24 that talks had stalled.", date(2021, 11, 1)
        )
        is None
    )


@pytest.mark.parametrize(
    "sentence, killed",
    [
        ("The blast killed seventeen people.", 17),
        ("Twenty-five people were killed.", 25),
        ("It left at least 1,200 dead.", 1200),
        ("Gunmen shot dead a polio worker.", 1),
        ("The attack killed two guards and three pilgrims.", 5),
        ("Three attackers were killed.", None),
        ("Gunmen shot dead two policemen.", 2),
        ("Two Frontier Corps personnel were martyred.", 2),
        ("It exploded, killing three Chinese nationals and their Pakistani driver.", 4),
    ],
)
def test_numbers_in_words_and_digits(sentence, killed):
    found = counts.counts(sentence, "killed")
    assert (found[0].value if found else None) == killed


def test_html_and_feeds_are_read_with_their_dates(tmp_path, extractor):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Blast</title><meta property='article:published_time' "
        "content='2022-03-08'></head><body><nav>Menu Home</nav><article><p>A bomb "
        "exploded near a police van in Peshawar on Monday, killing three policemen "
        "and injuring seven passers-by, police said.</p></article></body></html>",
        encoding="utf-8",
    )
    report = read_reports(page)[0]
    assert report.published == date(2022, 3, 8) and "Menu" not in report.text
    assert extractor.extract(report)[0].value("fatalities") == 3
    feed = tmp_path / "feed.rss"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>
      <item><title>Quetta blast</title><link>https://example.org/a</link>
      <pubDate>Fri, 11 Jan 2013 20:00:00 GMT</pubDate>
      <description>&lt;p&gt;A bomb exploded at a market in Quetta on Friday, killing at least
      20 people.&lt;/p&gt;</description></item></channel></rss>""",
        encoding="utf-8",
    )
    entries = read_reports(feed)
    assert entries[0].published == date(2013, 1, 11) and entries[0].url == "https://example.org/a"
    assert entries[0].source == "Test feed" and "<p>" not in entries[0].text


def test_the_command_writes_candidates_with_evidence_and_stores_them(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INCIDENT_MAP_DB", str(tmp_path / "store.sqlite"))
    out = tmp_path / "candidates.csv"
    assert (
        main(
            [
                str(REPORTS / "r11.txt"),
                "--published",
                "2022-04-22",
                "--source",
                "Test Wire",
                "-o",
                str(out),
                "--into-store",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "r11.txt: 2 incident(s)" in printed and "2 candidates added" in printed
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table["location"]) == ["Mazar-i-Sharif", "Kabul"]
    evidence = json.loads(table.loc[0, "evidence"])
    assert evidence["fatalities"]["text"].startswith("Explosions tore through")  # not the dateline
    from incidents.store import open_store

    stored = open_store().incidents(("candidate",))
    assert len(stored) == 2 and set(stored["source"]) == {"Test Wire"}


def test_hostile_text_is_read_as_text(extractor, tmp_path):
    """Payloads in a report stay text: the reader neither fails nor runs them, and the
    CSV it writes neutralises formula cells."""
    from tests.support.hostile import FORMULA_PAYLOADS, TEMPLATE_PAYLOADS, XSS_PAYLOADS

    text = " ".join(
        [
            "KABUL - A bomb killed 3 people in Kabul on Monday.",
            *XSS_PAYLOADS,
            *TEMPLATE_PAYLOADS,
            *FORMULA_PAYLOADS,
        ]
    )
    report = from_text(text, date(2022, 1, 3), source="=cmd|' /C calc'!A0")
    found = extractor.extract(report)
    assert found and found[0].value("fatalities") == 3
    from ground.csv_cells import to_csv_bytes
    from intake.candidates import candidates_table

    written = to_csv_bytes(candidates_table([(report, found)])).decode("utf-8")
    assert ",=cmd" not in written and "'=cmd" in written


_BLOCK_NETWORK = """
import os, socket
_log = os.environ["NETWORK_ATTEMPTS"]
def _refuse(*args, **kwargs):
    with open(_log, "a") as f:
        f.write(repr(args[:2]) + "\\n")
    raise OSError("network blocked by the test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.getaddrinfo = _refuse
socket.create_connection = _refuse
"""


def test_the_command_reads_pages_and_feeds_without_the_network(tmp_path):
    """The whole command in its own process, with every socket refused and logged:
    pages that link remote images and feeds that link articles are read offline."""
    import subprocess
    import sys

    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(_BLOCK_NETWORK, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><link rel='stylesheet' href='https://example.org/s.css'>"
        "<meta property='article:published_time' content='2022-03-08'></head><body>"
        "<img src='https://example.org/x.png'><article><p>A bomb exploded near a "
        "police van in Peshawar on Monday, killing three policemen, police said.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    feed = tmp_path / "feed.rss"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>
      <link>https://example.org/</link><item><title>Quetta blast</title>
      <link>https://example.org/a</link><pubDate>Fri, 11 Jan 2013 20:00:00 GMT</pubDate>
      <description>A bomb exploded at a market in Quetta on Friday, killing at least 20
      people.</description></item></channel></rss>""",
        encoding="utf-8",
    )
    attempts = tmp_path / "attempts.log"
    out = tmp_path / "candidates.csv"
    env = {
        **__import__("os").environ,
        "PYTHONPATH": f"{blocker}:{FIXTURES.parent.parent}",
        "NETWORK_ATTEMPTS": str(attempts),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "intake",
            str(page),
            str(feed),
            str(REPORTS / "r01.txt"),
            "--published",
            "2021-08-26",
            "-o",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not attempts.exists(), attempts.read_text()
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert sorted(table["location"]) == ["Kabul airport", "Peshawar", "Quetta"]  # the landmark
    check = subprocess.run(
        [sys.executable, "-c", "import socket; socket.getaddrinfo('x', 80)"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.returncode != 0 and attempts.exists()  # the blocker itself works


def test_the_report_is_cut_into_marked_pieces_that_cover_it_once(extractor):
    from intake.candidates import marked_segments

    report = read_reports(REPORTS / "r16.txt", "2013-01-12")[0]
    first = extractor.extract(report)[0]
    pieces = marked_segments(report.text, first)
    assert "".join(p["text"] for p in pieces) == report.text
    marked = {p["text"]: p["fields"] for p in pieces if p["fields"]}
    assert marked["20"] == ["fatalities"] and marked["48"] == ["injured"]
    assert marked["Lashkar-e-Jhangvi"] == ["actor"] and marked["Quetta"] == ["location"]
    assert "police" not in marked  # "police said" is who spoke, not the target


def test_police_who_speak_are_not_the_target():
    assert targets.target("It killed 20 people and wounded 48, police said.") is None
    assert targets.target("A bomb exploded near a police van.").value == "Police"


def test_hostile_report_files_get_a_clear_message_and_nothing_more(tmp_path, capsys):
    """A feed that declares an external entity (it would read a local file into the
    report) or an exponential one, a file too big to read, a report too long to read
    in seconds: each a message naming the file, or a report without the expansion."""
    from intake.reports import MAX_REPORT_CHARS, MAX_REPORT_FILE_BYTES, ReportError

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE", encoding="utf-8")
    xxe = tmp_path / "xxe.rss"
    xxe.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>t</title><item><title>Blast &leak; in Peshawar</title>
<description>A bomb killed 3 people in Peshawar.</description></item></channel></rss>""",
        encoding="utf-8",
    )
    assert "TOP-SECRET-LINE" not in read_reports(xxe)[0].text
    laughs = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    bomb = tmp_path / "laughs.rss"
    bomb.write_text(
        f"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a0 "lol">{laughs}]>
<rss version="2.0"><channel><title>t</title><item><title>&a9;</title>
<description>x</description></item></channel></rss>""",
        encoding="utf-8",
    )
    assert all(len(r.text) < 100 for r in read_reports(bomb))
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(MAX_REPORT_FILE_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(ReportError, match=r"^big.txt is 20 MB, over the 20 MB limit"):
        read_reports(big)
    long = tmp_path / "long.txt"
    long.write_text("Kabul " * (MAX_REPORT_CHARS // 6 + 1), encoding="utf-8")
    with pytest.raises(
        ReportError,
        match=r"^long.txt: 100,002 characters of text, over the "
        r"limit of 100,000 for one report",
    ):
        read_reports(long)
    with pytest.raises(ReportError, match=r"^pasted text: "):
        from_text("x" * (MAX_REPORT_CHARS + 1))
    assert main([str(long), str(xxe), "-o", str(tmp_path / "c.csv")]) == 2
    assert "error: long.txt: 100,002 characters" in capsys.readouterr().err


def test_only_web_addresses_are_kept_and_a_pages_own_claim_is_marked(tmp_path, extractor):
    """A ``javascript:`` URL from a paste was stored as the source; a page's ``<base
    href>`` chose the candidate's source URL without a word."""
    from intake.candidates import candidates_table

    assert from_text("text", url="javascript:alert(1)").url == ""
    assert from_text("text", url=" https://news.example/a ").url == "https://news.example/a"
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><base href='https://elsewhere.example/'>"
        "<link rel='canonical' href='https://elsewhere.example/story'>"
        "<title>Blast</title></head><body><article><p>"
        + "A suicide bomber killed 12 people at a market in Peshawar on Monday, "
        "police said. " * 5 + "</p></article></body></html>"
    )
    report = read_reports(page, "2024-01-01")[0]
    assert report.url.startswith("https://elsewhere.example") and report.url_from_page
    given = read_reports(page, "2024-01-01", url="https://where-i-got-it.example/x")[0]
    assert given.url == "https://where-i-got-it.example/x" and not given.url_from_page
    hostile = tmp_path / "js.html"
    hostile.write_text(
        page.read_text()
        .replace("https://elsewhere.example/story", "javascript:alert(1)")
        .replace("https://elsewhere.example/", "javascript:alert(2)")
    )
    assert read_reports(hostile, "2024-01-01")[0].url == ""
    table = candidates_table([(report, extractor.extract(report))])
    assert len(table) and all("as the page itself names it" in d for d in table["description"])
    assert table["source_url"].str.startswith("https://elsewhere.example").all()


@pytest.mark.parametrize(
    "headline,kind,dead",
    [
        ("Eight killed in gun attack on checkpoint near Bannu", "Attack", "8"),
        ("Missile strike kills four suspected fighters in North Waziristan", "Airstrike", "4"),
        ("Security raids kill 12 suspected militants in Khyber district", "Attack", "12"),
        ("Fighter jets pound hideouts, killing 20 in Orakzai", "Airstrike", "20"),
    ],
)
def test_headlines_that_put_the_toll_first_are_incidents(extractor, headline, kind, dead):
    """Wire headlines say "N killed in attack" and "raids kill N": the toll before the
    attack word (written for the tests, in the shape of real headlines)."""
    found = extractor.extract(from_text(headline, "2013-05-02"))
    assert len(found) == 1, headline
    assert found[0].value("event_type") == kind and str(found[0].value("fatalities")) == dead


def test_a_village_inside_the_expected_district_is_the_right_place(offline):
    """Scoring: an expected district is met by a point inside its polygon, not only by
    one within 25 km of the district's own point."""
    from intake.candidates import Candidate
    from intake.extract import Evidence
    from intake.scoring import _same

    village = offline.resolve("Kabal, Swat")
    got = Candidate()
    got.fields["latitude"] = Evidence(village.latitude, "", 0, 0, 1)
    got.fields["longitude"] = Evidence(village.longitude, "", 0, 0, 1)
    assert _same("place", {"place": "Swat"}, got, offline)
    assert not _same("place", {"place": "Quetta"}, got, offline)
