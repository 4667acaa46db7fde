"""Who was hit: the first kind of target (polio workers, worshippers, police ...)
the sentence names."""

from __future__ import annotations

from intake.document import Document, Hit
from intake.language import Language, language


def target(text: str, lang: Language | None = None) -> Hit | None:
    for name, pattern in (lang or language()).targets:
        m = pattern.search(text)
        if m:
            return Hit(name, m.start(), m.end())
    return None


def annotate(doc: Document, lang: Language) -> None:
    for sentence in doc.sentences:
        sentence.target = target(sentence.text, lang)
