"""Whole articles as reporters write them: where a possessive, a credit line, an
unknown village or a coalition's own statement leads the reading astray.  Every text
here is written for the test; none is copied from a report."""

from __future__ import annotations

import pytest

from intake.annotators.agents import INTERNATIONAL, state_agent
from intake.annotators.counts import counts
from intake.annotators.places import mentions
from intake.extract import Extractor
from intake.language import language
from intake.reports import from_text
from tests.support import km_between


@pytest.fixture(scope="module")
def extractor(offline):
    return Extractor(offline)


def _one(extractor, text: str, published: str = "2021-06-03"):
    found = [c for c in extractor.extract(from_text(text, published)) if not c.background]
    assert len(found) == 1, [(c.value("event_type"), c.value("location")) for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "name", "query"),
    [
        (
            "Two guards died in Helmand's Nad Ali district.",
            "Nad Ali district",
            "Nad Ali district, Helmand",
        ),
        (
            "It happened in Sarkano village in Kunar's Shigal district.",
            "Sarkano village",
            "Sarkano, Shigal district, Kunar",
        ),
        ("Shops shut in Kabul's western suburbs.", "Kabul", "Kabul"),
    ],
)
def test_a_places_possessive_is_its_container(sentence, name, query):
    found = mentions(sentence, language())
    assert (found[0].name, found[0].query) == (name, query)


def test_a_faraway_countrys_possessive_names_no_place():
    found = mentions("He writes for the Voice of America's Dari service.", language())
    assert found == []


def test_a_reporters_credit_line_is_not_where_it_happened():
    [first, second] = mentions(
        "Staff writers in Mazar and in Jalalabad contributed to this report.", language()
    )
    assert first.speaker and second.speaker


def test_an_unknown_village_falls_to_the_district_its_words_name(extractor):
    found = _one(
        extractor,
        "An off-duty policeman shot dead two of his colleagues on Wednesday. The "
        "shooting took place in Qqzzyabad village in Herat's Pashtoon Zarghun district.",
    )
    assert found.value("geo_precision") == "district"
    assert "Pashtun Zarghun" in str(found.value("matched_name"))


def test_a_province_named_twice_stays_the_province(extractor):
    found = _one(
        extractor,
        "Coalition troops say they killed nine insurgents in a raid in the Maiwand "
        "district of Kandahar province on Tuesday. Kandahar province has seen heavy "
        "fighting this year.",
    )
    assert found.value("geo_precision") == "district"
    assert "Maywand" in str(found.value("matched_name"))


def test_coalition_forces_telling_of_their_own_raid_are_the_actor():
    agent = state_agent("Coalition forces said they killed seven fighters overnight.")
    assert agent is not None and agent.hit.value == INTERNATIONAL
    afghan = state_agent("Afghan forces said they killed seven fighters overnight.")
    assert afghan is not None and afghan.hit.value == "Government of Afghanistan"


def test_a_district_is_placed_at_its_centre_town(extractor):
    found = _one(extractor, "A roadside bomb killed three soldiers in Sangin district on Monday.")
    assert found.value("geo_precision") == "district"
    assert km_between(found.value("latitude"), found.value("longitude"), 32.07, 64.84) < 5


def test_the_province_of_a_name_is_the_province(extractor):
    found = _one(
        extractor, "Gunmen shot dead a district official in the western province of Farah."
    )
    assert found.value("geo_precision") == "province"


def test_a_province_called_by_its_capitals_name_is_that_province(extractor):
    found = _one(extractor, "A mine killed a deminer in northern Afghanistan's Maimana province.")
    assert found.value("geo_precision") == "province"
    assert "Faryab" in str(found.value("matched_name"))


def test_the_day_a_statement_opens_with_is_not_the_strikes(extractor):
    found = _one(
        extractor,
        "Also Tuesday, the U.S.-led coalition in Afghanistan said an air strike killed "
        "six fighters in Zabul province on Monday.",
    )
    assert str(found.value("date")) == "2021-06-07" or str(found.value("date")) == "2021-05-31"
    assert found.value("date").weekday() == 0  # the Monday, not the Tuesday


