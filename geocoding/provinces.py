"""One name per province of the region, whatever spelling a source used.

ACLED writes "Helmand", the boundary set "Hilmand"; a spreadsheet "Khyber
Pakhtunkhwa province", a wire "KPK", an old file "NWFP".  A Province filter that
compares the strings splits one province into five.  ``official_province`` maps
each spelling to one name: the boundary set's province (so every name lands on a
polygon the project ships), shown as the project's curated spelling where it has
one (``admin_areas.csv``: "Helmand", "Paktia"), matched by name, alias, and then
consonant skeleton ("Paktiya" / "Paktya").

The former tribal areas stay their own unit: an event the source coded "FATA" in
2012 is filtered as FATA, as written, not silently moved into today's province.
Names of other countries come back as given.
"""

from __future__ import annotations

from functools import lru_cache

from geocoding.normalize import normalize, skeleton, split_level_word
from geocoding.precision import GeoPrecision
from geocoding.sources import curated
from geocoding.sources.region import COUNTRIES, area_rows

_COUNTRY_NAMES = {
    "af": "AF",
    "afg": "AF",
    "afghanistan": "AF",
    "pk": "PK",
    "pak": "PK",
    "pakistan": "PK",
}


def _keys(name: str) -> tuple[str, str]:
    key = split_level_word(name)[0] or normalize(name)
    return key, "~" + skeleton(key)


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], str]:
    """(country code, key or ~skeleton) -> the province's one name."""
    region: dict[tuple[str, str], str] = {}  # key -> boundary-set name
    for row in area_rows():
        if row["level"] != "province":
            continue
        for name in (row["name"], *[a for a in row["aliases"].split("|") if a]):
            for key in _keys(name):
                region.setdefault((row["country"], key), row["name"])
    shown = {name: name for name in region.values()}
    table = dict(region)
    for area in curated.read_areas():
        if area.level is not GeoPrecision.PROVINCE or area.country not in COUNTRIES:
            continue
        names = (area.name, *area.aliases)
        target = next(
            (
                region[area.country, key]
                for name in names
                for key in _keys(name)
                if (area.country, key) in region
            ),
            None,
        )
        if target is None:
            continue
        shown[target] = area.name
        for name in names:
            for key in _keys(name):
                table.setdefault((area.country, key), target)  # "FATA" stays FATA
    return {k: shown[v] for k, v in table.items()}


@lru_cache(maxsize=8192)
def official_province(country: str, text: str) -> str:
    """The region's one name for the province ``text`` names in ``country`` (a
    name or code; empty when unknown), else ``text`` itself, stripped."""
    text = str(text).strip()
    if not text:
        return text
    code = _COUNTRY_NAMES.get(normalize(str(country)))
    codes = (code,) if code else COUNTRIES if not str(country).strip() else ()
    table = _table()
    for key in _keys(text):
        found = {table[c, key] for c in codes if (c, key) in table}
        if len(found) == 1:
            return found.pop()
    return text
