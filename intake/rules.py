"""The words intake reads a report by: event triggers, perpetrators and how they are
named as responsible, targets, counts of dead and injured, and dates.

Rules, not a model: each is a pattern a reviewer can read and argue with, and each
hit keeps its span in the sentence, so the Review page can show why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from incidents.registry import Registry, plain, plain_text, registry

# Event types, most specific first: "suicide bombing" before "bombing".
EVENT_TYPES: tuple[tuple[str, str], ...] = (
    (
        "Suicide bombing",
        r"suicide (?:bomb(?:ing|er|ers)?|attack(?:er|ers)?|blast|car bomb(?:ing)?)"
        r"|blew (?:himself|herself|themselves) up",
    ),
    (
        "Airstrike",
        r"drone strikes?|air ?strikes?|airstrikes?|air raids?|aerial bombardment"
        r"|missile (?:attacks?|strikes?)|(?:u\.?s\.?|american|drone) (?:missile )?strikes?"
        r"|(?:fighter jets|gunship helicopters|jets|drones?) (?:kill|pound|struck|hit)",
    ),
    (
        "Shelling",
        r"rockets?|mortars?|shelling|artillery|shells? (?:fly|flew|hit|landed)"
        r"|pound(?:s|ed|ing)? (?:\w+ ){0,2}(?:hideouts?|positions?|targets?|bases?)",
    ),
    (
        "Bombing",
        r"roadside bombs?|bombings?|bombs?|blasts?|explosions?|explosives?|\bIEDs?\b"
        r"|improvised explosive devices?|grenades?",
    ),
    ("Abduction", r"abduct(?:ed|ion|s)?|kidnapp?(?:ed|ing|s)?"),
    ("Targeted killing", r"shot dead|gunned down|guns? down|assassinat(?:ed|ion)|targeted killing"),
    (
        "Armed assault",
        r"gunmen|armed (?:men|attackers|assailants)|opened fire|stormed|ambush(?:ed)?"
        r"|(?:militants|insurgents|attackers|fighters) (?:attacked|raided)"
        r"|attacked .{0,40}with (?:guns|rifles)",
    ),
    (
        "Armed clash",
        r"clash(?:es|ed)?|firefights?|gun ?battles?|exchange of fire|gun-?fights?"
        r"|shoot-?outs?|encounters?|skirmish\w*|cross-border (?:fire|firing)"
        r"|ceasefire violations?|(?:exchanged?|trade[sd]?|trading) (?:fresh )?(?:border )?fire"
        r"|(?:indian|pakistani|afghan) (?:fire|firing|shooting)\b"
        r"|(?:military|security|army) operations?|operations? against",
    ),
    (
        "Attack",
        r"attack(?:s|ed)?(?= .{0,80}\b(?:killed|killing|wounded|dead|injured|casualties)\b)"
        # headlines put the toll first: "Seven killed in attack", "raids kill 62"
        r"|\b(?:killed|kill(?:s|ing)?)\b(?= .{0,60}\b(?:attacks?|assault|raids?|violence"
        r"|strikes?)\b)|\braids? kill"
        # a headline that says only who died: "Three policemen killed in northwest
        # Pakistan", "Militants kill 1 soldier", "bodies found"
        r"|\b(?:killed|kills?|killing|martyred|slain|shot|beheaded|lynched)\b"
        r"|\bbod(?:y|ies) (?:\w+ ){0,2}(?:found|recovered)",
    ),
)
_EVENT = [(name, re.compile(rf"\b(?:{pattern})", re.IGNORECASE)) for name, pattern in EVENT_TYPES]

# Sentences about something that did not (yet) happen are not incidents.
NOT_AN_EVENT = re.compile(
    r"\b(?:threaten(?:ed|s)?|warn(?:ed|s|ing)?|plann(?:ed|ing)|plans? to|would|will|could|"
    r"(?-i:may)(?! \d)|"  # the verb, not the month: "killed on May 3" is an event
    r"vow(?:ed|s)?|foiled|thwarted|defused|meeting|met with|talks|condemn(?:ed|s)?|anniversary)\b",
    re.IGNORECASE,
)
# A sentence that says it is about another attack starts an incident of its own.
SEPARATE = re.compile(
    r"\b(?:in a separate (?:attack|incident)|separately|in another (?:attack|"
    r"incident)|earlier on|later on|elsewhere)\b",
    re.IGNORECASE,
)
# A sentence that recalls an earlier attack starts an incident of its own.
RECAP = re.compile(
    r"\b(?:last (?:week|month|year)|earlier this (?:month|year)|previous(?:ly)?|"
    r"in (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b|recalled|similar attack|months? ago|years? ago|"
    r"came (?:days|weeks) after)",
    re.IGNORECASE,
)

# Perpetrators: the name written in the incident's actor column, and its patterns.

# A state's forces as the ones who killed: "Pakistani troops kill 10 militants", "Indian
# firing kills one", "Police kill local Taleban commander", "killed by security forces".
# The group named after the verb is then the target, not the perpetrator.
_STATES = {
    "pakistan": "Pakistan",
    "pakistani": "Pakistan",
    "pak": "Pakistan",
    "india": "India",
    "indian": "India",
    "afghan": "Afghanistan",
    "afghanistan": "Afghanistan",
    "iran": "Iran",
    "iranian": "Iran",
    "us": "United States of America",
    "u.s.": "United States of America",
    "american": "United States of America",
}
_ADJECTIVE = r"(?P<adj>pakistani?|pak|indian|afghan|iranian|u\.s\.|us|american)"
_FORCES = (
    r"(?:security forces|forces|troops|army|military|police|policemen|soldiers|jets|"
    r"fighter jets|gunship helicopters|helicopters|rangers|frontier corps|paramilitar\w+|"
    r"(?:anti|counter)-terror\w* (?:personnel|department|police|forces)|ctd)"
)
_KILL = r"(?:kill(?:s|ed)?|pound(?:s|ed)?|raid(?:s|ed)?|shot dead|gun(?:ned)? down|eliminat\w+)"
STATE_AGENT = [
    re.compile(
        rf"\b{_ADJECTIVE}\s+(?:cross-border\s+|border\s+)?(?:fire|firing|shelling|"
        rf"shooting)\b",
        re.IGNORECASE,
    ),
    # active voice only: "soldiers were killed" says who died, not who killed
    re.compile(
        rf"\b(?:{_ADJECTIVE}\s+)?{_FORCES}\s+(?:(?!(?:were|was|been|are|is|being|"
        rf"and|or)\b)\w+\s+){{0,2}}?{_KILL}\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"^\W*(?P<adj>pakistan|pak|india|afghanistan)\s+(?:says\s+(?:it\s+)?|claims\s+)?"
        r"(?:kills?|killed|killing|pounds?)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\bkilled\s+(?:by|in)\s+(?:an?\s+|the\s+)?(?:{_ADJECTIVE}\s+)?(?:{_FORCES}|"
        rf"(?:military|security|counter-terror\w*)\s+(?:operation|raid)s?)\b",
        re.IGNORECASE,
    ),
]
_COUNTRY_WORD = re.compile(
    r"\b(pakistan|pakistani|pak|afghanistan|afghan|india|indian)\b", re.IGNORECASE
)


# Whose aircraft or forces struck, when the words say so: a coalition or NATO air
# strike was given to the Taliban it was aimed at; "NATO said its aircraft".
_AERIAL = (
    r"(?:air|aerial)[- ]?(?:strikes?|raids?|attacks?)|airstrikes?|aircraft|warplanes|jets|"
    r"helicopters?|gunships?|drones?(?:[- ]strikes?)?|missiles?|bombing raids?"
)
FOREIGN_AGENT = (
    (
        "International forces (NATO/ISAF)",
        re.compile(
            rf"\b(?:NATO|ISAF|coalition|international|alliance)(?:[- ]led)?(?:\s+and\s+Afghan)?"
            rf"(?:\s+(?:forces|troops))?\s+(?:{_AERIAL})\b"
            r"|\b(?:NATO|ISAF|the coalition|the alliance)\s+(?:said|says|acknowledged|confirmed)"
            r"\s+(?:that\s+)?(?:its|their)\s+(?:aircraft|forces|troops|soldiers|jets|helicopters)",
            re.IGNORECASE,
        ),
    ),
    (
        "Government of United States of America",
        re.compile(
            rf"\b(?:U\.S\.|US|American|CIA|U\.S\.-operated|American-operated)\s+"
            rf"(?:unmanned\s+|pilotless\s+|spy\s+)?(?:{_AERIAL})\b",
            re.IGNORECASE,
        ),
    ),
)


def state_agent(sentence: str, context: str = "", country: str = "") -> Hit | None:
    """ "Government of X" when the sentence has a state's forces doing the killing; X
    from the words ("Indian firing"), else the first country the report names, else
    ``country`` (the incident's place).  International forces or a foreign state's
    aircraft when the words name them.  None when no state is the agent."""
    for name, pattern in FOREIGN_AGENT:
        m = pattern.search(sentence)
        if m is not None:
            return Hit(name, m.start(), m.end())
    for pattern in STATE_AGENT:
        m = pattern.search(sentence)
        if m is None:
            continue
        word = (m.groupdict().get("adj") or "").lower()
        named = _STATES.get(word)
        if named is None:
            mentioned = _COUNTRY_WORD.search(sentence) or _COUNTRY_WORD.search(context)
            named = _STATES.get(mentioned.group(1).lower()) if mentioned else country or None
        if named:
            return Hit(f"Government of {named}", m.start(), m.end())
    return None


CLAIMED = re.compile(
    r"claim(?:ed|s|ing)? (?:responsibility|the attack|the bombing|it)"
    r"|responsibility was claimed|said it (?:had )?carried out",
    re.IGNORECASE,
)
# "No group claimed it" is not a claim; "X has carried out similar attacks" is background.
NO_CLAIM = re.compile(
    r"\b(?:no (?:group|one)|nobody|no immediate claim|(?:has|have|did) not|"
    r"neither)\b",
    re.IGNORECASE,
)
CONTEXT_ONLY = re.compile(
    r"\bsimilar attacks\b|\bcarried out (?:many|several|previous|other|"
    r"past) attacks\b|\bis active in\b|\boperates in\b",
    re.IGNORECASE,
)
DENIED = re.compile(r"\bden(?:ied|ies|y)\b|distanced", re.IGNORECASE)
BLAMED = re.compile(r"\bblam(?:ed|es|ing)\b|\baccused\b|\bheld responsible\b", re.IGNORECASE)
SUSPECTED = re.compile(r"\bsuspect(?:ed|s)?\b|\bbelieved to\b|\blikely\b", re.IGNORECASE)

TARGETS: tuple[tuple[str, str], ...] = (
    ("Polio workers", r"polio|vaccinat\w+"),
    ("Worshippers", r"mosque|worshipp?ers|imambargah|imam bargah|prayers"),
    # "police said" names a speaker, not a target
    (
        "Police",
        r"police(?:men| officers?| station| post)?(?! (?:said|say|says|told|spokes\w+))"
        r"|constables?",
    ),
    ("Soldiers", r"soldiers|troops|army|security forces|frontier corps|paramilitar\w+"),
    ("Checkpoint", r"checkpoints?|check posts?"),
    (
        "Foreign nationals",
        r"foreigners|foreign nationals|chinese (?:nationals|engineers|workers)"
        r"|tourists",
    ),
    ("Students", r"students|school|university|college"),
    ("Journalists", r"journalists?|reporters?"),
    ("Civilians", r"civilians|passengers|shoppers|market|bus"),
)
_TARGETS = [(name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)) for name, pattern in TARGETS]

# --- numbers ------------------------------------------------------------------------

UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if w != "_"
}
# Vague quantities: the smallest number the word can mean, flagged as vague.
VAGUE = {
    "a few": 3,
    "several": 3,
    "a dozen": 12,
    "dozens": 24,
    "two dozen": 24,
    "scores": 40,
    "hundreds": 200,
}
DOZENS = ("a dozen", "two dozen")  # counts said in words, not vague
_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
QUANTITY = (
    rf"(?P<mod>at least|more than|over|nearly|almost|about|around|some|up to)?\s*"
    rf"(?P<num>\d[\d,]*|(?:{_WORD})(?:[- ](?:{_WORD}))?|"
    rf"{'|'.join(sorted(VAGUE, key=len, reverse=True))})"
)
# up to three words before the people ("Afghan Local Police members"), never "and":
# "killed 41 people and injured scores" gives no injured count of 41
_PEOPLE = (
    r"(?:(?!and\b)[\w-]+\s+){0,3}?(?:people|persons|civilians|worshipp?ers|soldiers|troops|"
    r"policemen|police(?: officers)?|officers|members|children|women|students|workers|"
    r"passengers|personnel|militants|attackers|assailants|gunmen|bombers?|others?|"
    r"guards|pilgrims|labourers|laborers|miners)?"
)
_ATTACKERS = re.compile(
    r"\b(?:militants|attackers|assailants|gunmen|bombers?|insurgents|"
    r"terrorists|fighters)\b",
    re.IGNORECASE,
)
KILLED = r"(?:killed|dead|died|lost their lives|were slain|perished|martyred)"
HURT = r"(?:wounded|injured|hurt)"
_AFTER = {
    kind: re.compile(
        rf"\b{QUANTITY}\s+{_PEOPLE}\s*,?\s*(?:including [^,.;]+,\s*)?"
        rf"(?:were |was |have been |had been |are |lay )?{verb}\b",
        re.IGNORECASE,
    )
    for kind, verb in (("killed", KILLED), ("injured", HURT))
}
_BEFORE = {
    kind: re.compile(rf"\b{verb}\s+{QUANTITY}\b", re.IGNORECASE)
    for kind, verb in (
        (
            "killed",
            r"(?:killing|killed|kills|kill|leaving|shot dead|gunned down|"
            r"guns? down)",
        ),
        ("injured", r"(?:wounding|injuring|wounded|injured)"),
    )
}
_RISEN = re.compile(
    r"\b(?:rose|rises|risen|rising|climbed|climbs|reached|reaches|jumped|"
    r"mounted|increased)\b",
    re.IGNORECASE,
)
_TOLL = re.compile(
    rf"\b(?:death )?toll (?:[\w,]+ ){{0,5}}?(?:to|at|of|is|was|as)\s+{QUANTITY}", re.IGNORECASE
)


@dataclass(frozen=True)
class Hit:
    """One thing found in a sentence: its value and where it was written."""

    value: Any  # a count (int), a name (str) or a date, by what was looked for
    start: int
    end: int
    vague: bool = False
    update: bool = False  # "the death toll rose to 25": a later figure, not another one


def number(text: str) -> int | None:
    """ "72", "1,200", "seventeen", "twenty-five", "dozens" -> a count (None if not one)."""
    text = text.strip().lower()
    if text in VAGUE:
        return VAGUE[text]
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    parts = re.split(r"[- ]", text)
    if all(p in UNITS or p in TENS for p in parts):
        return sum(UNITS.get(p, 0) + TENS.get(p, 0) for p in parts)
    return None


def counts(sentence: str, kind: str) -> list[Hit]:
    """The dead (``kind="killed"``) or injured written in ``sentence``; the attackers'
    own dead are left out (see ``attacker_counts``)."""
    found = []
    for pattern in (_AFTER[kind], _BEFORE[kind]) + ((_TOLL,) if kind == "killed" else ()):
        for m in pattern.finditer(sentence):
            value = number(m.group("num"))
            if value is None or (value > 1900 and value < 2100):  # a year, not a toll
                continue
            if kind == "killed" and _ATTACKERS.search(m.group(0)[m.end("num") - m.start() :]):
                continue
            if pattern is _BEFORE[kind]:
                value = _with_more(sentence, m, value)
            found.append(
                Hit(
                    value,
                    m.start("num"),
                    m.end("num"),
                    vague=m.group("num").lower() in VAGUE and m.group("num").lower() not in DOZENS,
                    update=pattern is _TOLL and bool(_RISEN.search(m.group(0))),
                )
            )
    if kind == "killed" and not found:
        for m in _ONE.finditer(sentence):
            word = m.group("num").strip()  # "a", "one", or none: then the person is the span
            found.append(Hit(1, *(m.span("num") if word else (m.start(), m.end()))))
        for m in _THE_ONE.finditer(sentence):
            more = _AND_SOME_OF.match(sentence[m.end() :])
            extra = number(more.group("num")) if more else None
            tail = more.end() if more is not None and extra else 0
            found.append(Hit(1 + (extra or 0), m.start("who"), m.end() + tail))
    return sorted(set(found), key=lambda h: h.start)


_AND_MORE = re.compile(
    rf"^\s+(?:[\w-]+\s+){{0,3}}?and\s+{QUANTITY}\s+(?!others? (?:were )?{HURT})", re.IGNORECASE
)
# "killing a policeman", and in headlines with no article: "firing kills civilian",
# "militants gun down police DSP".
_ONE = re.compile(
    r"\b(?:shot dead|gunned down|gun(?:s)? down|killed|kills?|killing|assassinated)\s+"
    r"(?P<num>an?\s+|one\s+|)"
    r"(?:[\w-]+\s+){0,2}?(?:worker|policeman|soldier|officer|journalist|cleric|"
    r"official|man|woman|child|student|guard|vaccinator|leader|elder|civilian|"
    r"dsp|sho|labou?rer|villager|teacher|doctor|lawyer|judge|commander|trader)\b",
    re.IGNORECASE,
)


# "killed the deputy governor of Badakhshan province and two of his bodyguards": one
# person named by office, and those with them.
_THE_ONE = re.compile(
    r"\b(?:killed|killing|assassinated|shot dead|gunned down)\s+the\s+"
    r"(?P<who>(?:[\w-]+\s+){0,2}?(?:governor|chief|commander|mayor|minister|"
    r"judge|cleric|imam|head|spokesman|lawmaker|senator|candidate))\b",
    re.IGNORECASE,
)
_AND_SOME_OF = re.compile(
    rf"^[^.;]{{0,60}}?\band\s+{QUANTITY}\s+(?:of\s+(?:his|her|their)\s+)?"
    r"(?:bodyguards|guards|aides|companions|relatives|children|sons|"
    r"colleagues|escorts|policemen|soldiers)\b",
    re.IGNORECASE,
)


_AND_ONE = re.compile(
    r"^\s+(?:[\w-]+\s+){0,3}?and\s+(?:a|an|one|their|his|her|the)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:driver|guard|bodyguard|interpreter|worker|policeman|"
    r"soldier|officer|child|guide)\b",
    re.IGNORECASE,
)


def _with_more(sentence: str, m: re.Match, value: int) -> int:
    """ "killing two embassy staff and four Afghans" (or "... and their driver"):
    both groups are the toll."""
    more = _AND_MORE.match(sentence[m.end() :])
    more_count = number(more.group("num")) if more else None
    if more and more_count is not None and not _ATTACKERS.search(more.group(0)):
        return value + more_count
    if _AND_ONE.match(sentence[m.end() :]):
        return value + 1
    return value


def attacker_counts(sentence: str) -> list[Hit]:
    """Attackers or militants reported dead in the sentence ("two attackers were
    killed", "15 militants killed", "the bomber died"), each with its span."""
    found = []
    for m in _AFTER["killed"].finditer(sentence):
        if _ATTACKERS.search(m.group(0)[m.end("num") - m.start() :]):
            value = number(m.group("num"))
            if value:
                found.append(Hit(value, m.start("num"), m.end("num")))
    bomber = re.search(
        r"\bthe (?:suicide )?bomber (?:was killed|died|blew)", sentence, re.IGNORECASE
    )
    if bomber:
        found.append(Hit(1, bomber.start(), bomber.end()))
    return found


def _first(table: list[tuple[str, re.Pattern]], sentence: str) -> Hit | None:
    """The first entry of ``table`` (in its order of priority) the sentence matches."""
    for name, pattern in table:
        m = pattern.search(sentence)
        if m:
            return Hit(name, m.start(), m.end())
    return None


def event_type(sentence: str) -> Hit | None:
    return _first(_EVENT, sentence)


def actors(sentence: str) -> list[Hit]:
    """Every perpetrator group named in the sentence, each once, first named first,
    under its registry name (``incidents.registry``: the one actor vocabulary, the
    user's file included).  The longest name wins where two overlap: "Tehrik-i-Taliban
    Pakistan" is not also read as "Taliban"."""
    spans = sorted((m for m in _actor_matches(sentence)), key=lambda m: (m[0], -(m[1] - m[0])))
    taken: list[tuple[int, int]] = []
    found: list[Hit] = []
    for start, end, name in spans:
        if any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        if name not in {h.value for h in found}:
            found.append(Hit(name, start, end))
    return found


def _actor_matches(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, registry name) of every armed group's name in the sentence."""
    lowered = plain_text(sentence)
    matches = []
    for name, patterns, acronyms in _text_vocabulary(registry()):
        for pattern in patterns:
            matches += [(m.start(), m.end(), name) for m in pattern.finditer(lowered)]
        if acronyms is not None:
            matches += [(m.start(), m.end(), name) for m in acronyms.finditer(sentence)]
    return matches


@lru_cache(maxsize=4)
def _text_vocabulary(
    known: Registry,
) -> tuple[tuple[str, tuple[re.Pattern, ...], re.Pattern | None], ...]:
    """Per armed group: its patterns and its longer names (over lower-cased text,
    each space one or more), and its acronyms (capitals as written)."""
    vocabulary = []
    for actor in known.text_actors():
        phrases = [
            r"\b" + r" +".join(map(re.escape, plain(a).split())) + r"\b"
            for a in (actor.name, *actor.aliases)
            if len(plain(a)) > 5 and a not in actor.acronyms
        ]
        patterns = tuple(re.compile(p.replace(" ", " +")) for p in (*actor.patterns, *phrases))
        acronyms = (
            re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, actor.acronyms)) + r")(?![\w-])")
            if actor.acronyms
            else None
        )
        vocabulary.append((actor.name, patterns, acronyms))
    return tuple(vocabulary)


