"""Tolls: how many were killed and injured, in digits or words, the attackers' own
dead kept apart ("two attackers were killed" is no victim)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from intake.document import Document, Hit
from intake.language import Language, language


@dataclass(frozen=True)
class _Grammar:
    """The count patterns of one language, built from its vocabulary."""

    after: dict[str, re.Pattern[str]]  # "41 people were killed"
    before: dict[str, re.Pattern[str]]  # "killing 41"
    toll: re.Pattern[str]  # "the death toll rose to 25"
    risen: re.Pattern[str]
    attackers: re.Pattern[str]
    and_more: re.Pattern[str]
    and_before: re.Pattern[str]  # "two police officers and" before "three civilians were killed"
    comma_before: re.Pattern[str]  # "three children," before "two women and five men"
    and_one: re.Pattern[str]
    one: re.Pattern[str]
    the_one: re.Pattern[str]
    and_some_of: re.Pattern[str]
    bomber: re.Pattern[str]
    verb: re.Pattern[str]  # a word saying killed or hurt
    was_killed: re.Pattern[str]  # "Constable Muhammad Tariq was shot and killed"
    left_dead: re.Pattern[str]  # "a fight that left five police and militiamen dead"
    militants_after: re.Pattern[str]  # "two" followed by "terrorists"
    him_and: re.Pattern[str]  # "killing him and two others"


@cache
def _grammar(lang: Language) -> _Grammar:
    words = "|".join(sorted([*lang.units, *lang.tens], key=len, reverse=True))
    quantities = "|".join(sorted([*lang.vague, *lang.dozens], key=len, reverse=True))
    quantity = (
        rf"(?P<mod>at least|more than|over|nearly|almost|about|around|some|up to|all)?\s*"
        rf"(?P<num>\d[\d,]*|(?:{words})(?:[- ](?:{words}))?(?:\s+dozen\b)?|{quantities})"
    )
    # up to three words before the people ("Afghan Local Police members"), never "and":
    # "killed 41 people and injured scores" gives no injured count of 41
    # "members of the same family", "members of one family": whose people they were
    people = (
        rf"(?:(?!and\b)[\w-]+\s+){{0,3}}?(?:{lang.words['nouns']})?"
        r"(?:\s+of\s+(?:the\s+|a\s+|one\s+)?(?:same\s+)?(?:[\w-]+\s+)?(?:family|household|clan))?"
    )
    killed, hurt = lang.words["killed"], lang.words["hurt"]
    verbs = {"killed": killed, "injured": hurt}
    return _Grammar(
        after={
            kind: re.compile(
                rf"\b{quantity}\s+{people}\s*,?\s*(?:including [^,.;]+,\s*)?"
                rf"(?P<aux>were |was |have been |had been |are |lay )?(?:{verb})\b"
                # "two attacks killed nine soldiers": with no "were", a count after the
                # verb makes it active; the first number counts the attacks
                rf"(?(aux)|(?!\s+(?:at least |more than |some |about )?(?:\d|(?:{words})\b)))",
                re.IGNORECASE,
            )
            for kind, verb in verbs.items()
        },
        before={
            "killed": re.compile(
                r"\b(?:killing|killed|kills|kill|leaving|shot dead|gunned down|guns? down|"
                r"martyred|martyring|deaths? of|lives of)\s+" + quantity + r"\b",
                re.IGNORECASE,
            ),
            "injured": re.compile(
                rf"\b(?:wounding|injuring|wounded|injured)\s+{quantity}\b", re.IGNORECASE
            ),
        },
        toll=re.compile(
            rf"\b(?:death )?toll (?:[\w,]+ ){{0,5}}?(?:to|at|of|is|was|as)\s+{quantity}"
            rf"\b(?!\s+(?:people\s+)?(?:{hurt}))",  # "put the toll at 23 wounded"
            re.IGNORECASE,
        ),
        risen=re.compile(
            r"\b(?:rose|rises|risen|rising|climbed|climbs|reached|reaches|jumped|"
            r"mounted|increased)\b",
            re.IGNORECASE,
        ),
        attackers=re.compile(rf"\b(?:{lang.words['attackers']})\b", re.IGNORECASE),
        and_more=re.compile(
            rf"^\s+(?:[\w-]+\s+){{0,3}}?and\s+{quantity}\s+(?!others? (?:were )?(?:{hurt}))",
            re.IGNORECASE,
        ),
        and_before=re.compile(
            rf"\b{quantity}\s+{people}\s*,?\s*\band\s*$",  # people's last word ate the space
            re.IGNORECASE,
        ),
        comma_before=re.compile(rf"\b{quantity}\s+{people}\s*,\s*$", re.IGNORECASE),
        and_one=re.compile(
            r"^\s+(?:[\w-]+\s+){0,3}?and\s+(?:a|an|one|their|his|her|the)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:driver|guard|bodyguard|interpreter|worker|policeman|"
            r"soldier|officer|child|guide)\b",
            re.IGNORECASE,
        ),
        # "killing a policeman", and in headlines with no article: "firing kills
        # civilian", "militants gun down police DSP".
        one=re.compile(
            r"\b(?:shot dead|gunned down|gun(?:s)? down|killed|kills?|killing|assassinated)\s+"
            r"(?P<num>an?\s+|one\s+|)"
            r"(?:[\w-]+\s+){0,3}?(?:worker|policeman|soldier|officer|journalist|cleric|"
            r"official|man|woman|child|student|guard|vaccinator|leader|elder|civilian|"
            r"dsp|sho|labou?rer|villager|teacher|doctor|lawyer|judge|commander|trader|"
            r"chief|governor|mayor)\b",
            re.IGNORECASE,
        ),
        # "killed the deputy governor of Badakhshan province and two of his
        # bodyguards": one person named by office, and those with them.
        the_one=re.compile(
            r"\b(?:killed|killing|assassinated|shot dead|gunned down)\s+the\s+"
            r"(?P<who>(?:[\w-]+\s+){0,2}?(?:governor|chief|commander|mayor|minister|"
            r"judge|cleric|imam|head|spokesman|lawmaker|senator|candidate))\b",
            re.IGNORECASE,
        ),
        and_some_of=re.compile(
            # "and two of his bodyguards", "and his two guards", "and two members of
            # his team"
            rf"^[^.;]{{0,60}}?\band\s+(?:(?:his|her|their)\s+)?{quantity}\s+(?:members\s+)?"
            r"(?:of\s+(?:his|her|their)\s+)?"
            r"(?:bodyguards|guards|aides|companions|relatives|children|sons|"
            r"colleagues|escorts|policemen|soldiers|team|crew|drivers?|others)\b",
            re.IGNORECASE,
        ),
        bomber=re.compile(r"\bthe (?:suicide )?bomber (?:was killed|died|blew)", re.IGNORECASE),
        verb=re.compile(rf"\b(?:{killed}|{hurt})\b", re.IGNORECASE),
        militants_after=re.compile(
            rf"\s+(?:suspected\s+)?(?:[\w-]+\s+)?(?:{lang.words['attackers']})\b", re.IGNORECASE
        ),
        left_dead=re.compile(
            rf"\b(?:left|leaving)\s+{quantity}\s+(?:[\w-]+\s+){{0,4}}?dead\b", re.IGNORECASE
        ),
        was_killed=re.compile(
            # "Zaman Sabari, the district governor for Nadershah Kot, was killed"
            r"(?P<who>\b[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,4})(?:,\s+(?:the|a|an)\s+[^,.;]{3,90}?,?)?"
            r"\s+was\s+(?:shot\s+(?:and\s+"
            r"killed|dead)|killed|martyred|gunned down|assassinated|stabbed to death)\b"
        ),
        him_and=re.compile(
            rf"\b(?:killing|killed|kills)\s+(?:him|her)\s+and\s+{quantity}\s+(?:others?|"
            rf"(?:of\s+)?(?:his|her)\s+[\w-]+|(?:{lang.words['nouns']}))\b",
            re.IGNORECASE,
        ),
    )


def number(text: str, lang: Language | None = None) -> int | None:
    """ "72", "1,200", "seventeen", "twenty-five", "dozens" -> a count (None if not one)."""
    lang = lang or language()
    text = text.strip().lower()
    if text in lang.vague or text in lang.dozens:
        return lang.vague.get(text) or lang.dozens[text]
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    if text.endswith(" dozen"):  # "two dozen"
        times = number(text[: -len(" dozen")], lang)
        return times * 12 if times else None
    parts = re.split(r"[- ]", text)
    units, tens = (
        {w: i for i, w in enumerate(lang.units)},
        {w: 10 * i for i, w in enumerate(lang.tens, 2)},
    )
    if all(p in units or p in tens for p in parts):
        return sum(units.get(p, 0) + tens.get(p, 0) for p in parts)
    return None


def counts(sentence: str, kind: str, lang: Language | None = None) -> list[Hit]:
    """The dead (``kind="killed"``) or injured written in ``sentence``; the attackers'
    own dead are left out (see ``attacker_counts``)."""
    lang = lang or language()
    g = _grammar(lang)
    found = []
    extra = (g.toll, g.left_dead) if kind == "killed" else ()
    for pattern in (g.after[kind], g.before[kind], *extra):
        for m in pattern.finditer(sentence):
            value = number(m.group("num"), lang)
            if value is None or (value > 1900 and value < 2100):  # a year, not a toll
                continue
            if kind == "killed" and g.attackers.search(m.group(0)[m.end("num") - m.start() :]):
                continue
            start = m.start("num")
            if pattern is g.before[kind]:
                value = _with_more(sentence, m, value, lang)
            elif pattern is g.after[kind]:
                value, start = _with_less(sentence, m, value, start, lang)
            word = m.group("num").lower()
            found.append(
                Hit(
                    value,
                    start,
                    m.end("num"),
                    vague=word in lang.vague,
                    update=pattern is g.toll and bool(g.risen.search(m.group(0))),
                )
            )
    if kind == "killed" and not found:
        found += _named_dead(sentence, g, lang)
    return sorted(set(found), key=lambda h: h.start)


def of_militants(sentence: str, hit: Hit, lang: Language | None = None) -> bool:
    """Whether a count of the dead counts militants ("gunned down two terrorists"):
    the attackers' side, not a toll of victims."""
    return bool(_grammar(lang or language()).militants_after.match(sentence, hit.end))


