"""Duty → penalty links: for every duty clause of a law, the clause(s) of the same law's
法律责任 chapter that punish its breach, at item level, each with how it was found
(model.LINK_KINDS). Only clauses that sanction something are penalties (not a deferral such as
…有处理规定的，从其规定).

Four sources, strongest first:
1. explicit references in the penalty text (违反本法第三十三条第一款规定…), down to the 款 and
   项 they name, shorthand lists included (第十条第三、四项, read by text/addresses.py, the
   citation finder's parser); an item shares its lead's reference with its siblings and takes,
   of the named units, those its words match; one listing several articles is their catch-all
   and yields to anything more specific;
2. wording: the penalty whose violation description is most similar to the duty (TF-IDF over
   the law's own duties and penalties, expanded with the thesaurus so 报告 meets 谎报、迟报),
   among penalties addressed to the duty's party (主要负责人, 安全生产管理人员, 从业人员 …) or,
   for a duty of no listed party, to none; authorities' duties only meet authorities' penalties;
   never a penalty of another party (a unit of another role — 使用单位 vs 经营单位 —, a unit's
   for a person's duty or the reverse, an item naming a party the duty does not), nor a
   penalty that names other articles than the duty's;
3. the party's catch-all penalty (…主要负责人未履行本法规定的安全生产管理职责的…) for a duty
   listed among that party's 职责 when no specific penalty fully matches, or a person's only
   penalty;
4. referral: a duty linked to a penalty that borrows another's sanction (…接受转让的，依照本条例
   第十九条的规定处罚; 依照前款规定处罚) also gets the one it names, as exactly as it names it; so does a duty that
   names its own sanction (…；逾期不办理…的，依照本条例第十九条的规定处罚).
A prohibition naming no one (禁止向个人销售…) is a duty of whoever the penalty names — when the
penalty names its party, one that can do the act: its act or party says the prohibition's verb
(禁止销售… is not the 使用单位's 使用…的) —, and a penalty item opening on its object (向个人销售…的)
names no party. A rule on how heavily to punish (有下列情形之一的，应当从重处罚：) is no duty; a duty
of everyone but some (除文物销售单位、文物拍卖企业外，其他单位…不得…) is not the excepted parties' to
break; a duty to hold a licence before acting (未取得安全生产许可证的，不得从事生产活动) that wording
links to nothing has the penalty for acting without that same licence, also when the sentence
before names it (国家对危险化学品经营实行许可制度。未经许可，…不得经营危险化学品). A list's lead that
states a duty of its own (…应当立即启动…应急救援预案，采取下列…措施：) is matched, by wording alone, as
its 条/款's duty; a person bound by name (…安全生产管理人员应当…) has that person's catch-all when
wording finds nothing; a party that only may do something while another must (…企业工会可以…提出
意见和建议，厂务公开责任人应当…答复) is not bound, and a union's rule or a bar on its staff (…不得担任…)
is not its staff's one catch-all (工会工作人员不履行职责的).
Wording compares what is done, not who does it: the parties named in the subject are matched
as parties and left out of the wording. `benchmarks/bench_links.py` measures all of this
(including a hand-checked audit sample); `tests/test_links_library.py` checks every explicit
link of the library against its reference text. Computed once at index time and stored in the
clause store, sorted; search, cite and draft read it.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from policydocs.corpus.lawtree import in_penalty_chapter
from policydocs.model import Clause, ClauseRef, Document
from policydocs.text.addresses import ORDINAL, parse_chain
from policydocs.text.analyzer import tokenize
from policydocs.text.numerals import NUMERAL_PATTERN, cn_to_int
from policydocs.text.thesaurus import expansions

Link = tuple[int, int, str]

#: parties a clause can be addressed to; a specific party outranks the generic ones
_PARTIES = ("主要负责人", "其他负责人", "安全生产管理人员", "安全生产管理机构", "从业人员", "决策机构", "投资人",
            "特种作业人员", "作业人员", "工作人员", "承包单位", "承租单位", "施工单位", "建设单位", "设计单位",
            "监理单位", "使用单位", "检验机构", "检测机构", "评价机构", "中介机构",
            "人民政府", "工会", "监督管理部门", "有关部门", "用人单位", "劳动者", "医疗机构", "运输单位")
#: the parties a clause may name as its subject (what `briefing --party` accepts)
PARTIES = _PARTIES
#: other names of a party, as the law's own definitions use them (a 分管负责人 is one of the 其他负责人)
_PARTY_ALIASES = {re.compile(pattern): party for pattern, party in (
    ("分管负责人", "其他负责人"), ("副职负责人", "其他负责人"), ("单位负责人", "主要负责人"),
    ("负有[^，。；]{0,16}?监督管理职责的部门", "监督管理部门"))}
#: government bodies and their staff, and the units and persons they oversee: a subject is an
#: authority when an authority word comes last (机关、团体、企业…等单位 is a unit)
#: a 管理机构 of a park or area is an authority; a unit's 安全生产管理机构 is the unit's
_AUTHORITY = re.compile(r"政府|部门|机关|办事处|国务院|监督检查人员|救援机构"
                        r"|(?<!安全)(?<!安全生产)管理机构|管理委员会|管委会")
_NON_AUTHORITY = re.compile(r"单位|企业|经营者|个人|从业人员|作业人员|机构")
#: an authority inside a qualifier (…国务院有关部门规定的其他危险作业) is not the subject
_QUALIFIER = re.compile(r"(?:国务院|[\u4e00-\u9fff]{0,10}(?:人民政府|部门|机关))[^，。；]{0,20}?"
                        r"(?:规定|确定|公布|批准|认定|指定)的")
#: what a unit does in the regulated activity: its role (使用单位 ≠ 经营单位 ≠ 生产单位)
_ROLES = ("维护保养", "物业服务", "生产", "经营", "使用", "销售", "经销", "充装", "检验", "检测", "建设", "施工",
          "设计", "监理", "勘察", "运输", "储存", "装卸", "出租", "承租", "承包", "发包", "租赁", "安装", "改造",
          "修理", "维修", "制造", "进口", "出口", "认证", "评价", "培训", "托运", "承运", "寄递", "运营")
_ROLE_ALTERNATIVES = "|".join(_ROLES)
_ROLE_PHRASE = re.compile(rf"((?:{_ROLE_ALTERNATIVES})(?:[、和或者及与]*(?:{_ROLE_ALTERNATIVES}))*)"
                          r"的?(?:单位|企业|机构|者|人(?!员))")
_ROLE_WORD = re.compile("|".join(_ROLES))
#: 生产经营单位 is every unit of the law, no role of its own
_GENERAL_ROLES = frozenset({"生产", "经营"})
#: a natural person as the subject (事故现场有关人员, 单位负责人), not a unit
#: (人员密集场所 is a place, not its people)
_PERSON_HEAD = re.compile(r"单位负责人|人员(?!密集)|负责人|公民|个人|劳动者|职工|工人|驾驶人|司机|学生")
#: a subject of units and persons alike (任何单位和个人, 单位、个人): both kinds of penalty may punish it
_EVERYONE = re.compile(r"(?:单位|组织)[、和或与及者]*(?:个人|公民)|(?:个人|公民)[、和或与及者]*(?:单位|组织)")
_UNIT_OR_PERSON = re.compile(rf"{_PERSON_HEAD.pattern}|单位|企业|机构|经营者|生产者|销售者")
_MODAL = re.compile(r"应当|必须|不得")
_GOVERNMENT = re.compile(r"政府|国务院")
_DEPARTMENT = re.compile(r"部门|机关|(?<!安全)(?<!安全生产)机构|管委会|管理委员会")
_PARTY_END = re.compile(r"有下列|违反|未|不|拒绝|擅自|应当|必须|的，|[，。；：:]")
_BOUNDARY = re.compile(r"[，；。：:]")
_SUBJECT_END = re.compile(r"应当|必须|协助|负有|履行|有下列|未|不|对|在|发现|采用|使用|与|将|擅自|拒绝|违反|的，|，|。")
_LEADING_VIOLATION = re.compile(r"^(?:违反本(?:法|条例|规定|办法)(?:的)?规定，?)")
#: …第三十一条的第二款 names the 款 too; 未依法履行本条例第八条 names 第八条; 第十条第三、四项 and
#: 第（三）、（四）项 name each item (text/addresses.py reads the run)
_EXPLICIT = re.compile(r"(?:违反|未依照|未按照|未按|不依照|不按照|依照|未(?:依法)?履行|不(?:依法)?履行)"
                       r"本(?:法|条例|规定|办法)"
                       rf"((?:{ORDINAL})(?:[、和或者及至的]*(?:{ORDINAL}))*)")
_ARTICLE_IN_RUN = re.compile(rf"第({NUMERAL_PATTERN})条")
#: a penalty that borrows another's sanction (…接受转让的，依照本条例第十九条的规定处罚): the one named
#: is the penalty actually applied
_REFERRED = re.compile(r"(?:依照|按照|依)本(?:法|条例|规定|办法)"
                       rf"((?:{ORDINAL})(?:[、和或者及至的]*(?:{ORDINAL}))*)"
                       r"(?:的|中)?(?:有关)?规定(?:予以|给予|进行)?(?:处罚|处理)")
#: the same, naming a 款 of its own article: 依照前款规定给予处罚, 依照本条第一款的规定处罚
_REFERRED_HERE = re.compile(rf"(?:依照|按照|依)(前款|本条第({NUMERAL_PATTERN})款)(?:的)?(?:有关)?规定"
                            r"(?:予以|给予|进行)?(?:处罚|处理)")
_SANCTION = re.compile(r"罚款|罚金|责令|警告|没收|吊销|处分|拘留|撤销|取消|暂扣|停产|停业|关闭|通报批评|赔偿|追究"
                       r"|处以|并处"
                       r"|给予处罚|规定处罚|予以处罚|依法处罚|依照[^。]{0,40}处罚|承担[^。]{0,10}责任")
_REFERRAL = re.compile(r"从其规定")
_POWERS = re.compile(r"行使下列职权|享有下列[^：:]{0,12}权利|有权")
#: a catch-all's violation: not doing one's job (不落实岗位安全责任，不服从管理，违反…规章制度)
_GENERIC_VIOLATION = re.compile(r"不履行|未履行|不落实|不服从|违反[^，。；]{0,12}(?:规章制度|操作规程)")
_CRIMINAL = re.compile(r"构成犯罪的，(?:依法)?(?:依照刑法有关规定)?追究刑事责任")
_CATCH_ALL = re.compile(r"未履行本(?:法|条例|规定|办法)规定的[^。；，]{0,12}职责的")
_ITEM_LABEL = re.compile(r"^（[一二三四五六七八九十]+）")
_LINK_STOP = frozenset({"未", "不", "没有", "生产", "经营", "产经", "单位", "生产经营单位", "安全", "安全生产", "责令",
                        "改正", "罚款", "万元", "处",
                        # the verbs and nouns of any rule, which tell no duty from another
                        "取得", "申请", "届满", "符合", "法律", "法规", "规定", "按照", "依照", "有关", "进行",
                        "要求", "依法", "主要",
                        # a rule naming its own law (未依照本条例办理…: the analyzer keeps 条例) says
                        # nothing of the act
                        "条例"})
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
#: a penalty's violation listing acts one after another: 未制定…、未定期组织…、未对…
_ACT_LIST = re.compile(r"[、，](?=未|没有|擅自|拒绝)")
#: where a penalty's violation gives alternatives: …，或者未…, or a list of acts
#: …未对从业人员进行培训，生产经营单位的主要负责人…不立即组织抢救: another party's act is another
#: alternative
_OTHER_PARTY_ACT = re.compile(r"，(?=[^，。；]{0,12}?的?(?:主要负责人|负责人|管理人员|从业人员|作业人员)"
                              r"[^，。；]{0,20}?(?:未|不|没有|拒绝|擅自))")
_ALTERNATIVES = re.compile(rf"，?或者(?=未|不|没有|擅自|拒绝|违反|在|将|对|以)|{_ACT_LIST.pattern}"
                           rf"|{_OTHER_PARTY_ACT.pattern}")
_CONSEQUENCE_TAIL = re.compile(r"，(?:致使|导致|造成)")
#: a wording match says at least this share of the penalty's violation (`_coverage`)
MIN_COVERAGE = 0.45
#: a duty that says this share of a penalty's violation says it near-verbatim
NEAR_VERBATIM = 0.9
MIN_SHARED_WORDS = 2
#: a penalty matched by wording to several duties keeps those within this share of its best one
RIVAL_SHARE = 0.7
#: of a referenced article's units, those within this share of the best match are the ones meant
EXPLICIT_BAND = 0.5
#: an explicit reference listing this many articles is a general one
MIN_GENERAL_REFERENCE = 3
PART_WEIGHT = 0.5
#: a word in more than this share of a law's duties and penalties is one of its domain words
DOMAIN_SHARE = 0.25
#: … and in more than this many texts: in a law of six duties and penalties, a quarter is two
MIN_DOMAIN_TEXTS = 2


def is_penalty_chapter(clause: Clause) -> bool:
    """The one definition of the penalty chapter (corpus.lawtree), applied to a clause."""
    return in_penalty_chapter(clause.headings)


def _split_subject(text: str) -> tuple[str, str]:
    """(subject, the rest): the words before the clause's verb, and what the clause says they do."""
    text = _LEADING_VIOLATION.sub("", text)
    end = _SUBJECT_END.search(text, 2)
    if end is None:
        return text[:30], text[30:]
    return text[: end.start()], text[end.start():]


