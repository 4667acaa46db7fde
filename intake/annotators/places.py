"""Place mentions: the names a sentence gives as where something happened ("in",
"near", "at", "outside" a capitalised name), with what the words around them say
(the district or province after it, the country before it, a speaker's whereabouts,
a destination).  The gazetteer is asked later, once per mention the assembly needs
(``intake.placing``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from intake.annotators.groups import is_armed_group
from intake.document import Document, PlaceMention
from intake.language import Language

# Words between a country's possessive and the place: "Pakistan's restive Balochistan".
_EPITHETS = (
    r"(?:(?:restive|troubled|volatile|remote|tribal|insurgency-hit|militancy-hit|"
    r"(?:north|south)?(?:east|west)?(?:ern)?|northern|southern|central)\s+)*"
)
# What follows a place and contains it: "... of Chak district, Wardak", ", Helmand".
_AREA_NAME = (
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
    r"(?:\s+(?:district|province|agency|tehsil|division))?"
)
_CONTAINERS = re.compile(
    r"(?:\s+(?:district|area|tehsil))?(?:\s*(?:of|in)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)(?:ern)?\s+)?|,\s*)"
    r"(?P<more>" + _AREA_NAME + r"(?:,\s*" + _AREA_NAME + r")*)(?=[,.;:)]|\s*$|\s+[a-z])"
)
# Where people were going, not where the attack was.
_DESTINATION = re.compile(
    r"\b(?:travel(?:l?ing)? to|bound for|heading (?:to|for)|en route to|"
    r"on (?:its|their|his|her) way to|destined for|(?:a|the) (?:train|bus|"
    r"flight|convoy) (?:to|for))\s+(?:the\s+)?"
    # "travelling to work in Bannu": where he was, not where he was going
    r"(?:(?!in\b|at\b|near\b)[\w-]+\s+){0,3}(?:of\s+)?$",
    re.IGNORECASE,
)
# "a spokesman in Kabul said", but not "in Mastung on Sunday, officials said".
# ", officials said" after the place is attribution, not a speaker's whereabouts.
_SPEAKER = re.compile(
    r"^\s*(?:(?!on\b|during\b|late\b|early\b|last\b|overnight\b)[\w'’]+\s+)"
    r"{0,3}?(?:said|told|says|added|announced)\b"
    r"|^\W*(?:on|by)\s+(?:phone|telephone)"
    # "X in Balkh and Y in Herat contributed to this report": where reporters sat
    r"|^[^.]*\bcontributed to (?:this|the) report",
    re.IGNORECASE,
)
_SPEAKER_BEFORE = re.compile(
    r"(?:spokes(?:man|woman|person)|statement|told reporters|speaking|"
    r"briefing)\W+(?:\w+\W+){0,2}"
    r"(?:in|from|at)\s+(?:the\s+)?$"
    # "the interior ministry in Kabul accused ...": where an office sits, not the attack
    r"|\b(?:ministry|government|embassy|office|headquarters)\s+(?:in|from)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Patterns:
    place: re.Pattern[str]
    opening: re.Pattern[str]
    owned: re.Pattern[str]
    bare_kind: re.Pattern[str]
    named: re.Pattern[str]  # the region's countries as names, not adjectives
    when: re.Pattern[str]  # a month or a day, which is no place: "in Jhal Magsi in March"
    capital: re.Pattern[str]  # "the Afghan capital"


@cache
def _patterns(lang: Language) -> _Patterns:
    local = tuple(c for c in lang.countries if c.code != "US")
    names = lang.alternatives("words", countries=local)
    people = lang.alternatives("adjectives", countries=local)
    months = {m for name in lang.months for m in (name, name[:3])} | {"sept"}
    not_a_place = (
        rf"(?!(?i:{'|'.join(sorted(months | set(lang.weekdays), key=len, reverse=True))})\b)"
    )
    kinds = r"(?:city|town|village|province|district|capital|port city)"
    return _Patterns(
        place=re.compile(
            r"\b(?:in|near|at|outside|around|on the outskirts of|of|"
            r"(?:hit|struck|targeted|stormed|rocked|shook|attacked|bombed|raided|captured|"
            r"overran|seized)(?=\s+(?:the\s+)?(?:[a-z-]+\s+)?[A-Z]))\s+"
            # "the busy Torkham border crossing", "the embattled Bala Murghab district"
            r"(?:the\s+(?:(?!of\b|in\b|at\b|and\b)[a-z][a-z-]+,?\s+){0,2}(?=[A-Z]))?"
            # "in central Quetta", "in northern Helmand": the direction is not the place
            r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+|central\s+)?"
            r"(?P<name>" + not_a_place + rf"(?:(?:{names})['’]s\s+" + _EPITHETS + r")?"
            r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|(?:e|i|ul)\b))*(?:\s+(?:district|"
            r"province|city|town|village|area|tehsil|agency|airport|border crossing|"
            r"border|crossing))?)"
        ),
        opening=re.compile(
            r"^\W*(?:In|Near|At|Outside|Elsewhere in|Meanwhile in)\s+(?:the\s+)?"
            r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
        ),
        # "Pakistan's Lahore", "Pakistani city of Lahore": the country says where to
        # look; the place is what follows.
        owned=re.compile(
            rf"^(?P<country>{names})['’]s\s+" + _EPITHETS + rf"|^(?P<people>{people})\s+"
            rf"{kinds}(?:\s+of)?\s+"
        ),
        bare_kind=re.compile(rf"^(?:{people})\s+{kinds}$"),
        when=re.compile(
            rf"(?i:{'|'.join(sorted(months | set(lang.weekdays), key=len, reverse=True))})\.?"
            r"(?:\s+\d{1,4})?$"
        ),
        named=re.compile(rf"\b({lang.alternatives('words', countries=lang.region)})\b(?!i)"),
        capital=re.compile(rf"\bthe\s+(?P<people>{people})\s+capital\b"),
    )


def country_of(text: str, lang: Language) -> str:
    """The one country of the region the report names, or "" (none, or both)."""
    named = set()
    for m in _patterns(lang).named.finditer(text):
        country = lang.country(m.group(1))
        if country is not None:
            named.add(country.name)
    return named.pop() if len(named) == 1 else ""


# "claimed the Kunduz attack": an attack called by its place
_EVENT_AT = re.compile(
    r"\bthe\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s+(?=(?:attacks?|bombings?|"
    r"blasts?|assaults?|raids?|ambush|massacre|killings?)\b)"
)


# "in a western Kabul neighbourhood": the city the area is named by
_AREA_OF = re.compile(
    r"\b(?:in|near|at)\s+an?\s+(?:[a-z-]+\s+){0,2}(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"\s+(?=(?:neighbou?rhood|suburb|district|area|village|town|city|province)\b)"
)


def mentions(sentence: str, lang: Language) -> list[PlaceMention]:
    """The place names ``sentence`` gives, in order."""
    found: list[PlaceMention] = []
    for pattern in (_patterns(lang).place, _EVENT_AT, _AREA_OF):
        for m in pattern.finditer(sentence):
            mention = _mention(sentence, m, lang)
            if mention is not None and all(f.start != mention.start for f in found):
                found.append(mention)
    found += [c for c in _capitals(sentence, lang) if all(f.start != c.start for f in found)]
    return sorted(found, key=lambda f: f.start)


def _capitals(sentence: str, lang: Language) -> list[PlaceMention]:
    """ "the Afghan capital", "the Pakistani capital": the country's capital city."""
    if "capital" not in sentence:
        return []
    found = []
    for m in _patterns(lang).capital.finditer(sentence):
        country = lang.country(m.group("people"))
        if country is not None and country.capital:
            found.append(
                PlaceMention(
                    name=country.capital,
                    query=country.capital,
                    hint=country.name,
                    start=m.start(),
                    end=m.end(),
                    speaker=bool(_SPEAKER.search(sentence[m.end() :])),
                )
            )
    return found


