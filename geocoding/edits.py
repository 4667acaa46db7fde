"""Names one edit apart, found by hashing instead of scanning.

A name with a letter dropped, added, changed or two letters swapped shares a
"deletion" with the name it was meant to be: "Kandhar" is "Kandahar" without its
second "a".  Every name and every one-letter deletion of it is hashed once, at
index build, into a sorted array; a query hashes itself and its own deletions and
looks each up with a binary search.  That turns a scan of 134,000 Pakistani names
(20 ms) into about a dozen searches (tens of microseconds), the approach of
spelling correctors such as SymSpell.

The hash is polynomial over code points, modulo 2**64 (numpy's unsigned
arithmetic wraps), so the deletions of all 900,000 names are hashed with a few
array operations and no Python loop.  Equal hashes only nominate candidates: the
caller scores each with its own measure, so a collision costs a comparison, never
a wrong answer.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from hashlib import blake2b

import numpy as np

_MOD = 1 << 64
_BASE = 1_000_003  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = pow(_BASE, -1, _MOD)
_MIX = 0x9E3779B97F4A7C15  # folds the length in: strings of different lengths rarely collide


def _powers(count: int) -> np.ndarray:
    values, power = [], 1
    for _ in range(count):
        values.append(power)
        power = power * _BASE % _MOD
    return np.array(values, dtype=np.uint64)


def _finish(sums: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    return sums * np.uint64(_MIX) + lengths.astype(np.uint64)


def text_hash(text: str) -> int:
    """A 64-bit hash of one whole key, for exact look-ups (``key_hashes``).

    BLAKE2b, not the polynomial the deletions need: an exact look-up hashes one
    text, and hashlib does that in C five times faster than a loop over its
    letters (the build pays for it once, half a second for 1.3 million keys)."""
    return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def key_hashes(keys: list[str]) -> np.ndarray:
    """``text_hash`` of each key."""
    return np.fromiter(map(text_hash, keys), dtype=np.uint64, count=len(keys))


def _sums(keys: list[str]):
    """Whole-key hashes and the running sums ``table_hashes`` derives deletions from."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    codes = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + 1
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    owner = np.repeat(np.arange(len(keys), dtype=np.int32), lengths)
    position = np.arange(len(codes), dtype=np.int64) - starts[owner]
    terms = codes * _powers(max(int(lengths.max(initial=0)), 1))[position]
    running = np.concatenate((np.zeros(1, dtype=np.uint64), np.cumsum(terms, dtype=np.uint64)))
    key_start, key_end = running[starts], running[starts + lengths]
    return _finish(key_end - key_start, lengths), (lengths, owner, running, key_start, key_end)


def text_hashes(text: str) -> list[int]:
    """The hash of ``text`` and of each one-letter deletion of it (as ``table_hashes``)."""
    codes = [ord(c) + 1 for c in text]
    terms, power = [], 1
    for code in codes:
        terms.append(code * power % _MOD)
        power = power * _BASE % _MOD
    total = sum(terms) % _MOD
    found = {(total * _MIX + len(codes)) % _MOD}
    before = 0
    for _position, term in enumerate(terms):
        after = (total - before - term) % _MOD
        if len(codes) > 1:
            deleted = (before + after * _BASE_INVERSE) % _MOD
            found.add((deleted * _MIX + len(codes) - 1) % _MOD)
        before = (before + term) % _MOD
    return sorted(found)


def table_hashes(keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """For every key, its own hash and its deletions' hashes, with the key's number.

    Returns (hashes, key numbers), sorted by hash.  Vectorised: ``codes`` holds
    every key's code points end to end, and each deletion's hash is the prefix
    sum before it plus the suffix sum after it shifted down one power."""
    if not keys:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32)
    whole, (lengths, owner, running, key_start, key_end) = _sums(keys)
    before = running[:-1] - key_start[owner]
    after = key_end[owner] - running[1:]
    deleted = _finish(before + after * np.uint64(_BASE_INVERSE), lengths[owner] - 1)
    keep = lengths[owner] > 1
    hashes = np.concatenate((whole, deleted[keep]))
    numbers = np.concatenate((np.arange(len(keys), dtype=np.int32), owner[keep]))
    order = np.argsort(hashes)  # equal hashes in any order: ``near`` sorts what it finds
    return hashes[order], numbers[order]


class SortedHashes:
    """Sorted 64-bit hashes and a directory of where each run of leading bits
    starts, so finding one hash reads a bucket of about eight, not a binary
    search over millions.

    Measured on the region's 10 million deletion hashes: a binary search from
    the top touched a fresh cache line at nearly every step, and a new name's
    near-spelling search (18 hashes) cost about 50 µs in a new process; read
    through the directory, a few.  Positions are found with ``bisect`` over
    memoryviews of the arrays (plain ints, no numpy scalar per probe)."""

    def __init__(self, hashes: np.ndarray, per_bucket: int = 8):
        bits = max(1, int(np.ceil(np.log2(max(len(hashes), 1) / per_bucket))))
        self.hashes = hashes
        self.shift = 64 - bits
        edges = np.arange(1 << bits, dtype=np.uint64) << np.uint64(self.shift)
        self.starts = np.append(hashes.searchsorted(edges), len(hashes)).astype(np.int64)

    def __getstate__(self) -> dict:
        return {"hashes": self.hashes, "shift": self.shift, "starts": self.starts}

    def __len__(self) -> int:
        return len(self.hashes)

    def run(self, wanted: int) -> tuple[int, int]:
        """The positions ``[low, high)`` holding ``wanted``; empty when it is absent."""
        views = self.__dict__.get("_views")  # memoryviews are not pickled: made on first use
        if views is None:
            views = self._views = (self.hashes.data, self.starts.data)
        hashes, starts = views
        bucket = wanted >> self.shift
        low, high = starts[bucket], starts[bucket + 1]
        low = bisect_left(hashes, wanted, low, high)
        if low == high or hashes[low] != wanted:
            return low, low
        return low, bisect_right(hashes, wanted, low, high)


class EditTable:
    """Which keys lie within one edit of a text (a superset: callers score them).

    Holds only the two arrays; keys are known by their number in the list given."""

    def __init__(self, keys: list[str]):
        hashes, self._numbers = table_hashes(keys)
        self._hashes = SortedHashes(hashes)

    def near(self, text: str) -> list[int]:
        """Numbers of the keys sharing the text or one of its deletions, or one
        deletion away, in increasing order."""
        if not len(self._hashes):
            return []
        numbers = self.__dict__.get("_number_view")
        if numbers is None:
            numbers = self._number_view = self._numbers.data
        found: set[int] = set()
        for wanted in text_hashes(text):
            low, high = self._hashes.run(wanted)
            if low < high:
                found.update(numbers[low:high])
        return sorted(found)

    def __getstate__(self) -> dict:
        return {"_hashes": self._hashes, "_numbers": self._numbers}
