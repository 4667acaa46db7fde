"""Exports and animations ask nothing of the network: run offline and traced.

Each command runs in a namespace with only loopback, under strace (``tests.support.netguard``):
a DNS query, a TCP connect or a datagram to anything but loopback fails the test,
from the command's own process or any browser process it starts.  Before the export
browser got its switches (``engine.slides.browser``), one PNG snapshot made 36 DNS
queries for Google's update and account hosts.
"""

from __future__ import annotations

import os
import sys

import pytest

from tests.support import ROOT, netguard


@pytest.fixture(autouse=True)
def guard_ready():
    problem = netguard.available()
    if problem and os.environ.get("CI"):
        pytest.fail(f"the network guard cannot run: {problem}")
    if problem:
        pytest.skip(f"the network guard cannot run: {problem}")


DATA = ROOT / "data" / "incidents.csv"
OPEN_PAGE = """
import sys
from playwright.sync_api import sync_playwright
from engine.slides.render import READY, launched
with sync_playwright() as playwright, launched(playwright) as browser:
    page = browser.new_page()
    page.set_content(open(sys.argv[1], encoding="utf-8").read())  # the browser's account
    # cannot read the test's folder: it is unprivileged
    page.wait_for_function(READY, timeout=20000)
    print("drawn", page.evaluate("document.querySelector('canvas.incident-canvas').dataset.drawn"))
"""


def _guarded(*args: str) -> netguard.Traced:
    return netguard.run([sys.executable, *args], cwd=ROOT, timeout=300)


def test_the_guard_sees_a_lookup_and_a_connection():
    """The guard itself: a name lookup and a TCP connect to a documentation address
    are both recorded (so an empty list below means nothing was tried)."""
    traced = _guarded(
        "-c",
        "import socket\n"
        "for attempt in (lambda: socket.getaddrinfo('example.org', 80),\n"
        "                lambda: socket.create_connection(('192.0.2.1', 80), 1)):\n"
        "    try: attempt()\n"
        "    except OSError: pass\n",
    )
    assert traced.returncode == 0, traced.stderr
    assert any("htons(53)" in line for line in traced.attempts)
    assert any("192.0.2.1" in line and "TCP" in line for line in traced.attempts)


@pytest.mark.parametrize("kind", ["png", "pdf", "html"])
def test_snapshot_makes_no_outside_request(tmp_path, kind, chromium_path):
    out = tmp_path / f"brief.{kind}"
    traced = _guarded(
        "-m",
        "dashboard",
        "snapshot",
        "--data",
        str(DATA),
        "--from",
        "2021-08-01",
        "--to",
        "2021-12-31",
        "--out",
        str(out),
    )
    assert traced.returncode == 0, traced.stderr
    assert out.stat().st_size > 10_000
    if kind == "html":  # the standalone page, opened in the quiet browser, offline too
        opened = _guarded("-c", OPEN_PAGE, str(out))
        assert opened.returncode == 0, opened.stderr
        assert "drawn 5" in opened.stdout
        traced.attempts += opened.attempts
    assert traced.attempts == []


@pytest.mark.parametrize("kind", ["gif", "mp4"])
def test_animate_makes_no_outside_request(tmp_path, kind, chromium_path):
    out = tmp_path / f"brief.{kind}"
    traced = _guarded(
        "-m",
        "dashboard",
        "animate",
        "--data",
        str(DATA),
        "--from",
        "2021-08-01",
        "--to",
        "2021-12-31",
        "--step",
        "month",
        "--size",
        "640x360",
        "--out",
        str(out),
    )
    assert traced.returncode == 0, traced.stderr
    assert "5 frames" in traced.stdout
    assert traced.attempts == []


SERVE_AND_SHAKE = """
import subprocess, sys, time, urllib.request
from tests.e2e.test_server_guard import raw_request
port = 8765
server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", sys.argv[1],
                           "--server.port", str(port), "--server.address", "127.0.0.1"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    for origin in ("http://evil.example", "http://203.0.113.9:8501"):
        print(raw_request(port, "/_stcore/stream", [("Origin", origin)], websocket=True))
finally:
    server.terminate()
    server.wait(20)
"""


def test_a_foreign_origin_handshake_makes_no_outside_request():
    """Streamlit answers an unknown origin by asking checkip.amazonaws.com for the
    machine's address (dashboard/app.py alone does); the server refuses it first."""
    traced = _guarded("-c", SERVE_AND_SHAKE, "dashboard/server.py")
    assert traced.returncode == 0, traced.stderr
    assert traced.stdout.count("403") == 2, traced.stdout
    assert traced.attempts == []
