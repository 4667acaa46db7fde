"""One name per province whatever the source wrote, and the Province filter on it."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.filters import IncidentFilter, apply_filters, known_provinces, option_counts
from geocoding.provinces import official_province


@pytest.mark.parametrize(
    "country, written, one_name",
    [
        ("Afghanistan", "Hilmand", "Helmand"),  # the boundary set's spelling
        ("Afghanistan", "Helmand province", "Helmand"),  # with its level word
        ("AF", "Paktya", "Paktia"),
        ("Afghanistan", "Paktiya", "Paktia"),  # by consonant skeleton
        ("Afghanistan", "Maidan Wardak", "Wardak"),
        ("Afghanistan", "Sari Pul", "Sar-e Pol"),
        ("Pakistan", "NWFP", "Khyber Pakhtunkhwa"),  # the old name
        ("Pakistan", "KPK", "Khyber Pakhtunkhwa"),
        ("Pakistan", "Baluchistan", "Balochistan"),
        ("", "Sind", "Sindh"),  # no country: one region match
    ],
)
def test_each_spelling_gets_the_provinces_one_name(country, written, one_name):
    assert official_province(country, written) == one_name


def test_the_tribal_areas_stay_as_the_source_coded_them():
    assert official_province("Pakistan", "FATA") == "Federally Administered Tribal Areas"


def test_other_countries_and_unknown_names_come_back_as_given():
    assert official_province("India", "Punjab") == "Punjab"
    assert official_province("Pakistan", " Nowhere ") == "Nowhere"


def _two_sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country": ["Afghanistan", "Afghanistan", "Pakistan", "Pakistan", "Pakistan"],
            "admin1": ["Hilmand", "Helmand", "NWFP", "Khyber Pakhtunkhwa", "Punjab"],
            "date": pd.to_datetime(["2021-01-01"] * 5),
        }
    )


def test_the_province_filter_counts_and_selects_across_spellings():
    frame = _two_sources()
    counts = dict(option_counts(frame, "admin1"))
    assert counts == {"Helmand": 2, "Khyber Pakhtunkhwa": 2, "Punjab": 1}
    chosen = apply_filters(frame, IncidentFilter(admin1=("Helmand",)))
    assert list(chosen["admin1"]) == ["Hilmand", "Helmand"]  # what each source wrote, kept
    assert len(apply_filters(frame, IncidentFilter(admin1=("NWFP",)))) == 2


def test_a_link_with_another_spelling_selects_the_province():
    assert known_provinces(_two_sources(), ("Hilmand", "Nowhere")) == ["Helmand"]
