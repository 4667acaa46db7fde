"""Sentences to incidents: which annotated sentences report the same attack.

An incident starts at a sentence that names an event (a trigger, not in a threat,
plan or meeting) and collects the sentences after it, until another event sentence
puts itself on a different date, says it is a separate attack, recalls an earlier
one, or opens a round-up's next item (a later paragraph, its own toll, a place the
incident never named; or another kind of attack with its own toll; a suicide bomber
after a planted bomb; a clause cut at ", and" at another place).  Then a claim goes to
the attack whose place it names, and an attack told again joins the first telling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from intake.annotators.counts import of_militants
from intake.document import Annotated, Dated, Document
from intake.language import language
from intake.placing import Placer, inside


@dataclass
class Incident:
    """The sentences that report one attack: the first names it, ``dated`` is the
    first date any of them put it on."""

    lead: Annotated
    dated: Dated | None
    sentences: list[Annotated] = field(default_factory=list)
    said: bool = False  # dated only by when something was said ("said Sunday")
    dated_in: Annotated | None = None  # the sentence ``dated`` was read in, if not the lead
    _places: list = field(default_factory=list)  # the places its sentences name
    _placed: int = 0  # how many of its sentences ``_places`` has read

    def places(self, placer: Placer) -> list:
        """The gazetteer places its sentences name, read once each (a paste of a
        thousand sentences is read in one pass, not a thousand)."""
        for sentence in self.sentences[self._placed :]:
            self._places.extend(_places(sentence, placer))
        self._placed = len(self.sentences)
        return self._places


def incidents(doc: Document, placer: Placer) -> list[Incident]:
    """The report's incidents, in the order it first names them.  A sentence that
    recalls another time without a date of its own ("most of the attacks in the past
    month") belongs to no incident."""
    found: list[Incident] = []
    claimed_before: list[Annotated] = []
    for sentence in doc.sentences:
        if sentence.trigger is not None and (
            ("recap" in sentence.cues and sentence.dated is None) or "recalled" in sentence.cues
        ):
            continue
        if sentence.trigger is not None:
            if not found or _starts_another(sentence, found[-1], doc, placer):
                said = sentence.dated is None and sentence.said_on is not None
                dated = sentence.dated or sentence.said_on
                # "Islamic State claimed an attack in Kabul. / The attack on Sunday
                # killed 20": a claim told before the attack belongs to the first one
                claims = [] if found else claimed_before
                found.append(Incident(sentence, dated, [*claims, sentence], said))
                continue
            if (found[-1].dated is None or found[-1].said) and sentence.dated is not None:
                found[-1].dated, found[-1].said = sentence.dated, False
                found[-1].dated_in = sentence
        if not found and sentence.trigger is None and {"claimed", "blamed"} & sentence.cues:
            claimed_before.append(sentence)
        if found:
            if "recap" in sentence.cues and sentence.trigger is None and sentence.dated:
                continue  # background about another time, not this incident
            _claimed_of(sentence, found, placer).sentences.append(sentence)
    return _merge_retold(found, placer, doc.published)


_CLAIMS = frozenset({"claimed", "no_claim", "blamed", "denied"})


def _claimed_of(sentence: Annotated, found: list[Incident], placer: Placer) -> Incident:
    """The incident a sentence belongs to: the last one told, unless it is a claim
    (or a denial, or "no claim") naming the place of an earlier one: "the Taliban
    claimed the Kunduz attack", after the paragraph on another attack."""
    if sentence.trigger is not None or not (_CLAIMS & sentence.cues) or len(found) < 2:
        return found[-1]
    names = {m.name.lower() for m in sentence.places}
    named = _places(sentence, placer)

    def told_in(incident: Incident) -> bool:
        said = {m.name.lower() for s in incident.sentences for m in s.places}
        places = incident.places(placer)
        return bool(names & said) or any(_same_area(a, b) for a in named for b in places)

    if not names or told_in(found[-1]):
        return found[-1]
    return next((i for i in reversed(found[:-1]) if told_in(i)), found[-1])


def _merge_retold(found: list[Incident], placer: Placer, published: date | None) -> list[Incident]:
    """An incident the report returns to after telling another ("Police say the
    suicide bomber detonated his explosives Monday ... Peshawar", after a paragraph
    on Sunday's attack) joins the earlier one: same day, same place or one inside
    the other, the same kind of event, and no word saying it is another."""
    kept: list[Incident] = []
    for incident in found:
        earlier = next((k for k in kept if _retells(incident, k, placer, published)), None)
        if earlier is None:
            kept.append(incident)
        else:
            earlier.sentences.extend(incident.sentences)
            if earlier.dated is None and incident.dated is not None:
                earlier.dated, earlier.dated_in = incident.dated, incident.dated_in or incident.lead
    return kept


# Kinds one attack is told as: "a bomb", then "the suicide bomber"; "an attack".
_FAMILIES = ({"Bombing", "Suicide bombing"},)


# "A day earlier, spectators were leaving when a bomber struck": a shift in time,
# which the dates settle, not a word that the attack is another one
_TIME_SHIFT = re.compile(r"\b(?:a|one) day (?:earlier|later)\b|\bhours later\b", re.IGNORECASE)


def _another(sentence: Annotated) -> bool:
    """Whether the sentence says its attack is another one ("in a separate attack",
    "elsewhere"), not only that it is told at another time."""
    if "separate" not in sentence.cues:
        return False
    shifted = _TIME_SHIFT.sub(" ", sentence.text)
    return shifted == sentence.text or bool(language().cues["separate"].search(shifted))


def _same_kind(a: Annotated, b: Annotated) -> bool:
    kinds = {x.trigger.value if x.trigger else "" for x in (a, b)}
    return len(kinds) == 1 or "Attack" in kinds or any(kinds <= f for f in _FAMILIES)


def _retells(later: Incident, earlier: Incident, placer: Placer, published: date | None) -> bool:
    """Whether ``later`` tells ``earlier`` again (an undated earlier one is the
    report's day, as its candidate will be)."""
    first_day = earlier.dated.hit.value if earlier.dated else published
    if _another(later.lead) or later.dated is None or first_day is None:
        return False
    if later.dated.precision != "day":
        return False
    # an undated lead is the report's day, or the day before it that a later line
    # gives ("a bombing outside the mosque killed two ... Sunday's blast")
    undated = earlier.dated is None and 0 <= (first_day - later.dated.hit.value).days <= 1
    if later.dated.hit.value != first_day and not undated:
        return False
    if not _same_kind(later.lead, earlier.lead):
        return False
    here, there = later.places(placer)[:1], earlier.places(placer)[:1]
    if not here:  # told again with no place of its own: the same day's same attack
        return True
    return bool(there) and _same_area(here[0], there[0])


def _starts_another(sentence: Annotated, current: Incident, doc: Document, placer: Placer) -> bool:
    new_date = (
        sentence.dated is not None
        and current.dated is not None
        and sentence.dated.hit.value != current.dated.hit.value
        and not (current.said and _just_before(sentence.dated, current.dated))
    )
    # a recap dated like the incident ("Sunday's bombing came days after ...") tells
    # how this one stands to an earlier one, not a new one
    day = current.dated.hit.value if current.dated is not None else doc.published
    recap = (
        "recap" in sentence.cues and sentence.dated is not None and sentence.dated.hit.value != day
    )
    if "separate" in sentence.cues or recap:
        return True
    if "told" in sentence.cues:  # "the attack took place in ...": the same one, unless
        return new_date and not _night_after(sentence, current)  # dated days apart
    return (
        new_date
        or _other_device(sentence, current)
        or _elsewhere(sentence, current, doc, placer)
        or _another_kind(sentence, current)
        or _clause_elsewhere(sentence, current, placer)
    )


def planted(text: str) -> bool:
    """Whether the text names a bomb no one carried ("a roadside bomb", "planted")."""
    return bool(re.search(language().words["planted"], text, re.IGNORECASE))


def _other_device(sentence: Annotated, current: Incident) -> bool:
    """A suicide bomber told after a roadside or planted bomb: another attack, not
    the same one told closer ("a roadside bomb hit a car in Farah ... a suicide bomber
    killed himself in Nimroz")."""
    if sentence.trigger is None or sentence.trigger.value != "Suicide bombing":
        return False
    lead = current.lead
    told = [s for s in current.sentences if s.trigger is not None]
    return (
        lead.trigger is not None
        and lead.trigger.value in ("Bombing", "Attack")
        and any(planted(s.text) for s in told)
        and all(s.trigger.value != "Suicide bombing" for s in told if s.trigger is not None)
    )


def _clause_elsewhere(sentence: Annotated, current: Incident, placer: Placer) -> bool:
    """ "a suicide bomber struck in Kohat, and a bombing in Quetta left more dead": a
    sentence cut where it turned to another event, the new clause at a place apart
    from all the incident named, tells another one."""
    if not sentence.clause:
        return False
    named, before = _places(sentence, placer), current.places(placer)
    return bool(named and before) and not any(_same_area(a, b) for a in named for b in before)


def _another_kind(sentence: Annotated, current: Incident) -> bool:
    """A later paragraph telling a different kind of event with its own toll ("a
    suicide bomber killed 14" after a paragraph on an air strike) tells another one,
    even where it names no place the gazetteer knows ("in eastern Afghanistan")."""
    lead = next((s for s in current.sentences if not s.headline and s.trigger), None)
    if sentence.trigger is None or lead is None:
        return False
    # "police also gunned down two terrorists": the attackers' dead, not a new toll
    victims = [h for h in sentence.killed if not of_militants(sentence.text, h)]
    if not (victims or sentence.attackers):
        return False
    if not any(s.killed or s.attackers for s in current.sentences):
        return False  # a lead that sums up ("insurgents attacked in two provinces") is told next
    if sentence.paragraph <= max(s.paragraph for s in current.sentences):
        return False
    return not _same_kind(sentence, lead)


def _night_after(sentence: Annotated, current: Incident) -> bool:
    """Whether the sentence's day is the incident's or the one after (an attack
    overnight, its aftermath "early Sunday")."""
    if sentence.dated is None or current.dated is None:
        return True
    return 0 <= (sentence.dated.hit.value - current.dated.hit.value).days <= 1


def _just_before(event: Dated, said: Dated) -> bool:
    """Whether an event's day can be the one a statement made on ``said`` reports:
    that day or the week before it."""
    return 0 <= (said.hit.value - event.hit.value).days <= 7


def _places(sentence: Annotated, placer: Placer) -> list:
    """The gazetteer's places for what the sentence names, a round-up item's opening
    "In Herat," too (countries and unknown names left out)."""
    named = [*([sentence.opening] if sentence.opening else []), *sentence.places]
    return [p for m in named if (p := placer.place(m)) is not None]


def _same_area(a, b) -> bool:
    return a.matched_name == b.matched_name or inside(a, b) or inside(b, a)


def _elsewhere(sentence: Annotated, current: Incident, doc: Document, placer: Placer) -> bool:
    """A round-up's next item: an event sentence with a toll of its own, opening a
    later paragraph than its incident's lead and naming only places apart from all
    the incident named ("In Kandahar province, gunmen killed two policemen. / In
    southern Kabul, a roadside bomb killed a civilian.").  A place inside one named
    before is the same story told closer ("in Helmand province ... in the town of
    Lashkar Gah").  The headline is not a lead: the first paragraph says where the
    headline's event was."""
    group = current.sentences
    if not (sentence.killed or sentence.injured or sentence.attackers):
        return False
    if all(s.headline or s.trigger is None for s in group):
        return False
    lead = next((s for s in group if s.paragraph > 0), group[0])
    if sentence.paragraph <= lead.paragraph:
        return False
    named = _places(sentence, placer)
    if not named:
        return False
    before = current.places(placer)
    return bool(before) and not any(_same_area(a, b) for a in named for b in before)
