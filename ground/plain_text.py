"""Untrusted text (file names, cell values, the URL's search) shown in Streamlit
elements that render Markdown: ``st.error``, ``st.caption``, ``st.write`` ...

Streamlit's Markdown turns ``![x](http://host/beacon)`` into an image the browser
fetches on every load, ``[log in again](http://...)`` into a link, ``:red[...]``
and ``$...$`` into colour and LaTeX, and ``www.host.org`` into a link.  CommonMark
lets a backslash make any ASCII punctuation literal, so every one is escaped: the
reader sees the text as typed, and nothing in it is markup.

Escaping does not stop GFM's autolinks (``http://...``, ``www.``, ``a@b.org`` become
links even with every ``:`` and ``.`` escaped, as the browser test showed), so an
invisible word joiner (U+2060) is put after each ``:``, ``www`` and ``@``: the text
looks the same and no link is made.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_AUTOLINK = re.compile(r"(:|@|(?i:www))")
JOINER = "\u2060"
_BREAKS = "\r\n\t\u2028\u2029"


def plain(text: object) -> str:
    """``text`` made literal for a Markdown-rendering element.  Line breaks become
    spaces (a message is one line) and control characters are dropped."""
    flat = "".join(
        " " if ch in _BREAKS else ch for ch in str(text) if ch in _BREAKS or ch.isprintable()
    )
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(r"\1" + JOINER, flat))
