"""A click on the map as the place of a new incident: read from the frame's value,
and never claimed more exact than the click can be."""

from __future__ import annotations

import pytest

from engine.mapping.view import click_uncertainty_km, clicked_point, precision_of_click


def test_the_click_is_read_from_the_frame_value_and_checked():
    state = {
        "center": {"lat": 34.5, "lng": 69.2},
        "zoom": 9,
        "click": {"lat": 34.55, "lng": 69.21, "zoom": 9},
    }
    assert clicked_point(state) == (34.55, 69.21, 9.0)
    assert clicked_point({"center": {"lat": 1, "lng": 2}, "zoom": 3}) is None
    assert clicked_point({"click": {"lat": 123, "lng": 69, "zoom": 9}}) is None
    assert clicked_point({"click": {"lat": "nan", "lng": 69, "zoom": 9}}) is None


@pytest.mark.parametrize(
    "zoom, word",
    [
        (17, "landmark"),
        (11, "landmark"),
        (9, "town"),
        (6, "district"),
        (3, "province"),
        (2, "country"),
    ],
)
def test_a_click_is_worth_the_precision_of_its_zoom(zoom, word):
    # At Kabul's latitude five pixels are 0.31 km at zoom 11, 1.3 km at 9, 10 km at 6,
    # 81 km at 3 and 161 km at 2.
    km = click_uncertainty_km(34.5, zoom)
    assert precision_of_click(km) == word


def test_the_uncertainty_is_five_pixels_of_ground():
    assert click_uncertainty_km(0, 0, pixels=1) == pytest.approx(156.543)
    assert click_uncertainty_km(60, 1, pixels=1) == pytest.approx(156.543 / 4, rel=1e-3)
