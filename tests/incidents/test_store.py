"""The incident store on a real SQLite file and a real PostgreSQL server (a throwaway
cluster, ``tests/postgres.py``): seed, edit with history, conflicts between
concurrent writers, delete and restore, review, the actor look-up, re-imports."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from incidents.io import load_incidents
from incidents.store import ConflictError, StoreError, open_store
from tests.support import ROOT


@pytest.fixture
def store(store_url):
    store = open_store(store_url)
    seed = load_incidents(ROOT / "data" / "incidents.csv").incidents
    store.add(seed, editor="seed", action="import", note="data/incidents.csv")
    return store


def test_the_store_keeps_every_seed_incident_as_confirmed(store):
    shown = store.incidents()
    seed = load_incidents(ROOT / "data" / "incidents.csv").incidents
    assert len(shown) == len(seed) == store.count()
    assert set(shown["status"]) == {"confirmed"}
    merged = shown.set_index("incident_id").loc[seed["incident_id"]]
    assert merged["fatalities"].tolist() == seed["fatalities"].tolist()
    assert merged["location"].tolist() == seed["location"].tolist()


def test_an_edit_keeps_the_previous_values_in_history(store):
    first = store.incidents().iloc[0]
    version = store.save(
        first["incident_id"],
        {"fatalities": "175"},
        int(first["version"]),
        editor="analyst",
        note="updated toll",
    )
    assert version == 2
    assert store.get(first["incident_id"])["fatalities"] == 175
    changes = store.history(first["incident_id"])
    assert [c["action"] for c in changes] == ["import", "edit"]
    before = (
        None
        if first["fatalities"] is None or str(first["fatalities"]) == "<NA>"
        else int(first["fatalities"])
    )
    assert changes[-1]["changes"] == {"fatalities": [before, 175]}
    assert changes[-1]["editor"] == "analyst" and changes[-1]["note"] == "updated toll"


def test_a_bad_edit_names_the_field_and_writes_nothing(store):
    first = store.incidents().iloc[0]
    with pytest.raises(StoreError, match="latitude"):
        store.save(first["incident_id"], {"latitude": "123"}, 1, editor="analyst")
    assert store.get(first["incident_id"])["version"] == 1
    assert len(store.history(first["incident_id"])) == 1


def test_two_editors_on_one_version_get_a_conflict_that_keeps_both(store):
    incident_id = store.incidents().iloc[0]["incident_id"]
    store.save(incident_id, {"fatalities": "10"}, 1, editor="first")
    with pytest.raises(ConflictError) as caught:
        store.save(incident_id, {"fatalities": "12"}, 1, editor="second")
    assert caught.value.theirs["fatalities"] == 10 and caught.value.mine == {"fatalities": "12"}
    assert "first" in str(caught.value) and "stored 10" in str(caught.value)
    assert store.get(incident_id)["fatalities"] == 10


def test_concurrent_writers_one_wins_the_others_are_told(store, store_url):
    """Eight writers in two separate stores (as two app processes would be), all
    saving against version 1 at the same moment: exactly one lands."""
    incident_id = store.incidents().iloc[1]["incident_id"]
    other = open_store(store_url)
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def write(target, value: int) -> None:
        start.wait()
        try:
            target.save(incident_id, {"injured": str(value)}, 1, editor=f"writer {value}")
            outcomes.append(f"saved {value}")
        except ConflictError:
            outcomes.append("conflict")

    threads = [
        threading.Thread(target=write, args=(store if v % 2 else other, v)) for v in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = [o for o in outcomes if o.startswith("saved")]
    assert len(saved) == 1 and outcomes.count("conflict") == 7
    winner = int(saved[0].split()[1])
    assert store.get(incident_id)["injured"] == winner and store.get(incident_id)["version"] == 2
    assert [c["editor"] for c in other.history(incident_id)][-1] == f"writer {winner}"
    assert len(store.history(incident_id)) == 2


def test_delete_hides_and_restore_brings_back(store):
    incident_id = store.incidents().iloc[0]["incident_id"]
    total = store.count()
    store.delete(incident_id, 1, editor="analyst", note="duplicate")
    assert incident_id not in set(store.incidents()["incident_id"])
    store.restore(incident_id, 2, editor="analyst")
    assert len(store.incidents()) == total
    assert [c["action"] for c in store.history(incident_id)] == ["import", "delete", "restore"]


def test_review_decides_what_the_map_shows(store):
    incident_id = store.incidents().iloc[0]["incident_id"]
    store.review(incident_id, "candidate", 1, editor="analyst")
    assert incident_id not in set(store.incidents()["incident_id"])
    assert incident_id in set(store.incidents(("candidate",))["incident_id"])
    with pytest.raises(StoreError, match="status must be one of"):
        store.review(incident_id, "maybe", 2, editor="analyst")


def test_actor_participation_is_kept_for_the_filter(store):
    ttp = "Tehrik-i-Taliban Pakistan (TTP)"
    seed = load_incidents(ROOT / "data" / "incidents.csv").incidents
    expected = set(seed.loc[(seed["actor"] == ttp) | (seed["actor2"] == ttp), "incident_id"])
    assert store.taking_part(ttp) == expected and expected
    some = sorted(expected)[0]
    store.save(some, {"actor": "Unidentified", "actor2": ""}, 1, editor="analyst")
    assert some not in store.taking_part(ttp)


def test_reopening_the_file_keeps_the_work(store_url):
    path = store_url
    first = open_store(path)
    first.add(load_incidents(ROOT / "data" / "incidents.csv").incidents.head(3), editor="seed")
    second = open_store(path)  # migrations are idempotent; data stays
    assert second.count() == 3


def test_importing_the_same_file_twice_updates_instead_of_copying(store_url):
    from incidents.imports.importer import import_file
    from tests.support import FIXTURES

    store = open_store(store_url)
    result = import_file(FIXTURES / "imports" / "ucdp_sides.csv", resolver=None)
    first = store.import_incidents(result.incidents, editor="importer", status="candidate")
    assert first.pop("import_id").startswith("import-")
    assert first == {"added": 4, "to_review": 0, "updated": 0, "unchanged": 0}
    again = store.import_incidents(result.incidents, editor="importer")
    assert (
        again == {"added": 0, "to_review": 0, "updated": 0, "unchanged": 4} and store.count() == 4
    )
    newer = result.incidents.copy()
    newer.loc[0, "fatalities"] = 9
    assert store.import_incidents(newer, editor="importer")["updated"] == 1
    changes = store.history(newer.loc[0, "incident_id"])
    assert [c["action"] for c in changes] == ["import", "import"]
    assert changes[-1]["changes"] == {"fatalities": [3, 9]}
    assert len(store.incidents(("candidate",))) == 4


def test_backup_and_restore_round_trip(store, tmp_path):
    if store.engine.dialect.name != "sqlite":
        with pytest.raises(StoreError, match="pg_dump"):
            store.backup_to(tmp_path / "backup.sqlite")
        return
    backup = tmp_path / "backup.sqlite"
    before = store.incidents()
    store.backup_to(backup)
    first = before.iloc[0]["incident_id"]
    store.save(first, {"fatalities": "999"}, 1, editor="mistake")
    store.restore_from(backup)
    after = store.incidents()
    assert after.equals(before)
    assert [c["action"] for c in store.history(first)] == ["import"]


def test_an_import_that_repeats_a_stored_event_goes_to_review(store):
    """A second source's report of a stored event (same day, actor, 2 km away, its
    own id) is not put on the map: it waits in review, naming the stored one."""
    kabul = store.incidents().query("location.str.contains('Abbey Gate')", engine="python")
    assert len(kabul) == 1, "the founding Kabul airport bombing is in the seed data"
    stored = kabul.iloc[0]
    other = kabul.drop(columns=["status", "version", "deleted"], errors="ignore").copy()
    other["incident_id"] = "wire:kabul-airport"
    other["latitude"] = stored["latitude"] + 0.018  # about 2 km north
    other["source"] = "A wire report"
    far = other.copy()
    far["incident_id"], far["latitude"] = "wire:far-away", stored["latitude"] + 1.0
    counts = store.import_incidents(pd.concat([other, far]), editor="importer", status="confirmed")
    assert counts["added"] == 1 and counts["to_review"] == 1
    waiting = store.get("wire:kabul-airport")
    assert waiting["status"] == "candidate" and store.get("wire:far-away")["status"] == "confirmed"
    assert waiting["extra"]["likely_duplicate_of"] == stored["incident_id"]


def test_merging_a_candidate_grows_the_sources_of_the_stored_incident(store):
    kept = store.incidents().iloc[0]
    twin = store.incidents().iloc[[0]].drop(columns=["status", "version", "deleted"]).copy()
    twin["incident_id"], twin["source"], twin["source_url"] = (
        "wire:1",
        "Wire",
        "https://example.org/1",
    )
    store.add(twin, editor="intake", status="candidate")
    version = store.merge("wire:1", 1, kept["incident_id"], int(kept["version"]), editor="analyst")
    assert version == int(kept["version"]) + 1
    grown = store.get(kept["incident_id"])["source"]
    assert grown == f"{kept['source']}; Wire; https://example.org/1"
    assert store.get("wire:1")["status"] == "rejected"
    assert [c["action"] for c in store.history("wire:1")] == ["add", "review"]
    assert "merged wire:1 into" in store.history("wire:1")[-1]["note"]
    with pytest.raises(ConflictError):  # a stale version changes neither incident
        store.merge("wire:1", 1, kept["incident_id"], 1, editor="late")
    assert store.get("wire:1")["version"] == 2


def test_filtering_in_the_database_gives_what_the_app_filters_in_memory(store):
    """The store's own filter (on its indexes) against the app's filter on the same
    incidents: the same ids for actor on any side, primary only, dates, country,
    and a bounding box around Kabul."""
    from datetime import date

    from engine.filters import IncidentFilter, apply_filters

    everything = store.incidents()
    taliban = "Taliban"  # the other side of two incidents, primary actor of none
    for spec in (
        IncidentFilter(actors=(taliban,)),
        IncidentFilter(
            actors=("Islamic State Khorasan Province (ISIS-K)", taliban), primary_only=True
        ),
        IncidentFilter(start=date(2022, 1, 1), end=date(2023, 6, 30)),
        IncidentFilter(countries=("Pakistan",), min_fatalities=10),
    ):
        expected = set(apply_filters(everything, spec)["incident_id"])
        got = set(
            store.matching(
                start=spec.start,
                end=spec.end,
                actors=spec.actors,
                primary_only=spec.primary_only,
                countries=spec.countries,
                min_fatalities=spec.min_fatalities,
            )["incident_id"]
        )
        assert got == expected and got, spec
    kabul = store.matching(bbox=(34.3, 34.7, 68.9, 69.4))
    assert len(kabul) and set(kabul["admin1"]) == {"Kabul"}
    # the Taliban's border forces fired once; the Taliban hit in two others are a target
    assert len(store.matching(actors=(taliban,))) == 1
    assert len(store.matching(actors=(taliban,), primary_only=True)) == 1


@pytest.mark.slow
def test_an_import_larger_than_one_statement_can_carry(postgres_cluster):
    """70,000 incidents, then all of them again with a new toll: PostgreSQL takes at
    most 65,535 parameters in one statement, and such an import once failed there."""
    store_url = postgres_cluster.create_database("big_import")
    n = 70_000
    frame = pd.DataFrame(
        {
            "incident_id": [f"big:{i}" for i in range(n)],
            "date": pd.Timestamp("2022-01-01"),
            "date_precision": "day",
            "actor": "Group A",
            "actor2": "Group B",
            "fatalities": pd.array([1] * n, dtype="Int64"),
            "injured": pd.array([None] * n, dtype="Int64"),
        }
    )
    for column in (
        "associated_actors",
        "event_type",
        "location",
        "admin2",
        "admin1",
        "country",
        "geo_precision",
        "description",
        "source",
        "source_url",
        "geocoder",
        "matched_name",
    ):
        frame[column] = ""
    frame["latitude"] = frame["longitude"] = float("nan")
    store = open_store(store_url)
    assert store.import_incidents(frame, editor="bulk", status="confirmed")["added"] == n
    frame["fatalities"] = pd.array([2] * n, dtype="Int64")
    assert store.import_incidents(frame, editor="bulk")["updated"] == n
    assert len(store.taking_part("Group B")) == n


def test_a_news_candidate_a_day_off_and_a_town_away_is_shown_as_the_stored_event(store):
    """News intake's rule: same group, ±1 day (or the same month at month precision),
    within 25 km; the import rule (same day, 5 km) would miss all three of these."""
    from incidents.store.review import review_queue

    kabul = store.incidents().query("location.str.contains('Abbey Gate')", engine="python")
    base = kabul.drop(columns=["status", "version", "deleted"]).iloc[[0]]
    rows = []
    for suffix, days, north, precision in (
        ("next-day", 1, 0.1, "day"),  # ~11 km
        ("monthly", -25, 0.0, "month"),  # 1 Aug
        ("too-far", 0, 0.5, "day"),  # ~55 km
        ("too-late", 3, 0.0, "day"),
    ):
        row = base.copy()
        row["incident_id"] = f"intake:test-{suffix}"
        row["date"] = row["date"] + pd.Timedelta(days=days)
        row["latitude"] = row["latitude"] + north
        row["date_precision"] = precision
        rows.append(row)
    store.add(pd.concat(rows), editor="intake", status="candidate")
    everything = store.incidents(("confirmed", "candidate"))
    queue = review_queue(
        everything[everything["status"] == "candidate"],
        everything[everything["status"] == "confirmed"],
    ).set_index("incident_id")
    twin = kabul.iloc[0]["incident_id"]
    assert queue.loc["intake:test-next-day", "likely_duplicate_of"] == twin
    assert queue.loc["intake:test-monthly", "likely_duplicate_of"] == twin
    assert queue.loc["intake:test-too-far", "likely_duplicate_of"] == ""
    assert queue.loc["intake:test-too-late", "likely_duplicate_of"] == ""
