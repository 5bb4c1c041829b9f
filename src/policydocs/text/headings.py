"""Heading numbers (层次序数) and item labels, defined once.

GB/T 9704 B4 numbers the four levels of a document's headings 一、 （一） 1. （1）. Three
readers need them, each as strictly as its job: the format check wants them exactly so
(`GBT`, and `MISWRITTEN` for the common mistakes), the policy reader takes them as found in
source documents (`IN_SOURCES`), and the drafter removes a number the drafter typed any way
(`TYPED`). A law article's items are labelled （一） (`ITEM`).
"""

from __future__ import annotations

import re

from policydocs.text.numerals import CN_SMALL_NUMERAL_CHARS, int_to_cn

#: Chinese numbers of heading levels 1 and 2: 一 … 九十九, 一百
HEADING_NUMERAL_CHARS = CN_SMALL_NUMERAL_CHARS + "百"
_CN = HEADING_NUMERAL_CHARS

#: B4 as written: level → pattern; group 1 is the number
GBT: dict[int, re.Pattern[str]] = {
    1: re.compile(rf"^([{_CN}]+)、"),
    2: re.compile(rf"^（([{_CN}]+)）"),
    3: re.compile(r"^(\d+)[.．](?!\d)"),
    4: re.compile(r"^（(\d+)）"),
}
#: heading numbers written wrong, with what is wrong (M2)
MISWRITTEN: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\d+、"), "“1、”应为“1.”"),
    (re.compile(rf"^（[{_CN}\d]+）[、.．，]"), "（一）/（1）后不加标点"),
    (re.compile(rf"^\([{_CN}\d]+\)"), "半角括号 (一)，应为全角（一）"),
)
#: numbered lines of source documents (normalised text): (level, pattern); group 1 is the
#: number, group 2 the rest of the line
IN_SOURCES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^([{_CN}]+)、\s*(.*)$")),
    (2, re.compile(rf"^（([{_CN}]+)）\s*(.*)$")),
    (3, re.compile(r"^(\d{1,2})[.、](?!\d)\s*(.*)$")),
    (4, re.compile(r"^[（(](\d{1,2})[）)]\s*(.*)$")),
)
#: any way a drafter types a heading number: (pattern, level); group 1 is the number.
#: Order matters: （1） before 1.
TYPED: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^[（(]\s*([{_CN}]+)\s*[）)]\s*[、.．，]?\s*"), 2),
    (re.compile(r"^[（(]\s*(\d+)\s*[）)]\s*[、.．，]?\s*"), 4),
    (re.compile(rf"^([{_CN}]+)\s*[、.．，]\s*"), 1),
    (re.compile(r"^(\d+)\s*[、.．](?!\d)\s*"), 3),
)
#: an item of a law article: （一）…; group 1 is the number
ITEM = re.compile(rf"^（([{CN_SMALL_NUMERAL_CHARS}]+)）")


def label(level: int, number: int) -> str:
    """The GB/T 9704 numbering text for a heading (B4: no punctuation after （一）/（1））."""
    return {1: f"{int_to_cn(number)}、", 2: f"（{int_to_cn(number)}）", 3: f"{number}.",
            4: f"（{number}）"}[level]
