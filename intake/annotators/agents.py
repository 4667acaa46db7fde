"""A state's or an international force's hand: "Pakistani troops killed", "Indian
firing", "NATO said its aircraft", "a U.S. drone strike".  The group named after
the verb is then the target, not the perpetrator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from intake.document import Agent, Document, Hit
from intake.language import Language, language

INTERNATIONAL = "International forces (NATO/ISAF)"


@dataclass(frozen=True)
class _Patterns:
    foreign: tuple[tuple[str, re.Pattern[str]], ...]  # named forces' aircraft or strikes
    state: tuple[re.Pattern[str], ...]  # a state's forces as the ones who killed
    country_word: re.Pattern[str]  # any word for a country whose forces act


@cache
def _patterns(lang: Language) -> _Patterns:
    forces_of = tuple(c for c in lang.countries if c.forces)
    adjective = rf"(?P<adj>{lang.alternatives('adjectives', 'words', countries=forces_of)})"
    forces, kill, aerial = lang.words["forces"], lang.words["kill"], lang.words["aerial"]
    count = "|".join([*lang.units, *lang.tens, "several", "dozens", "scores"])
    # "U.S. and Afghan troops": joint forces, named by the first
    other = f"(?:{lang.alternatives('adjectives', 'words', countries=forces_of)})"
    us = lang.alternatives("adjectives", countries=tuple(c for c in forces_of if c.code == "US"))
    state_words = lang.alternatives(
        "words", countries=tuple(c for c in forces_of if c.code != "US")
    )
    return _Patterns(
        foreign=(
            (
                INTERNATIONAL,
                re.compile(
                    rf"\b(?:NATO|ISAF|coalition|international|alliance)(?:[- ]led)?"
                    rf"(?:\s+and\s+Afghan)?(?:\s+(?:forces|troops))?\s+(?:{aerial})\b"
                    r"|\b(?:NATO|ISAF|the coalition|the alliance)\s+(?:said|says|acknowledged|"
                    r"confirmed)\s+(?:that\s+)?(?:its|their)\s+(?:aircraft|forces|troops|"
                    r"soldiers|jets|helicopters)",
                    re.IGNORECASE,
                ),
            ),
            (
                "Government of United States of America",
                re.compile(
                    rf"\b(?:{us}|CIA|U\.S\.-operated|American-operated)\s+"
                    rf"(?:unmanned\s+|pilotless\s+|spy\s+)?(?:{aerial})\b",
                    re.IGNORECASE,
                ),
            ),
        ),
        state=(
            re.compile(
                rf"(?<![\w.]){adjective}\s+(?:cross-border\s+|border\s+)?(?:fire|firing|shelling|"
                rf"shooting)\b",
                re.IGNORECASE,
            ),
            # active voice only: "soldiers were killed" says who died, not who killed
            # "the army said it killed 20" is the army's; "the army said militants
            # killed five soldiers" is not: a report is not its author's deed
            re.compile(
                rf"(?:(?<![\w.]){adjective}\s+(?:and\s+{other}\s+)?)?\b(?:{forces})\s+"
                rf"(?:(?:said|says|claimed|claims)"
                rf"\s+(?:\w+\s+)?(?:it|they)\s+|(?:(?!(?:were|was|been|are|is|being|and|or|"
                rf"said|says|told|reported|stated|announced|confirmed|claimed)\b)\w+\s+){{0,2}}?)"
                # "Soldiers Killed in Two Attacks": a headline's passive says who died
                rf"(?:{kill})\b(?!\s+(?:in|by|as|when|while|after|during|at(?!\s+least)|near|on)\b|\s*[,.;:]|\s*$)",
                re.IGNORECASE,
            ),
            # "the military says 25 militants killed": forces telling of militants
            # dead tell of their own operation (not "says a soldier killed")
            re.compile(
                rf"(?:(?<![\w.]){adjective}\s+)?\b(?:{forces})\s+(?:said|says|claimed|claims)\s+"
                rf"(?:\w+\s+){{0,2}}?(?:\d[\d,]*|{count})\s+(?:suspected\s+)?"
                # "more than 80 Taliban militants and two soldiers were killed"
                rf"(?:[A-Z][\w'-]+\s+)?(?:{lang.words['attackers']})\s+"
                r"(?:and\s+(?:\w+\s+){1,3}?)?"
                r"(?:(?:were|had been|have been)\s+)?(?:killed|eliminated|neutrali[sz]ed)\b",
                re.IGNORECASE,
            ),
            # "the army said its jets pounded hideouts": the state's own strike
            re.compile(
                rf"(?:(?<![\w.]){adjective}\s+)?\b(?:{forces})\s+(?:said|says|confirmed|"
                rf"acknowledged)\s+(?:that\s+)?(?:its|their)\s+(?:{forces}|aircraft|warplanes)\s+"
                rf"(?:\w+\s+){{0,2}}?(?:{kill}|struck|hit|bombed|targeted|pounded|attacked)\b",
                re.IGNORECASE,
            ),
            # "helicopters and warplanes were pounding": the progressive is active
            re.compile(
                rf"(?:(?<![\w.]){adjective}\s+)?\b(?:{forces})\s+(?:\w+\s+){{0,3}}?"
                r"(?:were|was|are|is|have been|had been)\s+(?:killing|pounding|raiding|"
                r"bombing|shelling|striking|targeting|attacking)\b",
                re.IGNORECASE,
            ),
            re.compile(
                rf"^\W*(?P<adj>{state_words})\s+(?:says\s+(?:it\s+)?|claims\s+)?"
                r"(?:kills?|killed|killing|pounds?|launch(?:es|ed)|conducts?|conducted)\b",
                re.IGNORECASE,
            ),
            re.compile(
                rf"\bkilled\s+(?:by|in)\s+(?:an?\s+|the\s+)?(?:{adjective}\s+)?(?:\b(?:{forces})|"
                rf"(?:military|security|counter-terror\w*)\s+(?:operation|raid)s?)\b",
                re.IGNORECASE,
            ),
        ),
        country_word=re.compile(
            rf"(?<![\w.])({lang.alternatives('words', 'adjectives', countries=tuple(c for c in forces_of if c.code != 'US'))})\b",
            re.IGNORECASE,
        ),
    )


# "coalition forces say they killed": the forces of an alliance, not of one state
# "U.S.-led troops"; "NATO denied that its troops killed": the alliance's own
_ALLIED = re.compile(
    r"(?:\b(?:NATO|ISAF|coalition|international|alliance)(?:[- ]led)?|\bU\.S\.-led)\s+$"
    r"|\b(?:NATO|ISAF|the coalition|the alliance)\b.*\b(?:its|their)\s+$",
    re.IGNORECASE,
)


def state_agent(sentence: str, context: str = "", lang: Language | None = None) -> Agent | None:
    """The force the sentence has doing the killing, or None.  International forces or
    a foreign state's aircraft when the words name them; else "Government of X", X
    from the words ("Indian firing"), else the first country the sentence or the
    report (``context``) names; with none named, the assembly gives the incident's
    country (``Agent.needs_country``)."""
    lang = lang or language()
    p = _patterns(lang)
    for name, pattern in p.foreign:
        m = pattern.search(sentence)
        if m is not None:
            return Agent(Hit(name, m.start(), m.end()))
    for pattern in p.state:
        m = pattern.search(sentence)
        if m is None:
            continue
        if _ALLIED.search(sentence[: m.start()]):
            return Agent(Hit(INTERNATIONAL, m.start(), m.end()))
        named = lang.country(m.groupdict().get("adj") or "")
        if named is None:
            mentioned = p.country_word.search(sentence) or p.country_word.search(context)
            named = lang.country(mentioned.group(1)) if mentioned else None
        if named is None:
            return Agent(Hit("Government of ", m.start(), m.end()), needs_country=True)
        return Agent(Hit(f"Government of {named.name}", m.start(), m.end()))
    return None


def annotate(doc: Document, lang: Language) -> None:
    for sentence in doc.sentences:
        sentence.agent = state_agent(sentence.text, doc.text, lang)
