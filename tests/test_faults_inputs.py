"""Bad input files (issue 10): a damaged source never stops a build, a bad date names its line,
attachments stay inside the document's folder, an output is never one of the inputs, outputs
get the umask's mode, and what a draft silently leaves out is warned about."""

from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from faults_support import ON_POSIX, SEARCH_FIXTURES, assert_one_line_error, cli
from policydocs.cli import main
from policydocs.draft.writer import new_file_mode
from policydocs.kb import build

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture(autouse=True)
def no_index(monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYDOCS_INDEX", str(tmp_path / "no-index"))
    monkeypatch.delenv("POLICYDOCS_DEBUG", raising=False)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def _error(result, code: int, *expected: str) -> str:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    return assert_one_line_error(result.output.split("\n已生成")[0], *expected)


def damaged_docx(path: Path) -> Path:
    """A valid zip whose word/document.xml is cut short (a download cut off)."""
    good = path.with_name("good-" + path.name)
    document = docx.Document()
    document.add_paragraph("第一条 为了测试，制定本办法。")
    document.save(str(good))
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    good.unlink()
    return path


# -- readers never crash the build ----------------------------------------------------------------
@pytest.fixture()
def corpus_with_damaged_docx(tmp_path) -> Path:
    shutil.copytree(SEARCH_FIXTURES, tmp_path / "src")
    damaged_docx(tmp_path / "src" / "地方性法规" / "损坏的规定.docx")
    return tmp_path / "src"


def test_index_skips_a_damaged_docx_and_counts_it(tmp_path, corpus_with_damaged_docx):
    result = run("index", str(corpus_with_damaged_docx), "--index", str(tmp_path / "idx"), "--json")
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if line.startswith("警告"))
    assert "损坏的规定.docx" in warning
    report = json.loads(result.output.splitlines()[-1])
    assert [Path(s["path"]).name for s in report["skipped"]] == ["损坏的规定.docx"]
    assert report["documents"] == 4
    human = run("index", str(corpus_with_damaged_docx), "--index", str(tmp_path / "idx"))
    assert "跳过 1" in human.output.splitlines()[-1]


def test_index_strict_makes_a_damaged_file_fatal_exit_3(tmp_path, corpus_with_damaged_docx):
    _error(run("index", str(corpus_with_damaged_docx), "--strict", "--index", str(tmp_path / "idx")), 3,
           "损坏的规定.docx")
    assert not (tmp_path / "idx" / "CURRENT").exists()


def test_any_reader_exception_is_a_warning_naming_file_and_reason(tmp_path, monkeypatch):
    """Not only the project's SourceError: a reader bug on one file (here a KeyError) skips it."""
    shutil.copytree(SEARCH_FIXTURES, tmp_path / "src")
    real = build.read_source

    def flaky(path, root=None):
        if "砂轮" in path.name:
            raise KeyError("w:body")
        return real(path, root)

    monkeypatch.setattr(build, "read_source", flaky)
    result = run("index", str(tmp_path / "src"), "--index", str(tmp_path / "idx"))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("警告")]
    assert len(warnings) == 2 and all("砂轮" in w and "KeyError" in w for w in warnings)
    assert "跳过 2" in result.output.splitlines()[-1]


def test_check_on_a_damaged_docx_is_one_line_exit_3(tmp_path):
    path = damaged_docx(tmp_path / "损坏.docx")
    _error(run("check", str(path)), 3, "损坏.docx")
    done = cli("check", str(path), "--index", str(tmp_path / "none"))
    assert done.returncode == 3
    assert_one_line_error(done.stderr, "损坏.docx")


# -- front matter -------------------------------------------------------------------------------
def test_an_impossible_date_names_line_and_field(tmp_path):
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: 方案\nsignature: 甲\ndate: 2024-13-45\n---\n正文。\n", encoding="utf-8")
    line = _error(run("draft", "plan", str(source), "-o", str(tmp_path / "p.docx")), 3,
                  "p.md", "第4行", "date", "2024-13-45")
    assert "不是有效日期" in line and "2022-01-20" in line  # what to write instead
    assert not (tmp_path / "p.docx").exists()
    done = cli("draft", "plan", str(source), "-o", str(tmp_path / "p.docx"), "--index", str(tmp_path / "none"))
    assert done.returncode == 3
    assert_one_line_error(done.stderr, "第4行")


# -- attachments stay inside the document's folder ------------------------------------------------------
def _plan_with_attachment(folder: Path, file: str) -> Path:
    source = folder / "p.md"
    source.write_text(f"---\ntitle: 方案\nattachments:\n  - title: 附表\n    file: {file}\n---\n\n正文。\n",
                      encoding="utf-8")
    return source


def _docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def test_an_attachment_outside_the_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("机密内容一二三\n", encoding="utf-8")
    folder = tmp_path / "docs" / "draft"
    folder.mkdir(parents=True)
    for file in (str(secret), "../../secret.md"):
        source = _plan_with_attachment(folder, file)
        out = folder / "p.docx"
        _error(run("draft", "plan", str(source), "-o", str(out)), 3, "附件1", "--allow-outside")
        assert not out.exists()
    allowed = run("draft", "plan", str(source), "-o", str(out), "--allow-outside")
    assert allowed.exit_code == 0, allowed.output
    assert "机密内容一二三" in _docx_text(out)


