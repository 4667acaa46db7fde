"""Turn a page that loads the app's front-end files into one that carries them.

A standalone page must open on a machine with no network and no app: every
``<script src>`` and stylesheet link that names one of our assets is replaced by the
file's content, and images a stylesheet refers to become ``data:`` URIs.  A
reference this module cannot inline is an error, not a silent CDN link.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path

from engine.errors import EngineError
from engine.mapping.assets import OWN_FILES, VENDOR_FILES, asset_path, asset_url

_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"\s*/?>')
_CSS_URL = re.compile(r"url\((['\"]?)(?!data:|#)([^'\")]+)\1\)")


class StandaloneError(EngineError, RuntimeError):
    """The page refers to a file that is not one of the project's assets."""


def _asset_for(url: str) -> Path:
    for name in (*VENDOR_FILES, *OWN_FILES):
        if asset_url(name) == url:
            return asset_path(name)
    raise StandaloneError(f"cannot inline {url!r}: not an installed asset")


def _data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css(css: str, base: Path) -> str:
    """``url(images/x.png)`` -> ``url(data:...)``, relative to the stylesheet's folder."""

    def swap(match: re.Match) -> str:
        target = base / match.group(2)
        return f"url({_data_uri(target)})" if target.exists() else match.group(0)

    return _CSS_URL.sub(swap, css)


def inline_assets(page: str) -> str:
    """``page`` with every asset script and stylesheet inlined."""

    def script(match: re.Match) -> str:
        code = _asset_for(match.group(1)).read_text(encoding="utf-8")
        return "<script>" + code.replace("</script", "<\\/script") + "</script>"

    def stylesheet(match: re.Match) -> str:
        path = _asset_for(match.group(1))
        css = inline_css(path.read_text(encoding="utf-8"), path.parent)
        return "<style>" + css.replace("</style", "<\\/style") + "</style>"

    page = _SCRIPT.sub(script, page)
    return _STYLESHEET.sub(stylesheet, page)
