"""Intake on whole news articles nobody here wrote, and how fast it reads them.

Scores ``python -m intake`` on a labelled set of real articles (default
``../shared/data/articles-dev``: 53 Voice of America and Wikinews articles, not
shipped) with the team's scorer, ``../shared/tools/score_articles.py``, exactly as a
reviewer scores the hidden sets: found, deaths exact, group, event type, spurious.
Then times the extractor in this process over the same articles, each its own
report (the offline gazetteer warm): articles a second, and the mean length.

    .venv/bin/python benchmarks/bench_intake_articles.py [SET_FOLDER]
"""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geocoding.factory import make_resolver  # noqa: E402
from geocoding.settings import GeocodingSettings  # noqa: E402
from intake.extract import Extractor  # noqa: E402
from intake.reports import from_text  # noqa: E402

SHARED = ROOT.parent / "shared"
DEV_SET = SHARED / "data" / "articles-dev"
SCORER = SHARED / "tools" / "score_articles.py"


def articles(folder: Path) -> list[tuple[str, str]]:
    """(published, text) of each article of the set."""
    csv.field_size_limit(10**8)
    with (folder / "articles.csv").open(encoding="utf-8", newline="") as stream:
        return [(row["published"][:10], row["text"]) for row in csv.DictReader(stream)]


def speed(texts: list[tuple[str, str]], rounds: int = 3) -> tuple[float, float]:
    """(articles a second, best of ``rounds``; mean characters an article)."""
    extractor = Extractor(make_resolver(GeocodingSettings.from_env()))
    reports = [from_text(text, published) for published, text in texts]
    extractor.extract_request(reports)  # warm the gazetteer and the patterns
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for report in reports:
            extractor.extract(report)
        best = min(best, time.perf_counter() - start)
    return len(reports) / best, sum(len(t) for _, t in texts) / len(texts)


def long_reports(texts: list[tuple[str, str]], size: int = 3_000) -> list[tuple[str, str]]:
    """The articles joined one after another and cut at ``size`` characters (at a
    space): the speed goal is stated for reports of ~3,000 characters."""
    joined, current, day = [], "", ""
    for published, text in texts:
        current, day = (current + "\n\n" + text if current else text), day or published
        if len(current) >= size:
            joined.append((day, current[: current.rfind(" ", 0, size)]))
            current, day = "", ""
    return joined


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV_SET
    if not (folder / "articles.csv").exists() or not SCORER.exists():
        print(f"no article set at {folder} (or no scorer at {SCORER}): nothing to measure")
        return
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(folder), "--python", sys.executable],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    print(scored.stdout.strip().splitlines()[-1] if scored.stdout.strip() else scored.stderr)
    rate, length = speed(articles(folder))
    print(f"speed: {rate:,.0f} articles a second (mean {length:,.0f} characters)")
    rate, length = speed(long_reports(articles(folder)))
    print(f"speed: {rate:,.0f} reports a second (mean {length:,.0f} characters; target 50)")


if __name__ == "__main__":
    main()
