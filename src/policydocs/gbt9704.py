"""GB/T 9704-2012 numbers, defined once. The writer, the template builder and the format
checker all read them from here, so a document and its check can never disagree.

Units: twip = 1/20 pt; font sizes in pt; border widths in 1/8 pt (OOXML `w:sz`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from math import ceil

from policydocs.text.headings import GBT as HEADING_NUMBERS

TWIPS_PER_MM = 1440 / 25.4


def mm(value: float) -> int:
    """Millimetres → twips (rounded)."""
    return round(value * TWIPS_PER_MM)


def pt(value: float) -> int:
    """Points → twips."""
    return round(value * 20)


# Named sizes (号) in pt.
SIZES: dict[str, float] = {"初号": 42, "小初": 36, "一号": 26, "二号": 22, "三号": 16, "四号": 14,
                           "小四": 12, "五号": 10.5}

# P1 paper, P2 margins, P3 grid
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474
MARGIN_TOLERANCE = mm(1)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 版心 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 版心 225 mm
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH = 579  # 28.95 pt: 22 lines fill 225 mm
# P3 28 characters a line: 28 三号 characters (28 × 16 pt = 158 mm) fit the 156 mm line only a
# little condensed. Word squeezes them onto a character grid, LibreOffice would give each one
# two cells, so the styles condense 3号 text by a quarter point instead: same in every renderer.
BODY_TRACKING = -5  # twips of character spacing (w:spacing) on 3号 text

# P4 default text, B3 body
BODY_PT = SIZES["三号"]
CHAR = pt(BODY_PT)  # one 3号 character = 320 twips (indents are counted in characters)
BODY_INDENT_CHARS = 2
TITLE_PT = SIZES["二号"]
TITLE_CHARS_PER_LINE = 20  # B1: ≤ 20 二号 characters per line
TABLE_PT = SIZES["四号"]

# H1–H7 版头
HEADER_LINES = 3  # 份号, 密级, 紧急程度 occupy lines 1–3 of the 版心 (empty when absent)
MARK_TOP = mm(35)  # H4: top of the organ mark below the top of the 版心
MARK_MAX_PT = SIZES["初号"]
MARK_WIDTH = mm(150)  # keep the mark inside the 156 mm 版心 with a little air
MARK_MIN_SCALE = 70  # % horizontal compression before the size itself is reduced
BLANK_LINES_BEFORE_NUMBER = 2  # H5
RED = "FF0000"
RED_RULE_SZ = 8  # H7: 1 pt ≈ 0.35 mm
RED_RULE_SZ_RANGE = (4, 12)  # H7 check: 0.5–1.5 pt, what offices use (0.35–0.5 mm)
RED_RULE_GAP_PT = 11  # H7: 4 mm below the 文号 (border spacing is in pt, max 31)
RED_RULE_GAP_RANGE_PT = (8, 14)  # H7 check: about 4 mm
BLANK_LINES_BEFORE_TITLE = 2  # B1
COPY_NO_DIGITS = 6  # H1

# B5–B9
ATTACHMENT_TITLE_LINE = 3  # B9: 附件N on line 1 of its page, the title on line 3
SIGNATURE_RIGHT_CHARS = 2  # B6 without seal
DATE_OFFSET_CHARS = 2  # date starts two characters right of the signature's start
SEAL_DATE_RIGHT_CHARS = 4  # B6'

# V1–V3 版记
RECORD_PT = SIZES["四号"]
RECORD_CHAR = pt(RECORD_PT)
RECORD_THICK_SZ = 8  # 0.35 mm
RECORD_THIN_SZ = 6  # 0.25 mm
RECORD_RULE_LINE = 20  # the rules are empty 1 pt paragraphs carrying a bottom border

# N1 page numbers: 4号 digits, top of the number line 7 mm below the 版心
PAGE_NUMBER_PT = SIZES["四号"]
PAGE_NUMBER_GAP_MM = 7
FOOTER_DISTANCE = MARGIN_BOTTOM - mm(PAGE_NUMBER_GAP_MM) - pt(PAGE_NUMBER_PT)
HEADER_DISTANCE = mm(15)  # no page header is printed; Word needs a value
PAGE_NUMBER_DASH = "\u2014"  # 一字线
PAGE_NUMBER_INDENT = RECORD_CHAR  # one 4号 character from the edge

LATIN_FONT = "Times New Roman"


@dataclass(frozen=True, slots=True)
class FontProfile:
    """The four typefaces GB/T 9704 names, under the names an office's machines know."""

    name: str
    fangsong: str
    heiti: str
    kaiti: str
    xiaobiaosong: str
    songti: str = "宋体"
    latin: str = LATIN_FONT


PROFILES: dict[str, FontProfile] = {
    "gb2312": FontProfile("gb2312", fangsong="仿宋_GB2312", heiti="黑体", kaiti="楷体_GB2312",
                          xiaobiaosong="方正小标宋简体"),
    "generic": FontProfile("generic", fangsong="仿宋", heiti="黑体", kaiti="楷体",
                           xiaobiaosong="方正小标宋简体"),
}
DEFAULT_PROFILE = "gb2312"

# Every name a typeface family goes by (both profiles, Windows/Mac/English names): the
# checker accepts any of them, the writer uses the profile's.
FONT_ALIASES: dict[str, tuple[str, ...]] = {
    "fangsong": ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "STFangsong", "华文仿宋"),
    "heiti": ("黑体", "SimHei", "STHeiti", "华文黑体"),
    "kaiti": ("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "STKaiti", "华文楷体"),
    "xiaobiaosong": ("方正小标宋简体", "方正小标宋_GBK", "小标宋", "FZXiaoBiaoSong-B05S",
                     "FZXiaoBiaoSong-B05"),
    "songti": ("宋体", "SimSun", "NSimSun", "新宋体"),
}


