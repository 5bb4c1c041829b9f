"""Exit codes and error lines (issue 10): one table (README "Exit codes" = policydocs.errors),
every failure one Chinese-first line, click's usage errors included, `--debug` /
POLICYDOCS_DEBUG=1 for the traceback. Runner tests assert on `result.exception` (what left
the command) and a few cases run as real subprocesses, where a traceback would show."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from faults_support import NATIONAL, SEARCH_FIXTURES, assert_one_line_error, cli
from policydocs import errors
from policydocs.app import workspace as app_workspace
from policydocs.cli import main
from policydocs.kb.build import build_index

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("exit")
    shutil.copytree(SEARCH_FIXTURES, root / "src")
    build_index([root / "src"], root / "idx")
    return root / "idx"


@pytest.fixture()
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv("POLICYDOCS_INDEX", raising=False)
    monkeypatch.delenv("POLICYDOCS_DEBUG", raising=False)
    return CliRunner()


def _one_line(result, code: int, *expected: str) -> str:
    """The command exited with `code` on purpose (SystemExit, not an escaped exception) and
    printed one Chinese-first line."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    return assert_one_line_error(result.output, *expected)


# -- the table ------------------------------------------------------------------------------------
def test_readme_table_is_the_errors_module():
    section = README.read_text(encoding="utf-8").split("### Exit codes", 1)[1].split("\n#", 1)[0]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", section, flags=re.M)}
    defined = {value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    assert defined <= documented and {0, 1, 2, 3, 4, 5} <= documented
    assert (errors.EXIT_OK, errors.EXIT_FINDINGS, errors.EXIT_USAGE, errors.EXIT_INPUT, errors.EXIT_INDEX,
            errors.EXIT_OUTPUT) == (0, 1, 2, 3, 4, 5)
    assert errors.SourceError.exit_code == errors.DraftError.exit_code == 3
    assert errors.IndexMissingError.exit_code == errors.IndexDamagedError.exit_code == 4
    assert errors.IndexOutdatedError.exit_code == 4 and errors.OutputError.exit_code == 5


# -- click's usage errors, in Chinese ---------------------------------------------------------------
@pytest.mark.parametrize(("args", "expected"), [
    (["check", "nonexist.txt"], ["不存在", "FILE"]),
    (["search", "动火", "--limit", "0"], ["--limit", "范围"]),
    (["search", "动火", "--limit", "abc"], ["--limit", "整数"]),
    (["serch", "动火"], ["没有命令 serch", "search"]),
    (["search", "动火", "--limt", "3"], ["没有选项 --limt", "--limit"]),
    (["search"], ["缺少参数 QUERY"]),
    (["search", "动火", "--kind", "rule"], ["--kind", "duty"]),
    (["draft", "memo", "x.md", "-o", "x.docx"], ["notice"]),
])
def test_usage_errors_are_one_chinese_line_exit_2(runner, tmp_path, monkeypatch, args, expected):
    monkeypatch.chdir(tmp_path)
    _one_line(runner.invoke(main, args), 2, *expected)


def test_usage_errors_as_a_real_process(tmp_path):
    for args in (["check", "nonexist.txt"], ["search", "动火", "--limit", "0"], ["serch"]):
        done = cli(*args, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert_one_line_error(done.stderr)
        assert "Usage:" not in done.stderr and done.stdout == ""


# -- --law / --region ---------------------------------------------------------------------------------
def test_unknown_law_is_an_error_not_an_empty_result(runner, index):
    line = _one_line(runner.invoke(main, ["search", "动火", "--law", "不存在法", "--index", str(index)]), 2,
                     "不存在法", "--law")
    assert "没有找到" not in line
    # a close title is suggested
    assert "焊割安全法" in _one_line(runner.invoke(main, ["search", "动火", "--law", "焊割安全发", "--index",
                                                          str(index)]), 2)
    known = runner.invoke(main, ["search", "动火", "--law", "焊割安全法", "--json", "--index", str(index)])
    assert known.exit_code == 0 and json.loads(known.output)[0]["law"] == NATIONAL


def test_unknown_region_names_the_known_ones(runner, index):
    line = _one_line(runner.invoke(main, ["search", "动火", "--region", "火星", "--index", str(index)]), 2,
                     "火星", "--region")
    assert "江苏" in line  # the fixtures' one local region
    assert runner.invoke(main, ["search", "动火", "--region", "江苏", "--index", str(index)]).exit_code == 0
    # a part of a region name is not what the filter matches: refused, not silently national-only
    _one_line(runner.invoke(main, ["search", "动火", "--region", "江", "--index", str(index)]), 2, "江苏")


def test_search_stdin_keeps_line_numbers(runner, index):
    lines = ["动火作业前清除可燃物", "", "   ", "焊割作业现场配备灭火器材", ""]
    result = runner.invoke(main, ["search", "-", "--json", "--index", str(index)], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert len(answers) == len(lines)
    assert [bool(answer) for answer in answers] == [bool(line.strip()) for line in lines]
    human = runner.invoke(main, ["search", "-", "--index", str(index)], input="动火\n\n焊割\n")
    assert human.output.count("== ") == 3 and "（空行，未检索）" in human.output


# -- exit codes by kind of fault ---------------------------------------------------------------------
def test_findings_exit_1_for_check_and_cite(runner, index, tmp_path):
    wrong = runner.invoke(main, ["cite", "《焊割安全法》第二百条", "--index", str(index)])
    assert wrong.exit_code == 1 and isinstance(wrong.exception, SystemExit)
    right = runner.invoke(main, ["cite", "《焊割安全法》第二条", "--index", str(index)])
    assert right.exit_code == 0, right.output
    text = tmp_path / "t.txt"
    text.write_text("依据《焊割安全法》第二百条。\n", encoding="utf-8")
    assert runner.invoke(main, ["check", str(text), "--index", str(index)]).exit_code == 1


def test_missing_index_exits_4(runner, tmp_path):
    for args in (["search", "动火"], ["show", "焊割安全法", "2"], ["cite", "《焊割安全法》第二条"]):
        _one_line(runner.invoke(main, [*args, "--index", str(tmp_path / "none")]), 4, "policydocs index")


def test_unexpected_exception_is_one_line_and_debug_shows_the_traceback(runner, index, monkeypatch):
    def broken(self, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(app_workspace.Workspace, "search", broken)
    result = runner.invoke(main, ["search", "动火", "--index", str(index)])
    line = _one_line(result, errors.EXIT_BUG, "内部错误", "RuntimeError", "--debug")
    assert "boom" in line
    debug = runner.invoke(main, ["--debug", "search", "动火", "--index", str(index)])
    assert debug.exit_code == errors.EXIT_BUG and "Traceback" in debug.output and "RuntimeError: boom" in debug.output
    after = runner.invoke(main, ["search", "动火", "--index", str(index), "--debug"])  # anywhere before --
    assert "Traceback" in after.output


def test_debug_shows_the_traceback_of_a_user_error_in_a_real_process(tmp_path):
    plain = cli("search", "动火", "--index", str(tmp_path / "none"))
    assert plain.returncode == 4
    assert_one_line_error(plain.stderr, "没有找到索引")
    for done in (cli("--debug", "search", "动火", "--index", str(tmp_path / "none")),
                 cli("search", "动火", "--index", str(tmp_path / "none"), env={"POLICYDOCS_DEBUG": "1"})):
        assert done.returncode == 4
        assert done.stderr.startswith("错误: 没有找到索引")
        assert "Traceback (most recent call last)" in done.stderr and "IndexMissingError" in done.stderr


def test_help_and_version_still_exit_0(runner):
    assert runner.invoke(main, ["--version"]).exit_code == 0
    helped = runner.invoke(main, ["search", "-h"])
    assert helped.exit_code == 0 and "--limit" in helped.output
    assert "--debug" in runner.invoke(main, ["-h"]).output
    bare = runner.invoke(main, [])
    assert bare.exit_code == 2 and "Commands:" in bare.output and "错误: " not in bare.output
