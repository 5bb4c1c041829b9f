"""Applying the GB/T 9704 layout to a python-docx document: page setup, styles, paragraph
roles, runs with East Asian fonts, borders and page-number footers.

python-docx writes only ascii/hAnsi font names and leaves theme fonts in place, which makes
Word and WPS fall back to the theme's 等线; so every style and every run gets explicit
`w:eastAsia` names here, and theme attributes are stripped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from policydocs import gbt9704 as L


@dataclass(frozen=True, slots=True)
class Role:
    """How one kind of paragraph looks: style name, typeface, size, alignment, indents."""

    style: str
    family: str
    size: float
    align: str = "both"
    first_line_chars: int = 0
    color: str | None = None
    line: int | None = L.LINE_PITCH  # exact line spacing in twips; None = single
    snap: bool = True
    left: int = 0
    right: int = 0
    hanging: int = 0
    before: int = 0
    keep_next: bool = False  # on the page of the next paragraph (headings, titles, labels)
    keep_lines: bool = False  # never split over two pages
    outline: int | None = None  # outline level 0–8 (navigation pane, 目录)
    autospace: bool = True  # extra space between Chinese and digits (off where widths count)


ROLES: dict[str, Role] = {
    "body": Role("公文正文", "fangsong", L.BODY_PT, first_line_chars=L.BODY_INDENT_CHARS),
    "h1": Role("公文一级标题", "heiti", L.BODY_PT, first_line_chars=L.BODY_INDENT_CHARS,
               keep_next=True, keep_lines=True, outline=0),
    "h2": Role("公文二级标题", "kaiti", L.BODY_PT, first_line_chars=L.BODY_INDENT_CHARS,
               keep_next=True, keep_lines=True, outline=1),
    "h3": Role("公文三级标题", "fangsong", L.BODY_PT, first_line_chars=L.BODY_INDENT_CHARS,
               keep_next=True, keep_lines=True, outline=2),
    "h4": Role("公文四级标题", "fangsong", L.BODY_PT, first_line_chars=L.BODY_INDENT_CHARS,
               keep_next=True, keep_lines=True, outline=3),
    "blank": Role("公文空行", "fangsong", L.BODY_PT),
    "header": Role("版头项目", "fangsong", L.BODY_PT, align="left", snap=False),
    "header_bold": Role("版头密级", "heiti", L.BODY_PT, align="left", snap=False),
    "mark": Role("发文机关标志", "xiaobiaosong", L.MARK_MAX_PT, align="center", color=L.RED,
                 line=L.pt(L.MARK_MAX_PT), snap=False, before=L.MARK_TOP - L.HEADER_LINES * L.LINE_PITCH),
    "number": Role("发文字号", "fangsong", L.BODY_PT, align="center", snap=False,
                   autospace=False),  # 〔2022〕4号, not “4 号”
    "title": Role("公文标题", "xiaobiaosong", L.TITLE_PT, align="center", keep_next=True,
                  keep_lines=True),
    "to": Role("主送机关", "fangsong", L.BODY_PT, align="left"),
    "attach_note": Role("附件说明", "fangsong", L.BODY_PT, align="left", keep_next=True),
    "signature": Role("署名", "fangsong", L.BODY_PT, align="right", keep_next=True,
                      autospace=False),
    "date": Role("成文日期", "fangsong", L.BODY_PT, align="right", autospace=False),
    "note": Role("附注", "fangsong", L.BODY_PT, align="left",
                 first_line_chars=L.BODY_INDENT_CHARS),
    "attach_label": Role("附件标识", "heiti", L.BODY_PT, align="left", keep_next=True),
    "record": Role("版记", "fangsong", L.RECORD_PT, align="left", snap=False, keep_next=True,
                   keep_lines=True, autospace=False),  # 抄送 lines counted from their widths
    "table": Role("表格文字", "fangsong", L.TABLE_PT, align="left", line=None, snap=False),
    "table_head": Role("表头文字", "heiti", L.TABLE_PT, align="center", line=None, snap=False,
                       keep_next=True),
    "page_number": Role("页码", "songti", L.PAGE_NUMBER_PT, align="right", line=None, snap=False),
}

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Schema order of the children we write (Word rejects out-of-order properties).
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
              "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
              "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
              "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
              "lang", "eastAsianLayout", "specVanish", "oMath")


def put(parent, element) -> None:
    """Insert `element` into a pPr/rPr at its schema position."""
    order = _PPR_ORDER if parent.tag == qn("w:pPr") else _RPR_ORDER
    local = element.tag.split("}")[1]
    rank = order.index(local)
    for child in parent:
        name = child.tag.split("}")[1] if "}" in child.tag else ""
        if name in order and order.index(name) > rank:
            child.addprevious(element)
            return
    parent.append(element)


def _child(parent, tag: str, *, first: bool = False):
    """The `tag` child of `parent`, created when absent (OOXML order is kept loosely:
    python-docx's own insert helpers are used where order matters to Word)."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def set_fonts(rpr, family_name: str, latin: str) -> None:
    """East Asian + Latin font names on an rPr, with theme attributes removed (P5)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        put(rpr, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), family_name)
    fonts.set(qn("w:cs"), latin)


def format_rpr(rpr, role: Role, profile: L.FontProfile, *, size: float | None = None,
               color: str | None = None, scale: int | None = None,
               highlight: str | None = None) -> None:
    """Fonts, size, colour, scale and highlight on a run's (or style's) rPr."""
    set_fonts(rpr, getattr(profile, role.family), profile.latin)
    for tag in ("w:b", "w:bCs", "w:color", "w:spacing", "w:w", "w:sz", "w:szCs", "w:highlight"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    for tag in ("w:b", "w:bCs"):
        off = OxmlElement(tag)
        off.set(qn("w:val"), "0")
        put(rpr, off)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), color or role.color or "000000")
    put(rpr, colour)
    # 28 characters a line of 3号 (see gbt9704.BODY_TRACKING); other sizes say 0 explicitly,
    # else they inherit the 3号 tracking of docDefaults and the 版记's line count is off
    tracking = OxmlElement("w:spacing")
    tracking.set(qn("w:val"), str(L.BODY_TRACKING if (size or role.size) == L.BODY_PT else 0))
    put(rpr, tracking)
    if scale and scale != 100:
        width = OxmlElement("w:w")
        width.set(qn("w:val"), str(scale))
        put(rpr, width)
    half_points = str(round((size or role.size) * 2))
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), half_points)
        put(rpr, el)
    if highlight:
        mark = OxmlElement("w:highlight")
        mark.set(qn("w:val"), highlight)
        put(rpr, mark)


def _flag(ppr, tag: str, on: bool) -> None:
    """A on/off paragraph property (keepNext, keepLines …): present when on, absent when off
    (`w:val="0"` when the style chain might turn it on)."""
    for old in ppr.findall(qn(tag)):
        ppr.remove(old)
    element = OxmlElement(tag)
    if not on:
        element.set(qn("w:val"), "0")
    put(ppr, element)


def format_ppr(ppr, role: Role, base: Role | None = None) -> None:
    """Alignment, exact line spacing, zero paragraph spacing, indents in characters, keeps and
    outline level. With `base` (the paragraph's style), only what differs from it is written,
    so a change of the style in Word or WPS reaches every paragraph that has it."""
    for tag in ("w:snapToGrid", "w:spacing", "w:ind", "w:jc", "w:outlineLvl"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)

    def differs(*names: str) -> bool:
        return base is None or any(getattr(role, n) != getattr(base, n) for n in names)

    if base is None:
        _flag(ppr, "w:widowControl", True)
    if differs("keep_next"):
        _flag(ppr, "w:keepNext", role.keep_next)
    if differs("keep_lines"):
        _flag(ppr, "w:keepLines", role.keep_lines)
    if base is None and not role.autospace:
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            _flag(ppr, tag, False)
    if differs("snap") and (base is not None or not role.snap):
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "1" if role.snap else "0")
        put(ppr, snap)
    if differs("before", "line"):
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:before"), str(role.before))
        spacing.set(qn("w:after"), "0")
        if role.line:
            spacing.set(qn("w:line"), str(role.line))
            spacing.set(qn("w:lineRule"), "exact")
        else:
            spacing.set(qn("w:line"), "240")
            spacing.set(qn("w:lineRule"), "auto")
        put(ppr, spacing)
    if differs("left", "right", "hanging", "first_line_chars", "size"):
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(role.left))
        ind.set(qn("w:right"), str(role.right))
        if role.hanging:
            ind.set(qn("w:hanging"), str(role.hanging))
        elif role.first_line_chars:
            ind.set(qn("w:firstLineChars"), str(role.first_line_chars * 100))
            ind.set(qn("w:firstLine"), str(role.first_line_chars * round(role.size * 20)))
        else:
            ind.set(qn("w:firstLineChars"), "0")
            ind.set(qn("w:firstLine"), "0")
        put(ppr, ind)
    if differs("align"):
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), role.align)
        put(ppr, jc)
    if (base is None and role.outline is not None) or (base is not None and role.outline != base.outline):
        level = OxmlElement("w:outlineLvl")  # 9: body text (a numbered item in a heading's face)
        level.set(qn("w:val"), str(9 if role.outline is None else role.outline))
        put(ppr, level)


#: a role by its style name: what a paragraph of that style already has
_BY_STYLE: dict[str, Role] = {role.style: role for role in ROLES.values()}


def style_paragraph(paragraph: Paragraph, role_name: str, **overrides) -> Role:
    """Give a paragraph its role's style; only overrides become direct formatting. Returns
    the role used (the style's, or the style's with the overrides)."""
    base = ROLES[role_name]
    role = replace(base, **overrides) if overrides else base
    ppr = paragraph._p.get_or_add_pPr()
    pstyle = ppr.find(qn("w:pStyle"))
    if pstyle is None:
        pstyle = OxmlElement("w:pStyle")
        put(ppr, pstyle)
    pstyle.set(qn("w:val"), style_id(role.style))
    format_ppr(ppr, role, base)
    return role


def add_run(paragraph: Paragraph, text: str, role: Role, profile: L.FontProfile, *,
            family: str | None = None, **rpr_options):
    """A run carrying only what differs from its paragraph style (another typeface, size,
    colour, compression or a highlight): the style carries the rest."""
    run = paragraph.add_run(text)
    format_run(run._r, role, profile, family=family, **rpr_options)
    return run


def format_run(r, role: Role, profile: L.FontProfile, *, family: str | None = None,
               size: float | None = None, color: str | None = None, scale: int | None = None,
               highlight: str | None = None) -> None:
    """Write on run `r` what differs from the style of `role` (see add_run)."""
    base = _BY_STYLE.get(role.style, ROLES["body"])
    family = family or role.family
    size = size or role.size
    color = color or role.color
    rpr = r.find(qn("w:rPr"))
    if rpr is not None:
        r.remove(rpr)
    if family == base.family and size == base.size and color == base.color \
            and not (scale and scale != 100) and not highlight:
        return
    rpr = r.get_or_add_rPr()
    if family != base.family:
        set_fonts(rpr, getattr(profile, family), profile.latin)
    if color != base.color:
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), color or "000000")
        put(rpr, colour)
    if scale and scale != 100:
        width = OxmlElement("w:w")
        width.set(qn("w:val"), str(scale))
        put(rpr, width)
    if size != base.size:
        for tag in ("w:sz", "w:szCs"):
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(round(size * 2)))
            put(rpr, el)
    if highlight:
        mark = OxmlElement("w:highlight")
        mark.set(qn("w:val"), highlight)
        put(rpr, mark)


def track(r, twips: int) -> None:
    """Character spacing on one run (condensed when negative): a line that must fit."""
    rpr = r.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twips))
    put(rpr, spacing)


def style_id(name: str) -> str:
    """Stable ASCII style id for a role's (Chinese) style name."""
    return "GW" + "".join(f"{ord(ch):x}" for ch in name)[:24]


def install_styles(document: DocxDocument, profile: L.FontProfile) -> None:
    """docDefaults, Normal and one paragraph style per role, all with the profile's fonts
    and no theme fonts (P4, P5). Idempotent: re-running with another profile updates them."""
    styles_el = document.styles.element
    defaults = _child(styles_el, "w:docDefaults", first=True)
    rpr_default = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    format_rpr(rpr_default, ROLES["body"], profile)
    lang = _child(rpr_default, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr_default = _child(_child(defaults, "w:pPrDefault"), "w:pPr")
    format_ppr(ppr_default, replace(ROLES["body"], first_line_chars=0, align="both"))
    for fonts in styles_el.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:eastAsia"), profile.fangsong)
    normal = document.styles["Normal"].element
    format_rpr(normal.get_or_add_rPr(), ROLES["body"], profile)
    format_ppr(normal.get_or_add_pPr(), replace(ROLES["body"], first_line_chars=0))
    for role in ROLES.values():
        sid = style_id(role.style)
        existing = styles_el.find(f"{qn('w:style')}[@{qn('w:styleId')}='{sid}']")
        if existing is None:
            style = document.styles.add_style(role.style, 1)
            style.element.set(qn("w:styleId"), sid)
            style.base_style = document.styles["Normal"]
            style.quick_style = True
            existing = style.element
        format_rpr(existing.get_or_add_rPr(), role, profile)
        format_ppr(existing.get_or_add_pPr(), role)


def border(paragraph: Paragraph, *, top: int | None = None, bottom: int | None = None,
           color: str = "000000", space_pt: int = 0) -> None:
    """Paragraph rules (H7 red line, V1 版记 lines): widths in 1/8 pt, spanning the 版心."""
    ppr = paragraph._p.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    pbdr = OxmlElement("w:pBdr")
    for side, size in (("top", top), ("bottom", bottom)):
        if size:
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), str(size))
            edge.set(qn("w:space"), str(space_pt))
            edge.set(qn("w:color"), color)
            pbdr.append(edge)
    put(ppr, pbdr)


