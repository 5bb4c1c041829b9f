"""Command safety: no overwrite without --force, no half-written files, one-line errors,
exit codes."""

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from policydocs.app import drafting
from policydocs.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples"
NOTICE = EXAMPLES / "suzhou_notice.md"


@pytest.fixture(autouse=True)
def no_index(monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYDOCS_INDEX", str(tmp_path / "no-index"))


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_existing_output_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "n.docx"
    out.write_bytes(b"keep me")
    result = run("draft", "notice", str(NOTICE), "-o", str(out))
    assert result.exit_code == 5 and "--force" in result.output  # output cannot be written
    assert out.read_bytes() == b"keep me"
    assert run("draft", "notice", str(NOTICE), "-o", str(out), "--force").exit_code == 0
    assert docx.Document(out).paragraphs


def test_no_half_written_file_when_saving_fails(tmp_path, monkeypatch):
    real_save = docx.document.Document.save

    def broken_save(self, path):
        if not isinstance(path, str):  # templates are filled in memory
            return real_save(self, path)
        Path(path).write_bytes(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    result = run("draft", "plan", str(EXAMPLES / "anju_plan.md"), "-o", str(tmp_path / "p.docx"))
    assert result.exit_code == 5 and isinstance(result.exception, SystemExit)  # output cannot be written
    assert "disk full" in result.output and len(result.output.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # neither the output nor a temporary file


@pytest.mark.parametrize("field", ["number", "to", "date", "signature"])
def test_missing_front_matter_field_is_named(tmp_path, field):
    text = "\n".join(line for line in NOTICE.read_text(encoding="utf-8").splitlines()
                     if not line.startswith(f"{field}:"))
    source = tmp_path / "n.md"
    source.write_text(text.replace("file: suzhou_attachment1.md",
                                   f"file: {EXAMPLES / 'suzhou_attachment1.md'}"), encoding="utf-8")
    result = run("draft", "notice", str(source), "-o", str(tmp_path / "n.docx"), "--allow-outside")
    assert result.exit_code == 3 and isinstance(result.exception, SystemExit)  # bad input file
    assert f"缺少字段 {field}" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "n.docx").exists()


def test_missing_attachment_file_is_named(tmp_path):
    source = tmp_path / "n.md"
    source.write_text(NOTICE.read_text(encoding="utf-8"), encoding="utf-8")  # file not copied
    result = run("draft", "notice", str(source), "-o", str(tmp_path / "n.docx"))
    assert result.exit_code == 3
    assert "附件文件不存在：suzhou_attachment1.md" in result.output


def test_bad_number_and_bad_date_are_errors(tmp_path):
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: 方案\ndate: 2022年13月1日\n---\n正文\n", encoding="utf-8")
    assert "日期" in run("draft", "plan", str(source), "-o", str(tmp_path / "a.docx")).output
    source.write_text("---\nkind: notice\nissuer: 甲\nnumber: 苏安[2022]4号\ntitle: 通知\nto: 乙\n"
                      "date: 2022-01-20\nsignature: 甲\n---\n正文\n", encoding="utf-8")
    result = run("draft", "notice", str(source), "-o", str(tmp_path / "b.docx"))
    assert result.exit_code == 3 and "文号格式不对" in result.output


def test_markers_without_index_warn_and_strict_exits_1(tmp_path):
    out = tmp_path / "n.docx"
    result = run("draft", "notice", str(NOTICE), "-o", str(out), "--strict")
    assert result.exit_code == 1
    assert "policydocs index" in result.output and "未核实" in result.output
    assert out.exists()  # the draft is written, with its 〔未核实〕 marks


def test_no_markers_and_no_index_is_fine_even_strict(tmp_path):
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: 方案\n---\n\n# 目标\n\n正文。\n", encoding="utf-8")
    result = run("draft", "plan", str(source), "-o", str(tmp_path / "p.docx"), "--strict")
    assert result.exit_code == 0, result.output
    assert "policydocs index" not in result.output


def test_kind_mismatch_and_skipped_level_are_errors(tmp_path):
    result = run("draft", "plan", str(NOTICE), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 3 and "kind" in result.output
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: 方案\n---\n# 甲\n### 乙\n", encoding="utf-8")
    result = run("draft", "plan", str(source), "-o", str(tmp_path / "p.docx"))
    assert result.exit_code == 3 and "跳级" in result.output


def test_new_refuses_to_overwrite(tmp_path):
    target = tmp_path / "plan.md"
    assert run("new", "plan", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    for section in ("指导思想", "工作目标", "检查对象", "工作重点", "实施步骤", "工作要求", "附件"):
        assert section in text
    assert run("new", "plan", "-o", str(target)).exit_code == 5


def test_service_is_opened_lazily(tmp_path, monkeypatch):
    index = tmp_path / "index"
    index.mkdir()
    opened = []
    monkeypatch.setattr(drafting.LazyIndexService, "_open", lambda self: opened.append(1))
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: 方案\n---\n正文。\n", encoding="utf-8")
    result = run("draft", "plan", str(source), "-o", str(tmp_path / "p.docx"), "--index", str(index))
    assert result.exit_code == 0 and opened == []
