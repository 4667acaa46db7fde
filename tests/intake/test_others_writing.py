"""Reports as other people write them: hard wraps, headlines that only give a toll,
state forces as the ones who fired, "Pakistan's X", tolls that rise.  Every text
here is written for the test; none is copied from a report."""

from __future__ import annotations

import pytest

from intake.annotators import counts, dates, triggers
from intake.extract import Extractor
from intake.language import language
from intake.reports import from_text
from intake.segment import sentences, unwrap
from tests.support import km_between


@pytest.fixture(scope="module")
def extractor(offline):
    return Extractor(offline)


def _one(extractor, text: str, published: str = "2023-05-10"):
    found = extractor.extract(from_text(text, published))
    assert len(found) == 1, [c.value("event_type") for c in found]
    return found[0]


WRAPPED = (
    "QUETTA, Pakistan - A bomb hidden in a parked motorcycle went off beside a\n"
    "police van in the city on May 8, which left at least 11 people dead\n"
    "and 23 wounded, a police officer said. No group said it was behind the\n"
    "blast.\n"
)


def test_hard_wrapped_lines_keep_the_date_and_toll_with_their_event(extractor):
    assert len(unwrap(WRAPPED)) == len(WRAPPED)  # offsets still point into the text
    assert len(sentences(WRAPPED)) == 2
    found = _one(extractor, WRAPPED)
    assert str(found.value("date")) == "2023-05-08"
    assert found.value("fatalities") == 11 and found.value("injured") == 23


def test_a_headline_line_and_a_list_stay_apart_from_the_body():
    text = (
        "Blast in market\nBy a staff writer\n- first point made here\n- second point\n"
        "A bomb went off in a market."
    )
    assert [s.text.strip() for s in sentences(text)] == [
        "Blast in market",
        "By a staff writer",
        "- first point made here",
        "- second point",
        "A bomb went off in a market.",
    ]


def test_titles_and_initials_do_not_end_a_sentence():
    parts = sentences("Lt. Gen. Ahmed of the U.S. side spoke. Then it rained.")
    assert [p.text.strip() for p in parts] == [
        "Lt. Gen. Ahmed of the U.S. side spoke.",
        "Then it rained.",
    ]


def test_headlines_joined_by_semicolons_are_read_one_by_one():
    parts = sentences("Gunmen kill 3 in Bannu;Police hunt attackers;Talks resume")
    assert len(parts) == 3


@pytest.mark.parametrize(
    "headline, kind",
    [
        ("Four policemen killed in northwest Pakistan", "Attack"),
        ("Gunfight leaves nine militants dead", "Armed clash"),
        ("Indian firing kills two villagers near the Line of Control", "Armed clash"),
        ("Army pounds militant hideouts in Khyber", "Shelling"),
        ("Two bodies found dumped in Turbat", "Attack"),
    ],
)
def test_a_headline_that_only_says_who_died_is_an_incident(headline, kind):
    assert triggers.event_type(headline).value == kind
    assert not language().cues["not_an_event"].search(headline)


def test_the_month_may_is_not_the_verb_may():
    assert not language().cues["not_an_event"].search("A bomb killed six people on 3 May in Bannu")
    assert language().cues["not_an_event"].search("The blast may have killed six")


@pytest.mark.parametrize(
    "headline, actor",
    [
        ("Pakistani troops kill 12 militants in North Waziristan", "Government of Pakistan"),
        ("Police kill two Taliban commanders in a raid in Pakistan", "Government of Pakistan"),
        ("Pakistan says Indian shelling kills a woman in Kotli", "Government of India"),
        ("Three militants killed by security forces in Kech, Pakistan", "Government of Pakistan"),
    ],
)
def test_state_forces_doing_the_killing_are_the_perpetrator(extractor, headline, actor):
    assert _one(extractor, headline).value("actor") == actor


def test_soldiers_killed_is_who_died_not_who_killed(extractor):
    found = _one(
        extractor,
        "Six soldiers were killed when militants attacked a post in South Waziristan, Pakistan.",
    )
    assert found.value("actor") == "Unidentified"


