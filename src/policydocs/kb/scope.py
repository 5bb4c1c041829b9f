"""The scope a document governs: the sector, place or object its rules are about (煤矿,
危险化学品, 建设工程, 娱乐场所 …), or none for a general law.

特别法优于一般法 presupposes that the case falls inside the special law's scope: a sector
regulation that repeats the general law's words (培训, 动火, 安全出口) must not outrank the
general law for facts outside its sector. So each document gets scope words, stored in the
index, and the ranking weights a scoped document down when the question does not touch them.

Where the words come from (corpus only, no list of laws):
1. the title's sector part — the title without region, 中华人民共和国, type words (条例, 办法,
   实施细则 …) and the safety words after the sector (煤矿|安全生产条例 → 煤矿;
   危险化学品|安全管理条例 → 危险化学品; 娱乐场所管理条例 → 娱乐场所). A title that starts with
   the safety words is a *topic* rule for every unit (生产安全事故应急条例, 安全生产许可证条例):
   no scope. 《…实施〈X〉办法》 takes X's scope;
2. the document's key terms: words in a large share of its articles that are rare in the
   library (施工单位 in a construction regulation, 煤矿企业 in a coal-mine one) — the sector's
   own vocabulary, so that "工地上…施工" falls inside 建设工程 without saying the word.

General subjects: 消防 and 职业病 (消防法, 职业病防治法 and their local 条例) bind every unit and
person; whether a question is about fire or occupational disease is decided by the very words
that match their clauses, so a scope word would only add misses ("电线私拉乱接" is a fire matter
without saying 消防). They get no scope, like 安全生产法. Laws about a sector or an object
(矿山安全法 → 矿山, 特种设备安全法 → 特种设备) keep theirs: their rules bind only who works in
that sector or with those objects.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from itertools import chain

from policydocs.model import Document
from policydocs.text.analyzer import tokenize

#: subjects whose laws bind every unit: no scope (see the module docstring)
GENERAL_SUBJECTS = ("安全生产", "生产安全", "消防", "职业病", "职业病防治")
#: words that say how a title regulates, not what about
_TYPE_SUFFIX = re.compile(r"(实施细则|实施办法|实施条例|实施规定|暂行规定|暂行办法|暂行条例|若干规定|管理规定|管理办法|"
                          r"管理条例|规定|办法|条例|细则|规则|规程|法|决定|通知|意见|方案|标准|规范|制度|要点)$")
_SAFETY = re.compile(r"安全生产|生产安全|安全管理|安全监察|安全监督|安全")
_IMPLEMENTS = re.compile(r"实施[《〈]([^》〉]+)[》〉]")
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_CITY = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:经济特区|自治州|自治县|市|县|区)")
_ISSUER_ABOUT = re.compile(r"^.*?关于")
#: tokens that never make a scope on their own
_GENERIC_WORDS = (
    "管理 监督 监督管理 保护 防治 促进 实施 工作 若干 国家 关于 加强 规范 进一步 全面 有关 问题 事项 暂行 试行 修订 "
    "物品 服务 单位 企业 人员 生产 经营 使用 活动 场所 作业 作业场所 建设 条件 行为 责任 制度 部门 机构 规定 条例 办法 "
    "本条例 本法 本办法 本规定 应当 可以 按照 依照 根据 进行 组织 有关部门 人民政府 县级 以上 地方 各级 "
    "安全 安全生产 生产安全 事故 安全事故 检查 标准 技术 措施 设施 设备 情况 法律 法规 行政 处罚 罚款 责令 改正 "
    "的 和 与 及 或者 等 中 内 下列 之一 其他 相关 主管 主管部门 行政部门 职责 负责 负有 监察 "
    "检验 检测 检查 技术规范 现场 机械 压力 储存 运输 运营 排放 文化 事业单位 劳动 劳动者 职业 承办 事件 应对 救援 "
    "危险 危害 防护 隐患 培训 教育 报告 登记 许可 许可证 审批 验收 维护 保养 经营者 生产者 使用者 所有者 管理者 "
    "用户 消费者 设在 工会 工会组织 卫生标准")
GENERIC = frozenset(_GENERIC_WORDS.split())
#: a key term naming an authority or a party of any law is not a sector word
_AUTHORITY_WORD = re.compile(r"部门|机关|机构|政府|公安|监督管理|委员会|主管|执法")
KEY_SHARE = 0.2  # a key term is in at least this share of the document's articles …
KEY_LIFT = 25.0  # … and this many times more often than in the library's articles
KEY_MIN_ARTICLES = 8
KEY_TERMS = 6


def _strip_region(title: str, region: str) -> str:
    if region == "全国":
        return title
    names = []
    for part in region.split("/"):
        names += [part, part + "省", part + "市", part + "自治区"]
        if part.endswith(("省", "市", "县", "区")) and len(part) > 2:
            names.append(part[:-1])
    changed = True
    while changed:
        changed = False
        for name in sorted(names, key=len, reverse=True):
            if title.startswith(name) and len(title) > len(name) + 1:
                title, changed = title[len(name):], True
    title = re.sub(r"^(经济特区|特区)", "", title)
    city = _CITY.match(title)  # a city or county under the region: 郑州市…, 汕头经济特区…
    if city and len(title) > city.end() + 2:
        title = title[city.end():]
    return title


def title_scope(title: str, region: str = "全国") -> list[str]:
    """Scope words of a title ([] for a general or topic document)."""
    title = _PAREN.sub("", title).replace("中华人民共和国", "")
    title = _strip_region(title, region)
    implemented = _IMPLEMENTS.search(title)
    if implemented:
        return title_scope(implemented.group(1))
    title = _ISSUER_ABOUT.sub("", title.replace("《", "").replace("》", ""))
    core = re.sub(r"的(若干)?(问题)?$", "", title)
    while True:
        stripped = _TYPE_SUFFIX.sub("", core)
        if stripped == core or not stripped:
            break
        core = stripped
    safety = _SAFETY.search(core)
    sector = core[:safety.start()] if safety else core
    sector = re.sub(r"(防治|保护|促进|监督管理|管理|保障|工作)$", "", sector.strip("的和与及、"))
    if not sector or sector in GENERAL_SUBJECTS:
        return []
    if len(sector) < 2 or sector in GENERIC:
        return []
    if len(sector) <= 8:
        return [sector]
    # a long sector part (互联网上网服务营业场所): its words, without the parts of longer ones
    tokens = [t for t in dict.fromkeys(tokenize(sector)) if len(t) >= 2 and t not in GENERIC]
    return [t for t in tokens if not any(t != other and t in other for other in tokens)]


def key_terms(counts: Counter[str], articles: int, library_df: Mapping[str, int], library_articles: int) -> list[str]:
    """Words in at least KEY_SHARE of a document's `articles` (`counts`: in how many articles
    each token occurs) and KEY_LIFT times rarer in the library. A token that occurs only inside
    a longer one (安部 of 公安部) is not a word of its own."""
    if articles < KEY_MIN_ARTICLES or library_articles == 0:
        return []
    frequent = sorted(((token, count) for token, count in counts.items() if count >= KEY_SHARE * articles),
                      key=lambda item: (-item[1], item[0]))
    chosen = []
    for token, count in frequent:
        if (len(token) < 2 or token in GENERIC or _AUTHORITY_WORD.search(token)
                or not re.search(r"[\u4e00-\u9fff]", token)):
            continue
        if any(other != token and token in other and other_count >= 0.8 * count for other, other_count in frequent):
            continue
        if count / articles >= KEY_LIFT * library_df.get(token, count) / library_articles:
            chosen.append(token)
        if len(chosen) == KEY_TERMS:
            break
    return chosen


def assign_scopes(documents: list[Document], tokens: list[dict[int, str]]) -> None:
    """Set `document.scope` for every document; `tokens[i]` are the space-separated tokens of
    document i's indexed units (from the build), used for the key terms."""
    article_sets = [[set(body.split()) for body in unit_tokens.values()] for unit_tokens in tokens]
    library_df = Counter(chain.from_iterable(chain.from_iterable(article_sets)))
    total = sum(len(sets) for sets in article_sets)
    for document, sets in zip(documents, article_sets, strict=True):
        title_words = title_scope(document.title, document.region)
        document.scope = title_words
        if not title_words:
            continue
        counts = Counter(chain.from_iterable(sets))
        # 煤矿企业 adds nothing to 煤矿; a part of the title's word that is a key term of its own
        # (燃气 of 城镇燃气) is how questions say it ("燃气瓶放在地下室"), so it stays
        terms = [t for t in key_terms(counts, len(sets), library_df, total)
                 if not any(word in t for word in title_words)]
        # search-mode tokens include the parts of compounds (施工 of 施工单位): keep the parts, which
        # match more questions, and drop the compounds
        document.scope = title_words + [t for t in terms if not any(o != t and o in t for o in terms)]
