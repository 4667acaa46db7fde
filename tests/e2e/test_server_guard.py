"""The server as a stranger meets it (``dashboard/server.py`` and ``dashboard.guard``):
no page can be framed by another origin, the proxy's user header is believed only
from the proxy and never twice, and a foreign origin's websocket is refused before
Streamlit would ask the internet for the machine's address.  Direct clients: raw
HTTP and websocket handshakes, and the browser."""

from __future__ import annotations

import base64
import functools
import http.server
import os
import socket
import threading
import urllib.request

import pytest

from dashboard.config import DEFAULT_DATA
from incidents.store import open_seeded_store
from tests.e2e.conftest import Page, Server

FRAMING_PAGE = """<!doctype html><title>claim your prize</title>
<button id="prize" style="position:absolute;left:40px;top:40px;z-index:0">Claim your prize</button>
<iframe id="victim" src="{url}" style="position:absolute;left:0;top:0;width:1200px;height:900px;
opacity:0.01;z-index:1"></iframe>"""


def raw_request(
    port: int, path: str, headers: list[tuple[str, str]], websocket: bool = False
) -> str:
    """The status line the server answers a hand-made request with."""
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    if websocket:
        lines += [
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Version: 13",
            "Sec-WebSocket-Key: " + base64.b64encode(os.urandom(16)).decode(),
            "Sec-WebSocket-Protocol: streamlit",
        ]
    else:
        lines.append("Connection: close")
    lines += [f"{k}: {v}" for k, v in headers]
    return _exchange(port, lines).split("\r\n", 1)[0]


