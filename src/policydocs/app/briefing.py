"""宣讲 materials (`policydocs briefing`): a theme → the duty clauses it names (by party, by
subject words through search, by law, or listed in an items file), their linked penalties,
the violations policy documents describe for them, and a question bank; written as a
handout (.docx), slides (.pptx) and a question bank (.xlsx).

Every clause comes from the index with its canonical citation: a clause the search was not
sure of is kept with 〔请核对〕, a listed clause that cannot be resolved is 〔未核实〕 and
reported; nothing is composed except headings and question frames.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from policydocs.app.workspace import Workspace
from policydocs.cite.finder import find_citations
from policydocs.cite.service import clause_text
from policydocs.cite.verify import verify
from policydocs.draft.briefing_model import (
    UNVERIFIED_MARK,
    DutyText,
    LawUsed,
    Material,
    PenaltyText,
    Violation,
)
from policydocs.draft.frontmatter import format_date
from policydocs.draft.quiz import Pools, item_text, make_questions
from policydocs.draft.writer import ensure_writable, write_atomic
from policydocs.errors import DraftError, NotFoundError, PolicydocsError, SourceError, UsageError
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES
from policydocs.kb.domain import DOMAIN
from policydocs.kb.lawnames import LawResolver
from policydocs.kb.links import PARTIES, addresses_authority, is_penalty_chapter, parties
from policydocs.model import Clause, ClauseRef, Document
from policydocs.text.analyzer import tokenize
from policydocs.text.headings import ITEM

#: duty clauses a briefing quotes at most (a 宣讲 of an hour covers about this many)
MAX_DUTIES = 24
#: search hits looked at for a subject theme
SEARCH_LIMIT = 40
#: documents whose clauses of the theme's party are all taken (the best-ranked national ones)
PARTY_DOCUMENTS = 4
NATIONAL = frozenset({"法律", "行政法规", "部门规章"})
POLICY = frozenset({"规范性文件", "工作文件"})
KEPT_CONFIDENCE = ("high", "check")
#: table columns whose cells describe the violation (seed 000 违法行为描述, seed 002 检查要点)
_DESCRIPTION_COLUMNS = ("违法行为", "检查要点", "检查内容", "隐患", "问题")
_PENALTY_COLUMNS = ("处罚", "法律责任")


@dataclass(slots=True)
class ListedClause:
    """A clause of an items file (or of `--plan-out`): a citation and an optional note."""

    citation: str
    note: str = ""

    def as_yaml(self) -> dict | str:
        return {"clause": self.citation, "note": self.note} if self.note else self.citation


@dataclass(slots=True)
class BriefingResult:
    material: Material
    how: str  # party / subject / law / items: how the theme was resolved
    party: str | None
    outputs: list[Path] = field(default_factory=list)

    def as_json(self) -> dict:
        material = self.material
        return {"theme": material.theme, "title": material.title, "how": self.how, "party": self.party,
                "laws": [law.as_json() for law in material.laws],
                "duties": [duty.as_json() for duty in material.duties],
                "penalties": len(material.penalties),
                "violations": [violation.as_json() for violation in material.violations],
                "questions": [question.as_json() for question in material.questions],
                "unverified": material.unverified, "outputs": [str(path) for path in self.outputs]}


# -- resolving a theme ------------------------------------------------------------------------
def check_party(party: str) -> str:
    """UsageError unless `party` is one the link step reads from a clause's subject."""
    party = party.strip()
    if party not in PARTIES:
        raise UsageError(f"未知的主体“{party}”（--party 可选：{'、'.join(PARTIES)}）(unknown party)")
    return party


def theme_party(theme: str) -> str | None:
    """The party a theme names (主要负责人安全生产职责 → 主要负责人), the longest one."""
    named = [party for party in PARTIES if party in theme]
    return max(named, key=len) if named else None


@dataclass(slots=True)
class _Chosen:
    clause_id: int
    clause: Clause
    document: Document
    confidence: str
    rank: int  # order of the document's first appearance


def _is_list(clause: Clause) -> bool:
    lines = [line for line in clause.text.split("\n") if line.strip()]
    return len(lines) > 1 and lines[0].rstrip().endswith(("：", ":")) and all(ITEM.match(x) for x in lines[1:])


