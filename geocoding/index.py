"""Look-up structures over a list of places: exact, skeleton and fuzzy keys.

The index is pickled between runs and loaded by every process that geocodes, so it
is kept in columns: numpy arrays, strings as one UTF-8 buffer, repeated strings as
codes into a short list, keys found by hash.  Unpickling that is a few buffer copies
(0.1 s) where 430,000 row tuples and a 900,000-entry dict took 2.5 s; a ``Place`` is
rebuilt from its columns when asked for.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import fields
from typing import Any, NamedTuple

import numpy as np
from rapidfuzz import fuzz

from geocoding import budget
from geocoding.edits import EditTable, SortedHashes, key_hashes, text_hash
from geocoding.normalize import normalize, skeleton, skeleton_of_key
from geocoding.places import Place
from geocoding.precision import GeoPrecision

MIN_SKELETON = 4
PLACES_KEPT = 50_000  # built Place objects kept, about 10 MB
FUZZY_CACHE_SIZE = 20_000  # answers kept, a few MB; the oldest go first
_CACHE_LOCK = threading.Lock()
_TYPECODES = {"i": "q", "u": "q", "f": "d"}  # numpy kind -> array.array typecode


def untracked(column: np.ndarray) -> array:
    """A numpy column as an ``array.array``: indexed about as fast as a list, but
    one object the garbage collector does not walk.  As lists, the columns' six
    million items made every full collection cost 50 ms, about a sixth of the time
    spent geocoding new names."""
    code = _TYPECODES[column.dtype.kind]
    return array(code, column.astype("int64" if code == "q" else "float64").tobytes())


_LEVELS = list(GeoPrecision)
_NOT_PICKLED = ("_built", "_fuzzy_answers", "_columns", "_readers")
_CODED = ("country", "admin1", "admin1_code", "admin2", "anchor")  # few distinct values


class Hit(NamedTuple):
    """A place a key points at, and how well the key matched (0-100).

    A named tuple, not a frozen dataclass: a common name ("Kot", 70 places) makes
    a hit per place on every query, and a tuple is made in half the time."""

    place: int
    score: float
    via: str  # "name", "alias", "skeleton" or "fuzzy"


_JOINING = frozenset({"and", "of", "the", "e", "i", "al", "el", "ul"})


def _words_agree(key: str, name: str) -> bool:
    """A near spelling, word for word: "Killi Sheikh Lal Muhammad" is not "Kili Haji
    Lal Muhammad" (another village), though the whole strings score 85."""
    asked, found = ([w for w in text.split() if w not in _JOINING] for text in (key, name))
    if len(asked) != len(found):
        return len(asked) == 1 or len(found) == 1  # "Dera Bugti" / "Derabugti"
    return all(fuzz.ratio(a, b) >= 75 for a, b in zip(asked, found, strict=False))


class _Strings:
    """Many strings as one UTF-8 buffer and their end offsets (pickles as two buffers)."""

    def __init__(self, values: list[str]):
        encoded = [v.encode("utf-8") for v in values]
        self._blob = b"".join(encoded)
        self._ends = np.cumsum([len(e) for e in encoded], dtype=np.int64)

    def __len__(self) -> int:
        return len(self._ends)

    def __getstate__(self) -> dict:
        return {"_blob": self._blob, "_ends": self._ends}

    def __getitem__(self, number: int) -> str:
        return self.reader()(number)

    def reader(self) -> Callable[[int], str]:
        """``self[number]`` as a closure over a plain list of offsets, made on first
        use: a list indexes several times faster than a numpy array."""
        found = self.__dict__.get("_reader")
        if found is None:
            blob, ends = self._blob, untracked(np.concatenate(([0], self._ends)))

            def found(number: int) -> str:
                return blob[ends[number] : ends[number + 1]].decode("utf-8")

            self._reader = found
        return found


class _Codes:
    """A column of repeated strings: a code per row into the distinct values."""

    def __init__(self, values: list[str]):
        self.values: list[str] = []
        seen: dict[str, int] = {}
        codes = [seen.setdefault(v, len(seen)) for v in values]
        self.values = list(seen)
        self.codes = np.array(codes, dtype=np.int32)

    def __getstate__(self) -> dict:
        return {"values": self.values, "codes": self.codes}

    def __getitem__(self, number: int) -> str:
        return self.reader()(number)

    def reader(self) -> Callable[[int], str]:
        """``self[number]`` as a closure over plain lists, made on first use."""
        found = self.__dict__.get("_reader")
        if found is None:
            values, codes = self.values, untracked(self.codes)

            def found(number: int) -> str:
                return values[codes[number]]

            self._reader = found
        return found


