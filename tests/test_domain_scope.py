"""Domain and scope derived from invented documents (kb/domain.py rule 5, kb/scope.py key terms)."""

from __future__ import annotations

from policydocs.kb.domain import DOMAIN, assign_domains
from policydocs.kb.scope import assign_scopes
from policydocs.model import Clause, ClauseRef, Document
from policydocs.text.analyzer import tokenize


def _document(doc_id: str, title: str, articles: list[str]) -> Document:
    clauses = [Clause(doc_id, ClauseRef(article=number), text, kind="duty")
               for number, text in enumerate(articles, start=1)]
    return Document(doc_id, title, "行政法规", clauses=clauses)


def test_a_safety_law_whose_purpose_is_preventing_accidents_is_in_the_domain():
    blasting = _document("a", "民用炸药安全管理条例", ["为了加强对民用炸药的安全管理，预防爆炸事故发生，制定本条例。",
                                                  "销售炸药的单位应当查验购买证明。"])
    traffic = _document("b", "虚构道路通行安全条例", ["为了维护道路通行秩序，预防和减少交通事故，制定本条例。",
                                                  "驾驶人应当遵守通行规定。"])
    data = _document("c", "虚构数据安全管理条例", ["为了保障数据安全，制定本条例。", "处理数据应当依法进行。"])
    no_safety_title = _document("d", "虚构文物保护条例",
                                ["为了预防火灾事故，保护文物，制定本条例。", "文物单位应当设专人看护。"])
    assign_domains([blasting, traffic, data, no_safety_title])
    assert blasting.domain == DOMAIN
    assert traffic.domain == "" and data.domain == "" and no_safety_title.domain == ""


def test_a_part_of_the_title_word_that_is_a_key_term_is_a_scope_word():
    gas = [f"燃气经营者应当对第{number}类燃气设施定期检查。" for number in range(1, 10)]
    gas_doc = _document("gas", "城乡燃气管理条例", gas)
    others = [_document(f"o{n}", f"虚构其他条例{n}", [f"单位应当遵守第{n}项规定。"] * 10) for n in range(30)]
    documents = [gas_doc, *others]
    tokens = [{i: " ".join(tokenize(c.text)) for i, c in enumerate(d.clauses)} for d in documents]
    assign_scopes(documents, tokens)
    assert gas_doc.scope[0] == "城乡燃气"
    assert "燃气" in gas_doc.scope  # how a question says it: 燃气瓶放在地下室
