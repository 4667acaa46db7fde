"""Candidates decided in bulk, and an import undone whole, on SQLite and PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest

from incidents.imports.importer import import_file
from incidents.schema import COLUMNS
from incidents.store import StoreError, open_store
from incidents.store.bulk import CandidateFilter, candidates, imports, review_many, undo_import
from tests.support import FIXTURES


def _ucdp():
    return import_file(FIXTURES / "imports" / "ucdp_sides.csv", resolver=None).incidents


def _everything(store) -> pd.DataFrame:
    frame = store.incidents(("confirmed", "candidate", "rejected"), include_deleted=True)
    return frame[[*COLUMNS, "status"]].sort_values("incident_id").reset_index(drop=True)


def test_a_filter_picks_candidates_and_one_decision_covers_them(store_url):
    store = open_store(store_url)
    counts = store.import_incidents(_ucdp(), editor="importer", status="candidate")
    shown = candidates(store, CandidateFilter(batch=counts["import_id"]))
    assert len(shown) == 4 and not shown["likely_duplicate"].any()
    first_two = sorted(shown["incident_id"])[:2]
    assert review_many(store, first_two, "confirmed", editor="lead", note="checked by UCDP") == 2
    assert review_many(store, first_two, "rejected", editor="lead") == 0  # no longer candidates
    assert set(store.incidents()["incident_id"]) == set(first_two)
    for incident_id in first_two:
        last = store.history(incident_id)[-1]
        assert (last["action"], last["editor"], last["note"]) == (
            "review",
            "lead",
            "checked by UCDP",
        )
        assert last["changes"] == {"status": ["candidate", "confirmed"]}
    assert len(candidates(store, CandidateFilter(batch=counts["import_id"]))) == 2
    assert len(candidates(store, CandidateFilter(country="Nowhere"))) == 0


def test_an_import_undone_leaves_the_store_as_it_was(store_url):
    store = open_store(store_url)
    rows = _ucdp()
    store.import_incidents(rows.head(2), editor="importer", status="confirmed")
    before = _everything(store)
    newer = rows.copy()
    newer.loc[0, "fatalities"] = 99  # changes a stored incident; the others are new
    counts = store.import_incidents(newer, editor="importer", status="confirmed")
    assert counts["updated"] == 1 and counts["added"] == 2
    listed = imports(store)
    assert listed[0]["import_id"] == counts["import_id"]
    assert (listed[0]["added"], listed[0]["changed"]) == (2, 1)
    done = undo_import(store, counts["import_id"], editor="lead", note="wrong file")
    assert done == {"removed": 2, "restored": 1, "incidents": 3}
    pd.testing.assert_frame_equal(_everything(store), before)
    changed = store.history(rows.loc[0, "incident_id"])
    assert [c["action"] for c in changed][-1] == "undo-import"
    with pytest.raises(StoreError, match="no import"):
        undo_import(store, "import-nothing", editor="lead")


def test_an_import_edited_since_is_not_undone(store_url):
    store = open_store(store_url)
    counts = store.import_incidents(_ucdp(), editor="importer", status="confirmed")
    some = sorted(store.incidents()["incident_id"])[0]
    store.save(some, {"fatalities": 5}, 1, editor="analyst")
    with pytest.raises(StoreError, match="1 incidents of this import were changed since"):
        undo_import(store, counts["import_id"], editor="lead")
    assert store.count() == 4  # nothing was taken back


def test_a_review_after_the_import_does_not_block_its_undo(store_url):
    store = open_store(store_url)
    counts = store.import_incidents(_ucdp(), editor="importer", status="candidate")
    review_many(store, list(candidates(store)["incident_id"]), "confirmed", editor="lead")
    assert undo_import(store, counts["import_id"], editor="lead")["removed"] == 4
    assert store.count() == 0


def test_undo_says_what_it_will_do_and_an_import_again_undoes_cleanly(store_url):
    """Undo then import again repeated version numbers, and the second undo took the
    re-added incidents for changed ones."""
    from incidents.store.bulk import undo_preview

    store = open_store(store_url)
    rows = _ucdp()
    before = _everything(store)
    first = store.import_incidents(rows, editor="importer", status="candidate")
    review_many(store, [rows.loc[0, "incident_id"]], "confirmed", editor="lead")
    assert undo_preview(store, first["import_id"]) == {
        "removed": 4,
        "reviewed_since": 1,
        "restored": 0,
    }
    undo_import(store, first["import_id"], editor="lead")
    assert [i["undone"] for i in imports(store)] == [True]
    again = store.import_incidents(rows, editor="importer", status="candidate")
    versions = [h["version"] for h in store.history(rows.loc[0, "incident_id"])]
    assert versions == sorted(set(versions)) == list(range(1, len(versions) + 1))
    assert undo_preview(store, again["import_id"])["removed"] == 4
    assert undo_import(store, again["import_id"], editor="lead")["removed"] == 4
    pd.testing.assert_frame_equal(_everything(store), before)