def test_militants_and_civilians_killed_by_a_strike_are_all_its_dead(extractor):
    found = _one(
        extractor,
        "An air strike killed 14 militants and three civilians in Paktika province on Monday.",
    )
    assert found.value("fatalities") == 17


@pytest.mark.parametrize(
    "sentence",
    [
        "An air strike by U.S.-led troops killed nine people on Sunday.",
        "NATO rejected claims that its troops killed farmers in the raid.",
    ],
)
def test_an_alliances_own_troops_are_the_alliance(sentence):
    agent = state_agent(sentence, "Afghan officials said so.")
    assert agent is not None and agent.hit.value == INTERNATIONAL


@pytest.mark.parametrize(
    "headline",
    ["Seven Pakistani Soldiers Killed in Ambush", "Afghan police killed at checkpoint"],
)
def test_a_headline_saying_forces_were_killed_names_no_killer(headline):
    assert state_agent(headline) is None
    assert state_agent("Afghan police killed at least five insurgents on Friday.") is not None


def test_a_report_telling_of_its_own_fighting_dead_on_both_sides_is_a_clash(extractor):
    found = _one(
        extractor,
        "The army says more than 40 Taliban fighters and three soldiers were killed in "
        "Bajaur on Tuesday.",
    )
    assert found.value("event_type") == "Armed clash" and found.value("fatalities") == 43
    assert found.value("actor") == "Government of Pakistan"


def test_also_at_the_head_of_a_sentence_opens_another_incident(extractor):
    text = (
        "A roadside bomb killed two police officers in Kandahar city on Monday. Also, "
        "gunmen killed a teacher in Ghazni on Monday."
    )
    found = extractor.extract(from_text(text, "2021-06-08"))
    assert len(found) == 2


def test_a_claim_naming_an_earlier_attacks_place_goes_to_that_attack(extractor):
    text = (
        "Two attacks killed nine soldiers on Sunday.\n\n"
        "Five soldiers died when militants ambushed a convoy near Miranshah in North "
        "Waziristan.\n\n"
        "Four soldiers died when a bomb hit their vehicle near Turbat in Balochistan.\n\n"
        "The Pakistani Taliban claimed responsibility for the North Waziristan attack.\n\n"
        "There was no claim for the Balochistan attack."
    )
    found = {str(c.value("location")): c for c in extractor.extract(from_text(text, "2021-06-07"))}
    miranshah = next(c for name, c in found.items() if "Miranshah" in name)
    turbat = next(c for name, c in found.items() if "Turbat" in name)
    assert "Taliban" in str(miranshah.value("actor"))
    assert turbat.value("actor") == "Unidentified"


def test_near_a_town_in_its_district_is_the_town(extractor):
    found = _one(
        extractor, "Militants ambushed a convoy near Miranshah in North Waziristan, killing three."
    )
    assert found.value("geo_precision") == "town" and "Miran" in str(found.value("matched_name"))


def test_local_police_speaking_from_a_province_say_where_it_was():
    [police] = mentions("Police in Logar province said the bomber struck a market.", language())
    assert not police.speaker
    [spokesman] = mentions("A spokesman in Kabul said the bomber struck a market.", language())
    assert spokesman.speaker


def test_a_whole_offensives_toll_is_not_the_incidents(extractor):
    found = _one(
        extractor,
        "A NATO air strike killed nine civilians in Uruzgan province on Sunday.\n\n"
        "At least 40 insurgents and six soldiers have been killed in the month-long "
        "offensive in the south.",
        "2021-06-07",
    )
    assert found.value("fatalities") == 9


