"""Putting untrusted text into a folium page without it ever becoming template source.

branca compiles text as Jinja in two places: ``Element("...")`` makes its argument a
template, and ``MacroElement.render`` wraps each macro's *output* (which holds the
data the macro was given) in such an ``Element``.  ``{{ 7*7 }}`` in a description
became ``49`` and ``{{ lipsum.__globals__.os.popen(...) }}`` ran a shell command.
``html.escape`` and ``tojson`` leave ``{`` alone, so escaping cannot fix this; the
fix is that the text is never compiled:

- ``Verbatim`` is an element whose text is returned as is, never compiled;
- ``SafeMacroElement`` renders its macros like branca does, but into ``Verbatim``;
- ``js_data`` embeds a value as base64 JSON, so no character of the data appears
  in the page source at all: not for Jinja, not for ``</script>``, and not for any
  tool that rewrites a page's script text (streamlit-folium, which the app used
  before, ran regular expressions over it).
"""

from __future__ import annotations

import base64
import json
import re

from branca.element import Element, Figure, MacroElement


class Verbatim(Element):
    """Text placed into the page exactly as given (the caller escapes HTML)."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "Verbatim"
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class SafeMacroElement(MacroElement):
    """A ``MacroElement`` whose rendered macros are not compiled a second time."""

    def render(self, **kwargs) -> str:
        """Adds the macros' output to the figure; returns "" (the figure renders it)."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("a map element can only be rendered inside a Figure")
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(
                    Verbatim(str(macro(self, kwargs))), name=self.get_name()
                )
        for element in self._children.values():
            element.render(**kwargs)
        return ""


def js_data(value: object) -> str:
    """A JavaScript expression that evaluates to ``value`` (JSON-able), carrying it
    as base64 of its UTF-8 JSON."""
    packed = base64.b64encode(
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    ).decode("ascii")
    return (
        'JSON.parse(new TextDecoder().decode(Uint8Array.from(atob("'
        + packed
        + '"), function (c) { return c.charCodeAt(0); })))'
    )


_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_NAME = re.compile(r"[a-z0-9_]+")


def base64_columns(columns: dict[str, dict]) -> str:
    """The incident payload's typed columns as a JavaScript object literal.

    They are numbers already in base64 (``map_payload``), so they go into the page
    as they are rather than base64-encoded a second time: at a million incidents
    that second pass made the page a third bigger and cost the browser seconds.
    Every name, type and string is checked to be only the characters base64 and
    our column names use, so nothing from the data can be among them."""
    for name, column in columns.items():
        if not (
            _NAME.fullmatch(name)
            and column.get("t") in ("u1", "u2", "u4")
            and isinstance(column.get("b"), str)
            and _BASE64.fullmatch(column["b"])
        ):
            raise ValueError(f"column {name!r} is not plain base64")
    return json.dumps(columns, separators=(",", ":"))
