"""The offline gazetteer: variants, ambiguity, fuzzy matches, fallbacks, levels."""

import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geocoding.gazetteer import build_gazetteer
from geocoding.offline import OfflineGazetteer
from geocoding.precision import GeoPrecision
from tests.support import FIXTURES, km_between

pytestmark = pytest.mark.slow

KABUL_AIRPORT = (34.565, 69.212)
KANDAHAR_CITY = (31.61, 65.71)
MAZAR_CITY = (36.709, 67.11)
JALALABAD = (34.43, 70.45)


def placed(offline, query, **hints):
    match = offline.resolve(query, **hints)
    assert match is not None, f"{query!r} was not placed"
    return match


def near(match, point, km):
    return km_between(match.latitude, match.longitude, *point) <= km


@pytest.mark.parametrize(
    "spelling",
    ["Mazar-i-Sharif", "Mazar-e Sharif", "Mazari Sharif", "Mazār-e Sharīf", "mazar e sharif"],
)
def test_spelling_variants_of_mazar(offline, spelling):
    match = placed(offline, spelling)
    assert match.precision is GeoPrecision.TOWN
    assert near(match, MAZAR_CITY, 3)


def test_a_vowel_spelled_the_other_way_is_a_sure_match(offline):
    """English writes Maiwand where the official set writes Maywand: a name that close
    is as sure as an alias, not a near spelling to be doubted."""
    match = offline.resolve("Maiwand district", country="Afghanistan")
    assert match.precision is GeoPrecision.DISTRICT and "Maywand" in match.matched_name
    assert match.score >= 95 and not match.fallback


@pytest.mark.parametrize("spelling", ["Kandahar", "Qandahar", "Kandahār"])
def test_kandahar_variants(offline, spelling):
    match = placed(offline, spelling)
    assert match.precision is GeoPrecision.TOWN and near(match, KANDAHAR_CITY, 5)


@pytest.mark.parametrize(
    "query", ["Nangarhar province", "Nangarhar", "Province of Nangarhar", "Ningarhar"]
)
def test_province_forms(offline, query):
    match = placed(offline, query)
    assert match.precision is GeoPrecision.PROVINCE
    assert match.matched_name.startswith("Nangarhar")


def test_province_word_beats_same_named_city(offline):
    assert placed(offline, "Kandahar").precision is GeoPrecision.TOWN
    assert placed(offline, "Kandahar province").precision is GeoPrecision.PROVINCE


def test_kabul_airport_is_a_landmark_within_3_km(offline):
    for query in (
        "Kabul airport",
        "Hamid Karzai International Airport",
        "Abbey Gate, Hamid Karzai International Airport, Kabul",
    ):
        match = placed(offline, query, country="Afghanistan")
        assert match.precision is GeoPrecision.LANDMARK, query
        assert near(match, KABUL_AIRPORT, 3), query


def test_named_mosque_falls_back_to_its_city(offline):
    match = placed(offline, "Imam Bargah mosque, Kandahar", country="Afghanistan")
    assert match.fallback and match.precision is GeoPrecision.TOWN
    assert near(match, KANDAHAR_CITY, 10)


def test_country_hint_picks_among_same_named_towns(offline):
    pakistan = placed(offline, "Hyderabad", country="Pakistan")
    india = placed(offline, "Hyderabad", country="IN")
    assert "PK" in pakistan.matched_name and "IN" in india.matched_name
    assert km_between(pakistan.latitude, pakistan.longitude, india.latitude, india.longitude) > 500


def test_admin1_hint_rules_out_other_provinces(offline):
    match = placed(offline, "Khanabad", country="Afghanistan", admin1="Kunduz")
    assert "Kunduz" in match.matched_name and not match.fallback


def test_admin1_abbreviation_is_not_read_as_a_country_code(offline):
    match = placed(offline, "Nowhere-xq", country="Pakistan", admin1="KP")
    assert match.precision is GeoPrecision.PROVINCE
    assert match.matched_name.startswith("Khyber Pakhtunkhwa")


def test_unknown_village_falls_back_to_its_province_not_a_namesake(offline):
    # A town called Tangi exists in Pakistan; the one asked for is in Nangarhar.
    assert "PK" in placed(offline, "Tangi", country="Pakistan").matched_name
    match = placed(offline, "Tangi, Dih Bala district, Nangarhar", country="Afghanistan")
    # The shipped settlements know a Tangay inside the district's polygon (a near
    # spelling); the Pakistani namesake is never taken.
    from geocoding.areas import shapes
    from geocoding.places import Place

    district = next(
        offline.resolver.index.place(h.place)
        for h in offline.resolver.index.exact("deh bala")
        if offline.resolver.index.place(h.place).source.startswith("region:")
    )
    assert "AF" in match.matched_name
    assert shapes().contains(
        district, Place("x", match.latitude, match.longitude, GeoPrecision.TOWN, "AF")
    )
    unknown = placed(offline, "Zzqxtangi, Nangarhar", country="Afghanistan")
    assert unknown.fallback and unknown.precision is GeoPrecision.PROVINCE
    assert unknown.matched_name.startswith("Nangarhar")


