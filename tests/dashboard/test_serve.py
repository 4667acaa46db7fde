"""The README's run command serves a page, to this machine only, and asks nothing of
the internet: start Streamlit as ``make run`` does, with every outside connection
recorded by an audit hook (``tests/support/audited_streamlit.py``)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support import ROOT

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (from /proc/net/tcp*)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Streamlit started with the project's config and no address on the command line."""
    port = free_port()
    log = tmp_path_factory.mktemp("audit") / "outside.log"
    log.write_text("")
    output = tmp_path_factory.mktemp("out") / "server.txt"
    with output.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "support" / "audited_streamlit.py"),
                "run",
                "dashboard/server.py",
                "--server.port",
                str(port),
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "AUDIT_LOG": str(log)},
        )
    try:
        deadline, health = time.monotonic() + 60, ""
        while time.monotonic() < deadline and health != "ok":
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_stcore/health", timeout=2
                ) as r:
                    health = r.read().decode()
            except OSError:
                time.sleep(0.5)
        assert health == "ok", output.read_text()
        yield port, log, output
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_streamlit_serves_the_app(served):
    port, _, _ = served
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
        page = response.read().decode()
    assert response.status == 200 and '<div id="root">' in page


def test_it_listens_on_this_machine_only(served):
    port, _, _ = served
    addresses = listening_addresses(port)
    assert addresses == {"0100007F"}, f"listening on {addresses}, not 127.0.0.1 alone"


def test_start_up_asks_no_outside_address(served):
    _, log, output = served
    assert log.read_text() == "", f"outside connections: {log.read_text()}"
    assert "External URL" not in output.read_text()


def test_the_audit_hook_sees_an_outside_lookup(tmp_path):
    """The check above can fail: the hook records a lookup of an outside name."""
    log = tmp_path / "outside.log"
    code = (
        "import runpy, socket, sys; sys.argv = ['x'];"
        "import tests.support.audited_streamlit as a; sys.addaudithook(a._hook);"
        "\ntry: socket.getaddrinfo('example.invalid', 80)\nexcept OSError: pass"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        check=True,
        env={**os.environ, "AUDIT_LOG": str(log)},
    )
    assert "example.invalid" in log.read_text()


def test_error_details_are_not_shown():
    code = (
        "from streamlit import config; config.get_config_options(force_reparse=True);"
        "print(config.get_option('client.showErrorDetails'))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert shown in ("none", "False")