def _duty_units(workspace: Workspace, document: Document) -> list[tuple[int, Clause]]:
    """The duty clauses of `document` as a briefing quotes them: an article's 款 one by one when
    it has 款, else the article; a list 款 whole (its 项 are not taken apart)."""
    units = workspace.store.document_clauses(document.doc_id)
    split = {c.ref.article for _, c in units if c.ref.paragraph is not None}
    return [(clause_id, clause) for clause_id, clause in units
            if clause.kind == "duty" and clause.ref.item is None and clause.ref.article is not None
            and not (clause.ref.article in split and clause.ref.paragraph is None)]


def _wanted(hit, party: str | None, law_given: bool) -> bool:
    if hit.confidence not in KEPT_CONFIDENCE or not (hit.in_domain or law_given):
        return False
    text = clause_text(hit.clause)
    if addresses_authority(hit.clause.lead or hit.clause.text):
        return False  # a 宣讲 teaches the units and persons what they must do
    return party is None or party in parties(text, every_sentence=True)


def _on_theme(theme: str, found: Sequence[Clause]) -> Callable[[Clause], bool]:
    """Which clauses of a law whose title names the theme are about it: those of a chapter whose
    heading names it (第二章 事故报告), and those naming each of its words (事故, 报告) in the
    chapters the search found them in (总则, not 第三章 事故调查)."""
    subject = re.sub(r"\s", "", theme)
    tokens = tokenize(subject)
    words = [t for t in tokens if not any(o != t and o in t for o in tokens)]
    chapters = {clause.headings[0] if clause.headings else "" for clause in found}

    def wanted(clause: Clause) -> bool:
        chapter = clause.headings[0] if clause.headings else ""
        return subject in chapter or (chapter in chapters and all(word in clause_text(clause) for word in words))

    return wanted


def _covered(ref: ClauseRef, other: ClauseRef) -> bool:
    """`other` contains `ref` (an article its 款, a 款 its 项)."""
    if ref == other or ref.article != other.article:
        return False
    if other.paragraph is None:
        return other.item is None
    return other.paragraph == ref.paragraph and other.item is None and ref.item is not None


def resolve_theme(workspace: Workspace, theme: str, *, laws: Sequence[str] = (), party: str | None = None,
                  scope: str | None = None, domain: str = DOMAIN) -> tuple[list[_Chosen], str]:
    """The duty clauses of a theme, ordered by law then article, and how they were found."""
    resolver = LawResolver(workspace.store)
    named_law = resolver.resolve(theme) if not laws else None
    law_docs: list[Document] = []
    for law in laws:
        workspace.check_law(law)
        resolved = resolver.resolve(law)
        if resolved is not None:
            law_docs.append(resolved.current or resolved.newest)
    if named_law is not None and party is not None:  # 安全生产法 --party 主要负责人: that law's party clauses
        law_docs, named_law = [named_law.current or named_law.newest], None
    chosen: dict[int, _Chosen] = {}
    ranks: dict[str, int] = {}

    def take(clause_id: int, clause: Clause, document: Document, confidence: str) -> None:
        rank = ranks.setdefault(document.doc_id, len(ranks))
        old = chosen.get(clause_id)
        if old is None or (old.confidence == "check" and confidence == "high"):
            chosen[clause_id] = _Chosen(clause_id, clause, document, confidence, rank)

    def take_law(document: Document, wanted: Callable[[Clause], bool] = lambda clause: True) -> None:
        """A law's duty clauses addressed to units and persons that are `wanted`."""
        for clause_id, clause in _duty_units(workspace, document):
            if not addresses_authority(clause.text) and wanted(clause):
                take(clause_id, clause, document, "high")

    if named_law is not None and party is None:  # by law: its duty clauses
        take_law(named_law.current or named_law.newest)
        how = "law"
    else:
        hits = []
        titles: list[str | None] = [doc.title for doc in law_docs] or [None]
        for title in titles:
            result = workspace.search(theme, limit=SEARCH_LIMIT, kind="duty", law=title, scope=scope or theme,
                                      domain=domain)
            hits += [hit for hit in result.hits if _wanted(hit, party, bool(law_docs))]
        if any(hit.document.category in NATIONAL for hit in hits):
            hits = [hit for hit in hits if hit.document.category in NATIONAL]
        if party is None and not law_docs and not scope and any(hit.in_scope for hit in hits):
            hits = [hit for hit in hits if hit.in_scope]  # 事故报告: not the 铁路 or 电力 rules
        for hit in hits:
            ranks.setdefault(hit.document.doc_id, len(ranks))
        if party is None and not law_docs:  # 事故报告: the law whose title names the theme is about it
            for document in {hit.document.doc_id: hit.document for hit in hits}.values():
                if len(re.sub(r"\s", "", theme)) >= 2 and re.sub(r"\s", "", theme) in document.title:
                    take_law(document, _on_theme(theme, [hit.clause for hit in hits
                                                         if hit.document.doc_id == document.doc_id]))
        if party is not None:
            documents = law_docs or list({hit.document.doc_id: hit.document for hit in hits}.values())
            for document in documents[:PARTY_DOCUMENTS] if not law_docs else documents:
                for clause_id, clause in _duty_units(workspace, document):
                    if party in parties(clause.text, every_sentence=True):  # the party is its subject
                        take(clause_id, clause, document, "high")
        for hit in hits:
            # a party's own clauses come from its laws; a search hit adds one only when sure
            if party is None or hit.confidence == "high":
                take(hit.clause_id, hit.clause, hit.document, hit.confidence)
        how = "party" if party is not None else "subject"
    kept = [c for c in chosen.values()
            if not any(_covered(c.clause.ref, o.clause.ref) for o in chosen.values()
                       if o.document.doc_id == c.document.doc_id)]
    kept.sort(key=lambda c: (c.document.level, c.rank, c.clause.ref.article or 0, c.clause.ref.paragraph or 0,
                             c.clause.ref.item or 0))
    return kept[:MAX_DUTIES], how