class _Lookup:
    """Keys to lists of ints, found by hash: sorted hashes, key numbers, and each
    key's values as one flat array with offsets."""

    def __init__(self, table: dict[str, list[int]]):
        keys = sorted(table)  # a key's number is its place in this order
        self._text = _Strings(keys)
        hashes = key_hashes(keys)
        self._order = np.argsort(hashes).astype(np.int32)
        self._hashes = SortedHashes(hashes[self._order])
        sizes = [len(table[k]) for k in keys]
        self._ends = np.cumsum(sizes, dtype=np.int64)
        self._values = np.fromiter(
            (v for k in keys for v in table[k]),
            dtype=np.int64,
            count=int(self._ends[-1]) if sizes else 0,
        )

    def __len__(self) -> int:
        return len(self._ends)

    def key(self, number: int) -> str:
        return self._text[number]

    def text_reader(self) -> Callable[[int], str]:
        return self._text.reader()

    def number(self, key: str) -> int | None:
        """The key's number, or None (a hash collision is checked against the text)."""
        low, high = self._hashes.run(text_hash(key))
        text = self._text.reader()
        for position in range(low, high):
            number = int(self._order[position])
            if text(number) == key:
                return number
        return None

    def values(self, number: int | None) -> list[int]:
        if number is None:
            return []
        start = int(self._ends[number - 1]) if number else 0
        return self._values[start : int(self._ends[number])].tolist()

    def get(self, key: str) -> list[int]:
        return self.values(self.number(key))


def _preference(ranks: np.ndarray, population: np.ndarray) -> np.ndarray:
    """One number per place that sorts the way a name's places are ranked: the
    finer level first, then the larger population (a single comparison where a
    tuple per candidate cost most of a common name's time)."""
    return ranks.astype(np.int64) * 10**13 - np.minimum(population, 10**13 - 1)


