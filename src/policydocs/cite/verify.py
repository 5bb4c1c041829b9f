"""Verify citations against the clause store: does the law exist, is the version current, does
the address (条/款/项) exist, do the quoted words belong to the cited clause?

One `Finding` per citation. Only what the store proves is reported as an error; a law the store
does not hold is 未核实 (`unknown_law`), never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from policydocs.cite.findings import Finding, PenaltyCitation
from policydocs.kb.lawnames import LawResolver, ResolvedLaw, normalize_name, version_year
from policydocs.kb.store import ClauseStore
from policydocs.kb.versions import version_label
from policydocs.model import STATUS_REPEALED, Citation, Clause, ClauseRef, Document
from policydocs.text.numerals import int_to_cn

#: quoted words sharing at least this share of their character bigrams with a clause belong to
#: it (legal boilerplate — 生产经营单位, 责令限期改正 — makes lower shares common by chance)
MATCH = 0.8
#: a different clause must match at least this well, and by GAP better than the cited one,
#: to be reported as the clause the words belong to
SUGGEST = 0.6
GAP = 0.2
#: below this, a long quotation is reported even when no better clause is found
NO_MATCH = 0.2
_MIN_QUOTE = 6
#: quoted words this much contained in a clause are its words (a changed fine stays below)
SAME_WORDS = 0.95


@dataclass(frozen=True, slots=True)
class CitationContext:
    """Where relative citations (本法第十条, 前款, 本条第二款) were written: the document and the
    clause that contains them."""

    doc_id: str
    ref: ClauseRef


@dataclass(slots=True)
class _Address:
    """Result of checking one address in one document."""

    status: str
    ref: ClauseRef  # the address that was found (or the one asked for)
    message: str
    suggestion: ClauseRef | None = None


def verify(citations: Iterable[Citation], store: ClauseStore, *,
           context: CitationContext | None = None, as_of: str = "") -> list[Finding]:
    """A Finding for each citation, in the order given. `as_of` (ISO) is the date of the
    document the citations are written in: written before the current version took effect,
    they mean the version then in force."""
    checker = _Verifier(store, as_of)
    return [checker.check(citation, context) for citation in citations]


class _Verifier:
    def __init__(self, store: ClauseStore, as_of: str = ""):
        self.store = store
        self.as_of = as_of
        self.resolver = LawResolver(store)
        self._bigram_cache: dict[str, list[tuple[Clause, set[str]]]] = {}

    # -- one citation ---------------------------------------------------------------------
    def check(self, citation: Citation, context: CitationContext | None) -> Finding:
        finding = Finding(citation.written, citation.line, citation.column, "ok")
        if citation.relative:
            return self._check_relative(citation, context, finding)
        name, _ = normalize_name(citation.law or "")
        law = self.resolver.resolve(name)
        if citation.meant:
            return _malformed(citation, law.newest.title if law else name, finding)
        if law is None:
            return _unverified(finding, citation.ref, f"《{name}》不在法规库中，未核实")
        document = self._pick_version(citation, law, finding)
        if citation.ref.article is None:
            finding.citation = f"《{document.title}》"
            finding.law = document.title
            if finding.status == "ok":
                finding.message = "法规名称正确"
            return finding
        return self._check_clause(citation, citation.ref, document, law, finding)

    def _pick_version(self, citation: Citation, law: ResolvedLaw, finding: Finding) -> Document:
        """The version the citation means; marks the finding outdated when that version is not
        in force (named old version, or a law that is amended/repealed as a whole)."""
        current = law.current
        year = version_year(citation.version)
        if year is not None:
            named = law.version_of_year(year)
            if named is not None and named is not current:
                finding.status = "outdated"
                finding.message = f"所引版本（{citation.version}）已不是现行版本" + _current_note(current)
                return named
            if named is None and current is not None and year < int(current.version_date[:4] or 0):
                finding.status = "outdated"
                finding.message = f"所引版本（{citation.version}）已被修改" + _current_note(current)
                return current
        if current is not None and self.as_of and self.as_of < (current.effective or current.version_date):
            then = next((d for d in law.versions if d is not current and d.version_date
                         and (d.effective or d.version_date) <= self.as_of), None)
            if then is not None:
                finding.status = "outdated"
                took_effect = current.effective or current.version_date
                finding.message = (f"文件日期（{self.as_of}）早于现行版本施行（{took_effect}），"
                                   f"所引为{version_label(then)}")
                return then
        if current is None:
            newest = law.newest
            finding.status = "outdated"
            finding.message = (f"《{newest.title}》已废止" if newest.status == STATUS_REPEALED
                               else f"《{newest.title}》库中只有已修改的旧版本（{newest.version_date}）")
            return newest
        return current

    def _check_relative(self, citation: Citation, context: CitationContext | None,
                        finding: Finding) -> Finding:
        """本法第十条, 本条第二款, 前款: relative to the clause quoted around them, else to the
        clause `context` says they are written in; 未核实 without either."""
        if citation.quoted_from is not None:
            return self._check_in_quote(citation, citation.quoted_from, finding)
        if context is None:
            return _unverified(finding, citation.ref,
                               f"相对引用「{citation.written}」：未给出所在的法规和条文，未核实")
        document = self.store.document(context.doc_id)
        ref = _relative_ref(citation, context.ref)
        if ref is None:
            return _no_previous_paragraph(finding, context.ref, document.title)
        return self._check_clause(citation, ref, document, ResolvedLaw([document]), finding)

    def _check_in_quote(self, citation: Citation, quoting: Citation, finding: Finding) -> Finding:
        """A relative citation in the words quoted after `quoting` belongs to the quoted clause
        (…第六十六条 …本条例第十四条… → 《…条例》第十四条), so it is checked like that citation
        written out, in the version `quoting` names."""
        here = quoting.ref
        if citation.relative == "前款" and here.paragraph is None:
            return _unverified(finding, citation.ref,
                               f"「前款」出自{quoting.written}的引文，所引未写明第几款，未核实")
        name, _ = normalize_name(quoting.law or "")
        law = self.resolver.resolve(name)
        ref = _relative_ref(citation, here)
        if ref is None:
            return _no_previous_paragraph(finding, here, law.newest.title if law else None)
        if law is None:
            return _unverified(finding, ref, f"「{citation.written}」指《{name}》{ref.label()}，"
                                             "该法规不在法规库中，未核实")
        document = self._pick_version(quoting, law, finding)
        # the words after it (违反本法第七条规定，迟报…的) are the quoting clause's own, compared
        # with that clause already: they quote nothing of the clause referred to
        return self._check_clause(replace(citation, quoted=""), ref, document, law, finding)

    # -- the address and the quoted words ---------------------------------------------------
    def _check_clause(self, citation: Citation, ref: ClauseRef, document: Document, law: ResolvedLaw,
                      finding: Finding) -> Finding:
        address = check_address(self.store, document.doc_id, ref)
        finding.law, finding.category = document.title, document.category
        _fill_ref(finding, address.ref)
        if address.status != "ok" and self._old_numbering(citation, ref, document, law, finding):
            return finding
        if address.status != "ok":
            finding.status = address.status
            finding.message = address.message
            if address.suggestion is not None:
                finding.suggestion = document.cite(address.suggestion)
            article = self.store.clause(document.doc_id, ref.article_only())
            if article is not None:  # the part is wrong, the article exists: show it
                finding.citation = document.cite(article.ref)
                finding.clause_text = article.text
            return finding
        found = self.store.clause_with_id(document.doc_id, address.ref)
        assert found is not None  # check_address found it
        clause_id, clause = found
        finding.citation = document.cite(address.ref)
        finding.clause_text = _with_lead(clause)
        if finding.status == "ok" and self._old_numbering(citation, ref, document, law, finding):
            return finding
        if finding.status == "ok":
            finding.message = address.message
            self._check_quote(citation.quoted, clause, document, law, finding)
            if finding.status == "ok" and len(_chars(citation.quoted)) >= _MIN_QUOTE:
                # "引用正确" only where the quoted words were compared; else only existence
                finding.message = address.message.replace("条文存在", "引用正确（引文与条文相符）", 1)
        if finding.status == "ok":
            finding.penalties = self._penalties(clause_id)
        elif (finding.status == "outdated" and law.current is not None and law.current is not document
              and not self._renumber(finding, citation.quoted, document, law.current, clause)):
            equivalent = self._equivalent_in(law.current, clause)
            if equivalent is not None:
                finding.suggestion = law.current.cite(equivalent.ref)
        return finding

    # -- old article numbers ----------------------------------------------------------------
    def _old_numbering(self, citation: Citation, ref: ClauseRef, document: Document, law: ResolvedLaw,
                       finding: Finding) -> bool:
        """A citation of the current version whose quoted words are not the cited clause's but
        fit the same address of an older version (or that clause's current successor): it was
        numbered by that version. Marks the finding outdated with the current article."""
        current = law.current
        if document is not current or current is None or len(_chars(citation.quoted)) < _MIN_QUOTE:
            return False
        words = _bigrams(citation.quoted)
        here = self.store.clause(document.doc_id, ref)
        cited = _containment(words, _bigrams(_with_lead(here))) if here is not None else 0.0
        if cited >= MATCH:
            return False
        for old in law.versions:
            if old is current or not old.version_date or old.version_date >= current.version_date:
                continue
            address = check_address(self.store, old.doc_id, ref)
            clause = self.store.clause(old.doc_id, address.ref) if address.status == "ok" else None
            if clause is None:
                continue
            old_fit = _containment(words, _bigrams(_with_lead(clause)))
            successors = self._successors(old, current, clause, citation.quoted)
            new_fit = _containment(words, _bigrams(_with_lead(successors[0]))) if successors else 0.0
            fit = max(old_fit, new_fit)
            if fit >= MATCH and fit - cited >= GAP:
                finding.status = "outdated"
                finding.message = f"引文与现行{ref.label()}不符"
                finding.law, finding.category = old.title, old.category
                _fill_ref(finding, address.ref)
                finding.citation = old.cite(address.ref)
                if not self._renumber(finding, citation.quoted, old, current, clause):
                    # no stored correspondence (a store built without it): by the words alone
                    finding.message += f"；按{old.version_date[:4]}年版编号"
                    equivalent = self._equivalent_in(current, clause)
                    if equivalent is not None:
                        finding.suggestion = current.cite(equivalent.ref)
                        finding.clause_text = _with_lead(equivalent)
                        finding.message += f"，现行（{version_label(current)}）文字见于{equivalent.ref.label()}"
                        new_fit = _containment(words, _bigrams(_with_lead(equivalent)))
                if new_fit < min(old_fit, SAME_WORDS):  # the old words are quoted: fines, duties may differ
                    finding.message += f"；引文为{old.version_date[:4]}年版文字，与现行条文有出入"
                return True
        return False

    def _successors(self, old: Document, current: Document, clause: Clause, quoted: str) -> list[Clause]:
        """The current clauses an old clause became, by the stored correspondence of the two
        versions: of the article(s) its article corresponds to, the part at the same depth that
        best carries the quoted words (else the old clause's words), best first; [] when the
        article was deleted or no correspondence is stored."""
        article = clause.ref.article
        targets = [p.new_article for p in self.store.correspondence(old.doc_id, current.doc_id)
                   if p.old_article == article and p.new_article is not None]
        if not targets:
            return []
        if clause.ref.depth == "article":
            found = [self.store.clause(current.doc_id, ClauseRef(n)) for n in targets]
            return [c for c in found if c is not None]
        words = _bigrams(quoted) if len(_chars(quoted)) >= _MIN_QUOTE else _bigrams(_with_lead(clause))
        parts = [c for n in targets for c in self.store.article_clauses(current.doc_id, n)
                 if c.ref.depth == clause.ref.depth]
        parts.sort(key=lambda c: _containment(words, _bigrams(_with_lead(c))), reverse=True)
        return parts

    def _renumber(self, finding: Finding, quoted: str, old: Document, current: Document, clause: Clause) -> bool:
        """Say what an old-numbered citation is now: "按2014年版编号；现行（2021年修正）为第四十一条",
        with the current clause as suggestion and text. False when no correspondence is stored."""
        pairs = [p for p in self.store.correspondence(old.doc_id, current.doc_id)
                 if p.old_article == clause.ref.article]
        if not pairs:
            return False
        label = version_label(current)
        note = f"按{old.version_date[:4]}年版编号；"
        new_articles = [p.new_article for p in pairs if p.new_article is not None]
        if not new_articles:
            note += f"现行（{label}）已删除该条"
        else:
            note += f"现行（{label}）为" + "、".join(ClauseRef(n).label() for n in new_articles)
            kind = pairs[0].kind
            if kind in ("split", "merged"):
                note += "（" + ("原条文已拆分" if kind == "split" else "已与其他条文合并") + "）"
            successors = self._successors(old, current, clause, quoted)
            if successors:
                finding.suggestion = current.cite(successors[0].ref)
                finding.clause_text = _with_lead(successors[0])
        finding.message = f"{finding.message}；{note}" if finding.message else note
        return True

    def _check_quote(self, quoted: str, clause: Clause, document: Document, law: ResolvedLaw,
                     finding: Finding) -> None:
        """mismatch when the quoted words are not the cited clause's; suggest the clause of the
        same law (any version) they belong to."""
        if len(_chars(quoted)) < _MIN_QUOTE:
            return
        words = _bigrams(quoted)
        cited = _containment(words, _bigrams(_with_lead(clause)))
        if cited >= MATCH:
            return
        best = self._best_match(words, law)
        label = clause.ref.label()
        if best is not None and best[0] >= SUGGEST and best[0] - cited >= GAP:
            score, where, match = best
            finding.status = "mismatch"
            finding.suggestion = where.cite(match.ref)
            found = "见于" if score >= 0.95 else "最接近"
            if where is document or where is law.current:
                cause = ("所引条号可能沿用了修改前版本的序号" if match.ref.article != clause.ref.article
                         else "所引款项有误")
                if score < 0.95:
                    cause += "，引文文字也与现行条文有出入"
                finding.message = f"引文与{label}不符，{found}{match.ref.label()}（{cause}）"
            else:
                finding.message = (f"引文与{label}不符，{found}{where.version_date[:4]}年版本的"
                                   f"{match.ref.label()}（已修改）")
                current = law.current
                equivalent = self._equivalent_in(current, match) if current else None
                if current is not None and equivalent is not None:
                    finding.suggestion = current.cite(equivalent.ref)
            finding.clause_text = _with_lead(clause)
        elif cited < NO_MATCH and len(_chars(quoted)) >= 15:
            finding.status = "mismatch"
            finding.message = f"引文与{label}不符，在该法中未找到相应条文"

    def _best_match(self, words: set[str], law: ResolvedLaw) -> tuple[float, Document, Clause] | None:
        best: tuple[float, int, Document, Clause] | None = None
        for document in law.versions:
            for clause, grams in self._clause_bigrams(document.doc_id):
                score = round(_containment(words, grams), 2)
                key = (score, -len(clause.text))
                if best is None or key > best[:2]:
                    best = (score, -len(clause.text), document, clause)
        return None if best is None else (best[0], best[2], best[3])

    def _equivalent_in(self, document: Document, old: Clause) -> Clause | None:
        """The clause of `document` that carries an old clause's words (renumbered articles)."""
        words = _bigrams(_with_lead(old))
        scored = [(_containment(words, grams), -len(c.text), c)
                  for c, grams in self._clause_bigrams(document.doc_id)]
        if not scored:
            return None
        score, _, clause = max(scored, key=lambda s: s[:2])
        return clause if score >= SUGGEST else None

    def _clause_bigrams(self, doc_id: str) -> list[tuple[Clause, set[str]]]:
        cached = self._bigram_cache.get(doc_id)
        if cached is None:
            cached = self._bigram_cache[doc_id] = [
                (clause, _bigrams(_with_lead(clause))) for _, clause in self.store.document_clauses(doc_id)]
        return cached

    def _penalties(self, clause_id: int) -> list[PenaltyCitation]:
        """Penalty citations linked to the clause (see `Library.penalties`: none means none)."""
        return [PenaltyCitation(self.store.document(c.doc_id).cite(c.ref), how)
                for _, c, how in self.store.penalties_for(clause_id)]


def check_address(store: ClauseStore, doc_id: str, ref: ClauseRef) -> _Address:
    """Does 第X条(第Y款)(第Z项) exist in this document? Accepts the usual redundant forms
    (第一款 of a one-paragraph article; 第X条第Z项 when exactly one 款 has items)."""
    article = ref.article
    clauses = store.article_clauses(doc_id, article) if article is not None else []
    if not clauses:
        total = max((c.ref.article or 0 for _, c in store.document_clauses(doc_id)), default=0)
        return _Address("not_found", ref, f"{ref.article_only().label()}不存在（该法共{int_to_cn(total)}条）")
    refs = {c.ref for c in clauses}
    if ref in refs:
        return _Address("ok", ref, "条文存在")
    paragraphs = sorted({r.paragraph for r in refs if r.paragraph is not None})
    items: dict[int | None, int] = {}
    for r in refs:
        if r.item is not None and r.subitem is None:
            items[r.paragraph] = items.get(r.paragraph, 0) + 1
    art = ref.article_only().label()
    if not paragraphs and ref.paragraph == 1:  # 第一款 of an article that has only one
        plain = ClauseRef(article, None, ref.item, ref.subitem)
        if plain in refs:
            return _Address("ok", plain, "条文存在（该条只有一款，“第一款”可省略）")
        ref = plain
    if paragraphs and ref.paragraph is None and ref.item is not None:
        item = ref.item
        with_items = [p for p in paragraphs if items.get(p)]
        if len(with_items) == 1:
            ref = ClauseRef(article, with_items[0], item, ref.subitem)
            if ref in refs:
                return _Address("ok", ref, "条文存在")
        elif not with_items:
            suggestion = ClauseRef(article, item) if item <= len(paragraphs) else None
            return _Address("bad_part", ref, f"{art}分{int_to_cn(len(paragraphs))}款、不分项，"
                            "“项”应为“款”" if suggestion else f"{art}不分项", suggestion)
        else:
            return _Address("bad_part", ref, f"{art}有多款列有项，须写明第几款")
    count = len(paragraphs) or 1
    if ref.paragraph is not None and ref.paragraph > count:
        suggestion = None
        if not paragraphs and ref.item is None and items.get(None, 0) >= ref.paragraph:
            suggestion = ClauseRef(article, None, ref.paragraph)
        return _Address("bad_part", ref, f"{art}只有{int_to_cn(count)}款" +
                        ("，“款”应为“项”" if suggestion else ""), suggestion)
    if ref.item is not None:
        held = items.get(ref.paragraph if paragraphs else None, 0)
        where = ClauseRef(article, ref.paragraph if paragraphs else None).label()
        if held == 0:
            return _Address("bad_part", ref, f"{where}不分项", ClauseRef(article, ref.paragraph))
        if ref.item > held:
            return _Address("not_found", ref, f"{where}只有{int_to_cn(held)}项")
        return _Address("not_found", ref, f"{ClauseRef(article, ref.paragraph, ref.item).label()}"
                        f"没有第{int_to_cn(ref.subitem or 0)}目")
    return _Address("not_found", ref, f"{ref.label()}不存在")


def _relative_ref(citation: Citation, here: ClauseRef) -> ClauseRef | None:
    """The address a relative citation written in clause `here` means: 本法第十条 → 第十条,
    本条第二款 → here's article's 第二款, 前款 → here's previous paragraph (None when here is
    no paragraph after the first)."""
    ref = citation.ref
    if citation.relative == "本条":
        return ClauseRef(here.article, ref.paragraph, ref.item, ref.subitem)
    if citation.relative == "前款":
        if not here.paragraph or here.paragraph < 2:
            return None
        return ClauseRef(here.article, here.paragraph - 1, ref.item, ref.subitem)
    return ref


def _no_previous_paragraph(finding: Finding, here: ClauseRef, title: str | None) -> Finding:
    finding.status = "not_found"
    finding.law = title
    finding.message = f"「前款」写在{here.label()}，前面没有可指的款"
    return finding


def _unverified(finding: Finding, ref: ClauseRef, message: str) -> Finding:
    """未核实: the store cannot tell whether the citation is right."""
    finding.status = "unknown_law"
    finding.message = message
    _fill_ref(finding, ref)
    return finding


def _malformed(citation: Citation, title: str, finding: Finding) -> Finding:
    """A malformed address is wrong whatever the law; the title is the resolved one if any."""
    finding.status = "malformed"
    finding.law = title
    _fill_ref(finding, citation.ref)
    finding.message = f"「{citation.written}」写法有误，可能是指「{citation.meant}」"
    finding.suggestion = f"《{title}》{citation.meant}"
    return finding


def _fill_ref(finding: Finding, ref: ClauseRef) -> None:
    finding.article, finding.paragraph, finding.item = ref.article, ref.paragraph, ref.item


def _current_note(current: Document | None) -> str:
    return f"，现行版本为{current.version_date}" if current is not None else ""


def _with_lead(clause: Clause) -> str:
    """An item's text as it reads in the law: the 条/款's lead-in sentence, then the item."""
    return f"{clause.lead}\n{clause.text}" if clause.lead else clause.text


_NOT_WORD = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]")


def _chars(text: str) -> str:
    return _NOT_WORD.sub("", text)


def _bigrams(text: str) -> set[str]:
    chars = _chars(text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def _containment(words: set[str], clause: set[str]) -> float:
    """Share of the quoted words' bigrams found in the clause (1.0 when fully contained)."""
    return len(words & clause) / len(words) if words else 1.0
