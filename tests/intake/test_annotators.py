"""Each annotator on short texts written here: what it writes on the document."""

from __future__ import annotations

from datetime import date

import pytest

from intake.annotators import annotate, dateline, groups, places
from intake.annotators.agents import INTERNATIONAL, state_agent
from intake.assemble import incidents
from intake.language import language
from intake.placing import Placer

DAY = date(2022, 3, 9)  # a Wednesday


def test_a_dateline_is_a_capitalised_place_before_a_dash():
    line = dateline.read("PESHAWAR, Pakistan, Mar 8 (Staff) - A bomb went off.")
    assert line is not None and (line.place, line.country, line.day_text) == (
        "Peshawar",
        "Pakistan",
        "Mar 8",
    )


@pytest.mark.parametrize(
    "headline",
    ["Mortar fire wounds two in Kurram - Pakistan.", "Suicide Bomber Kills Five - Pakistan"],
)
def test_a_headline_ending_with_its_country_has_no_dateline(headline, offline):
    """A headline's clause before " - Pakistan" was taken for a dateline and cut
    away, and the event with it."""
    assert dateline.read(headline) is None
    assert len(incidents(annotate(headline, DAY), Placer(offline))) == 1


def test_sentences_begin_after_the_dateline_and_its_day_dates_an_undated_event():
    doc = annotate("BANNU, Mar 7 - Gunmen shot dead three guards.", DAY)
    assert doc.sentences[0].text == "Gunmen shot dead three guards."
    assert doc.filed is not None and doc.filed.hit.value == date(2022, 3, 7)
    assert [h.value for h in doc.sentences[0].killed] == [3]


def test_a_sentence_that_turns_to_another_event_is_two_clauses(offline):
    doc = annotate(
        "A grenade hit a shop in Chaman on Monday, as well as a mortar round that "
        "struck a school in Zhob on Tuesday.",
        DAY,
    )
    assert [s.trigger.value for s in doc.sentences if s.trigger] == ["Bombing", "Shelling"]
    assert len(incidents(doc, Placer(offline))) == 2


def test_cues_say_how_a_sentence_stands_to_its_event():
    doc = annotate(
        "Separately, officials blamed the militants. Nobody claimed responsibility. "
        "They threatened to bomb the office.",
        DAY,
    )
    first, second, third = doc.sentences
    assert {"separate", "blamed"} <= first.cues
    assert {"claimed", "no_claim"} <= second.cues
    assert third.trigger is None  # a threat is no event


def test_weekdays_resolve_to_the_last_such_day_not_after_publication():
    doc = annotate("A convoy was ambushed on Monday.", DAY)
    assert doc.sentences[0].dated is not None
    assert doc.sentences[0].dated.hit.value == date(2022, 3, 7)


def test_groups_are_named_by_the_registry():
    found = groups.actors("Fighters of Tehrik-i-Taliban Pakistan and the BLA clashed.")
    assert [h.value for h in found][:1] == ["Tehrik-i-Taliban Pakistan (TTP)"]
    assert len(found) == 2


def test_a_states_forces_without_their_country_wait_for_the_incidents():
    agent = state_agent("Troops killed nine fighters in a raid.", "No country here.")
    assert agent is not None and agent.needs_country
    named = state_agent("Pakistani jets pounded hideouts.")
    assert named is not None and named.hit.value == "Government of Pakistan"
    coalition = state_agent("A coalition air strike hit a compound.")
    assert coalition is not None and coalition.hit.value == INTERNATIONAL


def test_place_mentions_carry_what_the_words_around_them_say():
    lang = language()
    (spoke,) = places.mentions("A spokesman in Kabul said the road was closed.", lang)
    assert spoke.name == "Kabul" and spoke.speaker
    (going,) = places.mentions("A bus heading to the city of Quetta was hit.", lang)
    assert going.destination
    (owned,) = places.mentions("It happened in Pakistan's restive Kurram district.", lang)
    assert (owned.name, owned.hint) == ("Kurram district", "Pakistan")
    (central,) = places.mentions("A blast hit a market in central Quetta.", lang)
    assert central.name == "Quetta"  # the direction word is not the place


def test_the_vocabulary_is_read_from_one_file():
    lang = language()
    assert lang.country("Pakistani") is not None and lang.country("Pak").code == "PK"
    assert lang.months[9] == "october" and "a dozen" in lang.dozens
    assert next(name for name, _ in lang.event_types) == "Suicide bombing"


def test_every_registry_pattern_is_a_pattern_not_a_control_character():
    """A pattern written in a TOML basic string turned "\\b" into a backspace, so
    "al Qaidah" was never found."""
    assert [h.value for h in groups.actors("Al-Qa'idah fighters attacked the post.")] == [
        "al-Qaida"
    ]
    assert groups.actors("A Panislamic state of mind.") == []  # a name starts a word


@pytest.mark.parametrize(
    "sentence, who",
    [
        ("Police said the bomb killed five.", "Police"),
        ("A bomb killed five, according to the Interior Ministry.", "Interior Ministry"),
        (
            "Provincial police spokesman Adil Haidar confirmed the toll.",
            "Provincial police spokesman",
        ),
        ("Officials in Ghazni say a bomb hit a bus.", "Officials"),
        ("Gunmen killed three people on Monday.", None),
    ],
)
def test_the_speaker_a_sentence_quotes(sentence, who):
    from intake.annotators.speakers import speaker

    found = speaker(sentence)
    assert (found.value if found else None) == who


def test_a_government_reporting_an_attack_is_not_its_author():
    assert state_agent("The Pakistani army said militants killed five soldiers.") is None
    assert state_agent("The army says a soldier was killed in Wana.", "Pakistan") is None
    said = state_agent("The army said Sunday it killed 20 insurgents.", "Pakistan")
    assert said is not None and said.hit.value == "Government of Pakistan"
    told = state_agent("The military says 25 militants killed in air strikes.", "Pakistan")
    assert told is not None
    joint = state_agent("Officials said U.S. and Afghan troops killed four civilians.")
    assert joint is not None and joint.hit.value == "Government of United States of America"


def test_every_language_file_has_its_annotators_and_back():
    """A second language is a vocabulary file and a list of annotators: neither
    without the other."""
    from importlib import resources

    from intake.annotators import PIPELINES

    files = {
        p.name[:-5]
        for p in (resources.files("intake") / "data").iterdir()
        if p.name.endswith(".toml")
    }
    assert files == set(PIPELINES)
    for code in files:
        assert language(code).code == code


def test_a_month_after_a_place_is_no_place_around_it():
    """ "a shrine in Jhal Magsi in March" looked Jhal Magsi up inside "March", and the
    gazetteer's fallback was a town called March in England."""
    (mention,) = places.mentions("An attack on a shrine in Jhal Magsi in March.", language())
    assert mention.query == "Jhal Magsi"
    first, _ = places.mentions("A blast at a bazaar in Takht Bhai in Mardan.", language())
    assert first.query == "Takht Bhai, Mardan"  # a city that begins like a month stays
