"""Who says so: the official, agency or group a sentence quotes ("police said",
"according to the Interior Ministry", "a Taliban spokesman said").  The reporting
source is kept apart from the perpetrator: a government that reports an attack is
not its author."""

from __future__ import annotations

import re

from intake.document import Document, Hit
from intake.language import Language

_WHO = (
    r"(?i:(?:the|a|an|local|provincial|district|senior|security|government|police|army|"
    r"military|hospital|health|interior|defen[cs]e|taliban|pakistani|afghan|u\.s\.|nato|"
    r"[a-z][\w'’.-]+)\s+){0,4}?"
    r"(?i:officials?|police|spokes(?:man|woman|person)|ministry|military|army|authorities|"
    r"sources|doctors?|witnesses|residents|officers?|commander|chief|governor|statement|"
    r"coalition|agency|media wing)\b|\bISPR\b|\bNATO\b|\bISAF\b"
)
# a name or a place between the speaker and the verb: "spokesman Adil Haidar",
# "officials in Afghanistan"
_BETWEEN = r"(?:,?\s+(?:in\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2},?)?"
_BEFORE_VERB = re.compile(
    rf"(?P<who>{_WHO}){_BETWEEN}\s+(?i:(?:has|have|had)\s+)?(?i:said|say|says|told|confirmed|"
    r"reported|added|stated|announced)\b",
)
_AFTER = re.compile(rf"\b(?i:according to|said|told|confirmed)\s+(?P<who>{_WHO})")


_SPEECH = re.compile(r"said|says|say\b|told|confirmed|reported|added|stated|announced|according")


# The speaker ends right before its verb: looked for in a window before each verb,
# not from every position of the sentence (a quarter of the intake's time, before).
_VERB = re.compile(
    r"(?<=\s)(?:(?i:has|have|had)\s+)?(?i:said|say|says|told|confirmed|reported|added|"
    r"stated|announced)\b"
)
_WHO_ENDS = re.compile(rf"(?P<who>{_WHO}){_BETWEEN}\s+$")
_WINDOW = 160  # characters: four words, the speaker's noun, a name of three words


def speaker(sentence: str) -> Hit | None:
    """The first speaker the sentence quotes, or None."""
    if not _SPEECH.search(sentence):
        return None  # most sentences quote no one: one cheap search before the long ones
    found = []
    for verb in _VERB.finditer(sentence):
        start = max(0, verb.start() - _WINDOW)
        m = _WHO_ENDS.search(sentence, start, verb.start())
        if m is not None:
            found.append((m.start("who"), m.end("who"), m.group("who")))
            break  # the first verb with a speaker before it holds the first speaker
    after = _AFTER.search(sentence)
    if after is not None:
        found.append((after.start("who"), after.end("who"), after.group("who")))
    if not found:
        return None
    start, end, who = min(found)
    who = re.sub(r"^(?:(?:the|a|an|for)\s+)+", "", who, flags=re.IGNORECASE)
    return Hit(who[0].upper() + who[1:], start, end)


def annotate(doc: Document, lang: Language) -> None:
    for sentence in doc.sentences:
        sentence.speaker = speaker(sentence.text)
