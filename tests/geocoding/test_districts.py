"""Districts in place names: the container constrains the name, and an unknown
name is placed at its district, not its province.  Expected points are read from
the gazetteer's own towns (GeoNames), never from the coded files the benchmark uses."""

import pandas as pd
import pytest

from geocoding.normalize import split_level_word
from geocoding.precision import GeoPrecision
from geocoding.table import geocode_table
from tests.support import km_between

pytestmark = pytest.mark.slow


def town(offline, name, country="PK"):
    index = offline.resolver.index
    hits = [index.place(h.place) for h in index.exact(split_level_word(name)[0])]
    return next(p for p in hits if p.level is GeoPrecision.TOWN and p.country == country)


def _district(offline, name, country="PK"):
    index = offline.resolver.index
    return next(
        index.place(h.place)
        for h in index.exact(split_level_word(name)[0])
        if index.place(h.place).source.startswith("region:")
        and index.place(h.place).level is GeoPrecision.DISTRICT
    )


def _inside(area, match) -> bool:
    from geocoding.areas import shapes
    from geocoding.places import Place

    point = Place("x", match.latitude, match.longitude, GeoPrecision.TOWN, "PK")
    return shapes().contains(area, point)


def test_an_unknown_village_is_placed_at_its_district_not_its_province(offline):
    match = offline.resolve(
        "Zzqxkhel village, Dera Bugti district", country="Pakistan", admin1="Balochistan province"
    )
    district = _district(offline, "Dera Bugti")
    assert match.precision is GeoPrecision.DISTRICT and match.fallback
    assert match.source.startswith("region:") and _inside(district, match)


def test_a_known_village_is_placed_at_itself_inside_its_district(offline):
    """Sangsila, once unknown, is one of the shipped settlements."""
    match = offline.resolve(
        "Sangsila town, Dera Bugti district", country="Pakistan", admin1="Balochistan province"
    )
    assert match.precision is GeoPrecision.TOWN and not match.fallback
    assert _inside(_district(offline, "Dera Bugti"), match)


def test_a_district_is_placed_inside_its_polygon_not_at_a_town_of_its_name(offline):
    match = offline.resolve(
        "Unknownkhel village, Vehari district", country="Pakistan", admin1="Punjab province"
    )
    assert match.precision is GeoPrecision.DISTRICT and match.fallback
    assert match.source.startswith("region:") and _inside(_district(offline, "Vehari"), match)


@pytest.mark.parametrize(
    "one,other",
    [
        ("Mohmand Agency", "Mohmand"),
        ("FR Kohat", "Frontier Region Kohat"),
        ("Khyber Agency", "Khyber"),
        ("Lal Pur", "Lalpura"),
        ("Deh Bala", "Haska Meyna"),
        ("Nad Ali", "Nad-e Ali"),
        ("D. I. Khan", "Dera Ismail Khan"),
        ("Kech", "Turbat"),
    ],
)
def test_each_spelling_family_names_one_district(offline, one, other):
    country = "Afghanistan" if one in ("Lal Pur", "Deh Bala", "Nad Ali") else "Pakistan"
    first = offline.resolve(f"{one} district", country=country)
    second = offline.resolve(f"{other} district", country=country)
    assert first.precision is second.precision is GeoPrecision.DISTRICT, (first, second)
    assert (first.latitude, first.longitude) == (second.latitude, second.longitude)
    assert first.source.startswith("region:")


def test_a_frontier_region_named_with_its_seat_still_contains_its_villages(offline):
    """UCDP writes "FR Tank - Jandola": the region is the container, so an unknown
    village is placed at FR Tank, not at a like-named village 280 km away in Bajaur."""
    region = offline.resolve("FR Tank, Federally Administered Tribal Areas", country="Pakistan")
    match = offline.resolve(
        "Gabbar locality, FR Tank - Jandola, Federally Administered Tribal Areas",
        country="Pakistan",
    )
    assert region.precision is GeoPrecision.DISTRICT
    assert km_between(match.latitude, match.longitude, region.latitude, region.longitude) < 30


def test_a_spot_named_by_a_town_is_placed_at_the_town_inside_its_district(offline):
    """Coded data names spots by the town beside them: "Karakh road", "Swat valley".
    The whole name is tried first (a landmark of that name wins); then the town."""
    road = offline.resolve("Karakh road, Khuzdar district", country="Pakistan")
    assert road.precision is GeoPrecision.TOWN and road.matched_name.startswith("Karakh")
    assert _inside(_district(offline, "Khuzdar"), road)
    valley = offline.resolve("Swat valley", country="Pakistan")
    assert valley.precision is GeoPrecision.DISTRICT and valley.matched_name.startswith("Swat")