def tab_stop(paragraph: Paragraph, position: int, kind: str = "right") -> None:
    """A tab stop (signer line H6, 印发 line V3, signature lines)."""
    ppr = paragraph._p.get_or_add_pPr()
    tabs = ppr.find(qn("w:tabs"))
    if tabs is None:
        tabs = OxmlElement("w:tabs")
        put(ppr, tabs)
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), kind)
    tab.set(qn("w:pos"), str(position))
    tabs.append(tab)


def setup_section(section) -> None:
    """P1–P3 on one section: A4, GB/T 9704 margins, 22-line grid, footer 7 mm below 版心."""
    section.page_width, section.page_height = L.PAGE_WIDTH * 635, L.PAGE_HEIGHT * 635
    section.top_margin, section.bottom_margin = L.MARGIN_TOP * 635, L.MARGIN_BOTTOM * 635
    section.left_margin, section.right_margin = L.MARGIN_LEFT * 635, L.MARGIN_RIGHT * 635
    section.header_distance = L.HEADER_DISTANCE * 635
    section.footer_distance = L.FOOTER_DISTANCE * 635
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(L.LINE_PITCH))
    sect.append(grid)


def _page_number_paragraph(paragraph: Paragraph, profile: L.FontProfile, *, odd: bool) -> None:
    """`— 1 —` with a PAGE field: odd pages one character from the right, even from the left."""
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    if odd:
        role = style_paragraph(paragraph, "page_number", align="right", right=L.PAGE_NUMBER_INDENT)
    else:
        role = style_paragraph(paragraph, "page_number", align="left", left=L.PAGE_NUMBER_INDENT)
    add_run(paragraph, f"{L.PAGE_NUMBER_DASH} ", role, profile)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    paragraph._p.append(field)
    inner = OxmlElement("w:r")
    format_run(inner, role, profile)
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    field.append(inner)
    tail = OxmlElement("w:r")
    format_run(tail, role, profile)
    tail_text = OxmlElement("w:t")
    tail_text.set(qn("xml:space"), "preserve")
    tail_text.text = f" {L.PAGE_NUMBER_DASH}"
    tail.append(tail_text)
    paragraph._p.append(tail)


def page_numbers(document: DocxDocument, section, profile: L.FontProfile) -> None:
    """N1: odd/even footers with page numbers (evenAndOddHeaders on)."""
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_paragraph(section.footer.paragraphs[0], profile, odd=True)
    _page_number_paragraph(section.even_page_footer.paragraphs[0], profile, odd=False)


def add_record_section(document: DocxDocument, profile: L.FontProfile):
    """V1/N1: the 版记 goes into a section of its own that starts on an even page, has no
    page number and aligns its text to the bottom of the 版心."""
    section = document.add_section(WD_SECTION.EVEN_PAGE)
    setup_section(section)
    for footer in (section.footer, section.even_page_footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        for paragraph in footer.paragraphs:
            style_paragraph(paragraph, "page_number")
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "bottom")
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.addprevious(valign)
    return section


def page_break_before(paragraph: Paragraph) -> None:
    """Start a paragraph on a new page (B9: each attachment on a new page)."""
    ppr = paragraph._p.get_or_add_pPr()
    put(ppr, OxmlElement("w:pageBreakBefore"))
