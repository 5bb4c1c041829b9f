"""Which documents belong to work safety (安全生产), derived from the corpus itself.

A library of 3,500 laws answers 拒绝检查 or 虚假报告 from 水法, 公司法 or 网络安全法 as readily
as from 安全生产法: the words are everyday words. The ranking weights documents outside the
domain down (never hides them), so the domain must be known for every document, and it is read
from the corpus, starting from a small set of root laws:

    安全生产法, 消防法, 特种设备安全法, 职业病防治法, 矿山安全法

(the laws whose supervising authorities are the work-safety administration: 应急管理部门 and
负有安全生产监督管理职责的部门, 消防救援机构, 特种设备安全监督管理部门, 职业卫生监管).

A document is in the domain, and `Document.domain` says "安全生产", when
1. it is a root law (any version);
2. its title names a root law's subject (安全生产, 生产安全, 消防, 特种设备, 职业病, 矿山安全);
3. its legal basis (the first articles: "根据《中华人民共和国安全生产法》…制定") names a document
   of the domain — repeated until nothing changes, so a local rule made under a domain
   regulation joins too;
4. it names a root law, or a root law's supervising authority (安全生产监督管理部门 …), in at
   least REFERENCES articles: one mention (a 网络安全法 article deferring to another law) is not
   enough, a regulation enforced by that authority mentions it throughout;
5. it is a safety law by title and by purpose: the title says 安全 and its first article, the
   purpose clause (为了…制定本条例), says it prevents the accidents of work safety (安全事故,
   生产安全事故, 爆炸事故, 火灾事故, 中毒事故) — 民用爆炸物品安全管理条例, 国务院关于特大安全事故
   行政责任追究的规定; not 道路交通安全法 (交通事故) or 核安全法 (核事故), whose regimes have their
   own authorities, nor 网络数据安全 or 食品安全.
"""

from __future__ import annotations

import re

from policydocs.model import Document

DOMAIN = "安全生产"
ROOT_LAWS = ("中华人民共和国安全生产法", "中华人民共和国消防法", "中华人民共和国特种设备安全法",
             "中华人民共和国职业病防治法", "中华人民共和国矿山安全法")
TITLE_SUBJECTS = ("安全生产", "生产安全", "消防", "特种设备", "职业病", "矿山安全", "劳动保护", "劳动安全")
#: the root laws' supervising authorities, as the laws name them
AUTHORITIES = ("安全生产监督管理", "应急管理部门", "应急管理主管部门", "消防救援机构", "公安机关消防机构",
               "特种设备安全监督管理", "煤矿安全监察")
REFERENCES = 2
BASIS_ARTICLES = 3  # the legal basis is stated in the first articles
_NAMED = re.compile(r"《([^》]{2,60})》")
_PURPOSE = re.compile(r"^为了?")
#: the accidents a work-safety law's purpose clause says it prevents
_WORK_ACCIDENTS = re.compile(r"(?:安全|爆炸|火灾|中毒)事故")
_PRC = "中华人民共和国"


def _bare(title: str) -> str:
    return title.removeprefix(_PRC)


def _basis_text(document: Document) -> str:
    """The first articles' sentences that state a legal basis (根据/依据/依照 …)."""
    parts = []
    seen = 0
    for clause in document.clauses:
        if clause.ref.depth not in ("article", "section"):
            continue
        seen += 1
        if seen > BASIS_ARTICLES:
            break
        if "根据" in clause.text or "依据" in clause.text or "依照" in clause.text:
            parts.append(clause.text)
    return "\n".join(parts)


def _names_basis(basis: str, titles: set[str]) -> bool:
    """Does the basis text name one of `titles` — in 书名号 or bare (根据职业病防治法…)?"""
    if not basis:
        return False
    if {_bare(name) for name in _NAMED.findall(basis)} & titles:
        return True
    return any(len(title) >= 4 and title in basis for title in titles)


def _safety_purpose(document: Document) -> bool:
    """Rule 5: a title with 安全 and a purpose clause that prevents work-safety accidents."""
    if "安全" not in document.title:
        return False
    first = next((clause.text for clause in document.clauses if clause.ref.depth == "article"), "")
    return bool(_PURPOSE.match(first) and _WORK_ACCIDENTS.search(first.split("制定", 1)[0]))


def _references(document: Document, root_names: tuple[str, ...]) -> int:
    """Articles that name a root law or its supervising authority."""
    count = 0
    for clause in document.clauses:
        if clause.ref.depth not in ("article", "section"):
            continue
        text = clause.text
        if any(authority in text for authority in AUTHORITIES) or any(
                f"{name}》" in text for name in root_names):
            count += 1
    return count


def assign_domains(documents: list[Document]) -> None:
    """Set `document.domain` for every document (see the module docstring)."""
    root_names = tuple(_bare(title) for title in ROOT_LAWS)
    member: dict[str, bool] = {}
    for document in documents:
        title = _bare(document.title)
        member[document.doc_id] = (document.title in ROOT_LAWS
                                   or any(subject in title for subject in TITLE_SUBJECTS)
                                   or _references(document, root_names) >= REFERENCES
                                   or _safety_purpose(document))
    bases = {document.doc_id: _basis_text(document) for document in documents}
    changed = True
    while changed:
        changed = False
        titles = {_bare(document.title) for document in documents if member[document.doc_id]}
        for document in documents:
            if not member[document.doc_id] and _names_basis(bases[document.doc_id], titles):
                member[document.doc_id] = changed = True
    for document in documents:
        document.domain = DOMAIN if member[document.doc_id] else ""