def test_old_and_new_units_place_a_village_alike(offline):
    old = offline.resolve("Datta Khel, North Waziristan Agency, FATA", country="Pakistan")
    new = offline.resolve("Datta Khel, North Waziristan, Khyber Pakhtunkhwa", country="Pakistan")
    assert old.precision is new.precision
    assert km_between(old.latitude, old.longitude, new.latitude, new.longitude) < 1
    assert _inside(_district(offline, "North Waziristan"), new)


def test_a_village_name_in_two_provinces_is_placed_in_the_one_given(offline):
    """Many village names repeat (66 places are named Kot): the province given decides,
    by its polygon."""
    from geocoding.areas import shapes

    index = offline.resolver.index
    kots = [
        index.place(h.place)
        for h in index.exact("kot")
        if index.place(h.place).level is GeoPrecision.TOWN and index.place(h.place).country == "PK"
    ]
    provinces = {}
    for province in ("Punjab", "Balochistan", "Sindh", "Khyber Pakhtunkhwa"):
        area = next(
            index.place(h.place)
            for h in index.exact(province.lower())
            if index.place(h.place).level is GeoPrecision.PROVINCE
            and index.place(h.place).source.startswith("region:")
        )
        if any(shapes().contains(area, k) for k in kots):
            provinces[province] = area
    assert len(provinces) >= 2, "Kot is a village name in several provinces"
    placed = {}
    for province, area in provinces.items():
        match = offline.resolve("Kot", country="Pakistan", admin1=province)
        assert match.precision is GeoPrecision.TOWN and _inside(area, match), province
        placed[province] = (match.latitude, match.longitude)
    assert len(set(placed.values())) == len(placed)


@pytest.mark.parametrize(
    "text,key,level",
    [
        ("Ilam Area", "ilam", None),
        ("Kel sector", "kel", None),
        ("FR Kohat", "kohat", "district"),
        ("Mohmand agency", "mohmand", "district"),
        ("Kodakhel village", "kodakhel", "town"),
        ("near Bara", "bara", None),
    ],
)
def test_type_words_are_understood(text, key, level):
    assert split_level_word(text) == (key, level)


def test_two_towns_named_together_give_the_first(offline):
    match = offline.resolve("near Landi Kotal and Jamrud", country="Pakistan")
    seat = town(offline, "Landi Kotal")
    assert match.precision is GeoPrecision.TOWN
    assert km_between(match.latitude, match.longitude, seat.latitude, seat.longitude) < 1


def test_a_region_named_with_and_is_not_split(offline):
    match = offline.resolve("Jammu and Kashmir", country="India")
    assert match is None or match.precision is not GeoPrecision.TOWN


def test_torkham_with_pakistan_is_the_crossing(offline):
    match = offline.resolve("Torkham", country="Pakistan")
    assert match.precision is GeoPrecision.LANDMARK and not match.fallback


def test_nonsense_stays_at_country_level_and_says_so(offline):
    match = offline.resolve("Xqzzvbrk", country="Pakistan")
    assert match.precision is GeoPrecision.COUNTRY and match.fallback


def test_the_table_step_passes_the_district(offline):
    frame = pd.DataFrame(
        {
            "location": ["Sangsila town", "Sangsila town"],
            "admin2": ["Dera Bugti district", ""],
            "admin1": ["Balochistan", "Balochistan"],
            "country": ["Pakistan", "Pakistan"],
            "latitude": "",
            "longitude": "",
        }
    )
    frame["location"] = "Zzqxkhel village"
    placed, _ = geocode_table(frame, offline)
    assert placed["geo_precision"].tolist() == ["district", "province"]
    no_district, _ = geocode_table(frame, offline, admin2_col=None)
    assert no_district["geo_precision"].tolist() == ["province", "province"]


def test_a_district_is_placed_at_its_seat_town_not_the_middle_of_its_polygon(offline):
    """Garmser's polygon reaches far into the desert; its point is Garmsir town, the
    district's centre, still inside the polygon and still a district-level answer."""
    match = offline.resolve("Garmser district", country="Afghanistan", admin1="Helmand")
    seat = town(offline, "Garmsir", country="AF")
    assert match.precision is GeoPrecision.DISTRICT and match.source.startswith("region:")
    assert km_between(match.latitude, match.longitude, seat.latitude, seat.longitude) < 1
    assert _inside(_district(offline, "Garmser"), match)


def test_a_district_whose_seat_has_another_name_takes_its_one_city(offline):
    match = offline.resolve("Swat district", country="Pakistan")
    mingora = town(offline, "Mingora")
    assert match.precision is GeoPrecision.DISTRICT
    assert km_between(match.latitude, match.longitude, mingora.latitude, mingora.longitude) < 1


def test_a_district_with_no_town_of_its_name_keeps_its_polygon_point(offline):
    district = _district(offline, "North Waziristan")
    assert district.anchor.startswith("a point inside its polygon")
