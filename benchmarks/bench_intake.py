"""Intake on the test corpus (``tests/fixtures/reports/``): per-field accuracy,
incidents found / missed / spurious, and reports read per second.

    .venv/bin/python benchmarks/bench_intake.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geocoding.offline import OfflineGazetteer  # noqa: E402
from intake.extract import Extractor  # noqa: E402
from intake.reports import read_reports  # noqa: E402
from intake.scoring import FIELDS, score_corpus  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "reports"


def main() -> None:
    resolver = OfflineGazetteer()
    extractor = Extractor(resolver)
    score = score_corpus(CORPUS, extractor, resolver)
    print(f"{score.reports} reports, {score.expected} incidents expected, {score.found} found, "
          f"{score.missed} missed, {score.spurious} spurious")
    print("| field | accuracy |\n|---|---:|")
    for name in FIELDS:
        print(f"| {name} | {score.accuracy(name):.0%} |")
    reports = [r for path in sorted(CORPUS.glob("r*.txt")) for r in read_reports(path, "2022-01-01")]
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        for report in reports:
            extractor.extract(report)
    per_second = rounds * len(reports) / (time.perf_counter() - started)
    print(f"{per_second:.0f} reports per second (the corpus read {rounds} times, one core)")
    for line in score.wrong:
        print("  wrong:", line)


if __name__ == "__main__":
    main()
