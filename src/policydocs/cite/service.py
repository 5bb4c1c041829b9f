"""The index-backed `CitationService` used by `policydocs draft`: a [[依据: 描述]] marker
becomes the best current duty clause (plus its penalty clauses on request), and explicit
citations in the draft are verified like `policydocs check` does.

Everything written comes from the index: citations are `Document.cite`, texts are the
stored clause texts (an item with the lead-in sentence of its 条/款).
"""

from __future__ import annotations

from policydocs.cite.finder import find_citations
from policydocs.cite.findings import Basis, CitedClause, Finding
from policydocs.cite.verify import verify
from policydocs.errors import PolicydocsError
from policydocs.model import Clause, Document
from policydocs.search.library import Hit, Library
from policydocs.text.analyzer import tokenize

#: document categories whose clauses may be cited without review
CONFIDENT_CATEGORIES = frozenset({"法律", "行政法规", "部门规章"})
#: share of the description's distinct words that must occur in the clause (lead + text)
MIN_COVERAGE = 0.5
#: hits looked at for the best non-penalty clause
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


class IndexCitationService:
    """`CitationService` over an opened `Library` (the caller owns and closes it).

    `basis_for(description)`:
    - searches the description among current clauses (all kinds, best first);
    - the duty is the best hit that is not a penalty clause (if none is among the first
      CANDIDATES, a search restricted to kind ``duty``);
    - with `with_penalty`: if the best hit overall is a penalty clause, that clause is the
      penalty (the description names the violation it punishes); otherwise the penalties
      linked to the duty clause (`Hit.penalties`, from the index's duty→penalty links).

    Confidence rule (general, not tuned to a query): a basis is `confident` only when
    (1) the duty clause comes from a 法律, 行政法规 or 部门规章 (CONFIDENT_CATEGORIES), and
    (2) at least MIN_COVERAGE (half) of the description's distinct words
        (`policydocs.text.analyzer.tokenize`) occur in the duty clause's lead + text.
    Anything weaker is returned with confident=False, so drafting writes 〔未核实〕.
    """

    def __init__(self, library: Library):
        self.library = library

    def basis_for(self, description: str, *, with_penalty: bool) -> Basis:
        try:
            hits = self.library.search(description, limit=CANDIDATES, with_penalties=with_penalty)
            duty = next((hit for hit in hits if hit.clause.kind != "penalty"), None)
            if duty is None and hits:
                duty = next(iter(self.library.search(description, limit=1, kind="duty",
                                                     with_penalties=with_penalty)), None)
        except PolicydocsError:  # empty or punctuation-only description
            return Basis(description=description, duty=None)
        if duty is None:
            return Basis(description=description, duty=None)
        penalties = self._penalties(hits[0], duty) if with_penalty else []
        return Basis(description=description, duty=cited(duty.clause, duty.document),
                     penalties=penalties, confident=self.confident(description, duty))

    @staticmethod
    def _penalties(top: Hit, duty: Hit) -> list[CitedClause]:
        if top.clause.kind == "penalty":
            return [cited(top.clause, top.document)]
        return [cited(clause, document) for clause, document, _ in duty.penalties]

    @staticmethod
    def confident(description: str, hit: Hit) -> bool:
        """The confidence rule of the class docstring."""
        return (hit.document.category in CONFIDENT_CATEGORIES
                and coverage(description, hit.clause) >= MIN_COVERAGE)

    def check_text(self, text: str) -> list[Finding]:
        return verify(find_citations(text), self.library.store)
