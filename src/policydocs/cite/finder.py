"""Find every legal citation in a text: 《中华人民共和国安全生产法》第九十七条第二项, lists and ranges
continuing the same law, bare names (安全生产法第一百零二条), relative ones (本法第十条, 前款),
and malformed strings (第三条第六条) with a guess of what was meant.

The finder only reads text; it knows no law. Resolving the name and checking the address is
`lawnames` and `verify`'s job, so the finder can run on any text without an index.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from policydocs.model import Citation, ClauseRef
from policydocs.text.addresses import RUN, parse_chain
from policydocs.text.numerals import NUMERAL_PATTERN

#: a law name ends in one of these (《…》 with another ending is cited only with an article)
LAW_SUFFIX = re.compile(r"(?:法|条例|规定|办法|细则|标准|决定|解释)$")

_BOOK = re.compile(r"(新)?《([^《》\n]{1,80})》")
_VERSION_PAREN = re.compile(
    r"[ \t]*[（(][ \t]*((?:19|20)\d{2}[ \t]*(?:年[ \t]*(?:修正|修订|修改)?[ \t]*版?|版))[ \t]*[）)]")
_NUMBER_PAREN = re.compile(r"[ \t]*[（(][^（）()\n]{0,20}[〔\[［(（]\d{4}[〕\]］)）][^（）()\n]{0,8}号[）)]")
_GAP = re.compile(r"[ \t]{0,2}")
_RELATIVE_LAW = re.compile(r"本(法|条例|规定|办法|细则|决定|解释)(?=[ \t]*第)")
_RELATIVE_CLAUSE = re.compile(rf"本条(?=[ \t]*第[ \t]*(?:{NUMERAL_PATTERN})[ \t]*[款项])|前款")
_QUOTE_INTRO = re.compile(r"[ \t]*(?:的)?规定[ \t]*([：:，,])?[ \t]*")
_QUOTE_OPEN = re.compile(r"[ \t]*[“\"「]")
_QUOTE_CLOSE = re.compile(r"[”\"」\n]")
# words given after a bare colon or a space (…第六十六条 生产经营单位…) are the clause's as well
_PASSAGE_INTRO = re.compile(r"[ \t]*[：:]|[ \t\u3000]+")
_SENTENCE_END = re.compile(r"[。\n<]")
_PARAGRAPH_END = re.compile(r"[\n|]")  # a line, or a cell of a Markdown table
_CJK = re.compile(r"[\u4e00-\u9fff]")
# words that introduce a bare law name and are not part of it (依据安全生产法第…)
_INTRODUCERS = re.compile(r"依据|根据|按照|依照|遵照|违反|对照|参照|适用|执行|落实|贯彻|遵守|符合|以及|关于")
_NOT_A_NAME = re.compile(r"^(?:本|该|此|其|上述|前述|同)")


@dataclass(slots=True)
class _Part:
    """One address parsed from a chain, with its span in the text."""

    ref: ClauseRef
    start: int
    end: int
    meant: str = ""


def _after_gap(text: str, pos: int) -> int:
    """Where the optional spaces after `pos` end."""
    gap = _GAP.match(text, pos)
    assert gap is not None  # the pattern also matches the empty string
    return gap.end()


def _parse_chain(text: str, pos: int, allow_partial: bool) -> tuple[list[_Part], int]:
    """The addresses written at `pos` (第…、第…至第…, 第十条第三、四项), and where they end: read
    by text/addresses.py, the parser the duty → penalty links use too."""
    parts, end = parse_chain(text, pos, allow_partial)
    return [_Part(ClauseRef(*part.address), part.start, part.end, part.meant) for part in parts], end


def _quoted(text: str, pos: int) -> tuple[str, int]:
    """What the text gives as the content of the clause cited right before `pos`.

    First the words checked against the clause: after 规定：/规定，, or inside “…” right after
    the citation (or after 规定); up to the closing quote or the end of the sentence. Then where
    the passage quoting the clause ends — the closing quote, else the end of the paragraph when
    the words follow 规定：, ：or a space — or `pos` when nothing is quoted: relative citations
    in it (本条例第十四条, 前款) are relative to the cited clause."""
    intro = _QUOTE_INTRO.match(text, pos)
    start = intro.end() if intro else pos
    opening = _QUOTE_OPEN.match(text, start)
    if opening:
        closing = _QUOTE_CLOSE.search(text, opening.end())
        end = closing.start() if closing else len(text)
        return text[opening.end():end].strip(), end
    punctuation = intro.group(1) if intro else None
    words = ""
    if punctuation:
        sentence = _SENTENCE_END.search(text, start)
        words = text[start:sentence.start() if sentence else len(text)].strip()
    if punctuation in ("：", ":") or (not intro and _PASSAGE_INTRO.match(text, pos)):
        paragraph = _PARAGRAPH_END.search(text, start)
        return words, paragraph.start() if paragraph else len(text)
    return words, pos


def _bare_name(text: str, pos: int) -> tuple[str, int] | None:
    """The law name written without 书名号 right before `pos` (安全生产法第…), with its start;
    words such as 依据/违反 before it are not part of the name."""
    start = pos
    while start > 0 and _CJK.match(text[start - 1]) and pos - start < 40:
        start -= 1
    run = text[start:pos]
    cuts = [m.end() for m in _INTRODUCERS.finditer(run)]
    if cuts:
        start += cuts[-1]
        run = text[start:pos]
    if len(run) < 2 or not LAW_SUFFIX.search(run) or _NOT_A_NAME.match(run):
        return None
    return run, start


class _Lines:
    """Offset → 1-based (line, column)."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1


