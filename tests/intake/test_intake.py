"""News intake on reports written for the tests (``tests/fixtures/reports/``): what a
careful reader would take from each, offline."""
from __future__ import annotations

import json
import socket
from datetime import date

import pandas as pd
import pytest

from intake import rules
from intake.cli import main
from intake.extract import Extractor
from intake.reports import from_text, read_reports
from intake.scoring import score_corpus
from tests.conftest import FIXTURES

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


def test_the_corpus_is_read_as_a_careful_reader_would(extractor, offline, no_network):
    score = score_corpus(REPORTS, extractor, offline)
    assert score.reports == 16 and score.expected == 18
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
    assert report.text[found.fields["fatalities"].start:found.fields["fatalities"].end] == "72"
    assert report.text[found.fields["actor"].start:found.fields["actor"].end] == "Islamic State"
    assert found.value("attribution") == "claimed"


def test_the_place_a_spokesman_spoke_from_is_not_the_incident_place(extractor):
    report = from_text("A roadside bomb killed three soldiers in Kunar on Monday, a "
                       "spokesman in Kabul said.", date(2022, 5, 3))
    assert extractor.extract(report)[0].value("location") == "Kunar"
    report = from_text("The officials, speaking in Peshawar, said a drone strike killed "
                       "two men in Datta Khel on Sunday.", date(2020, 6, 15))
    assert extractor.extract(report)[0].value("location") == "Datta Khel"


def test_conflicting_and_vague_figures_are_kept_in_the_description(extractor):
    report = read_reports(REPORTS / "r13.txt", "2023-01-31")[0]
    found = extractor.extract(report)[0]
    assert found.value("fatalities") == 59
    assert any("59, 84" in n for n in found.notes)
    vague = extractor.extract(from_text("A bomb killed dozens of people at a market in Quetta "
                                        "on Friday.", date(2013, 1, 11)))[0]
    assert vague.value("fatalities") == 24 and any("vague" in n for n in vague.notes)


@pytest.mark.parametrize("text, published, expected, precision", [
    ("on Tuesday", date(2024, 3, 7), date(2024, 3, 5), "day"),
    ("late on Sunday", date(2024, 3, 4), date(2024, 3, 3), "day"),
    ("August 26", date(2021, 9, 1), date(2021, 8, 26), "day"),
    ("December 30", date(2022, 1, 3), date(2021, 12, 30), "day"),
    ("26 August 2021", date(2023, 1, 1), date(2021, 8, 26), "day"),
    ("in October", date(2021, 11, 2), date(2021, 10, 1), "month"),
    ("last month", date(2021, 11, 2), date(2021, 10, 1), "month"),
    ("yesterday", date(2021, 11, 2), date(2021, 11, 1), "day"),
])
def test_dates_are_resolved_against_the_publication_date(text, published, expected, precision):
    hit, found = rules.when(f"The attack happened {text}.", published)
    assert (hit.value, found) == (expected, precision)


def test_a_date_something_was_said_on_is_not_the_incident_date():
    assert rules.when("The newspaper reported on October 24 that talks had stalled.",
                      date(2021, 11, 1)) is None


@pytest.mark.parametrize("sentence, killed", [
    ("The blast killed seventeen people.", 17), ("Twenty-five people were killed.", 25),
    ("It left at least 1,200 dead.", 1200), ("Gunmen shot dead a polio worker.", 1),
    ("The attack killed two guards and three pilgrims.", 5),
    ("Three attackers were killed.", None),
])
def test_numbers_in_words_and_digits(sentence, killed):
    found = rules.counts(sentence, "killed")
    assert (found[0].value if found else None) == killed


def test_html_and_feeds_are_read_with_their_dates(tmp_path, extractor):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Blast</title><meta property='article:published_time' "
                    "content='2022-03-08'></head><body><nav>Menu Home</nav><article><p>A bomb "
                    "exploded near a police van in Peshawar on Monday, killing three policemen "
                    "and injuring seven passers-by, police said.</p></article></body></html>",
                    encoding="utf-8")
    report = read_reports(page)[0]
    assert report.published == date(2022, 3, 8) and "Menu" not in report.text
    assert extractor.extract(report)[0].value("fatalities") == 3
    feed = tmp_path / "feed.rss"
    feed.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>
      <item><title>Quetta blast</title><link>https://example.org/a</link>
      <pubDate>Fri, 11 Jan 2013 20:00:00 GMT</pubDate>
      <description>&lt;p&gt;A bomb exploded at a market in Quetta on Friday, killing at least
      20 people.&lt;/p&gt;</description></item></channel></rss>""", encoding="utf-8")
    entries = read_reports(feed)
    assert entries[0].published == date(2013, 1, 11) and entries[0].url == "https://example.org/a"
    assert entries[0].source == "Test feed" and "<p>" not in entries[0].text


def test_the_command_writes_candidates_with_evidence_and_stores_them(tmp_path, monkeypatch,
                                                                      capsys):
    monkeypatch.setenv("INCIDENT_MAP_DB", str(tmp_path / "store.sqlite"))
    out = tmp_path / "candidates.csv"
    assert main([str(REPORTS / "r11.txt"), "--published", "2022-04-22", "--source",
                 "Test Wire", "-o", str(out), "--into-store"]) == 0
    printed = capsys.readouterr().out
    assert "r11.txt: 2 incident(s)" in printed and "2 candidates added" in printed
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table["location"]) == ["Mazar-i-Sharif", "Kabul"]
    evidence = json.loads(table.loc[0, "evidence"])
    assert evidence["fatalities"]["text"].startswith("MAZAR-I-SHARIF")
    from incidents.store import open_store
    stored = open_store().incidents(("candidate",))
    assert len(stored) == 2 and set(stored["source"]) == {"Test Wire"}


def test_hostile_text_is_read_as_text(extractor, tmp_path):
    """Payloads in a report stay text: the reader neither fails nor runs them, and the
    CSV it writes neutralises formula cells."""
    from tests.hostile import FORMULA_PAYLOADS, TEMPLATE_PAYLOADS, XSS_PAYLOADS
    text = " ".join(["KABUL - A bomb killed 3 people in Kabul on Monday.", *XSS_PAYLOADS,
                     *TEMPLATE_PAYLOADS, *FORMULA_PAYLOADS])
    report = from_text(text, date(2022, 1, 3), source="=cmd|' /C calc'!A0")
    found = extractor.extract(report)
    assert found and found[0].value("fatalities") == 3
    from intake.candidates import candidates_table
    from incidents.csv_cells import to_csv_bytes
    written = to_csv_bytes(candidates_table([(report, found)])).decode("utf-8")
    assert ",=cmd" not in written and "'=cmd" in written
