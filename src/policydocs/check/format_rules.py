"""GB/T 9704-2012 format check of a .docx: one `FormatResult` per rule of GBT9704.md that can
be read from the file (P1–P6, H1–H7, B1–B9, V1–V3, N1) and per drafting mistake of its
checklist (M1–M9; item 10, citations, belongs to the citation engine).

Documents are recognised by content (red mark, 〔〕 文号, 附件N labels, 抄送/印发 lines),
not by our own style names, so drafts made in Word or WPS are checked the same way.
The numbers come from policydocs.gbt9704, the one place they are defined. Each rule is a
function registered with `@rule(code, name)`; results come in definition order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Length

from policydocs import gbt9704 as L
from policydocs.check.docx_view import Para, StyleChain, footer_paragraphs, paragraph_view, paragraphs
from policydocs.errors import SourceError
from policydocs.text import dates, docnumber, headings
from policydocs.text.normalize import half_width_mark
from policydocs.text.numerals import cn_to_int


@dataclass(frozen=True, slots=True)
class FormatResult:
    rule: str
    ok: bool
    message: str


Outcome = list[str] | str  # problems found, or the reason the rule does not apply
Check = Callable[["Parsed"], Outcome]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # as in GBT9704.md: P1–P6, H1–H7, B1–B9, V1–V3, N1, M1–M9
    name: str
    check: Check


#: every rule, in the order they are defined below and reported
RULES: list[Rule] = []


def rule(code: str, name: str) -> Callable[[Check], Check]:
    """Register a check: a new rule is one decorated function."""
    def register(check: Check) -> Check:
        if any(existing.code == code for existing in RULES):
            raise ValueError(f"format rule {code} defined twice")
        RULES.append(Rule(code, name, check))
        return check
    return register

HEADING = headings.GBT
ATTACHMENT_LABEL = re.compile(r"^附件\s*(\d*)$")
TRAILING_PUNCT = "。，、；：！？.,;:!?"


def _red(color: str | None) -> bool:
    if not color or not re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return False
    r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    return r >= 0xC0 and g <= 0x60 and b <= 0x60


def _families(para: Para) -> set[str | None]:
    return {L.font_family(name) for name in para.fonts()}


def _twips(length: Length | None) -> int:
    return length.twips if length is not None else 0


def _mm(twips: float) -> str:
    return f"{twips / L.TWIPS_PER_MM:.0f} mm"


def _near(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance


def _indented(para: Para) -> bool:
    """First line indented by two characters (B3 body, B5 附件说明, B8 附注)."""
    return _near(round(_indent_chars(para) * 100), L.BODY_INDENT_CHARS * 100, 10)


def _indent_chars(para: Para, size_pt: float = L.BODY_PT) -> float:
    """First-line text start in characters (firstLineChars wins, as in Word)."""
    if para.first_line_chars is not None and para.first_line >= 0:
        return para.left / (size_pt * 20) + para.first_line_chars / 100
    return para.text_start() / (size_pt * 20)


@dataclass(slots=True)
class Parsed:
    """The parts of a 公文 found in a document."""

    document: DocxDocument
    paras: list[Para]
    mark: Para | None = None
    number: Para | None = None
    red_rule: Para | None = None
    head: list[Para] = field(default_factory=list)
    title: Para | None = None
    to: Para | None = None
    main: list[Para] = field(default_factory=list)
    notes: list[Para] = field(default_factory=list)  # 附件说明
    signature: Para | None = None
    date: Para | None = None
    annotation: Para | None = None  # 附注
    attachments: list[tuple[Para, Para | None, list[Para]]] = field(default_factory=list)
    record: list[Para] = field(default_factory=list)
    issued: list[tuple[Para, list[Para]]] = field(default_factory=list)  # 印发: title, body

    def body(self) -> list[Para]:
        """Running text of the main part and the attachments (headings included)."""
        special = {id(p) for p in (self.to, self.signature, self.date, self.annotation, *self.notes)
                   if p is not None}
        result = [p for p in self.main if not p.blank and id(p) not in special]
        for _, _, paras in self.attachments:
            result += [p for p in paras if not p.blank]
        for _, paras in self.issued:
            result += [p for p in paras if not p.blank and not closing_line(p)]
        return result


def closing_line(para: Para) -> bool:
    """The 附件说明, 署名 and date lines of an issued document (not running text)."""
    text = para.text.strip()
    return text.startswith(("附件：", "附件:")) or para.align == "right" or (
        para.align == "left" and not para.first_line_chars and bool(re.match(r"^\d+[.．]", text))) \
        or bool(dates.DATE_LIKE.fullmatch(text))


def _next_text(paras: list[Para], start: int) -> int | None:
    for index in range(start, len(paras)):
        if not paras[index].blank:
            return index
    return None


def _issued_title(para: Para) -> bool:
    """The title of a document issued by the notice (印发, seeds 002/004): a new page that
    starts with a 二号 centred title instead of an 附件 label."""
    return para.page_break_before and not para.blank and para.align == "center" \
        and para.sizes() == {L.TITLE_PT} and para.text.strip() != "法律依据"


def _uncoloured_mark(paras: list[Para]) -> Para | None:
    """A 发文机关标志 that is not red (a fault H4 reports): a line of large characters (larger
    than the 二号 title) near the top, with a 文号 below it."""
    for para in paras[:8]:
        sizes = {size for size in para.sizes() if size is not None}
        if para.blank or not sizes or min(sizes) <= L.TITLE_PT:
            continue
        below = paras[para.index + 1: para.index + 6]
        if any(docnumber.NUMBER_LIKE.search(p.text) for p in below):
            return para
    return None


def parse(document: DocxDocument) -> Parsed:
    paras = paragraphs(document)
    doc = Parsed(document, paras)
    position = 0
    for para in paras[:8]:
        if not para.blank and all(_red(run.color) for run in para.visible_runs()):
            doc.mark = para
            break
    if doc.mark is None:
        doc.mark = _uncoloured_mark(paras)
    if doc.mark is not None:
        for para in paras[doc.mark.index + 1: doc.mark.index + 8]:
            if "号" in para.text or "〔" in para.text or "[" in para.text:
                doc.number = doc.number or para
            if any(_red(color) for _, color, _ in para.borders.values()):
                doc.red_rule = para
                break
        position = (doc.red_rule or doc.number or doc.mark).index + 1
        doc.head = paras[:position]
    title_index = _next_text(paras, position)
    if title_index is None:
        return doc
    doc.title = paras[title_index]
    position = title_index + 1
    to_index = _next_text(paras, position)
    if to_index is not None and paras[to_index].text.rstrip().endswith(("：", ":")) \
            and len(paras[to_index].text) < 120 and not HEADING[1].match(paras[to_index].text):
        doc.to = paras[to_index]
        position = to_index + 1
    # the 版记: trailing rules and 抄送/印发 lines
    end = len(paras)
    while end > position:
        para = paras[end - 1]
        text = para.text.strip()
        if para.blank or text.startswith(("抄送", "抄报")) or text.endswith("印发") \
                or "主题词" in text:
            end -= 1
            continue
        break
    doc.record = [p for p in paras[end:] if not p.blank or p.borders]
    # attachments and the 法律依据 appendix split the rest
    starts = [i for i in range(position, end) if ATTACHMENT_LABEL.match(paras[i].text.strip())
              or (paras[i].page_break_before and paras[i].text.strip() == "法律依据")
              or _issued_title(paras[i])]
    main_end = starts[0] if starts else end
    doc.main = paras[position:main_end]
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else end
        if _issued_title(paras[start]):
            doc.issued.append((paras[start], paras[start + 1:stop]))
            continue
        if not ATTACHMENT_LABEL.match(paras[start].text.strip()):
            continue
        title_at = _next_text(paras, start + 1)
        title = paras[title_at] if title_at is not None and title_at < stop else None
        body_from = title_at + 1 if title is not None and title_at is not None else start + 1
        doc.attachments.append((paras[start], title, paras[body_from:stop]))
    _closing(doc)
    return doc


def _closing(doc: Parsed) -> None:
    """附件说明, signature, date and 附注 at the end of the main part."""
    texts = [p for p in doc.main if not p.blank]
    for index, para in enumerate(texts):
        if para.text.strip().startswith(("附件：", "附件:")):
            doc.notes = [para]
            for follower in texts[index + 1:]:
                if re.match(r"^\d+[.．、]", follower.text.strip()) and not follower.first_line_chars:
                    doc.notes.append(follower)
                else:
                    break
            break
    for index in range(len(texts) - 1, -1, -1):
        if dates.DATE_LIKE.fullmatch(texts[index].text.strip()):
            doc.date = texts[index]
            if index and texts[index - 1] not in doc.notes:
                doc.signature = texts[index - 1]
            if index + 1 < len(texts) and texts[index + 1].text.strip()[:1] in "（(":
                doc.annotation = texts[index + 1]
            break


# ---------------------------------------------------------------- page P1–P6
def _sections(doc: Parsed):
    return doc.document.sections


@rule("P1", "纸张 A4")
def p1(doc: Parsed) -> Outcome:
    return [f"第{i}节纸张 {_twips(s.page_width)}×{_twips(s.page_height)} twips，"
            f"应为 A4 {L.PAGE_WIDTH}×{L.PAGE_HEIGHT}"
            for i, s in enumerate(_sections(doc), 1)
            if not (_near(_twips(s.page_width), L.PAGE_WIDTH, 20)
                    and _near(_twips(s.page_height), L.PAGE_HEIGHT, 20))]


@rule("P2", "页边距/版心")
def p2(doc: Parsed) -> Outcome:
    problems = []
    for i, s in enumerate(_sections(doc), 1):
        for name, value, target in (("上", s.top_margin, L.MARGIN_TOP),
                                    ("下", s.bottom_margin, L.MARGIN_BOTTOM),
                                    ("左", s.left_margin, L.MARGIN_LEFT),
                                    ("右", s.right_margin, L.MARGIN_RIGHT)):
            if value is None or not _near(value.twips, target, L.MARGIN_TOLERANCE):
                got = f"{value.mm:.1f}" if value is not None else "?"
                problems.append(f"第{i}节{name}边距 {got} mm，应为 {target / L.TWIPS_PER_MM:.0f} mm")
    return problems


@rule("P3", "每页22行")
def p3(doc: Parsed) -> Outcome:
    problems = []
    for i, s in enumerate(_sections(doc), 1):
        grid = s._sectPr.find(qn("w:docGrid"))
        pitch = int(grid.get(qn("w:linePitch"), "0")) if grid is not None else 0
        if grid is None or grid.get(qn("w:type")) not in ("lines", "linesAndChars") \
                or not _near(pitch, L.LINE_PITCH, 2):
            problems.append(f"第{i}节未设每页{L.LINES_PER_PAGE}行的文档网格（linePitch={pitch}，应为{L.LINE_PITCH}）")
    spaced = [p for p in doc.body() if p.line is not None and not _near(p.line, L.LINE_PITCH, 2)]
    if spaced:
        problems.append(f"{len(spaced)}段正文行距不是 {L.LINE_PITCH / 20:g} 磅（如“{spaced[0].text[:12]}”）")
    return problems


@rule("P4", "默认三号仿宋、黑色")
def p4(doc: Parsed) -> Outcome:
    problems = []
    for para in doc.body():
        for run in para.visible_runs():
            if run.size != L.BODY_PT:
                problems.append(f"正文“{para.text[:12]}”字号 {run.size} 磅，应为三号 {L.BODY_PT:g} 磅")
                break
            if run.color not in (None, "auto", "000000") and not run.highlight:
                problems.append(f"正文“{para.text[:12]}”不是黑色（{run.color}）")
                break
    styles = doc.document.styles.element
    lang = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if lang is None or lang.get(qn("w:eastAsia")) != "zh-CN":
        problems.append("文档默认语言未设 eastAsia=zh-CN")
    return problems[:5]


@rule("P5", "东亚字体、无主题字体")
def p5(doc: Parsed) -> Outcome:
    problems = []
    styles = doc.document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        if any(fonts.get(qn(attr)) for attr in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme")):
            problems.append("样式中仍有主题字体（eastAsiaTheme/asciiTheme），会覆盖所设字体")
            break
    for para in doc.paras:
        if any(run.east_asia is None for run in para.visible_runs()
               if re.search(r"[\u4e00-\u9fff]", run.text)):
            problems.append(f"“{para.text[:12]}”的中文未设东亚字体（w:eastAsia）")
            break
    return problems


@rule("P6", "字体名称")
def p6(doc: Parsed) -> Outcome:
    unknown = sorted({name or "（无）" for para in doc.paras for name in para.fonts()
                      if L.font_family(name) is None})
    return [f"不是公文字体：{'、'.join(unknown)}"] if unknown else []


# ---------------------------------------------------------------- 版头 H1–H7
def _header_lines(doc: Parsed) -> list[Para]:
    return [p for p in doc.head if doc.mark is not None and p.index < doc.mark.index and not p.blank]


@rule("H1", "份号")
def h1(doc: Parsed) -> Outcome:
    if doc.mark is None:
        return "无版头"
    lines = [p for p in _header_lines(doc) if re.fullmatch(r"\d+", p.text.strip())]
    if not lines:
        return "无份号"
    para = lines[0]
    problems = []
    if len(para.text.strip()) != L.COPY_NO_DIGITS:
        problems.append(f"份号“{para.text.strip()}”应为六位阿拉伯数字")
    if para.align not in ("left", "both") or para.text_start() > 0:
        problems.append("份号应顶格居左")
    return problems


def _bold_line(doc: Parsed, words: tuple[str, ...], what: str) -> Outcome:
    if doc.mark is None:
        return "无版头"
    lines = [p for p in _header_lines(doc) if any(w in p.text for w in words)]
    if not lines:
        return f"无{what}"
    para = lines[0]
    problems = []
    if _families(para) != {"heiti"}:
        problems.append(f"{what}应为黑体")
    if para.sizes() != {L.BODY_PT}:
        problems.append(f"{what}应为三号")
    if para.align not in ("left", "both"):
        problems.append(f"{what}应顶格居左")
    return problems


@rule("H2", "密级")
def h2(doc: Parsed) -> Outcome:
    return _bold_line(doc, ("秘密", "机密", "绝密"), "密级")


@rule("H3", "紧急程度")
def h3(doc: Parsed) -> Outcome:
    return _bold_line(doc, ("特急", "加急", "特提", "平急"), "紧急程度")


def _mark_top(doc: Parsed) -> int | None:
    """Distance from the top of the 版心 to the top of the mark, when all lines above it
    have exact heights (the only case the file alone determines)."""
    assert doc.mark is not None
    top = 0
    for para in doc.paras[:doc.mark.index]:
        if para.line is None:
            return None
        top += para.before + para.line
    return top + doc.mark.before


@rule("H4", "发文机关标志")
def h4(doc: Parsed) -> Outcome:
    if doc.mark is None:
        return "无版头（非红头文件）"
    mark = doc.mark
    problems = []
    if not all(_red(run.color) for run in mark.visible_runs()):
        problems.append("发文机关标志应为红色")
    if mark.align != "center":
        problems.append("发文机关标志应居中")
    if _families(mark) != {"xiaobiaosong"}:
        problems.append(f"发文机关标志应为小标宋（现为 {'、'.join(map(str, mark.fonts()))}）")
    runs = mark.visible_runs()
    width = sum(L.text_width_chars(run.text) * (run.size or L.MARK_MAX_PT) * run.scale / 100
                for run in runs) * 20
    if width > L.TEXT_WIDTH:
        problems.append(f"发文机关标志宽 {_mm(width)}，超出版心 {_mm(L.TEXT_WIDTH)}")
    top = _mark_top(doc)
    if top is not None and not _near(top, L.MARK_TOP, L.mm(2)):
        problems.append(f"发文机关标志上边缘距版心上边缘 {_mm(top)}，应为 {_mm(L.MARK_TOP)}")
    return problems


@rule("H5", "发文字号")
def h5(doc: Parsed) -> Outcome:
    if doc.mark is None:
        return "无版头"
    if doc.number is None:
        return ["版头中没有发文字号"]
    para, text = doc.number, doc.number.text.split("\t")[0].strip() or doc.number.text.strip()
    problems = []
    number = text.split("签发人")[0].strip()
    if not re.search(docnumber.NUMBER_TAIL.pattern + "$", number):
        problems.append(f"发文字号“{number}”格式不对（应为 机关代字〔2022〕4号）")
    between = doc.paras[doc.mark.index + 1: para.index]
    if len([p for p in between if p.blank]) != L.BLANK_LINES_BEFORE_NUMBER or \
            any(not p.blank for p in between):
        problems.append("发文字号应在发文机关标志下空二行")
    if "签发人" not in para.text and para.align != "center":
        problems.append("发文字号应居中")
    if _families(para) - {"kaiti"} != {"fangsong"} or para.sizes() != {L.BODY_PT}:
        problems.append("发文字号应为三号仿宋")
    return problems


@rule("H6", "签发人")
def h6(doc: Parsed) -> Outcome:
    if doc.number is None or "签发人" not in doc.number.text:
        return "无签发人"
    para = doc.number
    problems = []
    after = para.text.split("签发人")[1]
    name_runs = [r for r in para.visible_runs() if r.text.strip() and r.text.strip() in after
                 and "签发人" not in r.text]
    if not name_runs or any(L.font_family(r.east_asia) != "kaiti" for r in name_runs):
        problems.append("签发人姓名应为三号楷体")
    if para.align == "center":
        problems.append("有签发人时发文字号应居左、签发人居右")
    return problems


@rule("H7", "红色分隔线")
def h7(doc: Parsed) -> Outcome:
    if doc.mark is None:
        return "无版头"
    if doc.red_rule is None:
        return ["发文字号下没有红色分隔线"]
    para = doc.red_rule
    size, _color, space = next(edge for edge in para.borders.values() if _red(edge[1]))
    problems = []
    if not L.RED_RULE_SZ_RANGE[0] <= size <= L.RED_RULE_SZ_RANGE[1]:
        problems.append(f"红色分隔线粗 {size / 8:.2f} 磅，常用 0.35–0.5 mm")
    if para.left or para.right:
        problems.append("红色分隔线应与版心等宽（段落不应缩进）")
    if not L.RED_RULE_GAP_RANGE_PT[0] <= space <= L.RED_RULE_GAP_RANGE_PT[1]:
        problems.append(f"红色分隔线距发文字号 {space} 磅，应约 4 mm（{L.RED_RULE_GAP_PT} 磅）")
    return problems


# ---------------------------------------------------------------- 主体 B1–B9
def _blank_run(paras: list[Para], start: int, stop: int) -> int:
    return sum(1 for p in paras[start:stop] if p.blank)


@rule("B1", "标题")
def b1(doc: Parsed) -> Outcome:
    if doc.title is None:
        return ["没有找到标题"]
    title = doc.title
    problems = []
    if _families(title) != {"xiaobiaosong"} or title.sizes() != {L.TITLE_PT}:
        problems.append("标题应为二号小标宋")
    if title.align != "center":
        problems.append("标题应居中")
    if doc.red_rule is not None:
        gap = doc.paras[doc.red_rule.index + 1: title.index]
        if len(gap) != L.BLANK_LINES_BEFORE_TITLE or any(not p.blank for p in gap):
            problems.append("标题应在红色分隔线下空二行")
    for line in title.text.split("\n"):
        if L.text_width_chars(line) > L.TITLE_CHARS_PER_LINE:
            problems.append(f"标题一行超过 {L.TITLE_CHARS_PER_LINE} 字：“{line}”，应按词意分行")
    return problems


@rule("B2", "主送机关")
def b2(doc: Parsed) -> Outcome:
    if doc.to is None:
        return "无主送机关"
    problems = []
    if doc.title is not None and _blank_run(doc.paras, doc.title.index + 1, doc.to.index) != 1:
        problems.append("主送机关应在标题下空一行")
    if doc.to.text_start() != 0 or doc.to.align not in ("left", "both"):
        problems.append("主送机关应顶格居左")
    if not doc.to.text.rstrip().endswith("："):
        problems.append("主送机关后应为全角冒号“：”")
    return problems


def _headings(doc: Parsed) -> list[tuple[int, Para]]:
    return [(level, para) for para in doc.body() for level, pattern in HEADING.items()
            if pattern.match(para.text.strip())]


@rule("B3", "正文")
def b3(doc: Parsed) -> Outcome:
    heads = {id(p) for _, p in _headings(doc)}
    problems = []
    for para in doc.body():
        if id(para) in heads or para in doc.record:
            continue
        if not _indented(para):
            problems.append(f"正文段“{para.text[:12]}”首行应缩进二字")
        elif _families(para) != {"fangsong"}:
            problems.append(f"正文段“{para.text[:12]}”应为仿宋")
        if len(problems) >= 3:
            break
    if doc.mark is not None and doc.title is not None:
        first = next((p for p in doc.main if not p.blank and p is not doc.to), None)
        heights = [p.before + p.line for p in doc.paras[:first.index + 1]
                   if p.line is not None] if first else []
        if first is None:
            problems.append("首页没有正文")
        elif len(heights) == first.index + 1 and sum(heights) > L.TEXT_HEIGHT:
            problems.append("首页显示不到正文")
    return problems


@rule("B4", "层次序数")
def b4(doc: Parsed) -> Outcome:
    problems = []
    for part in [doc.main] + [paras for _, _, paras in doc.attachments]:
        body = {id(p) for p in doc.body()}
        counters = [0, 0, 0, 0, 0]
        depth = 0
        for para in part:
            if id(para) not in body:
                continue
            if para.numbered:
                problems.append(f"“{para.text[:10]}”用了 Word 自动编号，层次序数应写成文字")
            found = next(((lv, m) for lv, pat in HEADING.items() if (m := pat.match(para.text.strip()))), None)
            if found is None:
                continue
            level, value = found[0], cn_to_int(found[1].group(1))
            if level > depth + 1:
                problems.append(f"“{para.text[:10]}”层次跳级（上一级是第{depth}层）")
            elif value != counters[level] + 1:
                problems.append(f"“{para.text[:10]}”序号不连续（应为第{counters[level] + 1}个）")
            counters[level] = value
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
            depth = level
            family = L.font_family(para.visible_runs()[0].east_asia)
            if family != L.HEADING_FONTS[level]:
                problems.append(f"“{para.text[:10]}”第{level}层序数应为"
                                f"{ {'heiti': '黑体', 'kaiti': '楷体', 'fangsong': '仿宋'}[L.HEADING_FONTS[level]]}")
            if para.sizes() != {L.BODY_PT}:
                problems.append(f"“{para.text[:10]}”层次序数应为三号")
    return problems


def _note_titles(doc: Parsed) -> list[str]:
    titles = []
    for index, para in enumerate(doc.notes):
        text = para.text.strip()
        if index == 0:
            text = re.sub(r"^附件[：:]", "", text)
        titles.append(re.sub(r"^\d+[.．、]", "", text).strip())
    return titles


@rule("B5", "附件说明")
def b5(doc: Parsed) -> Outcome:
    if not doc.notes:
        return "无附件说明" if not doc.attachments else ["有附件页但正文后没有附件说明"]
    first = doc.notes[0]
    problems = []
    if not _indented(first):
        problems.append("“附件：”应左空二字")
    if len(doc.notes) > 1:
        name_start = first.left
        for para in doc.notes[1:]:
            if not _near(para.text_start(), name_start, 40):
                problems.append(f"附件“{para.text[:8]}”应与第一个附件名称对齐")
                break
    before = doc.paras[first.index - 1] if first.index else None
    if before is None or not before.blank or doc.paras[first.index - 2].blank:
        problems.append("附件说明应在正文下空一行")
    return problems


@rule("B6", "署名和成文日期")
def b6(doc: Parsed) -> Outcome:
    if doc.date is None:
        return "无成文日期"
    date = doc.date
    problems = []
    width_date = L.text_width_chars(date.text.strip()) * L.CHAR
    date_start = date.right + width_date  # measured from the right edge of the 版心
    if date.align in ("left", "both") and date.text_start() > 0:  # placed by its start
        date_start = L.TEXT_WIDTH - date.text_start()
    if doc.signature is not None:
        sig = doc.signature
        sig_start = sig.right + L.body_width(sig.text.strip())
        offset_ok = _near(sig_start - date_start, L.DATE_OFFSET_CHARS * L.CHAR, 120)
        plain = _near(sig.right, L.SIGNATURE_RIGHT_CHARS * L.CHAR, 40) and offset_ok
        long_date = (_near(date.right, L.SIGNATURE_RIGHT_CHARS * L.CHAR, 40)
                     or date.align != "right") and offset_ok
        sealed = date.align == "right" and _near(date.right, L.SEAL_DATE_RIGHT_CHARS * L.CHAR, 40) and \
            _near(sig.right + sig_start, date.right + date_start, 120)
        if not (plain or long_date or sealed):
            problems.append("署名应右空二字，成文日期首字比署名首字右移二字")
    if date.align != "right" and date.text_start() == 0:
        problems.append("成文日期位置不对")
    return problems


@rule("B7", "成文日期格式")
def b7(doc: Parsed) -> Outcome:
    if doc.date is None:
        return "无成文日期"
    text = doc.date.text.strip()
    return [] if dates.GBT_DATE.fullmatch(text) else [f"成文日期“{text}”应写作 2022年1月20日（阿拉伯数字、不编虚位）"]


@rule("B8", "附注")
def b8(doc: Parsed) -> Outcome:
    if doc.annotation is None:
        return "无附注"
    para, text = doc.annotation, doc.annotation.text.strip()
    problems = []
    if not (text.startswith("（") and text.endswith("）")):
        problems.append(f"附注“{text}”应加全角圆括号")
    if not _indented(para):
        problems.append("附注应左空二字")
    return problems


@rule("B9", "附件")
def b9(doc: Parsed) -> Outcome:
    if not doc.attachments:
        return "无附件页"
    problems = []
    multiple = len(doc.attachments) > 1
    for number, (label, title, _) in enumerate(doc.attachments, 1):
        expected = f"附件{number}" if multiple else "附件"
        if label.text.strip().replace(" ", "") != expected:
            problems.append(f"附件标识“{label.text.strip()}”应为“{expected}”")
        if _families(label) != {"heiti"} or label.text_start() != 0:
            problems.append(f"“{label.text.strip()}”应为三号黑体、顶格")
        if not (label.page_break_before or doc.paras[label.index - 1].has_break):
            problems.append(f"“{label.text.strip()}”应另面编排")
        if title is None:
            problems.append(f"“{label.text.strip()}”后没有附件标题")
            continue
        if title.index - label.index != L.ATTACHMENT_TITLE_LINE - 1:
            problems.append(f"“{label.text.strip()}”的标题应在版心第三行")
        if title.align != "center" or _families(title) != {"xiaobiaosong"}:
            problems.append(f"“{label.text.strip()}”的标题应居中、二号小标宋")
    return problems


# ---------------------------------------------------------------- 版记 V1–V3, N1
def _record_text(doc: Parsed, start: str) -> Para | None:
    return next((p for p in doc.record if p.text.strip().startswith(start)), None)


@rule("V1", "版记分隔线")
def v1(doc: Parsed) -> Outcome:
    if not doc.record:
        return ["有版头的文件缺少版记（抄送、印发机关和印发日期）"] if doc.mark is not None else "无版记"
    problems = []
    rules = [p for p in doc.record if "bottom" in p.borders or "top" in p.borders]
    sizes = []
    for para in doc.record:
        for side in ("top", "bottom"):
            if side in para.borders:
                sizes.append(para.borders[side][0])
                if para.left > 0 or para.right > 0:
                    problems.append("版记分隔线应与版心等宽")
    if len(sizes) < 2:
        problems.append("版记应有首末两条粗分隔线")
    else:
        if sizes[0] < L.RECORD_THICK_SZ or sizes[-1] < L.RECORD_THICK_SZ:
            problems.append("版记首条和末条分隔线应为粗线（0.35 mm）")
        if any(size > L.RECORD_THIN_SZ for size in sizes[1:-1]):
            problems.append("版记中间的分隔线应为细线（0.25 mm）")
    last = doc.record[-1]
    if rules and last not in rules:
        problems.append("末条分隔线应在版记最后（印发机关和日期之下）")
    return sorted(set(problems), key=problems.index)


@rule("V2", "抄送")
def v2(doc: Parsed) -> Outcome:
    para = _record_text(doc, "抄送")
    if para is None:
        return "无抄送"
    problems = []
    text = para.text.strip()
    if not text.startswith("抄送："):
        problems.append("“抄送”后应为全角冒号")
    if not text.endswith("。"):
        problems.append("抄送机关最后应标句号")
    if para.sizes() != {L.RECORD_PT}:
        problems.append("抄送应为四号仿宋")
    if not (_near(para.text_start(), L.RECORD_CHAR, 40) and _near(para.right, L.RECORD_CHAR, 40)):
        problems.append("抄送应左右各空一字")
    return problems


@rule("V3", "印发机关和日期")
def v3(doc: Parsed) -> Outcome:
    para = next((p for p in doc.record if p.text.strip().endswith("印发")), None)
    if para is None:
        if doc.mark is not None:
            return ["有版头的文件缺少印发机关和印发日期（“××印发”一行）"]
        return "无印发机关和印发日期"
    problems = []
    parts = [part.strip() for part in para.text.split("\t") if part.strip()]
    date = parts[-1][:-2] if parts else ""
    if not dates.GBT_DATE.fullmatch(date):
        problems.append(f"印发日期“{date}”应写作 2022年1月20日")
    if para.sizes() != {L.RECORD_PT}:
        problems.append("印发机关和印发日期应为四号仿宋")
    if not _near(para.text_start(), L.RECORD_CHAR, 40):
        problems.append("印发机关应左空一字")
    if len(parts) < 2 or "\t" not in para.text:
        problems.append("印发日期应右空一字编排（与印发机关同行）")
    return problems


def _has_page_field(paras: list[Para]) -> bool:
    for para in paras:
        element = para.element
        if any("PAGE" in (f.get(qn("w:instr")) or "") for f in element.iter(qn("w:fldSimple"))):
            return True
        if any("PAGE" in (t.text or "") for t in element.iter(qn("w:instrText"))):
            return True
    return False


def _page_footers(doc: Parsed):
    """(odd footer paragraphs, even footer paragraphs) of the first section."""
    section = doc.document.sections[0]
    odd = footer_paragraphs(doc.document, section.footer._element) \
        if not section.footer.is_linked_to_previous else []
    even = footer_paragraphs(doc.document, section.even_page_footer._element) \
        if not section.even_page_footer.is_linked_to_previous else []
    return odd, even


@rule("N1", "页码")
def n1(doc: Parsed) -> Outcome:
    problems = []
    if not doc.document.settings.odd_and_even_pages_header_footer:
        problems.append("未设奇偶页不同页脚（evenAndOddHeaders）")
    odd, even = _page_footers(doc)
    for name, paras, align in (("奇数页", odd, "right"), ("偶数页", even, "left")):
        text_paras = [p for p in paras if _has_page_field([p])]
        if not text_paras:
            problems.append(f"{name}页脚没有页码域（PAGE）")
            continue
        para = text_paras[0]
        if not re.fullmatch(r"— *\S+ *—", para.text.strip()):
            problems.append(f"{name}页码应为“— 1 —”（一字线）")
        if para.sizes() - {None} != {L.PAGE_NUMBER_PT}:
            problems.append(f"{name}页码应为四号")
        if para.align == align:
            edge = para.right if align == "right" else para.left
            if not _near(edge, L.PAGE_NUMBER_INDENT, 60):
                problems.append(f"{name}页码应{'右' if align == 'right' else '左'}空一字")
    section = doc.document.sections[0]
    distance = section.footer_distance
    if distance is None or not _near(distance.twips, L.FOOTER_DISTANCE, L.mm(1.5)):
        got = f"{distance.mm:.1f}" if distance is not None else "?"
        problems.append(f"页码应在版心下边缘之下 {L.PAGE_NUMBER_GAP_MM} mm（页脚距边界 {got} mm）")
    if len(doc.document.sections) > 1 and doc.record:
        last = doc.document.sections[-1]
        own = [getattr(last, a) for a in ("footer", "even_page_footer")
               if not getattr(last, a).is_linked_to_previous]
        if len(own) < 2 or any(_has_page_field(footer_paragraphs(doc.document, f._element))
                               for f in own):
            problems.append("版记页不应有页码")
    return problems


# ---------------------------------------------------------------- drafting mistakes M1–M9
@rule("M1", "文号写法")
def m1(doc: Parsed) -> Outcome:
    problems = []
    for para in doc.paras:
        for match in docnumber.NUMBER_LIKE.finditer(para.text):
            text = match.group(0)
            if docnumber.NUMBER_TAIL.fullmatch(text):
                continue
            reasons = []
            if text[0] != "〔":
                reasons.append("年份应用六角括号〔〕")
            if docnumber.SHORT_YEAR.search(text):
                reasons.append("年份应写全四位")
            if "第" in text:
                reasons.append("不加“第”")
            if re.search(r"[\]】）)〕]\s*0", text):
                reasons.append("序号不编虚位")
            if not text.endswith("号"):
                reasons.append("缺“号”")
            problems.append(f"文号“{text}”：{'，'.join(reasons) or '格式不对'}")
    return problems


@rule("M2", "层次序数写法")
def m2(doc: Parsed) -> Outcome:
    problems = []
    for para in doc.body():
        for pattern, message in headings.MISWRITTEN:
            if pattern.match(para.text.strip()):
                problems.append(f"“{para.text[:10]}”：{message}")
    return problems


@rule("M3", "日期写法")
def m3(doc: Parsed) -> Outcome:
    problems = []
    for para in doc.paras:
        text = para.text
        for bad, message in dates.MISWRITTEN:
            found = bad.search(text)
            if found:
                problems.append(f"“{found.group(0)}”：{message}")
    if doc.date is not None and not doc.date.text.strip().endswith("日"):
        problems.append("成文日期缺“日”")
    return problems


@rule("M4", "附件说明写法")
def m4(doc: Parsed) -> Outcome:
    if not doc.notes:
        return "无附件说明"
    problems = []
    first = doc.notes[0].text.strip()
    if first.startswith("附件:"):
        problems.append("“附件”后应为全角冒号")
    if _indent_chars(doc.notes[0]) < 1:
        problems.append("附件说明不应顶格")
    numbers = [re.match(r"^(?:附件[：:])?\s*(\d+)([.．、])?", p.text.strip()) for p in doc.notes]
    if len(doc.notes) == 1 and numbers[0] and numbers[0].group(1):
        problems.append("只有一个附件时不编序号")
    for match in numbers:
        if len(doc.notes) > 1 and match and match.group(2) in ("、",):
            problems.append(f"附件序号“{match.group(1)}、”应为“{match.group(1)}.”")
    titles = _note_titles(doc)
    for title in titles:
        if title.startswith("《") or title.endswith("》"):
            problems.append(f"附件名称“{title}”不加书名号")
        if title and title[-1] in TRAILING_PUNCT:
            problems.append(f"附件名称“{title}”后不加标点")
    if doc.attachments:
        pages = [re.sub(r"\s", "", t.text) if t else "" for _, t, _ in doc.attachments]
        if len(pages) != len(titles):
            problems.append(f"附件说明列 {len(titles)} 件，附件页有 {len(pages)} 件")
        else:
            for number, (note, page) in enumerate(zip(titles, pages, strict=True), 1):
                if re.sub(r"[\s《》]", "", note) != page.replace("《", "").replace("》", ""):
                    problems.append(f"附件{number}名称与附件页标题不一致")
    return problems


@rule("M5", "署名日期位置")
def m5(doc: Parsed) -> Outcome:
    if doc.date is None:
        return "无署名和成文日期"
    problems = []
    if doc.date.align == "right" and doc.date.right == 0:
        problems.append("成文日期只是简单右对齐，应按规则右空")
    if doc.signature is not None and doc.signature.align == "right" and doc.signature.right == 0:
        problems.append("署名只是简单右对齐，应右空二字")
    start = (doc.signature or doc.date).index
    blanks = 0
    for para in reversed(doc.paras[:start]):
        if not para.blank:
            break
        blanks += 1
    if blanks > 1:
        problems.append(f"正文（或附件说明）与署名之间空了 {blanks} 行，应空一行")
    return problems


@rule("M6", "页码写法")
def m6(doc: Parsed) -> Outcome:
    odd, even = _page_footers(doc)
    problems = []
    for para in odd + even:
        text = para.text.strip()
        if re.fullmatch(r"-\s*\S+\s*-", text):
            problems.append(f"页码“{text}”应用一字线“— 1 —”")
        if re.search(r"第\s*\S+\s*页", text):
            problems.append(f"页码“{text}”不写“第…页”")
        if text and para.align == "center":
            problems.append("页码不应居中（单页居右、双页居左）")
    odd_align = next((p.align for p in odd if p.text.strip()), None)
    even_align = next((p.align for p in even if p.text.strip()), None)
    if odd_align and even_align and odd_align == even_align:
        problems.append("单双页页码位置相同，应单页居右、双页居左")
    return sorted(set(problems), key=problems.index)


@rule("M7", "主送/抄送标点")
def m7(doc: Parsed) -> Outcome:
    problems = []
    if doc.to is not None and doc.to.text.rstrip().endswith(":"):
        problems.append("主送机关后用了半角冒号“:”")
    copy = _record_text(doc, "抄送")
    if copy is not None:
        if not copy.text.strip().endswith("。"):
            problems.append("抄送机关最后缺句号")
        if L.BODY_PT in copy.sizes():
            problems.append("抄送用了三号字，应为四号")
    return problems


@rule("M8", "1999年格式遗留")
def m8(doc: Parsed) -> Outcome:
    problems = []
    for para in doc.paras:
        text = para.text.strip()
        if text.startswith("主题词"):
            problems.append("1999 年格式遗留：主题词（已取消）")
        if text.startswith("抄报"):
            problems.append("1999 年格式遗留：抄报（应统一为抄送）")
    for para in _header_lines(doc):
        if re.fullmatch(r"\d{7}", para.text.strip()):
            problems.append("份号为七位数字（1999 年格式），应为六位")
    return problems


@rule("M9", "标题与标点")
def m9(doc: Parsed) -> Outcome:
    problems = []
    if doc.title is not None:
        text = doc.title.text.strip()
        if text and text[-1] in TRAILING_PUNCT:
            problems.append("标题末尾不加标点")
        if any(run.bold for run in doc.title.visible_runs()):
            problems.append("标题不应加粗")
        if any(_red(run.color) for run in doc.title.visible_runs()):
            problems.append("标题不应为红色")
    for para in doc.paras:
        found = half_width_mark(para.text)
        if found:
            problems.append(f"中文中用了半角标点“{found}”（GB/T 15834）")
            if len(problems) > 6:
                break
    return problems


LEFT_MARKS = re.compile(r"〔(?:未核实|请核对)[^〕]*〕")


@rule("M10", "未核实标记与高亮")
def m10(doc: Parsed) -> Outcome:
    """〔未核实〕/〔请核对〕 marks and highlighted text are notes to the drafter: a document
    that still has them is not ready to be signed."""
    problems = []
    for para in doc.paras + _table_paragraphs(doc):
        found = LEFT_MARKS.search(para.text)
        if found:
            problems.append(f"仍有待核实标记“{found.group(0)[:20]}”")
        elif any(run.highlight and run.highlight != "none" for run in para.visible_runs()):
            problems.append(f"“{para.text[:12]}”仍有突出显示（高亮）的文字")
        if len(problems) >= 5:
            break
    return problems


def _table_paragraphs(doc: Parsed) -> list[Para]:
    chain = StyleChain(doc.document)
    cells = doc.document.element.body.iter(qn("w:tc"))
    return [paragraph_view(chain, -1, p) for tc in cells for p in tc.iter(qn("w:p"))]


def check_format(path: Path) -> list[FormatResult]:
    """Check a .docx against GB/T 9704-2012 (see ../shared/docs/GBT9704.md)."""
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several unrelated types on bad input
        raise SourceError(f"无法读取 .docx：{path}（{error}）") from error
    doc = parse(document)
    results = []
    for entry in RULES:
        outcome = entry.check(doc)
        if isinstance(outcome, str):
            results.append(FormatResult(entry.code, True, f"{entry.name}：不适用（{outcome}）"))
        elif outcome:
            results.append(FormatResult(entry.code, False, f"{entry.name}：{'；'.join(outcome)}"))
        else:
            results.append(FormatResult(entry.code, True, f"{entry.name}：符合"))
    return results
