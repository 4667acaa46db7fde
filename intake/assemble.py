"""Sentences to incidents: which annotated sentences report the same attack.

An incident starts at a sentence that names an event (a trigger, not in a threat,
plan or meeting) and collects the sentences after it, until another event sentence
puts itself on a different date, says it is a separate attack, recalls an earlier
one, or opens a round-up's next item (a later paragraph, its own toll, a place the
incident never named).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from intake.document import Annotated, Dated, Document


@dataclass
class Incident:
    """The sentences that report one attack: the first names it, ``dated`` is the
    first date any of them put it on."""

    lead: Annotated
    dated: Dated | None
    sentences: list[Annotated] = field(default_factory=list)


def incidents(doc: Document) -> list[Incident]:
    """The report's incidents, in the order it first names them."""
    found: list[Incident] = []
    for sentence in doc.sentences:
        if sentence.trigger is not None:
            if not found or _starts_another(sentence, found[-1], doc):
                found.append(Incident(sentence, sentence.dated, [sentence]))
                continue
            if found[-1].dated is None and sentence.dated is not None:
                found[-1].dated = sentence.dated
        if found:
            if "recap" in sentence.cues and sentence.trigger is None and sentence.dated:
                continue  # background about another time, not this incident
            found[-1].sentences.append(sentence)
    return found


def _starts_another(sentence: Annotated, current: Incident, doc: Document) -> bool:
    new_date = (
        sentence.dated is not None
        and current.dated is not None
        and sentence.dated.hit.value != current.dated.hit.value
    )
    recap = "recap" in sentence.cues and sentence.dated is not None
    return new_date or "separate" in sentence.cues or recap or _elsewhere(sentence, current, doc)


def places_named(sentence: Annotated) -> set[str]:
    """The place names a sentence gives, a round-up item's opening "In Herat," too."""
    named = {m.name.lower() for m in sentence.places}
    return named | ({sentence.opening.name.lower()} if sentence.opening else set())


def _elsewhere(sentence: Annotated, current: Incident, doc: Document) -> bool:
    """A round-up's next item: an event sentence with a toll of its own, opening a
    later paragraph than its incident's lead and naming only places the incident never
    named ("In Kandahar province, gunmen killed two policemen. / In southern Kabul, a
    roadside bomb killed a civilian.").  The headline is not a lead: the first
    paragraph says where the headline's event was."""
    group = current.sentences
    if len(group) == 1 and group[0].start == 0:
        return False
    leads = [s for s in group if doc.paragraph(s.start)[0] > 0] or group
    if doc.paragraph(sentence.start)[0] <= doc.paragraph(leads[0].start)[0]:
        return False
    named = places_named(sentence)
    before = set().union(*(places_named(s) for s in group))
    tolled = bool(sentence.killed or sentence.injured)
    return tolled and bool(named) and bool(before) and not named & before