def target(sentence: str) -> Hit | None:
    return _first(_TARGETS, sentence)


# --- dates --------------------------------------------------------------------------

MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {
    d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATES = [
    (
        "day",
        re.compile(
            rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "day",
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:on |late on |early on |last )?(?P<weekday>monday|tuesday|"
            r"wednesday|thursday|friday|saturday|sunday)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|today|last night|this morning|last week|"
            r"last month|earlier this month|earlier this week)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month",
        re.compile(rf"\b(?:in|during|since)\s+{_MONTH}(?:\s+(?P<year>\d{{4}}))?\b", re.IGNORECASE),
    ),
    ("year", re.compile(r"\bin (?P<year>(?:19|20)\d\d)\b")),
    # "two days ago", "the day before yesterday": counted back by dateparser
    (
        "ago",
        re.compile(
            r"\b(?P<phrase>(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
            r"\s+(?:days?|weeks?)\s+ago|the day before yesterday)\b",
            re.IGNORECASE,
        ),
    ),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<b>\d{1,2})-(?P<a>\d{1,2})\b")),
    (
        "numeric",
        _NUMERIC := re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b"),
    ),
]
# "reported on October 24", "said on Tuesday": when something was said, not done.
_SAID = re.compile(
    r"\b(?:reported|said|told|announced|published|stated|added|confirmed)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


# "on Saturday (Oct 16) claimed responsibility": when the claim was made, not the attack.
_SAID_AFTER = re.compile(
    r"\W*(?:\([^)]{0,20}\)\s*)?(?:claimed|said|announced|reported|told|"
    r"confirmed|stated)\b",
    re.IGNORECASE,
)


def _before_or_on(day: date, published: date) -> date:
    """A date written without its year: the latest such day not after publication."""
    return day if day <= published else day.replace(year=day.year - 1)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_first(text: str) -> bool | None:
    """The text's own order for dates in figures ("03/07/2014"): day first if one of
    them has a first number over 12, month first if one has a second over 12, None
    when every one could be either."""
    orders = {
        int(m["a"]) > 12
        for m in _NUMERIC.finditer(text)
        if (int(m["a"]) > 12) != (int(m["b"]) > 12)
    }
    return orders.pop() if len(orders) == 1 else None


def when(
    sentence: str, published: date | None, day_first: bool | None = None
) -> tuple[Hit, str] | None:
    """The date the sentence puts its event on, and its precision (day, month, year),
    resolved against the publication date; None when it names no date.  Dates in
    figures follow ``day_first`` (the text's convention, see ``day_first``); with none
    known, month first, as coders' summaries (GTD's, UCDP's) write them."""
    found: list[tuple[int, Hit, str]] = []
    for kind, pattern in _DATES:
        for m in pattern.finditer(sentence):
            if _SAID.search(sentence[: m.start()]) or _SAID_AFTER.match(sentence[m.end() :]):
                continue
            resolved = (
                _numeric(m, day_first)
                if kind in ("numeric", "iso")
                else _ago(m["phrase"], published)
                if kind == "ago"
                else _resolve(kind, m, published)
            )
            if resolved is not None:
                day, precision = resolved
                found.append((m.start(), Hit(day, m.start(), m.end()), precision))
    if not found:
        return None
    _, hit, precision = min(found, key=lambda f: f[0])
    return hit, precision


def _numeric(m: re.Match, first_is_day: bool | None) -> tuple[date, str] | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if m.re.pattern.startswith("\\b(?P<year>"):  # ISO: year-month-day
        day = _safe(year, b, a)
    elif a > 12 or (first_is_day and b <= 12):
        day = _safe(year, b, a)
    else:
        day = _safe(year, a, b)
    return (day, "day") if day else None


def _ago(phrase: str, published: date | None) -> tuple[date, str] | None:
    """A day counted back from the publication date, by ``dateparser`` (a week or
    more back is only as precise as its month)."""
    if published is None:
        return None
    import dateparser  # 0.2 s to import: only when a text counts back

    found = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(published, datetime.min.time()),
            "PREFER_DATES_FROM": "past",
        },
    )
    if found is None:
        return None
    if "week" in phrase.lower():
        return found.date().replace(day=1), "month"
    return found.date(), "day"


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")[:3]]


