"""The snapshot page's Content-Security-Policy, in the browser: the page's own scripts
run and draw the map; a script or an inline handler added to the page afterwards
(what an injection would be) does not run.  Without the policy the same additions
run, so the test can tell the difference."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from engine.filters import IncidentFilter
from engine.mapping.map_build import MapOptions
from engine.mapping.palette import actor_palette
from engine.slides.policy import with_policy
from engine.slides.snapshot import SnapshotOptions, snapshot_page
from incidents.io import load_incidents
from tests.e2e.conftest import Page
from tests.support import FIXTURES

INJECTED = (
    '<script>window.injected = "script";</script>'
    '<img src="x" onerror="window.injected = \'handler\'">'
    '<a id="js" href="javascript:void(window.linked=1)">x</a>'
)


@pytest.fixture(scope="module")
def page_html():
    incidents = load_incidents(FIXTURES / "xss_incidents.csv").incidents
    return snapshot_page(
        incidents,
        actor_palette(incidents["actor"].unique()),
        IncidentFilter(),
        MapOptions(),
        SnapshotOptions(made_at=datetime.now(UTC)),
    )


def _open(browser, html: str):
    page = Page(browser)
    page.page.set_content(html)
    page.page.wait_for_function(
        "() => window.L && L.incidentMap && L.incidentMap.last", timeout=20_000
    )
    page.page.click("#js")
    page.page.wait_for_timeout(300)
    return page


def test_only_the_pages_own_scripts_run(browser, page_html):
    assert (
        "Content-Security-Policy" in page_html
        and "'unsafe-inline'" not in page_html.split("script-src", 1)[1].split(";", 1)[0]
    )
    injected = page_html.replace("</body>", INJECTED + "</body>")
    page = _open(browser, injected)
    drawn = page.page.evaluate(
        "Number(document.querySelector('canvas.incident-canvas').dataset.drawn)"
    )
    assert drawn > 0
    assert page.page.evaluate("[window.injected, window.linked]") == [None, None]
    # The attribution names Leaflet as text: a link followed in the app's sandboxed map
    # frame replaced the map with leafletjs.com.
    attribution = page.page.locator(".leaflet-control-attribution")
    assert "Leaflet" in attribution.inner_text() and attribution.locator("a").count() == 0
    assert page.external == [] and page.dialogs == []
    page.page.close()


def test_without_the_policy_the_same_additions_run(browser, page_html):
    bare = page_html.replace(
        page_html[
            page_html.index('<meta http-equiv="Content-Security') : page_html.index(
                ">", page_html.index('<meta http-equiv="Content-Security')
            )
            + 1
        ],
        "",
    )
    page = _open(browser, bare.replace("</body>", INJECTED + "</body>"))
    assert page.page.evaluate("[window.injected, window.linked]") == ["handler", 1]
    page.page.close()


def test_with_policy_needs_a_head():
    with pytest.raises(ValueError):
        with_policy("<p>no head</p>")
