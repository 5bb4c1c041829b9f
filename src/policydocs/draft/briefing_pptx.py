"""宣讲 slides (.pptx, python-pptx): 16:9, a title slide, one slide per duty (short heading, its
citation, the clause text, each linked penalty with the fines and measures read from its
text), a closing slide listing every citation; speaker notes hold the full clause texts.

Text never shrinks below 20 pt: slides are filled by an estimate of wrapped lines
(`gbt9704.wrapped_lines`), and a clause that does not fit continues on the next slide
(heading …（续）), split at a sentence or item. Every run names its Chinese typeface in the
east-Asian slot (`a:ea`) — PowerPoint and LibreOffice otherwise fall back to the theme's
Latin font's Chinese companion — 黑体 for headings, 仿宋 for text, from the GB/T 9704 font
profile (`generic` for machines without the _GB2312 fonts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.util import Emu, Inches, Pt

from policydocs import gbt9704 as L
from policydocs.draft.briefing_model import DutyText, Material

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9, PowerPoint's widescreen size
MARGIN = Inches(0.6)
TITLE_TOP, TITLE_HEIGHT = Inches(0.35), Inches(1.0)
BODY_TOP = Inches(1.45)
BODY_HEIGHT = HEIGHT - BODY_TOP - Inches(0.45)
HEADING_PT, LARGE_PT, TEXT_PT, SMALL_PT = 32, 28, 24, 20  # SMALL_PT is the floor: nothing is set smaller
LINE_FACTOR = 1.3  # line height / font size, with the paragraph spacing LibreOffice adds
SPACE_AFTER = 6  # pt after each paragraph
#: the share of the box width an estimate may fill (fonts differ between machines)
FILL = 0.92
DARK_RED, DARK = RGBColor(0xA0, 0x10, 0x10), RGBColor(0x20, 0x20, 0x20)
_PIECES = re.compile(r"(?<=[。；：])")


@dataclass(slots=True)
class Block:
    """One paragraph of a slide body: text, size, typeface family, colour."""

    text: str
    size: int = TEXT_PT
    family: str = "fangsong"
    color: RGBColor = DARK
    keep_next: bool = False  # on the slide of (the first piece of) the next block

    def height(self) -> float:
        """Estimated height in pt, wrapped to the body box."""
        chars = (Emu(WIDTH - 2 * MARGIN).pt - 14) * FILL / self.size
        lines = L.wrapped_lines(self.text, chars, chars)
        return lines * self.size * LINE_FACTOR + SPACE_AFTER


def set_east_asian(run, typeface: str, latin: str = L.LATIN_FONT) -> None:
    """The run's Latin name and its east-Asian name (a:ea), in schema order after a:latin."""
    run.font.name = latin
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    latin_el = rpr.find(qn("a:latin"))
    ea = etree.SubElement(rpr, qn("a:ea"))
    ea.set("typeface", typeface)
    cs = etree.SubElement(rpr, qn("a:cs"))
    cs.set("typeface", latin)
    latin_el.addnext(ea)
    ea.addnext(cs)


def _textbox(slide, top: int, height: int, blocks: Iterable[Block], profile: L.FontProfile, *,
             center: bool = False):
    box = slide.shapes.add_textbox(MARGIN, top, WIDTH - 2 * MARGIN, height)
    frame = box.text_frame
    frame.word_wrap = True
    first = True
    for block in blocks:
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        if center:
            from pptx.enum.text import PP_ALIGN

            paragraph.alignment = PP_ALIGN.CENTER
        paragraph.space_after = Pt(SPACE_AFTER)
        run = paragraph.add_run()
        run.text = block.text
        run.font.size = Pt(block.size)
        run.font.color.rgb = block.color
        set_east_asian(run, getattr(profile, block.family))
    return box


def _notes(slide, text: str, profile: L.FontProfile) -> None:
    frame = slide.notes_slide.notes_text_frame
    lines = text.split("\n")
    for number, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(12)
        set_east_asian(run, profile.fangsong)


def _pieces(block: Block) -> list[Block]:
    """A long paragraph as pieces that may go to different slides: sentences, items."""
    parts = [p for line in block.text.split("\n") for p in _PIECES.split(line) if p]
    return [Block(p, block.size, block.family, block.color) for p in parts]


