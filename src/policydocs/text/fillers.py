"""The filler words of spoken questions (data/query_fillers.txt), dropped from queries only."""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def query_fillers() -> frozenset[str]:
    """Every word of the packaged list (lines starting with # are comments)."""
    text = resources.files("policydocs").joinpath("data/query_fillers.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.lstrip().startswith("#")
                     for word in line.split())
