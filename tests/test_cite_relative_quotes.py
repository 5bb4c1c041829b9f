"""Relative citations (本法第四条, 本条第一款, 前款) inside the words a text quotes right after citing
one article of a named law are that law's: 《四川省安全生产条例》第六十六条 …违反本条例第十四条… means
the 条例's 第十四条. Checked against the invented laws of tests/fixtures/laws (2022
《中华人民共和国矿灯安全法》: 第四条 has four 项, 第八条 two 款, eight articles in all)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policydocs.app import workspace as app_workspace
from policydocs.cite.finder import find_citations
from policydocs.cite.findings import Finding
from policydocs.cite.verify import verify
from policydocs.cli import main
from policydocs.kb.store import ClauseStore

LAW = "中华人民共和国矿灯安全法"
UNVERIFIED_WITHOUT_CONTEXT = "相对引用「本法第四条」：未给出所在的法规和条文，未核实"


class StoreOnly:
    """A stand-in for the opened index: `cite` and `check` use only its clause store."""

    def __init__(self, store: ClauseStore):
        self.store = store

    def close(self) -> None:
        pass


@pytest.fixture
def store(law_store: ClauseStore) -> ClauseStore:
    return law_store  # a private copy of the session's store (conftest)


def relative(text: str, store: ClauseStore) -> Finding:
    """The finding of the one relative citation in `text`."""
    citations = find_citations(text)
    findings = [f for c, f in zip(citations, verify(citations, store), strict=True) if c.relative]
    assert len(findings) == 1, findings
    return findings[0]


@pytest.mark.parametrize("intro", [" ", "　", "规定：", "：", "规定：“", "“"])
def test_relative_law_in_a_quote_is_the_quoted_law(store, intro):
    text = f"《矿灯安全法》第八条{intro}矿灯使用单位的主要负责人未履行本法第四条规定职责的，责令限期改正。"
    finding = relative(text, store)
    assert (finding.source, finding.status) == ("本法第四条", "ok")
    assert finding.citation == f"《{LAW}》第四条"
    assert finding.law == LAW
    assert finding.clause_text.startswith("矿灯使用单位的主要负责人对本单位矿灯安全工作负有下列职责")


def test_finder_marks_the_relative_citation_with_the_quoted_one():
    anchor, inner = find_citations("《矿灯安全法》第八条 未履行本法第四条规定职责的")
    assert anchor.quoted_from is None
    assert inner.quoted_from == anchor


def test_this_article_and_previous_paragraph_are_the_quoted_clause(store):
    finding = relative("《矿灯安全法》第八条第二款规定：前款规定的主要负责人逾期未改正的，处五千元以下的罚款。", store)
    assert (finding.status, finding.citation) == ("ok", f"《{LAW}》第八条第一款")
    finding = relative("《矿灯安全法》第八条第二款：违反本条第一款规定的", store)
    assert (finding.status, finding.citation) == ("ok", f"《{LAW}》第八条第一款")


def test_previous_paragraph_needs_the_quoted_paragraph(store):
    finding = relative("《矿灯安全法》第八条第一款：前款规定的主要负责人", store)
    assert finding.status == "not_found"
    assert finding.message == "「前款」写在第八条第一款，前面没有可指的款"
    finding = relative("《矿灯安全法》第八条：前款规定的主要负责人", store)  # which 款 is quoted?
    assert finding.status == "unknown_law"
    assert "未写明第几款" in finding.message


def test_missing_article_or_part_of_the_quoted_law_is_an_error(store):
    finding = relative("《矿灯安全法》第八条 主要负责人未履行本法第四十条规定职责的，责令限期改正。", store)
    assert finding.status == "not_found"
    assert finding.law == LAW
    assert "共八条" in finding.message
    finding = relative("《矿灯安全法》第八条 主要负责人未履行本法第四条第九项规定职责的", store)
    assert finding.status == "not_found"
    assert "只有四项" in finding.message
    finding = relative("《矿灯安全法》第八条 违反本法第二条第二项规定的", store)
    assert finding.status == "bad_part"
    assert finding.suggestion == f"《{LAW}》第二条第二款"


def test_quote_of_an_old_version_cites_that_version(store):
    # 2015 第二条 is the 发放登记 duty, 第三条 in the 2022 version
    finding = relative("《矿灯安全法》（2015年修正）第四条 矿灯使用单位违反本法第二条规定的，责令限期改正。", store)
    assert finding.status == "outdated"
    assert finding.suggestion == f"《{LAW}》第三条"


def test_law_not_in_the_store_is_named_in_the_message(store):
    text = "《四川省安全生产条例》第六十六条 生产经营单位主要负责人违反本条例第十四条规定的，责令限期改正；"
    finding = relative(text, store)
    assert finding.status == "unknown_law"
    assert finding.message == "「本条例第十四条」指《四川省安全生产条例》第十四条，该法规不在法规库中，未核实"
    assert finding.article == 14
    assert not finding.is_error


@pytest.mark.parametrize("text", [
    "违反本法第四条规定的，责令限期改正。",  # no citation before it
    "《矿灯安全法》第八条\n违反本法第四条规定的",  # the citation is on another line
    "依据《矿灯安全法》第八条规定处罚，并落实本法第四条",  # no words are quoted after it
    "| 《矿灯安全法》第八条 | 违反本法第四条规定的 |",  # another table cell
    "《矿灯安全法》第八条：见《矿灯安全法实施条例》，违反本法第四条",  # a later citation ends the quote
    "《矿灯安全法》第三条、第八条：违反本法第四条",  # more than one article cited
])
def test_relative_citation_outside_a_quote_is_unchanged(store, text):
    finding = relative(text, store)
    assert (finding.status, finding.message) == ("unknown_law", UNVERIFIED_WITHOUT_CONTEXT)


def test_check_json_keeps_its_contract(store, tmp_path, monkeypatch):
    monkeypatch.setattr(app_workspace, "open_library", lambda index_dir: StoreOnly(store))
    draft = tmp_path / "draft.md"
    draft.write_text("| 罚则 | 《矿灯安全法》第八条 矿灯使用单位的主要负责人未履行本法第四十条规定职责的，"
                     "责令限期改正。 |\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(draft), "--json"])
    assert result.exit_code == 1, result.output
    anchor, inner = json.loads(result.output)["citations"]
    assert anchor["status"] == "ok"
    assert inner == {"source": "本法第四十条", "line": 1, "column": 34, "status": "not_found", "citation": None,
                     "law": LAW, "article": 40, "paragraph": None, "item": None,
                     "message": "第四十条不存在（该法共八条）", "suggestion": None}
