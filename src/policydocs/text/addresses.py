"""Addresses in Chinese legal text — 第二十五条第一款第一项 — and the chains they are written in:
lists (第十条、第十二条第二款), ranges (第十条至第十二条, 第一项至第四项), a part continuing the
previous address (第三十条第一款、第二款), and the shorthand lists that write 第 and the unit once
(第十条第三、四项, 第十条第（三）、（四）项, 第十二、十三条, 第三至五项).

This is the one reader of these forms: the citation finder (cite/finder.py, which adds law names,
relative citations and quotes) and the duty → penalty links (kb/links.py, which reads the
references of penalty clauses) both parse addresses with `parse_chain`. It knows no law and
works on plain (article, paragraph, item, subitem) tuples, so every layer can use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from policydocs.text.numerals import NUMERAL_PATTERN, cn_to_int, int_to_cn

#: (article, paragraph, item, subitem); parts not named are None
Address = tuple[int | None, int | None, int | None, int | None]

UNITS = "条款项目"
#: a number of an ordinal, bare or in brackets (第三项, 第（三）项)
_NUMBER = rf"[（(]?[ \t]*(?:{NUMERAL_PATTERN})[ \t]*[）)]?"
#: between the numbers of one shorthand ordinal (第三、四项, 第三至第五项)
_INNER_SEPARATOR = r"[ \t]*(?:、|以及|或者|和|及|或|与|至|到)[ \t]*第?[ \t]*"
#: one ordinal: 第二十五条, 第（三）项, or a shorthand list of numbers sharing its unit (第三、四项)
ORDINAL = rf"第[ \t]*{_NUMBER}(?:{_INNER_SEPARATOR}{_NUMBER})*[ \t]*[{UNITS}]"
_ORDINAL = re.compile(ORDINAL)
#: ordinals written one after another: 第二十五条第一款第一项
RUN = re.compile(rf"(?:{ORDINAL})+")
_NUMBER_IN_ORDINAL = re.compile(rf"(?:^|({_INNER_SEPARATOR}))[（(]?[ \t]*({NUMERAL_PATTERN})")
_SIMPLE_ORDINAL = re.compile(rf"第[ \t]*[（(]?[ \t]*({NUMERAL_PATTERN})[ \t]*[）)]?[ \t]*([{UNITS}])")
_LIST_SEPARATOR = re.compile(r"[ \t]*(?:、|，|,|以及|或者|和|及|或|与)[ \t]*(?=第)")
_RANGE_SEPARATOR = re.compile(r"[ \t]*(?:至|到|—|－|-|~|～)[ \t]*(?=第)")
_RANGE_WORDS = ("至", "到")
_MAX_RANGE = 60


@dataclass(slots=True)
class Part:
    """One address of a chain, with its span in the text (the parts a shorthand list names share
    the span of the run that names them) and, for a malformed run (第三条第六条), what it
    probably meant."""

    address: Address
    start: int
    end: int
    meant: str = ""


@dataclass(slots=True)
class _Element:
    """The ordinals of one address as written, before the previous address fills its head."""

    ordinals: list[tuple[int, str]]
    start: int
    end: int
    range_from_previous: bool = False


def parse_chain(text: str, pos: int = 0, allow_partial: bool = False) -> tuple[list[Part], int]:
    """The addresses written at `pos` (第…、第…至第…), and where they end. A chain starting below
    条 (第二款) is read only when `allow_partial` (本条第二款, 前款第一项: the article comes
    from the containing clause); later parts below 条 continue the previous address."""
    elements, _ = _scan(text, pos)
    parts: list[Part] = []
    previous: Address | None = None
    index = 0
    while index < len(elements):
        element = elements[index]
        part = _parse_run(element, previous, allow_partial and not parts)
        if part is None:
            break
        following = elements[index + 1] if index + 1 < len(elements) else None
        if following is not None and following.range_from_previous and part.meant:
            parts.append(part)  # a malformed start of a range ends the chain
            break
        if following is not None and following.range_from_previous:
            right = _parse_run(following, part.address, False)
            expanded = _expand_range(part, right) if right and not right.meant else None
            if expanded is not None:
                assert right is not None  # a range is only expanded with its right end
                parts.extend(expanded)
                previous = right.address
                index += 2
                continue
        parts.append(part)
        previous = part.address if not part.meant else _last_address(part)
        index += 1
    return parts, parts[-1].end if parts else pos


def _scan(text: str, pos: int) -> tuple[list[_Element], int]:
    """The runs of ordinals at `pos` and the separators between them, a shorthand list read as
    the addresses it abbreviates (第十条第三、四项 → 第十条第三项 and 第四项, which continues it)."""
    elements: list[_Element] = []
    range_next = False
    while True:
        run = RUN.match(text, pos)
        if not run:
            break
        elements.extend(_run_elements(run.group(), run.start(), range_next))
        pos = run.end()
        range_separator = _RANGE_SEPARATOR.match(text, pos)
        if range_separator and RUN.match(text, range_separator.end()):
            pos, range_next = range_separator.end(), True
            continue
        separator = _LIST_SEPARATOR.match(text, pos)
        if not separator:
            break
        pos, range_next = separator.end(), False
    return elements, pos


def _run_elements(run: str, start: int, range_from_previous: bool) -> list[_Element]:
    """One run as the addresses it names: one, or one per number of a shorthand ordinal (the
    ordinals before it head the first, those after it end the last: 第十、十一条第二款 →
    第十条, 第十一条第二款)."""
    end = start + len(run)
    elements: list[_Element] = []
    current: list[tuple[int, str]] = []
    range_flag = range_from_previous
    for ordinal in _ORDINAL.finditer(run):
        unit = ordinal.group()[-1]
        numbers = list(_NUMBER_IN_ORDINAL.finditer(ordinal.group()[1:-1]))
        for index, number in enumerate(numbers):
            value = cn_to_int(number.group(2))
            if index:
                elements.append(_Element(current, start, end, range_flag))
                current = []
                separator = number.group(1) or ""
                range_flag = any(word in separator for word in _RANGE_WORDS)
            current.append((value, unit))
    elements.append(_Element(current, start, end, range_flag))
    return elements


def _label(parts: list[tuple[int, str]]) -> str:
    return "".join(f"第{int_to_cn(n)}{unit}" for n, unit in parts)


def _guess(ordinals: list[tuple[int, str]]) -> str:
    """What a malformed run of ordinals probably meant: chained 条 are a list (第三条、第六条);
    distinct units in the wrong order are reordered (第二项第一款 → 第一款第二项)."""
    units = [unit for _, unit in ordinals]
    if len(set(units)) == len(units):
        return _label(sorted(ordinals, key=lambda o: UNITS.index(o[1])))
    groups: list[list[tuple[int, str]]] = []
    for ordinal in ordinals:
        if groups and UNITS.index(ordinal[1]) > UNITS.index(groups[-1][-1][1]):
            groups[-1].append(ordinal)
        else:
            groups.append([ordinal])
    return "、".join(_label(group) for group in groups)


def _parse_run(element: _Element, previous: Address | None, allow_partial: bool) -> Part | None:
    """第二十五条第一款第一项 → (25, 1, 1, None). A run starting below 条 continues `previous`;
    without one it is only valid when `allow_partial`. Units out of order are malformed: the
    part keeps the first article and says what was probably `meant`."""
    ordinals = element.ordinals
    levels = [UNITS.index(unit) for _, unit in ordinals]
    if any(b <= a for a, b in pairwise(levels)):
        first = ordinals[0]
        address: Address = (first[0], None, None, None) if first[1] == "条" else (None, None, None, None)
        return Part(address, element.start, element.end, _guess(ordinals))
    values: list[int | None] = [None, None, None, None]
    if levels[0] > 0:
        if previous is not None and previous[0] is not None:
            values[:levels[0]] = list(previous)[:levels[0]]
        elif not allow_partial:
            return None
    for (number, _), level in zip(ordinals, levels, strict=True):
        values[level] = number
    return Part((values[0], values[1], values[2], values[3]), element.start, element.end)


def _expand_range(left: Part, right: Part) -> list[Part] | None:
    """第五十三条至第五十九条 → every article between; a reversed range is malformed; None when
    the two ends do not differ only in their last part or span too much (then both ends are
    kept as written)."""
    a, b = list(left.address), list(right.address)
    depth = max(i for i, v in enumerate(a) if v is not None)
    low, high = a[depth], b[depth]
    assert low is not None  # `depth` is the last part of `a` that is set
    if a[:depth] != b[:depth] or high is None or any(v is not None for v in b[depth + 1:]):
        return None
    span = (left.start, right.end)
    if high < low:
        unit = UNITS[depth]
        return [Part(left.address, *span, f"第{int_to_cn(high)}{unit}至第{int_to_cn(low)}{unit}")]
    if not 0 < high - low <= _MAX_RANGE:
        return None
    parts = []
    for number in range(low, high + 1):
        values = list(a)
        values[depth] = number
        parts.append(Part((values[0], values[1], values[2], values[3]), *span))
    return parts


def _last_address(part: Part) -> Address:
    """The address a list continues from after a malformed run: its last guessed element."""
    last = part.meant.split("、")[-1]
    values: list[int | None] = [None, None, None, None]
    for match in _SIMPLE_ORDINAL.finditer(last):
        values[UNITS.index(match.group(2))] = cn_to_int(match.group(1))
    return (values[0], values[1], values[2], values[3]) if values[0] is not None else part.address