def opening(sentence: str, lang: Language) -> PlaceMention | None:
    """A round-up item's opening place: "In Herat, gunmen ..."."""
    m = _patterns(lang).opening.match(sentence)
    return _mention(sentence, m, lang) if m else None


def annotate(doc: Document, lang: Language) -> None:
    doc.country = country_of(doc.text, lang)
    for sentence in doc.sentences:
        sentence.places = mentions(sentence.text, lang)
        sentence.opening = opening(sentence.text, lang)


def _mention(sentence: str, m: re.Match[str], lang: Language) -> PlaceMention | None:
    name, start, hint = _owned(m.group("name"), m.start("name"), lang)
    name = _before_a_date(name, lang)  # "in Peshawar October 16th": the city
    name, start, owner = _possessed(name, start, lang)
    if not name or is_armed_group(name):  # "attacks by the Taliban" is no place
        return None
    query = _query(name, sentence, m.end("name"), lang)
    kind = _KIND_BEFORE.search(sentence[:start])
    if kind and not re.search(r"\b(?:district|province)\b", query.split(", ")[0]):
        first, _, rest = query.partition(", ")  # "the province of Kandahar": the province
        query = f"{first} {kind.group(1).lower()}" + (f", {rest}" if rest else "")
    return PlaceMention(
        name=name,
        query=f"{query}, {owner}" if owner and owner not in query else query,
        hint=hint,
        start=start,
        end=min(m.end("name"), start + len(name)),
        speaker=not _LOCALS.search(sentence[: m.start("name")])
        and bool(
            _SPEAKER.search(sentence[m.end() :])
            or _SPEAKER_BEFORE.search(
                sentence[: m.start()] + m.group(0)[: m.start("name") - m.start()]
            )
        ),
        destination=bool(_DESTINATION.search(sentence[: m.start("name")])),
        near=bool(_NEAR.match(m.group(0))),
    )