def find_citations(text: str, source: str = "") -> list[Citation]:
    """Every citation in `text`, in order. `source` names where the text came from (a file);
    it is copied into each Citation."""
    lines = _Lines(text)
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    passages: dict[int, int] = {}  # start of a citation of one article of a named law → end of its quote

    def emit(law: str | None, start: int, parts: list[_Part], end: int, *, version: str = "",
             relative: str = "") -> None:
        quoted, passage_end = _quoted(text, end) if len(parts) == 1 else ("", end)
        if law is not None and passage_end > end and not parts[0].meant:
            passages[start] = passage_end
        for index, part in enumerate(parts):
            begin = start if index == 0 else part.start
            line, column = lines.at(begin)
            found.append(Citation(source, law, part.ref, begin, part.end, line, column, quoted=quoted,
                                  version=version, written=text[begin:part.end], relative=relative,
                                  meant=part.meant))
        taken.append((start, end))

    for book in _BOOK.finditer(text):
        name = book.group(2).strip()
        pos = book.end()
        inner = _NAME_VERSION.search(name)
        version = "新" if book.group(1) else (inner.group(1) if inner else "")
        for pattern in (_VERSION_PAREN, _NUMBER_PAREN):
            paren = pattern.match(text, pos)
            if paren:
                pos = paren.end()
                if pattern is _VERSION_PAREN:
                    version = re.sub(r"[ \t]", "", paren.group(1))
        chain_start = _after_gap(text, pos)
        parts, end = _parse_chain(text, chain_start, False)
        if parts:
            emit(name, book.start(), parts, end, version=version)
        elif LAW_SUFFIX.search(_strip_name_version(name)) and not LAW_SUFFIX.fullmatch(name):
            line, column = lines.at(book.start())
            found.append(Citation(source, name, ClauseRef(), book.start(), pos, line, column,
                                  version=version, written=text[book.start():pos]))
            taken.append((book.start(), pos))

    for relative in _RELATIVE_LAW.finditer(text):
        if _inside(taken, relative.start()):
            continue
        parts, end = _parse_chain(text, _after_gap(text, relative.end()), False)
        if parts:
            emit(None, relative.start(), parts, end, relative=relative.group(0))

    for relative in _RELATIVE_CLAUSE.finditer(text):
        if _inside(taken, relative.start()):
            continue
        word = relative.group(0)
        pos = _after_gap(text, relative.end())
        parts, end = _parse_chain(text, pos, True)
        if word == "前款" and not parts:
            parts, end = [_Part(ClauseRef(), relative.start(), pos)], pos
        if parts:
            emit(None, relative.start(), parts, end, relative=word)

    for run in RUN.finditer(text):
        if _inside(taken, run.start()):
            continue
        bare = _bare_name(text, run.start())
        if bare is None:
            continue
        name, start = bare
        parts, end = _parse_chain(text, run.start(), False)
        if parts:
            emit(name, start, parts, end)

    found.sort(key=lambda c: (c.start, c.end))
    return _relative_to_quoted(found, passages)


def _relative_to_quoted(found: list[Citation], passages: dict[int, int]) -> list[Citation]:
    """Mark each relative citation inside a passage quoted after a citation (《四川省安全生产条例》
    第六十六条 …违反本条例第十四条…) with that citation: the passage is the cited clause's
    text, so 本条例 is that law. The next citation naming a law ends the passage."""
    marked: list[Citation] = []
    quoting: Citation | None = None
    for citation in found:
        if citation.law is not None:
            quoting = citation if citation.start in passages else None
        elif quoting is not None and citation.start < passages[quoting.start]:
            citation = replace(citation, quoted_from=quoting)
        marked.append(citation)
    return marked


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


_NAME_VERSION = re.compile(r"[（(]([^（）()]*(?:19|20)\d{2}[^（）()]*)[）)]$")


def _strip_name_version(name: str) -> str:
    """《…判定标准（2017版）》: the name without its version parenthesis."""
    return _NAME_VERSION.sub("", name).strip()
