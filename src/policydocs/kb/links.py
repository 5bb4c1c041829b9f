"""Duty → penalty links: for every duty clause of a law, the clause(s) of the same law's
法律责任 chapter that punish its breach, at item level, each with how it was found
(model.LINK_KINDS).

Three sources, strongest first:
1. explicit references in the penalty text (违反本法第三十三条规定…); one listing several
   articles is their catch-all and yields to anything more specific;
2. wording: the penalty whose violation description is most similar to the duty (TF-IDF over
   the law's own duties and penalties, expanded with the thesaurus so 报告 meets 谎报、迟报),
   among penalties addressed to the duty's party (主要负责人, 安全生产管理人员, 从业人员 …) or,
   for a duty of no listed party, to none; authorities' duties only meet authorities' penalties;
3. the party's catch-all penalty (…主要负责人未履行本法规定的安全生产管理职责的…) for a duty
   listed among that party's 职责 when no specific penalty fully matches.
Wording compares what is done, not who does it: the parties named in the subject are matched
as parties and left out of the wording. `benchmarks/bench_links.py` measures all of this.
Computed once at index time and stored in the clause store; search, cite and draft read it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from policydocs.model import Clause, Document
from policydocs.text.numerals import NUMERAL_PATTERN, cn_to_int
from policydocs.text.analyzer import tokenize
from policydocs.text.thesaurus import expansions

Link = tuple[int, int, str]

_PENALTY_CHAPTER = re.compile(r"法律责任|罚\s*则")
#: parties a clause can be addressed to; a specific party outranks the generic ones
_PARTIES = ("主要负责人", "其他负责人", "安全生产管理人员", "安全生产管理机构", "从业人员", "决策机构", "投资人",
            "特种作业人员", "作业人员", "工作人员", "承包单位", "承租单位", "施工单位", "建设单位", "设计单位",
            "监理单位", "使用单位", "检验机构", "检测机构", "评价机构", "中介机构",
            "人民政府", "工会", "监督管理部门", "有关部门", "用人单位", "劳动者", "医疗机构", "运输单位")
#: other names of a party, as the law's own definitions use them (a 分管负责人 is one of the 其他负责人)
_PARTY_ALIASES = {re.compile(pattern): party for pattern, party in (
    ("分管负责人", "其他负责人"), ("副职负责人", "其他负责人"),
    ("负有[^，。；]{0,16}?监督管理职责的部门", "监督管理部门"))}
#: government bodies and their staff, and the units and persons they oversee: a subject is an
#: authority when an authority word comes last (机关、团体、企业…等单位 is a unit)
_AUTHORITY = re.compile(r"人民政府|部门|机关|办事处|国务院|监督检查人员|救援机构")
_NON_AUTHORITY = re.compile(r"单位|企业|经营者|个人|从业人员|作业人员|机构")
_SUBJECT_END = re.compile(r"应当|必须|协助|负有|履行|有下列|未|不|对|在|发现|采用|使用|与|将|擅自|拒绝|违反|的，|，|。")
_LEADING_VIOLATION = re.compile(r"^(?:违反本(?:法|条例|规定|办法)(?:的)?规定，?)")
_EXPLICIT = re.compile(rf"(?:违反|未依照|未按照|未按|不依照|不按照|依照)本(?:法|条例|规定|办法)((?:第(?:{NUMERAL_PATTERN})条"
                       rf"(?:第(?:{NUMERAL_PATTERN})款)?(?:第(?:{NUMERAL_PATTERN})项)?[、和或者及至]*)+)")
_ARTICLE_IN_RUN = re.compile(rf"第({NUMERAL_PATTERN})条")
_CATCH_ALL = re.compile(r"未履行本(?:法|条例|规定|办法)规定的[^。；，]{0,12}职责的")
_ITEM_LABEL = re.compile(r"^（[一二三四五六七八九十]+）")
_LINK_STOP = frozenset({"未", "不", "没有", "生产", "经营", "产经", "单位", "生产经营单位", "安全", "安全生产", "责令",
                        "改正", "罚款", "万元", "处"})
_SENTENCE = re.compile(r"。")
_CLAUSE_SPLIT = re.compile(r"[，；]")
#: a clause with a subject of its own: a short noun phrase, then 应当/必须/不得
_OTHER_SUBJECT = re.compile(r"^[^，。；]{2,24}?(?:应当|必须|不得)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: a penalty that only adds to an earlier one (有前款违法行为，导致发生生产安全事故的…) names no violation
_CONSEQUENCE = re.compile(r"前[一二三两]?[款项]")
#: a later sentence's subject is a party only when a verb ends it soon (其他负责人对…负责)
_MAX_LATER_SUBJECT = 15
MIN_SIMILARITY = 0.2
#: a penalty addressed to the duty's own party needs less shared wording to be the match
MIN_SIMILARITY_SAME_PARTY = 0.15
NEAR_BEST = 0.95
MIN_SHARED_WORDS = 2
#: an explicit reference listing this many articles is a general one
MIN_GENERAL_REFERENCE = 3
PART_WEIGHT = 0.5
#: a word in more than this share of a law's duties and penalties is one of its domain words
DOMAIN_SHARE = 0.25


def _is_penalty_chapter(clause: Clause) -> bool:
    return any(_PENALTY_CHAPTER.search(heading) for heading in clause.headings)


def _split_subject(text: str) -> tuple[str, str]:
    """(subject, the rest): the words before the clause's verb, and what the clause says they do."""
    text = _LEADING_VIOLATION.sub("", text)
    end = _SUBJECT_END.search(text, 2)
    if end is None:
        return text[:30], text[30:]
    return text[: end.start()], text[end.start():]


