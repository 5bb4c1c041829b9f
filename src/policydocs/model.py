"""The one data model that flows through reading, search, citation checking and drafting.

A `Document` is a law or policy text with its metadata; its `clauses` are the addressable
units (条/款/项/目 for laws, 一、/（一）/1./（1）/附件 for policy documents). A `Citation` is a
reference to such a unit as written in some text; `ClauseRef` is the resolved address.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from policydocs.text.numerals import int_to_cn

# Authority levels: a lower number is a higher authority (used by ranking and filters).
AUTHORITY: dict[str, int] = {
    "宪法": 0,
    "法律": 1,
    "行政法规": 2,
    "部门规章": 3,
    "司法解释": 3,
    "地方性法规": 4,
    "地方政府规章": 5,
    "规范性文件": 6,
    "工作文件": 7,
    "案例": 8,
}

STATUS_CURRENT = "现行有效"
STATUS_AMENDED = "已修改"
STATUS_REPEALED = "已废止"

CLAUSE_KINDS = ("duty", "penalty", "definition", "other")

#: how a duty → penalty link was found (kb/links.py), strongest first, with what users are told;
#: `referral`: the duty's penalty (or the duty itself) says …依照本法第X条的规定处罚, and this is that 第X条
LINK_KINDS: dict[str, str] = {
    "explicit": "罚则条文明文指向",
    "wording": "按条文措辞对应，请核对",
    "referral": "转引：条文规定依照此条处罚",
    "party": "该主体未履行职责的概括罚则",
}


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """Where a clause sits inside its document: article/paragraph/item/subitem for laws,
    `section` (e.g. "二（一）1.") for policy documents. Unused parts are None."""

    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    subitem: int | None = None
    section: str | None = None

    def label(self) -> str:
        """第九十七条第七项 / 第二十五条第一款第一项 / the policy section label."""
        if self.article is None:
            return self.section or ""
        parts = [f"第{int_to_cn(self.article)}条"]
        if self.paragraph is not None:
            parts.append(f"第{int_to_cn(self.paragraph)}款")
        if self.item is not None:
            parts.append(f"第{int_to_cn(self.item)}项")
        if self.subitem is not None:
            parts.append(f"第{int_to_cn(self.subitem)}目")
        return "".join(parts)

    @property
    def depth(self) -> str:
        """The finest level this reference addresses: article, paragraph, item, subitem, section."""
        if self.subitem is not None:
            return "subitem"
        if self.item is not None:
            return "item"
        if self.paragraph is not None:
            return "paragraph"
        if self.article is not None:
            return "article"
        return "section"

    def article_only(self) -> ClauseRef:
        return ClauseRef(article=self.article) if self.article is not None else self


@dataclass(slots=True)
class Clause:
    """One addressable unit of a document, with the text needed to show and cite it."""

    doc_id: str
    ref: ClauseRef
    text: str
    #: for an item: the lead-in sentence of its 条/款 ("生产经营单位有下列行为之一的，…")
    lead: str = ""
    #: chapter/section headings above the clause, outermost first
    headings: tuple[str, ...] = ()
    kind: str = "other"

    @property
    def key(self) -> str:
        """Unique id inside an index: document id plus the reference label."""
        return f"{self.doc_id}#{self.ref.label()}"


@dataclass(slots=True)
class Document:
    """A law, regulation or policy document with the metadata ranking and citing need."""

    doc_id: str
    title: str
    category: str  # one of AUTHORITY's keys
    source: str = ""
    aliases: list[str] = field(default_factory=list)
    issuer: str = ""
    number: str = ""  # 文号
    promulgated: str = ""  # ISO dates, '' when unknown
    effective: str = ""
    version_date: str = ""
    status: str = STATUS_CURRENT
    region: str = "全国"
    #: what the document governs (kb/scope.py): scope words, [] for a general law
    scope: list[str] = field(default_factory=list)
    #: the field of law it belongs to (kb/domain.py): "安全生产" or "" (outside the domain)
    domain: str = ""
    clauses: list[Clause] = field(default_factory=list)

    @property
    def level(self) -> int:
        return AUTHORITY.get(self.category, 9)

    def cite(self, ref: ClauseRef) -> str:
        """Canonical citation: 《中华人民共和国安全生产法》第九十七条第七项; a policy document adds its 文号."""
        number = f"（{self.number}）" if self.number and ref.article is None else ""
        return f"《{self.title}》{number}{ref.label()}"

    def metadata(self) -> dict:
        """Everything but the clauses, as plain data (stored beside the index)."""
        data = asdict(self)
        del data["clauses"]
        return data


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation as found in a text, before or after resolution.

    `law` is the name as written (without 书名号), `ref` the parsed address; `start`/`end`
    are character offsets into the text the finder read, `line`/`column` are 1-based.
    """

    source: str
    law: str | None
    ref: ClauseRef
    start: int
    end: int
    line: int
    column: int
    #: words the text quotes as the content of the clause (after 规定：or inside quotes)
    quoted: str = ""
    #: version named in the citation, e.g. "2021年修正", or "新" for 新《…》
    version: str = ""
    #: the citation exactly as written (text[start:end]); `source` names the text it came from
    written: str = ""
    #: "本法"/"本条例"/"本条"/"前款" … for a citation relative to the clause that contains it
    relative: str = ""
    #: for a malformed citation (第三条第六条: two 条 chained without 、), what was probably
    #: meant (第三条、第六条); '' when the citation is well formed
    meant: str = ""
    #: for a relative citation inside the words a text quotes right after citing one article of
    #: a named law (…第六十六条 …违反本条例第十四条…): that citation, which it is relative to
    quoted_from: Citation | None = None
