"""The use-case layer (policydocs.app) on a small index of the invented laws of tests/fixtures/laws
(2022 《中华人民共和国矿灯安全法》: 第二条 has three 款 and no 项, 第五条 items in its first 款 only,
第六条 items in both its 款, 第四条 four 项). Every face calls these functions, so the command line
must print exactly their `as_json()`; and `show` and `cite` must agree on every address."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydocs.app import STATUS_LABELS, Workspace, kind_names, marked_segments, new
from policydocs.cli import main
from policydocs.corpus.readers import read_source
from policydocs.errors import (
    DraftError,
    IndexMissingError,
    NotFoundError,
    OutputError,
    PolicydocsError,
    SourceError,
    UsageError,
)
from policydocs.text.decoding import UndecodableText, decode_text
from policydocs.text.numerals import int_to_cn

FIXTURES = Path(__file__).parent / "fixtures" / "laws"
APP = Path(__file__).resolve().parents[1] / "src" / "policydocs" / "app"
LAW = "中华人民共和国矿灯安全法"
EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("app") / "index"
    with Workspace(directory) as workspace:
        result = workspace.index(sorted(FIXTURES.glob("*.md")))
    assert result.documents == 4 and result.skipped == []
    return directory


@pytest.fixture
def workspace(index_dir):
    with Workspace(index_dir) as opened:
        yield opened


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


# -- one implementation per concept: show and cite resolve addresses alike ---------------------
ADDRESSES = [
    ("2", None, "2"),  # 第二条第二项: the article has 款, not 项 → 第二条第二款
    ("3", "1", None),  # 第一款 of a one-paragraph article: the article itself
    ("5", None, "2"),  # the only 款 with items
    ("6", None, "1"),  # two 款 with items: which one?
    ("4", None, "5"),  # only four 项
    ("9", None, None),  # no such article
    ("4", None, "2"),  # exists as written
]


def _written(article: str, paragraph: str | None, item: str | None) -> str:
    parts = [f"第{int_to_cn(int(article))}条"]
    parts += [f"第{int_to_cn(int(paragraph))}款"] if paragraph else []
    parts += [f"第{int_to_cn(int(item))}项"] if item else []
    return f"《矿灯安全法》{''.join(parts)}"


@pytest.mark.parametrize("article,paragraph,item", ADDRESSES)
def test_show_and_cite_agree_on_every_address(workspace, article, paragraph, item):
    written = _written(article, paragraph, item)
    [finding] = workspace.cite(written).findings
    for call in (lambda: workspace.show("矿灯安全法", article, paragraph=paragraph, item=item),
                 lambda: workspace.show(written)):
        if finding.status == "ok":
            shown = call()
            assert shown.citation == finding.citation
            assert (shown.clause.ref.article, shown.clause.ref.paragraph, shown.clause.ref.item) == (
                finding.article, finding.paragraph, finding.item)
        else:
            with pytest.raises(NotFoundError) as raised:
                call()
            assert finding.message in str(raised.value)
            if finding.suggestion:
                assert finding.suggestion in str(raised.value)


def test_show_suggests_what_cite_suggests_on_the_command_line(index_dir):
    """The disagreement of issue 8: show said only 没有, cite suggested 第二款."""
    shown = run("show", "矿灯安全法", "2", "--item", "2", "--index", str(index_dir))
    cited = run("cite", "《矿灯安全法》第二条第二项", "--json", "--index", str(index_dir))
    [record] = json.loads(cited.output)["citations"]
    assert record["suggestion"] == f"《{LAW}》第二条第二款"
    assert shown.exit_code == 1 and isinstance(shown.exception, SystemExit)
    assert len(shown.output.strip().splitlines()) == 1
    assert f"建议：{record['suggestion']}" in shown.output


# -- one decoding for every reader and check -------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_index_and_check_read_the_same_encodings(workspace, tmp_path, encoding):
    """The disagreement of issue 8: a GB18030 .txt was indexed but refused by check."""
    text = "关于矿灯检查的通知\r\n一、要求\r\n依据《矿灯安全法》第三条开展检查。\r\n"
    path = tmp_path / "notice.txt"
    path.write_bytes(text.encode(encoding))
    document = read_source(path)  # what `index` does with the file
    assert document.title == "关于矿灯检查的通知"
    result = workspace.check_file(path)
    assert [(f.status, f.line, f.citation) for f in result.findings] == [("ok", 3, f"《{LAW}》第三条")]
    cli = run("check", str(path), "--index", str(workspace.index_dir))
    assert cli.exit_code == 0, cli.output


def test_undecodable_text_is_refused_alike(workspace, tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\xff\xfe\xfd\x80 not text")
    with pytest.raises(SourceError) as by_index:
        read_source(path)
    with pytest.raises(SourceError) as by_check:
        workspace.check_file(path)
    assert str(by_index.value) == str(by_check.value)
    assert "GB18030" in str(by_check.value)


def test_decode_text():
    assert decode_text("第三条".encode()) == "第三条"
    assert decode_text("\ufeff第三条\r\n第四条\r".encode()) == "第三条\n第四条\n"
    assert decode_text("安全生产".encode("gb18030")) == "安全生产"
    with pytest.raises(UndecodableText):
        decode_text(b"\xff\xff")


# -- results: what the command line prints is as_json() -------------------------------------
def test_cli_json_is_the_results_as_json(workspace, index_dir, tmp_path):
    idx = ["--index", str(index_dir)]
    search = workspace.search("矿灯发放登记制度", limit=3)
    assert search.hits and search.hits[0].document.title == LAW
    assert run("search", "矿灯发放登记制度", "-n", "3", "--json", *idx).output == \
        json.dumps(search.as_json(), ensure_ascii=False) + "\n"
    shown = workspace.show("矿灯安全法", "4", item="2")
    assert run("show", "矿灯安全法", "4", "-i", "2", "--json", *idx).output == \
        json.dumps(shown.as_json(), ensure_ascii=False) + "\n"
    cited = workspace.cite("《矿灯安全法》第三条、第二百条")
    assert run("cite", "《矿灯安全法》第三条、第二百条", "--json", *idx).output == \
        json.dumps(cited.as_json(), ensure_ascii=False, indent=2) + "\n"
    draft = tmp_path / "d.md"
    draft.write_text("依据《矿灯安全法》第三条。\n", encoding="utf-8")
    checked = workspace.check_file(draft)
    assert not checked.failed and checked.formats is None
    assert run("check", str(draft), "--json", *idx).output == \
        json.dumps(checked.as_json(), ensure_ascii=False, indent=2) + "\n"


def test_check_counts_and_failure(workspace, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("依据《矿灯安全法》第三条、第二百条和《矿灯安全法实施细则》第一条。\n", encoding="utf-8")
    result = workspace.check_file(draft)
    counts = result.counts()
    assert (counts.total, counts.ok, counts.errors, counts.unverified) == (3, 1, 1, 1)
    assert result.failed
    assert {f.status for f in result.findings} <= set(STATUS_LABELS)


def test_search_terms_mark_the_matching_words(workspace):
    result = workspace.search("主要负责人职责")
    text = "矿灯使用单位的主要负责人对本单位"
    pieces = result.segments(text)
    assert "".join(piece for piece, _ in pieces) == text
    assert ("主要负责人", True) in pieces
    assert marked_segments("负责人和主要负责人", {"负责人", "主要负责人"}) == [
        ("负责人", True), ("和", False), ("主要负责人", True)]


# -- errors are the project's, in Chinese -------------------------------------------------------
def test_errors_are_project_errors(workspace, tmp_path):
    with pytest.raises(IndexMissingError, match="没有找到索引"):
        Workspace(tmp_path / "none").search("矿灯")
    with pytest.raises(NotFoundError, match="未在文本中找到法规引用"):
        workspace.cite("没有任何引用")
    with pytest.raises(NotFoundError, match="索引中没有《消防法》"):
        workspace.show("消防法", "1")
    with pytest.raises(PolicydocsError, match="无法理解的条号"):
        workspace.show("矿灯安全法", "abc")
    with pytest.raises(PolicydocsError, match="无法识别的引用"):
        workspace.show("矿灯")
    with pytest.raises(PolicydocsError, match="条款类别"):
        workspace.search("矿灯", kind="rule")
    with pytest.raises(DraftError, match="未知的公文种类"):
        new("memo", tmp_path / "m.md")
    with pytest.raises(UsageError, match="未知的字体方案"):
        workspace.draft("plan", EXAMPLES / "anju_plan.md", tmp_path / "p.docx", fonts="comic")


def test_draft_and_new_without_an_index(tmp_path):
    for kind in kind_names():
        made = new(kind, tmp_path / f"{kind}.md")
        assert made.output.read_text(encoding="utf-8").startswith(f"---\nkind: {kind}\n")
    with pytest.raises(OutputError, match="--force"):
        new("plan", tmp_path / "plan.md")
    with Workspace(tmp_path / "no-index") as workspace:
        result = workspace.draft("plan", tmp_path / "plan.md", tmp_path / "plan.docx")
    assert result.output.is_file() and result.kind == "plan"
    assert result.markers_without_index == 2  # the skeleton's two [[依据]] markers
    # the skeleton's 附件 has no file yet: a warning beside the 未核实 markers
    assert all("未核实" in problem.message or "没有正文" in problem.message for problem in result.problems)
    assert json.loads(json.dumps(result.as_json()))["markers_without_index"] == 2


def test_a_broken_index_is_a_warning_of_the_draft(tmp_path):
    broken = tmp_path / "index"
    broken.mkdir()  # a directory, but no index in it
    new("plan", tmp_path / "plan.md")
    with Workspace(broken) as workspace:
        result = workspace.draft("plan", tmp_path / "plan.md", tmp_path / "plan.docx")
    assert result.output.is_file()
    assert [w for w in result.warnings if "索引" in w] == [w for w in result.warnings if "索引不可用" in w]
    assert len([w for w in result.warnings if "索引不可用" in w]) == 1
    cli = run("draft", "plan", str(tmp_path / "plan.md"), "-o", str(tmp_path / "again.docx"),
              "--index", str(broken))
    assert cli.exit_code == 0 and "索引不可用" in cli.output


# -- the layer itself --------------------------------------------------------------------------
def test_app_neither_prints_nor_uses_click():
    """The web face will call app/ too: output belongs to the faces."""
    for path in APP.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                assert not any(name.split(".")[0] == "click" for name in names), path.name
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"print", "input"}, path.name
