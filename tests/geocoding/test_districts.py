"""Districts in place names: the container constrains the name, and an unknown
name is placed at its district, not its province.  Expected points are read from
the gazetteer's own towns (GeoNames), never from the coded files the benchmark uses."""
import pandas as pd
import pytest

from geocoding.normalize import split_level_word
from geocoding.precision import GeoPrecision
from geocoding.table import geocode_table
from tests.conftest import km_between

pytestmark = pytest.mark.slow


def town(offline, name, country="PK"):
    index = offline.resolver.index
    hits = [index.place(h.place) for h in index.exact(split_level_word(name)[0])]
    return next(p for p in hits if p.level is GeoPrecision.TOWN and p.country == country)


def test_an_unknown_village_is_placed_at_its_district_not_its_province(offline):
    match = offline.resolve("Sangsila town, Dera Bugti district", country="Pakistan",
                            admin1="Balochistan province")
    seat = town(offline, "Dera Bugti")
    assert match.precision is GeoPrecision.DISTRICT and match.fallback
    assert km_between(match.latitude, match.longitude, seat.latitude, seat.longitude) < 5


def test_a_district_named_like_its_seat_is_placed_at_the_seat(offline):
    match = offline.resolve("Unknownkhel village, Vehari district", country="Pakistan",
                            admin1="Punjab province")
    seat = town(offline, "Vehari")
    assert match.precision is GeoPrecision.DISTRICT and match.fallback
    assert match.source.endswith("seat-named-like-the-district")
    assert km_between(match.latitude, match.longitude, seat.latitude, seat.longitude) < 1


@pytest.mark.parametrize("text,key,level", [
    ("Ilam Area", "ilam", None), ("Kel sector", "kel", None), ("FR Kohat", "kohat", "district"),
    ("Mohmand agency", "mohmand", "district"), ("Kodakhel village", "kodakhel", "town"),
    ("near Bara", "bara", None)])
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
    frame = pd.DataFrame({"location": ["Sangsila town", "Sangsila town"],
                          "admin2": ["Dera Bugti district", ""],
                          "admin1": ["Balochistan", "Balochistan"],
                          "country": ["Pakistan", "Pakistan"], "latitude": "", "longitude": ""})
    placed, _ = geocode_table(frame, offline)
    assert placed["geo_precision"].tolist() == ["district", "province"]
    no_district, _ = geocode_table(frame, offline, admin2_col=None)
    assert no_district["geo_precision"].tolist() == ["province", "province"]
