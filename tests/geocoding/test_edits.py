"""Names one edit apart, by hash: the table must agree with the per-query hashes."""

from __future__ import annotations

import numpy as np

from geocoding.edits import (
    EditTable,
    SortedHashes,
    key_hashes,
    table_hashes,
    text_hash,
    text_hashes,
)

KEYS = ["kandahar", "quetta", "peshawar", "kot", "ab", "a", "lashkar gah", "mazar e sharif", "é"]


def test_the_vectorised_table_hashes_what_a_query_hashes():
    hashes, numbers = table_hashes(KEYS)
    whole = key_hashes(KEYS)
    for number, key in enumerate(KEYS):
        assert set(text_hashes(key)) == {int(h) for h in hashes[numbers == number]}
        assert text_hash(key) == int(whole[number])


def test_the_directory_finds_every_run_of_equal_hashes_and_nothing_else():
    rng = np.random.default_rng(3)
    values = rng.integers(0, 2**63, 5_000, dtype=np.uint64) * np.uint64(2)  # even: odd ones absent
    values = np.sort(np.concatenate((values, values[:300], np.array([0, 2**64 - 2], np.uint64))))
    table = SortedHashes(values, per_bucket=4)
    for wanted in {int(v) for v in values}:
        low, high = table.run(wanted)
        assert (low, high) == (
            int(values.searchsorted(np.uint64(wanted), "left")),
            int(values.searchsorted(np.uint64(wanted), "right")),
        )
    for absent in (1, 2**64 - 1, int(values[10]) + 1):
        low, high = table.run(absent)
        assert low == high


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
