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


def speaker(sentence: str) -> Hit | None:
    """The first speaker the sentence quotes, or None."""
    if not _SPEECH.search(sentence):
        return None  # most sentences quote no one: one cheap search before the long ones
    found = [m for m in (_BEFORE_VERB.search(sentence), _AFTER.search(sentence)) if m]
    if not found:
        return None
    m = min(found, key=lambda m: m.start("who"))
    who = re.sub(r"^(?:the|a|an)\s+", "", m.group("who"), flags=re.IGNORECASE)
    return Hit(who[0].upper() + who[1:], m.start("who"), m.end("who"))


def annotate(doc: Document, lang: Language) -> None:
    for sentence in doc.sentences:
        sentence.speaker = speaker(sentence.text)
