"""The index-backed `CitationService` used by `policydocs draft`: a [[依据: 描述]] marker
becomes the best current clause outside a 法律责任 chapter (plus its penalty clauses on
request), with a confidence saying whether it can be written plainly, and explicit
citations in the draft are verified like `policydocs check` does.

Everything written comes from the index: citations are `Document.cite`, texts are the
stored clause texts (an item with the lead-in sentence of its 条/款).
"""

from __future__ import annotations

import inspect
from typing import Any

from policydocs.cite.finder import find_citations
from policydocs.cite.findings import CONFIDENCE_LEVELS, Basis, CitedClause, Finding
from policydocs.cite.verify import verify
from policydocs.errors import PolicydocsError
from policydocs.kb.links import _is_penalty_chapter
from policydocs.model import Clause, Document
from policydocs.search.library import Hit, Library
from policydocs.text.analyzer import tokenize

#: document categories whose clauses may be cited without review
CONFIDENT_CATEGORIES = frozenset({"法律", "行政法规", "部门规章"})
#: share of the description's distinct words that must occur in the clause (lead + text) for
#: it to be written plainly; below MIN_CHECK_COVERAGE it is not written at all
MIN_COVERAGE = 0.5
MIN_CHECK_COVERAGE = 0.25
#: how far the clause must lead the best clause of any other document to be written plainly
#: (a close rival means another law may govern: the drafter decides)
MIN_MARGIN = 1.2
#: a local rule repeating a national clause does not compete with it (the national one governs)
NATIONAL = CONFIDENT_CATEGORIES | {"宪法"}
#: hits looked at for the best clause outside a 法律责任 chapter
CANDIDATES = 10


def clause_text(clause: Clause) -> str:
    """A clause's text as it reads in the law: an item is preceded by its lead-in sentence."""
    return f"{clause.lead}\n{clause.text}" if clause.lead else clause.text


def cited(clause: Clause, document: Document) -> CitedClause:
    return CitedClause(citation=document.cite(clause.ref), text=clause_text(clause), law=document.title)


def coverage(description: str, clause: Clause) -> float:
    """Share of the description's distinct words (analyzer tokens) found in the clause's lead
    and text — as tokens, or as substrings (segmentation differs with context)."""
    words = set(tokenize(description))
    if not words:
        return 0.0
    text = clause.lead + clause.text
    tokens = set(tokenize(text))
    return sum(word in tokens or word in text for word in words) / len(words)


def is_sanction(clause: Clause) -> bool:
    """A clause of a 法律责任/罚则 chapter: it punishes a breach, it is not the rule breached.
    (A 措施 clause elsewhere — 责令暂时停产停业 in the 监督检查 chapter — is a rule like any.)"""
    return _is_penalty_chapter(clause)


class IndexCitationService:
    """`CitationService` over an opened `Library` (the caller owns and closes it).

    `basis_for(description, context=…)`:
    - searches the description among current clauses of every kind, with the drafted
      document's context (its scope, title, issuer) when the library takes one;
    - the basis is the best hit outside a 法律责任 chapter (any kind: a duty, a definition, a
      measure such as 责令暂时停产停业); failing that, the best hit;
    - with `with_penalty`: if the best hit overall is a 法律责任 clause, that clause is the
      penalty (the description names the violation it punishes); otherwise the penalties
      linked to the basis (`Hit.penalties`, from the index's duty→penalty links).

    Confidence (general rules, not tuned to a query), one of findings.CONFIDENCE_LEVELS:
    - ``none`` when fewer than MIN_CHECK_COVERAGE of the description's distinct words occur
      in the clause (lead + text): it is not written;
    - else the library's own `Hit.confidence` when it has one, otherwise ``high`` when the
      clause leads the best clause of every other document by MIN_MARGIN, ``check`` if not
      (for a national clause, only other national documents compete: a local rule repeating
      it is not another answer);
    - ``high`` drops to ``check`` when the clause is not from a 法律, 行政法规 or 部门规章
      (CONFIDENT_CATEGORIES) or covers less than MIN_COVERAGE of the description.
    """

    def __init__(self, library: Library):
        self.library = library
        accepted = inspect.signature(library.search).parameters
        #: the search option that takes the drafted document's context, if the library has one
        self._context_option = next((name for name in ("context", "scope") if name in accepted), None)

    def basis_for(self, description: str, *, with_penalty: bool, context: str = "") -> Basis:
        try:
            options: dict[str, Any] = {self._context_option: context} if context and self._context_option else {}
            hits = self.library.search(description, limit=CANDIDATES, with_penalties=with_penalty, **options)
        except PolicydocsError:  # empty or punctuation-only description
            return Basis(description=description, duty=None)
        basis = next((hit for hit in hits if not is_sanction(hit.clause)), hits[0] if hits else None)
        if basis is None:
            return Basis(description=description, duty=None)
        penalties = self._penalties(hits[0], basis) if with_penalty else []
        return Basis(description=description, duty=cited(basis.clause, basis.document),
                     penalties=penalties, confidence=self.confidence(description, basis, hits))

    @staticmethod
    def _penalties(top: Hit, basis: Hit) -> list[CitedClause]:
        if top is not basis and is_sanction(top.clause):
            return [cited(top.clause, top.document)]
        return [cited(clause, document) for clause, document, _ in basis.penalties]

    @staticmethod
    def confidence(description: str, hit: Hit, hits: list[Hit]) -> str:
        """The confidence rule of the class docstring."""
        cover = coverage(description, hit.clause)
        if cover < MIN_CHECK_COVERAGE:
            return "none"
        level = getattr(hit, "confidence", None)
        if level not in CONFIDENCE_LEVELS:
            rival = max((other.score for other in hits if other.document.title != hit.document.title
                         and (other.document.category in NATIONAL or hit.document.category not in NATIONAL)),
                        default=0.0)
            level = "high" if hit.score >= MIN_MARGIN * rival else "check"
        if level == "high" and (cover < MIN_COVERAGE or hit.document.category not in CONFIDENT_CATEGORIES):
            level = "check"
        return level

    def check_text(self, text: str) -> list[Finding]:
        return verify(find_citations(text), self.library.store)