def font_family(name: str | None) -> str | None:
    """Which GB/T 9704 typeface a font name stands for (None when unknown)."""
    if not name:
        return None
    for family, names in FONT_ALIASES.items():
        if name in names:
            return family
    return None


# B4: heading level → (typeface, numbering kind)
HEADING_FONTS = {1: "heiti", 2: "kaiti", 3: "fangsong", 4: "fangsong"}


def text_width_chars(text: str) -> float:
    """Width of `text` in 全角 characters: ASCII letters, digits and marks count half."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "—…“”‘’" else 1.0 for ch in text)


def reads_as_heading(text: str) -> bool:
    """Whether a paragraph reads as a heading on the page: it starts with a B4 number, has no
    sentence end but its last mark, does not end in a continuing mark, and fits two lines.
    The layout check (R3, an orphaned heading) and the writers that set keep-with-next share
    this one test, so a paragraph is kept with the next exactly when R3 calls it a heading."""
    text = text.strip()
    return bool(text) and any(pattern.match(text) for pattern in HEADING_NUMBERS.values()) \
        and "。" not in text[:-1] and text[-1] not in "；;，,：:" \
        and text_width_chars(text) <= 2 * CHARS_PER_LINE


def body_width(text: str) -> int:
    """Printed width of a 3号 line in twips, with the condensed character spacing."""
    return round(text_width_chars(text) * CHAR + len(text) * BODY_TRACKING)


def mark_geometry(text: str) -> tuple[float, int]:
    """H4: the largest size (≤ 初号) and horizontal scale (%) that keep the organ mark on
    one line of the 版心. Offices compress the characters before they shrink them."""
    width_pt = MARK_WIDTH / 20
    chars = max(text_width_chars(text), 1.0)
    size = min(MARK_MAX_PT, width_pt / chars)
    if size == MARK_MAX_PT:
        return size, 100
    scale = int(100 * width_pt / (chars * MARK_MAX_PT))
    if scale >= MARK_MIN_SCALE:
        return MARK_MAX_PT, scale
    size = width_pt / (chars * MARK_MIN_SCALE / 100)
    return int(size * 2) / 2, MARK_MIN_SCALE  # half points, rounded down: it must still fit


def signature_indents(signature: str, date: str, *, seal: bool) -> tuple[int, int, int | None]:
    """B6/B6': (right indent of the signature, right indent of the date, left indent of the
    date or None) in twips. Without a seal the date is placed by its *start* (a left indent
    two characters right of the signature's first character), because the width of its digits
    depends on the renderer (Chinese–digit spacing), the signature's (all Chinese) does not."""
    sig, day = body_width(signature) / CHAR, body_width(date) / CHAR
    if seal:  # date four characters from the right, signature centred over it
        return (round((SEAL_DATE_RIGHT_CHARS + (day - sig) / 2) * CHAR),
                SEAL_DATE_RIGHT_CHARS * CHAR, None)
    sig_right: float = SIGNATURE_RIGHT_CHARS
    date_right: float = sig_right + sig - DATE_OFFSET_CHARS - day
    if date_right < SIGNATURE_RIGHT_CHARS:  # a long date: it sits two characters from the
        date_right = SIGNATURE_RIGHT_CHARS  # right and pushes the signature left
        sig_right = date_right + day + DATE_OFFSET_CHARS - sig
    date_left = TEXT_WIDTH - round((sig_right + sig - DATE_OFFSET_CHARS) * CHAR)
    return round(sig_right * CHAR), round(date_right * CHAR), date_left


def wrapped_lines(text: str, first: float, rest: float) -> int:
    """How many lines `text` takes when its first line holds `first` 全角 characters and the
    others `rest` (a hanging indent); a closing mark never starts a line (it stays on the
    line before, as Word and LibreOffice do)."""
    if not text:
        return 0
    lines, used, room = 1, 0.0, first
    for ch in text:
        width = text_width_chars(ch)
        if used + width > room + 1e-9 and ch not in "，。、；：！？）》”’":
            lines, used, room = lines + 1, 0.0, rest
        used += width
    return lines


#: what renderers add between Chinese and a group of digits (LibreOffice ≈ 0.2 character,
#: whatever w:autoSpaceDN says), counted so the 印发 line's two parts never touch
DIGIT_GAP_CHARS = 0.2


def record_line_tracking(printer: str, printed: str) -> int:
    """V3: character spacing (twips, ≤ 0) for the 印发 line, so that the 印发机关 (one character
    from the left) and the 印发日期 (one from the right) keep at least one character between
    them; a long organ name otherwise runs into the date ("办公室2023年…")."""
    text = printer + printed
    groups = len(re.findall(r"\d+", text))
    need = (text_width_chars(text) + 1 + 2 * groups * DIGIT_GAP_CHARS) * RECORD_CHAR
    room = TEXT_WIDTH - 2 * RECORD_CHAR
    if need <= room:
        return 0
    return -ceil((need - room) / len(text))


def record_space_before(cc_text: str) -> int:
    """V1: space above the 版记 (on its own page) that puts its last rule on the bottom
    edge of the 版心, for renderers that ignore the section's bottom alignment. The 抄送 lines
    are counted from their real widths: the first starts one character in, the others hang
    under the names, after "抄送："."""
    usable = (TEXT_WIDTH - 2 * RECORD_CHAR) / RECORD_CHAR
    cc_lines = wrapped_lines(cc_text, usable, usable - 3)
    rules = 3 * (RECORD_RULE_LINE + pt(1))  # three rule paragraphs with their borders
    return max(0, TEXT_HEIGHT - (cc_lines + 1) * LINE_PITCH - rules - mm(4))
