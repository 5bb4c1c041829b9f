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
from policydocs.kb.build import COMMON_TERMS, FORMAT_VERSION
from policydocs.kb.domain import DOMAIN
from policydocs.kb.generations import live_generation
from policydocs.kb.lawnames import LawResolver
from policydocs.kb.links import addresses_authority, unit_side
from policydocs.kb.schema import SHARDS
from policydocs.kb.store import ClauseStore
from policydocs.model import STATUS_CURRENT, Clause, ClauseRef, Document
from policydocs.search.confidence import CHECK, assign_confidence
from policydocs.search.postings import bm25f_scores
from policydocs.search.weights import RankingWeights
from policydocs.text.analyzer import tokenize
from policydocs.text.fillers import query_fillers
from policydocs.text.thesaurus import expansion_pairs, expansions

_PUNCT_ONLY = re.compile(r"^[\W_]*$")
_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]+$")
#: units whose linked penalties' words are kept between questions (a few MB)
_PENALTY_TEXT_CACHE = 50_000
#: characters that join the members of a list (…剂和器材、装备): a clipped word never spans them
_LIST_JOINTS = "和与及或、"
#: characters that are no word's head: negations, particles, pronouns, measure words, empty
#: verbs and 人 (没人管 is about nobody, not 人员)
_NOT_HEADS = frozenset("不没未无别了的地得着过吗呢吧啊也都就还又再才很太这那个些里上下中人有是在给把被让要会能去来")
#: the second character of a verb–result compound (锁死, 堆满, 拆掉, 挡住): the verb is the head
_COMPLEMENTS = frozenset("死掉住满坏完好光走开上下起出进回过到成错透翻倒跑丢没")
_ITEM_LABEL = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
#: an item that names its own subject (not "（三）未按照规定…", which is its lead's; nor one that
#: opens with the lead's verb — 发现…企业不再具备…, 向…企业颁发… — and names its object)
_OWN_SUBJECT = re.compile(r"^(?!发现|接到|向|对|为|给|替|帮助|协助)"
                          r"[^，。；：]{0,16}?(?:单位|企业|经营者|个人|人员|机构|部门|机关|政府|者)"
                          r"(?:应当|必须|不得|未|不|对|在|，|、|的主要负责人|有|违反|擅自|拒绝|发现)")
#: words by which a question is about what an authority or its staff did
_ASKS_AUTHORITY = re.compile(r"部门|机关|政府|监管|执法|工作人员|颁发|核发|主管|干部|官员|公职|检查人员|国家")
#: a question in which the workers receive what the unit failed to give (不给工人发…, 没给员工
#:培训, 为作业人员配齐…): the unit's duty is asked for, not the workers' own
_WORKERS_RECEIVE = re.compile(r"(?:给|为|替|帮)[^，。；？\s]{0,4}?(?:工人|员工|职工|工友|从业人员|作业人员|劳动者)")
#: a clause whose subject is the workforce (从业人员应当…, 作业人员不得…)
_WORKER_SUBJECT = re.compile(r"^(?:[^，。；：]{0,6}?(?:从业人员|作业人员|劳动者|职工|员工))"
                             r"[^。；：]{0,14}?(?:应当|必须|不得|严禁)")
#: a declaration of the state (国家建立…制度, 国家鼓励…): what the state does, no unit's duty
_STATE = re.compile(r"国家(?:建立|实行|鼓励|支持|推行|推进|采取|加强|保护|制定|实施|倡导|提倡|发展|对)")


@lru_cache(maxsize=50_000)
def _authority_subject(text: str, lead: str) -> bool:
    """Whether a clause addresses a government body or its staff (…部门负责…), read from its
    own subject, or from its lead-in when the item names none."""
    own = _ITEM_LABEL.sub("", text)
    if addresses_authority(own) or _STATE.match(own):
        # a later sentence may give a unit its own duty (部门应当报送…备案；…经营单位，应当…报送…
        # 备案): the clause is then the unit's as well
        return not unit_side(own)
    return bool(lead) and not _OWN_SUBJECT.match(own) and addresses_authority(lead)