class GazetteerIndex:
    """Every name and alias of every place, keyed three ways.

    Exact keys are ``normalize``d names (value ``2*place + is_primary``).  Skeleton
    keys catch transliteration variants.  Fuzzy matching looks at the keys one edit
    from the query (``EditTable``) and keeps those of the asked countries.
    """

    _readers: dict[str, Callable[[int], Any]]  # made on first use, not pickled
    _fuzzy_answers: OrderedDict | None

    def __init__(self, places: list[Place]):
        exact: dict[str, list[int]] = {}
        skeletons: dict[str, list[int]] = {}
        for number, place in enumerate(places):
            keys: dict[str, bool] = {normalize(place.name): True}
            for alias in place.aliases:
                keys.setdefault(normalize(alias), False)
            for key, primary in keys.items():
                if not key:
                    continue
                exact.setdefault(key, []).append(2 * number + int(primary))
                skel = skeleton_of_key(key)
                if len(skel) >= MIN_SKELETON:
                    found = skeletons.setdefault(skel, [])
                    if not found or found[-1] != number:
                        found.append(number)
        self._count = len(places)
        self._name = _Strings([p.name for p in places])
        self._source = _Strings([p.source for p in places])
        self._coded = {name: _Codes([getattr(p, name) for p in places]) for name in _CODED}
        self._latitude = np.array([p.latitude for p in places], dtype=np.float64)
        self._longitude = np.array([p.longitude for p in places], dtype=np.float64)
        self._level = np.array([p.level.rank for p in places], dtype=np.int8)
        self._population = np.array([p.population for p in places], dtype=np.int64)
        self._exact = _Lookup(exact)
        self._skeleton = _Lookup(skeletons)
        self._edits = EditTable(sorted(exact))  # numbered as the lookup numbers its keys

    def __len__(self) -> int:
        return self._count

    def __getstate__(self) -> dict:
        """What is pickled: the columns, not the answers and places kept since."""
        return {k: v for k, v in self.__dict__.items() if k not in _NOT_PICKLED}

    def place(self, number: int) -> Place:
        """The place at ``number`` (as found in a ``Hit``).

        Built places are kept (a query asks for the same candidates several times
        over while it checks and ranks them); the oldest half goes when full."""
        built = self.__dict__.setdefault("_built", {})  # not pickled: made on first use
        found = built.get(number)
        if found is None:
            if len(built) >= PLACES_KEPT:
                for old in list(built)[: PLACES_KEPT // 2]:
                    built.pop(old, None)
            found = built[number] = self._build(number)
        return found

    def _build(self, number: int) -> Place:
        columns = self.__dict__.get("_columns") or self._unpack()
        values = [column(number) for column in columns]
        return Place(*values)

    def reader(self, name: str) -> Callable[[int], Any]:
        """The value of one ``Place`` field by place number, without building the
        place: a common name has hundreds of places, and ranking them needs only
        their country, level and population."""
        if "_readers" not in self.__dict__:
            self._unpack()
        return self._readers[name]

    def _unpack(self) -> list:
        """One reader per field of ``Place``, over ``array.array`` copies: indexing
        one is several times cheaper than a numpy scalar (done once, on first use)."""

        def plain(column):
            return untracked(column).__getitem__

        level = untracked(self._level)
        readers = {
            "name": self._name.reader(),
            "latitude": plain(self._latitude),
            "longitude": plain(self._longitude),
            "level": lambda n: _LEVELS[level[n]],
            "source": self._source.reader(),
            "population": plain(self._population),
            "aliases": lambda n: (),
            **{name: column.reader() for name, column in self._coded.items()},
            "rank": level.__getitem__,  # the level's rank, for ranking without Places
            "preference": plain(_preference(self._level, self._population)),
        }
        self.__dict__["_readers"] = readers
        columns = self.__dict__["_columns"] = [readers[f.name] for f in fields(Place)]
        return columns

    def unpack(self) -> None:
        """Make every column's reader now (about 0.1 s) rather than on the first
        query that needs each: a resolver does this when it is made."""
        if "_readers" not in self.__dict__:
            self._unpack()
        self._exact.text_reader()
        self._skeleton.text_reader()

    def places(self, level: GeoPrecision | None = None):
        """Iterate over all places, or those of one level."""
        numbers = (
            range(self._count)
            if level is None
            else np.flatnonzero(self._level == level.rank).tolist()
        )
        for number in numbers:
            yield self.place(number)

    def exact(self, key: str, countries: frozenset[str] | None = None) -> list[Hit]:
        """Places whose name (score 100) or alias (97) normalizes to ``key``, in one
        of ``countries`` if given (read from the column, before any hit is made)."""
        values = self._in_countries(self._exact.get(key), countries, 2)
        return [Hit(v // 2, 100.0 if v % 2 else 97.0, "name" if v % 2 else "alias") for v in values]

    def by_skeleton(self, key: str, countries: frozenset[str] | None = None) -> list[Hit]:
        """Places sharing the consonant skeleton of ``key`` (score 92)."""
        skel = skeleton(key)
        if len(skel) < MIN_SKELETON:
            return []
        numbers = self._in_countries(self._skeleton.get(skel), countries, 1)
        return [Hit(n, 92.0, "skeleton") for n in numbers]

    def _in_countries(
        self, values: list[int], countries: frozenset[str] | None, step: int
    ) -> list[int]:
        if not countries or not values:
            return values
        country = self.reader("country")
        return [v for v in values if country(v // step) in countries]

    def fuzzy(
        self, key: str, countries: frozenset[str] | None, cutoff: float, limit: int = 8
    ) -> list[Hit]:
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

    def _scan(
        self, key: str, countries: frozenset[str] | None, cutoff: float, limit: int
    ) -> list[Hit]:
        scored = []
        for number in self._edits.near(key):
            name = self._exact.key(number)
            score = fuzz.ratio(key, name, score_cutoff=min(cutoff, 100.0))
            if score and _words_agree(key, name):
                values = self._exact.values(number)
                if self._in(values, countries):
                    scored.append((-score, name, values))
        scored.sort()
        return [
            Hit(v // 2, round(-score, 1), "fuzzy")
            for score, _, values in scored[:limit]
            for v in values
        ]

    def _in(self, values: list[int], countries: frozenset[str] | None) -> bool:
        """Whether any of the places (key values) lies in one of ``countries``."""
        if countries is None:
            return True
        country = self.reader("country")
        return any(country(v // 2) in countries for v in values)
