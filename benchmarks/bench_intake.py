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


PARTS = (("tuned on", CORPUS), ("held out", CORPUS / "held_out"))


def main() -> None:
    resolver = OfflineGazetteer()
    extractor = Extractor(resolver)
    scores = [(label, score_corpus(folder, extractor, resolver)) for label, folder in PARTS]
    for label, score in scores:
        print(
            f"{label}: {score.reports} reports, {score.expected} incidents expected, "
            f"{score.found} found, {score.missed} missed, {score.spurious} spurious"
        )
    print("| field | " + " | ".join(label for label, _ in scores) + " |")
    print("|---|" + "---:|" * len(scores))
    for name in FIELDS:
        print(f"| {name} | " + " | ".join(f"{s.accuracy(name):.0%}" for _, s in scores) + " |")
    reports = [
        r
        for _, folder in PARTS
        for path in sorted(folder.glob("r*.txt"))
        for r in read_reports(path, "2022-01-01")
    ]
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        for report in reports:
            extractor.extract(report)
    per_second = rounds * len(reports) / (time.perf_counter() - started)
    print(f"{per_second:.0f} reports per second (the corpus read {rounds} times, one core)")
    from bench_intake_ucdp import DEV_FILE, headlines, score  # text nobody here wrote

    if DEV_FILE.exists():
        for name, (right, total) in score(headlines(DEV_FILE), extractor).items():
            print(
                f"UCDP headlines, {name}: {right} of {total}"
                + (f" ({right / total:.0%})" if total else "")
            )
    from bench_one_reader import paste  # the worst paste a reader may make

    started = time.perf_counter()
    said = paste()
    print(f"worst paste: {time.perf_counter() - started:.1f} s ({said})")
    for label, result in scores:
        for line in result.wrong:
            print(f"  wrong ({label}):", line)


if __name__ == "__main__":
    main()
