"""Look-up structures over a list of places: exact, skeleton and fuzzy keys.

The index is pickled between runs, so it keeps plain tuples and ints rather than
many small objects: a ``Place`` is rebuilt from its row when asked for.
"""
from __future__ import annotations

import math
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, fields

import numpy as np
from rapidfuzz import fuzz, process

from geocoding import budget

from geocoding.normalize import normalize, skeleton
from geocoding.places import Place
from geocoding.precision import GeoPrecision

MIN_SKELETON = 4
FUZZY_CACHE_SIZE = 20_000  # answers kept, a few MB; the oldest go first
_CACHE_LOCK = threading.Lock()
_LEVELS = list(GeoPrecision)
_FIELDS = tuple(f.name for f in fields(Place))
_ALIASES = _FIELDS.index("aliases")
_LEVEL = _FIELDS.index("level")


@dataclass(frozen=True, slots=True)
class Hit:
    """A place a key points at, and how well the key matched (0-100)."""

    place: int
    score: float
    via: str  # "name", "alias", "skeleton" or "fuzzy"


def _add(table: dict, key: str, value: int) -> None:
    old = table.get(key)
    if old is None:
        table[key] = value
    elif isinstance(old, int):
        table[key] = (old, value)
    else:
        table[key] = old + (value,)


_JOINING = frozenset({"and", "of", "the", "e", "i", "al", "el", "ul"})


def _words_agree(key: str, name: str) -> bool:
    """A near spelling, word for word: "Killi Sheikh Lal Muhammad" is not "Kili Haji
    Lal Muhammad" (another village), though the whole strings score 85."""
    asked, found = ([w for w in text.split() if w not in _JOINING] for text in (key, name))
    if len(asked) != len(found):
        return len(asked) == 1 or len(found) == 1  # "Dera Bugti" / "Derabugti"
    return all(fuzz.ratio(a, b) >= 75 for a, b in zip(asked, found))


def _values(found: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if found is None:
        return ()
    return (found,) if isinstance(found, int) else found


class GazetteerIndex:
    """Every name and alias of every place, keyed three ways.

    Exact keys are ``normalize``d names (value ``2*place + is_primary``).  Skeleton
    keys catch transliteration variants.  Fuzzy matching runs per country over the
    exact keys, so a typo in a query with a country hint scans only that country.
    """

    def __init__(self, places: list[Place]):
        self._rows: list[tuple] = []
        self._exact: dict[str, int | tuple[int, ...]] = {}
        self._skeleton: dict[str, int | tuple[int, ...]] = {}
        by_country: dict[str, set[str]] = defaultdict(set)
        for number, place in enumerate(places):
            row = [getattr(place, name) for name in _FIELDS]
            row[_ALIASES] = ()
            row[_LEVEL] = place.level.rank
            self._rows.append(tuple(row))
            keys: dict[str, bool] = {normalize(place.name): True}
            for alias in place.aliases:
                keys.setdefault(normalize(alias), False)
            for key, primary in keys.items():
                if not key:
                    continue
                _add(self._exact, key, 2 * number + int(primary))
                by_country[place.country].add(key)
                skel = skeleton(key)
                if len(skel) >= MIN_SKELETON:
                    _add(self._skeleton, skel, number)
        self._names = {country: sorted(keys) for country, keys in by_country.items()}
        self._all_names = sorted(self._exact)

    def __len__(self) -> int:
        return len(self._rows)

    def place(self, number: int) -> Place:
        """The place at ``number`` (as found in a ``Hit``)."""
        row = list(self._rows[number])
        row[_LEVEL] = _LEVELS[row[_LEVEL]]
        return Place(*row)

    def places(self, level: GeoPrecision | None = None):
        """Iterate over all places, or those of one level."""
        for number, row in enumerate(self._rows):
            if level is None or row[_LEVEL] == level.rank:
                yield self.place(number)

    def exact(self, key: str) -> list[Hit]:
        """Places whose name (score 100) or alias (97) normalizes to ``key``."""
        return [Hit(v // 2, 100.0 if v % 2 else 97.0, "name" if v % 2 else "alias")
                for v in _values(self._exact.get(key))]

    def by_skeleton(self, key: str) -> list[Hit]:
        """Places sharing the consonant skeleton of ``key`` (score 92)."""
        skel = skeleton(key)
        if len(skel) < MIN_SKELETON:
            return []
        return [Hit(n, 92.0, "skeleton") for n in _values(self._skeleton.get(skel))]

    def fuzzy(self, key: str, countries: frozenset[str] | None, cutoff: float,
              limit: int = 8) -> list[Hit]:
        """Near-miss names whose edit-distance ratio is at least ``cutoff`` (0-100).

        Answers are kept (the same unknown name in the next report costs nothing);
        a new scan counts against the caller's ``geocoding.budget``."""
        asked = (key, countries, cutoff, limit)
        cache = self._fuzzy_cache()
        with _CACHE_LOCK:
            if asked in cache:
                cache.move_to_end(asked)
                return cache[asked]
        if not budget.take():
            return []  # not kept: with a budget left, it is looked up another time
        found = self._scan(key, countries, cutoff, limit)
        with _CACHE_LOCK:
            cache[asked] = found
            while len(cache) > FUZZY_CACHE_SIZE:
                cache.popitem(last=False)
        return found

    def _fuzzy_cache(self) -> OrderedDict:
        cache = getattr(self, "_fuzzy_answers", None)  # not pickled with the index
        if cache is None:
            cache = self._fuzzy_answers = OrderedDict()
        return cache

    def _by_length(self, countries: frozenset[str] | None) -> tuple[list[str], list[int]]:
        """The names to scan, sorted by length, and their lengths (built once per
        set of countries)."""
        built = getattr(self, "_length_sorted", None)
        if built is None:
            built = self._length_sorted = {}
        if countries not in built:
            names = (sorted({n for c in countries for n in self._names.get(c, ())}, key=len)
                     if countries else sorted(self._all_names, key=len))
            built[countries] = (names, [len(n) for n in names])
        return built[countries]

    def _scan(self, key: str, countries: frozenset[str] | None, cutoff: float,
              limit: int) -> list[Hit]:
        # fuzz.ratio cannot reach ``cutoff`` for a name whose length differs too much
        # (the Indel distance is at least the difference): scan only those that can.
        names, lengths = self._by_length(countries)
        slack = 1 - min(cutoff, 100.0) / 100
        low = bisect_left(lengths, math.floor(len(key) * (1 - slack) / (1 + slack)))
        high = bisect_right(lengths, math.ceil(len(key) * (1 + slack) / max(1 - slack, 1e-9)))
        window = names[low:high]
        if not window:
            return []
        # cdist, not extract: it lets go of the GIL while it scores, so another
        # session's page keeps running during a scan (extract held it: 35 ms pauses).
        scores = process.cdist([key], window, scorer=fuzz.ratio, workers=1,
                               score_cutoff=min(cutoff, 100.0), dtype=np.float32)[0]
        above = np.flatnonzero(scores)
        best = above[np.argsort(-scores[above], kind="stable")][:limit]
        return [Hit(v // 2, round(float(scores[i]), 1), "fuzzy")
                for i in best if _words_agree(key, window[i])
                for v in _values(self._exact.get(window[i]))]
