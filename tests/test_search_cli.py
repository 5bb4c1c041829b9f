import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydocs.cli import main
from policydocs.model import LINK_KINDS

FIXTURES = Path(__file__).parent / "fixtures" / "search"
NATIONAL = "中华人民共和国焊割安全法"
REQUIRED = {"citation", "law", "article", "paragraph", "item", "text", "score", "kind", "status", "penalties"}


@pytest.fixture()
def index(search_index):
    return search_index  # built once per session (conftest)


@pytest.fixture()
def runner(monkeypatch):
    monkeypatch.delenv("POLICYDOCS_INDEX", raising=False)
    return CliRunner()


def test_search_json(runner, index):
    result = runner.invoke(main, ["search", "动火作业前清除作业点周围的可燃物", "--json", "--limit", "3",
                                  "--index", str(index)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert isinstance(data, list) and 1 <= len(data) <= 3
    for hit in data:
        assert set(hit) >= REQUIRED, set(hit)
        assert isinstance(hit["penalties"], list)
    assert data[0]["law"] == NATIONAL
    assert data[0]["citation"] == f"《{NATIONAL}》第二条"
    assert data[0]["article"] == 2 and data[0]["paragraph"] is None and data[0]["item"] is None
    assert data[0]["status"] == "现行有效"
    assert data[0]["kind"] == "duty"
    assert {"citation": f"《{NATIONAL}》第六条", "link": "wording"}.items() <= data[0]["penalties"][0].items()


def test_search_stdin_one_json_line_per_query(runner, index):
    result = runner.invoke(main, ["search", "-", "--json", "--index", str(index)],
                           input="动火作业前清除可燃物\n\n焊割作业现场配备灭火器材\n")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 3  # line N of the output answers line N of the input
    first, blank, second = (json.loads(line) for line in lines)
    assert blank == []
    assert first and first[0]["article"] == 2
    assert second and second[0]["law"] == NATIONAL


def test_show_item_json(runner, index):
    result = runner.invoke(main, ["show", "焊割安全法", "3", "--item", "2", "--json", "--index", str(index)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["citation"] == f"《{NATIONAL}》第三条第二项"
    assert data["text"] == "（二）在焊割作业现场配备足量的灭火器材；"
    assert data["lead"] == "焊割作业单位应当履行下列义务："
    assert (data["article"], data["paragraph"], data["item"]) == (3, None, 2)
    assert any(p["citation"] == f"《{NATIONAL}》第五条第二项" for p in data["penalties"])


def test_show_citation_text(runner, index):
    result = runner.invoke(main, ["show", "《焊割安全法》第三条第一项", "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert f"《{NATIONAL}》第三条第一项" in result.output
    assert "焊割作业单位应当履行下列义务：" in result.output
    assert "（一）安排焊割作业人员经专门培训并取得特种作业操作证后上岗；" in result.output
    # the penalty line says how the link was found, so an inferred pairing is not taken as the law's
    penalty_lines = [line for line in result.output.splitlines() if line.startswith("处罚依据")]
    assert penalty_lines
    assert all(any(line.endswith(f"（{label}）") for label in LINK_KINDS.values()) for line in penalty_lines)


def test_show_missing_article_is_one_line_error(runner, index):
    result = runner.invoke(main, ["show", "焊割安全法", "200", "--index", str(index)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # the CLI decided to exit, nothing escaped
    error_lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(error_lines) == 1
    assert "第二百条" in error_lines[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error_lines[0])


def test_search_without_index_exits_4_with_hint(runner, tmp_path):
    result = runner.invoke(main, ["search", "动火作业", "--index", str(tmp_path / "none")])
    assert result.exit_code == 4 and isinstance(result.exception, SystemExit)
    assert "policydocs index" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_index_on_empty_folder_fails_clearly(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["index", str(tmp_path / "empty"), "--index", str(tmp_path / "idx")])
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert "没有可读取的源文件" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_index_command_json_report(runner, tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "src")
    result = runner.invoke(main, ["index", str(tmp_path / "src"), "--index", str(tmp_path / "idx"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["documents"] == 4 and report["parsed"] == 4 and report["skipped"] == []
