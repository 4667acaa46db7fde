"""The actor registry (``incidents/data/actors.toml``): every name of a group leads
to one identity, each identity has a source for its names, and the colours can be
told apart, also by a viewer with red-green colour blindness."""

from __future__ import annotations

import itertools

import pytest

from ground.colours import as_seen_with, delta_e
from incidents.registry import KINDS, UNIDENTIFIED_GREY, Registry, plain, shipped, with_user_names

CORE = ("iskp", "ttp", "taliban", "bla", "state-pk", "lej", "al-qaida", "state-af")
OTHER_ROW_GREY = "#B0B0B0"


def _distance(first: str, second: str) -> float:
    """The smallest CIEDE2000 distance, to normal vision and to the two red-green
    deficiencies."""
    return min(
        delta_e(first, second),
        *(
            delta_e(as_seen_with(kind, first), as_seen_with(kind, second))
            for kind in ("protanopia", "deuteranopia")
        ),
    )


def coloured():
    return [a for a in shipped() if a.kind in ("armed group", "state forces")]


def test_every_identity_is_sourced_and_of_a_known_kind():
    ids = [a.id for a in shipped()]
    assert len(ids) == len(set(ids))
    for actor in shipped():
        assert actor.kind in KINDS, actor.id
        assert actor.sources and actor.aliases, actor.id


def test_no_name_belongs_to_two_identities():
    owners: dict[str, str] = {}
    for actor in shipped():
        for name in (actor.name, *actor.aliases, *actor.acronyms):
            assert owners.setdefault(plain(name), actor.id) == actor.id, name


def test_every_name_leads_to_its_identity():
    known = Registry.of(shipped())
    for actor in shipped():
        for name in (actor.name, *actor.aliases, *actor.acronyms):
            assert known.identify(name) is actor, name
        assert known.canonical(actor.aliases[-1]) == actor.name


@pytest.mark.parametrize(
    "written, identity",
    [
        ("Military Forces of Pakistan (2018-)", "state-pk"),
        ("Unidentified Armed Group (Afghanistan)", "unidentified"),
        ("Civilians (Pakistan)", "civilians"),
        ("Tehreek-e-Taliban Pakistan", "ttp"),
        ("Civilian mechanics working for the Taliban", None),  # a target, described
        ("Hazara Shia civilians", None),
    ],
)
def test_names_by_pattern(written, identity):
    found = Registry.of(shipped()).identify(written)
    assert (found.id if found else None) == identity


def test_colours_can_be_told_apart_by_everyone():
    actors = coloured()
    for first, second in itertools.combinations(actors, 2):
        assert _distance(first.colour, second.colour) >= 7.5, (first.id, second.id)
    core = [a for a in actors if a.id in CORE]
    assert len(core) == len(CORE)
    for first, second in itertools.combinations(core, 2):
        assert _distance(first.colour, second.colour) >= 12, (first.id, second.id)


def test_no_actor_is_drawn_in_the_greys():
    """At least 8 from both greys for every viewer; to normal vision at least 15
    (Okabe-Ito's bluish green, the Taliban's, is the nearest a deuteranope sees)."""
    for actor in coloured():
        for grey in (UNIDENTIFIED_GREY, OTHER_ROW_GREY):
            assert _distance(actor.colour, grey) >= 8, actor.id
            assert delta_e(actor.colour, grey) >= 15, actor.id
    assert al_qaida_and_lej_differ()


def al_qaida_and_lej_differ() -> bool:
    """The audit's near-twins, #009E73 and #1B9E77, were 1.2 apart."""
    known = {a.id: a.colour for a in shipped()}
    return delta_e(known["al-qaida"], known["lej"]) > 20 and delta_e("#009E73", "#1B9E77") < 2


def test_a_name_the_registry_lacks_gets_its_own_colour_never_grey():
    known = Registry.of(shipped())
    for name in ("Lashkar of Wazir tribe", "Turi", "Some new front"):
        colour = known.colour(name)
        assert colour == known.colour(name.upper()) and colour.startswith("#")
        assert delta_e(colour, UNIDENTIFIED_GREY) >= 15 and delta_e(colour, OTHER_ROW_GREY) >= 15


def test_a_users_names_join_an_identity_or_make_one():
    extended = with_user_names(
        shipped(), {plain("Da Khorasan Wilayat"): "iskp", plain("Local Lashkar"): "local lashkar"}
    )
    assert extended.identify("Da Khorasan Wilayat").id == "iskp"
    own = extended.identify("Local Lashkar")
    assert own is not None and own.name == "local lashkar" and own.kind == "armed group"


def test_the_actor_filter_offers_a_group_once_and_no_target():
    import pandas as pd

    from engine.filters import option_counts
    from incidents.io import load_incidents
    from incidents.registry import name_actors
    from tests.support import ROOT

    written = pd.DataFrame(
        {
            "incident_id": ["a", "b", "c", "d"],
            "actor": ["ISIS-K", "IS", "Islamic State Khorasan Province (ISIS-K)", "TTP"],
            "actor2": ["", "", "", "Government of Pakistan"],
            "target": ["Shia worshippers", "Civilians", "Police", ""],
        }
    )
    named = name_actors(written)
    offered = dict(option_counts(named, "actors"))
    assert offered == {
        "Islamic State Khorasan Province (ISIS-K)": 3,
        "Tehrik-i-Taliban Pakistan (TTP)": 1,
        "State forces: Pakistan": 1,
    }
    assert named["actor_as_written"].tolist() == ["ISIS-K", "IS", "", "TTP"]
    project = load_incidents(ROOT / "data" / "incidents.csv").incidents
    actors = {name for name, _ in option_counts(project, "actors")}
    for victims in ("Shia worshippers", "Police", "Mourners; Taliban officials", "Civilians"):
        assert victims not in actors
    assert not any("target" in name or "civilians" in name.lower() for name in actors)


def test_a_names_own_colour_keeps_away_from_the_registrys():
    """ "Kashmir insurgents" was drawn in ISIS-K's blue."""
    known = Registry.of(shipped())
    for name in ("Kashmir insurgents", "UBA", "Bangesh", "Mangal", "Turi", "Jondullah"):
        colour = known.colour(name)
        assert all(delta_e(colour, a.colour) >= 15 for a in shipped()), name