def _parties_in(subject: str) -> set[str]:
    found = {party for party in _PARTIES if party in subject}
    found.update(party for alias, party in _PARTY_ALIASES.items() if alias.search(subject))
    return found


def parties(text: str, every_sentence: bool = False) -> set[str]:
    """The specific parties named as the subject of a clause (of its first sentence, or of each
    sentence: 主要负责人…。其他负责人… addresses both)."""
    first, *later = [s for s in _SENTENCE.split(text) if s] or [text]
    found = _parties_in(_split_subject(first)[0])
    for sentence in later if every_sentence else []:
        subject, rest = _split_subject(sentence)
        if len(subject) <= _MAX_LATER_SUBJECT and not rest.startswith("，"):
            found |= _parties_in(subject)
    return found


def _item_parties(text: str) -> set[str]:
    """The party an item of a penalty names as its own subject, when the subject ends with it
    (…运输单位的主要负责人和安全生产管理人员 未按照规定…; not …国务院有关部门规定的其他危险作业)."""
    subject = _split_subject(text)[0].rstrip("，、 ")
    if not (any(subject.endswith(name) for name in _PARTIES)
            or any(match.end() == len(subject) for alias in _PARTY_ALIASES for match in alias.finditer(subject))):
        return set()
    return _parties_in(subject)


def _addresses_authority(text: str) -> bool:
    """Whether a clause's subject is a government body or its staff rather than a unit or person."""
    subject = _split_subject(text)[0]
    authority = [m.end() for m in _AUTHORITY.finditer(subject)]
    other = [m.end() for m in _NON_AUTHORITY.finditer(subject)]
    return bool(authority) and max(authority) >= max(other, default=-1)


def _own_side(text: str, authority: bool) -> str:
    """The duty's words without clauses that give the other side a duty of its own
    (事故发生单位应当落实整改措施，负有…职责的部门应当加强监督检查: the 部门's part is not
    the 单位's duty, and wording must not match it to a penalty of units)."""
    kept = [part for part in _CLAUSE_SPLIT.split(text)
            if not (_OTHER_SUBJECT.match(part) and _addresses_authority(part) != authority)]
    return "，".join(kept)


def _action(text: str) -> str:
    """A clause's words without the parties named in its subject: what is required or punished.
    Other subject words stay (市场举办者, 承办者 tell apart penalties the party list does not know)."""
    text = _ITEM_LABEL.sub("", text)
    subject, rest = _split_subject(text)
    for alias in _PARTY_ALIASES:
        subject = alias.sub(" ", subject)
    for name in _PARTIES:
        subject = subject.replace(name, " ")
    return subject + rest


def _leaves(clauses: Sequence[tuple[int, Clause]]) -> list[tuple[int, Clause]]:
    """Clauses with no finer clause under them (项 over 款 over 条; 目 are folded into 项)."""
    children: set[tuple] = set()
    for _, clause in clauses:
        ref = clause.ref
        if ref.subitem is not None:
            continue
        if ref.item is not None:
            children.add((ref.article, ref.paragraph))
            children.add((ref.article, None))
        elif ref.paragraph is not None:
            children.add((ref.article, None))
    return [(cid, clause) for cid, clause in clauses
            if clause.ref.subitem is None
            and (clause.ref.item is not None or (clause.ref.article, clause.ref.paragraph) not in children)]


