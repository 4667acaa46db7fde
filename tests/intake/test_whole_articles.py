"""Whole articles as reporters write them: where a possessive, a credit line, an
unknown village or a coalition's own statement leads the reading astray.  Every text
here is written for the test; none is copied from a report."""

from __future__ import annotations

import pytest

from intake.annotators.agents import INTERNATIONAL, state_agent
from intake.annotators.places import mentions
from intake.extract import Extractor
from intake.language import language
from intake.reports import from_text
from tests.support import km_between


@pytest.fixture(scope="module")
def extractor(offline):
    return Extractor(offline)


def _one(extractor, text: str, published: str = "2021-06-03"):
    found = [c for c in extractor.extract(from_text(text, published)) if not c.background]
    assert len(found) == 1, [(c.value("event_type"), c.value("location")) for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "name", "query"),
    [
        (
            "Two guards died in Helmand's Nad Ali district.",
            "Nad Ali district",
            "Nad Ali district, Helmand",
        ),
        (
            "It happened in Sarkano village in Kunar's Shigal district.",
            "Sarkano village",
            "Sarkano, Shigal district, Kunar",
        ),
        ("Shops shut in Kabul's western suburbs.", "Kabul", "Kabul"),
    ],
)
def test_a_places_possessive_is_its_container(sentence, name, query):
    found = mentions(sentence, language())
    assert (found[0].name, found[0].query) == (name, query)


def test_a_faraway_countrys_possessive_names_no_place():
    found = mentions("He writes for the Voice of America's Dari service.", language())
    assert found == []


def test_a_reporters_credit_line_is_not_where_it_happened():
    [first, second] = mentions(
        "Staff writers in Mazar and in Jalalabad contributed to this report.", language()
    )
    assert first.speaker and second.speaker


def test_an_unknown_village_falls_to_the_district_its_words_name(extractor):
    found = _one(
        extractor,
        "An off-duty policeman shot dead two of his colleagues on Wednesday. The "
        "shooting took place in Qqzzyabad village in Herat's Pashtoon Zarghun district.",
    )
    assert found.value("geo_precision") == "district"
    assert "Pashtun Zarghun" in str(found.value("matched_name"))


def test_a_province_named_twice_stays_the_province(extractor):
    found = _one(
        extractor,
        "Coalition troops say they killed nine insurgents in a raid in the Maiwand "
        "district of Kandahar province on Tuesday. Kandahar province has seen heavy "
        "fighting this year.",
    )
    assert found.value("geo_precision") == "district"
    assert "Maywand" in str(found.value("matched_name"))


def test_coalition_forces_telling_of_their_own_raid_are_the_actor():
    agent = state_agent("Coalition forces said they killed seven fighters overnight.")
    assert agent is not None and agent.hit.value == INTERNATIONAL
    afghan = state_agent("Afghan forces said they killed seven fighters overnight.")
    assert afghan is not None and afghan.hit.value == "Government of Afghanistan"


def test_a_district_is_placed_at_its_centre_town(extractor):
    found = _one(extractor, "A roadside bomb killed three soldiers in Sangin district on Monday.")
    assert found.value("geo_precision") == "district"
    assert km_between(found.value("latitude"), found.value("longitude"), 32.07, 64.84) < 5