def _parties_in(subject: str) -> set[str]:
    subject = _without_attributes(subject)
    found = {party for party in _PARTIES if party in subject}
    found.update(party for alias, party in _PARTY_ALIASES.items() if alias.search(subject))
    return found


#: a subject that ends on a thing of a party (…安全生产管理人员的任免, 主要负责人的考核情况): what is
#: said is not the party's own act
_ATTRIBUTE_TAIL = re.compile(r"的([^，。；、的]+)$")


def _without_attributes(subject: str) -> str:
    """The subject without the words before its head noun when that noun is no party
    (危险物品…单位的安全生产管理人员的任免，应当告知… → the 任免 is the unit's business, not the
    安全生产管理人员's duty)."""
    subject = subject.rstrip("，、 ")
    tail = _ATTRIBUTE_TAIL.search(subject)
    if tail is None or _UNIT_OR_PERSON.search(tail.group(1)) or _parties_in_plain(tail.group(1)) \
            or _AUTHORITY.search(tail.group(1)) or not _parties_in_plain(subject[: tail.start()], at_end=True):
        return subject
    return tail.group(1)


def _parties_in_plain(text: str, at_end: bool = False) -> bool:
    """Whether `text` names a party (`at_end`: ends with one)."""
    if at_end:
        return any(text.endswith(party) for party in _PARTIES) or any(
            match.end() == len(text) for alias in _PARTY_ALIASES for match in alias.finditer(text))
    return any(party in text for party in _PARTIES) or any(alias.search(text) for alias in _PARTY_ALIASES)



#: a subject that says what its party may do (企业工会可以就…提出意见和建议，…): the party is not bound
_PERMITTED = re.compile(r"可以|(?<![所用产])有权")
#: links round 6: a permitted party is not a duty's party (`_bound_parties`)
PERMISSION_SUBJECT_RULE = True


def _bound_parties(sentence: str) -> set[str]:
    """The parties a sentence's subject names; when the subject says what its party may do and
    another must (职工代表大会代表、企业工会可以就…提出意见和建议，厂务公开责任人应当…答复), those who
    must: the words before the first 应当/必须/不得 in its own comma part (厂务公开责任人), none when
    the modal opens its part. With no modal the subject stays: 生产经营单位可以设置专职安全生产分管负责人，
    协助…履行安全生产管理职责 binds the 分管负责人 it appoints (seed 002 gives it 第九十六条)."""
    subject = _split_subject(sentence)[0]
    modal = _MODAL.search(sentence, len(subject))
    if not (PERMISSION_SUBJECT_RULE and _PERMITTED.search(subject)) or modal is None:
        return _parties_in(subject)
    start = max(sentence.rfind(mark, 0, modal.start()) for mark in "，；：") + 1
    return _parties_in(sentence[start:modal.start()]) if modal.start() - start >= 2 else set()


def parties(text: str, every_sentence: bool = False) -> set[str]:
    """The specific parties named as the subject of a clause (of its first sentence, or of each
    sentence: 主要负责人…。其他负责人… addresses both: a duty's reading, in which a party that
    only may do something is not one, `_bound_parties`)."""
    first, *later = [s for s in _SENTENCE.split(text) if s] or [text]
    found = _bound_parties(first) if every_sentence else _parties_in(_split_subject(first)[0])
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


def addresses_authority(text: str) -> bool:
    """Whether a clause's subject is a government body or its staff rather than a unit or person."""
    # a power (部门可以通过…监控排污单位…) ends its subject at 可以
    subject = _QUALIFIER.sub("", _split_subject(text)[0].split("可以")[0])
    authority = [m.end() for m in _AUTHORITY.finditer(subject)]
    other = [m.end() for m in _NON_AUTHORITY.finditer(subject)]
    return bool(authority) and max(authority) >= max(other, default=-1)


#: a sentence that puts a duty on a unit or a person (…经营单位，应当…备案)
_PARTY_DUTY = re.compile(r"(?:单位|企业|经营者|个人|从业人员|作业人员)[^。；]{0,40}?(?:应当|必须|不得)")
_SENTENCE_END = re.compile(r"[；;。\n]")


def unit_side(text: str) -> str:
    """The sentences after the first that give a unit or a person a duty of its own
    (部门应当…报送…备案；…经营单位，应当…报送…备案): a clause opening with an authority's
    duty may go on with a unit's, and is then the unit's clause as well; '' when none does."""
    later = [part for part in _SENTENCE_END.split(text)[1:] if part.strip()]
    return "；".join(part for part in later if _PARTY_DUTY.search(part) and not addresses_authority(part))


def _actor(text: str) -> str:
    """Who a duty clause addresses: the sentence part before its first 应当/必须/不得 that names
    a party (生产经营单位发生生产安全事故后，事故现场有关人员应当… → 事故现场有关人员)."""
    modal = _MODAL.search(text)
    if not modal:
        return ""
    parts = [part.strip() for part in _BOUNDARY.split(text[: modal.start()]) if part.strip()]
    named = [part for part in parts if _UNIT_OR_PERSON.search(part)]
    return (named or parts or [""])[-1]


