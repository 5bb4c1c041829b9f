"""`policydocs diff`: the 新旧条文对照表 of the invented 脚手架安全法 2012 → 2020
(tests/fixtures/versions) as .docx and .xlsx, and the rows it is made of."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText

from policydocs.cli import main
from policydocs.draft.lawdiff import mark_changes
from policydocs.errors import EXIT_OUTPUT, EXIT_USAGE
from policydocs.kb.build import build_index

VERSIONS = Path(__file__).parent / "fixtures" / "versions"
OLD = VERSIONS / "脚手架安全法(2012-05-01).md"
NEW = VERSIONS / "脚手架安全法(2020-03-01).md"
LAW = "脚手架安全法"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("diff") / "index"
    build_index([OLD, NEW], directory)
    return directory


def test_rows_one_per_article_with_the_office_notes(index: Path, tmp_path: Path) -> None:
    result = run("diff", LAW, "-o", str(tmp_path / "t.xlsx"), "--index", str(index), "--json")
    assert result.exception is None, result.output
    rows = [(r["old_articles"], r["new_articles"], r["note"]) for r in json.loads(result.output)["rows"]]
    assert rows == [([1], [1], "未修改"), ([], [2], "新增"), ([2], [3], "条序调整"), ([3], [4, 5], "拆分"),
                    ([4, 5], [6], "合并"), ([6], [], "删除"), ([7], [7], "未修改"), ([8], [8], "未修改"),
                    ([9], [9], "修改"), ([10], [10], "修改"), ([11], [11], "修改")]


def test_changed_words_are_marked() -> None:
    old, new = mark_changes("处一万元以上三万元以下的罚款", "处二万元以上五万元以下的罚款")
    assert [t for t, c in old if c] == ["一", "三"] and [t for t, c in new if c] == ["二", "五"]
    # blanks a .docx download leaves are no change
    old, new = mark_changes("安全生产工作 ，防止", "安全生产工作，防止")
    assert not [t for t, c in old + new if c]


def test_docx_landscape_repeated_header_bold_underlined_changes(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "对照表.docx"
    result = run("diff", LAW, "--from", "2012", "--to", "2020", "-o", str(out), "--index", str(index))
    assert result.exception is None, result.output
    assert "拆分 1" in result.output and "删除 1" in result.output
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.page_width > section.page_height
    [table] = document.tables
    assert [c.text for c in table.rows[0].cells] == ["修改前", "修改后", "说明"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(table.rows) == 12
    fine = next(r for r in table.rows if r.cells[0].text.startswith("第九条"))
    marked = [run.text for p in fine.cells[1].paragraphs for run in p.runs if run.bold and run.underline]
    assert marked == ["二", "五"]
    assert fine.cells[2].text == "修改"


def test_xlsx_rich_text_frozen_header_print_settings(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "对照表.xlsx"
    assert run("diff", LAW, "-o", str(out), "--index", str(index)).exception is None
    sheet = load_workbook(out, rich_text=True).active
    assert [sheet.cell(2, c).value for c in (1, 2, 3)] == ["修改前", "修改后", "说明"]
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape"
    row = next(r for r in range(3, sheet.max_row + 1) if str(sheet.cell(r, 1).value).startswith("第九条"))
    value = sheet.cell(row, 2).value
    assert isinstance(value, CellRichText)
    assert [b.text for b in value if not isinstance(b, str) and b.font.b and b.font.u] == ["二", "五"]
    assert sheet.cell(row, 1).alignment.wrap_text


def test_errors_are_one_line(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.docx"
    assert run("diff", LAW, "-o", str(tmp_path / "t.pdf"), "--index", str(index)).exit_code == EXIT_USAGE
    unknown = run("diff", LAW, "--from", "1999", "-o", str(out), "--index", str(index))
    assert unknown.exit_code == EXIT_USAGE and "2012-05-01" in unknown.output
    assert run("diff", LAW, "-o", str(out), "--index", str(index)).exit_code == 0
    again = run("diff", LAW, "-o", str(out), "--index", str(index))
    assert again.exit_code == EXIT_OUTPUT
    assert run("diff", LAW, "-o", str(out), "--force", "--index", str(index)).exit_code == 0


def test_a_law_with_one_version_says_how_to_add_another(tmp_path: Path) -> None:
    directory = tmp_path / "index"
    build_index([NEW], directory)
    result = run("diff", LAW, "-o", str(tmp_path / "t.docx"), "--index", str(directory))
    assert result.exit_code == EXIT_USAGE
    assert "policydocs add" in result.output and "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice not installed")
def test_docx_renders_landscape_with_header_on_every_page(tmp_path: Path) -> None:
    # a long invented law in two versions: enough rows for several pages
    for year, word in (("2012-05-01", "每月"), ("2020-03-01", "每日")):
        articles = "\n\n".join(f"第{n}条 脚手架使用单位应当{word}检查第{n}号脚手架的连墙件、扣件和立杆基础，"
                               "发现隐患及时消除，并如实记录检查和整改情况，记录保存不少于三年。"
                               for n in range(1, 60))
        (tmp_path / f"长法({year}).md").write_text(
            f"# 中华人民共和国长法\n\n{year[:4]}年 通过\n\n<!-- INFO END -->\n\n{articles}\n", encoding="utf-8")
    index = tmp_path / "index"
    build_index(sorted(tmp_path.glob("长法*.md")), index)
    out = tmp_path / "d.docx"
    result = run("diff", "长法", "-o", str(out), "--index", str(index))
    assert result.exception is None, result.output
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "d.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 3
    assert all("修改前" in page and "修改后" in page for page in pages)
    assert "新旧条文对照表" in pages[0]


def test_changed_only_leaves_out_unchanged_articles(index: Path, tmp_path: Path) -> None:
    result = run("diff", LAW, "--changed-only", "-o", str(tmp_path / "t.xlsx"), "--index", str(index), "--json")
    assert result.exception is None, result.output
    notes = [r["note"] for r in json.loads(result.output)["rows"]]
    assert "未修改" not in notes and len(notes) == 8


def test_version_label() -> None:
    from policydocs.kb.versions import version_label
    from policydocs.model import Document

    named = Document("a", "某法", "法律", source="某法（2014年修订）.docx", promulgated="2002-06-29",
                     version_date="2014-08-31")
    assert version_label(named) == "2014年修订"
    amended = Document("b", "某法", "法律", source="某法(2021-06-10).md", promulgated="2002-06-29",
                       version_date="2021-06-10")
    assert version_label(amended) == "2021年修正"
    first = Document("c", "某法", "法律", promulgated="2002-06-29", version_date="2002-06-29")
    assert version_label(first) == "2002年公布"
