"""Offline geocoding speed: cold (index build) and warm (cached) names per second.

Baseline: the index's bare exact-key look-up over the same names, so the ratio
shows what matching (hints, fallbacks, near spellings, areas) costs on top of it.
"Warm" is the index loaded from its cache; each name is timed the first time it is
asked for, and again when a file repeats it (the resolver keeps its answers).
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from geocoding.areas import districts
from geocoding.gazetteer import build_gazetteer, load_gazetteer
from geocoding.normalize import normalize
from geocoding.offline import OfflineResolver
from geocoding.precision import GeoPrecision


def sample_queries(resolver: OfflineResolver, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """Real town names of Afghanistan and Pakistan, some misspelt, some unknown."""
    towns = [p for p in resolver.index.places(GeoPrecision.TOWN) if p.country in {"AF", "PK"}]
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        town = rng.choice(towns)
        roll = rng.random()
        if roll < 0.7:
            queries.append((town.name, town.country))
        elif roll < 0.9:  # one letter dropped: exercises skeleton and fuzzy matching
            cut = rng.randrange(1, max(2, len(town.name)))
            queries.append((town.name[:cut] + town.name[cut + 1:], town.country))
        else:
            queries.append((f"Unknownabad {rng.randrange(10**6)}", town.country))
    return queries


def timed(func, *args):
    start = time.perf_counter()
    value = func(*args)
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=2000)
    parser.add_argument("--points", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        _, cold_build = timed(build_gazetteer)
        load_gazetteer(Path(cache))  # writes the cache (builds again)
        gazetteer, warm_load = timed(load_gazetteer, Path(cache))  # what a process gets
    resolver = OfflineResolver(gazetteer)
    queries = sample_queries(resolver, args.names)
    resolver.resolve("Kabul", country="AF")  # first use: the index unpacks its columns

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
    print(f"cold index build         {cold_build:>10.2f} s")
    print(f"warm index load (cache)  {warm_load:>10.2f} s   ({cold_build / warm_load:.1f}x faster than cold)")
    print(f"names geocoded, warm     {rate:>10,.0f} /s  (each name new; {placed}/{len(queries)} found by name, the rest fell back to their country)")
    print(f"  the same names again   {len(queries) / repeat_seconds:>10,.0f} /s  (answers kept)")
    print(f"hash look-up of the key  {baseline:>10,.0f} /s  (geocoding a new name is {baseline / rate:.1f}x slower)")
    tree, build_seconds = timed(districts)
    rng = random.Random(11)
    points = [(rng.uniform(23.5, 38.5), rng.uniform(60.5, 77.5)) for _ in range(args.points)]
    found, locate_seconds = timed(tree.locate, [p[0] for p in points], [p[1] for p in points])
    inside = sum(f is not None for f in found)
    print(f"point in district        {len(points) / locate_seconds:>10,.0f} points/s  "
          f"({inside:,} of {len(points):,} random points in the AF/PK box fell in a district; "
          f"shapes read in {build_seconds:.2f} s)")
    cold_total = cold_build + resolve_seconds
    print(f"names/s including build  {len(queries) / cold_total:>10,.0f} /s  (cold, {args.names} names)")


if __name__ == "__main__":
    main()
