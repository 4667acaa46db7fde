"""Who was hit: the first kind of target (polio workers, worshippers, police ...)
the sentence names."""

from __future__ import annotations

from intake.document import Document, Hit
from intake.language import Language, first_named, language


def target(text: str, lang: Language | None = None) -> Hit | None:
    found = first_named((lang or language()).targets, text)
    return Hit(*found) if found else None


def annotate(doc: Document, lang: Language) -> None:
    for sentence in doc.sentences:
        sentence.target = target(sentence.text, lang)
