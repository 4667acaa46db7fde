"""A Content-Security-Policy for pages we hand to a browser outside the app.

The snapshot page (drawn by the export browser) and the standalone HTML (opened by
whoever receives it) carry imported text.  That text is only ever put on the page
as DOM text, but a policy is the second wall: only the scripts the page was built
with may run (each named by its SHA-256, so no other inline script, no inline
event handler, no ``javascript:`` URL), nothing may be fetched from anywhere
(images and fonts only from ``data:``/``blob:``, no connections, no frames, no
forms, no ``<base>``), except the tile server when online tiles were asked for.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?:\s[^>]*)?>(.*?)</script>", re.S)
_DATA_BLOCK = re.compile(r'^<script[^>]*type="application/(?:ld\+)?json"', re.I)
TILE_ORIGIN = "https://tile.openstreetmap.org"


def script_hashes(page: str) -> list[str]:
    """The CSP hash source of every inline script in ``page`` that would run."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(page):
        if _DATA_BLOCK.match(match.group(0)):
            continue
        digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(set(hashes))


def policy(page: str, online_tiles: bool = False) -> str:
    """The policy for ``page`` as it is now (call it after the page is complete)."""
    images = "data: blob:" + (f" {TILE_ORIGIN}" if online_tiles else "")
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + (" ".join(script_hashes(page)) or "'none'"),
            "style-src 'unsafe-inline'",  # Leaflet positions by style; styles cannot run code
            f"img-src {images}",
            "font-src data:",
            "connect-src 'none'",
            "frame-src 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def with_policy(page: str, online_tiles: bool = False) -> str:
    """``page`` with its policy as the first element of its head, before any script."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(page, online_tiles)}">'
    head = re.search(r"<head[^>]*>", page, re.I)
    if head is None:
        raise ValueError("the page has no <head> to carry its policy")
    return page[: head.end()] + tag + page[head.end() :]