def test_a_later_paragraph_with_another_kind_of_attack_and_its_toll_is_another(extractor):
    text = (
        "A NATO air strike killed nine civilians in Uruzgan province, officials said.\n\n"
        "NATO said the strike had targeted insurgents.\n\n"
        "In eastern Afghanistan, a suicide bomber killed 12 people at a funeral.\n\n"
        "Police in Khost province said the bomber walked into the crowd."
    )
    found = extractor.extract(from_text(text, "2021-06-07"))
    assert [(c.value("event_type"), c.value("fatalities")) for c in found] == [
        ("Airstrike", 9),
        ("Suicide bombing", 12),
    ]
    assert "Khost" in str(found[1].value("matched_name"))


def test_a_valley_named_as_a_district_is_the_district(offline):
    match = offline.resolve("Sangin Valley district", country="Afghanistan")
    assert match.precision.value == "district" and "Sangin" in match.matched_name


def test_two_attacks_joined_in_one_sentence_in_two_cities_are_two(extractor):
    text = (
        "Gunmen stormed a police academy in Lahore on Friday. Also on Friday, a suicide "
        "bomber struck a checkpoint in the city of Bannu, and a bombing in Quetta wounded "
        "shoppers."
    )
    found = extractor.extract(from_text(text, "2021-06-04"))
    assert sorted(str(c.value("location")) for c in found) == ["Bannu", "Lahore", "Quetta"]


def test_a_quote_wrapped_at_seventy_columns_inside_long_paragraphs_is_one_sentence():
    from intake.segment import sentences

    long_paragraph = "Officials met on Monday to discuss the budget for the coming year. " * 6
    wrapped = (
        "And the army said soldiers killed 12 insurgents in\n"
        "Bajaur district, as part of an operation that began after\n"
        "a string of attacks on checkpoints."
    )
    text = long_paragraph.strip() + "\n\n" + wrapped
    last = sentences(text)[-1].text
    assert last.startswith("And the army") and last.endswith("checkpoints.")


def test_an_attack_last_week_is_recalled_not_reported(extractor):
    text = (
        "A roadside bomb killed four soldiers in Zabul province on Tuesday.\n\n"
        "Protests broke out in Herat last week after officials said 30 villagers were killed."
    )
    news = [c for c in extractor.extract(from_text(text, "2021-06-09")) if not c.background]
    assert [c.value("fatalities") for c in news] == [4]


def test_an_apology_for_a_bombing_earlier_this_year_is_no_new_bombing(extractor):
    found = _one(
        extractor,
        "An air strike killed six people in Kunar province on Monday.\n\n"
        "On Tuesday, a general apologised to families of people shot by troops after a "
        "suicide bombing earlier this year.",
    )
    assert found.value("event_type") == "Airstrike"


def test_a_place_that_runs_into_a_month_is_still_the_place():
    [found] = mentions("A bomb at a market in Bannu October 3rd killed nine.", language())
    assert found.name == "Bannu"


def test_fighting_in_recent_days_is_no_incident(extractor):
    text = (
        "Negotiators met again on Monday. Meanwhile, clashes between troops and "
        "insurgents have killed dozens of people in recent days."
    )
    assert extractor.extract(from_text(text, "2021-06-07")) == []


def test_a_person_named_among_the_dead_is_not_the_toll(extractor):
    found = _one(
        extractor,
        "A suicide bomber killed at least nine people outside a court in Kunduz on "
        "Monday. Police said the blast killed the head of the provincial court.",
    )
    assert found.value("fatalities") == 9


def test_more_dead_told_after_the_first_figure_are_added(extractor):
    found = _one(
        extractor,
        "A car bomb killed three soldiers in Zabul province on Saturday. The blast also "
        "killed a civilian.",
    )
    assert found.value("fatalities") == 4


def test_the_same_day_is_the_day_just_told(extractor):
    text = (
        "An air strike killed seven militants in Kunar province on Saturday.\n\n"
        "It came on the same day that a roadside bomb killed two police officers in Ghazni."
    )
    found = [c for c in extractor.extract(from_text(text, "2021-06-07")) if not c.background]
    assert [str(c.value("date")) for c in found] == ["2021-06-05", "2021-06-05"]


