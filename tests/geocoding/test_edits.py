"""Names one edit apart, by hash: the table must agree with the per-query hashes."""

from __future__ import annotations

import numpy as np

from geocoding.edits import EditTable, key_hashes, table_hashes, text_hash, text_hashes

KEYS = ["kandahar", "quetta", "peshawar", "kot", "ab", "a", "lashkar gah", "mazar e sharif", "é"]


def test_the_vectorised_table_hashes_what_a_query_hashes():
    hashes, numbers = table_hashes(KEYS)
    whole = key_hashes(KEYS)
    for number, key in enumerate(KEYS):
        assert set(text_hashes(key)) == {int(h) for h in hashes[numbers == number]}
        assert text_hash(key) == int(whole[number]) in text_hashes(key)


def test_one_edit_of_any_kind_finds_the_name():
    table = EditTable(KEYS)
    for typo in ("kandhar", "kandaharr", "kandehar", "kadnahar", "qetta", "lashkargah"):
        assert table.near(typo), typo
    assert [KEYS[n] for n in table.near("kandhar")] == ["kandahar"]


def test_two_edits_or_nothing_alike_find_nothing():
    table = EditTable(KEYS)
    assert table.near("kndhr") == []
    assert table.near("xyzzy") == []


def test_an_empty_table_answers_nothing():
    assert EditTable([]).near("kot") == []
    assert table_hashes([])[0].dtype == np.uint64
