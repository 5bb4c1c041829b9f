"""`policydocs cite` and `policydocs check` on the invented fixture laws. The index is replaced by
a clause store built in tmp_path (the workspace opens it through `open_library`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydocs.app import checking
from policydocs.app import workspace as app_workspace
from policydocs.cli import main
from policydocs.kb.store import ClauseStore
from policydocs.model import LINK_KINDS, ClauseRef

LAW = "中华人民共和国矿灯安全法"


class StoreOnly:
    """A stand-in for the opened index: `cite` and `check` use only its clause store."""

    def __init__(self, store: ClauseStore):
        self.store = store

    def close(self) -> None:
        pass


@pytest.fixture
def store(law_store: ClauseStore, monkeypatch: pytest.MonkeyPatch):
    built = law_store  # a private copy of the session's store (conftest)
    opened: list[str] = []

    def open_library(index_dir: Path) -> StoreOnly:
        opened.append(str(index_dir))
        return StoreOnly(built)

    monkeypatch.setattr(app_workspace, "open_library", open_library)
    built.opened = opened
    return built


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_cite_prints_status_clause_text_and_penalties(store):
    current = next(d for d in store.documents_named(LAW) if d.version_date.startswith("2022"))
    duty_id, _ = store.clause_with_id(current.doc_id, ClauseRef(3))
    penalty_id, _ = store.clause_with_id(current.doc_id, ClauseRef(7))
    store.add_links([(duty_id, penalty_id, "wording")])
    result = run("cite", "《矿灯安全法》第三条", "--index", "my-index")
    assert result.exit_code == 0, result.output
    assert "[条文存在]" in result.output and "[正确]" not in result.output  # only the address was checked
    assert f"引用：《{LAW}》第三条" in result.output
    assert "条文：矿灯使用单位应当建立矿灯发放登记制度" in result.output
    assert f"罚则：《{LAW}》第七条（{LINK_KINDS['wording']}）" in result.output
    assert "\x1b[" not in result.output  # no colour when not a terminal
    assert store.opened == ["my-index"]
    [record] = json.loads(run("cite", "《矿灯安全法》第三条", "--json").output)["citations"]
    assert record["penalties"] == [{"citation": f"《{LAW}》第七条", "link": "wording"}]


def test_cite_reads_stdin_and_prints_json(store):
    result = run("cite", "-", "--json", input="《矿灯安全法》第二条第二项")
    assert result.exit_code == 1, result.output  # a wrong citation is a finding, as in `check`
    [record] = json.loads(result.output)["citations"]
    assert record["status"] == "bad_part"
    assert record["suggestion"] == f"《{LAW}》第二条第二款"
    assert record["article"] == 2 and record["item"] == 2 and record["paragraph"] is None


def test_cite_without_citation_fails_with_a_message(store):
    result = run("cite", "没有任何引用")
    assert result.exit_code == 1
    assert "未在文本中找到法规引用" in result.output


def test_check_text_file_exits_1_on_errors(store, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("# 通知\n\n依据《矿灯安全法》第三条、第二百条。\n见《矿灯安全法实施细则》。\n", encoding="utf-8")
    result = run("check", str(draft), "--json")
    assert result.exit_code == 1
    records = json.loads(result.output)["citations"]
    assert [(r["status"], r["line"], r["column"]) for r in records] == [
        ("ok", 3, 3), ("not_found", 3, 14), ("unknown_law", 4, 2)]
    assert set(records[0]) == {"source", "line", "column", "status", "citation", "law", "article",
                               "paragraph", "item", "message", "suggestion"}
    assert "format" not in json.loads(result.output)


def test_check_human_output_and_clean_file_exits_0(store, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("依据《矿灯安全法》第三条和《矿灯安全法实施细则》第二条。\n", encoding="utf-8")
    result = run("check", str(draft))
    assert result.exit_code == 0, result.output
    assert "第1行第3字" in result.output
    assert "[未核实]" in result.output
    assert "共 2 处引用：条文存在 1（其中引文核对相符 0），有误 0，未核实 1" in result.output


def test_check_says_correct_only_where_the_quoted_words_were_compared(store, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("《矿灯安全法》第三条规定：“矿灯使用单位应当建立矿灯发放登记制度”。\n"
                     "另见《矿灯安全法》第三条。\n", encoding="utf-8")
    result = run("check", str(draft))
    assert result.exception is None and result.exit_code == 0, result.output
    assert result.output.count("[正确]") == 1 and result.output.count("[条文存在]") == 1, result.output
    assert "引用正确（引文与条文相符）" in result.output
    assert "共 2 处引用：条文存在 2（其中引文核对相符 1），有误 0，未核实 0" in result.output


def test_check_docx_reports_paragraphs_as_lines(store, tmp_path):
    docx = pytest.importorskip("docx")
    pytest.importorskip("policydocs.corpus.docx_reader")
    document = docx.Document()
    document.add_paragraph("关于矿灯检查的通知")
    document.add_paragraph("依据《矿灯安全法》第三条第七条开展检查。")
    path = tmp_path / "draft.docx"
    document.save(path)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "第2段" in result.output
    assert "[写法有误]" in result.output


@dataclass
class _Rule:
    rule: str
    ok: bool
    message: str


def test_check_adds_format_findings_for_docx(store, tmp_path, monkeypatch):
    path = tmp_path / "draft.docx"
    path.write_bytes(b"")
    monkeypatch.setattr(checking, "read_lines", lambda _: ["依据《矿灯安全法》第三条。"])
    monkeypatch.setattr(checking, "format_results",
                        lambda _, **options: [_Rule("页边距", False, "上边距应为37mm"), _Rule("字体", True, "")])
    result = run("check", str(path), "--json")
    assert result.exit_code == 1  # the citation is right; the format rule failed
    data = json.loads(result.output)
    assert data["citations"][0]["status"] == "ok"
    assert data["format"] == [{"rule": "页边距", "ok": False, "message": "上边距应为37mm"},
                              {"rule": "字体", "ok": True, "message": ""}]
    human = run("check", str(path))
    assert "[格式] 页边距：上边距应为37mm" in human.output


def test_check_missing_file_is_a_usage_error(store, tmp_path):
    result = run("check", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2


def test_missing_index_is_a_one_line_error(tmp_path):
    result = run("cite", "《安全生产法》第三条", "--index", str(tmp_path / "none"))
    assert result.exit_code == 4 and isinstance(result.exception, SystemExit)
    assert "没有找到索引" in result.output