def paginate(blocks: list[Block], room: float) -> list[list[Block]]:
    """Blocks packed into slides of `room` pt; a block too tall for what is left is split
    into its pieces, which continue on the next slide."""
    pages: list[list[Block]] = [[]]
    used = 0.0
    queue = list(blocks)
    while queue:
        block = queue.pop(0)
        height = block.height()
        if block.keep_next and queue and pages[-1]:
            following = _pieces(queue[0])[0] if len(_pieces(queue[0])) > 1 else queue[0]
            if used + height + following.height() > room:
                pages.append([])
                used = 0.0
        if used + height <= room:
            pages[-1].append(block)
            used += height
            continue
        pieces = _pieces(block)
        if len(pieces) > 1:
            queue[:0] = pieces
            continue
        if pages[-1]:
            pages.append([])
            used = 0.0
            queue.insert(0, block)
            continue
        pages[-1].append(block)  # one sentence taller than a slide: it gets a slide of its own
        used += height
    return [page for page in pages if page]


def _merge(page: list[Block]) -> list[Block]:
    """Consecutive pieces of one paragraph joined again (the split is only where slides change)."""
    merged: list[Block] = []
    for block in page:
        previous = merged[-1] if merged else None
        if previous is not None and previous.size == block.size and previous.family == block.family \
                and previous.color == block.color and previous.text.endswith(("。", "；", "：")) \
                and block.color == DARK and not block.text.startswith(("（", "罚则", "《")):
            previous.text += block.text
        else:
            merged.append(Block(block.text, block.size, block.family, block.color))
    return merged


def duty_blocks(duty: DutyText, text_pt: int = TEXT_PT) -> list[Block]:
    blocks = [Block(duty.marked_citation, SMALL_PT, "heiti", DARK_RED, keep_next=True), Block(duty.text, text_pt)]
    for penalty in duty.penalties:
        blocks.append(Block(f"罚则：{penalty.citation}", SMALL_PT, "heiti", DARK_RED, keep_next=bool(penalty.summary)))
        if penalty.summary:
            blocks.append(Block(penalty.summary, SMALL_PT))
    return blocks


def duty_pages(duty: DutyText, room: float) -> list[list[Block]]:
    """A short clause in large type on one slide; a longer one at 24 pt, continued on the
    next slides when it needs more than one (never smaller)."""
    pages = paginate(duty_blocks(duty, LARGE_PT), room)
    return pages if len(pages) == 1 else paginate(duty_blocks(duty), room)


def _slide(deck: Deck, heading: str, blocks: list[Block], notes: str, profile: L.FontProfile) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    _textbox(slide, TITLE_TOP, TITLE_HEIGHT, [Block(heading, HEADING_PT, "heiti")], profile)
    _textbox(slide, BODY_TOP, BODY_HEIGHT, blocks, profile)
    if notes:
        _notes(slide, notes, profile)


def _duty_notes(duty: DutyText) -> str:
    parts = [f"{duty.citation}：{duty.text}"]
    parts += [f"{p.citation}：{p.text}" for p in duty.penalties]
    return "\n".join(parts)


def slide_deck(material: Material, profile: L.FontProfile) -> Deck:
    """The slides of `material` (saved by the caller, atomically)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    room = Emu(BODY_HEIGHT).pt - 10
    title = deck.slides.add_slide(deck.slide_layouts[6])
    _textbox(title, Inches(2.3), Inches(1.6), [Block(material.title, 40, "heiti")], profile, center=True)
    below = [Block(text, 24) for text in (material.issuer, material.date) if text]
    below.append(Block(f"共{len(material.duties)}项条款 · 条文均引自法规原文并注明出处", SMALL_PT))
    _textbox(title, Inches(4.2), Inches(2.0), below, profile, center=True)
    _notes(title, "依据：\n" + "\n".join(f"《{law.title}》{law.version_date}" for law in material.laws), profile)
    for duty in material.duties:
        pages = duty_pages(duty, room)
        for number, page in enumerate(pages):
            heading = duty.heading + ("（续）" if number else "")
            _slide(deck, heading, _merge(page), _duty_notes(duty), profile)
    if material.violations:
        blocks = [Block(f"“{v.description}”（{v.source}）", SMALL_PT) for v in material.violations]
        for number, page in enumerate(paginate(blocks, room)):
            _slide(deck, "典型违法情形" + ("（续）" if number else ""), page,
                   "\n".join(f"{v.description}——{v.source}，对应{v.duty_citation}" for v in material.violations),
                   profile)
    citations = [Block(citation, SMALL_PT) for citation in material.citations()]
    for number, page in enumerate(paginate(citations, room)):
        _slide(deck, "本次宣讲引用的条款" + ("（续）" if number else ""), page,
               "\n".join(material.citations()), profile)
    return deck