def _named_dead(sentence: str, g: _Grammar, lang: Language) -> list[Hit]:
    """The dead written as a person, not a number: "killing a policeman", "killed the
    deputy governor and two of his bodyguards"."""
    found = []
    for m in g.one.finditer(sentence):
        word = m.group("num").strip()  # "a", "one", or none: then the person is the span
        more = g.and_some_of.match(sentence[m.end() :])  # "... and his two guards"
        extra = number(more.group("num"), lang) if more else None
        start, end = m.span("num") if word else (m.start(), m.end())
        found.append(Hit(1 + (extra or 0), start, end))
    for m in g.was_killed.finditer(sentence):
        found.append(Hit(1, m.start(), m.end("who")))
    for m in g.him_and.finditer(sentence):
        others = number(m.group("num"), lang)
        if others is not None and m.group("num").lower() not in lang.vague:
            found.append(Hit(1 + others, m.start("num"), m.end("num")))
    for m in g.the_one.finditer(sentence):
        more = g.and_some_of.match(sentence[m.end() :])
        extra = number(more.group("num"), lang) if more else None
        tail = more.end() if more is not None and extra else 0
        found.append(Hit(1 + (extra or 0), m.start("who"), m.end() + tail))
    return found


def _with_more(sentence: str, m: re.Match[str], value: int, lang: Language) -> int:
    """ "killing two embassy staff and four Afghans" (or "... and their driver"):
    both groups are the toll."""
    g = _grammar(lang)
    more = g.and_more.match(sentence[m.end() :])
    more_count = number(more.group("num"), lang) if more else None
    # "killed 25 militants and eight civilians": both counted (a strike's toll is all
    # its dead); "killed two guards and three attackers": the attackers are not
    if (
        more
        and more_count is not None
        and not g.attackers.search(more.group(0)[more.start("num") :])
    ):
        return value + more_count
    if g.and_one.match(sentence[m.end() :]):
        return value + 1
    return value