def roles(phrase: str) -> frozenset[str]:
    """The roles a party phrase names (特种设备使用单位 → {使用}); none for the law's general
    unit (生产经营单位) or a phrase naming no role."""
    matches = list(_ROLE_PHRASE.finditer(phrase))
    if not matches:
        return frozenset()
    found = frozenset(_ROLE_WORD.findall(matches[-1].group(1)))
    return frozenset() if found == _GENERAL_ROLES else found


def _is_person(phrase: str) -> bool:
    """Whether a party phrase names a natural person rather than a unit: its first party word is
    a person (事故现场有关人员, 单位负责人接到…), or a unit's person ends it (…单位的安全生产管理
    人员); 生产经营单位接收…学生实习的 is the unit's."""
    phrase = phrase.rstrip("，、 ")
    first = _UNIT_OR_PERSON.search(phrase)
    if first is None:
        return False
    if _PERSON_HEAD.fullmatch(first.group()):
        return True
    return bool(re.search(rf"的[^，]*?(?:{_PERSON_HEAD.pattern})$", phrase[first.end():]))


#: a prohibition that names no one (禁止向个人销售…; 在…内，严禁…): the words after 禁止 are the
#: forbidden act and its objects (向个人 is who must not be sold to), not its addressee
_PROHIBITION = re.compile(r"^(?:[^，。；]{0,30}，)?(?:禁止|严禁)")


def _subjectless(text: str) -> bool:
    """Whether a clause is a prohibition with no subject of its own (禁止向个人销售剧毒物品):
    it binds whoever the law punishes for the act, so any party's penalty may be its link."""
    text = _ITEM_LABEL.sub("", text.strip())
    opening = _PROHIBITION.match(text)
    if not opening or _MODAL.search(text[: opening.end()]) or _names_party(text[: opening.end() - 2]):
        return False
    # 禁止用人单位招用…, 严禁国家机关…办矿: the party right after 禁止 is the one bound
    act = text[opening.end():]
    return bool(_OBJECT_FIRST.match(act)) or not _names_party(_party_phrase(act, item=True))


#: the acts a prohibition opens on (禁止生产、销售、使用…的涉水产品 → 生产, 销售, 使用): two-character
#: words, joined by 、/或者/和/及 …
_BANNED_ACTS = re.compile(r"(?:禁止|严禁)([\u4e00-\u9fff]{2}(?:(?:、|或者|或|和|及)[\u4e00-\u9fff]{2})*)")
_ACT_JOINS = re.compile(r"、|或者|或|和|及")
#: … unless it opens on where, how or what (禁止在海上…, 禁止将危险废物…, 禁止利用渗井…排放, 禁止无许可证
#: 从事…, 禁止任何单位…): then its verb comes later and is not known
_NOT_A_VERB = re.compile(r"^(?:[在将向对以用无未从于把为给与同由除该本]"
                         r"|通过|利用|经过|非法|其他|任何|按照|依照|违反|擅自)")
#: a gloss inside a prohibition (禁止生产（包括配制，下同）、销售…)
_GLOSS = re.compile(r"（[^（）]*）|\([^()]*\)")


def _banned_acts(text: str) -> list[str] | None:
    """The verbs of every prohibition in a clause naming no one (禁止销售未经检验的特种设备 →
    [销售]); None when one of them does not open on its verb (禁止在禁渔区…捕捞)."""
    acts: list[str] = []
    for found in _BANNED_ACTS.finditer(_GLOSS.sub("", _ITEM_LABEL.sub("", text.strip()))):
        words = _ACT_JOINS.split(found.group(1))
        if _NOT_A_VERB.match(words[0]):
            return None
        acts.extend(words)
    return acts or None


def _can_do(acts: list[str] | None, penalty: Clause) -> bool:
    """Whether a penalty's party can do what a prohibition naming no one forbids: a penalty that
    names no party punishes whoever did it; one that names its party must say the prohibition's
    verb in its act or its party (禁止销售… → （一）销售、出租…的; 禁止经营… → 经营单位…). A 销售 ban is
    not the 使用单位's (使用…的), a 经营 ban not the 生产企业's (…生产企业有下列行为之一的：使用…生产饲料的)."""
    own = _party_phrase(penalty.text, item=True) if penalty.lead else ""
    if acts is None or not any(_names_party(party) for party in (_party_phrase(penalty.lead or penalty.text), own)):
        return True
    said = "".join(part.split("的，")[0] for part in (penalty.lead, penalty.text))
    return any(act in said for act in acts)


def _duty_actors(duty_units: list[tuple[int, Clause]], all_clauses: dict[int, Clause]
                 ) -> dict[int, tuple[frozenset[str], bool | None, frozenset[str]]]:
    """(roles, is a person, bodies) of each duty unit's addressees, one per sentence (检验机构…。使用单位
    应当…: both). A 款 or 项 that names no party of its own (未经定期检验的特种设备，不得继续使用)
    is addressed to its article's first party."""
    first_actor: dict[int | None, str] = {}
    for clause in all_clauses.values():
        if clause.ref.article not in first_actor and clause.ref.depth == "article":
            first_actor[clause.ref.article] = _actor(clause.text)
    result: dict[int, tuple[frozenset[str], bool | None, frozenset[str]]] = {}
    for cid, duty in duty_units:
        phrases = [_actor(sentence) for sentence in _SENTENCE.split(duty.text)]
        phrases = [phrase for phrase in phrases if _names_party(phrase)]
        if not phrases and not _names_party(_actor(duty.lead)) and _subjectless(duty.text):
            result[cid] = (frozenset(), None, frozenset())  # whoever the penalty names
            continue
        if not phrases:
            fallback = _actor(duty.lead) or _split_subject(duty.lead or duty.text)[0]
            phrases = [fallback if _names_party(fallback) else first_actor.get(duty.ref.article, "")]
        persons = [None if _EVERYONE.search(phrase) else _is_person(phrase) for phrase in phrases]
        result[cid] = (frozenset().union(*(roles(phrase) for phrase in phrases)),
                       None if None in persons else all(persons),
                       frozenset().union(*(_bodies(phrase) for phrase in phrases)))
    return result


def _bodies(phrase: str) -> frozenset[str]:
    """Which public bodies a party phrase names: a government (区人民政府, 各级人民政府及其有关部门)
    and/or its departments (…人民政府生态环境主管部门, …人民政府负有…职责的部门 are departments)."""
    found = set()
    if _DEPARTMENT.search(phrase):
        found.add("department")
    for match in _GOVERNMENT.finditer(phrase):
        rest = phrase[match.end():]
        if not _DEPARTMENT.search(rest) or rest[:1] in "、和及或":
            found.add("government")
    return frozenset(found)


def _names_party(phrase: str) -> bool:
    return bool(roles(phrase) or _is_person(phrase) or _parties_in(phrase) or _EVERYONE.search(phrase))


def _own_side(text: str, authority: bool) -> str:
    """The duty's words without clauses that give the other side a duty of its own
    (事故发生单位应当落实整改措施，负有…职责的部门应当加强监督检查: the 部门's part is not
    the 单位's duty, and wording must not match it to a penalty of units)."""
    kept = [part for part in _CLAUSE_SPLIT.split(text)
            if not (_OTHER_SUBJECT.match(part) and addresses_authority(part) != authority)]
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
    subject, rest = _split_subject(_EXPLICIT.sub("", clause.text))
    described = rest.split("的，")[0]
    if len(_CJK.findall(described)) < 2 and not _UNIT_OR_PERSON.search(subject) and not _AUTHORITY.search(subject):
        # no one named before the act (违反本条例规定，转让安全生产许可证的，…): the words are the act
        described = subject
    return text.split("的，")[0] if len(_CJK.findall(described)) >= 2 else ""


#: what a duty forbids: the words after 不得/禁止/严禁, to the end of the sentence
_FORBIDDING = re.compile(r"(?:不得|禁止|严禁)([^。；]+)")


