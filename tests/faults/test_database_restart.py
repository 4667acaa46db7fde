"""PostgreSQL stopped and started under a running app (its own throwaway cluster):
while it is down the page says the store is unavailable, in a sentence; once it is
back, the next page draws its map, without an exception box.  Before, the first
request after the restart showed an exception: its pooled connections were dead."""

from __future__ import annotations

import pytest

from dashboard.config import DEFAULT_DATA
from incidents.store import open_seeded_store
from tests.e2e.conftest import Page, Server, browser, chromium_path  # noqa: F401 - fixtures
from tests.support.postgres import start_cluster

pytestmark = [pytest.mark.slow, pytest.mark.browser]

DRAWN = "() => Number(document.querySelector('canvas.incident-canvas').dataset.drawn) > 0"


@pytest.fixture
def own_cluster():
    cluster = start_cluster()
    yield cluster
    cluster.stop()


def _map_draws(browser, server: Server) -> str:
    page = Page(browser)
    try:
        page.page.goto(server.url)
        frame = page.map_frame()
        frame.wait_for_function(DRAWN, timeout=45_000)
        return page.page.inner_text("body")
    finally:
        page.page.close()


def test_the_next_page_draws_after_a_restart(browser, own_cluster):
    url = own_cluster.create_database("restart")
    open_seeded_store(DEFAULT_DATA, url).engine.dispose()
    server = Server(None, db=url)
    try:
        _map_draws(browser, server)
        own_cluster.pause()
        page = Page(browser)
        page.page.goto(server.url)
        page.page.get_by_text("is unavailable").wait_for(timeout=45_000)
        assert page.page.locator("[data-testid='stException']").count() == 0
        page.page.close()
        own_cluster.resume()
        shown = _map_draws(browser, server)
        assert "Traceback" not in shown and "unavailable (" not in shown
    finally:
        server.stop()