def test_unknown_village_falls_back_to_its_district(offline):
    match = placed(offline, "Nowhereabad-xq", country="Pakistan", admin1="North Waziristan")
    assert match.fallback and match.precision is GeoPrecision.DISTRICT
    assert match.matched_name.startswith("North Waziristan")


def test_village_in_a_district_resolves_inside_it(offline):
    match = placed(offline, "Datta Khel", country="Pakistan", admin1="North Waziristan")
    assert match.precision is GeoPrecision.TOWN and not match.fallback
    miran_shah = placed(offline, "Miran Shah", country="Pakistan")
    assert (
        km_between(match.latitude, match.longitude, miran_shah.latitude, miran_shah.longitude) < 60
    )


def test_bare_village_in_a_district_named_like_its_seat_is_district_level(offline):
    match = placed(offline, "Daraban-xq, Dera Ismail Khan", country="Pakistan")
    assert match.fallback and match.precision is GeoPrecision.DISTRICT


@pytest.mark.parametrize(
    "typo,country,expected",
    [
        ("Jalalabat", "AF", "Jalālābād"),  # without a hint this is a real alias in Kyrgyzstan
        ("Peshawer", "PK", "Peshawar"),
        ("Quettaa", "PK", "Quetta"),
        ("Lashkargahh", "AF", "Lashkar Gāh"),
    ],
)
def test_near_misses_resolve_with_a_lower_score(offline, typo, country, expected):
    match = placed(offline, typo, country=country)
    assert match.matched_name.startswith(expected)
    assert match.score < 100


def test_names_far_from_anything_stay_unresolved(offline):
    assert offline.resolve("Xyzzyqwv") is None
    assert offline.resolve("") is None


def test_below_threshold_is_unresolved_not_guessed(gazetteer, settings, offline):
    strict = OfflineGazetteer(settings, gazetteer=gazetteer)
    strict.resolver.min_score = 99
    assert offline.resolve("Peshawer", country="PK") is not None
    assert strict.resolve("Peshawer") is None
    fallback = strict.resolve("Peshawer", country="PK")
    assert fallback.fallback and fallback.precision is GeoPrecision.COUNTRY
    assert strict.resolve("Peshawar", country="PK").precision is GeoPrecision.TOWN


def test_country_only_is_country_level(offline):
    assert placed(offline, "Pakistan").precision is GeoPrecision.COUNTRY
    match = placed(offline, "Xyzzyqwv", country="Afghanistan")
    assert match.fallback and match.precision is GeoPrecision.COUNTRY


@pytest.mark.parametrize(
    "query,hints,level",
    [
        ("Kabul airport", {}, GeoPrecision.LANDMARK),
        ("Torkham", {"country": "Pakistan"}, GeoPrecision.LANDMARK),
        ("Jalalabad", {}, GeoPrecision.TOWN),
        ("Bajaur", {"country": "Pakistan"}, GeoPrecision.DISTRICT),
        ("Achin district", {"admin1": "Nangarhar"}, GeoPrecision.DISTRICT),
        ("Achin", {"admin1": "Nangarhar"}, GeoPrecision.TOWN),  # the town, now in the gazetteer
        ("Helmand", {}, GeoPrecision.PROVINCE),
        ("Afghanistan", {}, GeoPrecision.COUNTRY),
    ],
)
def test_every_level_is_reported(offline, query, hints, level):
    assert placed(offline, query, **hints).precision is level


def test_result_names_its_source_entry(offline):
    match = placed(offline, "Kabul airport")
    assert "OAKB" in match.source or match.source.startswith("curated:landmark")
    assert placed(offline, "Jalalabad").source.startswith("geonames:")
    # A province is the region's polygon, at a point inside it.
    assert placed(offline, "Nangarhar").source == "region:AF-AF06:province"


def test_geopy_interface(offline):
    assert isinstance(offline, Geocoder)
    location = offline.geocode("Kandahar")
    assert isinstance(location, Location)
    assert location.raw["geo_precision"] == "town"
    assert abs(location.latitude - KANDAHAR_CITY[0]) < 0.1
    assert isinstance(offline.geocode("Kandahar", exactly_one=False), list)
    assert offline.geocode("Xyzzyqwv") is None
    limited = RateLimiter(offline.geocode, min_delay_seconds=0)
    assert limited("Herat").raw["geo_precision"] == "town"


def test_user_geonames_dump_extends_the_gazetteer():
    gazetteer = build_gazetteer([FIXTURES / "gazetteer"])
    offline = OfflineGazetteer(gazetteer=gazetteer)
    village = offline.resolve("Fixtureabad", country="XX")
    assert village.precision is GeoPrecision.TOWN and village.latitude == 10.5
    assert "Fixture Province" in village.matched_name
    assert offline.resolve("Fikstureabad", country="XX").latitude == 10.5
    mosque = offline.resolve("Masjid-e Fixture")
    assert mosque.precision is GeoPrecision.LANDMARK
    # Two towns called Testkhel: the admin1 hint chooses, admin2 names the district.
    assert offline.resolve("Testkhel", admin1="Other Province").latitude == 10.7
    assert offline.resolve("Testkhel, Fixture District", country="XX").latitude == 11.9
    assert offline.resolve("Fixture Peak") is None  # mountains are not places of incidents