def _resolve(kind: str, m: re.Match, published: date | None) -> tuple[date, str] | None:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "day":
        month = _month(groups["month"])
        if year is None:
            if published is None:
                return None
            day = _safe(published.year, month, int(groups["day"]))
            return (_before_or_on(day, published), "day") if day is not None else None
        day = _safe(year, month, int(groups["day"]))
        return (day, "day") if day is not None else None
    if published is None:
        return (date(year, 1, 1), "year") if kind == "year" and year else None
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
        if m.group(0).lower().startswith("last ") and back == 0:
            back = 7
        return published - timedelta(days=back), "day"
    if kind == "relative":
        rel = groups["rel"].lower()
        if rel in ("today", "this morning"):
            return published, "day"
        if rel in ("yesterday", "last night"):
            return published - timedelta(days=1), "day"
        if rel == "last week":
            earlier = published - timedelta(days=7)
            return earlier.replace(day=1), "month"
        if rel == "earlier this month":
            return published.replace(day=1), "month"
        if rel == "earlier this week":  # some day of the six before; the reader
            return published, "day"  # is told (see ``extract``)
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    if kind == "month":
        month = _month(groups["month"])
        day = date(year or published.year, month, 1)
        return (day if year else _before_or_on(day, published)), "month"
    if kind == "year" and year:
        return date(year, 1, 1), "year"
    return None
