"""Markdown body → outline: headings numbered 一、/（一）/1./（1） (B4), paragraphs, tables.

Numbers are written as text (never Word auto-numbering). A drafter who typed a number
gets it checked against its position and replaced, never doubled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from policydocs.errors import DraftError
from policydocs.text.headings import TYPED, label
from policydocs.text.numerals import cn_to_int


@dataclass(slots=True)
class Heading:
    level: int
    text: str  # without the number
    label: str  # 一、 / （一） / 1. / （1）
    line: int


@dataclass(slots=True)
class Paragraph:
    text: str
    line: int


@dataclass(slots=True)
class Table:
    rows: list[list[str]]  # first row is the header
    line: int


Block = Heading | Paragraph | Table


@dataclass(slots=True)
class Outline:
    blocks: list[Block] = field(default_factory=list)

    def sections(self) -> dict[str, list[Block]]:
        """Top-level heading text → the blocks under it (for kinds with fixed sections)."""
        result: dict[str, list[Block]] = {}
        current: list[Block] | None = None
        for block in self.blocks:
            if isinstance(block, Heading) and block.level == 1:
                current = result.setdefault(block.text, [])
            elif current is not None:
                current.append(block)
        return result




def strip_typed_number(text: str, level: int, expected: int, line: int) -> str:
    """Remove a number the drafter typed, after checking it is the right one."""
    for pattern, typed_level in TYPED:
        match = pattern.match(text)
        if not match:
            continue
        typed = match.group(0).strip()
        if typed_level != level:
            raise DraftError(f"第{line}行：标题“{text}”的编号“{typed}”属于第{typed_level}层，"
                             f"但用了 {'#' * level}（第{level}层，应为“{label(level, expected)}”）")
        value = cn_to_int(match.group(1))
        if value != expected:
            raise DraftError(f"第{line}行：标题编号“{typed}”与位置不符，应为“{label(level, expected)}”")
        return text[match.end():].strip()
    return text


def _inline_text(token) -> str:
    """Plain text of an inline token: emphasis dropped, soft breaks joined without spaces."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()


_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")


def parse(markdown: str, *, first_line: int = 1) -> Outline:
    """Parse a Markdown body into an outline; raises DraftError on a skipped heading level
    or a wrongly typed heading number (line numbers refer to the source file)."""
    tokens = _PARSER.parse(markdown)
    outline = Outline()
    counters = [0, 0, 0, 0, 0]
    depth = 0
    index = 0
    list_numbers: list[int | None] = []
    while index < len(tokens):
        token = tokens[index]
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "heading_open":
            level = min(int(token.tag[1]), 4)
            if level > depth + 1:
                raise DraftError(f"第{line}行：标题层级跳级（{'#' * level} 前没有 {'#' * (depth + 1)}）")
            counters[level] += 1
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
            depth = level
            text = strip_typed_number(_inline_text(tokens[index + 1]), level, counters[level], line)
            outline.blocks.append(Heading(level, text, label(level, counters[level]), line))
            index += 3
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1) if token.type == "ordered_list_open" else None
            list_numbers.append(start)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_numbers.pop()
        elif token.type == "list_item_open" and list_numbers and list_numbers[-1] is not None:
            token.meta["number"] = list_numbers[-1]
            list_numbers[-1] += 1
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            text = _inline_text(token)
            number = _item_number(tokens, index)
            if number is not None:
                text = f"{number}.{text}"
            if text:
                outline.blocks.append(Paragraph(text, line))
        elif token.type == "table_open":
            index = _table(tokens, index, outline, line)
            continue
        elif token.type in ("fence", "code_block", "html_block"):
            for offset, text in enumerate(token.content.splitlines()):
                if text.strip():
                    outline.blocks.append(Paragraph(text.strip(), line + offset))
        index += 1
    return outline


def _item_number(tokens, index: int) -> int | None:
    """The number of the ordered-list item whose first paragraph is at `index`."""
    if index >= 2 and tokens[index - 2].type == "list_item_open":
        return tokens[index - 2].meta.get("number")
    return None


def _table(tokens, index: int, outline: Outline, line: int) -> int:
    rows: list[list[str]] = []
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            rows[-1].append(_inline_text(token))
        index += 1
    outline.blocks.append(Table(rows, line))
    return index + 1
