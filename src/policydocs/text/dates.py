"""Dates as Chinese official texts write them, defined once for the readers (promulgation
dates, a notice's 成文日期), the drafter (front matter) and the GB/T 9704 check (B7, M3).

GB/T 9704 B7 writes 2022年1月20日: Arabic figures, the year in full, no leading zeros.
Older laws write 二〇二一年六月十日 (〇, ○ or 零 for zero).
"""

from __future__ import annotations

import datetime as dt
import re

from policydocs.text.numerals import CN_DIGIT_CHARS, CN_SMALL_NUMERAL_CHARS, cn_to_int

_YEAR = rf"\d{{4}}|[{CN_DIGIT_CHARS}]{{4}}"
_MONTH_OR_DAY = rf"\d{{1,2}}|[{CN_SMALL_NUMERAL_CHARS}]{{1,3}}"
#: a date in figures or Chinese numerals; groups: year, month, day
DATE = re.compile(rf"({_YEAR})年({_MONTH_OR_DAY})月({_MONTH_OR_DAY})日")
#: a date in figures, spaces allowed between the parts: 2024 年 1 月 20 日
ARABIC_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
#: GB/T 9704 B7: 2022年1月20日
GBT_DATE = re.compile(r"\d{4}年[1-9]\d?月[1-9]\d?日")
#: what a drafter types in front matter; groups: year, month, day
TYPED_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日")
#: anything written like a date, right or wrong (2022-1-20, 2022.01.20, 二〇二二年一月二十日)
_ANY_DIGIT = rf"[\d{CN_DIGIT_CHARS}十]"
DATE_LIKE = re.compile(rf"{_ANY_DIGIT}{{2,4}}\s*[年\-./]\s*{_ANY_DIGIT}{{1,3}}\s*[月\-./]\s*{_ANY_DIGIT}{{1,3}}\s*日?")
#: a year in Chinese digits (二〇二二年), which GB/T 9704 writes in figures
CN_YEAR = re.compile(rf"[{CN_DIGIT_CHARS}]{{4}}年")
#: dates written against B7, with what is wrong (M3)
MISWRITTEN: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\d{4}-\d{1,2}-\d{1,2}"), "日期不用“-”分隔"),
    (re.compile(r"(?<![\d.])\d{4}\.\d{1,2}\.\d{1,2}"), "日期不用“.”分隔"),
    (CN_YEAR, "日期用阿拉伯数字"),
    (re.compile(r"\d{4}年0\d月|\d{1,2}月0\d日"), "日期不编虚位（不加 0）"),
)
#: an ISO date as the index stores it
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> str:
    """The first date in `text` as ISO (2021-06-10), '' if none."""
    match = DATE.search(text)
    if not match:
        return ""
    year, month, day = (cn_to_int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def gbt_date(date: dt.date) -> str:
    """B7: 2022年1月20日."""
    return f"{date.year}年{date.month}月{date.day}日"


def typed_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of 2022-01-20, 2022/1/20, 2022.1.20 or 2022年01月20日, not yet
    checked to be a real day; None when `text` is not written like a date."""
    match = TYPED_DATE.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups() if part is not None)
    return year, month, day
