"""Actors on every side: UCDP's dyads, ACLED's associated actors, the actor filter."""

from __future__ import annotations

import pandas as pd

from engine.filters import IncidentFilter, apply_filters, option_counts
from incidents.imports.importer import import_file
from incidents.participants import join_actors, participation, takes_part
from tests.support import FIXTURES

UCDP = FIXTURES / "imports" / "ucdp_sides.csv"


def _incidents(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"actor": a, "actor2": b, "associated_actors": c} for a, b, c in rows])


def test_an_actor_takes_part_on_any_side():
    incidents = _incidents(
        [
            ("Government of X", "Group", ""),
            ("Group", "Civilians", ""),
            ("Other", "", "Group; Third"),
            ("Other", "", ""),
        ]
    )
    assert takes_part(incidents, ["Group"]).tolist() == [True, True, True, False]
    assert takes_part(incidents, ["Group"], primary_only=True).tolist() == [
        False,
        True,
        False,
        False,
    ]
    assert takes_part(incidents, ["Third"]).tolist() == [False, False, True, False]


def test_an_actor_named_twice_in_one_incident_counts_once():
    incidents = _incidents([("Group", "Group", "Group; Group")])
    assert participation(incidents)["role"].tolist() == ["primary"]
    assert option_counts(incidents, "actors") == [("Group", 1)]


def test_join_actors_keeps_each_name_once_in_order():
    assert join_actors(["A; B", "", "B", "C"]) == "A; B; C"


def test_ucdp_dyads_violence_types_and_hxl_row():
    result = import_file(UCDP, resolver=None)
    assert result.rows_in == 4 == len(result.incidents), "the HXL row is not a row"
    assert len(result.rejected) == 0
    assert any("HXL hashtags" in w for w in result.notes) and not result.warnings
    by_id = result.incidents.set_index("incident_id")
    assert by_id.loc["ucdp:910001", ["actor", "actor2"]].tolist() == [
        "Test Front",
        "Government of Testland",
    ]
    assert by_id.loc["ucdp:910002", ["actor", "actor2"]].tolist() == ["Test Front", "Test Brigade"]
    assert by_id.loc["ucdp:910003", ["actor", "actor2", "target"]].tolist() == [
        "Test Front",
        "",
        "Civilians",  # one-sided violence: who was hit, not a side
    ]
    assert by_id.loc["ucdp:910004", "actor"] == "Government of Testland", "two governments: as UCDP"
    assert by_id["event_type"].tolist() == [
        "State-based conflict",
        "Non-state conflict",
        "One-sided violence",
        "State-based conflict",
    ]
    assert by_id.loc["ucdp:910002", "admin2"] == "Beta district"


def test_the_actor_filter_counts_participation():
    incidents = import_file(UCDP, resolver=None).incidents
    front = apply_filters(incidents, IncidentFilter(actors=("Test Front",)))
    assert len(front) == 3
    government = IncidentFilter(actors=("Government of Testland",))
    assert len(apply_filters(incidents, government)) == 2
    assert (
        len(
            apply_filters(
                incidents, IncidentFilter(actors=("Government of Testland",), primary_only=True)
            )
        )
        == 1
    )
    assert dict(option_counts(incidents, "actors"))["Test Front"] == 3


def test_primary_only_goes_through_the_link():
    spec = IncidentFilter(actors=("Tehrik-i-Taliban Pakistan (TTP)",), primary_only=True)
    assert spec.to_query()["actor_role"] == "primary"
    assert IncidentFilter.from_query(spec.to_query()) == spec
    assert "primary actor: Tehrik-i-Taliban Pakistan (TTP)" in spec.describe()
    # a link made with another of the group's names opens the same view
    assert IncidentFilter.from_query({"actor": "TTP", "actor_role": "primary"}) == spec


def test_acled_associated_actors_take_part():
    from incidents.imports.importer import import_table
    from incidents.imports.reading import read_table

    data = (
        b"event_id_cnty,event_date,time_precision,actor1,assoc_actor_1,actor2,assoc_actor_2,"
        b"event_type,sub_event_type,country,admin1,location,latitude,longitude,geo_precision,"
        b"fatalities\nTST9,2021-08-26,1,Test Group A,Test Ally; Test Ally 2,Test Group B,"
        b"Test Ally,Battles,Armed clash,Testland,Test,Alpha,34.5,69.2,1,0\n"
    )
    result = import_table(read_table(data, "acled.csv"), "acled.csv")
    incident = result.incidents.iloc[0]
    assert incident["associated_actors"] == "Test Ally; Test Ally 2"
    assert takes_part(result.incidents, ["Test Ally 2"]).tolist() == [True]


def test_likely_duplicates_across_ucdp_and_acled_by_the_primary_actor():
    """UCDP's government-first dyad used to hide the match: its primary actor is now
    the group, as ACLED's actor1 is."""
    from incidents.imports.duplicates import likely_duplicates

    incidents = pd.DataFrame(
        {
            "incident_id": ["ucdp:1", "acled:1"],
            "actor": ["TTP", "TTP: Tehrik-i-Taliban Pakistan"],
            "actor2": ["Government of Pakistan", "Military Forces of Pakistan (2018-)"],
            "date": pd.to_datetime(["2021-08-26", "2021-08-26"]),
            "date_precision": ["day", "day"],
            "latitude": [33.0, 33.01],
            "longitude": [70.0, 70.01],
        }
    )
    assert likely_duplicates(incidents, aliases={}).tolist() == ["acled:1", "ucdp:1"]