def test_a_round_figure_gives_way_to_an_exact_one(extractor):
    found = _one(
        extractor,
        "Gunmen opened fire on a bus in Mastung district on Tuesday, killing 23 "
        "passengers. The attackers fired on the passengers, killing more than two dozen.",
    )
    assert found.value("fatalities") == 23


def test_travelling_to_work_in_a_town_is_being_there():
    [found] = mentions("He was shot while travelling to work in Sarai Naurang.", language())
    assert not found.destination


def test_a_group_named_only_for_why_the_violence_rose_is_not_the_perpetrator(extractor):
    found = _one(
        extractor,
        "Gunmen shot dead a shopkeeper in Bannu on Monday, police said.\n\n"
        "The killing comes amid a surge in violence since the TTP ended its ceasefire.",
    )
    assert found.value("actor") == "Unidentified"


@pytest.mark.parametrize(
    "text",
    [
        "A blast near a mosque in Kabul killed three worshippers on Friday, the Taliban said.",
        "A blast near a mosque in Kabul killed three worshippers on Friday, a spokesman for "
        "the Taliban-run interior ministry said.",
    ],
)
def test_the_government_reporting_an_attack_is_not_its_author(extractor, text):
    assert _one(extractor, text).value("actor") == "Unidentified"


def test_an_undated_lead_and_the_blast_of_the_day_before_are_one(extractor):
    text = (
        "A bomb outside a shrine in Kabul killed four people, officials say.\n\n"
        "A bombing at the airport in late April had killed 60 people.\n\n"
        "A clinic in Kabul said it treated nine wounded from Sunday's bombing."
    )
    found = _one(extractor, text, "2021-06-07")
    assert str(found.value("date")) == "2021-06-06" and found.value("injured") == 9


def test_the_afghan_capital_and_a_neighbourhood_of_a_city_are_places():
    found = mentions("A bus exploded in a suburb of the Afghan capital.", language())
    assert ("Kabul", "Afghanistan") in [(m.name, m.hint) for m in found]
    [city] = mentions("The blast was in a crowded Peshawar neighbourhood.", language())
    assert city.name == "Peshawar"


def test_a_claim_told_before_the_attack_is_the_attacks(extractor):
    text = (
        "A militant group claimed responsibility on Tuesday for an attack in Jalalabad, "
        "the Islamic State said in a statement.\n\n"
        "The group said the attack on Monday killed nine guards."
    )
    found = _one(extractor, text, "2021-06-08")
    assert "Islamic State" in str(found.value("actor"))


def test_a_crossing_named_short_is_the_border_crossing(extractor):
    found = _one(extractor, "A suicide bomber killed 20 people near the Wagah crossing on Sunday.")
    assert found.value("geo_precision") == "landmark"


def test_a_day_after_a_bombing_dates_the_bombing_the_day_before(extractor):
    found = _one(
        extractor,
        "Crowds returned to the market on Tuesday, a day after a suicide bomber killed 30 "
        "people there in Peshawar.",
        "2021-06-08",
    )
    assert str(found.value("date")) == "2021-06-07"


def test_the_same_attack_told_again_a_day_earlier_is_one(extractor):
    text = (
        "Shops reopened on Monday, a day after a suicide bomber killed 25 people near the "
        "Wagah crossing.\n\n"
        "A day earlier, families were leaving the border when a bomber detonated his vest.\n\n"
        "Funerals for victims of Sunday's bombing were held across Punjab province."
    )
    assert len(extractor.extract(from_text(text, "2021-06-07"))) == 1


