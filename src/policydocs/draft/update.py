"""Rewrite outdated citations in a user's document (`policydocs update`): only the citation's
address changes (《安全生产法》第三十八条第一款 → 《安全生产法》第四十一条第二款, a named old version
dropped), nothing else in the file. A text file keeps its encoding and line ends; a .docx keeps
its formatting — the text is changed inside its runs (w:t elements), never by rewriting a
paragraph.

What an outdated citation becomes is the `suggestion` of its finding (cite/verify.py: the
current article from the stored correspondence); a citation without one (an article the new
version deleted, a repealed law) is listed and left as written."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from policydocs.cite.findings import Finding
from policydocs.model import Citation

_VERSION = re.compile(r"[（(]\d{4}年?[^（()）]{0,6}[）)]")


@dataclass(slots=True)
class Edit:
    """Replace text[start:end] (offsets in the text the citations were found in)."""

    start: int
    end: int
    old: str
    new: str


@dataclass(slots=True)
class Change:
    """One outdated citation: where, as written, what it became ('' when left as written), why."""

    where: str
    old: str
    new: str
    message: str

    def as_json(self) -> dict:
        return {"where": self.where, "old": self.old, "new": self.new, "message": self.message}


def renumbered(citation: Citation, finding: Finding) -> str | None:
    """The citation written with the current address, in the writer's own form of the law's
    name (the same text when the number did not change); None when it is not outdated or
    there is nothing to rewrite it to."""
    if finding.status != "outdated" or not finding.suggestion or citation.relative or "》" not in finding.suggestion:
        return None
    written = citation.written or citation.source
    address = finding.suggestion[finding.suggestion.rindex("》") + 1:]
    if not address:
        return None
    if "》" in written:
        prefix = written[:written.rindex("》") + 1]
    elif citation.law and written.startswith(citation.law):
        prefix = citation.law
    else:
        prefix = ""
    return _VERSION.sub("", prefix) + address


def plan(citations: Sequence[Citation], findings: Sequence[Finding], where: Callable[[Citation], str],
         ) -> tuple[list[Edit], list[Change]]:
    """The edits for one text and the change list (edits and outdated citations left alone)."""
    edits: list[Edit] = []
    changes: list[Change] = []
    # the addresses of a shorthand list (第十条第三、四项) share the end of one span: one of them
    # cannot be rewritten without the others
    ends = Counter(citation.end for citation in citations)
    for citation, finding in zip(citations, findings, strict=True):
        if finding.status != "outdated":
            continue
        new = renumbered(citation, finding)
        written = citation.written or citation.source
        if ends[citation.end] > 1:
            new = None
        if new is None:
            changes.append(Change(where(citation), written, "", finding.message + "（未改动）"))
            continue
        if new == written:  # numbered the same in the current version
            continue
        edits.append(Edit(citation.start, citation.end, written, new))
        changes.append(Change(where(citation), written, new, finding.message))
    return edits, changes


def apply_to_text(text: str, edits: Sequence[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        if text[edit.start:edit.end] == edit.old:
            text = text[:edit.start] + edit.new + text[edit.end:]
    return text


def raw_offsets(raw: str) -> Callable[[int], int]:
    """Offset in the text with LF line ends (as `decode_text` gives) → offset in `raw` (which
    may end lines with CR LF or CR)."""
    if "\r" not in raw:
        return lambda offset: offset
    mapping: list[int] = []
    k = 0
    while k < len(raw):
        mapping.append(k)
        k += 2 if raw.startswith("\r\n", k) else 1
    mapping.append(len(raw))
    return lambda offset: mapping[offset]


# -- .docx ----------------------------------------------------------------------------------
def docx_paragraphs(document: DocxDocument) -> Iterator:
    """Every w:p of the body, table cells (nested too) included, in document order."""
    yield from document.element.body.iter(qn("w:p"))


def paragraph_text(p) -> tuple[str, list]:
    """A paragraph's text as its w:t elements hold it, and those elements."""
    texts = list(p.iter(qn("w:t")))
    return "".join(t.text or "" for t in texts), texts


def narrowed(edit: Edit) -> Edit:
    """The edit without the start and end the old and new text share: 第四条 → 第六条 changes
    only 四, so in a .docx the run that held 四 (bold, say) holds 六."""
    old, new = edit.old, edit.new
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return Edit(edit.start + head, edit.end - tail, old[head:len(old) - tail], new[head:len(new) - tail])


def apply_to_paragraph(texts: list, edits: Sequence[Edit]) -> None:
    """Change the w:t elements: an edit's new text goes where its first changed character
    stood, the rest of the changed old text is taken out of the elements it spans (their runs
    keep their format)."""
    for edit in sorted(map(narrowed, edits), key=lambda e: e.start, reverse=True):
        position = 0
        first = True
        for t in texts:
            value = t.text or ""
            start, end = position, position + len(value)
            position = end
            if end <= edit.start or start >= edit.end:
                continue
            lo, hi = max(edit.start, start) - start, min(edit.end, end) - start
            t.text = value[:lo] + (edit.new if first else "") + value[hi:]
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            first = False