@lru_cache(maxsize=50_000)
def _worker_subject(text: str, lead: str) -> bool:
    """Whether a clause is the workers' own duty (从业人员应当…), read from its own subject, or
    from its lead-in when the item names none."""
    own = _ITEM_LABEL.sub("", text)
    if _WORKER_SUBJECT.match(own):
        return True
    return bool(lead) and not _OWN_SUBJECT.match(own) and bool(_WORKER_SUBJECT.match(lead))


def _share_compounds(weights: dict[str, float], factor: float) -> None:
    """Weight a token that is part of a longer one of the same words (救援, 急救 of 应急救援:
    jieba's search mode gives both) by `factor`: one word of the question, not four."""
    if factor == 1.0:
        return
    tokens = list(weights)
    for token in tokens:
        if any(token != other and token in other for other in tokens):
            weights[token] *= factor


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
    #: share of the query's IDF mass the clause (with its lead-in) covers
    coverage: float = 0.0
    #: the question (or the given scope/context) falls inside the document's scope, or it has none
    in_scope: bool = True
    #: the document belongs to the requested domain (always True with domain="all")
    in_domain: bool = True
    #: high / check / none (search/confidence.py)
    confidence: str = CHECK

    @property
    def citation(self) -> str:
        return self.document.cite(self.clause.ref)

    @property
    def scope(self) -> str | None:
        """The scope the document governs (its first scope word), None for a general law."""
        return self.document.scope[0] if self.document.scope else None

    @property
    def doc_key(self) -> str:
        return self.document.doc_id

    def as_json(self) -> dict:
        data = clause_json(self.clause, self.document)
        data["score"] = round(self.score, 4)
        data["scope"] = self.scope
        data["domain"] = self.document.domain or None
        data["confidence"] = self.confidence
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
    #: the query, its thesaurus terms and the given scope/context: what scope words are looked for in
    scope_text: str = ""
    #: query words tried at character level (clipped forms), with their patterns
    fuzzy: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    #: (spoken word, one of its characters) looked for inside the clause's words: a short word
    #: the laws do not use (锁死, 坏, 进库) meets the law's word that holds its head (锁闭, 损坏, 入库)
    heads: list[tuple[str, str]] = field(default_factory=list)
    bigrams: set[str] = field(default_factory=set)
    asks_authority: bool = False
    workers_receive: bool = False
    #: (legal term, the query's own tokens of the spoken word it stands for): a clause that
    #: says the legal term covers those tokens (应急预案 is covered by 应急救援预案)
    stands_for: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    own_mass: float = -1.0
    #: the query's own words (not expansions) → their share in the coverage mass
    own: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        chars = re.sub(r"\W", "", self.text)
        self.bigrams = {chars[i:i + 2] for i in range(len(chars) - 1)}
        self.asks_authority = bool(_ASKS_AUTHORITY.search(self.text))
        self.workers_receive = bool(_WORKERS_RECEIVE.search(self.text))


_DEPTHS = ("article", "paragraph", "item", "subitem", "section")