def _violation_text(clause: Clause) -> str:
    """What a penalty clause describes as the violation: an item's own words, or an article's
    words before the sanction (…的，责令…); '' when it only names who broke which article
    (…等单位违反本法第十六条、第十七条规定的，…): explicit references link those."""
    text = _action(_EXPLICIT.sub("", clause.text))
    if clause.ref.item is not None:
        return text
    described = _split_subject(_EXPLICIT.sub("", clause.text))[1].split("的，")[0]
    return text.split("的，")[0] if len(_CJK.findall(described)) >= 2 else ""


class _Vectors:
    """TF-IDF vectors over one law's clauses, with thesaurus expansion.

    Search-mode segmentation gives a compound and its parts (从业人员, 从业, 人员). The compound
    counts in full; its parts count at PART_WEIGHT, enough for 安全生产投入 to meet 资金投入 through
    投入 without one word outweighing the rest three times over."""

    def __init__(self, texts: dict[int, str]):
        self.tokens = {cid: self._tokens(text) for cid, text in texts.items()}
        frequency = Counter(token for tokens in self.tokens.values() for token in set(tokens))
        total = len(self.tokens) + 1
        self.idf = {token: math.log(total / (1 + count)) + 1 for token, count in frequency.items()}
        #: the law's own subject words (起重 in a crane law) say nothing about which duty is meant
        self.domain = {token for token, count in frequency.items() if count > DOMAIN_SHARE * total}
        self.vectors = {cid: self._vector(tokens) for cid, tokens in self.tokens.items()}

    @staticmethod
    def _tokens(text: str) -> list[str]:
        return [w for w in tokenize(text + " " + " ".join(expansions(text))) if w not in _LINK_STOP and len(w) > 1]

    def _vector(self, tokens: list[str]) -> dict[str, float]:
        counts = Counter(tokens)
        vector = {t: (1 + math.log(n)) * self.idf.get(t, 1.0) * (PART_WEIGHT if _is_part(t, counts) else 1.0)
                  for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def similarity(self, a: int, b: int) -> float:
        """Cosine similarity; 0 when the texts share fewer than two words besides the law's
        domain words (one is no evidence; 生产安全事故 and its part 事故 are one word)."""
        va, vb = self.vectors[a], self.vectors[b]
        shared = (va.keys() & vb.keys()) - self.domain
        if sum(1 for word in shared if not _is_part(word, shared)) < MIN_SHARED_WORDS:
            return 0.0
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(weight * vb.get(token, 0.0) for token, weight in va.items())


def _is_part(word: str, words: Iterable[str]) -> bool:
    """Whether `word` is part of a longer word among `words`."""
    return any(word != other and word in other for other in words)


def _links_for_document(clauses: list[tuple[int, Clause]]) -> list[Link]:
    leaves = _leaves(clauses)
    penalty_units = [(cid, c) for cid, c in leaves if _is_penalty_chapter(c)]
    if not penalty_units:
        return []
    duty_units = [(cid, c) for cid, c in leaves if not _is_penalty_chapter(c) and c.kind == "duty"]
    specific, general = _explicit_links(clauses, penalty_units)
    links = specific | _matched_links(duty_units, penalty_units)
    linked = {duty_id for duty_id, _, _ in links}
    links.update(link for link in general if link[0] not in linked)
    return _propagate_up(links, clauses)


def _explicit_links(clauses: list[tuple[int, Clause]],
                    penalty_units: list[tuple[int, Clause]]) -> tuple[set[Link], set[Link]]:
    """(specific, general) links from 违反本法第X条 references. One listing several articles
    (第十六条、第十七条、第十八条…) is a catch-all for them: the specific penalty an article's
    duty gets by wording comes first."""
    by_article: dict[int, list[tuple[int, Clause]]] = defaultdict(list)
    for cid, clause in clauses:
        if clause.ref.article is not None:
            by_article[clause.ref.article].append((cid, clause))
    article_text = {c.ref.article: c.text for _, c in clauses if c.ref.depth == "article"}
    specific: set[Link] = set()
    general: set[Link] = set()
    for cid, penalty in penalty_units:
        source = (penalty.lead + penalty.text if penalty.ref.item is not None
                  else article_text.get(penalty.ref.article, ""))
        authority = _addresses_authority(penalty.lead or penalty.text)
        for run in _EXPLICIT.finditer(source):
            numbers = _ARTICLE_IN_RUN.findall(run.group(1))
            found = general if len(numbers) >= MIN_GENERAL_REFERENCE else specific
            for number in numbers:
                for duty_id, duty in by_article.get(cn_to_int(number), []):
                    # the article's paragraphs addressed to the other side are not what is punished
                    if not _is_penalty_chapter(duty) and _addresses_authority(duty.lead or duty.text) == authority:
                        found.add((duty_id, cid, "explicit"))
    return specific, general


def _matched_links(duty_units: list[tuple[int, Clause]], penalty_units: list[tuple[int, Clause]]) -> set[Link]:
    """Links by party and wording (sources 2 and 3 of the module docstring)."""
    penalty_units = [(cid, p) for cid, p in penalty_units if not _CONSEQUENCE.search(p.text.split("的，")[0])]
    # who is punished (the lead's subject) …
    punished = {cid: parties(p.lead or p.text) for cid, p in penalty_units}
    # … and whose act an item describes, when it names its own party (…单位的主要负责人和安全生产
    # 管理人员未按照规定经考核合格): a duty of either party may be the one broken
    penalty_parties = {cid: punished[cid] | (_item_parties(p.text) if p.lead else set())
                       for cid, p in penalty_units}
    by_authority = {cid: _addresses_authority(c.lead or c.text) for cid, c in (*penalty_units, *duty_units)}
    catch_all = {cid for cid, p in penalty_units if _CATCH_ALL.search(p.lead + p.text) and penalty_parties[cid]}
    texts = {cid: _violation_text(p) for cid, p in penalty_units}
    texts.update({cid: _action(_own_side(d.text, by_authority[cid])) for cid, d in duty_units})
    vectors = _Vectors(texts)
    links: set[Link] = set()
    for duty_id, duty in duty_units:
        duty_parties = parties(duty.lead or duty.text, every_sentence=True)
        authority = by_authority[duty_id]
        # an authority's duty is punished by penalties of authorities, a unit's by those of units
        same_side = [cid for cid in penalty_parties if by_authority[cid] == authority]
        addressed = [cid for cid in same_side if duty_parties & penalty_parties[cid]]
        # a penalty for the duty's own party first; penalties of the general party otherwise
        # (for an authority: of any of its staff)
        candidates = [cid for cid in addressed if cid not in catch_all] if addressed else [
            cid for cid in same_side if authority or not punished[cid]]
        scored = sorted(((vectors.similarity(duty_id, cid), cid) for cid in candidates), reverse=True)
        party_catch_all = catch_all.intersection(addressed)
        # a duty on its party's 职责 list has that party's catch-all; a specific penalty takes its
        # place only on a full match
        listed = "职责" in duty.lead and party_catch_all
        threshold = MIN_SIMILARITY_SAME_PARTY if addressed and not listed else MIN_SIMILARITY
        if scored and scored[0][0] >= threshold:
            best = scored[0][0]
            links.update((duty_id, cid, "wording") for score, cid in scored if score >= best * NEAR_BEST)
        elif "职责" in duty.lead + duty.text and party_catch_all:
            links.update((duty_id, cid, "party") for cid in party_catch_all)
        elif len(addressed) == 1 and not authority:
            # the one penalty a party has (从业人员…不落实岗位安全责任…的) is its catch-all; an
            # authority's penalties name specific acts (隐瞒不报…) and are not
            links.add((duty_id, addressed[0], "party"))
    return links


def _propagate_up(links: set[Link], clauses: list[tuple[int, Clause]]) -> list[Link]:
    """An article (or 款) hit carries the penalties of its items."""
    ids_by_ref = {clause.ref: cid for cid, clause in clauses}
    ref_by_id = {cid: clause.ref for cid, clause in clauses}
    result = set(links)
    for duty_id, penalty_id, how in links:
        ref = ref_by_id[duty_id]
        for parent in {ref.article_only(), type(ref)(ref.article, ref.paragraph)}:
            parent_id = ids_by_ref.get(parent)
            if parent_id is not None and parent_id != duty_id:
                result.add((parent_id, penalty_id, how))
    return sorted(result)


def compute_links(documents: Sequence[Document], first_ids: Sequence[int]) -> list[Link]:
    """All links of all documents; clause ids follow the store's numbering (`first_ids`)."""
    links: list[Link] = []
    for document, first in zip(documents, first_ids):
        if not any(_is_penalty_chapter(c) for c in document.clauses):
            continue
        numbered = list(enumerate(document.clauses, start=first))
        links.extend(_links_for_document(numbered))
    return links
