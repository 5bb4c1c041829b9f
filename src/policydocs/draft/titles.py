"""B1: break a long title into lines that keep words whole and form a trapezoid (upper
lines longer) or a diamond, never a wide bottom line — what a clerk would do by hand."""

from __future__ import annotations

from itertools import combinations, pairwise
from math import ceil

from policydocs.gbt9704 import TITLE_CHARS_PER_LINE, text_width_chars
from policydocs.text.analyzer import words

_NO_LINE_START = set("，。、；：！？）》」』”’的之")


def _boundaries(title: str) -> list[int]:
    """Positions between words of the project tokenizer, so the work-safety dictionary
    (安全生产管理人员 …) keeps its words whole on every page."""
    positions, offset = [], 0
    for token in words(title):
        offset += len(token)
        positions.append(offset)
    return positions[:-1]


def _cost(lines: list[str]) -> float:
    widths = [text_width_chars(line) for line in lines]
    if max(widths) > TITLE_CHARS_PER_LINE:
        return float("inf")
    cost = 0.0
    for index, line in enumerate(lines):
        if line[0] in _NO_LINE_START:
            cost += 20
        if index and lines[index - 1].count("《") > lines[index - 1].count("》"):
            cost += 3  # a book title split over two lines
        if index and lines[index - 1].count("“") > lines[index - 1].count("”"):
            cost += 8  # a quoted phrase split over two lines
    middle = len(lines) // 2
    for index in range(1, len(lines)):
        growth = widths[index] - widths[index - 1]
        diamond_rise = len(lines) >= 3 and index <= middle
        if growth > 0 and not diamond_rise:
            cost += 10 + growth  # bottom wider than top: an inverted trapezoid
        else:
            cost += abs(growth) * 0.3
    return cost


def break_title(title: str) -> list[str]:
    """The title as lines of at most 20 二号 characters."""
    title = title.strip()
    if text_width_chars(title) <= TITLE_CHARS_PER_LINE:
        return [title]
    cuts = _boundaries(title) or list(range(1, len(title)))
    need = ceil(text_width_chars(title) / TITLE_CHARS_PER_LINE)
    for count in range(need, need + 3):
        best: tuple[float, list[str]] | None = None
        for chosen in combinations(cuts, count - 1):
            edges = (0, *chosen, len(title))
            lines = [title[a:b] for a, b in pairwise(edges)]
            cost = _cost(lines)
            if best is None or cost < best[0]:
                best = (cost, lines)
        if best and best[0] != float("inf"):
            return best[1]
    step = TITLE_CHARS_PER_LINE
    return [title[i:i + step] for i in range(0, len(title), step)]
