"""Offline geocoding speed: cold (index build) and warm (cached) names per second.

Baseline: the index's bare exact-key look-up over the same names, so the ratio
shows what matching (hints, fallbacks, near spellings, areas) costs on top of it.
"Warm" is the index loaded from its cache in a fresh process, as every process
that geocodes gets it (timed in the process that just built the index twice, the
same code measured three times slower: the build's freed heap and the collector's
work on it); each name is timed the first time it is asked for, and again when a
file repeats it (the resolver keeps its answers).  What a process reads once
(the index, its columns, the area polygons) is timed as the load, apart from the
names.  The queries are drawn from the
index's columns, so no place is built before the clock starts.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geocoding.areas import districts, shapes
from geocoding.gazetteer import build_gazetteer, load_gazetteer
from geocoding.normalize import normalize
from geocoding.offline import OfflineResolver
from geocoding.precision import GeoPrecision


def sample_queries(resolver: OfflineResolver, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """Real town names of Afghanistan and Pakistan, some misspelt, some unknown."""
    index = resolver.index
    level, country, name = (index.reader(f) for f in ("level", "country", "name"))
    towns = [
        n for n in range(len(index)) if level(n) is GeoPrecision.TOWN and country(n) in {"AF", "PK"}
    ]
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        town = rng.choice(towns)
        text, code = name(town), country(town)
        roll = rng.random()
        if roll < 0.7:
            queries.append((text, code))
        elif roll < 0.9:  # one letter dropped: exercises skeleton and fuzzy matching
            cut = rng.randrange(1, max(2, len(text)))
            queries.append((text[:cut] + text[cut + 1 :], code))
        else:
            queries.append((f"Unknownabad {rng.randrange(10**6)}", code))
    return queries


def timed(func, *args):
    start = time.perf_counter()
    value = func(*args)
    return value, time.perf_counter() - start


def warm(cache: Path, names: int) -> None:
    """The warm figures, printed by a fresh process over the cache ``main`` wrote."""
    gazetteer, warm_load = timed(load_gazetteer, cache)  # what a process gets
    resolver, made = timed(OfflineResolver, gazetteer)  # unpacks the index's columns
    _, polygons = timed(shapes)  # read once per process, by the first check against an area
    queries = sample_queries(resolver, names)

    def resolve_all():
        matches = [resolver.resolve(q, country=c) for q, c in queries]
        return sum(m is not None and not m.fallback for m in matches)

    def lookup_all():
        return sum(bool(gazetteer.index.exact(normalize(q))) for q, _ in queries)

    placed, resolve_seconds = timed(resolve_all)  # every name asked for the first time
    _, repeat_seconds = timed(resolve_all)  # the same names again, as a file repeats them
    _, lookup_seconds = timed(lookup_all)
    rate = len(queries) / resolve_seconds
    baseline = len(queries) / lookup_seconds
    print(f"places in index          {len(gazetteer.index):>10,}")
    print(
        f"warm index load (cache)  {warm_load + made + polygons:>10.2f} s   (index {warm_load:.2f} s, "
        f"unpacking its columns {made:.2f} s, area shapes with shapely's import {polygons:.2f} s)"
    )
    print(
        f"names geocoded, warm     {rate:>10,.0f} /s  (each name new; {placed}/{len(queries)} found by name, the rest fell back to their country)"
    )
    print(f"  the same names again   {len(queries) / repeat_seconds:>10,.0f} /s  (answers kept)")
    print(
        f"hash look-up of the key  {baseline:>10,.0f} /s  (geocoding a new name is {baseline / rate:.1f}x slower)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--warm", type=Path, help=argparse.SUPPRESS)  # the fresh process's part
    args = parser.parse_args()
    if args.warm:
        warm(args.warm, args.names)
        return
    with tempfile.TemporaryDirectory() as cache:
        _, cold_build = timed(build_gazetteer)
        load_gazetteer(Path(cache))  # writes the cache (builds again)
        print(f"cold index build         {cold_build:>10.2f} s")
        subprocess.run(
            [sys.executable, __file__, "--warm", cache, "--names", str(args.names)], check=True
        )
    tree, build_seconds = timed(districts)
    rng = random.Random(11)
    points = [(rng.uniform(23.5, 38.5), rng.uniform(60.5, 77.5)) for _ in range(args.points)]
    found, locate_seconds = timed(tree.locate, [p[0] for p in points], [p[1] for p in points])
    inside = sum(f is not None for f in found)
    print(
        f"point in district        {len(points) / locate_seconds:>10,.0f} points/s  "
        f"({inside:,} of {len(points):,} random points in the AF/PK box fell in a district; "
        f"shapes read in {build_seconds:.2f} s)"
    )


if __name__ == "__main__":
    main()