def test_battles_that_came_a_day_after_a_strike_leave_the_strike_its_own_day(extractor):
    text = (
        "The army says troops killed 15 militants in Bajaur on Thursday. The fighting came "
        "a day after helicopter gunships pounded hideouts, killing 20 fighters."
    )
    found = extractor.extract(from_text(text, "2021-06-10"))
    assert sorted((str(c.value("date")), c.value("event_type")) for c in found) == [
        ("2021-06-09", "Airstrike"),
        ("2021-06-10", "Armed clash"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "At least 60 people were killed during the military operations.",
        "Nearly 300 people have been killed during the unrest.",
    ],
)
def test_a_toll_of_operations_or_unrest_is_no_incidents_toll(extractor, sentence):
    found = _one(extractor, f"A roadside bomb exploded in Swat on Friday. {sentence}")
    assert found.value("fatalities") == ""


def test_a_suicide_bomber_after_a_roadside_bomb_is_another_attack(extractor):
    text = (
        "A roadside bomb killed three farmers in Farah province on Tuesday.\n\n"
        "On Tuesday, the ministry said a suicide bomber killed himself in Nimroz province "
        "when his vest went off early."
    )
    found = extractor.extract(from_text(text, "2021-06-09"))
    assert [c.value("event_type") for c in found] == ["Bombing", "Suicide bombing"]


def test_suicide_bombers_of_an_earlier_attack_do_not_make_this_one_a_suicide_attack(extractor):
    found = _one(
        extractor,
        "A car bomb exploded near a police station in Ghazni city on Sunday, killing nine.\n\n"
        "Sunday's bombing came just days after fighters, including suicide bombers, stormed "
        "a base in Kabul.",
        "2021-06-06",
    )
    assert found.value("event_type") == "Bombing"


def test_a_district_captured_after_a_fierce_fight_is_a_clash_with_its_toll(extractor):
    found = _one(
        extractor,
        "Taliban fighters captured the remote Darayim district after a fierce fight with "
        "police that left six police and militiamen dead.",
    )
    assert found.value("event_type") == "Armed clash" and found.value("fatalities") == 6
    assert found.value("geo_precision") == "district"


def test_a_named_district_of_a_province_is_not_a_district_called_like_the_province():
    found = mentions("Raghistan district of Badakhshan fell to the Taliban.", language())
    assert all(m.query != "Badakhshan district" for m in found)


def test_a_battle_whose_only_dead_are_militants_is_another_incident(extractor):
    text = (
        "A NATO air strike killed 12 people in Garmser district on Thursday.\n\n"
        "NATO also said up to 80 militants were killed Thursday in a battle with troops in Paktika "
        "province."
    )
    found = extractor.extract(from_text(text, "2021-06-11"))
    assert [c.value("event_type") for c in found] == ["Airstrike", "Armed clash"]


def test_a_bulletin_without_blank_lines_parts_its_items_at_line_breaks(extractor):
    text = (
        "Gunmen killed four guards at a bank in Quetta on Sunday.\n"
        "Insurgents have killed at least nine soldiers in an attack in Kunduz province.\n"
        "Weather news follows."
    )
    found = extractor.extract(from_text(text, "2021-06-07"))
    assert len(found) == 2


def test_explosives_discovered_in_a_raid_are_no_attack(extractor):
    text = (
        "Police said they discovered three bomb-laden cars during a raid in Rawalpindi on Friday."
    )
    assert extractor.extract(from_text(text, "2021-06-07")) == []


def test_attacks_a_statement_condemns_are_recalled_not_reported(extractor):
    text = (
        "Britain Condemns Attacks in Pakistan\n\n"
        "Britain offered its condolences on Wednesday to the victims of recent attacks. "
        "A suicide bombing at a market in Peshawar on Monday killed 20 people."
    )
    found = extractor.extract(from_text(text, "2021-06-09"))
    assert [c.background for c in found] == [True]


def test_an_offices_initials_are_no_place():
    found = mentions("Gunmen attacked the DPO's office in Bannu.", language())
    assert "DPO" not in [m.name for m in found] and "Bannu" in [m.name for m in found]


