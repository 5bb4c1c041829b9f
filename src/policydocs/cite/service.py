"""The index-backed `CitationService` used by `policydocs draft`: a [[依据: 描述]] marker
becomes the best current clause outside a 法律责任 chapter (plus its penalty clauses on
request), with a confidence saying whether it can be written plainly, and explicit
citations in the draft are verified like `policydocs check` does.

Everything written comes from the index: citations are `Document.cite`, texts are the
stored clause texts (an item with the lead-in sentence of its 条/款).
"""

from __future__ import annotations

from policydocs.cite.finder import find_citations
from policydocs.cite.findings import Basis, CitedClause, Finding
from policydocs.cite.verify import verify
from policydocs.errors import PolicydocsError
from policydocs.kb.links import is_penalty_chapter
from policydocs.model import Clause, Document
from policydocs.search.confidence import CHECK, HIGH, assign_confidence
from policydocs.search.library import Hit, Library

#: document categories whose clauses may be cited without review
CONFIDENT_CATEGORIES = frozenset({"法律", "行政法规", "部门规章"})
#: national documents: a local rule repeating one of their clauses does not compete with it
NATIONAL = CONFIDENT_CATEGORIES | {"宪法"}
#: hits looked at for the best clause outside a 法律责任 chapter
CANDIDATES = 10


def clause_text(clause: Clause) -> str:
    """A clause's text as it reads in the law: an item is preceded by its lead-in sentence."""
    return f"{clause.lead}\n{clause.text}" if clause.lead else clause.text


def cited(clause: Clause, document: Document) -> CitedClause:
    return CitedClause(citation=document.cite(clause.ref), text=clause_text(clause), law=document.title,
                       category=document.category)


def is_sanction(clause: Clause) -> bool:
    """A clause of a 法律责任/罚则 chapter: it punishes a breach, it is not the rule breached.
    (A 措施 clause elsewhere — 责令暂时停产停业 in the 监督检查 chapter — is a rule like any.)"""
    return is_penalty_chapter(clause)


def competes(other: Hit, basis: Hit) -> bool:
    """Whether `other` is another answer to a marker that `basis` answers. Not the penalty of
    the basis's own law that repeats its words (it confirms the duty), and not a local rule
    when the basis is national (the national clause governs what the local one repeats)."""
    if other.doc_key == basis.doc_key:
        return not is_sanction(other.clause)
    return other.document.category in NATIONAL or basis.document.category not in NATIONAL


class IndexCitationService:
    """`CitationService` over an opened `Library` (the caller owns and closes it).

    `basis_for(description, context=…)`:
    - searches the description among current clauses of every kind, with the drafted
      document's context (its scope, title, issuer) as the search's scope context;
    - the basis is the best hit outside a 法律责任 chapter (any kind: a duty, a definition, a
      measure such as 责令暂时停产停业); failing that, the best hit;
    - with `with_penalty`: if the best hit overall is a 法律责任 clause, that clause is the
      penalty (the description names the violation it punishes); otherwise the penalties
      linked to the basis (`Hit.penalties`, from the index's duty→penalty links).

    Confidence, one of findings.CONFIDENCE_LEVELS: the search's own rule
    (search/confidence.py: coverage of the description, scope, domain, margin over the
    alternatives), applied to the alternatives that matter for a citation (`competes`); then
    ``high`` drops to ``check`` for a clause that is not from a 法律, 行政法规 or 部门规章
    (CONFIDENT_CATEGORIES): a local or policy text is cited for review.
    """

    def __init__(self, library: Library):
        self.library = library

    def basis_for(self, description: str, *, with_penalty: bool, context: str = "") -> Basis:
        try:
            hits = self.library.search(description, limit=CANDIDATES, with_penalties=with_penalty,
                                       scope=context or None)
        except PolicydocsError:  # empty or punctuation-only description
            return Basis(description=description, duty=None)
        basis = next((hit for hit in hits if not is_sanction(hit.clause)), hits[0] if hits else None)
        if basis is None:
            return Basis(description=description, duty=None)
        penalties = self._penalties(hits[0], basis) if with_penalty else []
        return Basis(description=description, duty=cited(basis.clause, basis.document),
                     penalties=penalties, confidence=self.confidence(basis, hits))

    @staticmethod
    def _penalties(top: Hit, basis: Hit) -> list[CitedClause]:
        if top is not basis and is_sanction(top.clause):
            return [cited(top.clause, top.document)]
        return [cited(clause, document) for clause, document, _ in basis.penalties]

    def confidence(self, basis: Hit, hits: list[Hit]) -> str:
        """The confidence rule of the class docstring (sets `basis.confidence` too)."""
        assign_confidence([hit for hit in hits if hit is basis or competes(hit, basis)], self.library.weights)
        if basis.confidence == HIGH and basis.document.category not in CONFIDENT_CATEGORIES:
            basis.confidence = CHECK
        return basis.confidence

    def check_text(self, text: str) -> list[Finding]:
        return verify(find_citations(text), self.library.store)