class _Vectors:
    """TF-IDF vectors over one law's clauses, with thesaurus expansion.

    Search-mode segmentation gives a compound and its parts (从业人员, 从业, 人员). The compound
    counts in full; its parts count at PART_WEIGHT, enough for 安全生产投入 to meet 资金投入 through
    投入 without one word outweighing the rest three times over."""

    def __init__(self, texts: dict[int, str], uncounted: Iterable[int] = (),
                 articles: dict[int, int | None] | None = None):
        """`uncounted`: texts vectorised but left out of the word frequencies (a second reading
        of a clause already counted). `articles`: each text's article, for `distinctive`."""
        self.tokens = {cid: self._tokens(text) for cid, text in texts.items()}
        skip = set(uncounted)
        counted = [tokens for cid, tokens in self.tokens.items() if cid not in skip]
        frequency = Counter(token for tokens in counted for token in set(tokens))
        total = len(counted) + 1
        self.idf = {token: math.log(total / (1 + count)) + 1 for token, count in frequency.items()}
        #: the law's own subject words (起重 in a crane law) say nothing about which duty is meant
        #: (never a word only two texts say — a duty and its penalty —, however short the law)
        self.domain = {token for token, count in frequency.items()
                       if count > max(DOMAIN_SHARE * total, MIN_DOMAIN_TEXTS)}
        self.vectors = {cid: self._vector(tokens) for cid, tokens in self.tokens.items()}
        self.articles = articles or {}
        #: the articles each word is said in
        self.spread: dict[str, set[int | None]] = defaultdict(set)
        for cid, tokens in self.tokens.items():
            if cid in self.articles and cid not in skip:
                for token in tokens:
                    self.spread[token].add(self.articles[cid])
        #: the words each text forbids (不得转让、冒用…: 转让, 冒用)
        self.forbidden = {cid: frozenset(word for span in _FORBIDDING.findall(text) for word in self._tokens(span))
                          for cid, text in texts.items() if cid in self.articles}

    def distinctive(self, word: str, penalty: int | None, duty: int | None) -> bool:
        """Whether `word` is an act the duty forbids (不得转让…) and the penalty names, and no other
        article of the law says it: in a licence law whose every article says 许可证, 转让 is what
        tells the duty's penalty from the others, and is evidence on its own."""
        if duty not in self.forbidden or penalty not in self.articles or word not in self.forbidden[duty] \
                or word in self.domain:
            return False
        spread = self.spread.get(word)
        return bool(spread) and spread <= {self.articles[penalty], self.articles[duty]}  # type: ignore[operator]

    @staticmethod
    @functools.lru_cache(maxsize=8192)
    def _tokens(text: str) -> tuple[str, ...]:
        """(cached: the explicit and the wording matcher read the same texts)"""
        return tuple(w for w in tokenize(text + " " + " ".join(expansions(text))) if w not in _LINK_STOP and len(w) > 1)

    def _vector(self, tokens: tuple[str, ...]) -> dict[str, float]:
        counts = Counter(tokens)
        vector = {t: (1 + math.log(n)) * self.idf.get(t, 1.0) * (PART_WEIGHT if _is_part(t, counts) else 1.0)
                  for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def similarity(self, a: int, b: int) -> float:
        """Cosine similarity; 0 when the texts share fewer than two words besides the law's
        domain words (one is no evidence; 生产安全事故 and its part 事故 are one word), unless
        the one is `distinctive`."""
        return self._cosine(self.vectors[a], self.vectors[b], (a, b))

    def best_similarity(self, penalty: int, text: str, duty: int) -> float:
        """The similarity of the duty to the penalty, or to the best of the acts the penalty's
        violation `text` lists (未制定预案、未定期组织演练、未…培训): a duty says one of them,
        and the whole list would dilute it below any threshold."""
        best = self.similarity(penalty, duty)
        parts = _acts(text, _ACT_LIST)  # not 或者: one act's two sides
        if len(parts) > 1:
            for part in parts:
                best = max(best, self._cosine(self._vector(self._tokens(part)), self.vectors[duty], (penalty, duty)))
        return best

    def alternative_similarities(self, text: str, duty: int, penalty: int | None = None,
                                 each: bool = False) -> tuple[float, ...]:
        """The duty's similarity to each of the alternatives a penalty's violation `text` gives
        (…，或者未…; 未…、未…); () when it gives one (`each`: as `_acts`)."""
        parts = _acts(text, each=each)
        if len(parts) < 2:
            return ()
        return tuple(self._cosine(self._vector(self._tokens(part)), self.vectors[duty], (penalty, duty))
                     for part in parts)

    def _cosine(self, va: dict[str, float], vb: dict[str, float],
                pair: tuple[int | None, int | None] = (None, None)) -> float:
        shared = (va.keys() & vb.keys()) - self.domain
        evidence = sum(MIN_SHARED_WORDS if self.distinctive(word, *pair) else 1
                       for word in shared if not _is_part(word, shared))
        if evidence < MIN_SHARED_WORDS:
            return 0.0
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(weight * vb.get(token, 0.0) for token, weight in va.items())


#: a violation that is an outcome (发生急性职业中毒…造成重大影响的, 造成…损失的), not an act
_OUTCOME = re.compile(r"^[^，；]{0,20}?(?:发生|造成|导致|致使|引发)")
_ACT_MARK = re.compile(r"未|不|没有|拒绝|擅自|隐瞒|谎报|瞒报|迟报|漏报|违反|超过|超出|以外|假|伪造|冒用")


def _punishes_outcome(violation: str) -> bool:
    """Whether a penalty punishes what happened rather than what was (not) done: an outcome has
    many causes, and wording would tie it to whichever duty shares its nouns (配备急救用品 to
    发生急性中毒); a penalty saying the act too (发生事故未按照规定报告的) is not one."""
    return bool(violation) and bool(_OUTCOME.search(violation)) and not _ACT_MARK.search(violation)


#: an alternative that opens a clause of its own (…，导致…扩大，或者在本单位发生…后未立即采取…)
_NEW_ALTERNATIVE = re.compile(r"，或者(?=未|不|没有|擅自|拒绝|违反|在|将|对|以)")


def _acts(text: str, between: re.Pattern[str] = _ALTERNATIVES, each: bool = False) -> list[str]:
    """The acts a penalty's violation gives as alternatives (未…、未…; …，或者未…), its consequence
    (…，致使…) left out (`each`: each alternative's own). A condition before an act
    (经人民法院依法通知，拒绝出庭作证; 或者在境外发生突发事件，未及时处理) is part of that act, not an
    act of its own that a duty could say in full."""
    parts: list[str] = []
    pending = ""
    if each:
        # …，导致…，或者…未立即采取…措施，造成…: each alternative loses its own consequence (for a
        # lead read on its own only: for every duty it makes thin alternatives that wording meets)
        pieces = [piece for segment in _NEW_ALTERNATIVE.split(text)
                  for piece in between.split(_CONSEQUENCE_TAIL.split(segment)[0])]
    else:
        pieces = between.split(_CONSEQUENCE_TAIL.split(text)[0])
    for part in pieces:
        if _ACT_MARK.search(part):
            parts.append(pending + part)
            pending = ""
        else:
            pending += part + "，"
    if pending and parts:
        parts[-1] += "，" + pending.rstrip("，")
    elif pending:
        parts.append(pending.rstrip("，"))
    return parts


def _only_generic(text: str) -> bool:
    """Whether every act a penalty names is not doing one's job (不落实岗位安全责任，不服从管理，
    违反…规章制度或者操作规程): a penalty that also names a specific act (…，或者发现事故隐患未
    立即报告) punishes those acts, not every duty of its party."""
    alternatives = [part for part in _acts(text) if _CJK.search(part)]
    return bool(alternatives) and all(_GENERIC_VIOLATION.search(part) for part in alternatives)


def _coverage(vectors: _Vectors, texts: dict[int, str], penalty: int, duty: int, each: bool = False) -> float:
    """How much of the penalty's described violation the duty says: the weight share of the
    penalty's words (besides the law's domain words) that the duty has too, for the best of the
    alternatives it lists (未…培训，或者未…如实告知: either may be the duty's), leaving out the
    consequence (…，致使…不具备安全生产条件). A penalty for another act of the same topic shares
    words with the duty but leaves most of its own unsaid."""
    own, other = vectors.vectors[penalty], vectors.vectors[duty]
    best = 0.0
    for alternative in _acts(texts[penalty], each=each):
        words = set(_Vectors._tokens(alternative)) - vectors.domain
        total = sum(weight * weight for token, weight in own.items() if token in words)
        said = sum(weight * weight for token, weight in own.items() if token in words and token in other)
        if total:
            best = max(best, said / total)
    return best


def _is_part(word: str, words: Iterable[str]) -> bool:
    """Whether `word` is part of a longer word among `words`."""
    return any(word != other and word in other for other in words)


def _imposes(clause: Clause) -> bool:
    """Whether a clause of the 法律责任 chapter sanctions anything itself: not a referral
    (…法律、行政法规有处理规定的，从其规定；构成犯罪的，依法追究刑事责任) nor a rule on who
    may punish (可以委托…进行处罚)."""
    text = _CRIMINAL.sub("", clause.lead + clause.text) if _REFERRAL.search(clause.text) else clause.lead + clause.text
    return bool(_SANCTION.search(text))


def _punishing(clauses: Sequence[tuple[int, Clause]]) -> set[int]:
    """The ids of a law's penalty side: the clauses of its penalty chapter; in a law without one
    (many short 条例 have no chapters: 安全生产许可证条例), the articles whose words sanction
    (kind penalty, corpus.lawtree.classify)."""
    if any(is_penalty_chapter(c) for _, c in clauses):
        return {cid for cid, c in clauses if is_penalty_chapter(c)}
    # a 款 that only refers to another's sanction (冒用…的，依照本条例第十九条的规定处罚) is one too
    return {cid for cid, c in clauses if c.ref.article is not None and not c.headings
            and (c.kind == "penalty" or (c.kind == "other" and _REFERRED.search(c.text)))}


_PERMISSION = re.compile(r"可以|鼓励|支持|提倡|允许")
_OBLIGATION = re.compile(r"应当|必须|不得|禁止|严禁|须")
#: a lead listing cases (…，但有下列情形之一的，…), not acts or things (…公示下列信息)
_CASES = re.compile(r"下列(?:情形|情况)")


def _permits(clause: Clause) -> bool:
    """Whether a clause allows rather than obliges: a 款 saying what a party may do (…可以直接向
    …提出要求) and no duty, or an item of a list of cases in which something may be done (但有下列
    情形之一的，当事人可以单方申请：). Nothing can breach a permission: no penalty is its link."""
    if clause.lead:
        cases = _CASES.split(clause.lead)
        return len(cases) > 1 and bool(_PERMISSION.search(cases[-1])) and not _OBLIGATION.search(cases[-1])
    return clause.kind != "duty" and bool(_PERMISSION.search(clause.text))


#: a rule on the sanction, not an act (有下列情形之一的，应当从重处罚; …违反治安管理的，从轻或者减轻处罚;
#: …的，不予行政处罚): the clause's own verb is a punishment's measure (not a condition: 依法可以不予处罚的，…)
_SENTENCING = re.compile(r"^(?:(?!应当|必须|不得|禁止)[^。；：:])*?(?:应当|可以)?(?:依法)?"
                         r"(?:从重|从轻|减轻|免予|免除|不予)(?:或者(?:从轻|减轻|免除|免予)){0,2}(?:行政)?(?:处罚|处分)(?!的)")


def _sentences(clause: Clause) -> bool:
    """Whether a clause only says how heavily a breach is punished (有下列情形之一的，应当从重处罚：
    and its items; 违反…，行为人主动消除…的，应当依法从轻或者减轻行政处罚): no one can breach it, so no
    penalty is its link (its cases — 多次赌博 — share the words of the acts it aggravates)."""
    return SENTENCING_RULE and bool(_SENTENCING.search(_ITEM_LABEL.sub("", (clause.lead or clause.text).strip())))


#: links round 5: rules on the sanction are no duties (`_sentences`)
SENTENCING_RULE = True


#: a lead whose items are the ones addressed (下列单位应当建立应急值班制度：（一）…单位；) or what its
#: act applies to (下列建设项目，建设单位应当…：): the act is the lead's
_ADDRESSEE_LEAD = re.compile(r"^下列[^，。；：:]{1,10}?(?=[，,]|应当|必须|不得)")
_ITEM_END = re.compile(r"[；;。，,]+$")
#: a lead naming who is addressed (下列单位, 下列人员, 下列场所和单位), not things or times
_ADDRESSEE = re.compile(r"单位|人员|机构|企业|组织|经营者|主体")


def _addressed_item(clause: Clause) -> Clause:
    """An item of a lead that lists who is addressed, read as the sentence it stands for: （二）危险
    物品的…运输单位 under 下列单位应当建立应急值班制度： is …运输单位应当建立应急值班制度 — its
    party the item's, its act the lead's; an item of a lead listing things or times (下列新建工程，
    应当配套建设中水设施：) is the lead's sentence about it. Other clauses as they are."""
    head = _ADDRESSEE_LEAD.match(clause.lead) if clause.lead else None
    if head is None:
        return clause
    item = _ITEM_END.sub("", _ITEM_LABEL.sub("", clause.text.strip()))
    if _ADDRESSEE.search(head.group()):
        return replace(clause, text=item + clause.lead[head.end():].rstrip("：: "), lead="")
    # things, times, acts (下列新建工程，应当配套建设…; 下列时间内…禁止燃放…): the lead's subject stays
    return replace(clause, text=clause.lead.rstrip("：: ") + "：" + item, lead="")


def _links_for_document(clauses: list[tuple[int, Clause]]) -> list[Link]:
    leaves = _leaves(clauses)
    punishing = _punishing(clauses)
    # a clause of the chapter that imposes nothing (…已有处罚规定的，从其规定; 可以委托…进行处罚)
    # punishes no duty
    penalty_units = [(cid, c) for cid, c in leaves if cid in punishing and _imposes(c)]
    if not penalty_units:
        return []
    # a list of powers (会员大会行使下列职权：) is no duty, nor a rule on how heavily to punish
    duty_units = [(cid, c) for cid, c in leaves if cid not in punishing and c.kind == "duty"
                  and not _POWERS.search(c.lead) and not _permits(c) and not _sentences(c)]
    specific, general, named = _explicit_links(clauses, penalty_units, punishing)
    links = specific | _matched_links([(cid, _addressed_item(c)) for cid, c in duty_units], penalty_units,
                                      named, dict(clauses),
                                      frozenset(duty_id for duty_id, _, _ in specific))
    linked = {duty_id for duty_id, _, _ in links}
    links.update(link for link in general if link[0] not in linked)
    links |= _referred_links(links, clauses, penalty_units, punishing)
    links |= _own_referrals(duty_units, clauses, punishing)
    return _propagate_up(links, clauses)


#: a duty that names its own sanction (…；逾期不办理，继续进行生产的，依照本条例第十九条的规定处罚),
#: not one that adds to it (除依照本条例第四条规定处罚外)
_OWN_REFERRAL = re.compile(r"(?<!除)(?:依照|按照|依)本(?:法|条例|规定|办法)"
                           rf"((?:{ORDINAL})(?:[、和或者及至的]*(?:{ORDINAL}))*)"
                           r"(?:的)?规定(?:予以|给予)?处罚(?!外)")


def _own_referrals(duty_units: list[tuple[int, Clause]], clauses: list[tuple[int, Clause]],
                   punishing: set[int]) -> set[Link]:
    """A duty outside the penalty chapter that names the penalty for its own breach (本条例施行前
    已经进行生产的企业，应当…；逾期不办理…，依照本条例第十九条的规定处罚) has that penalty, kind
    `referral`."""
    ids = {clause.ref: cid for cid, clause in clauses if cid in punishing}
    found: set[Link] = set()
    for duty_id, duty in duty_units:
        for run in _OWN_REFERRAL.finditer(duty.text):
            for article, paragraph, item in references(run.group(1)):
                target = ids.get(ClauseRef(article, paragraph, item))
                if target is not None:
                    found.add((duty_id, target, "referral"))
    return found


def _referred_links(links: set[Link], clauses: list[tuple[int, Clause]], penalty_units: list[tuple[int, Clause]],
                    punishing: set[int]) -> set[Link]:
    """The penalties that linked penalties refer to (…的，依照本条例第十九条的规定处罚): a duty
    linked to the referring penalty has the named one too, the sanction actually applied, as
    exactly as the reference names it (第十九条第二款 is that 款, not the article). An item reads
    its lead too (…有下列行为之一的，依照本法第X条的规定处罚：). Followed on (a penalty referring
    to one that refers again), each link kind `referral`."""
    ids = {clause.ref: cid for cid, clause in clauses if cid in punishing}
    referred: dict[int, set[int]] = {}
    for cid, penalty in penalty_units:
        text = penalty.lead + "\n" + penalty.text if penalty.ref.item else penalty.text
        named = [unit for run in _REFERRED.finditer(text) for unit in references(run.group(1))]
        own = penalty.ref
        for run in _REFERRED_HERE.finditer(text):  # 依照前款规定处罚, 依照本条第一款的规定处罚
            if run.group(1) == "前款":
                here = own.paragraph - 1 if own.paragraph else 0
            else:
                here = cn_to_int(run.group(2)) or 0
            if here:
                named.append((own.article or 0, here, None))
        for article, paragraph, item in named:
            target = ids.get(ClauseRef(article, paragraph, item))
            if target is not None and target != cid:
                referred.setdefault(cid, set()).add(target)
    added: set[Link] = set()
    frontier = {(duty_id, penalty_id) for duty_id, penalty_id, _ in links}
    seen = set(frontier)
    for _ in range(3):
        frontier = {(duty_id, target) for duty_id, penalty_id in frontier
                    for target in referred.get(penalty_id, ()) if (duty_id, target) not in seen}
        seen |= frontier
        added.update((duty_id, target, "referral") for duty_id, target in frontier)
    return added


Reference = tuple[int, int | None, int | None]


def references(run: str) -> list[Reference]:
    """The (article, paragraph, item) units a reference run names: 第四十四条第一款 → (44, 1, None);
    第三十条第一款、第二款 → two 款 of 第三十条; 第十条至第十二条 → 10, 11, 12; 第十条第三、四项 →
    (10, None, 3), (10, None, 4). Read by text/addresses.py, the citation finder's parser; a 目
    counts as its 项."""
    parts, _ = parse_chain(_OF_UNIT.sub("第", run))
    found: list[Reference] = []
    for part in parts:
        if part.meant:  # 第三条第六条: what it probably meant (第三条、第六条)
            found.extend(references(part.meant) if part.meant != run else [])
        elif part.address[0] is not None:
            found.append((part.address[0], part.address[1], part.address[2]))
    return list(dict.fromkeys(found))


#: …第三十一条的第二款: the 的 between units
_OF_UNIT = re.compile(r"的第")


def _within(ref: ClauseRef, named: Reference, single_paragraph: bool) -> bool:
    """Whether a clause lies inside the unit a reference names (第一款 of an article with one
    paragraph is the article itself)."""
    article, paragraph, item = named
    if ref.article != article:
        return False
    if paragraph is not None and ref.paragraph != paragraph and not (paragraph == 1 and single_paragraph):
        return False
    return item is None or ref.item == item


def _named_units(penalty: Clause, article_text: dict[int, str]) -> list[tuple[list[Reference], bool, bool]]:
    """Each explicit reference of a penalty unit: its named units, whether it is general (lists
    MIN_GENERAL_REFERENCE articles or more), and whether an item shares it with its siblings
    (the lead's 违反本法第X条规定，有下列行为之一的：). A 款 reads only itself, so 第三款's
    reference is not its neighbours'."""
    if penalty.ref.item is not None:
        sources = [(penalty.lead, True), (penalty.text, False)]
    elif penalty.ref.paragraph is not None:
        sources = [(penalty.text, False)]
    else:
        sources = [(article_text.get(penalty.ref.article or 0, penalty.text), False)]
    result = []
    for source, shared in sources:
        for run in _EXPLICIT.finditer(source):
            named = references(run.group(1))
            articles = {unit[0] for unit in named}
            result.append((named, len(articles) >= MIN_GENERAL_REFERENCE, shared))
    return result


def _explicit_links(clauses: list[tuple[int, Clause]], penalty_units: list[tuple[int, Clause]],
                    punishing: set[int]) -> tuple[set[Link], set[Link], dict[int, list[Reference]]]:
    """(specific, general, named) from 违反本法第X条 references. A reference reaches exactly the
    unit it names: 第四十四条第一款 is not 第二款. A lead's reference is shared by its items, each
    of which names one act: an item reaches the named units its words match (（三）倾倒建筑垃圾
    is not the 捕猎野生动物 of the same article), or, matching none, the named article or 款
    itself. One listing several articles (第十六条、第十七条、第十八条…) is a catch-all for them:
    the specific penalty an article's duty gets by wording comes first. `named` lists each
    referring penalty's named units."""
    by_article: dict[int, list[tuple[int, Clause]]] = defaultdict(list)
    for cid, clause in clauses:
        if clause.ref.article is not None:
            by_article[clause.ref.article].append((cid, clause))
    article_text = {c.ref.article: c.text for _, c in clauses if c.ref.depth == "article" and c.ref.article}
    leaf_ids = {cid for cid, _ in _leaves(clauses)}
    specific: set[Link] = set()
    general: set[Link] = set()
    named_by_penalty: dict[int, list[Reference]] = {}
    shared_targets: list[tuple[int, list[tuple[int, Clause]], set[int], set[Link]]] = []
    # a reference to a penalty article (…依照本条例第十九条的规定处罚) borrows its sanction: it names
    # no duty
    sanctioning = {c.ref.article for cid, c in clauses if cid in punishing}
    for cid, penalty in penalty_units:
        authority = addresses_authority(penalty.lead or penalty.text)
        for named, is_general, shared in _named_units(penalty, article_text):
            named = [unit for unit in named if unit[0] not in sanctioning]
            if not named:
                continue
            named_by_penalty.setdefault(cid, []).extend(named)
            found = general if is_general else specific
            targets: list[tuple[int, Clause]] = []
            heads: set[int] = set()
            for unit in named:
                units = by_article.get(unit[0], [])
                single = not any(c.ref.paragraph is not None for _, c in units)
                # the article's paragraphs addressed to the other side are not what is punished
                inside = [(duty_id, duty) for duty_id, duty in units
                          if _within(duty.ref, unit, single) and duty_id not in punishing
                          and addresses_authority(duty.lead or duty.text) == authority
                          and (duty.ref == ClauseRef(*unit) or not _permits(duty))]
                targets.extend(inside)
                heads.update(duty_id for duty_id, duty in inside if duty.ref == ClauseRef(*unit)
                             or (single and unit[1] == 1 and duty.ref == ClauseRef(unit[0], None, unit[2])))
            leaves = [(duty_id, duty) for duty_id, duty in targets if duty_id in leaf_ids]
            if shared and len(leaves) > 1:
                shared_targets.append((cid, leaves, heads, found))
            else:
                found.update((duty_id, cid, "explicit") for duty_id, _ in targets)
    if shared_targets:
        # weights from the whole law, so that its domain words are known
        texts = {cid: _violation_text(penalty) for cid, penalty in penalty_units}
        texts.update({cid: _action(clause.text) for cid, clause in clauses
                      if cid in leaf_ids and cid not in punishing})
        vectors = _Vectors(texts)
        for cid, leaves, heads, found in shared_targets:
            scored = sorted(((vectors.similarity(cid, duty_id), duty_id) for duty_id, _ in leaves), reverse=True)
            if scored[0][0] >= MIN_SIMILARITY_SAME_PARTY:
                found.update((duty_id, cid, "explicit") for score, duty_id in scored
                             if score >= scored[0][0] * EXPLICIT_BAND)
            else:
                found.update((duty_id, cid, "explicit") for duty_id in heads)
    return specific, general, named_by_penalty


def _matched_links(duty_units: list[tuple[int, Clause]], penalty_units: list[tuple[int, Clause]],
                   named: dict[int, list[Reference]], all_clauses: dict[int, Clause],
                   explicit: frozenset[int] = frozenset()) -> set[Link]:
    """Links by party and wording (sources 2 and 3 of the module docstring)."""
    # a duty that goes on with a unit's own duty after the authority's (部门应当…备案；…经营单位，
    # 应当…备案) is matched twice: whole, as the authority's, and by its unit sentences as the unit's
    first_free = max((cid for cid, _ in (*duty_units, *penalty_units)), default=0) + 1
    side_of: dict[int, int] = {}
    sides = []
    for cid, duty in duty_units:
        side = unit_side(duty.text) if not duty.lead and addresses_authority(duty.text) else ""
        if side:
            side_id = first_free + len(side_of)
            side_of[side_id] = cid
            sides.append((side_id, replace(duty, text=side)))
    leads = _lead_readings(duty_units, all_clauses)
    links = _wording_and_party_links([*duty_units, *sides, *leads], penalty_units, named, all_clauses,
                                     explicit | {side for side, cid in side_of.items() if cid in explicit},
                                     frozenset(side_of) | {cid for cid, _ in leads}, frozenset(cid for cid, _ in leads))
    return {(side_of.get(duty_id, duty_id), penalty_id, how) for duty_id, penalty_id, how in links}


#: a list's lead that states a duty of its own before the list (生产经营单位应当立即启动…应急救援预案，
#: 采取下列…措施：): its act, then the words introducing the list
_LEAD_DUTY = re.compile(r"(?:应当|必须)(?:立即|及时)?((?!遵守|履行|符合|按照|依照|根据|加强|做好|具备|包括)"
                        r"[^，；：:。]{4,30}?)[，；](?:并|同时)?[^，；：:。]{0,8}?(?:下列|以下)")
#: links round 6: such a lead is matched on its own as its 条/款's duty (`_lead_readings`)
LEAD_RULE = True
#: … saying at least half of the penalty's act (an application's lead, …申请…并提交下列材料, shares
#: its nouns with many penalties)
LEAD_COVERAGE = 0.5


def _lead_readings(duty_units: list[tuple[int, Clause]], all_clauses: dict[int, Clause]
                   ) -> list[tuple[int, Clause]]:
    """The 条 or 款 whose items' lead states a duty of its own (发生生产安全事故后，生产经营单位应当
    立即启动生产安全事故应急救援预案，采取下列一项或者多项应急救援措施：…), read as that lead: a penalty
    for not doing it (未立即采取相应的应急救援措施) punishes the lead, which no item says. Read by
    wording only, left out of the word counts, and never outmatching an item's link: each item
    keeps what it has."""
    if not LEAD_RULE:
        return []
    ids = {clause.ref: cid for cid, clause in all_clauses.items()}
    found: dict[int, Clause] = {}
    for _, duty in duty_units:
        if not duty.lead or duty.ref.item is None or not _LEAD_DUTY.search(duty.lead):
            continue
        parent = ids.get(ClauseRef(duty.ref.article, duty.ref.paragraph))
        if parent is not None and parent not in found:
            found[parent] = replace(all_clauses[parent], text=duty.lead, lead="")
    return sorted(found.items())


def _wording_and_party_links(duty_units: list[tuple[int, Clause]], penalty_units: list[tuple[int, Clause]],
                             named: dict[int, list[Reference]], all_clauses: dict[int, Clause],
                             explicit: frozenset[int], second_readings: frozenset[int],
                             lead_readings: frozenset[int] = frozenset()) -> set[Link]:
    penalty_units = [(cid, p) for cid, p in penalty_units if not _CONSEQUENCE.search(p.text.split("的，")[0])
                     and not _punishes_outcome(_violation_text(p))]
    penalty_clauses = dict(penalty_units)
    # who is punished (the lead's subject) …
    punished = {cid: parties(p.lead or p.text) for cid, p in penalty_units}
    # … and whose act an item describes, when it names its own party (…单位的主要负责人和安全生产
    # 管理人员未按照规定经考核合格): a duty of either party may be the one broken
    penalty_parties = {cid: punished[cid] | (_item_parties(p.text) if p.lead else set())
                       for cid, p in penalty_units}
    by_authority = {cid: addresses_authority(c.lead or c.text) for cid, c in (*penalty_units, *duty_units)}
    catch_all = {cid for cid, p in penalty_units if _CATCH_ALL.search(p.lead + p.text) and penalty_parties[cid]}
    owned = {cid for cid, p in penalty_units if _item_parties(_LEADING_VIOLATION.sub("", p.lead or p.text))}
    texts = {cid: _violation_text(p) for cid, p in penalty_units}
    texts.update({cid: _action(_own_side(d.text, by_authority[cid])) for cid, d in duty_units})
    vectors = _Vectors(texts, second_readings,
                       {cid: clause.ref.article for cid, clause in (*penalty_units, *duty_units)})
    actors = _duty_actors(duty_units, all_clauses)
    penalty_actors = {cid: _penalty_actor(p) for cid, p in penalty_units}
    single_paragraph = _single_paragraph_articles(all_clauses.values())
    links: set[Link] = set()
    worded: dict[tuple[int, int], tuple[tuple[float, ...], float]] = {}
    for duty_id, duty in duty_units:
        lead_reading = duty_id in lead_readings
        # a prohibition naming no one (禁止向从业人员…) is not addressed to the party it names as object
        duty_parties = set() if not duty.lead and _subjectless(duty.text) else \
            parties(duty.lead or duty.text, every_sentence=True)
        authority = by_authority[duty_id]
        # an authority's duty is punished by penalties of authorities, a unit's by those of units
        same_side = [cid for cid in penalty_parties if by_authority[cid] == authority]
        addressed = [cid for cid in same_side if duty_parties & penalty_parties[cid]
                     and _fits(duty, actors[duty_id], duty_parties, penalty_actors[cid], True, authority,
                               named.get(cid), single_paragraph)]
        # a penalty for the duty's own party first; penalties of the general party otherwise
        # (for an authority: of any of its staff)
        general = [cid for cid in same_side if (authority or not punished[cid])
                   and _fits(duty, actors[duty_id], duty_parties, penalty_actors[cid], False, authority,
                             named.get(cid), single_paragraph)]
        excepted = _excepted(duty.lead or duty.text)
        if excepted:
            # 除文物销售单位、文物拍卖企业外，其他单位…不得…: not the excepted parties' penalties
            addressed = [cid for cid in addressed if not _names_any(penalty_clauses[cid], excepted)]
            general = [cid for cid in general if not _names_any(penalty_clauses[cid], excepted)]
        if not duty.lead and _subjectless(duty.text):
            # a prohibition naming no one binds only a party that can do the forbidden act
            acts = _banned_acts(duty.text)
            general = [cid for cid in general if _can_do(acts, penalty_clauses[cid])]
        # a unit's duty also meets the penalties that name no party (违反本法规定，有下列情形之一的):
        # they punish whoever did the act; a person's duty only those of its own party
        candidates = [cid for cid in addressed if cid not in catch_all] + (
            [cid for cid in general if cid not in addressed] if actors[duty_id][1] is False and not authority
            and not any(_PERSON_HEAD.search(party) for party in duty_parties)
            else []) if addressed else general
        coverage = {cid: _coverage(vectors, texts, cid, duty_id, lead_reading) for cid in candidates}
        # a duty whose article the law itself names in a penalty has that penalty; wording adds
        # another only when the duty says all of it (near-verbatim)
        least = NEAR_VERBATIM if duty_id in explicit else LEAD_COVERAGE if lead_reading else MIN_COVERAGE
        # a lead says one act of its own: it meets the alternative of a penalty that says it
        # (…，或者…未立即采取相应的应急救援措施), not the whole penalty
        scored = sorted(((max((vectors.best_similarity(cid, texts[cid], duty_id),
                               *vectors.alternative_similarities(texts[cid], duty_id, cid, each=True)))
                          if lead_reading else vectors.best_similarity(cid, texts[cid], duty_id), cid)
                         for cid in candidates if coverage[cid] >= least), reverse=True)
        party_catch_all = catch_all.intersection(addressed)
        # a duty on its party's 职责 list has that party's catch-all; a specific penalty takes its
        # place only on a full match
        listed = _names_duties(duty.lead) and party_catch_all
        threshold = MIN_SIMILARITY_SAME_PARTY if addressed and not listed else MIN_SIMILARITY
        if scored and scored[0][0] >= threshold:
            best = scored[0][0]
            # the best match, and every penalty whose violation the duty says near-verbatim (a
            # duty of two obligations is broken in two ways: 储存在专用仓库 and 双人收发)
            for score, cid in scored:
                if score >= best * NEAR_BEST or (score >= threshold and coverage[cid] >= NEAR_VERBATIM):
                    links.add((duty_id, cid, "wording"))
                    worded[(duty_id, cid)] = (vectors.alternative_similarities(texts[cid], duty_id, cid) or (score,),
                                              coverage[cid])
        elif not lead_reading and (licensed := _licence_links(duty, candidates, texts)):
            links.update((duty_id, cid, "wording") for cid in licensed)
        elif lead_reading:
            continue  # a lead read on its own is matched by wording only
        elif _names_duties(duty.lead + duty.text) and party_catch_all:
            links.update((duty_id, cid, "party") for cid in party_catch_all)
        elif person_catch_all := _persons_catch_all(duty, actors[duty_id], party_catch_all, penalty_parties):
            links.update((duty_id, cid, "party") for cid in person_catch_all)
        elif len(addressed) == 1 and not authority and actors[duty_id][1] and addressed[0] in owned \
                and _only_generic(texts[addressed[0]]) \
                and _staff_of_own(duty, duty_parties & penalty_parties[addressed[0]]):
            # the one penalty a person has, when it punishes not doing one's job (生产经营单位的从业
            # 人员不落实岗位安全责任…的: its subject ends on the party), is its catch-all; a unit's one
            # penalty names one act (未交纳筹备经费), and an authority's penalties name specific acts
            links.add((duty_id, addressed[0], "party"))
    return links - _outmatched(worded, lead_readings)


#: links round 6: the one penalty of a body's staff is not the body's catch-all (`_staff_of_own`)
STAFF_RULE = True
#: an omission (不履行职责, 未履行…) is no breach of a bar (…不得担任…)
_OMISSION = re.compile(r"不履行|未履行|不落实|不服从")


def _staff_of_own(duty: Clause, shared: set[str]) -> bool:
    """Whether a person's one catch-all penalty (工会工作人员不履行职责的) can be a duty's: the party the
    two share must be a person (a duty of the 工会 is the union's, not its staff's), and a duty
    that only bars (专职…工会工作人员不得担任用人单位协商代表) is not broken by not doing one's job."""
    if not STAFF_RULE:
        return True
    if not any(_PERSON_HEAD.search(party) for party in shared):
        return False
    text = duty.lead + duty.text
    return not ("不得" in text and not re.search(r"应当|必须", text))


#: links round 6: a person's own duty meets the catch-all of exactly that person (`_persons_catch_all`)
PERSON_CATCH_ALL_RULE = True


def _persons_catch_all(duty: Clause, actor: tuple[frozenset[str], bool | None, frozenset[str]],
                       catch_all: set[int], penalty_parties: dict[int, set[str]]) -> list[int]:
    """The catch-all (…安全生产管理人员未履行本法规定的安全生产管理职责的) of the person a duty binds by
    name (生产经营单位的安全生产管理人员应当…进行经常性检查…), when wording found no specific penalty: the
    law's own words make every safety duty of that person one of its 职责. The person must be the
    subject of the duty's first 应当/必须 (not a clause's condition: 安全生产管理人员…报告，有关负责人不及时
    处理的，…可以向部门报告，接到报告的部门应当…)."""
    if not PERSON_CATCH_ALL_RULE or duty.lead or not catch_all or actor[1] is not True:
        return []
    modal = re.search(r"应当|必须", duty.text)
    if modal is None or "不得" in duty.text[: modal.start()]:
        return []
    start = max(duty.text.rfind(mark, 0, modal.start()) for mark in "，；：。") + 1
    bound = _parties_in(duty.text[start:modal.start()])
    persons = {party for party in bound if _PERSON_HEAD.search(party)}
    return sorted(cid for cid in catch_all if persons and persons <= penalty_parties[cid])


#: a duty of everyone but some (除文物销售单位、文物拍卖企业外，其他单位或者个人不得…)
_EXCEPT = re.compile(r"^(?:[^，。；]{0,20}，)?除([^，。；]{2,60}?)(?:以)?外，[^。；]{0,20}?其他")
_EXCEPT_JOINS = re.compile(r"、|和|或者|及|以及|与")
#: links round 5: the excepted parties' penalties are not such a duty's (`_excepted`)
EXCEPTION_RULE = True


def _excepted(text: str) -> tuple[str, ...]:
    """The parties a duty leaves out (除文物销售单位、文物拍卖企业外，其他单位或者个人不得从事文物商业
    经营活动 → 文物销售单位, 文物拍卖企业): what binds the others is not theirs to break, so a penalty
    punishing one of them (（二）文物拍卖企业从事文物销售经营活动) is not its link. Only names of
    units or persons count (除法律另有规定外 leaves no one out)."""
    found = _EXCEPT.match(_ITEM_LABEL.sub("", text.strip())) if EXCEPTION_RULE else None
    if found is None:
        return ()
    return tuple(name for name in _EXCEPT_JOINS.split(found.group(1))
                 if len(name) >= 2 and _UNIT_OR_PERSON.search(name) and not _EVERYONE.search(name))


def _names_any(penalty: Clause, names: tuple[str, ...]) -> bool:
    """Whether a penalty's party — its lead's, or its item's own — is one of `names`."""
    said = [_party_phrase(penalty.lead or penalty.text)]
    if penalty.lead:
        said.append(_party_phrase(penalty.text, item=True))
    return any(name in phrase for phrase in said for name in names)


#: a duty to hold a licence before acting (企业未取得安全生产许可证的，不得从事生产活动), and a penalty for
#: acting without it (未取得安全生产许可证擅自进行生产的): the licence's name is what they share
_WITHOUT_LICENCE = re.compile(r"未(?:依法)?(?:取得|领取)"
                              r"([\u4e00-\u9fff]{0,16}?(?:许可证|许可|执照|资格证书|资质证书|证书|资质))")
_LICENCE_DUTY = re.compile(rf"^[^。；]{{0,30}}?{_WITHOUT_LICENCE.pattern}[^。；]{{0,12}}?(?:不得|禁止|严禁)")
#: links round 5: the licence rule (`_licence_links`)
LICENCE_RULE = True


def _licence_links(duty: Clause, candidates: list[int], texts: dict[int, str]) -> list[int]:
    """The penalties for acting without the licence a duty requires (企业未取得安全生产许可证的，不得
    从事生产活动 → 未取得安全生产许可证擅自进行生产的): in a licence law every clause says the licence's
    name, so wording finds no words the two share alone; the same licence is the evidence."""
    text = _ITEM_LABEL.sub("", duty.text.strip())
    found = _LICENCE_DUTY.match(text) if LICENCE_RULE and not duty.lead else None
    if found is not None:
        licence = found.group(1)
    elif (system := _LICENCE_SYSTEM.match(_GLOSS.sub("", text)) if LICENCE_SYSTEM_RULE and not duty.lead
          else None) is not None:
        licence = system.group(1) + "许可"
    else:
        return []
    return [cid for cid in candidates if any(_licence_name(match.group(1)) == _licence_name(licence)
                                             for match in _WITHOUT_LICENCE.finditer(texts[cid]))]


#: a licence named by the sentence before (国家对危险化学品经营（包括仓储经营，下同）实行许可制度。未经许可，
#: 任何单位和个人不得经营危险化学品): the licence is the activity's 许可
_LICENCE_SYSTEM = re.compile(r"^[^。；]{0,12}?对([^。；，]{2,30}?)实行(?:行政)?许可(?:证)?(?:管理)?制度。"
                             r"(?:[^。；]{0,20}?，)?未经(?:依法)?(?:许可|批准)，[^。；]{0,20}?(?:不得|禁止|严禁)")
#: links round 6: the licence of a 许可制度 sentence (`_licence_links`)
LICENCE_SYSTEM_RULE = True


def _licence_name(name: str) -> str:
    """A licence's name without the word for its paper (危险化学品经营许可证 → 危险化学品经营许可)."""
    return re.sub(r"证(?:书)?$", "", name)


def _outmatched(worded: dict[tuple[int, int], tuple[tuple[float, ...], float]],
                uncounted: frozenset[int] = frozenset()) -> set[Link]:
    """The wording links of a penalty to duties it fits much worse than a duty that says it
    near-verbatim: a penalty names one act (or one per alternative: 未制定预案，或者发生突发事件未及时
    处理 — a duty competes for the alternative it says best), and the duty that says it (货运经营者
    应当防止货物脱落、扬撒) is its duty, not the neighbour that shares its nouns (运输危险货物应当
    防止危险货物燃烧、爆炸). `worded`: (duty, penalty) → (similarity to each alternative, coverage)."""
    best: dict[tuple[int, int], float] = defaultdict(float)
    for (duty_id, penalty_id), (scores, said) in worded.items():
        if said >= NEAR_VERBATIM and duty_id not in uncounted:  # a lead reading outmatches no item
            for part, score in enumerate(scores):
                best[penalty_id, part] = max(best[penalty_id, part], score)
    outmatched = set()
    for (duty_id, penalty_id), (scores, said) in worded.items():
        part = max(range(len(scores)), key=lambda index: (scores[index], -index))
        if said < NEAR_VERBATIM and scores[part] < best[penalty_id, part] * RIVAL_SHARE:
            outmatched.add((duty_id, penalty_id, "wording"))
    return outmatched


#: a body named by its duties (负有安全生产监督管理职责的部门) says nothing of the clause's own 职责
_DUTY_HOLDER = re.compile(r"负有[^，。；]{0,16}?职责的")


def _names_duties(text: str) -> bool:
    """Whether a clause speaks of its party's 职责 (…应当履行下列职责：), not merely of a body that
    has some (…应当告知负有安全生产监督管理职责的部门)."""
    return "职责" in _DUTY_HOLDER.sub("", text)


@dataclass(frozen=True, slots=True)
class _PenaltyActor:
    roles: frozenset[str]
    #: the punished party is a natural person (…的主要负责人, 驾驶人)
    person: bool
    #: the parties an item names as its own subject (（七）特种作业人员未…上岗作业的)
    item_parties: frozenset[str]
    #: the public bodies it punishes (`_bodies`)
    bodies: frozenset[str] = frozenset()


#: an act that opens on its object (向个人销售…, 对从业人员…, 将…出租给…): no subject before it
_OBJECT_FIRST = re.compile(r"^(?:向|对|为|给|替|把|将|与|同)")


def _party_phrase(text: str, item: bool = False) -> str:
    """The words before what a penalty describes (违反本法规定，特种设备使用单位有下列行为之一的
    → 特种设备使用单位): unlike `_split_subject`, a role verb (使用) does not end it. An act that
    opens on its object (`item`: （三）向个人销售…的; a prohibition's act: 禁止向个人…) names no
    one: '' (个人 is who was sold to)."""
    text = _LEADING_VIOLATION.sub("", _ITEM_LABEL.sub("", text))
    if item and _OBJECT_FIRST.match(text):
        return ""
    end = _PARTY_END.search(text)
    return text[: end.start()] if end else text[:30]


def _penalty_actor(penalty: Clause) -> _PenaltyActor:
    punished = _party_phrase(penalty.lead or penalty.text)
    own = _party_phrase(penalty.text, item=True) if penalty.lead else ""
    item_parties = frozenset(_item_parties(_ITEM_LABEL.sub("", penalty.text))) if penalty.lead else frozenset()
    if own and _is_person(own) and not item_parties:
        item_parties = frozenset({own})
    return _PenaltyActor(roles(punished) or roles(own), _is_person(punished), item_parties,
                         _bodies(punished))


def _same_party(actor: tuple[frozenset[str], bool | None, frozenset[str]], duty: Clause, duty_parties: set[str],
                penalty: _PenaltyActor, addressed: bool, authority: bool) -> bool:
    """Whether a penalty can punish this duty's addressee: never a unit of another role
    (使用单位's duty, 经营单位's penalty), never a unit's penalty for a person's duty nor a
    person's for a unit's, and an item that names its own party (特种作业人员未…上岗作业) only
    for a duty that names that party."""
    duty_roles, duty_person, duty_bodies = actor
    if duty_roles and penalty.roles and not duty_roles & penalty.roles:
        return False
    if authority and duty_bodies and penalty.bodies and not duty_bodies & penalty.bodies:
        return False  # a government's duty is not its departments' penalty, nor the reverse
    if penalty.item_parties and not penalty.item_parties & duty_parties \
            and not any(name in duty.lead + duty.text for name in penalty.item_parties):
        return False
    if addressed or authority or duty_person is None:
        return True
    return penalty.person or bool(penalty.item_parties) if duty_person else not penalty.person


def _fits(duty: Clause, actor: tuple[frozenset[str], bool | None, frozenset[str]], duty_parties: set[str],
          penalty: _PenaltyActor, addressed: bool, authority: bool, named: list[Reference] | None,
          single_paragraph: set[int]) -> bool:
    return (_same_party(actor, duty, duty_parties, penalty, addressed, authority)
            and not _outside_reference(duty, named, single_paragraph))


def _single_paragraph_articles(clauses: Iterable[Clause]) -> set[int]:
    with_paragraphs = {c.ref.article for c in clauses if c.ref.paragraph is not None}
    return {c.ref.article for c in clauses if c.ref.article is not None and c.ref.article not in with_paragraphs}


def _outside_reference(duty: Clause, named: list[Reference] | None, single_paragraph: set[int]) -> bool:
    """Whether a penalty names articles and the duty is not inside any unit it names (违反本法第
    四十四条第一款 is not the penalty of 第二款, nor of 第五十条): wording and party may not
    contradict the law's own reference."""
    if not named:
        return False
    single = duty.ref.article in single_paragraph
    return not any(_within(duty.ref, unit, single) for unit in named)


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
    for document, first in zip(documents, first_ids, strict=True):
        links.extend(document_links(list(enumerate(document.clauses, start=first))))
    return links


def document_links(numbered: list[tuple[int, Clause]]) -> list[Link]:
    """The links of one document's (id, clause) list: what the build stores for it, and what
    scripts/relink_index.py recomputes from a built store when only these rules changed."""
    if not _punishing(numbered):
        return []
    return _links_for_document(numbered)
