"""One request's near-spelling searches are bounded and remembered: a text or a file
of unknown place names cannot hold a core for minutes (a 1 MB feed ran past 900 s,
a 200-row upload of unknown places took 47 s before)."""

from __future__ import annotations

import random
import string

from geocoding import budget
from incidents.imports.importer import FUZZY_PER_FILE, import_table
from incidents.imports.reading import read_table
from intake.extract import FUZZY_PER_REQUEST, Extractor
from intake.reports import from_text


def _unknown(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(9)).title() + "abad"
        for _ in range(n)
    ]


def test_a_budget_bounds_the_scans_and_counts_what_it_refused(offline):
    names = _unknown(5, 1)
    scans = []
    real = offline.resolver.index._scan

    def counting(*args, **kwargs):
        scans.append(args[0])
        return real(*args, **kwargs)

    offline.resolver.index._scan = counting
    try:
        with budget.limited(2) as spent:
            for name in names:
                offline.resolve(name)
        assert len(scans) == 2 and spent.refused >= 1
        assert "matched exactly only" in spent.note("the paste")
        scans.clear()
        with budget.limited(10):  # the two searched already are remembered
            for name in names[:2]:
                offline.resolve(name)
        assert scans == []
    finally:
        offline.resolver.index._scan = real
    with budget.limited(0):  # an exact name needs no budget
        assert offline.resolve("Jalalabad").score == 100.0


def test_a_paste_of_unknown_names_is_bounded_and_says_so(offline):
    text = " ".join(
        f"A bomb exploded in {name} on Monday, killing two."
        for name in _unknown(FUZZY_PER_REQUEST + 25, 2)
    )
    found, note = Extractor(offline).extract_request([from_text(text, "2024-01-01")])
    assert found and note and "limit of" in note


def test_an_upload_of_unknown_places_is_bounded_and_says_so(offline):
    rows = "\n".join(
        f"2024-01-{1 + n % 28:02d},Group {n},{name},,Pakistan,1"
        for n, name in enumerate(_unknown(FUZZY_PER_FILE + 20, 3))
    )
    data = ("date,actor,location,admin1,country,fatalities\n" + rows).encode()
    result = import_table(read_table(data, "unknown.csv"), "unknown.csv", resolver=offline)
    assert len(result.incidents) == FUZZY_PER_FILE + 20
    assert any("matched exactly only" in w for w in result.warnings), result.warnings
