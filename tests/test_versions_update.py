"""`policydocs update`: outdated citations rewritten to the current numbering of the invented
脚手架安全法 (2012 → 2020, tests/fixtures/versions); nothing else in the file changes."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from policydocs.cli import main
from policydocs.errors import EXIT_OUTPUT, EXIT_USAGE
from policydocs.kb.build import build_index

VERSIONS = Path(__file__).parent / "fixtures" / "versions"
OLD = VERSIONS / "脚手架安全法(2012-05-01).md"
NEW = VERSIONS / "脚手架安全法(2020-03-01).md"
#: 2012 第四条 (每日检查) is 2020 第六条; 2012 第十条 stays 第十条; 2012 第六条 (大风) was deleted
TEXT = ("关于开展脚手架检查的通知\n"
        "一、依据《脚手架安全法》第四条规定：脚手架使用单位应当每日检查脚手架的连墙件和扣件。\n"
        "二、《脚手架安全法》（2012年）第九条、第十条规定了罚款。\n"
        "三、《脚手架安全法》第七条规定：脚手架作业人员应当佩戴安全带，穿防滑鞋。\n")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("update") / "index"
    build_index([OLD, NEW], directory)
    return directory


def test_text_file_only_the_addresses_change_encoding_and_line_ends_kept(index: Path, tmp_path: Path) -> None:
    source = tmp_path / "通知.txt"
    source.write_bytes(TEXT.replace("\n", "\r\n").encode("gb18030"))
    out = tmp_path / "新通知.txt"
    result = run("update", str(source), "-o", str(out), "--index", str(index), "--json")
    assert result.exception is None, result.output
    changes = [(c["old"], c["new"]) for c in json.loads(result.output)["changes"]]
    # 第十条 (of the 2012 version named before 第九条) is 第十条 now too: nothing to change
    assert changes == [("《脚手架安全法》第四条", "《脚手架安全法》第六条"),
                       ("《脚手架安全法》（2012年）第九条", "《脚手架安全法》第九条")]
    expected = (TEXT.replace("《脚手架安全法》第四条", "《脚手架安全法》第六条")
                .replace("《脚手架安全法》（2012年）第九条", "《脚手架安全法》第九条"))
    assert out.read_bytes() == expected.replace("\n", "\r\n").encode("gb18030")


def test_deleted_article_is_listed_and_left_as_written(index: Path, tmp_path: Path) -> None:
    source = tmp_path / "旧.md"
    source.write_text("---\ndate: 2019-05-01\n---\n遇大风应停止作业（《脚手架安全法》第六条）。\n", encoding="utf-8")
    out = tmp_path / "新.md"
    result = run("update", str(source), "-o", str(out), "--index", str(index))
    assert result.exception is None, result.output
    assert "未改动" in result.output and "已删除" in result.output
    assert out.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def test_docx_runs_keep_their_format(index: Path, tmp_path: Path) -> None:
    source = tmp_path / "通知.docx"
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("依据《脚手架安全法》第")
    bold = paragraph.add_run("四条")
    bold.bold = True
    paragraph.add_run("规定：脚手架使用单位应当每日检查脚手架的连墙件和扣件。")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("《脚手架安全法》（2012年）第九条")
    document.add_paragraph("2021年3月1日")
    document.save(str(source))
    out = tmp_path / "新通知.docx"
    result = run("update", str(source), "-o", str(out), "--index", str(index))
    assert result.exception is None, result.output
    assert "共改动 2 处" in result.output
    updated = docx.Document(str(out))
    runs = updated.paragraphs[0].runs
    # only 四 changed: the bold run that held it holds 六
    assert [r.text for r in runs] == ["依据《脚手架安全法》第", "六条",
                                      "规定：脚手架使用单位应当每日检查脚手架的连墙件和扣件。"]
    assert runs[1].bold and not runs[0].bold
    assert updated.tables[0].cell(0, 0).text == "《脚手架安全法》第九条"
    assert updated.paragraphs[-1].text == "2021年3月1日"


def test_never_overwrites_without_force(index: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "b.txt"
    out.write_text("keep", encoding="utf-8")
    assert run("update", str(source), "-o", str(out), "--index", str(index)).exit_code == EXIT_OUTPUT
    assert out.read_text(encoding="utf-8") == "keep"
    assert run("update", str(source), "-o", str(source), "--index", str(index), "--force").exit_code == EXIT_OUTPUT
    assert source.read_text(encoding="utf-8") == TEXT
    assert run("update", str(source), "-o", str(out), "--index", str(index), "--force").exit_code == 0
    assert "第六条" in out.read_text(encoding="utf-8")
    assert run("update", str(source), "-o", str(tmp_path / "b.pdf"), "--index", str(index)).exit_code == EXIT_USAGE