def _duty_text(workspace: Workspace, chosen: _Chosen, party: str | None, note: str = "") -> DutyText:
    clause, document = chosen.clause, chosen.document
    linked = workspace.library.penalties(chosen.clause_id)
    if not linked and _is_list(clause):  # a list 款: its items' penalties
        for unit_id, unit in workspace.store.article_units(document.doc_id, clause.ref.article or 0):
            if unit.ref.item is not None and unit.ref.paragraph == clause.ref.paragraph:
                linked += [p for p in workspace.library.penalties(unit_id) if p not in linked]
    penalties: list[PenaltyText] = []
    for penalty in linked:
        citation = penalty.document.cite(penalty.clause.ref)
        if all(p.citation != citation for p in penalties):
            penalties.append(PenaltyText(citation, clause_text(penalty.clause), penalty.how, penalty.document.title))
    named = sorted(parties(clause_text(clause), every_sentence=True))
    lines = [line for line in clause.text.split("\n") if line.strip()]
    return DutyText(document.cite(clause.ref), document.title, clause.ref.article or 0, clause_text(clause),
                    party if party in named else (named[0] if named else "生产经营单位"), chosen.confidence,
                    lines[1:] if _is_list(clause) else [], penalties, note)


def _laws_used(workspace: Workspace, duties: Sequence[DutyText]) -> list[LawUsed]:
    titles = list(dict.fromkeys([d.law for d in duties] + [p.law for d in duties for p in d.penalties]))
    resolver = LawResolver(workspace.store)
    used = []
    for title in titles:
        resolved = resolver.resolve(title)
        if resolved is not None:
            document = resolved.current or resolved.newest
            used.append(LawUsed(document.title, document.category, document.version_date, document.status))
    return used


def _row_description(clause: Clause) -> tuple[str, str] | None:
    """(description, the cells other than penalty columns) of a table row, or None."""
    cells = [cell.strip() for cell in clause.text.split(" | ")]
    header = [cell.strip() for cell in (clause.lead or "").split(" | ")]
    if len(header) != len(cells):
        return None
    described = [cells[n] for word in _DESCRIPTION_COLUMNS for n, name in enumerate(header) if word in name]
    cited = [cells[n] for n, name in enumerate(header) if not any(word in name for word in _PENALTY_COLUMNS)]
    description = next((cell for cell in described if cell and "《" not in cell), "")
    description = "".join(line.strip() for line in description.split("\n"))  # one cell, its lines run in
    return (description, " ".join(cited)) if description else None


def find_violations(workspace: Workspace, duties: Sequence[DutyText], limit: int = 3) -> list[Violation]:
    """Rows of the index's policy documents (检查表) whose 依据 cite one of the duties, with
    their 违法行为描述 / 检查要点 quoted as written; at most `limit` per duty."""
    store = workspace.store
    per_duty: dict[str, list[Violation]] = {duty.citation: [] for duty in duties}
    seen: set[str] = set()
    for document in store.documents_of(sorted(POLICY)):
        source = f"《{document.title}》" + (f"（{document.number}）" if document.number else "")
        for _, clause in store.document_clauses(document.doc_id):
            if "《" not in clause.text or " | " not in clause.text:
                continue
            row = _row_description(clause)
            if row is None or row[0] in seen:
                continue
            description, cited_text = row
            findings = verify(find_citations(cited_text), store, as_of=document.promulgated or document.version_date)
            for finding in findings:
                current = finding.suggestion if finding.status == "outdated" and finding.suggestion \
                    else finding.citation if finding.status == "ok" else None
                if not current:
                    continue
                for duty in duties:
                    if (current.startswith(duty.citation) or duty.citation.startswith(current)) \
                            and len(per_duty[duty.citation]) < limit and description not in seen:
                        seen.add(description)
                        per_duty[duty.citation].append(Violation(description, source, duty.citation))
    return [violation for duty in duties for violation in per_duty[duty.citation]]


