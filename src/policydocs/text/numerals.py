"""Chinese numerals ⇄ int, as used in article numbers (第一百零二条) and dates (二〇二二年).

Legal text writes article numbers in Chinese; inspectors type them either way (第97条).
Everything downstream works on ints, so both directions live here and nowhere else.
"""

from __future__ import annotations

import re

from policydocs.text.normalize import half_width

_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN_DIGITS = "零一二三四五六七八九"

# Character classes for regular expressions; every module builds its patterns from these.
#: characters that may make up a Chinese numeral
CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万"
#: a numeral in Chinese or in (half- or full-width) figures: 第{NUMERAL_PATTERN}条
NUMERAL_PATTERN = rf"[{CN_NUMERAL_CHARS}]+|[0-9０-９]+"
#: the ten digits of a positional numeral: 二〇二二年, 二○二二年, 二零二二年
CN_DIGIT_CHARS = "〇○零一二三四五六七八九"
#: 一 … 九十九: item labels （十一）, months and days (十二月二十日), 条之二
CN_SMALL_NUMERAL_CHARS = "一二三四五六七八九十"


def cn_to_int(text: str) -> int:
    """Parse a Chinese or Arabic numeral: 一百零二 → 102, 十七 → 17, 97 → 97, 二〇二二 → 2022.

    Raises ValueError on anything that is not a numeral.
    """
    text = half_width(text.strip())
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"not a numeral: {text!r}")
    if not any(ch in _UNITS for ch in text):  # positional form: 二〇二二
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
            continue
        unit = _UNITS[ch]
        if unit == 10000:
            section = (section + (digit or 0)) * unit
            total, section = total + section, 0
        else:
            section += (1 if digit is None else digit) * unit
        digit = None
    return total + section + (digit or 0)


def int_to_cn(number: int) -> str:
    """Write an int the way Chinese law numbers articles: 102 → 一百零二, 17 → 十七, 10 → 十."""
    if number < 0:
        raise ValueError("negative numeral")
    if number < 10:
        return _CN_DIGITS[number]
    if number >= 10000:
        high, low = divmod(number, 10000)
        rest = int_to_cn(low) if low else ""
        joiner = "零" if 0 < low < 1000 else ""
        return int_to_cn(high) + "万" + joiner + rest
    parts: list[str] = []
    zero_pending = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = (number // value) % 10
        if digit == 0:
            if parts:
                zero_pending = True
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(_CN_DIGITS[digit] + unit)
    text = "".join(parts)
    if text.startswith("一十"):
        text = text[1:]
    return text


_ORDINAL = re.compile(rf"^第({NUMERAL_PATTERN})([编章节条款项目])$")


def parse_ordinal(text: str) -> tuple[int, str]:
    """第九十七条 → (97, '条'); 第3款 → (3, '款')."""
    match = _ORDINAL.match(text.strip())
    if not match:
        raise ValueError(f"not an ordinal: {text!r}")
    return cn_to_int(match.group(1)), match.group(2)
