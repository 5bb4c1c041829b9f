"""An opened index: clause search (free text → ranked clauses with their penalties) and exact
look-up. Search, cite and draft all go through one `Library`.

Ranking in two stages, because Whoosh cannot score 150 k articles with every query word in
time (PITFALLS.md): (1) each Whoosh shard returns its best articles for the query's
*informative* words only (rarest first, within a posting budget); (2) every 条/款/项 of those
articles is rescored in Python with all query words, thesaurus expansions, coverage, word
order and the document's authority and currency; each article contributes its best unit.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from policydocs.errors import IndexMissingError, IndexOutdatedError, PolicydocsError
from policydocs.kb.build import COMMON_TERMS, CURRENT, FORMAT_VERSION
from policydocs.kb.lawnames import LawResolver
from policydocs.kb.schema import SHARDS
from policydocs.kb.store import ClauseStore
from policydocs.model import STATUS_CURRENT, Clause, Document
from policydocs.search.weights import RankingWeights
from policydocs.text.analyzer import tokenize
from policydocs.text.thesaurus import expansion_pairs

_PUNCT_ONLY = re.compile(r"^[\W_]*$")


@lru_cache(maxsize=50_000)
def _tokens(text: str) -> list[str]:
    """Tokens of a clause text; cached because leads, titles and headings repeat across units
    and the same articles come back for related queries."""
    return tokenize(text)


class LinkedPenalty(NamedTuple):
    """A penalty clause linked to a duty, and how the link was found (a key of LINK_KINDS)."""

    clause: Clause
    document: Document
    how: str

    def as_json(self) -> dict:
        return clause_json(self.clause, self.document) | {"link": self.how}


@dataclass(slots=True)
class Hit:
    """One search result: a clause, its document, its score and linked penalty clauses."""

    clause_id: int
    clause: Clause
    document: Document
    score: float
    penalties: list[LinkedPenalty] = field(default_factory=list)

    @property
    def citation(self) -> str:
        return self.document.cite(self.clause.ref)

    def as_json(self) -> dict:
        data = clause_json(self.clause, self.document)
        data["score"] = round(self.score, 4)
        data["penalties"] = [penalty.as_json() for penalty in self.penalties]
        return data


def clause_json(clause: Clause, document: Document) -> dict:
    """The JSON shape of a clause shared by `search`, `show` and `cite`."""
    return {"citation": document.cite(clause.ref), "law": document.title, "article": clause.ref.article,
            "paragraph": clause.ref.paragraph, "item": clause.ref.item, "text": clause.text,
            "lead": clause.lead or None, "kind": clause.kind, "status": document.status,
            "category": document.category, "region": document.region}


@dataclass(slots=True)
class _Query:
    weights: dict[str, float]  # token → weight (1 for the query's own words)
    text: str

    @property
    def bigrams(self) -> set[str]:
        chars = re.sub(r"\W", "", self.text)
        return {chars[i:i + 2] for i in range(len(chars) - 1)}


class Library:
    """An opened index generation: the clause store plus one Whoosh searcher per shard."""

    def __init__(self, generation: Path, weights: RankingWeights | None = None):
        from whoosh import index as whoosh_index
        from whoosh import scoring

        self.generation = generation
        #: every ranking number and switch (search/weights.py); replace to re-rank differently
        self.weights = weights if weights is not None else RankingWeights.load()
        self.store = ClauseStore.open(generation / "clauses.sqlite")
        self._searchers = {}
        self._common: dict[str, dict[str, int]] = {}
        for shard in SHARDS:
            shard_dir = generation / "whoosh" / shard
            ix = whoosh_index.open_dir(str(shard_dir))
            self._searchers[shard] = ix.searcher(weighting=scoring.BM25F(B=0.75, K1=1.2))
            self._common[shard] = json.loads((shard_dir / COMMON_TERMS).read_text(encoding="utf-8"))
        national = self._searchers["national"]
        self._total_docs = sum(s.doc_count() for s in self._searchers.values()) or 1
        self._df_cache: dict[str, int] = {}
        self._mask_cache: dict[tuple, object] = {}
        self._avg_len = max(1.0, national.avg_field_length("body", 1.0) if national.doc_count() else 40.0)

    @classmethod
    def open(cls, index_dir: Path, weights: RankingWeights | None = None) -> Library:
        """Open the live generation of `index_dir`, with a clear error if there is none."""
        pointer = Path(index_dir) / CURRENT
        if not pointer.is_file():
            raise IndexMissingError(
                f"没有找到索引 {index_dir}：请先运行 `policydocs index` (no index; run `policydocs index`)")
        generation = Path(index_dir) / pointer.read_text(encoding="utf-8").strip()
        meta_path = generation / "meta.json"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise IndexMissingError(f"索引 {index_dir} 不完整：请重新运行 `policydocs index`") from None
        if meta.get("format") != FORMAT_VERSION:
            raise IndexOutdatedError(
                f"索引 {index_dir} 由旧版本 policydocs 建立 (格式 {meta.get('format')}，需要 {FORMAT_VERSION})："
                "请运行 `policydocs index` 重建")
        try:
            return cls(generation, weights)
        except Exception as error:  # whoosh raises many kinds on damaged files
            raise IndexMissingError(
                f"索引 {index_dir} 已损坏 ({type(error).__name__})：请重新运行 `policydocs index`") from None

    def close(self) -> None:
        for searcher in self._searchers.values():
            searcher.close()
        self.store.close()

    # -- query preparation ------------------------------------------------------------------
    def _df(self, token: str) -> int:
        cached = self._df_cache.get(token)
        if cached is None:
            cached = sum(self._common[shard].get(token) or searcher.doc_frequency("body", token)
                         for shard, searcher in self._searchers.items())
            self._df_cache[token] = cached
        return cached

    def _idf(self, token: str) -> float:
        df = self._df(token)
        return math.log(1 + (self._total_docs - df + 0.5) / (df + 0.5))

    def _prepare(self, text: str) -> _Query:
        if _PUNCT_ONLY.match(text):
            raise PolicydocsError("查询为空或只含标点，请输入描述文字 (empty query)")
        w = self.weights
        weights: dict[str, float] = {}
        for token in tokenize(text):
            weights[token] = 1.0
        for spoken, term in (expansion_pairs(text) if w.use_thesaurus else []):
            # a word the laws hardly use (叉车司机, 私拉乱接) is trusted to mean its legal term
            weight = w.colloquial_expansion if self._df(spoken) < w.colloquial_df else w.expansion
            for token in tokenize(term):
                weights[token] = max(weights.get(token, 0.0), weight)
        if not weights:
            raise PolicydocsError("查询中没有可检索的词语 (no searchable words in the query)")
        return _Query(weights, text)

    # -- stage 1: Whoosh candidates ---------------------------------------------------------
    def _filters(self, shard: str, region: str | None, law_ids: list[str] | None):
        """The set of Whoosh document numbers a --region/--law filter allows (None: all)."""
        from whoosh import query as wq

        key = (shard, region, tuple(law_ids or ()))
        if key in self._mask_cache:
            return self._mask_cache[key]
        searcher = self._searchers[shard]
        parts = []
        if region:
            parts.append(wq.Or([wq.Term("region", "全国"), wq.Term("region", region)]))
        if law_ids is not None:
            parts.append(wq.Or([wq.Term("doc", doc_id) for doc_id in law_ids]) if law_ids else wq.NullQuery)
        allowed = set(searcher.docs_for_query(wq.And(parts))) if parts else None
        self._mask_cache[key] = allowed
        return allowed

    def _candidates(self, query: _Query, *, region: str | None, law_ids: list[str] | None,
                    include_old: bool) -> list[int]:
        from whoosh import query as wq

        cids: list[int] = []
        tokens = sorted(query.weights, key=self._df)
        for shard, searcher in self._searchers.items():
            if searcher.doc_count() == 0 or (shard == "old" and not include_old):
                continue
            chosen: list[str] = []
            spent = 0
            for token in tokens:
                df = searcher.doc_frequency("body", token)
                if df == 0:
                    continue
                if chosen and spent + df > self.weights.posting_budget[shard]:
                    break
                chosen.append(token)
                spent += df
            if not chosen:
                continue
            terms = [wq.Term("body", t, boost=query.weights[t] * self._idf(t)) for t in chosen]
            terms += [wq.Term("title", t, boost=query.weights[t]) for t in chosen]
            allowed = self._filters(shard, region, law_ids)
            if allowed is not None and not allowed:
                continue  # Whoosh reads an empty filter set as "no filter"
            results = searcher.search(wq.Or(terms), limit=self.weights.candidates[shard], filter=allowed)
            cids.extend(hit["cid"] for hit in results)
        return cids

    # -- stage 2: rescoring -----------------------------------------------------------------
    def _bm25(self, query: _Query, tokens: list[str]) -> tuple[float, float]:
        """(BM25 score, share of the query's IDF mass the tokens cover)."""
        counts = Counter(tokens)
        length = len(tokens) or 1
        k1, b = self.weights.bm25_k1, self.weights.bm25_b
        score = covered = total = 0.0
        for token, weight in query.weights.items():
            idf = self._idf(token)
            if weight >= 1.0:
                total += idf
            tf = counts.get(token, 0)
            if tf:
                score += weight * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / self._avg_len))
                if weight >= 1.0:
                    covered += idf
        return score, (covered / total if total else 0.0)

    def _score_unit(self, query: _Query, clause: Clause, document: Document, region: str | None = None) -> float:
        w = self.weights
        own, cover = self._bm25(query, _tokens(clause.text))
        lead, lead_cover = self._bm25(query, _tokens(clause.lead)) if clause.lead else (0.0, 0.0)
        context, _ = self._bm25(query, _tokens(" ".join([document.title, *clause.headings])))
        score = own + w.lead * lead + w.context * context
        if w.use_coverage:
            cover = min(1.0, cover + w.lead_cover * lead_cover)
            score *= w.cover_floor + (1.0 - w.cover_floor) * cover
        if w.use_order:
            text = re.sub(r"\W", "", clause.lead + clause.text)
            bigrams = query.bigrams
            order = len({text[i:i + 2] for i in range(len(text) - 1)} & bigrams) / len(bigrams) if bigrams else 0.0
            score *= 1.0 + w.order * order
        if w.use_authority:
            authority = w.authority.get(document.category, w.authority_default)
            if region and region in document.region:
                authority = max(authority, w.region_match)  # the user asked for this region's rules
            score *= authority
        if w.use_kind:
            score *= w.kind.get(clause.kind, w.kind_default)
        if w.use_currency and document.status != STATUS_CURRENT:
            score *= w.old_version
        if clause.ref.depth == "article" and clause.text.count("\n") > 0:
            score *= w.whole_article  # an item or paragraph that matches as well is the more precise answer
        return score

    def search(self, text: str, *, limit: int = 10, kind: str | None = None, region: str | None = None,
               law: str | None = None, include_old: bool = False, with_penalties: bool = True) -> list[Hit]:
        """Clauses for a free-text description, best first, one per article."""
        query = self._prepare(text)
        law_ids = self._law_ids(law) if law else None
        cids = self._candidates(query, region=region, law_ids=law_ids, include_old=include_old)
        article_units = self.store.clauses_by_ids(cids)
        hits: list[Hit] = []
        for cid, article_clause in article_units.items():
            document = self.store.document(article_clause.doc_id)
            if article_clause.ref.article is None:
                units = [(cid, article_clause)]
            else:
                units = self.store.article_units(article_clause.doc_id, article_clause.ref.article)
            best = max(((self._score_unit(query, unit, document, region), unit_id, unit) for unit_id, unit in units
                        if kind is None or unit.kind == kind), default=None, key=lambda entry: entry[0])
            if best is not None:
                hits.append(Hit(best[1], best[2], document, best[0]))
        hits.sort(key=lambda hit: (-hit.score, hit.citation))
        hits = hits[:limit]
        if with_penalties:
            for hit in hits:
                hit.penalties = self.penalties(hit.clause_id)
        return hits

    def penalties(self, clause_id: int) -> list[LinkedPenalty]:
        """Linked penalty clauses of a clause. Links are stored on every clause they apply to
        (an explicit reference to an article on all its 款/项; a 项's penalty also on its 款 and
        条), so a clause without links has none: its article's belong to its siblings."""
        return [LinkedPenalty(penalty, self.store.document(penalty.doc_id), how)
                for _, penalty, how in self.store.penalties_for(clause_id)]

    def _law_ids(self, name: str) -> list[str]:
        """Documents a --law filter names: exact title/alias first, else titles containing it."""
        resolved = LawResolver(self.store).resolve(name)
        if resolved:
            return [d.doc_id for d in resolved.versions]
        return [doc_id for doc_id, title in self.store.titles() if name in title]
