"""A real Streamlit server and Debian's headless Chromium, driven by Playwright.

No browser is downloaded: Playwright launches /usr/bin/chromium.  Every request to
anything but the local server is blocked and recorded, so a test can assert that
the page asked nothing of the internet.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from engine.slides.browser import switches as quiet_switches
from tests.support import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
MAP_COMPONENT = "iframe[title*='incident_map']"
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:", "file:")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; `make browser` installs it")
        pytest.skip("Debian's chromium is not installed (`sudo apt-get install chromium`)")
    return CHROMIUM


@pytest.fixture
def exports_use_debian_chromium(chromium_path, monkeypatch):
    """Exports made in the test process draw with Debian's chromium."""
    monkeypatch.setenv("INCIDENT_MAP_CHROMIUM", chromium_path)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """The app in its own process: on a CSV file (``data``), or on a store (``db``,
    a SQLite path or a database URL) when ``data`` is None."""

    def __init__(
        self,
        data: Path | None,
        db: str | None = None,
        env: dict | None = None,
        bare_streamlit: bool = False,
    ):
        """``bare_streamlit``: started as ``streamlit run dashboard/server.py`` with
        uvicorn's defaults, not as ``make run`` starts it (``python -m dashboard serve``)."""
        self.port = _free_port()
        self.data = data
        env = {**os.environ, **(env or {})}
        env.pop("INCIDENT_MAP_DATA", None)
        env.pop("FORWARDED_ALLOW_IPS", None)
        if data is not None:
            env["INCIDENT_MAP_DATA"] = str(data)
        if db is not None:
            env["INCIDENT_MAP_DB"] = db
        where = ["--port", str(self.port), "--address", "127.0.0.1"]
        command = ["serve", *where]
        if bare_streamlit:
            command = ["run", "dashboard/server.py", *(w.replace("--", "--server.") for w in where)]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit" if bare_streamlit else "dashboard", *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}/"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("streamlit did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def project_server():
    server = Server(ROOT / "data" / "incidents.csv")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def xss_server():
    server = Server(ROOT / "tests" / "fixtures" / "xss_incidents.csv")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # The export browser's quiet switches (no background services, no name but
        # localhost resolved); run as this user, unsandboxed, to read the tests' files.
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=quiet_switches(), chromium_sandbox=False
        )
        yield browser
        browser.close()


# In every frame, before any of its scripts: dialogs are recorded, even in a frame
# whose sandbox forbids them (the map's), where a payload's alert() would be silent.
RECORD_DIALOGS = """(() => {
    for (const name of ["alert", "confirm", "prompt", "print"]) {
        window[name] = (message) => { window.recordDialog(String(message)); };
    }
})();"""


class Page:
    """A page whose non-local requests are blocked and listed in ``external``, and
    whose dialogs (in any frame) are listed in ``dialogs``."""

    def __init__(self, browser, size=(1500, 1100)):
        self.external: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.expose_function("recordDialog", lambda message: self.dialogs.append(message))
        self.page.add_init_script(RECORD_DIALOGS)

    def _route(self, route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def map_frame(self):
        """The sandboxed frame the map page runs in, inside the app's map component."""
        self.page.wait_for_selector(MAP_COMPONENT, timeout=45_000)
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline:
            for frame in self.page.frames:
                parent = frame.parent_frame
                if (
                    parent is not None
                    and "incident_map" in parent.url
                    and frame.url == "about:srcdoc"
                ):
                    frame.wait_for_selector(
                        "canvas.incident-canvas", state="attached", timeout=45_000
                    )
                    return frame
            self.page.wait_for_timeout(200)
        raise AssertionError("no map frame")

    def map_box(self) -> dict:
        """Where the map frame is on the page (the inner frame fills the component's)."""
        return self.page.locator(MAP_COMPONENT).bounding_box()

    def drawn(self, frame) -> int:
        return int(frame.locator("canvas.incident-canvas").get_attribute("data-drawn"))


@pytest.fixture
def page(browser):
    wrapper = Page(browser)
    yield wrapper
    wrapper.page.close()