def test_attackers_the_police_shot_are_neither_a_new_attack_nor_its_authors(extractor):
    text = (
        "Three policemen were killed and 16 injured when attackers rammed a car bomb into "
        "a police station in Tank on Tuesday.\n\n"
        "Police also gunned down two terrorists as they tried to enter the station."
    )
    found = _one(extractor, text, "2021-06-08")
    assert found.value("fatalities") == 3 and found.value("actor") == "Unidentified"


def test_what_insurgents_often_do_is_no_incident(extractor):
    text = (
        "A roadside bomb killed a district police chief in Farah province on Tuesday.\n\n"
        "Insurgents frequently use suicide attacks to target officials."
    )
    assert len(extractor.extract(from_text(text, "2021-06-08"))) == 1


def test_a_lead_that_sums_two_attacks_gives_neither_its_sum(extractor):
    text = (
        "A district governor and four policemen were killed in two separate roadside "
        "attacks, officials said Saturday.\n\n"
        "In the latest attack, Zaman Gul, the district governor, was killed when a bomb hit "
        "his car in Khost province on Saturday.\n\n"
        "Separately, four policemen were killed by a roadside bomb in Kandahar province on "
        "Friday."
    )
    found = extractor.extract(from_text(text, "2021-06-12"))
    assert sorted(c.value("fatalities") for c in found) == [1, 4]


def test_the_day_someone_visits_survivors_is_not_the_attacks(extractor):
    text = (
        "The minister went to Quetta on Thursday to meet survivors of a deadly bus attack "
        "in which gunmen killed 14 passengers.\n\n"
        "The Baloch Liberation Army claimed the assault, which began on Tuesday and ended "
        "on Wednesday when troops killed all 20 attackers."
    )
    found = _one(extractor, text, "2021-06-10")
    assert str(found.value("date")) == "2021-06-08"


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Two blasts killed eleven people.", 11),  # a count of attacks is not of the dead
        ("Two guards killed in a blast.", 2),
        ("Sepoy Gul Khan was shot and killed near the bazaar.", 1),
        ("Gul Agha, the mayor of the town, was killed when his car hit a mine.", 1),
        ("A bomber hit the governor's car, killing him and three others.", 4),
        ("Insurgents killed a district police chief and two others in a blast.", 3),
        ("A mine killed a senior bomb disposal officer and two members of his team.", 3),
        ("A car bomb killed a district police chief and his three guards.", 4),
    ],
)
def test_the_dead_as_reporters_count_them(sentence, dead):
    assert {h.value for h in counts(sentence, "killed")} == {dead}


def test_an_intelligence_based_operation_is_the_states_clash_with_both_sides_dead(extractor):
    found = _one(
        extractor,
        "One soldier was martyred and four militants were killed during an "
        "intelligence-based operation in the Spinwam area of North Waziristan district on "
        "Monday, the military said.",
        "2021-06-08",
    )
    assert found.value("event_type") == "Armed clash" and found.value("fatalities") == 5
    assert found.value("actor") == "Government of Pakistan"


def test_a_date_read_in_a_later_sentence_points_at_its_own_words(extractor):
    text = (
        "A bomb outside a shrine in Kabul killed four people, officials say.\n\n"
        "A clinic in Kabul said it treated nine wounded from Sunday's bombing."
    )
    said = _one(extractor, text, "2021-06-07").fields["date"]
    words = said.sentence[said.start - said.sentence_start : said.end - said.sentence_start]
    assert "Sunday" in words


def test_a_landmark_placed_as_such_takes_no_other_spot_before_it(extractor):
    found = extractor.extract(
        from_text(
            "The blast at the Shah Do Shamshira Mosque is the first since a suicide bomber "
            "attacked Kabul airport in August, killing 170.",
            "2021-10-04",
        )
    )
    airport = [c for c in found if "airport" in str(c.value("location")).lower()]
    assert airport and all("Mosque" not in str(c.value("location")) for c in airport)
