"""Every number the ranking uses, in one dataclass, so that a script can fit them and a
benchmark can switch each mechanism off by name.

`RankingWeights.load()` reads `data/ranking_weights.json` when present (written by the fitting
script: a flat JSON object of field → value; keys starting with "_" are notes; other unknown
keys are an error so a renamed field is noticed) and otherwise gives the defaults below. Field
names are an interface: the fitting script and the benchmark address them by name, so rename
none without saying so.

Switches (`use_*`): each mechanism can be turned off without touching its numbers; the
benchmark prints one row per switch turned off, and each switch has a test that fails when it
is off.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from importlib import resources
from pathlib import Path

from policydocs.errors import PolicydocsError

WEIGHTS_FILE = "data/ranking_weights.json"


def _authority() -> dict[str, float]:
    return {"宪法": 1.0, "法律": 1.0, "行政法规": 0.95, "部门规章": 0.9, "司法解释": 0.85,
            "地方性法规": 0.65, "地方政府规章": 0.6, "规范性文件": 0.35, "工作文件": 0.3, "案例": 0.3}


def _kind() -> dict[str, float]:
    return {"duty": 1.0, "penalty": 0.85, "definition": 0.95, "other": 0.9}


@dataclass(frozen=True, slots=True)
class RankingWeights:
    """The ranking's parameters (defaults: the hand-set values before fitting)."""

    # -- stage 1: Whoosh candidates, per shard -----------------------------------------------
    #: posting-list budget (sum of document frequencies of the words asked for, rarest first).
    #: 3000 in the national shard lets the legal word after a spoken question's rare words
    #: (去年, 新招 … 许可证) in (dev v2 duty hit@5 0.74 at 1500 → 0.80; 5000 and 10000 add
    #: nothing); Whoosh reads postings in Python, so it costs: warm p50 27 → 38 ms on session 7's
    #: machine, 49 → 89 ms on session 6's slower one (`benchmarks/bench_search.py`).
    posting_budget: dict[str, int] = field(default_factory=lambda: {"national": 3000, "local": 800, "old": 800})
    #: articles each shard contributes
    candidates: dict[str, int] = field(default_factory=lambda: {"national": 60, "local": 30, "old": 30})
    #: share of the query's own IDF mass below which stage 1 is "weak" (too few searchable
    #: words) and the domain's documents are searched on their own as well
    weak_query: float = 0.5
    #: articles each shard adds from the requested domain's documents alone (with use_domain)
    candidates_domain: dict[str, int] = field(default_factory=lambda: {"national": 20, "local": 0, "old": 0})

    # -- query words --------------------------------------------------------------------------
    #: drop the spoken question's filler words (一直, 都, 拿, 好几年: data/query_fillers.txt)
    use_fillers: bool = True
    use_thesaurus: bool = True
    #: a query word that is part of a longer query word (救援 and 急救 of 应急救援, which jieba's
    #: search mode gives as well), relative to a word of its own: one word of the question
    #: counted four times outweighed the rest (session 8: 0.7 — dev v2 duty hit@1 0.61 → 0.63,
    #: mined pairs MRR@10 fit 0.704 → 0.706, holdout 0.722 → 0.727; 0.5–0.8 within 0.002)
    subword: float = 0.7
    #: weight of a thesaurus expansion's words
    expansion: float = 0.6
    #: weight of an expansion whose spoken word the laws hardly use (trusted to mean the term)
    colloquial_expansion: float = 1.0
    #: articles: below this document frequency a spoken word counts as colloquial
    colloquial_df: int = 100
    #: share of a spoken word's IDF mass covered by a clause that says its legal term
    expansion_cover: float = 0.8
    #: (only for the confidence: crediting it in the ranking's coverage too raised dev v2 duty
    #: hit@5 0.80 → 0.84 but lowered the held-out questions' penalty hit@5 0.68 → 0.63, session 8)

    # -- stage 2: unit score ------------------------------------------------------------------
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
    #: an item (项) is scored on its lead-in and its own words as one text — one BM25 length,
    #: one coverage — instead of its own words plus `lead` × the lead-in's (session 8: mined
    #: pairs hit@1 0.638 → 0.648, dev v2 duty hit@5 0.81 → 0.84, dev v2 markers hit@1 0.71 →
    #: 0.74; a short bare item, （三）应急救援队伍。, no longer outscores every sentence)
    use_item_with_lead: bool = True
    #: the lead-in sentence of an item, relative to the unit's own text
    lead: float = 0.3
    #: the document title and chapter headings, relative to the unit's own text
    context: float = 0.15
    use_penalty_text: bool = True
    #: the wording of the penalties linked to a duty (explicit or by wording), relative to the
    #: unit's own text: a penalty says the violation as a question does (未…的); 0.3 as a lead-in
    #: (dev v1 MRR 0.97 → 1.00, v2 0.66 → 0.67; 0.6 lowers v2 hit@1 0.59 → 0.56)
    penalty_text: float = 0.3
    use_coverage: bool = True
    #: share of the lead-in's coverage of the query's IDF mass credited to the unit
    lead_cover: float = 0.5
    #: score factor at zero coverage (rises linearly to 1 at full coverage)
    cover_floor: float = 0.3
    use_order: bool = True
    #: score factor per unit of shared character bigrams with the query (1 + order × share)
    order: float = 1.0
    #: an article with several lines: a finer unit that matches as well is the better answer
    whole_article: float = 0.9

    # -- document and clause priors -----------------------------------------------------------
    use_authority: bool = True
    authority: dict[str, float] = field(default_factory=_authority)
    #: authority of a category not listed
    authority_default: float = 0.7
    #: floor of a document's authority when it is in the region the user asked for
    region_match: float = 0.9
    use_kind: bool = True
    kind: dict[str, float] = field(default_factory=_kind)
    kind_default: float = 0.9
    use_currency: bool = True
    #: an amended or repealed version
    old_version: float = 0.6

    # -- scope, domain, national first (kb/scope.py, kb/domain.py) ---------------------------
    use_scope: bool = True
    #: a scoped document (煤矿, 危险化学品 …) when the question does not touch its scope
    out_of_scope: float = 0.6
    #: a scoped document when it does (1: as good as the general law, the words decide)
    in_scope: float = 1.0
    use_domain: bool = True
    #: a document outside the requested domain (default 安全生产)
    out_of_domain: float = 0.6
    use_national_first: bool = True
    #: a local document when no region was asked for (on top of its authority)
    local_without_region: float = 0.7
    #: authority floor of a policy document (规范性文件, 工作文件) of the requested region;
    #: regulations of that region get `region_match`
    region_match_policy: float = 0.45

    use_party: bool = True
    #: a clause addressed to an authority (…部门负责…) when the question names no authority
    authority_unasked: float = 0.75
    #: a clause addressed to the workers (从业人员应当…) when the question has them receive what
    #: the unit failed to give (不给工人发…, 为作业人员配齐…)
    workers_unasked: float = 0.75

    #: a hit's linked penalties in the order they match the question, not the law's order: a
    #: duty punished by several articles (堵塞通道 and 未清理杂物 of one duty) shows the one the
    #: inspector saw first (session 8: dev v2 penalty hit@1 0.64 → 0.70, markers 0.58 → 0.61)
    use_penalty_order: bool = True
    use_sibling_margin: bool = True
    #: the best 款/项 of an article must score this many times any other 款/项 of it (not its
    #: part or whole), else the hit cites the article: the 条 is right where the 款 is a guess
    sibling_margin: float = 1.1
    use_via_penalty: bool = True
    #: a duty clause that a matching penalty names (违反本法第X条规定，未…的) scores this many
    #: times that penalty's score: penalties describe violations in an inspector's words, and
    #: the duty they punish is the 执法依据 to show before them (hand-set: the mined pairs are
    #: cut from those very penalties, so they cannot fit it)
    via_penalty: float = 1.01
    #: penalties of the best this many articles lend their score; one naming more duty
    #: articles than `via_penalty_duties` is a catch-all and lends nothing
    via_penalty_depth: int = 10
    via_penalty_duties: int = 3
    #: the kinds of link (model.LINK_KINDS) followed back from a penalty to its duty
    via_penalty_links: tuple[str, ...] = ("explicit", "wording")

    # -- character-level matching and list articles -------------------------------------------
    use_char: bool = True
    #: weight of a query word met only as a clipped form in the clause (安全管理人员 ↔ 安全生产管理人员)
    char_match: float = 0.7
    #: shortest query word tried, in characters
    char_min_len: int = 3
    #: characters allowed between two of the query word's characters
    char_gap: int = 2
    #: a spoken word of one or two characters that the laws hardly use (锁死, 坏, 进库, 投钱) is
    #: also met by a clause word holding its head character (锁闭, 损坏, 入库, 投入) — its first
    #: character, or both unless the second completes a verb (死掉住满坏…); never a negation or
    #: particle (session 8: dev v2 duty hit@1 / hit@5 0.64 / 0.80 → 0.64 / 0.81; the held-out
    #: questions 0.38 / 0.64 → 0.43 / 0.69; mined pairs unchanged)
    use_heads: bool = True
    #: "hardly": in fewer than this share of the library's articles (about 20 of 146 k)
    heads_share: float = 0.00015
    #: weight of such a match (with the IDF of the clause's word, at most the spoken word's)
    head_match: float = 0.5
    use_list_lead: bool = True
    #: a list article scored by its lead-in alone ("…负有下列职责："), relative to its own text
    #: (1.2 before: holdout pairs equal at 1.0–1.2, dev v2 duty hit@1 0.54 → 0.59 at 1.1, and 1.1
    #: is the least that keeps 安全生产法第二十一条 first for 主要负责人的安全生产职责)
    list_lead: float = 1.1

    # -- confidence (search/confidence.py) ----------------------------------------------------
    #: share of the query's IDF mass below which a hit is `none`
    confidence_none_cover: float = 0.35
    #: `high` (written plainly into a draft) needs all three of the following; fitted by
    #: scripts/calibrate_confidence.py on the mined pairs of the fit laws as the thresholds that
    #: call the most top hits `high` at ≥ 0.95 precision — the share of plain citations issue 9
    #: asks to be right. Session 8, with items read with their lead-in: 0.6 / 2.0 / 1.2, fit
    #: 0.951 precision / 0.424 called high, holdout laws 0.956 / 0.436 (before that change:
    #: 0.8 / 2.0 / 1.3, fit 0.950 / 0.368, holdout laws 0.950 / 0.378). Drafted as markers
    #: (bench_markers.py): held-out questions 16 of 72 plain, all right; dev v2 26 of 70, 25
    #: right. The 0.90 point before that change (0.65 / 1.4 / 1.2, fit 0.903 / 0.540) wrote 22
    #: of the held-out markers plainly, 4 of them wrong (0.82). Session 7 (0.90 points):
    #: 0.7 / 1.3 / 1.3; session 6: 0.75 / 1.3 / 1.1; hand-set in session 5: 0.6 / 1.25 / 1.1.
    #: share at or above which a hit may be `high`
    confidence_high_cover: float = 0.6
    #: a `high` hit scores this many times the best clause of any other document
    confidence_margin: float = 2.0
    #: … and this many times the next clause of its own document
    confidence_same_margin: float = 1.2

    @classmethod
    def load(cls, path: Path | None = None) -> RankingWeights:
        """Weights from `path`, else from the package's data file, else the defaults."""
        if path is None:
            resource = resources.files("policydocs").joinpath(WEIGHTS_FILE)
            if not resource.is_file():
                return cls()
            text = resource.read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        try:
            data = json.loads(text)
        except ValueError as error:
            raise PolicydocsError(f"排序权重文件无法解析 (bad ranking weights file): {error}") from None
        return cls().updated(data)

    def updated(self, changes: dict) -> RankingWeights:
        """A copy with some fields changed; a dict field may be given in part. Keys starting
        with "_" are notes (how a fitted file was made) and are ignored."""
        changes = {key: value for key, value in changes.items() if not key.startswith("_")}
        names = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise PolicydocsError(f"排序权重中有未知字段 (unknown ranking weights): {', '.join(unknown)}")
        merged: dict[str, object] = {}
        for name, value in changes.items():
            current = getattr(self, name)
            merged[name] = {**current, **value} if isinstance(current, dict) else type(current)(value)
        return replace(self, **merged)  # type: ignore[arg-type]

    def without(self, *switches: str) -> RankingWeights:
        """A copy with the named mechanisms (`use_*` fields, given with or without `use_`) off."""
        return self.updated({name if name.startswith("use_") else f"use_{name}": False for name in switches})

    @staticmethod
    def switches() -> list[str]:
        """Names of the mechanisms that can be switched off."""
        return [f.name for f in fields(RankingWeights) if f.name.startswith("use_")]

    def as_json(self) -> dict:
        return asdict(self)