# "two police officers and " before "three civilians were killed": a count, up to
# three words and "and" fit in this many characters; searching the whole sentence
# before each toll for them cost a tenth of the reading.
_BEFORE_WINDOW = 120


def _with_less(
    sentence: str, m: re.Match[str], value: int, start: int, lang: Language
) -> tuple[int, int]:
    """ "two police officers and three civilians were killed": the toll is both
    groups, written from the first (the attackers' own dead are no part of it)."""
    g = _grammar(lang)
    before = g.and_before.search(sentence, max(0, m.start() - _BEFORE_WINDOW), m.start())
    if before is None or g.attackers.search(before.group(0)):
        return value, start
    if g.verb.search(before.group(0)):
        return value, start  # "11 people dead and 23 wounded": two tolls, not one
    more = number(before.group("num"), lang)
    if more is None or before.group("num").lower() in lang.vague:
        return value, start
    value, start = value + more, before.start("num")
    while (item := g.comma_before.search(sentence[: before.start()])) is not None:
        count = number(item.group("num"), lang)  # "three children, two women and ..."
        if (
            count is None
            or g.attackers.search(item.group(0))
            or item.group("num").lower() in lang.vague
        ):
            break
        value, start, before = value + count, item.start("num"), item
    return value, start


def attacker_counts(sentence: str, lang: Language | None = None) -> list[Hit]:
    """Attackers or militants reported dead in the sentence ("two attackers were
    killed", "15 militants killed", "the bomber died"), each with its span."""
    lang = lang or language()
    g = _grammar(lang)
    found, listed = [], []
    for m in g.after["killed"].finditer(sentence):
        if g.attackers.search(m.group(0)[m.end("num") - m.start() :]):
            value = number(m.group("num"), lang)
            if value:
                found.append(Hit(value, m.start("num"), m.end("num")))
        # "80 militants and two soldiers were killed": the 80
        before = g.and_before.search(sentence, max(0, m.start() - _BEFORE_WINDOW), m.start())
        if before is not None and g.attackers.search(before.group(0)):
            value = number(before.group("num"), lang)
            if value and before.group("num").lower() not in lang.vague:
                listed.append(Hit(value, before.start("num"), before.end("num")))
    found += listed
    bomber = g.bomber.search(sentence)
    if bomber:
        found.append(Hit(1, bomber.start(), bomber.end()))
    return found


# Every count pattern needs one of these stems; a sentence without any holds no toll.
_CASUALTY = re.compile(
    r"kill|dead|die|death|toll|lives|slain|perish|martyr|shot|gun|wound|injur|hurt|"
    r"leaving|assassin|bomber",
    re.IGNORECASE,
)


def annotate(doc: Document, lang: Language) -> None:
    for sentence in doc.sentences:
        if not _CASUALTY.search(sentence.text):
            continue  # most sentences give no toll: one search instead of a dozen
        sentence.killed = counts(sentence.text, "killed", lang)
        sentence.injured = counts(sentence.text, "injured", lang)
        sentence.attackers = attacker_counts(sentence.text, lang)