def _exchange(port: int, lines: list[str], whole: bool = False) -> str:
    """The answer's first packet, or (``whole``) everything until the server closes."""
    with socket.create_connection(("127.0.0.1", port), 10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        received = [sock.recv(4096)]
        while whole and received[-1]:
            received.append(sock.recv(4096))
        return b"".join(received).decode("latin-1")


def who_am_i(port: int, headers: list[tuple[str, str]]) -> str:
    """Whom the server takes a raw request with these headers for (its body)."""
    lines = [
        "GET /_incident_map/who HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Connection: close",
        *(f"{k}: {v}" for k, v in headers),
    ]
    return _exchange(port, lines, whole=True).split("\r\n\r\n", 1)[1]


@pytest.fixture(scope="module")
def review_store(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("guard") / "incidents.sqlite")
    store = open_seeded_store(DEFAULT_DATA, db)
    store.review(store.incidents().iloc[0]["incident_id"], "candidate", 1, editor="test")
    return db


def _proxied(db: str, proxies: str | None) -> Server:
    env = {"INCIDENT_MAP_EDITORS": "alice", "INCIDENT_MAP_USER_HEADER": "X-Forwarded-User"}
    if proxies is not None:
        env["INCIDENT_MAP_PROXY_ADDRESSES"] = proxies
    return Server(None, db=db, env=env)


@pytest.fixture(scope="module")
def behind_proxy(review_store):
    """Loopback is the proxy (the default): the header is believed from here."""
    server = _proxied(review_store, None)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def elsewhere_proxy(review_store):
    """The proxy is another machine: the header from here is a stranger's."""
    server = _proxied(review_store, "192.0.2.10")
    yield server
    server.stop()


def test_every_response_refuses_framing_by_other_origins(behind_proxy):
    for path in ("", "review", "data", "app/static/incident-map.css", "_stcore/health"):
        with urllib.request.urlopen(behind_proxy.url + path, timeout=10) as answer:
            assert answer.headers["X-Frame-Options"] == "SAMEORIGIN", path
            assert "frame-ancestors 'self'" in answer.headers["Content-Security-Policy"], path


def test_the_user_header_twice_is_refused(behind_proxy):
    port = behind_proxy.port
    twice = [("X-Forwarded-User", "mallory"), ("X-Forwarded-User", "alice")]
    assert raw_request(port, "/", twice).split(" ")[1] == "403"
    assert raw_request(port, "/_stcore/stream", twice, websocket=True).split(" ")[1] == "403"
    once = [("X-Forwarded-User", "alice"), ("Origin", f"http://127.0.0.1:{port}")]
    assert raw_request(port, "/_stcore/stream", once, websocket=True).split(" ")[1] == "101"


def test_a_foreign_origin_cannot_open_the_websocket(behind_proxy):
    port = behind_proxy.port
    for origin in ("http://evil.example", "null", f"http://127.0.0.1.evil.example:{port}"):
        assert (
            raw_request(port, "/_stcore/stream", [("Origin", origin)], websocket=True).split(" ")[1]
            == "403"
        ), origin
    for origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
        assert (
            raw_request(port, "/_stcore/stream", [("Origin", origin)], websocket=True).split(" ")[1]
            == "101"
        ), origin


def _review_as_alice(browser, server: Server) -> str:
    page = Page(browser)
    page.page.set_extra_http_headers({"X-Forwarded-User": "alice"})
    page.page.goto(server.url + "review")
    page.page.get_by_text("candidates awaiting review").wait_for(timeout=45_000)
    caption = page.page.get_by_text("candidates awaiting review").inner_text()
    page.page.close()
    return caption


def test_the_header_is_believed_from_the_proxy_only(browser, behind_proxy, elsewhere_proxy):
    assert _review_as_alice(browser, behind_proxy).endswith("you are alice")
    from_a_stranger = _review_as_alice(browser, elsewhere_proxy)
    assert "you are unknown" in from_a_stranger and "missing" in from_a_stranger


SPOOF = [("X-Forwarded-User", "alice"), ("X-Forwarded-For", "192.0.2.10")]
PROXIED = [("X-Forwarded-User", "alice"), ("X-Forwarded-For", "203.0.113.7")]


def test_a_local_client_naming_the_proxys_address_is_a_reader(elsewhere_proxy):
    """The audit's spoof: uvicorn rewrote the client address from X-Forwarded-For,
    so naming the proxy's address made a local client alice, an editor."""
    answer = who_am_i(elsewhere_proxy.port, SPOOF)
    assert answer.startswith("unknown: reads only") and "missing" in answer, answer
    assert "connected from 127.0.0.1" in answer
    assert who_am_i(elsewhere_proxy.port, [("X-Forwarded-User", "alice")]).startswith("unknown")


def test_a_proxy_on_loopback_that_adds_the_clients_address_keeps_its_users(behind_proxy):
    """nginx's usual configuration adds X-Forwarded-For: <client>; the proxy is the
    socket's peer all the same, so its user header is believed."""
    assert who_am_i(behind_proxy.port, PROXIED).startswith("alice: may edit")
    assert who_am_i(behind_proxy.port, []).startswith("unknown: reads only")


def test_the_websocket_session_follows_the_socket_too(browser, behind_proxy, elsewhere_proxy):
    """The same two cases through the browser: the Review page's own words."""

    def caption(server: Server, headers: list[tuple[str, str]]) -> str:
        page = Page(browser)
        page.page.set_extra_http_headers(dict(headers))
        page.page.goto(server.url + "review")
        page.page.get_by_text("candidates awaiting review").wait_for(timeout=45_000)
        said = page.page.get_by_text("candidates awaiting review").inner_text()
        page.page.close()
        return said

    assert "you are unknown" in caption(elsewhere_proxy, SPOOF)
    assert caption(behind_proxy, PROXIED).endswith("you are alice")


def test_a_server_started_trusting_forwarded_addresses_fails_closed(review_store):
    """``streamlit run dashboard/server.py`` without ``make run``: uvicorn trusts
    forwarded addresses from loopback, so a request carrying one proves nothing about
    its peer and is a reader; without one the peer is believed as before."""
    env = {"INCIDENT_MAP_EDITORS": "alice", "INCIDENT_MAP_USER_HEADER": "X-Forwarded-User"}
    env["INCIDENT_MAP_PROXY_ADDRESSES"] = "192.0.2.10"
    server = Server(None, db=review_store, env=env, bare_streamlit=True)
    try:
        assert who_am_i(server.port, SPOOF).startswith("unknown: reads only")
    finally:
        server.stop()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_a_page_on_another_origin_that_frames_the_app_gets_nothing_clickable(
    browser, behind_proxy, tmp_path
):
    (tmp_path / "prize.html").write_text(FRAMING_PAGE.format(url=behind_proxy.url + "review"))
    site = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path))
    )
    threading.Thread(target=site.serve_forever, daemon=True).start()
    other = f"http://localhost:{site.server_address[1]}"  # another origin, this machine
    page = Page(browser)
    page.page.route(other + "/**", lambda route: route.continue_())
    page.page.set_extra_http_headers({"X-Forwarded-User": "alice"})
    try:
        page.page.goto(other + "/prize.html")
        page.page.wait_for_timeout(4000)
        framed = [f for f in page.page.frames if f is not page.page.main_frame]
        assert framed, "the frame element is there"
        for frame in framed:
            assert frame.locator("button").count() == 0
            assert "Review" not in (
                frame.evaluate("document.body && document.body.innerText")
                if not frame.url.startswith("chrome-error")
                else ""
            )
        page.page.click("#prize", force=True)  # what the visitor's click reaches
        # The app itself, opened directly, still draws its map in its own frame.
        page.page.goto(behind_proxy.url)
        frame = page.map_frame()
        frame.wait_for_function(
            "() => Number(document.querySelector('canvas.incident-canvas').dataset.drawn) > 0",
            timeout=45_000,
        )
    finally:
        site.shutdown()
        page.page.close()