def _pools(workspace: Workspace, duties: Sequence[DutyText]) -> Pools:
    """Each law's penalty articles and list items, for distractors."""
    pools = Pools()
    resolver = LawResolver(workspace.store)
    for title in dict.fromkeys(d.law for d in duties):
        resolved = resolver.resolve(title)
        if resolved is None:
            continue
        document = resolved.current or resolved.newest
        for _, clause in workspace.store.document_clauses(document.doc_id):
            if clause.kind == "penalty" and clause.ref.depth == "article" and is_penalty_chapter(clause):
                pools.penalties.setdefault(title, []).append(document.cite(clause.ref))
            elif clause.kind == "duty" and clause.ref.item is not None and clause.ref.subitem is None:
                pools.items.setdefault(title, []).append(item_text(clause.text))
    return pools


# -- items files ----------------------------------------------------------------------------
def read_items(path: Path) -> tuple[dict, list[ListedClause]]:
    """An items file: a list of citations (or `{clause, note}`), or a mapping with `theme`,
    `title`, `issuer`, `date` and `items`."""
    if not path.is_file():
        raise UsageError(f"找不到文件：{path}（请检查路径）")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SourceError(f"{path.name}: 无法读取 YAML（{str(error).splitlines()[0]}）") from None
    except ValueError:  # a date YAML reads but the calendar lacks (2024-13-45)
        raise SourceError(f"{path.name}: 文件中有无效日期；请写成 2024-05-06 或 2024年5月6日") from None
    meta = data if isinstance(data, dict) else {}
    entries = meta.get("items") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise SourceError(f"{path.name}: 应为条款列表（items: - 《安全生产法》第二十一条）")
    listed = []
    for number, entry in enumerate(entries, 1):
        if isinstance(entry, str):
            listed.append(ListedClause(entry.strip()))
        elif isinstance(entry, dict) and isinstance(entry.get("clause"), str):
            listed.append(ListedClause(entry["clause"].strip(), str(entry.get("note") or "")))
        else:
            raise SourceError(f"{path.name}: 第{number}项应为引用或 {{clause: 引用, note: 说明}}")
    return meta, listed


def _listed_clauses(workspace: Workspace,
                    listed: Sequence[ListedClause]) -> tuple[list[tuple[_Chosen, str]], list[str]]:
    chosen, unverified = [], []
    for entry in listed:
        try:
            shown = workspace.show(entry.citation)
        except PolicydocsError as error:
            unverified.append(f"{entry.citation}{UNVERIFIED_MARK}：{error}")
            continue
        chosen.append((_Chosen(shown.clause_id, shown.clause, shown.document, "high", 0), entry.note))
    return chosen, unverified


def write_plan(material: Material, path: Path, *, force: bool = False) -> None:
    """The resolved clauses as an items file, to edit and run again with --items."""
    data = {"theme": material.theme, "title": material.title, "issuer": material.issuer or None,
            "date": material.date or None,
            "items": [ListedClause(duty.citation, duty.note).as_yaml() for duty in material.duties]}
    text = yaml.safe_dump({k: v for k, v in data.items() if v is not None}, allow_unicode=True, sort_keys=False,
                          width=1000)

    def save(temporary: str) -> None:
        Path(temporary).write_text(text, encoding="utf-8")

    write_atomic(path, save, force=force)


# -- the use case ---------------------------------------------------------------------------
_SUFFIX = {"output": ".docx", "pptx": ".pptx", "quiz_out": ".xlsx", "plan_out": ".yaml"}