def test_a_group_that_claims_it_outranks_the_forces(extractor):
    text = (
        "Security forces killed two attackers after a raid on a camp in Zhob, Pakistan. "
        "The Tehrik-i-Taliban Pakistan claimed responsibility for the raid."
    )
    assert _one(extractor, text).value("actor") == "Tehrik-i-Taliban Pakistan (TTP)"


def test_militants_are_the_toll_when_no_one_else_died(extractor):
    found = _one(extractor, "Seven militants killed in Pakistan's Kurram district")
    assert found.value("fatalities") == 7
    assert any("all of them militants" in n for n in found.notes)


def test_attackers_stay_out_of_a_toll_of_victims(extractor):
    found = _one(
        extractor,
        "A suicide attack killed 9 worshippers at a mosque in Peshawar, "
        "Pakistan; two attackers were killed.",
    )
    assert found.value("fatalities") == 9


def test_a_risen_toll_replaces_the_first_figure(extractor):
    found = _one(
        extractor,
        "Bomb kills 8 at a rally in Bajaur;Death toll from Bajaur rally bombing rises to 19",
    )
    assert found.value("fatalities") == 19


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen kill four in Pakistan's Rawalpindi",
        "A bomb killed four in the Pakistani city of Rawalpindi",
    ],
)
def test_a_countrys_possessive_says_where_to_look(extractor, text):
    found = _one(extractor, text)
    assert found.value("location") == "Rawalpindi"
    assert km_between(found.value("latitude"), found.value("longitude"), 33.6, 73.05) < 15


def test_the_country_the_report_names_decides_a_bare_name(extractor):
    found = _one(extractor, "Gunmen shot dead two guards near Kot in Pakistan")
    assert found.value("country") in ("Pakistan", "")  # never a Kot abroad
    assert "SY" not in str(found.value("matched_name"))


def test_a_region_of_a_country_is_never_a_point(extractor):
    found = _one(extractor, "Roadside bomb kills three soldiers in northwest Pakistan")
    assert found.value("latitude") in ("", None)


def test_the_wagah_crossing_is_a_landmark(extractor):
    found = _one(extractor, "Suicide attack at Wagah border kills 50, Pakistan")
    assert found.value("geo_precision") == "landmark"
    assert km_between(found.value("latitude"), found.value("longitude"), 31.605, 74.573) < 2


def test_a_summary_prefixed_by_a_date_in_figures_is_month_first(extractor):
    found = _one(
        extractor,
        "03/07/2014: Assailants opened fire on a police post in Bannu, "
        "Pakistan, killing two officers.",
        "2014-03-20",
    )
    assert str(found.value("date")) == "2014-03-07"


def test_a_text_that_writes_day_first_is_read_day_first():
    text = "A bomb went off on 25/12/2015 in Quetta. Another one on 04/01/2016 hurt three."
    assert dates.day_first(text) is True
    found = dates.when("Another one on 04/01/2016 hurt three.", None, True)
    assert found is not None and str(found.hit.value) == "2016-01-04" and found.precision == "day"


@pytest.mark.parametrize(
    "headline",
    ["Indian firing kills civilian near Kotli", "Militants gun down police DSP in Peshawar"],
)
def test_one_victim_named_without_a_number_is_a_toll_of_one(extractor, headline):
    assert _one(extractor, headline).value("fatalities") == 1


def test_a_plural_victim_without_a_number_is_not_one():
    assert counts.counts("Indian firing kills civilians near Kotli", "killed") == []


def test_one_sentence_that_recalls_two_attacks_gives_each_its_date_and_place(extractor):
    text = (
        "Militants have stepped up a campaign of violence, chief among them the bombing of "
        "a bus terminal in Kohat on 12 May 2021, which killed at least 15 people, as well as "
        "an attack on a shrine in Jhal Magsi in March, which caused scores of casualties."
    )
    found = extractor.extract(from_text(text, "2021-06-20"))
    assert len(found) == 2
    first, second = sorted(found, key=lambda c: str(c.value("date")))
    assert str(second.value("date")) == "2021-05-12" and second.value("location") == "Kohat"
    assert second.value("fatalities") == 15
    assert (
        str(first.value("date")).startswith("2021-03") and first.value("location") == "Jhal Magsi"
    )


