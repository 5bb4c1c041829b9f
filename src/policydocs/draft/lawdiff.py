"""The 新旧条文对照表 of two versions of one law: one row per article (a split or merged article
is one row holding all its parts), built from the stored article correspondence (kb/versions.py),
with the words that changed marked for the .docx and .xlsx writers.

Changed words come from a character diff (difflib) of the two articles; equal stretches of one
character between two changes are absorbed into the change, so a rewritten phrase is marked
as one and not as a comb of single characters the two texts happen to share."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from policydocs.kb.versions import KIND_LABELS, Pair
from policydocs.text.numerals import int_to_cn

#: (text, changed) pieces of one side of a row
Segments = list[tuple[str, bool]]
#: the columns of the table, as offices publish it
COLUMNS = ("修改前", "修改后", "说明")
#: an equal stretch this short between two changes is part of the change
_ABSORB = 1
_WHITE = re.compile(r"\s+")
#: joins the articles of one side while diffing (never in a text)
_ARTICLE_BREAK = "\x1e"


@dataclass(slots=True)
class DiffRow:
    """One row: the old article(s) and the new article(s) with marked words, and the 说明."""

    old_articles: list[int]
    new_articles: list[int]
    old: Segments = field(default_factory=list)
    new: Segments = field(default_factory=list)
    note: str = ""

    @property
    def changed(self) -> bool:
        return self.note != KIND_LABELS["unchanged"]

    def as_json(self) -> dict:
        return {"old_articles": self.old_articles, "new_articles": self.new_articles, "note": self.note,
                "old": plain(self.old), "new": plain(self.new),
                "old_changed": [t for t, c in self.old if c], "new_changed": [t for t, c in self.new if c]}


def plain(segments: Segments) -> str:
    return "".join(text for text, _ in segments)


def article_heading(number: int) -> str:
    return f"第{int_to_cn(number)}条"


def mark_changes(old: str, new: str) -> tuple[Segments, Segments]:
    """The two texts cut into (text, changed) pieces: what the other side does not have is changed."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    # drop tiny equal stretches sitting between changes: they belong to the change
    kept = [b for k, b in enumerate(blocks)
            if b.size > _ABSORB or (k == 0 and b.a == 0 and b.b == 0)
            or (k == len(blocks) - 1 and b.a + b.size == len(old) and b.b + b.size == len(new))]
    return _segments(old, [(b.a, b.size) for b in kept]), _segments(new, [(b.b, b.size) for b in kept])


def _segments(text: str, equal: Sequence[tuple[int, int]]) -> Segments:
    out: Segments = []
    position = 0
    for start, size in equal:
        if start > position:
            out.append((text[position:start], True))
        out.append((text[start:start + size], False))
        position = start + size
    if position < len(text):
        out.append((text[position:], True))
    return _joined(out)


def _joined(segments: Segments) -> Segments:
    """Adjacent pieces of one kind joined; a change of blanks only is no change (a .docx
    download writes 工作 ，)."""
    out: Segments = []
    for text, changed in segments:
        if not text:
            continue
        changed = changed and bool(text.strip())
        if out and out[-1][1] == changed:
            out[-1] = (out[-1][0] + text, changed)
        else:
            out.append((text, changed))
    return out


def diff_rows(pairs: Sequence[Pair], old_texts: dict[int, str], new_texts: dict[int, str]) -> list[DiffRow]:
    """Rows of the 对照表 from a version pair's correspondence and the articles' texts, in the
    new version's order (a deleted article where it stood)."""
    groups = _groups(pairs)
    rows = []
    for olds, news, kinds in groups:
        old_text = _ARTICLE_BREAK.join(old_texts.get(n, "") for n in olds)
        new_text = _ARTICLE_BREAK.join(new_texts.get(n, "") for n in news)
        old_marked, new_marked = mark_changes(old_text, new_text)
        row = DiffRow(olds, news, _with_headings(olds, old_marked), _with_headings(news, new_marked),
                      _note(kinds, olds, news, old_text, new_text))
        rows.append(row)
    return rows


def _with_headings(numbers: Sequence[int], segments: Segments) -> Segments:
    """Put 第X条　 before each article's text (one side's articles were joined by _ARTICLE_BREAK);
    paragraphs stay on their own lines."""
    if not numbers:
        return []
    out: Segments = [(article_heading(numbers[0]) + "　", False)]
    index = 1
    for text, changed in segments:
        for k, part in enumerate(text.split(_ARTICLE_BREAK)):
            if k:
                out.append((f"\n{article_heading(numbers[index])}　" if index < len(numbers) else "\n", False))
                index += 1
            if part:
                out.append((part, changed))
    return _joined(out)


def _note(kinds: set[str], olds: Sequence[int], news: Sequence[int], old_text: str, new_text: str) -> str:
    if not olds:
        return KIND_LABELS["added"]
    if not news:
        return KIND_LABELS["deleted"]
    if "split" in kinds:
        return KIND_LABELS["split"]
    if "merged" in kinds:
        return KIND_LABELS["merged"]
    if _WHITE.sub("", old_text) == _WHITE.sub("", new_text):
        return KIND_LABELS["unchanged"] if list(olds) == list(news) else KIND_LABELS["moved"]
    return KIND_LABELS["modified"]


def _groups(pairs: Sequence[Pair]) -> list[tuple[list[int], list[int], set[str]]]:
    """Connected old/new articles (a split: one old, several new; a merge: the reverse), ordered
    by their first new article, a deleted article after the new article before it."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for p in pairs:
        nodes = [n for n in (("o", p.old_article), ("n", p.new_article)) if n[1] is not None]
        roots = [find((side, number)) for side, number in nodes if number is not None]
        for root in roots[1:]:
            parent[root] = roots[0]
    members: dict[tuple[str, int], tuple[list[int], list[int], set[str]]] = {}
    for p in pairs:
        node = ("o", p.old_article) if p.old_article is not None else ("n", p.new_article or 0)
        olds, news, kinds = members.setdefault(find(node), ([], [], set()))
        if p.old_article is not None and p.old_article not in olds:
            olds.append(p.old_article)
        if p.new_article is not None and p.new_article not in news:
            news.append(p.new_article)
        kinds.add(p.kind)
    groups = [(sorted(o), sorted(n), k) for o, n, k in members.values()]
    # a group with new articles stands at its first one; a deleted article after the row that
    # holds the old article before it
    where_old = {number: min(news) for olds, news, _ in groups if news for number in olds}

    def position(group: tuple[list[int], list[int], set[str]]) -> tuple[float, int]:
        olds, news, _ = group
        if news:
            return (float(min(news)), 0)
        before = [where_old[n] for n in where_old if n < olds[0]]
        return (max(before, default=0) + 0.5, olds[0])

    return sorted(groups, key=position)

