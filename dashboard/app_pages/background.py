"""Long work (an import, a pasted report) off the page's thread, with progress.

The work runs on a small pool shared by every session of the server
(``WORKERS``: at most that many heavy jobs at once, however many readers ask), while
the page's own thread only waits and redraws a progress bar from what the work
reports.  The work never touches Streamlit (its thread has no script context): it
reports through ``Progress.tell``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import streamlit as st

WORKERS = 2
_POOL = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="incident-map-work")
T = TypeVar("T")


class Progress:
    """What the work has done so far: a fraction and a line of text."""

    def __init__(self, text: str):
        self._lock = threading.Lock()
        self.fraction, self.text = 0.0, text

    def tell(self, done: int, total: int, text: str) -> None:
        with self._lock:
            self.fraction, self.text = done / max(total, 1), text

    def read(self) -> tuple[float, str]:
        with self._lock:
            return self.fraction, self.text


def run_with_progress(text: str, work: Callable[[Progress], T], every: float = 0.2) -> T:
    """Run ``work(progress)`` on the pool and show its progress until it ends; returns
    its result (or raises what it raised)."""
    progress = Progress(text)
    future = _POOL.submit(work, progress)
    bar = st.progress(0.0, text=text)
    started = time.monotonic()
    try:
        while not future.done():
            fraction, said = progress.read()
            bar.progress(
                min(max(fraction, 0.0), 1.0), text=f"{said} ({time.monotonic() - started:.0f} s)"
            )
            time.sleep(every)
        return future.result()
    finally:
        bar.empty()
