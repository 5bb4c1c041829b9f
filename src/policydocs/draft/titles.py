"""B1: break a long title into lines that keep words and quoted names whole and form a
trapezoid or a diamond (GB/T 9704 7.3.1: 梯形或菱形), never an hourglass, a rectangle or a
one-word line — what a clerk would do by hand."""

from __future__ import annotations

from itertools import combinations, pairwise
from math import ceil

from policydocs.gbt9704 import TITLE_CHARS_PER_LINE, text_width_chars
from policydocs.text.analyzer import words

_NO_LINE_START = set("，。、；：！？）》」』”’的之")
#: words after which a title line may well end: the seams between its phrases
_PHRASE_END = {"的", "和", "与", "及", "暨", "关于", "开展", "印发", "做好", "加强", "进一步",
               "推进", "落实", "深化", "实施", "组织", "对", "在", "》", "”"}
_MID_PHRASE = 4  # cost of a break between two words of one phrase (有限空间 / 作业)


def _boundaries(title: str) -> list[int]:
    """Positions between words of the project tokenizer (so the work-safety dictionary keeps
    生产安全事故 whole), except inside a short quoted name (“强安2023”), inside a number or
    between a number and its unit (2023年, 20号)."""
    tokens = words(title)
    positions, offset, quote_start = [], 0, None
    for index, token in enumerate(tokens[:-1]):
        offset += len(token)
        if token == "“":
            quote_start = offset
        elif token == "”":
            quote_start = None
        nxt = tokens[index + 1]
        if quote_start is not None:
            close = title.find("”", offset)
            if close != -1 and close - quote_start <= TITLE_CHARS_PER_LINE // 2:
                continue  # inside a short quoted name
        if (token[-1].isascii() and token[-1].isalnum() and nxt[0].isascii() and nxt[0].isalnum()) \
                or (token[-1].isdigit() and nxt[0] in "年月日号届次期"):
            continue
        positions.append(offset)
    return positions


def _mid_phrase(title: str, cut: int) -> bool:
    """A break that is not at a phrase seam: neither after a linking word nor before 《/“."""
    before, after = title[:cut], title[cut:]
    return not (any(before.endswith(word) for word in _PHRASE_END) or after[:1] in "《“")


def _quoted_spans(title: str) -> list[tuple[int, int]]:
    """(start, end) of every 《…》 and “…” in the title, marks included."""
    spans, opened = [], {}
    for index, ch in enumerate(title):
        if ch in "《“":
            opened[ch] = index
        elif ch in "》”" and (start := opened.pop("《" if ch == "》" else "“", None)) is not None:
            spans.append((start, index + 1))
    return spans


_INSIDE_WHOLE = 12  # a break inside a quoted name that would fit on one line
_INSIDE_LONG = 3  # inside one longer than a line (it has to break somewhere)
_SHORT_LINE = 12  # a line of ≤ 3 characters (“通知” alone under a full line)


def _cost(lines: list[str]) -> float:
    """How far a breaking is from what a clerk would do: breaks between phrases, quoted names
    whole, no one-word line, and a GB/T 9704 shape — a trapezoid (upper lines longer or
    shorter, 倒梯形/正梯形) or a diamond, never an hourglass or a rectangle."""
    widths = [text_width_chars(line) for line in lines]
    if max(widths) > TITLE_CHARS_PER_LINE:
        return float("inf")
    cost = 0.0
    title = "".join(lines)
    spans = _quoted_spans(title)
    offset = 0
    for line in lines[:-1]:
        offset += len(line)
        if _mid_phrase(title, offset):
            cost += _MID_PHRASE
        for start, end in spans:
            if start < offset < end:
                whole = text_width_chars(title[start:end]) <= TITLE_CHARS_PER_LINE
                cost += _INSIDE_WHOLE if whole else _INSIDE_LONG
    for line, width in zip(lines, widths, strict=True):
        if line[0] in _NO_LINE_START:
            cost += 20
        if len(lines) > 1 and width <= 3:
            cost += _SHORT_LINE
    for index in range(1, len(lines)):
        cost += abs(widths[index] - widths[index - 1]) * 0.3
    for index in range(1, len(lines) - 1):
        dip = min(widths[index - 1], widths[index + 1]) - widths[index]
        if dip > 0:
            cost += 10 + dip  # an hourglass: long, short, long
    if len(lines) > 1 and max(widths) - min(widths) < 1:
        cost += 2  # a rectangle
    return cost


def break_title(title: str) -> list[str]:
    """The title as lines of at most 20 二号 characters."""
    title = title.strip()
    if text_width_chars(title) <= TITLE_CHARS_PER_LINE:
        return [title]
    cuts = _boundaries(title) or list(range(1, len(title)))
    need = ceil(text_width_chars(title) / TITLE_CHARS_PER_LINE)
    for count in range(need, max(need, 3) + 1):  # at most three lines (more only if needed)
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
