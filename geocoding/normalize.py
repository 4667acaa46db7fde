"""Turn place names into comparable keys.

Transliterations of Dari, Pashto and Urdu names vary in vowels, in the ezafe
connector (Mazar-i-Sharif, Mazar-e Sharif, Mazari Sharif) and in q/k, w/v, y/i.
Two keys cope with that: ``normalize`` (ASCII, lower case, single spaces) for exact
matches, and ``skeleton`` (consonants only, doubled letters folded) for variants.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")
_SKELETON_TABLE = str.maketrans({"q": "k", **{v: None for v in "aeiouwyv"}})
_EZAFE = re.compile(r"(?<=[a-z])[-\s]+(?:e|i|ye|yi|-e|-i)[-\s]+(?=[a-z])")

# Prefixes GeoNames uses for Afghan district centres ("Markaz-e Woluswali-ye Achin").
_DISTRICT_CENTRE = re.compile(
    r"^(?:markaz(?: e| i)? )?(?:woluswali|wuluswali|wuleswali|wolaswali|alaqahdari|"
    r"hukumati|hukumat(?: e)?|markaz(?: e)? hukumat(?: e)?)(?: ye| e| i)? ",
)

# Words that say what kind of place a name is, not which place.
LEVEL_WORDS: dict[str, str] = {
    "province": "province",
    "provinces": "province",
    "wilayat": "province",
    "velayat": "province",
    "state": "province",
    "region": "province",
    "district": "district",
    "tehsil": "district",
    "agency": "district",
    "tribal district": "district",
    "woluswali": "district",
    "subdivision": "district",
    "city": "town",
    "town": "town",
    "village": "town",
    "bazaar": "town",
    "bazar": "town",
}
_LONGEST_FIRST = sorted(LEVEL_WORDS, key=len, reverse=True)
# Whether a key holds a level word at all: most names hold none, and one search
# spares them the test of every word at both ends.
_ANY_LEVEL_WORD = re.compile(r"\b(?:" + "|".join(map(re.escape, _LONGEST_FIRST)) + r")\b")
_QUALIFIERS = re.compile(
    r"^(?:near|nr|outskirts of|on the outskirts of|outside|around|in|the|"
    r"(?:north|south|east|west)(?:ern)? (?:part of|of)?)\s+",
)
# Words after a name that say what kind of spot it is but no level: "Ilam area",
# "Kel sector", "Tirah valley locality", "Karakh road", "Toi Khula Fort".  Kept in
# ``location``, dropped for matching after the whole name was looked for (UCDP's
# Pakistan file: 7 more of 503 places at their town, 77% to 78% within 25 km).
_SPOT_WORDS = re.compile(
    r"\s+(?:area|areas|sector|locality|vicinity|surroundings|valley|pass|fort|hills?|"
    r"mountains?|road|chowk|gas field|field|check ?post|camp)$"
)
# "Frontier Region Kohat", "FR Tank": the tribal frontier regions, district level.
_FRONTIER = re.compile(r"^(?:fr|frontier region)\s+")


def ascii_fold(text: str) -> str:
    """Strip diacritics and transliterate to ASCII (Ḩāfiz̧ān -> Hafizan)."""
    if text.isascii():  # most names: NFKC and unidecode would give them back unchanged
        return text
    return unidecode(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1_000_000)
def normalize(text: str) -> str:
    """ASCII, lower case, punctuation to single spaces: the exact-match key."""
    folded = ascii_fold(text).lower().replace("'", "").replace("`", "")
    return _NON_ALNUM.sub(" ", folded).strip()


@lru_cache(maxsize=1_000_000)
def skeleton(text: str) -> str:
    """Consonant skeleton for spelling variants: Qandahar and Kandahar -> 'kndhr'.

    Vowels and the semi-vowels w, y, v are dropped, q becomes k, ezafe connectors
    vanish and doubled letters fold.  Short skeletons collide easily, so callers
    treat a skeleton match as a candidate, never as proof.
    """
    return skeleton_of_key(normalize(text))


def _first_of_run(match: re.Match) -> str:
    return match.group(1)


def skeleton_of_key(key: str) -> str:
    """``skeleton`` of a key already ``normalize``d (the index builds 800,000)."""
    if " e " in key or " i " in key or " y" in key:  # an ezafe connector may be there
        key = _EZAFE.sub(" ", key)
    key = key.replace(" ", "").replace("ph", "f").replace("ck", "k").translate(_SKELETON_TABLE)
    return _DOUBLED.sub(_first_of_run, key)


# One Dari or Pashto vowel, written two ways by English-language writers and by the
# official gazetteers: Maiwand / Maywand, Sheikh / Sheykh.
_VOWEL_SPELLINGS = (
    ("ai", "ay"),
    ("ay", "ai"),
    ("ei", "ey"),
    ("ey", "ei"),
    ("ee", "i"),
    ("oo", "u"),
)


def spelling_variants(key: str) -> list[str]:
    """``key`` (normalized) with one of those vowel spellings swapped throughout:
    the exact names a transliteration may have used instead, tried before the looser
    skeleton and edit-distance matches."""
    return [key.replace(one, other) for one, other in _VOWEL_SPELLINGS if one in key]


def district_centre_name(name: str) -> str | None:
    """The district name inside a GeoNames district-centre name, or None."""
    key = normalize(name)
    match = _DISTRICT_CENTRE.match(key + " ")
    if not match:
        return None
    rest = key[match.end() :].strip()
    return rest or None


def is_latin(text: str) -> bool:
    """True when every letter is Latin; other scripts transliterate too loosely."""
    return text.isascii() or all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)


def split_level_word(part: str) -> tuple[str, str | None]:
    """Split "Nangarhar province" into ("nangarhar", "province").

    Returns the normalized name without qualifiers ("near", "outskirts of") and the
    level the words asked for, if any.
    """
    key = normalize(part.split(" - ")[0])  # "FR Tank - Jandola": the first name
    previous = None
    while previous != key:
        previous = key
        key = _SPOT_WORDS.sub("", _QUALIFIERS.sub("", key))
    if _FRONTIER.match(key):
        return _FRONTIER.sub("", key), "district"
    level = None
    if " " not in key or not _ANY_LEVEL_WORD.search(key):  # a level word needs a name beside it
        return key, level
    for word in _LONGEST_FIRST:
        if key.endswith(" " + word):
            key, level = key[: -len(word) - 1].strip(), LEVEL_WORDS[word]
            break
        if key.startswith(word + " ") and word in ("province", "district", "city", "tehsil"):
            key, level = key[len(word) + 1 :].strip(), LEVEL_WORDS[word]
            key = key[3:] if key.startswith("of ") else key
            break
    if level is not None:  # "Sangin Valley district": the district is Sangin
        key = _SPOT_WORDS.sub("", key).strip() or key
    return key, level
