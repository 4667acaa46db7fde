"""Untrusted text printed by the command-line tools.

A cell, a report, a note or a file name can hold terminal control sequences: ESC [2J
clears the screen, ESC ]0; retitles the window, OSC 52 writes the clipboard, OSC 8
makes a link, and a bidi override (U+202E) reorders what is read.  A terminal obeys
them when they are printed raw.  So every character that is not printable (line
breaks and tabs aside) is written as its escape (``\\x1b``, ``\\u202e``): the reader
sees what is in the data, and the terminal is told nothing.
"""

from __future__ import annotations

import sys
from typing import TextIO

_KEPT = "\n\t"


def _escaped(ch: str) -> str:
    code = ord(ch)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def for_terminal(text: object) -> str:
    """``text`` with every control and format character written as its escape."""
    return "".join(ch if ch.isprintable() or ch in _KEPT else _escaped(ch) for ch in str(text))


def say(text: object, file: TextIO | None = None) -> None:
    """Print one message from a command, made safe for the terminal."""
    print(for_terminal(text), file=file if file is not None else sys.stdout)
