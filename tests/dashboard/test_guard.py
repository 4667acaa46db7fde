"""dashboard.guard's rules as plain functions (the server itself is tested in
tests/e2e/test_server_guard.py)."""

from __future__ import annotations

import asyncio

from dashboard.guard import Guard, check_headers, origin_allowed, proxy_addresses
from incidents.store.editors import identify

ENV = {"INCIDENT_MAP_USER_HEADER": "X-Forwarded-User", "INCIDENT_MAP_EDITORS": "alice"}


def test_origins():
    assert origin_allowed("http://dash.example:8501", "dash.example:8501")
    assert origin_allowed("http://localhost:8501", "10.0.0.5:8501")
    assert not origin_allowed("http://evil.example", "127.0.0.1:8501")
    assert not origin_allowed("http://localhost.evil.example", "127.0.0.1:8501")
    assert not origin_allowed("null", "127.0.0.1:8501")
    assert not origin_allowed("", "127.0.0.1:8501")
    assert origin_allowed("https://team.example", "127.0.0.1:8501", ("https://team.example",))


def test_the_user_header_from_the_proxy_only_and_once():
    header = [(b"x-forwarded-user", b"alice")]
    assert check_headers(header, "127.0.0.1", ENV) == (header, None)
    assert check_headers(header, "10.1.2.3", ENV) == ([], None)
    _kept, refusal = check_headers(header * 2, "127.0.0.1", ENV)
    assert "2 times" in refusal
    assert check_headers(header, "10.1.2.3", {}) == (header, None)  # no header configured
    assert proxy_addresses({"INCIDENT_MAP_PROXY_ADDRESSES": " 10.0.0.2 ,10.0.0.3"}) == {
        "10.0.0.2",
        "10.0.0.3",
    }


def test_identify_refuses_the_header_twice():
    assert identify(None, {"X-Forwarded-User": ["alice"]}, ENV).can_edit
    twice = identify(None, {"X-Forwarded-User": ["alice", "alice"]}, ENV)
    assert not twice.can_edit and "more than once" in twice.reason


def test_the_middleware_adds_frame_headers_and_refuses_duplicates():
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})

    async def send(message):
        sent.append(message)

    guard = Guard(app, ENV)
    scope = {"type": "http", "client": ("127.0.0.1", 1), "headers": []}
    asyncio.run(guard(scope, None, send))
    assert (b"x-frame-options", b"SAMEORIGIN") in sent[0]["headers"]
    sent.clear()
    scope["headers"] = [(b"x-forwarded-user", b"a"), (b"x-forwarded-user", b"b")]
    asyncio.run(guard(scope, None, send))
    assert sent[0]["status"] == 403
