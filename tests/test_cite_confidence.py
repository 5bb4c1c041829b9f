"""Marker resolution over invented laws (tests/fixtures/cite): a marker may cite any clause
outside a 法律责任 chapter, and every basis says how sure the engine is of it."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from policydocs.cite.service import IndexCitationService
from policydocs.cli import main
from policydocs.kb import build
from policydocs.search.library import Library

FIXTURES = Path(__file__).parent / "fixtures" / "cite"
LAW = "《中华人民共和国安全生产防护法》"
SCOPED = "《冶金粉尘防爆条例》"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("cite-idx")
    build.build_index(sorted(FIXTURES.rglob("*.md")), directory)
    return directory


@pytest.fixture(scope="module")
def service(index_dir):
    library = Library.open(index_dir)
    yield IndexCitationService(library)
    library.close()


def test_a_measure_outside_the_penalty_chapter_is_cited(service):
    """第四条第二项 (责令暂时停产停业, in the 监督检查 chapter) reads like a penalty to the
    classifier; it is still the clause the marker quotes."""
    basis = service.basis_for("隐患排除前无法保证安全的，责令暂时停产停业", with_penalty=False)
    assert basis.duty is not None and basis.duty.citation == f"{LAW}第四条第二项"
    assert basis.confidence == "high"


def test_penalty_chapter_clause_is_the_penalty_not_the_basis(service):
    basis = service.basis_for("未为除尘系统安装火花探测和自动灭火装置", with_penalty=True)
    assert basis.duty.citation == f"{LAW}第三条"
    assert [p.citation for p in basis.penalties] == [f"{LAW}第六条"]


def test_unique_national_clause_is_high(service):
    basis = service.basis_for("为除尘系统安装火花探测和自动灭火装置", with_penalty=False)
    assert (basis.duty.citation, basis.confidence) == (f"{LAW}第三条", "high")


def test_close_rival_in_another_document_is_check(service):
    """The 条例 repeats the law's 第二条 almost word for word: the engine cannot tell which
    governs, so the drafter must."""
    basis = service.basis_for("建立粉尘清扫制度每班清理作业现场积尘", with_penalty=False)
    assert basis.duty.citation == f"{LAW}第二条"
    assert basis.confidence == "check"


def test_local_rule_is_at_most_check(service):
    basis = service.basis_for("每月开展粉尘防爆专项自查", with_penalty=False)
    assert basis.duty.law == "江苏省安全生产防护条例"
    assert basis.confidence == "check"


def test_the_drafted_documents_context_puts_a_scoped_rule_in_scope(service):
    """A sector regulation is sure only when the document is about its sector: the context
    (title, issuer, scope:) says so even when the marker does not."""
    description = "湿式除尘器设置氢气泄爆口"
    alone = service.basis_for(description, with_penalty=False)
    inside = service.basis_for(description, with_penalty=False, context="冶金粉尘防爆专项检查实施方案 某市应急管理局")
    assert alone.duty.citation == inside.duty.citation == f"{SCOPED}第二条"
    assert (alone.confidence, inside.confidence) == ("check", "high")


def test_unrelated_description_is_none(service):
    basis = service.basis_for("火星探测器轨道计算", with_penalty=True)
    assert basis.confidence == "none" and not basis.confident
    assert basis.as_json()["confidence"] == "none"


def test_basis_json_carries_confidence(service):
    data = service.basis_for("为除尘系统安装火花探测和自动灭火装置", with_penalty=True).as_json()
    assert data["confidence"] == "high"
    assert data["duty"]["citation"] == f"{LAW}第三条"
    assert [p["citation"] for p in data["penalties"]] == [f"{LAW}第六条"]
    json.dumps(data, ensure_ascii=False)


def test_draft_writes_check_with_highlight_and_lists_it(index_dir, tmp_path):
    source = tmp_path / "plan.md"
    source.write_text("---\nkind: plan\ntitle: 专项检查实施方案\nscope: 冶金粉尘防爆\n---\n# 工作任务\n\n"
                      "检查泄爆口[[依据: 湿式除尘器设置氢气泄爆口]]。\n\n"
                      "检查火花探测装置[[依据: 为除尘系统安装火花探测和自动灭火装置]]。\n\n"
                      "检查清扫制度[[依据: 建立粉尘清扫制度每班清理作业现场积尘]]。\n\n"
                      "检查停产措施[[依据: 隐患排除前无法保证安全的，责令暂时停产停业]]。\n", encoding="utf-8")
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["draft", "plan", str(source), "-o", str(out), "--index", str(index_dir)])
    assert result.exception is None and result.exit_code == 0, result.output
    paragraphs = docx.Document(out).paragraphs
    texts = [p.text for p in paragraphs]
    assert f"检查火花探测装置（{LAW}第三条）。" in texts
    assert f"检查清扫制度（{LAW}第二条）〔请核对〕。" in texts
    assert f"检查停产措施（{LAW}第四条第二项）。" in texts
    assert f"检查泄爆口（{SCOPED}第二条）。" in texts  # in scope through the front matter's scope:
    check_runs = [run for p in paragraphs for run in p.runs if run.text == "〔请核对〕"]
    assert len(check_runs) == 1 and check_runs[0].font.highlight_color is not None
    plain_runs = [run for p in paragraphs for run in p.runs if run.text == f"（{LAW}第三条）"]
    assert plain_runs and plain_runs[0].font.highlight_color is None
    assert "请核对" in result.output and "建立粉尘清扫制度" in result.output
    strict = CliRunner().invoke(main, ["draft", "plan", str(source), "-o", str(out), "--force", "--index",
                                       str(index_dir), "--strict"])
    assert strict.exit_code == 1  # a citation to be checked is not a finished draft
