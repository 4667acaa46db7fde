"""A bound on the slow look-ups one piece of work may make.

A name that is in the gazetteer is found in microseconds; a name that is not costs
a fuzzy scan (tens to hundreds of milliseconds).  A report or an upload made of
unknown names would hold a core for minutes and stall every other reader of the
same server, so each is given a budget of fuzzy scans (``limited``); past it, names
are matched exactly only, and the work says how many were not looked up fuzzily.
The budget lives in a context variable: each session's thread has its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Budget:
    limit: int
    used: int = 0
    refused: int = 0

    def take(self) -> bool:
        if self.used >= self.limit:
            self.refused += 1
            return False
        self.used += 1
        return True

    def note(self, what: str) -> str | None:
        """A sentence for the user when the budget ran out, else None."""
        if not self.refused:
            return None
        return (
            f"{self.refused} place names in {what} were matched exactly only: the "
            f"limit of {self.limit} near-spelling searches was reached"
        )


_current: ContextVar[Budget | None] = ContextVar("fuzzy_budget", default=None)


@contextmanager
def limited(limit: int) -> Iterator[Budget]:
    """At most ``limit`` fuzzy scans inside the block (nested blocks: the inner one)."""
    budget = Budget(limit)
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


def take() -> bool:
    """Whether one more fuzzy scan may run (always, outside any budget)."""
    budget = _current.get()
    return True if budget is None else budget.take()


def refused() -> int:
    """How many scans the current budget has refused so far (0 outside any)."""
    budget = _current.get()
    return 0 if budget is None else budget.refused
