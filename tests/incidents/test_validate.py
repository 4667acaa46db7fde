"""The incident schema: every bad cell is named by row and field; nothing is lost."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.io import load_incidents
from incidents.validate import IncidentDataError, validate_incidents
from tests.support import FIXTURES


def problems_of(result):
    return {(p.row, p.field): p.message for p in result.problems}


def test_bad_file_names_every_problem_by_row_and_field():
    result = load_incidents(FIXTURES / "bad_incidents.csv")
    found = problems_of(result)
    assert found[(3, "latitude")] == "outside [-90, 90]"
    assert "not an ISO date" in found[(4, "date")]
    assert found[(5, "longitude")] == "outside [-180, 180]"
    assert found[(5, "fatalities")] == "negative count"
    assert "unknown word" in found[(6, "date_precision")]
    assert "unknown word" in found[(6, "geo_precision")]
    assert found[(7, "incident_id")] == "duplicate id"
    assert "row 3, field 'latitude'" in str(result.problems[0])


def test_nothing_is_dropped_silently():
    result = load_incidents(FIXTURES / "bad_incidents.csv")
    raw = pd.read_csv(FIXTURES / "bad_incidents.csv")
    assert result.rows_read == len(raw)
    assert sorted(result.rejected["row"]) == [3, 4, 5, 6, 7]
    assert list(result.incidents["incident_id"]) == ["T-1", "T-7"]
    assert all(result.rejected["problems"].str.startswith("row "))


def test_unknown_counts_stay_unknown_not_zero():
    result = load_incidents(FIXTURES / "bad_incidents.csv")
    t7 = result.incidents.set_index("incident_id").loc["T-7"]
    assert pd.isna(t7["fatalities"]) and pd.isna(t7["injured"])
    assert result.incidents["fatalities"].dtype == "Int64"
    assert pd.isna(t7["latitude"]) and t7["geo_precision"] == "unknown"


def test_partial_dates_carry_their_precision():
    raw = pd.DataFrame({"incident_id": ["a", "b", "c"], "date": ["2021-08-26", "2021-10", "2022"]})
    result = validate_incidents(raw)
    assert list(result.incidents["date_precision"]) == ["day", "month", "year"]
    assert str(result.incidents.loc[1, "date"].date()) == "2021-10-01"


def test_missing_required_column_is_a_file_error():
    with pytest.raises(IncidentDataError, match="date"):
        validate_incidents(pd.DataFrame({"incident_id": ["a"]}))


def test_lone_coordinate_is_a_problem():
    raw = pd.DataFrame(
        {"incident_id": ["a"], "date": ["2021-01-01"], "latitude": ["34"], "longitude": [""]}
    )
    assert problems_of(validate_incidents(raw))[(2, "longitude")].startswith(
        "latitude and longitude"
    )


cells = st.one_of(
    st.text(max_size=12), st.sampled_from(["", "2021-08-26", "-5", "95", "town", "1e3"])
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                c: cells
                for c in (
                    "incident_id",
                    "date",
                    "latitude",
                    "longitude",
                    "fatalities",
                    "geo_precision",
                )
            }
        ),
        max_size=8,
    )
)
def test_any_rows_are_accounted_for(rows):
    raw = pd.DataFrame(
        rows,
        columns=["incident_id", "date", "latitude", "longitude", "fatalities", "geo_precision"],
    )
    result = validate_incidents(raw)
    assert len(result.incidents) + len(result.rejected) == len(raw)