# "Police in Nangarhar province said": local people speak from where it happened
_LOCALS = re.compile(
    r"\b(?:police|officials|authorities|residents|witnesses|villagers|elders|doctors)\s+"
    r"in\s+(?:the\s+)?(?:[a-z]+\s+)?$",
    re.IGNORECASE,
)
# "near Kabul", "outside Peshawar", "south of the capital": around a place, not in it
_NEAR = re.compile(r"(?i:near|outside|around|on the outskirts of)\b")


def _before_a_date(name: str, lang: Language) -> str:
    """The name without a month or weekday its capitals ran into."""
    words = name.split()
    for number, word in enumerate(words[1:], 1):
        if _patterns(lang).when.match(word.rstrip(",.")):
            return " ".join(words[:number])
    return name


def _owned(name: str, start: int, lang: Language) -> tuple[str, int, str]:
    """The place name without a country's possessive before it, where it now starts,
    and that country ("" when none)."""
    p = _patterns(lang)
    if p.bare_kind.match(name):
        return "", start, ""  # "the Pakistani city" of Lahore: the name comes next
    m = p.owned.match(name)
    if m is None:
        return name, start, ""
    country = lang.country(m.group("country") or m.group("people"))
    return name[m.end() :].strip(), start + m.end(), country.name if country else ""


# "the southern province of Kandahar", "the district of Sangin": the level, said first
_KIND_BEFORE = re.compile(
    r"\b(?i:the|a)\s+(?:[a-z-]+\s+){0,2}(?i:(province|district))\s+of\s+(?:the\s+)?$"
)
# "Helmand's Nad Ali district": the district, in the province that owns it
_POSSESSIVE = re.compile(
    r"^(?P<owner>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})['’]s(?:\s+" + _EPITHETS + r"(?=[A-Z])|$)"
)


def _possessed(name: str, start: int, lang: Language) -> tuple[str, int, str]:
    """The place after a place's possessive, where it starts, and its owner as a
    container ("Herat's Pashtoon Zarghun district" -> the district, "Herat"); a
    possessive with no place after it is the owner alone ("Kabul's" western
    suburbs -> "Kabul").  A country outside the region owns no place here: "Voice
    of America's Pashto service" names none."""
    m = _POSSESSIVE.match(name)
    if m is None or m.group("owner").isupper():  # "the DPO's office": an office, no place
        return name, start, ""
    if lang.country(m.group("owner")) is not None:
        return "", start, ""
    rest = name[m.end() :].strip()
    if not rest:
        return m.group("owner"), start, ""
    return rest, start + m.end(), m.group("owner")


def _container(part: str, lang: Language) -> list[str]:
    """A container part, its possessive read as a further container."""
    name, _, owner = _possessed(part, 0, lang)
    return [name, owner] if owner else [name]


def _query(name: str, sentence: str, end: int, lang: Language) -> str:
    """The name with the district or province the sentence adds ("X district of Y
    province" -> "X, Y"; "the Tangi area of Chak district, Wardak" -> "Tangi, Chak
    district, Wardak"; "Mir Ali, North Waziristan Agency"), so a village is looked
    for inside the right area."""
    after = _CONTAINERS.match(sentence, end)
    # "Kandahar province" is the province, not its capital: the level word stays for
    # the gazetteer to read; "city", "village" and "area" say nothing it needs.
    cleaned = re.sub(r"\s+(?:city|town|village|area)$", "", name)
    if after is None:
        return cleaned
    parts = [
        c
        for p in re.split(r",\s*", after.group("more"))
        if p.strip()
        for c in _container(p.strip(), lang)
    ]
    parts = [p for p in parts if not _patterns(lang).when.match(p)]  # "in March": no place
    return ", ".join([cleaned, *parts])