def test_a_second_clause_about_the_same_blast_stays_one_incident(extractor):
    found = _one(
        extractor,
        "A suicide bomber struck a mosque in Peshawar on Friday, and the "
        "blast killed 20 worshippers.",
        "2022-03-06",
    )
    assert found.value("fatalities") == 20


def test_the_day_a_claim_was_made_is_not_the_day_of_the_attack(extractor):
    text = (
        "KANDAHAR - A militant group on Saturday (Oct 16) claimed a suicide bombing at a "
        "mosque in Kandahar that killed at least 30 people and injured scores more. The "
        "Friday blast hit worshippers at prayer."
    )
    found = _one(extractor, text, "2021-10-16")
    assert str(found.value("date")) == "2021-10-15"
    assert found.value("fatalities") == 30
    assert found.value("injured") == ""  # "scores": unknown, and not the 30 of the dead
    assert any("vague ('scores')" in n for n in found.notes)


def test_where_people_were_travelling_is_not_where_the_attack_was(extractor):
    found = _one(
        extractor,
        "A bomb killed 12 people at a bus stand as they waited for a bus to "
        "the city of Karachi, in Pakistan's Balochistan province.",
    )
    assert found.value("location") != "Karachi"


def test_a_place_followed_by_who_said_it_is_still_the_place(extractor):
    found = _one(
        extractor,
        "At least 9 people were killed in a blast at a market in Pakistan's "
        "restive Khyber district, officials said.",
    )
    assert found.value("location") == "Khyber district"
    assert found.value("geo_precision") == "district"


def test_a_spokesman_in_a_city_is_not_the_attacks_place(extractor):
    found = _one(
        extractor, "A roadside bomb killed 3 soldiers in Kurram, a spokesman in Peshawar said."
    )
    assert found.value("location") == "Kurram"


@pytest.mark.parametrize(
    "text, published, day, precision",
    [
        ("On 9 May 2019, gunmen killed two guards in Quetta.", "2019-05-12", "2019-05-09", "day"),
        ("A bomb went off late on Sunday in Kohat, killing 3.", "2023-05-10", "2023-05-07", "day"),
        ("A rocket attack last night killed 2 in Jalalabad.", "2023-05-10", "2023-05-09", "day"),
        # days counted back in words (dateparser)
        ("Two days ago gunmen killed 3 shopkeepers in Chaman.", "2023-05-10", "2023-05-08", "day"),
        ("The day before yesterday a bomb killed 2 in Turbat.", "2023-05-10", "2023-05-08", "day"),
        ("Three weeks ago a blast killed 5 in Zhob.", "2023-05-10", "2023-04-01", "month"),
    ],
)
def test_dates_as_others_write_them(extractor, text, published, day, precision):
    found = _one(extractor, text, published)
    assert (str(found.value("date")), found.value("date_precision")) == (day, precision)


def test_earlier_this_week_is_flagged_not_guessed(extractor):
    found = _one(
        extractor, "Earlier this week a roadside bomb killed four soldiers in Kech.", "2023-05-10"
    )
    assert str(found.value("date")) == "2023-05-10"
    assert found.fields["date"].confidence < 0.9
    assert any("earlier this week" in n for n in found.notes)


@pytest.mark.parametrize(
    "text, at_most",
    [
        ("Gunmen killed 3 villagers in the Tangi area of Chak district, Wardak.", "province"),
        (
            "A roadside bomb hit a convoy on the Bannu-Miranshah road in the Mir Ali area, North "
            "Waziristan Agency, Federally Administered Tribal Areas, killing 6 soldiers.",
            "town",
        ),
    ],
)
def test_areas_and_roads_fall_to_the_area_named_with_them(extractor, text, at_most):
    found = _one(extractor, text, "2015-03-01")
    assert found.value("geo_precision") == at_most
    assert "Sindh" not in str(found.value("matched_name"))  # not another province's Chak


def test_a_landmark_hit_by_name_is_the_landmark(extractor):
    found = _one(extractor, "A rocket hit Jalalabad airport, wounding two guards.", "2019-03-01")
    assert found.value("geo_precision") == "landmark"
