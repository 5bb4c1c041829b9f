"""A read-only view of a .docx for the format rules: every paragraph with its *effective*
properties (run → paragraph style chain → docDefaults), so documents from Word or WPS
that format through styles are judged the same as ours that format runs directly."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

W_VAL = qn("w:val")


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(float(value)) if value is not None else default
    except ValueError:
        return default


@dataclass(slots=True)
class Run:
    text: str
    east_asia: str | None
    size: float | None  # pt
    bold: bool
    color: str | None
    highlight: str | None
    scale: int


@dataclass(slots=True)
class Para:
    """One paragraph with the properties the rules read (lengths in twips)."""

    index: int
    text: str
    runs: list[Run]
    style: str | None
    align: str
    left: int
    right: int
    first_line: int  # negative: hanging
    first_line_chars: int | None
    line: int | None  # exact/at-least line height, None when auto
    before: int
    borders: dict[str, tuple[int, str, int]]  # side → (sz, colour, space)
    page_break_before: bool
    numbered: bool  # Word auto-numbering (numPr)
    has_break: bool  # contains a page break run
    element: Any = field(repr=False, default=None)  # the lxml w:p element
    #: outline level 0–8 (a heading of the navigation pane), directly or by style; None for text
    outline: int | None = None

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def visible_runs(self) -> list[Run]:
        return [run for run in self.runs if run.text.strip()]

    def sizes(self) -> set[float | None]:
        return {run.size for run in self.visible_runs()}

    def fonts(self) -> set[str | None]:
        return {run.east_asia for run in self.visible_runs()}

    def text_start(self) -> int:
        """Where the first line's text starts, from the left margin."""
        return self.left + self.first_line


class StyleChain:
    """Resolves a property through a style's basedOn chain and the document defaults."""

    def __init__(self, document: DocxDocument):
        root = document.styles.element
        self.styles = {el.get(qn("w:styleId")): el for el in root.findall(qn("w:style"))}
        defaults = root.find(qn("w:docDefaults"))
        self.default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") \
            if defaults is not None else None
        self.default_ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") \
            if defaults is not None else None
        self.default_para = next((sid for sid, el in self.styles.items()
                                  if el.get(qn("w:type")) == "paragraph"
                                  and el.get(qn("w:default")) in ("1", "true")), None)

    def chain(self, style_id: str | None) -> list:
        """Style elements from the paragraph's own style up to the root."""
        result, seen = [], set()
        current = style_id or self.default_para
        while current and current in self.styles and current not in seen:
            seen.add(current)
            style = self.styles[current]
            result.append(style)
            based = style.find(qn("w:basedOn"))
            current = based.get(W_VAL) if based is not None else None
        return result

    def find(self, style_id: str | None, container: str, tag: str, direct=None):
        """The first `tag` element found in `direct`, then the style chain, then defaults."""
        candidates = [direct] if direct is not None else []
        candidates += [style.find(qn(container)) for style in self.chain(style_id)]
        candidates.append(self.default_rpr if container == "w:rPr" else self.default_ppr)
        for holder in candidates:
            if holder is not None:
                found = holder.find(qn(tag))
                if found is not None:
                    return found
        return None


def _run(chain: StyleChain, style: str | None, r) -> Run:
    rpr = r.find(qn("w:rPr"))

    def get(tag: str):
        return chain.find(style, "w:rPr", tag, rpr)

    fonts = get("w:rFonts")
    size = get("w:sz")
    bold = get("w:b")
    color = get("w:color")
    highlight = get("w:highlight")
    scale = get("w:w")
    pieces = []
    for child in r:
        if child.tag == qn("w:t"):
            pieces.append(child.text or "")
        elif child.tag == qn("w:tab"):
            pieces.append("\t")
        elif child.tag == qn("w:br") and child.get(qn("w:type")) not in ("page", "column"):
            pieces.append("\n")
    text = "".join(pieces)
    return Run(
        text=text,
        east_asia=fonts.get(qn("w:eastAsia")) if fonts is not None else None,
        size=_int(size.get(W_VAL)) / 2 if size is not None else None,
        bold=bold is not None and bold.get(W_VAL) not in ("0", "false"),
        color=color.get(W_VAL) if color is not None else None,
        highlight=highlight.get(W_VAL) if highlight is not None else None,
        scale=_int(scale.get(W_VAL), 100) if scale is not None else 100,
    )


def paragraph_view(chain: StyleChain, index: int, p) -> Para:
    ppr = p.find(qn("w:pPr"))
    style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
    style = style_el.get(W_VAL) if style_el is not None else None

    def get(tag: str):
        return chain.find(style, "w:pPr", tag, ppr)

    runs = [_run(chain, style, r) for r in p.iter(qn("w:r"))]
    jc, ind, spacing = get("w:jc"), get("w:ind"), get("w:spacing")
    borders: dict[str, tuple[int, str, int]] = {}
    pbdr = get("w:pBdr")
    if pbdr is not None:
        for edge in pbdr:
            if edge.get(W_VAL) not in (None, "nil", "none"):
                side = edge.tag.split("}")[1]
                borders[side] = (_int(edge.get(qn("w:sz"))), (edge.get(qn("w:color")) or "auto")
                                 .upper(), _int(edge.get(qn("w:space"))))
    first_line, chars = 0, None
    left = right = 0
    if ind is not None:
        left = _int(ind.get(qn("w:left")) or ind.get(qn("w:start")))
        right = _int(ind.get(qn("w:right")) or ind.get(qn("w:end")))
        if ind.get(qn("w:hanging")) is not None:
            first_line = -_int(ind.get(qn("w:hanging")))
        else:
            first_line = _int(ind.get(qn("w:firstLine")))
            if ind.get(qn("w:firstLineChars")) is not None:
                chars = _int(ind.get(qn("w:firstLineChars")))
    line = None
    before = 0
    if spacing is not None:
        before = _int(spacing.get(qn("w:before")))
        if spacing.get(qn("w:lineRule")) in ("exact", "atLeast"):
            line = _int(spacing.get(qn("w:line")))
    page_break = get("w:pageBreakBefore")
    level = get("w:outlineLvl")
    outline = _int(level.get(W_VAL), 9) if level is not None else 9
    return Para(
        index=index,
        text="".join(run.text for run in runs),
        runs=runs,
        style=style,
        align={"start": "left", "end": "right", "distribute": "both"}.get(
            jc.get(W_VAL) if jc is not None else "left", jc.get(W_VAL) if jc is not None else "left"),
        left=left, right=right, first_line=first_line, first_line_chars=chars,
        line=line, before=before, borders=borders,
        page_break_before=page_break is not None and page_break.get(W_VAL) not in ("0", "false"),
        numbered=get("w:numPr") is not None,
        has_break=any(br.get(qn("w:type")) == "page" for br in p.iter(qn("w:br"))),
        element=p,
        outline=outline if 0 <= outline <= 8 else None,
    )


def paragraphs(document: DocxDocument) -> list[Para]:
    """Body paragraphs in order (table cells excluded: the rules are about running text)."""
    chain = StyleChain(document)
    body = document.element.body
    return [paragraph_view(chain, index, p) for index, p in enumerate(body.iterchildren(qn("w:p")))]


def footer_paragraphs(document: DocxDocument, element) -> list[Para]:
    """Paragraphs of a header/footer part's root element."""
    chain = StyleChain(document)
    return [paragraph_view(chain, index, p) for index, p in enumerate(element.iter(qn("w:p")))]
