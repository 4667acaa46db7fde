"""The filter value, its application and its URL form."""

from __future__ import annotations

from datetime import date

import pytest

from engine.filters import (
    IncidentFilter,
    apply_filters,
    empty_reason,
    option_counts,
    preset_range,
    without,
)
from incidents.io import load_incidents
from tests.support import ROOT


@pytest.fixture(scope="module")
def incidents():
    return load_incidents(ROOT / "data" / "incidents.csv").incidents


def test_no_filter_keeps_everything(incidents):
    assert len(apply_filters(incidents, IncidentFilter())) == len(incidents)


def test_date_range_is_inclusive(incidents):
    day = IncidentFilter(start=date(2021, 8, 26), end=date(2021, 8, 26))
    assert list(apply_filters(incidents, day)["incident_id"]) == ["AFPK-2021-0001"]


def test_filters_combine(incidents):
    spec = IncidentFilter(countries=("Pakistan",), min_fatalities=20, text="quetta")
    chosen = apply_filters(incidents, spec)
    assert list(chosen["incident_id"]) == ["AFPK-2024-0007"]


def test_unknown_toll_is_not_counted_as_zero_or_as_enough(incidents):
    chosen = apply_filters(incidents, IncidentFilter(min_fatalities=1))
    assert chosen["fatalities"].notna().all()
    assert "AFPK-2024-0009" not in set(chosen["incident_id"])


def test_text_search_reads_descriptions_case_insensitively(incidents):
    chosen = apply_filters(incidents, IncidentFilter(text="ABBEY GATE"))
    assert list(chosen["incident_id"]) == ["AFPK-2021-0001"]


def test_query_round_trip():
    spec = IncidentFilter(
        start=date(2022, 1, 1),
        end=date(2023, 6, 30),
        actors=("A (x)", "B & C"),
        event_type=("Bombing",),
        countries=("Pakistan",),
        admin1=("Sindh",),
        min_fatalities=5,
        text="mosque",
    )
    assert IncidentFilter.from_query(spec.to_query()) == spec
    assert IncidentFilter().to_query() == {}


def test_the_event_type_has_one_name_and_old_links_still_open():
    spec = IncidentFilter(event_type=("Bombing", "Armed clash"))
    assert spec.to_query() == {"event_type": ["Bombing", "Armed clash"]}
    old_link = {"type": ["Bombing", "Armed clash"]}  # what links said before
    assert IncidentFilter.from_query(old_link) == spec
    assert "type" in IncidentFilter.LIST_KEYS and "event_type" in IncidentFilter.LIST_KEYS


def test_bad_query_values_are_ignored():
    spec = IncidentFilter.from_query({"from": "yesterday", "min_killed": "-3", "actor": ""})
    assert spec == IncidentFilter()


def test_empty_reason_names_the_filter(incidents):
    spec = IncidentFilter(actors=("State forces: Pakistan",), countries=("Pakistan",))
    assert apply_filters(incidents, spec).empty
    assert "country filter" in empty_reason(incidents, spec)
    assert empty_reason(incidents, IncidentFilter()) == ""
    assert "no incidents" in empty_reason(incidents.iloc[0:0], IncidentFilter())


def test_presets_count_back_from_the_latest_incident():
    assert preset_range("last30", date(2024, 12, 24)) == (date(2024, 11, 25), date(2024, 12, 24))
    assert preset_range("all", date(2024, 12, 24)) == (None, None)


def test_option_counts_and_without(incidents):
    counts = dict(option_counts(incidents, "actor"))
    assert counts["Islamic State Khorasan Province (ISIS-K)"] == 16
    assert without(IncidentFilter(actors=("x",), text="y"), "actors") == IncidentFilter(text="y")


def test_describe_lists_active_filters():
    words = IncidentFilter(actors=("ISIS-K",), min_fatalities=10).describe()
    assert words == ["actor: ISIS-K", "at least 10 killed"]
