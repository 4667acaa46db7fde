"""Which town a district is placed at (``geocoding.seats``), on places made up here."""

from geocoding.places import Place
from geocoding.precision import GeoPrecision
from geocoding.seats import LARGE_TOWN, at_seats


def district(name: str, *aliases: str, kind: str = "district") -> Place:
    return Place(
        name,
        30.0,
        65.0,
        GeoPrecision.DISTRICT,
        "AF",
        admin1="Upland",
        aliases=aliases,
        source=f"region:AF-X:{kind}",
    )


def town(name: str, lat: float, admin2: str, people: int = 0, source: str = "geonames:1") -> Place:
    return Place(
        name,
        lat,
        66.0,
        GeoPrecision.TOWN,
        "AF",
        admin1="Upland",
        admin2=admin2,
        population=people,
        source=source,
    )


def test_a_district_goes_to_the_town_named_like_it_or_like_one_of_its_spellings():
    towns = [town("Qalat Bazar", 31.0, "Qalat", 500), town("Qalaat", 31.5, "Qalat")]
    [placed] = at_seats([district("Qalat", "Qalaat")], towns)
    assert (placed.latitude, placed.longitude) == (31.5, 66.0)
    assert "Qalaat" in placed.anchor and placed.level is GeoPrecision.DISTRICT


def test_a_town_of_the_same_name_in_another_district_is_not_the_seat():
    [placed] = at_seats([district("Qalat")], [town("Qalat", 31.5, "Elsewhere")])
    assert (placed.latitude, placed.longitude) == (30.0, 65.0)


def test_a_large_town_is_the_centre_when_none_is_named_like_the_district():
    towns = [town("Bigtown", 32.0, "Valley", LARGE_TOWN), town("Hamlet", 33.0, "Valley", 900)]
    [placed] = at_seats([district("Valley")], towns)
    assert placed.latitude == 32.0
    [kept] = at_seats([district("Valley")], [town("Hamlet", 33.0, "Valley", 900)])
    assert kept.latitude == 30.0


def test_ruins_and_tehsils_are_left_alone():
    ruin = town("Qalat", 31.5, "Qalat", source="geonames:2:abandoned")
    [placed] = at_seats([district("Qalat")], [ruin])
    assert placed.latitude == 30.0
    [tehsil] = at_seats([district("Qalat", kind="tehsil")], [town("Qalat", 31.5, "Qalat")])
    assert tehsil.latitude == 30.0