def _check_outputs(outputs: dict[str, Path | None], force: bool, inputs: Sequence[Path]) -> None:
    given = {name: path for name, path in outputs.items() if path is not None}
    if not given:
        raise UsageError("请至少指定一个输出：-o 提纲.docx、--pptx 幻灯片.pptx、--quiz-out 题库.xlsx"
                         " 或 --plan-out 清单.yaml")
    for name, path in given.items():
        suffixes = (".yaml", ".yml") if name == "plan_out" else (_SUFFIX[name],)
        if path.suffix.lower() not in suffixes:
            option = {"output": "-o", "pptx": "--pptx", "quiz_out": "--quiz-out", "plan_out": "--plan-out"}[name]
            raise UsageError(f"{option} 的文件应为 {suffixes[0]}：{path.name}")
        ensure_writable(path, force=force, inputs=inputs)
    paths = [p.resolve() for p in given.values()]
    if len(set(paths)) != len(paths):
        raise UsageError("输出文件不能重名（-o、--pptx、--quiz-out、--plan-out 各写一个文件）")


def make_briefing(workspace: Workspace, theme: str = "", *, laws: Sequence[str] = (), party: str | None = None,
                  items: Path | None = None, scope: str | None = None, domain: str = DOMAIN,
                  title: str | None = None, issuer: str = "", date: str = "", quiz: int = 0, seed: int = 0,
                  output: Path | None = None, pptx: Path | None = None, quiz_out: Path | None = None,
                  plan_out: Path | None = None, fonts: str = DEFAULT_PROFILE, force: bool = False) -> BriefingResult:
    """Resolve the theme (or the items file), gather penalties, violations and questions, and
    write the outputs asked for. Raises UsageError/NotFoundError/OutputError with one line."""
    if fonts not in PROFILES:
        raise UsageError(f"未知的字体方案：{fonts}（可选：{'、'.join(sorted(PROFILES))}）")
    if quiz < 0 or quiz > 200:
        raise UsageError(f"--quiz 应在 0 到 200 之间：{quiz}")
    if quiz_out is not None and quiz == 0:
        raise UsageError("--quiz-out 需要同时给出题目数量 --quiz N")
    if party is not None:
        party = check_party(party)
    inputs = [items] if items is not None else []
    _check_outputs({"output": output, "pptx": pptx, "quiz_out": quiz_out, "plan_out": plan_out}, force, inputs)
    unverified: list[str] = []
    given_date = bool(date)
    if items is not None:
        meta, listed = read_items(Path(items))
        theme = theme or str(meta.get("theme") or "")
        title = title or meta.get("title")
        issuer = issuer or str(meta.get("issuer") or "")
        date = date or str(meta.get("date") or "")
        found, unverified = _listed_clauses(workspace, listed)
        duties = [_duty_text(workspace, chosen, party, note) for chosen, note in found]
        how = "items"
    else:
        if not theme.strip():
            raise UsageError("请给出宣讲主题 THEME（如 主要负责人安全生产职责）或 --items 清单")
        party = party or theme_party(theme)
        chosen, how = resolve_theme(workspace, theme.strip(), laws=laws, party=party, scope=scope, domain=domain)
        duties = [_duty_text(workspace, c, party) for c in chosen]
    if not duties:
        where = f"（--law {'、'.join(laws)}）" if laws else ""
        raise NotFoundError(f"未找到与“{theme}”相关的义务条款{where}：请换一种说法、用 --party 或 --law 指定，"
                            "或用 --items 列出条款 (empty result)")
    if date:
        try:
            date = format_date(date, "date")
        except DraftError as error:
            if given_date or items is None:
                raise UsageError(f"--date 的日期无法识别：{date}（应为 2024-05-06 或 2024年5月6日）") from None
            raise SourceError(f"{Path(items).name}: {error}") from None
    material = Material(theme, title or f"{theme or '安全生产'}宣讲提纲", issuer, str(date or ""),
                        _laws_used(workspace, duties), duties, find_violations(workspace, duties), [], unverified)
    material.questions = make_questions(duties, _pools(workspace, duties), quiz, seed)
    result = BriefingResult(material, how, party)
    if plan_out is not None:
        write_plan(material, plan_out, force=force)
        result.outputs.append(plan_out)
    if output is not None:
        from policydocs.draft.briefing import handout_document

        document = handout_document(material, PROFILES[fonts])
        write_atomic(output, document.save, force=force, inputs=inputs)
        result.outputs.append(output)
    if pptx is not None:
        from policydocs.draft.briefing_pptx import slide_deck

        deck = slide_deck(material, PROFILES[fonts])
        write_atomic(pptx, deck.save, force=force, inputs=inputs)
        result.outputs.append(pptx)
    if quiz_out is not None:
        from policydocs.draft.quiz_xlsx import question_workbook

        book = question_workbook(material)
        write_atomic(quiz_out, book.save, force=force, inputs=inputs)
        result.outputs.append(quiz_out)
    return result