@pytest.mark.skipif(not ON_POSIX, reason="symlinks need privileges on Windows")
def test_a_symlink_pointing_outside_is_outside(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("机密内容一二三\n", encoding="utf-8")
    folder = tmp_path / "draft"
    folder.mkdir()
    (folder / "link.md").symlink_to(secret)
    (folder / "inner.md").write_text("附表内容\n", encoding="utf-8")
    (folder / "inner-link.md").symlink_to(folder / "inner.md")
    _error(run("draft", "plan", str(_plan_with_attachment(folder, "link.md")), "-o", str(folder / "a.docx")), 3,
           "secret.md")
    inside = run("draft", "plan", str(_plan_with_attachment(folder, "inner-link.md")), "-o", str(folder / "b.docx"))
    assert inside.exit_code == 0, inside.output
    assert "附表内容" in _docx_text(folder / "b.docx")


def test_an_attachment_in_a_subfolder_is_inside(tmp_path):
    (tmp_path / "附件").mkdir()
    (tmp_path / "附件" / "a.md").write_text("附表内容\n", encoding="utf-8")
    result = run("draft", "plan", str(_plan_with_attachment(tmp_path, "附件/a.md")), "-o", str(tmp_path / "p.docx"))
    assert result.exit_code == 0, result.output
    assert "附表内容" in _docx_text(tmp_path / "p.docx")


# -- outputs -------------------------------------------------------------------------------------------------
def test_output_equal_to_an_input_is_refused_even_with_force(tmp_path):
    source = tmp_path / "x.md"
    source.write_text("---\ntitle: 方案\n---\n\n正文。\n", encoding="utf-8")
    before = source.read_bytes()
    _error(run("draft", "plan", str(source), "-o", str(source), "--force"), 5, "输入文件")
    _error(run("draft", "plan", str(source), "-o", str(tmp_path / "." / "x.md"), "--force"), 5)
    attached = _plan_with_attachment(tmp_path, "a.md")
    (tmp_path / "a.md").write_text("附表\n", encoding="utf-8")
    kept = (tmp_path / "a.md").read_bytes()
    _error(run("draft", "plan", str(attached), "-o", str(tmp_path / "a.md"), "--force"), 5, "输入文件")
    assert source.read_bytes() == before and (tmp_path / "a.md").read_bytes() == kept
    done = cli("draft", "plan", str(source), "-o", str(source), "--force", "--index", str(tmp_path / "none"))
    assert done.returncode == 5 and source.read_bytes() == before
    assert_one_line_error(done.stderr, "输入文件")


@pytest.mark.skipif(not ON_POSIX, reason="POSIX file modes")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_outputs_get_the_umask_mode(tmp_path, umask):
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: 方案\n---\n\n正文。\n", encoding="utf-8")
    old = os.umask(umask)
    try:
        assert new_file_mode() == 0o666 & ~umask
        assert run("draft", "plan", str(source), "-o", str(tmp_path / "p.docx")).exit_code == 0
        assert run("new", "notice", "-o", str(tmp_path / "n.md")).exit_code == 0
    finally:
        os.umask(old)
    for name in ("p.docx", "n.md"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~umask, name


# -- what a draft leaves out is said -------------------------------------------------------------------------
def test_an_attachment_without_file_warns(tmp_path):
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: 方案\nattachments:\n  - 企业名录\n  - title: 检查表\n---\n\n正文。\n",
                      encoding="utf-8")
    result = run("draft", "plan", str(source), "-o", str(tmp_path / "p.docx"))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "没有指定 file" in line]
    assert len(warnings) == 2 and "企业名录" in warnings[0] and "检查表" in warnings[1]


def test_a_plans_own_attachments_are_warned_about_when_it_is_attached(tmp_path):
    shutil.copy(EXAMPLES / "anju_notice.md", tmp_path / "anju_notice.md")
    plan = (EXAMPLES / "anju_plan.md").read_text(encoding="utf-8")
    assert plan.startswith("---\n")
    (tmp_path / "anju_plan.md").write_text(plan.replace("---\n", "---\nattachments:\n  - 重点企业名录\n", 1),
                                           encoding="utf-8")
    result = run("draft", "notice", str(tmp_path / "anju_notice.md"), "-o", str(tmp_path / "n.docx"))
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.output.splitlines() if "自身的附件" in line]
    assert "anju_plan.md" in warning and "重点企业名录" in warning and "不会写入" in warning
    assert "重点企业名录" not in _docx_text(tmp_path / "n.docx")  # what the warning says: left out
    alone = run("draft", "notice", str(EXAMPLES / "anju_notice.md"), "-o", str(tmp_path / "m.docx"))
    assert alone.exit_code == 0 and "自身的附件" not in alone.output  # a plan without 附件: no warning


def test_a_control_character_names_its_field_or_line(tmp_path):
    """python-docx refuses them with a bare ValueError (a traceback, exit 1, before)."""
    source = tmp_path / "c.md"
    source.write_text('---\ntitle: "方案\\x01甲"\n---\n\n正文。\n', encoding="utf-8")
    _error(run("draft", "plan", str(source), "-o", str(tmp_path / "c.docx")), 3, "c.md", "字段 title", "U+0001")
    source.write_text("---\ntitle: 方案\n---\n\n第一段。\n正文\x02。\n", encoding="utf-8")
    _error(run("draft", "plan", str(source), "-o", str(tmp_path / "c.docx")), 3, "第6行", "U+0002")
    assert not (tmp_path / "c.docx").exists()
