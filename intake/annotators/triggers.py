"""Event triggers: the words that say an incident happened, and of what type; and
the cues that say how a sentence stands to it (a threat, another attack, a recap,
a claim, a denial)."""

from __future__ import annotations

import re

from intake.document import Document, Hit
from intake.language import Language, first_named, language

# "the attack", "this bombing": an event already told; not "the earlier bombing",
# "another attack", nor "Saturday's killing" (a day of its own).
_TOLD = re.compile(
    r"\b(?:the|this|that)\s+(?:(?!(?:earlier|previous|other|last|first|"
    r"second|latest|new)\b)[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


# the event named, then when it was, long before: "a suicide bombing earlier this year"
_RECALLED = re.compile(
    r"(?:\s+[\w-]+){0,4}?\s+(?:earlier this year|last year|(?:several |a few )?(?:months|years) "
    r"ago|in (?:19|20)\d\d\b)",
    re.IGNORECASE,
)


def event_type(text: str, lang: Language | None = None) -> Hit | None:
    """The first event type (in the vocabulary's order of priority) the text names."""
    found = first_named((lang or language()).event_types, text)
    return Hit(*found) if found else None


def is_event(text: str, lang: Language | None = None) -> Hit | None:
    """The text's event type, None where it names none or one that did not happen
    ("threatened to bomb", "a planned attack")."""
    lang = lang or language()
    found = event_type(text, lang)
    cues = lang.cues
    if found is None or cues["not_an_event"].search(text) or cues["habitual"].search(text):
        return None
    return found


def annotate(doc: Document, lang: Language) -> None:
    for sentence in doc.sentences:
        cues = {name for name, pattern in lang.cues.items() if pattern.search(sentence.text)}
        # ``is_event``, with the cues already read
        happened = cues.isdisjoint({"not_an_event", "habitual"})
        sentence.trigger = event_type(sentence.text, lang) if happened else None
        if sentence.trigger and _TOLD.search(sentence.text[: sentence.trigger.start]):
            cues.add("told")  # refers back to the event being told
        if sentence.trigger and _RECALLED.match(sentence.text, sentence.trigger.end):
            cues.add("recalled")  # "after a suicide bombing earlier this year": no news
        sentence.cues = frozenset(cues)
