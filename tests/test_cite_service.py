"""IndexCitationService against a real (small) index built from the invented laws of
tests/fixtures/laws, and `policydocs draft` resolving a [[依据]] marker through it."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from policydocs.cite.service import IndexCitationService
from policydocs.cli import main
from policydocs.search.library import Library

LAW = "《中华人民共和国矿灯安全法》"
IMPL = "《中华人民共和国矿灯安全法实施条例》"


@pytest.fixture(scope="module")
def index_dir(law_index) -> Path:
    return law_index  # built once per session (conftest)


@pytest.fixture(scope="module")
def library(index_dir):
    opened = Library.open(index_dir)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def service(library):
    return IndexCitationService(library)


def written(basis) -> bool:
    """Cited in the document: plainly (high) or with 〔请核对〕 (check)."""
    return basis.duty is not None and basis.confidence in ("high", "check")


def test_fixture_index_links_registration_duty_to_its_penalty(library):
    """What the tests below rely on: 第三条 (current version) is linked to 第七条."""
    current = next(d for d in library.store.documents_named("中华人民共和国矿灯安全法")
                   if d.version_date.startswith("2022"))
    duty_id = next(cid for cid, clause in library.store.document_clauses(current.doc_id)
                   if clause.ref.article == 3 and clause.ref.depth == "article")
    assert [current.cite(c.ref) for _, c, _ in library.store.penalties_for(duty_id)] == [f"{LAW}第七条"]


def test_matching_description_is_cited_with_canonical_citation(service):
    basis = service.basis_for("矿灯使用单位建立矿灯发放登记制度", with_penalty=False)
    assert written(basis)
    assert basis.confidence == "check"  # the invented 矿灯 laws are outside the work-safety domain
    assert basis.duty.citation == f"{LAW}第三条"  # the 2022 numbering: current version only
    assert basis.duty.law == "中华人民共和国矿灯安全法"
    assert basis.duty.text == "矿灯使用单位应当建立矿灯发放登记制度，如实记录发放和回收情况。"
    assert basis.penalties == []


def test_other_current_law_is_found(service):
    basis = service.basis_for("矿灯充电站设在通风良好的地点", with_penalty=False)
    assert written(basis) and basis.duty.citation == f"{IMPL}第二条"


def test_item_text_comes_with_its_lead(service):
    basis = service.basis_for("主要负责人组织制定矿灯充电管理制度", with_penalty=False)
    assert written(basis) and basis.duty.citation == f"{LAW}第四条第一项"
    lead, item = basis.duty.text.split("\n")
    assert lead == "矿灯使用单位的主要负责人对本单位矿灯安全工作负有下列职责："
    assert item == "（一）组织制定矿灯充电管理制度；"


def test_with_penalty_gives_linked_penalty(service):
    basis = service.basis_for("矿灯使用单位建立矿灯发放登记制度", with_penalty=True)
    assert written(basis) and basis.duty.citation == f"{LAW}第三条"
    assert [p.citation for p in basis.penalties] == [f"{LAW}第七条"]
    assert basis.penalties[0].text.startswith("矿灯使用单位未建立矿灯发放登记制度的，责令限期改正，处二万元")


def test_violation_wording_keeps_duty_and_uses_top_penalty(service):
    """“未建立…” matches the penalty clause best: the duty is still the duty clause."""
    basis = service.basis_for("矿灯使用单位未建立矿灯发放登记制度", with_penalty=True)
    assert written(basis) and basis.duty.citation == f"{LAW}第三条"
    assert [p.citation for p in basis.penalties] == [f"{LAW}第七条"]


@pytest.mark.parametrize("description", ["火星探测器轨道计算", "矿灯外壳喷涂荧光颜色以便夜间识别", "。，"])
def test_no_good_match_is_not_confident(service, description):
    basis = service.basis_for(description, with_penalty=True)
    assert not basis.confident and basis.confidence != "high"


def test_check_text_reports_wrong_article(service):
    findings = service.check_text(f"依据{LAW}第三条和{LAW}第九十九条的规定")
    assert [f.status for f in findings] == ["ok", "not_found"]
    assert findings[0].citation == f"{LAW}第三条"


def test_draft_plan_writes_canonical_citation(index_dir, tmp_path):
    source = tmp_path / "plan.md"
    source.write_text("---\nkind: plan\ntitle: 矿灯专项检查实施方案\nbasis_appendix: true\n---\n"
                      "# 工作任务\n\n重点检查矿灯发放登记情况[[依据+处罚: 矿灯使用单位建立矿灯发放登记制度]]。\n",
                      encoding="utf-8")
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["draft", "plan", str(source), "-o", str(out), "--index", str(index_dir)])
    assert result.exception is None and result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert f"（{LAW}第三条；处罚依据：{LAW}第七条）〔请核对〕" in text  # outside the domain: to be checked
    assert "未核实" not in text
    assert "矿灯使用单位应当建立矿灯发放登记制度，如实记录发放和回收情况。" in text  # 法律依据 appendix
