"""What the server checks before Streamlit sees a request (an ASGI middleware).

Three things Streamlit's own server does not do, or does in a way this project
cannot accept:

- **Framing.** Every response says ``X-Frame-Options: SAMEORIGIN`` and
  ``Content-Security-Policy: frame-ancestors 'self'``, so a page on another origin
  cannot frame the Review page under a button of its own.  The map's frame is the
  app's own (same origin), so it still loads.
- **The proxy's user header.** When ``INCIDENT_MAP_USER_HEADER`` names the header a
  reverse proxy sets with the user's name, anyone reaching the port directly could
  send it.  It is believed only from the proxy's address
  (``INCIDENT_MAP_PROXY_ADDRESSES``, comma-separated, default loopback): from any
  other address it is removed, so the session is a reader.  A request carrying it
  twice (a proxy that appends instead of replacing) is refused.  "The proxy's
  address" is the socket's peer: uvicorn, under Streamlit, rewrites the client
  address from ``X-Forwarded-For`` when the peer is one it trusts
  (``FORWARDED_ALLOW_IPS``, loopback by default), so a local client could name the
  proxy's address and become an editor, and a proxy on loopback that adds the
  header locked every user out.  The server is started with that trust off
  (``FORWARDED_ALLOW_IPS=""``: ``make run``, ``python -m dashboard serve``); if it
  was started with trust on, a request carrying a forwarded address cannot be told
  from a spoof, so its user header is removed (fail closed) and the log says why.
- **Who am I.** ``GET /_incident_map/who`` answers, in one line, whom the server
  would believe the request is and whether they may write: how to check a proxy's
  configuration with ``curl`` through it.
- **Foreign origins.** Streamlit answers a websocket handshake from an origin it
  does not know by asking ``checkip.amazonaws.com`` for the machine's public
  address, on the event loop (about 2 s each when outbound traffic hangs).  A
  handshake whose ``Origin`` is neither the host it was sent to nor an allowed
  origin is refused here, so that lookup never runs and nothing leaves the machine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from incidents.store.editors import identify

FRAME_HEADERS = (
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", b"frame-ancestors 'self'"),
)
LOOPBACK = ("127.0.0.1", "::1")
ALWAYS_ALLOWED_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
WHO_PATH = "/_incident_map/who"
FORWARDED = (b"x-forwarded-for", b"forwarded")
UVICORN_DEFAULT_TRUST = "127.0.0.1,::1"
log = logging.getLogger(__name__)


def trusts_forwarded(value: str | None) -> bool:
    """Whether uvicorn, given ``FORWARDED_ALLOW_IPS=value`` (None: unset), rewrites
    any client address from a forwarded header."""
    value = UVICORN_DEFAULT_TRUST if value is None else value
    return any(part.strip() for part in value.split(","))


def proxy_addresses(env: Mapping[str, str]) -> frozenset[str]:
    """The addresses the user header is believed from."""
    configured = env.get("INCIDENT_MAP_PROXY_ADDRESSES", "")
    named = {part.strip() for part in configured.split(",") if part.strip()}
    return frozenset(named or LOOPBACK)


def user_header(env: Mapping[str, str]) -> bytes | None:
    name = env.get("INCIDENT_MAP_USER_HEADER", "").strip().lower()
    return name.encode("latin-1") if name else None


def _host_of(value: str) -> str:
    """``http://example.org:8501`` or ``example.org:8501`` -> ``example.org:8501``."""
    value = value.strip().lower()
    return urlsplit(value).netloc if "//" in value else value


def origin_allowed(origin: str, host: str, allowed: tuple[str, ...] = ()) -> bool:
    """Whether a websocket from ``origin`` may talk to the server reached as ``host``:
    the same host and port, the machine itself, or an origin named in ``allowed``
    (Streamlit's ``server.corsAllowedOrigins``)."""
    seen = _host_of(origin)
    if not seen:
        return False
    if seen == _host_of(host):
        return True
    name = urlsplit("//" + seen).hostname or ""
    if name in ALWAYS_ALLOWED_HOSTS or f"[{name}]" in ALWAYS_ALLOWED_HOSTS:
        return True
    return seen in {_host_of(item) for item in allowed}