def in_scope(scope: list[str], scope_text: str) -> bool:
    """A general document (no scope) always; a scoped one when a scope word is in the text."""
    return not scope or any(word in scope_text for word in scope)


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
        self._penalty_texts: dict[int, str] = {}

    @classmethod
    def open(cls, index_dir: Path, weights: RankingWeights | None = None) -> Library:
        """Open the live generation of `index_dir`, with a clear error if there is none."""
        generation = live_generation(Path(index_dir))  # IndexMissingError / IndexDamagedError
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

    def _prepare(self, text: str, scope: str | None = None) -> _Query:
        if _PUNCT_ONLY.match(text):
            raise PolicydocsError("查询为空或只含标点，请输入描述文字 (empty query)")
        w = self.weights
        weights: dict[str, float] = {}
        fillers = query_fillers() if w.use_fillers else frozenset()
        for token in tokenize(text):
            if token not in fillers:
                weights[token] = 1.0
        _share_compounds(weights, w.subword)
        own = dict(weights)
        terms = []
        stands_for = []
        for spoken, term in (expansion_pairs(text) if w.use_thesaurus else []):
            # a word the laws hardly use (叉车司机, 私拉乱接) is trusted to mean its legal term
            weight = w.colloquial_expansion if self._df(spoken) < w.colloquial_df else w.expansion
            terms.append(term)
            stands_for.append((term, frozenset(tokenize(spoken)) & set(own)))
            parts = dict.fromkeys(tokenize(term), weight)
            _share_compounds(parts, w.subword)
            for token, part in parts.items():
                weights[token] = max(weights.get(token, 0.0), part)
        if not weights:
            raise PolicydocsError("查询中没有可检索的词语 (no searchable words in the query)")
        scope_parts = [text, *terms]
        if scope:
            scope_parts += [scope, *(expansions(scope) if w.use_thesaurus else [])]
        fuzzy = []
        if w.use_char:
            for token in own:
                if len(token) >= w.char_min_len and _CJK_WORD.match(token):
                    # the gap stays inside one word: not across a list's joints (灭火剂和器材 is
                    # not 灭火器) nor punctuation
                    gap = f"[^{_LIST_JOINTS}\\W]{{0,{w.char_gap}}}"
                    fuzzy.append((token, re.compile(gap.join(re.escape(char) for char in token))))
        heads = self._head_characters(own) if w.use_heads else []
        return _Query(weights, text, "\n".join(scope_parts), fuzzy, heads=heads, stands_for=stands_for, own=own)

    def _head_characters(self, own: dict[str, float]) -> list[tuple[str, str]]:
        """(spoken word, head character) of the query's short words that the laws hardly use:
        the first character, and the second unless it completes the verb; never a negation or
        particle."""
        rare = self.weights.heads_share * self._total_docs
        heads: list[tuple[str, str]] = []
        for token in own:
            if len(token) <= 2 and _CJK_WORD.match(token) and self._df(token) < rare:
                heads.extend((token, char) for position, char in enumerate(token)
                             if char not in _NOT_HEADS and not (position and char in _COMPLEMENTS))
        return heads

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

    def _domain_mask(self, shard: str, domain: str):
        """Whoosh document numbers of the domain's documents in a shard (cached)."""
        from whoosh import query as wq

        key = (shard, "domain", domain)
        if key not in self._mask_cache:
            doc_ids = self.store.domain_doc_ids(domain)
            searcher = self._searchers[shard]
            self._mask_cache[key] = (set(searcher.docs_for_query(wq.Or([wq.Term("doc", d) for d in doc_ids])))
                                     if doc_ids else set())
        return self._mask_cache[key]

    def _candidates(self, query: _Query, *, region: str | None, law_ids: list[str] | None,
                    include_old: bool, domain: str | None = None) -> list[int]:
        """Article ids from each shard's best BM25F matches; with a domain, also the domain's
        best (few of the library's documents are in it, and 60 others could crowd them out).
        Ties are broken by clause id, so the same index gives the same candidates."""
        w = self.weights
        cids: list[int] = []
        tokens = sorted(query.weights, key=lambda t: (self._df(t), t))
        for shard, searcher in self._searchers.items():
            if searcher.doc_count() == 0 or (shard == "old" and not include_old):
                continue
            chosen: list[str] = []
            spent = 0
            for token in tokens:
                df = searcher.doc_frequency("body", token)
                if df == 0:
                    continue
                if chosen and spent + df > w.posting_budget[shard]:
                    break
                chosen.append(token)
                spent += df
            if not chosen:
                continue
            allowed = self._filters(shard, region, law_ids)
            if allowed is not None and not allowed:
                continue
            terms = [("body", t, query.weights[t] * self._idf(t)) for t in chosen]
            terms += [("title", t, query.weights[t]) for t in chosen]
            scores = bm25f_scores(searcher, terms, allowed)
            ranked = sorted(scores, key=lambda docnum: -scores[docnum])
            limit = w.candidates[shard]
            cids.extend(self._best(searcher, scores, ranked, limit))
            extra = w.candidates_domain[shard] if domain and w.use_domain and law_ids is None else 0
            mask = self._domain_mask(shard, domain) if extra and domain else set()
            if mask:
                # the domain's best below the library's best
                cids.extend(self._best(searcher, scores, [d for d in ranked[limit:] if d in mask], extra))
                asked = sum(self._idf(t) for t in chosen if t in query.own)
                if asked < w.weak_query * self._own_mass(query):
                    # most of the question is words too common to search for (主要负责人的安全生产职责):
                    # the library-wide order is arbitrary, so also take the domain's own best
                    cids.extend(self._best(searcher, scores, [d for d in ranked if d in mask], extra))
        return list(dict.fromkeys(cids))

    @staticmethod
    def _best(searcher, scores: dict[int, float], ranked: list[int], limit: int) -> list[int]:
        """Clause ids of the first `limit` of `ranked` (document numbers, best first), scores
        rounded and ties broken by clause id, so the same index always gives the same ones."""
        if not ranked or limit <= 0:
            return []
        cut = min(limit, len(ranked))
        last = round(scores[ranked[cut - 1]], 6)
        while cut < len(ranked) and round(scores[ranked[cut]], 6) == last:
            cut += 1  # every document tied with the last one competes on its clause id
        entries = sorted(((round(scores[d], 6), searcher.stored_fields(d)["cid"]) for d in ranked[:cut]),
                         key=lambda e: (-e[0], e[1]))
        return [cid for _, cid in entries[:limit]]

    # -- stage 2: rescoring -----------------------------------------------------------------
    def _bm25(self, query: _Query, tokens: list[str], text: str = "", terms: bool = False) -> tuple[float, float]:
        """(BM25 score, share of the query's IDF mass the unit covers). The mass is that of the
        query's own words (a word no law uses stays in it: such a question is partly about
        something the library does not say); a word counts as covered when the unit has it,
        has it in clipped form (character level, in `text`), or — with `terms`, for the
        confidence, not the order — says the legal term the thesaurus gives for it."""
        counts = Counter(tokens)
        length = len(tokens) or 1
        w = self.weights
        k1, b = w.bm25_k1, w.bm25_b
        norm = k1 * (1 - b + b * length / self._avg_len)
        score = 0.0
        covered: dict[str, float] = {}
        for token, weight in query.weights.items():
            tf = counts.get(token, 0)
            if tf:
                idf = self._idf(token)
                score += weight * idf * tf * (k1 + 1) / (tf + norm)
                if token in query.own:
                    covered[token] = 1.0
        if text:
            for token, pattern in query.fuzzy:
                if counts.get(token):
                    continue
                found = pattern.search(text)
                if found is None:
                    continue
                # the clause's own word for it (安全生产管理人员) says how informative the match is
                span = found.group(0)
                idf = min(self._idf(token), self._idf(span)) if self._df(span) else self._idf(token)
                score += w.char_match * idf * (k1 + 1) / (1 + norm)
                covered[token] = max(covered.get(token, 0.0), w.char_match)
            for token, char in query.heads:
                if counts.get(token):
                    continue
                holders = [self._idf(word) for word in counts if len(word) >= 2 and char in word]
                if not holders:
                    continue
                idf = min(self._idf(token), max(holders))
                score += w.head_match * idf * (k1 + 1) / (1 + norm)
                covered[token] = max(covered.get(token, 0.0), w.head_match)
            for term, own in query.stands_for if terms else ():
                if own and term in text:
                    for token in own:
                        covered[token] = max(covered.get(token, 0.0), w.expansion_cover)
        total = self._own_mass(query)
        mass = sum(self._idf(token) * share * query.own[token] for token, share in covered.items())
        return score, (min(1.0, mass / total) if total else 0.0)

    def _own_mass(self, query: _Query) -> float:
        """IDF mass of the query's own words."""
        if query.own_mass < 0:
            query.own_mass = sum(self._idf(t) * share for t, share in query.own.items())
        return query.own_mass

    def _score_unit(self, query: _Query, clause: Clause, document: Document, region: str | None = None,
                    domain: str | None = DOMAIN) -> float:
        return self._score_parts(query, clause, document, region, domain)[0]

    def _score_parts(self, query: _Query, clause: Clause, document: Document, region: str | None,
                     domain: str | None, terms: bool = False,
                     unit_id: int | None = None) -> tuple[float, float, bool, bool]:
        """(score, coverage, in scope, in domain) of one unit; `terms`: coverage credits the
        thesaurus' legal terms (for the confidence); `unit_id`: the unit's id in the store, so
        that the wording of its linked penalties counts too."""
        w = self.weights
        joined_lead = w.use_item_with_lead and bool(clause.lead)
        if joined_lead:
            # an item says nothing without its lead-in (（三）应急救援队伍。 is one of the units
            # that 应当建立应急值班制度): the two are read as one text
            joined = clause.lead + "\n" + clause.text
            own, cover = self._bm25(query, _tokens(joined), joined, terms)
        else:
            own, cover = self._bm25(query, _tokens(clause.text), clause.text, terms)
        whole = clause.ref.depth == "article" and "\n" in clause.text
        if w.use_list_lead and "\n" in clause.text:
            first = clause.text.split("\n", 1)[0]
            if first.endswith(("：", ":")):
                # a list article: its lead-in says what the list is (…负有下列职责：), and a
                # question matching it asks for the whole list, the article itself
                head, head_cover = self._bm25(query, _tokens(first), first, terms)
                if w.list_lead * head > own:
                    own, whole = w.list_lead * head, False
                cover = max(cover, head_cover)
        lead, lead_cover = (self._bm25(query, _tokens(clause.lead), clause.lead, terms)
                            if clause.lead and not joined_lead else (0.0, 0.0))
        context, _ = self._bm25(query, _tokens(" ".join([document.title, *clause.headings])))
        score = own + w.lead * lead + w.context * context
        if w.use_penalty_text and unit_id is not None and clause.kind != "penalty":
            # the penalties that punish this duty say its violation the way a question does
            # (未…的, 擅自…的): their words count like a lead-in's
            text = self._penalty_text(unit_id)
            if text:
                score += w.penalty_text * self._bm25(query, _tokens(text))[0]
        cover = min(1.0, cover + w.lead_cover * lead_cover)
        if w.use_coverage:
            score *= w.cover_floor + (1.0 - w.cover_floor) * cover
        if w.use_order:
            text = re.sub(r"\W", "", clause.lead + clause.text)
            bigrams = query.bigrams
            order = len({text[i:i + 2] for i in range(len(text) - 1)} & bigrams) / len(bigrams) if bigrams else 0.0
            score *= 1.0 + w.order * order
        if w.use_authority:
            authority = w.authority.get(document.category, w.authority_default)
            if region and region in document.region:
                # the user asked for this region's rules: its regulations beside the national
                # ones, its policy documents still below a law that says the same
                floor = w.region_match if document.level <= 5 or not w.use_national_first else w.region_match_policy
                authority = max(authority, floor)
            score *= authority
        if w.use_national_first and not region and document.region != "全国":
            score *= w.local_without_region
        if w.use_kind:
            score *= w.kind.get(clause.kind, w.kind_default)
        if w.use_currency and document.status != STATUS_CURRENT:
            score *= w.old_version
        if whole:
            score *= w.whole_article  # an item or paragraph that matches as well is the more precise answer
        scoped = in_scope(document.scope, query.scope_text)
        if w.use_scope and document.scope:
            score *= w.in_scope if scoped else w.out_of_scope
        in_domain = not domain or document.domain == domain
        if w.use_domain and not in_domain:
            score *= w.out_of_domain
        if w.use_party and not query.asks_authority and _authority_subject(clause.text, clause.lead):
            score *= w.authority_unasked  # the question is about a unit or a person, not an authority
        if w.use_party and query.workers_receive and _worker_subject(clause.text, clause.lead):
            score *= w.workers_unasked  # the workers are who the unit failed, not who failed
        return score, cover, scoped, in_domain

    def search(self, text: str, *, limit: int = 10, kind: str | None = None, region: str | None = None,
               law: str | None = None, include_old: bool = False, with_penalties: bool = True,
               scope: str | None = None, domain: str | None = DOMAIN,
               candidates: list[int] | None = None) -> list[Hit]:
        """Clauses for a free-text description, best first, one per article.

        `scope`: words of the context the question is asked in (煤矿, or a drafted document's
        title and scope line); a scoped document counts fully when they, or the question, touch
        its scope. `domain`: documents outside it (default 安全生产) are weighted down;
        "all" or None turns that off. Every hit carries a `confidence`. `candidates`: article
        ids from `candidates()` for the same text and options (stage 1 done once, e.g. while
        fitting weights that only change stage 2)."""
        if domain == "all":
            domain = None
        query = self._prepare(text, scope)
        if candidates is None:
            law_ids = self._law_ids(law) if law else None
            candidates = self._candidates(query, region=region, law_ids=law_ids, include_old=include_old,
                                          domain=domain)
        article_units = self.store.clauses_by_ids(candidates)
        hits: list[Hit] = []
        penalties: list[Hit] = []  # the best penalty unit of each article, whatever `kind` asks
        for cid in sorted(article_units):
            article_clause = article_units[cid]
            document = self.store.document(article_clause.doc_id)
            if article_clause.ref.article is None:
                units = [(cid, article_clause)]
            else:
                units = self.store.article_units(article_clause.doc_id, article_clause.ref.article)
            best = self._best_unit(query, units, document, region, domain, kind)
            if best is not None:
                hits.append(best)
            if self.weights.use_via_penalty and kind not in ("penalty", "definition", "other"):
                penalty = best if best is not None and best.clause.kind == "penalty" else (
                    self._best_unit(query, units, document, region, domain, "penalty") if kind else None)
                if penalty is not None:
                    penalties.append(penalty)
        if penalties:
            hits = self._lift_punished_duties(query, hits, penalties, region, domain, kind)
        hits.sort(key=lambda hit: (-hit.score, hit.citation, hit.document.doc_id, hit.clause_id))
        for hit in hits[:limit]:  # the confidence's coverage, for the hits returned
            hit.coverage = self._score_parts(query, hit.clause, hit.document, region, domain, terms=True)[1]
        assign_confidence(hits, self.weights, limit)
        hits = hits[:limit]
        if with_penalties:
            for hit in hits:
                hit.penalties = self.penalties(hit.clause_id)
                if self.weights.use_penalty_order and len(hit.penalties) > 1:
                    # the penalty that says what the question describes first (a stable sort:
                    # equals keep the law's order)
                    hit.penalties.sort(key=lambda linked: -self._score_unit(query, linked.clause, linked.document,
                                                                            region, domain))
        return hits

    def _penalty_text(self, unit_id: int) -> str:
        """The own words (item label dropped) of the penalties linked to a unit by an explicit
        reference or by wording; cached, as the same articles come back for related questions."""
        cached = self._penalty_texts.get(unit_id)
        if cached is None:
            if len(self._penalty_texts) >= _PENALTY_TEXT_CACHE:
                self._penalty_texts.clear()  # a long-running server stays small
            cached = self._penalty_texts[unit_id] = "\n".join(
                dict.fromkeys(_ITEM_LABEL.sub("", p.text) for _, p, how in self.store.penalties_for(unit_id)
                              if how in ("explicit", "wording")))
        return cached

    def _best_unit(self, query: _Query, units: list[tuple[int, Clause]], document: Document,
                   region: str | None, domain: str | None, kind: str | None) -> Hit | None:
        """The best-scoring unit of one article (of `kind` when given), as a hit."""
        scored = []
        for unit_id, unit in units:
            if kind is not None and unit.kind != kind:
                continue
            parts = self._score_parts(query, unit, document, region, domain, unit_id=unit_id)
            scored.append((parts, unit_id, unit))
        if not scored:
            return None
        best = max(scored, key=lambda entry: entry[0][0])  # the first of equals: document order
        (score, _, scoped, in_domain), unit_id, unit = best
        article = self._article_when_unsure(scored, best)
        if article is not None:
            unit_id, unit = article
        return Hit(unit_id, unit, document, score, in_scope=scoped, in_domain=in_domain)

    def _article_when_unsure(self, scored: list, best: tuple) -> tuple[int, Clause] | None:
        """The whole article in place of its best 款/项 when another 款/项 of it, neither part nor
        whole of the best, scores nearly as well: citing the article is right, guessing a 款 is not."""
        w = self.weights
        best_ref = best[2].ref
        if not w.use_sibling_margin or best_ref.depth in ("article", "section"):
            return None

        def related(ref: ClauseRef) -> bool:  # an ancestor or a descendant of the best unit
            shorter, longer = sorted((ref, best_ref), key=lambda r: _DEPTHS.index(r.depth))
            return all(getattr(shorter, name) is None or getattr(shorter, name) == getattr(longer, name)
                       for name in ("paragraph", "item", "subitem"))

        rivals = [entry[0][0] for entry in scored if entry is not best and entry[2].ref.depth != "article"
                  and not related(entry[2].ref)]
        if not rivals or best[0][0] > w.sibling_margin * max(rivals):
            return None
        whole = next(((unit_id, unit) for _, unit_id, unit in scored if unit.ref.depth == "article"), None)
        return whole

    def _lift_punished_duties(self, query: _Query, hits: list[Hit], penalties: list[Hit],
                              region: str | None, domain: str | None, kind: str | None) -> list[Hit]:
        """Each of the best penalties that names the duty it punishes (an explicit link) lifts
        that duty to `via_penalty` times its own score, adding the duty's article when stage 1
        missed it: the question matched the violation's wording, the duty is what was broken."""
        w = self.weights
        by_article = {(hit.document.doc_id, hit.clause.ref.article): hit for hit in hits}
        penalties = sorted(penalties, key=lambda hit: (-hit.score, hit.clause_id))[:w.via_penalty_depth]
        for penalty in penalties:
            duty_ids = self.store.duties_for(penalty.clause_id, w.via_penalty_links)
            duties = self.store.clauses_by_ids(duty_ids)
            articles: dict[tuple[str, int | None], list[tuple[int, Clause]]] = {}
            for duty_id in sorted(duties):
                duty = duties[duty_id]
                articles.setdefault((duty.doc_id, duty.ref.article), []).append((duty_id, duty))
            if not articles or len(articles) > w.via_penalty_duties:
                continue
            lifted = penalty.score * w.via_penalty
            for key, units in articles.items():
                best = self._best_unit(query, units, self.store.document(key[0]), region, domain, kind)
                if best is None:
                    continue
                current = by_article.get(key)
                if current is not None and current.score >= lifted:
                    continue
                best.score = max(best.score, lifted)
                if current is None or best.score > current.score:
                    by_article[key] = best
        return list(by_article.values())

    def candidates(self, text: str, *, region: str | None = None, law: str | None = None,
                   include_old: bool = False, scope: str | None = None, domain: str | None = DOMAIN) -> list[int]:
        """Stage 1 alone: the article ids `search` would rescore for these options."""
        query = self._prepare(text, scope)
        law_ids = self._law_ids(law) if law else None
        return self._candidates(query, region=region, law_ids=law_ids, include_old=include_old,
                                domain=None if domain == "all" else domain)

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
