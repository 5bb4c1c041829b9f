"""Text normalisation shared by every reader: 全角/半角, whitespace, extraction residue.

Law texts and PDF extractions mix full-width digits (１２), half-width brackets ((一)) and
odd spaces (U+3000, NBSP). Normalising once at read time lets every later regex assume one
form: ASCII digits and Latin letters, full-width Chinese punctuation.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width ASCII letters and digits → half-width; other full-width punctuation is kept,
# because Chinese text uses it on purpose (，。：；（）).
_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_FULL_TO_HALF.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULL_TO_HALF.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULL_TO_HALF.update({0xFF0E: ord(".")})  # ．→ .  (1．标题)
# Half-width punctuation directly touching Chinese text → full-width.
_HALF_TO_FULL_AROUND_CJK = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_PAREN_WITH_CJK = re.compile(r"\(([^()]*[\u3400-\u9fff][^()]*)\)")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u3000\ufeff]+")
_CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》]"
_HALF_PUNCT_NEAR_CJK = re.compile(rf"(?<={_CJK})[,:;?!]|[,:;?!](?={_CJK})")


#: half-width marks touching a Chinese character, as the format check reports them (GB/T 15834:
#: Chinese text takes full-width ，：；（）); normalize_line converts them when reading sources
_HALF_MARK_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]")


def half_width(text: str) -> str:
    """Full-width digits and Latin letters (and ．) as ASCII; everything else unchanged."""
    return text.translate(_FULL_TO_HALF)


def half_width_mark(text: str) -> str | None:
    """The first half-width mark written against a Chinese character, with that character."""
    found = _HALF_MARK_IN_CHINESE.search(text)
    return found.group(0) if found else None


def normalize_line(line: str) -> str:
    """One line in canonical form: NFC, half-width digits, full-width punctuation near CJK,
    single spaces, trimmed."""
    line = half_width(unicodedata.normalize("NFC", line))
    line = _PAREN_WITH_CJK.sub(r"（\1）", line)
    line = _HALF_PUNCT_NEAR_CJK.sub(lambda m: _HALF_TO_FULL_AROUND_CJK[m.group(0)], line)
    return _SPACES.sub(" ", line).strip()


def normalize_text(text: str) -> str:
    """Normalise every line of a text and its line endings."""
    return "\n".join(normalize_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
