"""Article correspondence between two versions of one law, computed at index time and stored
(table `correspondence` of clauses.sqlite), so that an old article number is translated with
certainty instead of guessed from quoted words at query time.

How (no extra dependency — the matrices are a few hundred articles a side):

1. similarity of every old/new article pair: Dice over character bigrams of the article text;
2. an order-preserving optimal alignment (dynamic programming, as diff does for lines) that
   maximises the summed similarity above `PAIR_MIN` — revisions insert and delete articles but
   rarely reorder them, and order breaks ties between look-alike penalty articles;
3. articles the alignment left over are paired by similarity alone when very alike (an article
   moved to another chapter: 条序调整);
4. a leftover new article most of whose words come from one old article is split off it
   (拆分); a leftover old article most of whose words went into one new article was merged
   into it (合并); what is still left is 删除 (old) or 新增 (new).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from policydocs.model import Document

#: an aligned pair must share at least this much (Dice) to be the same article
PAIR_MIN = 0.3
#: a leftover pair out of order must be this alike to count as moved
MOVED_MIN = 0.6
#: share of a split-off / merged paragraph's bigrams found in its source …
PART_MIN = 0.75
#: … and at most this share of them in the source's main counterpart
PART_MAIN = 0.5
#: identical text above this Dice
SAME = 0.999

KINDS = ("unchanged", "modified", "moved", "split", "merged", "deleted", "added")
#: the 说明 column of a 新旧条文对照表 for each kind
KIND_LABELS = {"unchanged": "未修改", "modified": "修改", "moved": "条序调整", "split": "拆分", "merged": "合并",
               "deleted": "删除", "added": "新增"}

TABLE = """
CREATE TABLE IF NOT EXISTS correspondence (
    old_doc TEXT, old_article INTEGER, new_doc TEXT, new_article INTEGER, similarity REAL, kind TEXT
);
CREATE INDEX IF NOT EXISTS correspondence_old ON correspondence(old_doc, old_article);
"""


@dataclass(frozen=True, slots=True)
class Pair:
    """One row: old article → new article (None for 新增/删除) with their similarity."""

    old_article: int | None
    new_article: int | None
    similarity: float
    kind: str


_NOT_WORD = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]")


def _bigrams(text: str) -> set[str]:
    chars = _NOT_WORD.sub("", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def _contained(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _part_of(paragraph: set[str], whole: set[str], main: set[str]) -> float:
    """How surely a paragraph comes from `whole` and not from `whole`'s main counterpart:
    its containment in `whole`, 0 when the main counterpart carries it as well."""
    return _contained(paragraph, whole) if _contained(paragraph, main) <= PART_MAIN else 0.0


def article_texts(document: Document) -> list[tuple[int, str]]:
    """(number, full text) of each article, in order."""
    return [(c.ref.article, c.text) for c in document.clauses
            if c.ref.depth == "article" and c.ref.article is not None]


def correspond(old: Sequence[tuple[int, str]], new: Sequence[tuple[int, str]]) -> list[Pair]:
    """The correspondence of two versions' articles ((number, text), in order)."""
    old_grams = [_bigrams(text) for _, text in old]
    new_grams = [_bigrams(text) for _, text in new]
    sim = [[_dice(a, b) for b in new_grams] for a in old_grams]
    n, m = len(old), len(new)
    # score[i][j]: best total over old[i:], new[j:]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = score[i], score[i + 1]
        for j in range(m - 1, -1, -1):
            best_total = max(below[j], row[j + 1])
            s = sim[i][j]
            if s >= PAIR_MIN:
                best_total = max(best_total, below[j + 1] + s - PAIR_MIN + 1e-6)
            row[j] = best_total
    matched_old: dict[int, int] = {}
    i = j = 0
    while i < n and j < m:
        s = sim[i][j]
        if s >= PAIR_MIN and abs(score[i][j] - (score[i + 1][j + 1] + s - PAIR_MIN + 1e-6)) < 1e-9:
            matched_old[i] = j
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    kinds: dict[int, str] = {i: ("unchanged" if sim[i][j] >= SAME and old[i][0] == new[j][0] else
                                 "moved" if sim[i][j] >= SAME else "modified") for i, j in matched_old.items()}
    # out-of-order moves among the leftovers, best first
    used_new = set(matched_old.values())
    leftovers = sorted(((sim[i][j], i, j) for i in range(n) if i not in matched_old
                        for j in range(m) if j not in used_new and sim[i][j] >= MOVED_MIN), reverse=True)
    for _, i, j in leftovers:
        if i not in matched_old and j not in used_new:
            matched_old[i] = j
            used_new.add(j)
            kinds[i] = "moved"
    pairs = [Pair(old[i][0], new[j][0], round(sim[i][j], 3), kinds[i]) for i, j in matched_old.items()]
    # splits: a paragraph of a leftover new article taken from an old article, words that
    # article's main successor no longer has
    old_main = {i: new_grams[j] for i, j in matched_old.items()}
    new_main = {j: old_grams[i] for i, j in matched_old.items()}
    new_paragraphs = [[g for g in map(_bigrams, text.split("\n")) if len(g) >= 8] for _, text in new]
    old_paragraphs = [[g for g in map(_bigrams, text.split("\n")) if len(g) >= 8] for _, text in old]
    for j in range(m):
        if j in used_new:
            continue
        best: tuple[float, int] = max(
            ((max((_part_of(p, old_grams[i], old_main.get(i, set())) for p in new_paragraphs[j]), default=0.0), i)
             for i in range(n)), default=(0.0, -1))
        if best[0] >= PART_MIN:
            source = best[1]
            pairs.append(Pair(old[source][0], new[j][0], round(sim[source][j], 3), "split"))
            used_new.add(j)
            kinds[source] = "split"
    # merges: a paragraph of a leftover old article that went into a new article
    merged: set[int] = set()
    for i in range(n):
        if i in matched_old or any(p.old_article == old[i][0] for p in pairs):
            continue
        best2: tuple[float, int] = max(
            ((max((_part_of(p, new_grams[j], new_main.get(j, set())) for p in old_paragraphs[i]), default=0.0), j)
             for j in range(m)), default=(0.0, -1))
        if best2[0] >= PART_MIN:
            target = best2[1]
            pairs.append(Pair(old[i][0], new[target][0], round(sim[i][target], 3), "merged"))
            merged.add(target)
        else:
            pairs.append(Pair(old[i][0], None, 0.0, "deleted"))
    pairs = [Pair(p.old_article, p.new_article, p.similarity,
                  "split" if p.kind != "split" and kinds.get(_index(old, p.old_article), "") == "split"
                  else "merged" if p.kind != "merged" and _index(new, p.new_article) in merged else p.kind)
             for p in pairs]
    pairs += [Pair(None, new[j][0], 0.0, "added") for j in range(m) if j not in used_new]
    return sorted(pairs, key=lambda p: (p.new_article if p.new_article is not None else (p.old_article or 0) - 0.5,
                                        p.old_article or 0))


