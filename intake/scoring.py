"""How well intake reads a corpus of reports with known incidents: per-field
accuracy, incidents found, missed and spurious.  Shared by the tests and
``benchmarks/bench_intake.py``."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from geocoding.areas import source_contains
from ground.distances import km_apart
from incidents.actors import actor_key
from intake.evidence import Candidate
from intake.extract import Extractor
from intake.reports import read_reports

FIELDS = ("date", "event_type", "actor", "place", "fatalities", "injured")
PLACE_KM = 25.0


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    expected: int = 0
    found: int = 0
    matched: int = 0
    reports: int = 0
    wrong: list[str] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.expected if self.expected else 1.0

    @property
    def spurious(self) -> int:
        return self.found - self.matched

    @property
    def missed(self) -> int:
        return self.expected - self.matched


def _same(name: str, want: dict, got: Candidate, resolver) -> bool:
    if name == "place":
        spot = resolver.resolve(want["place"])
        lat, lon = got.value("latitude", None), got.value("longitude", None)
        if spot is None or lat in (None, ""):
            return False
        # An expected district or province is met by any point inside its polygon (a
        # village in Swat is in Swat, however far from the district's own point).
        lat, lon = float(str(lat)), float(str(lon))
        inside = source_contains(spot.source, lat, lon)
        return bool(inside) or km_apart(spot.latitude, spot.longitude, lat, lon) <= PLACE_KM
    if name == "date":
        return (
            str(got.value("date")) == want["date"]
            and got.value("date_precision") == want["date_precision"]
        )
    value = got.value(name, "")
    if name == "actor":  # the same group under any of its names (the registry)
        return actor_key(value) == actor_key(want[name])
    return str(value if value is not None else "") == want[name]


def score_corpus(folder: Path, extractor: Extractor, resolver) -> Score:
    """Read every report in ``folder`` (``published.csv``, ``expected.csv``) and
    compare: expected incidents are matched to candidates in order."""
    published = {
        r["report"]: r["published"]
        for r in csv.DictReader((folder / "published.csv").open(encoding="utf-8"))
    }
    expected: dict[str, list[dict]] = {}
    for row in csv.DictReader((folder / "expected.csv").open(encoding="utf-8")):
        expected.setdefault(row["report"], []).append(row)
    score = Score()
    for name, day in sorted(published.items()):
        got = [
            c
            for report in read_reports(folder / f"{name}.txt", day)
            for c in extractor.extract(report)
        ]
        want = expected.get(name, [])
        score.reports += 1
        score.expected += len(want)
        score.found += len(got)
        score.matched += min(len(want), len(got))
        for w, g in zip(want, got, strict=False):
            for field_name in FIELDS:
                if _same(field_name, w, g, resolver):
                    score.right[field_name] += 1
                else:
                    score.wrong.append(
                        f"{name} #{w['number']} {field_name}: expected "
                        f"{w.get(field_name)!r}, got {g.value(field_name, '')!r}"
                    )
    return score
