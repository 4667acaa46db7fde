"""Reading a source's columns when an export may leave some out."""

from __future__ import annotations

import pandas as pd


def column(raw: pd.DataFrame, name: str) -> pd.Series:
    """``raw[name]``, or empty text when the export does not have that column."""
    return raw[name] if name in raw.columns else pd.Series("", index=raw.index)