def _index(articles: Sequence[tuple[int, str]], number: int | None) -> int:
    for position, (article, _) in enumerate(articles):
        if article == number:
            return position
    return -1


def version_pairs(documents: Sequence[Document]) -> list[tuple[Document, Document]]:
    """(older, newer) for every two versions of a title, oldest first: the diff needs any
    two, a citation of an old number needs old → current."""
    by_title: dict[str, list[Document]] = {}
    for document in documents:
        if document.clauses and document.version_date:
            by_title.setdefault(document.title, []).append(document)
    out = []
    for versions in by_title.values():
        versions.sort(key=lambda d: d.version_date)
        out += [(versions[a], versions[b]) for a in range(len(versions)) for b in range(a + 1, len(versions))]
    return out


def write_correspondence(db: sqlite3.Connection, documents: Sequence[Document]) -> int:
    """Compute and store the correspondence of every version pair among `documents` (replacing
    what is stored for those pairs); returns the number of rows written."""
    db.executescript(TABLE)
    rows = 0
    for older, newer in version_pairs(documents):
        db.execute("DELETE FROM correspondence WHERE old_doc=? AND new_doc=?", (older.doc_id, newer.doc_id))
        pairs = correspond(article_texts(older), article_texts(newer))
        db.executemany("INSERT INTO correspondence VALUES (?,?,?,?,?,?)",
                       [(older.doc_id, p.old_article, newer.doc_id, p.new_article, p.similarity, p.kind)
                        for p in pairs])
        rows += len(pairs)
    db.commit()
    return rows


def read_correspondence(db: sqlite3.Connection, old_doc: str, new_doc: str) -> list[Pair]:
    """The stored rows of one version pair ([] for an index built before the table existed)."""
    try:
        rows = db.execute("SELECT old_article, new_article, similarity, kind FROM correspondence "
                          "WHERE old_doc=? AND new_doc=? ORDER BY rowid", (old_doc, new_doc)).fetchall()
    except sqlite3.OperationalError:
        return []
    return [Pair(*row) for row in rows]


_REVISION_IN_NAME = re.compile(r"(\d{4})年?(修正|修订)")


def version_label(document: Document) -> str:
    """How a version is named in a message: "2021年修正". 修正/修订 as the source file names
    it (国家法律法规数据库 downloads do); otherwise a version after the first publication is
    called 修正 and the first one 公布."""
    year = document.version_date[:4]
    named = _REVISION_IN_NAME.search(document.source)
    if named and named.group(1) == year:
        return f"{year}年{named.group(2)}"
    if document.promulgated and document.promulgated[:4] < year:
        return f"{year}年修正"
    return f"{year}年公布" if year else "现行版本"
