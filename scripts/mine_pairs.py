"""Question → duty-clause pairs that the law library supplies itself.

    python scripts/mine_pairs.py [--index DIR] [--out FILE] [--stats]

Every penalty clause that names the one article whose breach it punishes
(违反本法第二十条规定，未建立…的 / （三）未按照本条例第十条第二款规定…的) says, in its own
words, what breaking that article looks like. With the reference words cut out, its violation
wording is a question an inspector could ask, and the referenced article is the answer: a
(violation wording → duty clause) pair on laws nobody tuned the ranking for.

The pairs are read from a built index (the clause store, through `ClauseStore`), so they use
the project's own parsing. Each law goes wholly to `fit` or `holdout` by a hash of its title
(HOLDOUT_SHARE of laws), so a fitted weight is checked on laws it never saw. The output
contains law wording: it is written to a cache file outside the repository (default: the
temp dir, keyed by the index generation) and regenerated on demand — never commit it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from policydocs.kb.build import CURRENT
from policydocs.kb.links import _leaves, is_penalty_chapter
from policydocs.kb.store import ClauseStore
from policydocs.model import STATUS_CURRENT, Clause
from policydocs.text.analyzer import tokenize
from policydocs.text.numerals import NUMERAL_PATTERN, cn_to_int

ROOT = Path(__file__).resolve().parents[1]
#: pair format; bump when the mining rules change so caches regenerate
VERSION = 3
#: share of laws (by title hash) held out from fitting
HOLDOUT_SHARE = 0.2
#: distinct content words (two characters or more, not generic) a question needs
MIN_WORDS = 3

_NUM = rf"(?:{NUMERAL_PATTERN})"
_OWN = r"本(?:法|条例|规定|办法|细则|实施细则|决定)"
#: one explicit reference to an article of the same law, with the words around it
_REFERENCE = re.compile(
    rf"(?P<verb>违反|未依照|未按照|未按|不依照|不按照|依照|按照)?{_OWN}"
    rf"(?P<run>第{_NUM}条(?:第{_NUM}款)?(?:第{_NUM}项)?(?:[、和或者及至]+第{_NUM}条(?:第{_NUM}款)?(?:第{_NUM}项)?)*)"
    rf"(?P<tail>(?:的)?(?:有关)?规定)?")
_ARTICLE = re.compile(rf"第({_NUM})条(?:第({_NUM})款)?(?:第({_NUM})项)?")
_ANY_NUMBER = re.compile(r"第\s*[（(]?[一二三四五六七八九十百零〇\d]")
#: words of the sanction, not of the violation: the clause describes no violation of its own
_SANCTION = re.compile(r"罚款|责令|处以|没收|吊销|警告|^由")
#: words too general to make a question on their own
_GENERIC = frozenset({"行为", "规定", "有关", "违反", "单位", "个人", "其他", "情形", "之一", "下列", "要求",
                      "所列", "活动", "情节", "严重"})
_VAGUE_REFERENCE = re.compile(rf"违反{_OWN}(?:的)?(?:有关)?规定[，,]?")
_ITEM_LABEL = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]\s*")
_OTHER_LAW = re.compile(r"《[^》]+》")


def split_of(title: str) -> str:
    """`holdout` or `fit`, fixed per law title (all versions of a law on one side)."""
    value = int(hashlib.sha256(title.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "holdout" if value < HOLDOUT_SHARE else "fit"


def violation_query(text: str) -> tuple[str, tuple[int, int | None] | None]:
    """(the violation wording without its reference, (article, paragraph) it names) — or
    ("", None) when the clause names no single article of its own law."""
    references = list(_REFERENCE.finditer(text))
    if len(references) != 1 or _OTHER_LAW.search(text):
        return "", None
    reference = references[0]
    targets = _ARTICLE.findall(reference.group("run"))
    if len({cn_to_int(article) for article, _, _ in targets}) != 1:
        return "", None
    article, paragraph, _ = targets[0]
    verb = reference.group("verb") or ""
    spoken = "未按照规定" if verb.startswith(("未", "不")) else ("按照规定" if verb in ("依照", "按照") else "")
    rest = text[reference.end():]
    if not spoken:
        # 违反本法第X条规定，未… → 未…; 未履行本条例第X条规定的义务 → 未履行规定的义务
        rest = rest.lstrip("，,") if verb else (reference.group("tail") or "") + rest
    query = _ITEM_LABEL.sub("", text[:reference.start()] + spoken + rest).lstrip("，,、 ")
    query = _VAGUE_REFERENCE.sub("", query.split("的，")[0]).rstrip("；;。的 ").lstrip("，,、 ")
    if not query or _ANY_NUMBER.search(query) or _SANCTION.search(query):
        return "", None  # names another article or item, or only the sanction
    target = (cn_to_int(article), cn_to_int(paragraph) if paragraph else None)
    return query, target


def content_words(query: str) -> int:
    """Distinct words of two characters or more that say something (not 行为, 规定 …)."""
    return len({t for t in tokenize(query) if len(t) >= 2 and t not in _GENERIC})


def pairs_of_document(store: ClauseStore, doc_id: str) -> list[dict]:
    """The pairs one current document supplies (its penalty clauses naming one of its duties)."""
    document = store.document(doc_id)
    clauses = store.document_clauses(doc_id)
    articles: dict[int, list[Clause]] = {}
    for _, clause in clauses:
        if clause.ref.article is not None:
            articles.setdefault(clause.ref.article, []).append(clause)
    found = []
    for cid, clause in _leaves(clauses):
        if not is_penalty_chapter(clause) or clause.ref.article is None:
            continue
        query, target = violation_query(clause.text)
        if target is None or content_words(query) < MIN_WORDS:
            continue
        article, paragraph = target
        duty = articles.get(article)
        if not duty or article == clause.ref.article or any(is_penalty_chapter(c) for c in duty):
            continue
        if paragraph is not None and not any(c.ref.paragraph == paragraph for c in duty):
            paragraph = None  # the law counts 款 differently from the parsed tree: article level
        found.append({
            "query": query, "law": document.title, "doc_id": doc_id, "category": document.category,
            "region": document.region, "split": split_of(document.title),
            "source": {"article": clause.ref.article, "paragraph": clause.ref.paragraph, "item": clause.ref.item,
                       "cid": cid},
            "basis": [{"law": document.title, "article": article, "paragraph": paragraph, "item": None}]})
    return found


def mine(store: ClauseStore) -> list[dict]:
    """Every pair of every current document, deduplicated on (law, query), in a fixed order."""
    pairs: dict[tuple[str, str], dict] = {}
    for doc_id, _ in sorted(store.titles()):
        if store.document(doc_id).status != STATUS_CURRENT:
            continue
        for pair in pairs_of_document(store, doc_id):
            pairs.setdefault((pair["law"], pair["query"]), pair)
    ordered = sorted(pairs.values(), key=lambda p: (p["law"], p["source"]["article"], p["source"]["paragraph"] or 0,
                                                     p["source"]["item"] or 0, p["query"]))
    for number, pair in enumerate(ordered, 1):
        pair["id"] = f"p{number:05d}"
    return ordered


def generation_of(index_dir: Path) -> Path:
    return index_dir / (index_dir / CURRENT).read_text(encoding="utf-8").strip()


def default_cache(index_dir: Path) -> Path:
    """A cache file outside the repository, one per index generation and mining version."""
    generation = generation_of(index_dir).resolve()
    key = hashlib.sha256(f"{generation}|{VERSION}".encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / "policydocs-pairs" / f"pairs-{generation.name}-{key}.jsonl"


def load_pairs(index_dir: Path, out: Path | None = None) -> list[dict]:
    """The pairs of this index, mined now unless the cache file already holds them."""
    path = out or default_cache(index_dir)
    if path.is_file():
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    store = ClauseStore.open(generation_of(index_dir) / "clauses.sqlite")
    try:
        pairs = mine(store)
    finally:
        store.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
    os.replace(temporary, path)
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", str(ROOT / "index")))
    parser.add_argument("--out", help="pairs file (default: a cache file in the temp dir)")
    parser.add_argument("--force", action="store_true", help="mine again even if the cache exists")
    args = parser.parse_args()
    index_dir = Path(args.index)
    out = Path(args.out) if args.out else default_cache(index_dir)
    if args.force and out.exists():
        out.unlink()
    pairs = load_pairs(index_dir, out)
    splits = Counter(p["split"] for p in pairs)
    laws = {split: len({p["law"] for p in pairs if p["split"] == split}) for split in splits}
    categories = Counter(p["category"] for p in pairs)
    print(f"{len(pairs)} pairs → {out}")
    for split in ("fit", "holdout"):
        print(f"  {split:<8}{splits[split]:>6} pairs in {laws.get(split, 0):>4} laws")
    print("  by category: " + ", ".join(f"{name} {count}" for name, count in categories.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
