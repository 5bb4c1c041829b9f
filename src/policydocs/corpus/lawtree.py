"""Split the body of a law into its clause tree: 编/章/节 headings, 条, 款, 项, 目.

Input is a list of normalised lines (Markdown headings allowed, blank lines ignored), as they
come from LawRefBook Markdown, a .docx from 国家法律法规数据库 or plain text. Output is a flat
list of `Clause`s: one per 条, one per 款 when an article has several, one per 项 and 目.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from policydocs.model import Clause, ClauseRef
from policydocs.text.headings import ITEM
from policydocs.text.numerals import CN_SMALL_NUMERAL_CHARS, NUMERAL_PATTERN, cn_to_int

_HEADING = re.compile(rf"^#*\s*(第(?:{NUMERAL_PATTERN})[编章节])(?:\s*(.*))?$")
_PLAIN_HEADING_HASH = re.compile(r"^#+\s*(.+)$")
_ARTICLE = re.compile(rf"^第({NUMERAL_PATTERN})条(?:之([{CN_SMALL_NUMERAL_CHARS}]+))?"
                      r"(?:\s+|(?=[\u3400-\u9fff“（])|$)(.*)$")
_ITEM = re.compile(rf"{ITEM.pattern}\s*(.*)$")
_SUBITEM = re.compile(r"^(?:([0-9]+)[.、]|（([0-9]+)）|\(([0-9]+)\))\s*(.*)$")

#: the chapter of a law that punishes breaches: 法律责任, 罚则, or one named for its 处罚
#: (第五章 处罚, 奖励与处罚, 违法行为及其处罚), not one on the procedure (处罚程序,
#: 行政处罚的决定). The one definition: clause kinds here, duty → penalty links in kb/links.
PENALTY_CHAPTER = re.compile(r"法律责任|罚\s*则|(?:^第\S+[编章节]\s*|[与和及、]|其)处罚$")
_PENALTY_TEXT = re.compile(r"处[^。；]{0,40}罚款|责令[^。；]{0,20}(?:停产停业|停止|改正)|吊销|追究刑事责任"
                           r"|没收违法所得|给予[^。；]{0,10}处分|予以处罚|拘留")
_DEFINITION_TEXT = re.compile(r"是指|下列用语的含义|本法所称|本条例所称|本规定所称|本办法所称|含义是")
_DUTY_TEXT = re.compile(r"应当|必须|不得|禁止|严禁|负有下列|负责|职责")


@dataclass(slots=True)
class _Paragraph:
    text: str
    items: list[tuple[str, list[str]]] = field(default_factory=list)  # (item text, subitems)


@dataclass(slots=True)
class _Article:
    number: int
    headings: tuple[str, ...]
    paragraphs: list[_Paragraph]


def in_penalty_chapter(headings: Iterable[str]) -> bool:
    """Whether a clause under these headings (编, 章, 节) is in the penalty chapter."""
    return any(PENALTY_CHAPTER.search(heading) for heading in headings)


def classify(text: str, headings: tuple[str, ...]) -> str:
    """duty / penalty / definition / other, from the chapter heading and the wording."""
    if in_penalty_chapter(headings) or _PENALTY_TEXT.search(text):
        return "penalty"
    if _DEFINITION_TEXT.search(text):
        return "definition"
    if _DUTY_TEXT.search(text):
        return "duty"
    return "other"


def _heading_rank(heading: str) -> int:
    return {"编": 0, "章": 1, "节": 2}.get(heading.split(" ")[0][-1:], 1)


def _parse_articles(lines: list[str]) -> list[_Article]:
    articles: list[_Article] = []
    headings: list[str] = []
    current: _Article | None = None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            title = " ".join(part for part in heading.groups() if part)
            rank = _heading_rank(title)
            headings = [h for h in headings if _heading_rank(h) < rank] + [title]
            current = None
            continue
        if line.startswith("#"):
            # a non-numbered heading (附则 in some texts, 序言): keep it as context only
            match = _PLAIN_HEADING_HASH.match(line)
            headings = [match.group(1).strip()] if match else headings
            current = None
            continue
        article = _ARTICLE.match(line)
        if article:
            if article.group(2):  # 第一百二十条之一: not addressable by number; fold into context
                current = None
                continue
            number = cn_to_int(article.group(1))
            current = _Article(number, tuple(headings), [_Paragraph(article.group(3).strip())])
            articles.append(current)
            continue
        if current is None:
            continue  # preamble text before the first article
        last = current.paragraphs[-1]
        item = _ITEM.match(line)
        if item:
            last.items.append((line, []))
            continue
        sub = _SUBITEM.match(line)
        if sub and last.items:
            last.items[-1][1].append(line)
            continue
        if not last.text and not last.items:
            last.text = line
        else:
            current.paragraphs.append(_Paragraph(line))
    return articles


def _paragraph_text(paragraph: _Paragraph) -> str:
    lines = [paragraph.text] if paragraph.text else []
    for item_text, subitems in paragraph.items:
        lines.append(item_text)
        lines.extend(subitems)
    return "\n".join(lines)


def build_law_clauses(doc_id: str, lines: list[str]) -> list[Clause]:
    """The flat clause list of a law body (see module docstring)."""
    clauses: list[Clause] = []
    seen: set[int] = set()
    for article in _parse_articles(lines):
        if article.number in seen:  # a duplicated number (extraction error): keep the first
            continue
        seen.add(article.number)
        full = "\n".join(_paragraph_text(p) for p in article.paragraphs)
        kind = classify(full, article.headings)
        clauses.append(Clause(doc_id, ClauseRef(article=article.number), full, "", article.headings, kind))
        several = len(article.paragraphs) > 1
        for p_index, paragraph in enumerate(article.paragraphs, start=1):
            p_number = p_index if several else None
            if several:
                text = _paragraph_text(paragraph)
                clauses.append(Clause(doc_id, ClauseRef(article.number, p_number), text, "",
                                      article.headings, classify(text, article.headings)))
            for i_index, (item_text, subitems) in enumerate(paragraph.items, start=1):
                text = "\n".join([item_text, *subitems])
                ref = ClauseRef(article.number, p_number, i_index)
                item_kind = kind if kind == "penalty" else classify(paragraph.text + text, article.headings)
                item_kind = kind if item_kind == "other" else item_kind
                clauses.append(Clause(doc_id, ref, text, paragraph.text, article.headings, item_kind))
                for s_index, sub_text in enumerate(subitems, start=1):
                    clauses.append(Clause(doc_id, ClauseRef(article.number, p_number, i_index, s_index),
                                          sub_text, paragraph.text + "\n" + item_text, article.headings, item_kind))
    return clauses
