"""``python -m geocoding.build_index``: build the offline gazetteer index now.

``make install`` runs this so the first geocoding run does not pay for the build.
Prints what the build could not place (curated anchors missing from the data).
"""

from __future__ import annotations

import sys
import time

from geocoding.gazetteer import load_gazetteer
from geocoding.settings import GeocodingSettings
from ground.terminal import say


def main() -> int:
    settings = GeocodingSettings.from_env()
    start = time.perf_counter()
    gazetteer = load_gazetteer(settings.cache_dir, settings.gazetteer_files)
    say(
        f"gazetteer index: {len(gazetteer.index):,} places in {settings.cache_dir} "
        f"({time.perf_counter() - start:.1f} s)"
    )
    for warning in gazetteer.warnings:
        say(f"warning: {warning}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