def check_headers(
    headers: list[tuple[bytes, bytes]],
    client: str | None,
    env: Mapping[str, str],
    client_rewritten: bool = False,
) -> tuple[list[tuple[bytes, bytes]], str | None]:
    """The headers Streamlit may see, and why the request is refused (or None).
    ``client`` must be the socket's peer; ``client_rewritten`` says the server may
    have replaced it with a forwarded address, so it proves nothing."""
    name = user_header(env)
    if name is None:
        return headers, None
    carried = [value for key, value in headers if key.lower() == name]
    if len(carried) > 1:
        return headers, f"the {name.decode()} header was sent {len(carried)} times"
    if carried and (client_rewritten or client not in proxy_addresses(env)):
        return [(k, v) for k, v in headers if k.lower() != name], None
    return headers, None


def who(headers: list[tuple[bytes, bytes]], client: str | None, env: Mapping[str, str]) -> str:
    """One line: whom a request with these (checked) headers is taken for."""
    found: dict[str, list[str]] = {}
    for key, value in headers:
        found.setdefault(key.decode("latin-1"), []).append(value.decode("latin-1"))
    editor = identify(None, found, env)
    role = "may edit" if editor.can_edit else f"reads only ({editor.reason})"
    return f"{editor.name}: {role}; connected from {client or 'unknown'}"


def _allowed_origins() -> tuple[str, ...]:
    try:
        from streamlit import config

        return tuple(config.get_option("server.corsAllowedOrigins") or ())
    except Exception:
        return ()


class Guard:
    """The middleware: ``Middleware(Guard)`` in ``dashboard/server.py``."""

    def __init__(
        self,
        app,
        env: Mapping[str, str] | None = None,
        forwarded_trust: str | None = "",
    ):
        """``forwarded_trust``: the ``FORWARDED_ALLOW_IPS`` the server started with
        (None: unset, uvicorn's default of loopback)."""
        self.app = app
        self.env = env if env is not None else os.environ
        self.rewrites = trusts_forwarded(forwarded_trust)
        if self.rewrites and user_header(self.env) is not None:
            log.warning(
                "the server trusts forwarded addresses (FORWARDED_ALLOW_IPS=%r): a request "
                "carrying one is a reader; start it with `make run` or "
                "`python -m dashboard serve`",
                UVICORN_DEFAULT_TRUST if forwarded_trust is None else forwarded_trust,
            )

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        client = (scope.get("client") or (None,))[0]
        raw = list(scope.get("headers") or ())
        rewritten = self.rewrites and any(key.lower() in FORWARDED for key, _ in raw)
        headers, refusal = check_headers(raw, client, self.env, rewritten)
        if refusal is None and scope["type"] == "websocket":
            refusal = self._origin_refusal(headers)
        if refusal is not None:
            return await self._refuse(scope, send, refusal)
        if scope["type"] == "http" and scope.get("path") == WHO_PATH:
            return await self._answer(scope, send, 200, who(headers, client, self.env))
        scope = {**scope, "headers": headers}
        if scope["type"] == "websocket":
            return await self.app(scope, receive, send)
        return await self.app(scope, receive, _with_frame_headers(send))

    @staticmethod
    def _origin_refusal(headers: list[tuple[bytes, bytes]]) -> str | None:
        found = {k.lower(): v.decode("latin-1") for k, v in headers}
        origin = found.get(b"origin")
        if origin is None or origin_allowed(origin, found.get(b"host", ""), _allowed_origins()):
            return None
        return "this origin may not open the dashboard"

    @classmethod
    async def _refuse(cls, scope, send, reason: str) -> None:
        await cls._answer(scope, send, 403, reason)

    @staticmethod
    async def _answer(scope, send, status: int, text: str) -> None:
        body = (text + "\n").encode("utf-8")
        start = (
            "websocket.http.response.start"
            if scope["type"] == "websocket"
            else "http.response.start"
        )
        body_type = (
            "websocket.http.response.body" if scope["type"] == "websocket" else "http.response.body"
        )
        if scope["type"] == "websocket" and "websocket.http.response" not in scope.get(
            "extensions", {}
        ):
            await send({"type": "websocket.close", "code": 1008})
            return
        await send(
            {
                "type": start,
                "status": status,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    *FRAME_HEADERS,
                ],
            }
        )
        await send({"type": body_type, "body": body})


def _with_frame_headers(send):
    async def sending(message):
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", ())}
            extra = [
                pair
                for pair in FRAME_HEADERS  # a second CSP header adds to the first
                if pair[0] not in present or pair[0] == b"content-security-policy"
            ]
            message = {**message, "headers": [*message.get("headers", ()), *extra]}
        return await send(message)

    return sending
