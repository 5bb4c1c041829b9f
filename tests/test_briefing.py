"""policydocs briefing: a theme (party, subject words, law, items file) → handout (.docx), slides
(.pptx), question bank (.xlsx), every clause from the index and verified by `check`; the
one-line errors of bad input. Over tests/fixtures/briefing: an invented 密闭场所安全生产法 (a
list article of the 主要负责人's duties, penalties with fines, shares of income, multiples,
停产停业整顿 and 吊销), its 条例, and a policy document whose table rows cite them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn as docx_qn
from openpyxl import load_workbook
from pptx import Presentation
from pptx.oxml.ns import qn as pptx_qn

from policydocs import gbt9704 as L
from policydocs.cli import main
from policydocs.draft.briefing_model import DutyText, Material, PenaltyText
from policydocs.draft.briefing_pptx import SMALL_PT, paginate, slide_deck
from policydocs.draft.quiz import BLANK, Pools, make_questions
from policydocs.draft.sanctions import sanctions, summary, yuan

LAW = "《中华人民共和国密闭场所安全生产法》"
REGULATION = "《密闭场所作业安全生产条例》"


def run(index: Path, *args: str):
    return CliRunner().invoke(main, ["briefing", *args, "--index", str(index)])


def briefing_json(index: Path, *args: str) -> dict:
    result = run(index, *args, "--json")
    assert result.exception is None, result.output
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_party_theme_writes_handout_slides_and_bank_that_pass_check(briefing_index, tmp_path):
    out, slides, bank = tmp_path / "h.docx", tmp_path / "s.pptx", tmp_path / "q.xlsx"
    data = briefing_json(briefing_index, "主要负责人安全职责", "-o", str(out), "--pptx", str(slides),
                         "--quiz", "8", "--quiz-out", str(bank), "--issuer", "示例县应急管理局",
                         "--date", "2024-05-06")
    assert data["how"] == "party" and data["party"] == "主要负责人"
    citations = [duty["citation"] for duty in data["duties"]]
    # ordered by law (法律 before 行政法规), then article; only the party's clauses
    assert citations == [f"{LAW}第二条", f"{LAW}第三条", f"{LAW}第七条第二款", f"{REGULATION}第二条"]
    third = data["duties"][1]
    assert third["penalties"][0]["citation"] == f"{LAW}第八条"
    assert third["penalties"][0]["summary"] == ("罚款：处二万元以上五万元以下的罚款；处上一年年收入百分之四十的罚款。"
                                                "措施：责令生产经营单位停产停业整顿")
    assert data["violations"] == [{"description": "主要负责人未建立密闭场所作业审批制度",
                                   "source": "《示例县密闭场所作业专项执法检查方案》（示安〔2024〕9号）",
                                   "duty": f"{LAW}第三条"}]
    assert len(data["questions"]) == 8 and {q["kind"] for q in data["questions"]} == {"单选", "多选", "判断", "填空"}
    # every citation of the handout verified: no error, nothing unverified, no format problem
    checked = CliRunner().invoke(main, ["check", str(out), "--index", str(briefing_index), "--json"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    assert report["citations"] and all(c["status"] == "ok" for c in report["citations"])
    assert all(rule["ok"] for rule in report["format"])
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    for heading in ("一、法律依据", "二、主要职责和义务", "三、法律责任", "四、典型违法情形", "五、测试题",
                    "六、答案与依据"):
        assert heading in text
    assert "（2024年1月1日版，现行有效）" in text and "示例县应急管理局" in text and "2024年5月6日" in text
    sheet = load_workbook(bank).active
    assert [c.value for c in sheet[1]][:9] == ["序号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案",
                                                "依据"]
    assert sheet.max_row == 9 and sheet.freeze_panes == "A2"
    deck = Presentation(str(slides))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 16:9
    assert len(deck.slides) >= 2 + len(citations)


def test_subject_theme_through_search(briefing_index, tmp_path):
    data = briefing_json(briefing_index, "进入密闭场所前先通风再检测", "--plan-out", str(tmp_path / "p.yaml"))
    assert data["how"] == "subject"
    assert f"{LAW}第六条" in [d["citation"] for d in data["duties"]]
    sixth = next(d for d in data["duties"] if d["citation"] == f"{LAW}第六条")
    assert sixth["confidence"] in ("high", "check")
    assert sixth["penalties"][0]["citation"] == f"{LAW}第十一条"


def test_law_theme_and_law_option(briefing_index, tmp_path):
    data = briefing_json(briefing_index, "密闭场所作业安全生产条例", "--plan-out", str(tmp_path / "p.yaml"))
    assert data["how"] == "law"
    assert [d["citation"] for d in data["duties"]] == [f"{REGULATION}第二条", f"{REGULATION}第三条"]
    assert data["duties"][1]["penalties"][0]["summary"] == "罚款：可以处二万元以下的罚款"
    limited = briefing_json(briefing_index, "应急救援演练", "--law", "密闭场所作业安全生产条例",
                            "--plan-out", str(tmp_path / "q.yaml"))
    assert {d["law"] for d in limited["duties"]} == {"密闭场所作业安全生产条例"}


def test_plan_out_and_items_round_trip_with_unverified_entry(briefing_index, tmp_path):
    plan = tmp_path / "plan.yaml"
    first = briefing_json(briefing_index, "主要负责人", "--plan-out", str(plan))
    text = plan.read_text(encoding="utf-8")
    assert f"- {LAW}第三条" in text
    plan.write_text(text + f"- clause: {LAW}第九十九条\n  note: 请核对\n- clause: {LAW}第四条\n  note: 管理人员巡查\n",
                    encoding="utf-8")
    out = tmp_path / "h.docx"
    again = briefing_json(briefing_index, "--items", str(plan), "-o", str(out))
    assert again["how"] == "items"
    assert [d["citation"] for d in again["duties"]] == [d["citation"] for d in first["duties"]] + [f"{LAW}第四条"]
    assert again["duties"][-1]["note"] == "管理人员巡查"
    assert len(again["unverified"]) == 1 and again["unverified"][0].startswith(f"{LAW}第九十九条〔未核实〕")
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any(p.startswith(f"{LAW}第九十九条〔未核实〕") for p in paragraphs)
    assert "说明：管理人员巡查" in paragraphs


def test_same_seed_same_questions(briefing_index, tmp_path):
    args = ["主要负责人", "--quiz", "6", "--plan-out"]
    one = briefing_json(briefing_index, *args, str(tmp_path / "a.yaml"), "--seed", "7")["questions"]
    two = briefing_json(briefing_index, *args, str(tmp_path / "b.yaml"), "--seed", "7")["questions"]
    assert one == two and len(one) == 6


def _duties() -> list[DutyText]:
    penalty = PenaltyText(f"{LAW}第八条",
                          "生产经营单位的主要负责人未履行职责的，责令限期改正，处二万元以上五万元以下的罚款。",
                          "explicit", "L")
    items = ["（一）甲制度；", "（二）乙预案；", "（三）丙投入；"]
    listed = DutyText(f"{LAW}第三条", "L", 3, "主要负责人负有下列职责：\n" + "\n".join(items),
                      "主要负责人", items=items, penalties=[penalty])
    timed = DutyText(f"{LAW}第七条第二款", "L", 7, "单位负责人接到事故报告后，应当在一小时内报告当地应急管理部门。",
                     "主要负责人")
    return [listed, timed]


def test_questions_come_from_clause_text():
    duties = _duties()
    pools = Pools({"L": [f"{LAW}第八条", f"{LAW}第九条", f"{LAW}第十条"]}, {"L": ["丁检查"]})
    questions = make_questions(duties, pools, 20, seed=3)
    texts = {d.citation: d.text for d in duties} | {p.citation: p.text for d in duties for p in d.penalties}
    kinds = {q.kind for q in questions}
    assert kinds == {"单选", "多选", "判断", "填空"}
    for question in questions:
        assert question.clause_text == texts[question.citation]
        if question.kind == "填空":
            assert BLANK in question.stem and question.stem.replace(BLANK, question.answer, 1) in question.clause_text
        elif question.kind == "判断":
            assert (question.stem in question.clause_text) == (question.answer == "正确")
        elif question.kind == "单选":
            assert question.options[ord(question.answer) - ord("A")] == f"{LAW}第八条"
            assert set(question.options) <= set(pools.penalties["L"])
        else:
            chosen = {question.options[ord(letter) - ord("A")] for letter in question.answer}
            assert chosen <= {"甲制度", "乙预案", "丙投入"} and "丁检查" in question.options
            assert "丁检查" not in chosen


def test_sanctions_are_verbatim_pieces():
    text = ("单位负责人迟报事故的，处上一年年收入百分之四十至百分之八十的罚款；有违法所得的，没收违法所得，"
            "并处违法所得一倍以上三倍以下的罚款；情节严重的，责令停产停业整顿，吊销其安全生产许可证。")
    found = sanctions(text)
    assert [s.text for s in found] == ["处上一年年收入百分之四十至百分之八十的罚款", "没收违法所得",
                                        "并处违法所得一倍以上三倍以下的罚款", "责令停产停业整顿",
                                        "吊销其安全生产许可证"]
    assert all(s.text in text for s in found)
    assert summary("责令限期改正。") == ""
    assert yuan("处二万元以上五万元以下的罚款") == [20000, 50000] and yuan("处5000元以下的罚款") == [5000]


def test_slides_fonts_sizes_notes_and_continuation(tmp_path):
    sentence = "生产经营单位应当建立健全密闭场所作业审批制度并如实记录作业情况"
    long_text = "。".join(f"第{n}句{sentence}" for n in range(1, 30)) + "。"
    duty = DutyText(f"{LAW}第六条", "L", 6, long_text, "生产经营单位")
    material = Material("测试", "测试宣讲提纲", duties=[duty, *_duties()])
    deck = slide_deck(material, L.PROFILES["generic"])
    path = tmp_path / "s.pptx"
    deck.save(str(path))
    deck = Presentation(str(path))
    headings = [slide.shapes[0].text_frame.text for slide in list(deck.slides)[1:]]
    continued = [h for h in headings if h.endswith("（续）")]
    assert len(continued) >= 2  # the long clause goes on over several slides
    for slide in deck.slides:
        for shape in slide.shapes:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert run.font.size is None or run.font.size.pt >= SMALL_PT
                    ea = run._r.find(pptx_qn("a:rPr")).find(pptx_qn("a:ea"))
                    assert ea is not None and ea.get("typeface") in ("黑体", "仿宋")
    body = "".join(s.shapes[1].text_frame.text for s in deck.slides if s.shapes[0].text_frame.text.startswith(
        duty.heading))
    assert body.count("第1句") == 1 and "第29句" in body  # every sentence once, none lost
    notes = list(deck.slides)[1].notes_slide.notes_text_frame.text
    assert long_text in notes and duty.citation in notes
    closing = list(deck.slides)[-1]
    assert closing.shapes[0].text_frame.text == "本次宣讲引用的条款"
    assert f"{LAW}第八条" in closing.shapes[1].text_frame.text


def test_paginate_keeps_short_blocks_together():
    from policydocs.draft.briefing_pptx import Block

    pages = paginate([Block("甲" * 10), Block("乙" * 10)], 400)
    assert len(pages) == 1 and len(pages[0]) == 2


def test_only_headings_and_choice_stems_keep_with_next(briefing_index, tmp_path):
    from policydocs.check.docx_view import StyleChain, paragraph_view

    out = tmp_path / "h.docx"
    result = run(briefing_index, "主要负责人", "-o", str(out), "--quiz", "12")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    chain = StyleChain(document)
    kept, headings = [], []
    for index, paragraph in enumerate(document.paragraphs):
        view = paragraph_view(chain, index, paragraph._p)
        keep = chain.find(view.style, "w:pPr", "w:keepNext", paragraph._p.pPr)
        if keep is not None and keep.get(docx_qn("w:val")) not in ("0", "false") and paragraph.text.strip():
            kept.append(paragraph.text)
        if view.outline is not None:
            headings.append(paragraph.text)
    assert "一、法律依据" in headings and "（一）单选题" in headings
    assert not any(re.match(r"^\d+\. ", text) for text in headings)  # questions are body text
    stems = [text for text in kept if re.match(r"^\d+\. ", text)]
    assert stems and all("（\u00a0\u00a0）" in text and "______" not in text for text in stems)
    assert set(kept) - set(stems) <= set(headings) | {document.paragraphs[0].text}


def test_reads_as_heading():
    assert L.reads_as_heading("一、法律依据") and L.reads_as_heading("1. 甲乙丙的职责包括（ ）")
    assert not L.reads_as_heading("1. 答案：A。依据：第八条") and not L.reads_as_heading("正文一段。")
    assert not L.reads_as_heading("（一）" + "长" * 60)


@pytest.mark.parametrize(("args", "code", "words"), [
    (["无关的天文观测活动安排"], 1, "未找到与“无关的天文观测活动安排”相关的义务条款"),
    (["主要负责人", "--party", "外星人"], 2, "未知的主体“外星人”"),
    (["主要负责人"], 2, "请至少指定一个输出"),
    (["主要负责人", "--quiz-out", "q.xlsx"], 2, "--quiz-out 需要同时给出题目数量"),
    (["主要负责人", "-o", "h.pdf"], 2, "-o 的文件应为 .docx"),
    (["主要负责人", "--law", "不存在法", "-o", "h.docx"], 2, "索引中没有法规“不存在法”"),
    (["--items", "missing.yaml", "-o", "h.docx"], 2, "找不到文件"),
])
def test_bad_input_gets_one_line(briefing_index, tmp_path, monkeypatch, args, code, words):
    monkeypatch.chdir(tmp_path)
    if "--plan-out" not in args and code == 1:
        args = [*args, "--plan-out", "p.yaml"]
    result = run(briefing_index, *args)
    assert result.exit_code == code, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0]


def test_existing_output_needs_force(briefing_index, tmp_path):
    out = tmp_path / "h.docx"
    out.write_bytes(b"old")
    result = run(briefing_index, "主要负责人", "-o", str(out))
    assert result.exit_code == 5 and "输出文件已存在" in result.output and "--force" in result.output
    assert out.read_bytes() == b"old"
    forced = run(briefing_index, "主要负责人", "-o", str(out), "--force")
    assert forced.exit_code == 0, forced.output and out.read_bytes() != b"old"


def test_bad_items_file(briefing_index, tmp_path):
    items = tmp_path / "items.yaml"
    items.write_text("items: [1, 2]\n", encoding="utf-8")
    result = run(briefing_index, "--items", str(items), "-o", str(tmp_path / "h.docx"))
    assert result.exit_code == 3 and "第1项应为引用" in result.output


def test_relative_citation_inside_a_quote_is_not_compared_with_it(briefing_index):
    text = (f"{LAW}第十二条规定：单位负责人违反本法第七条第二款规定，迟报或者漏报事故的，处上一年年收入百分之四十至"
            "百分之八十的罚款；有违法所得的，没收违法所得，并处违法所得一倍以上三倍以下的罚款。")
    result = CliRunner().invoke(main, ["cite", text, "--index", str(briefing_index), "--json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    assert [f["status"] for f in findings["citations"]] == ["ok", "ok"]
    assert findings["citations"][1]["citation"] == f"{LAW}第七条第二款"


def test_r3_takes_the_styled_headings_not_numbered_questions(briefing_index, tmp_path):
    from policydocs.check.format_rules import parse
    from policydocs.check.layout import LEFT, RIGHT, Line, Page, check_pages

    out = tmp_path / "h.docx"
    result = run(briefing_index, "主要负责人", "-o", str(out), "--quiz", "12", "--seed", "1")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    stem = next(t for t in texts if re.match(r"^\d+\. ", t) and L.reads_as_heading(t) and "部门。" in t)
    assert any(t.endswith("部门。") and not L.reads_as_heading(t) for t in texts)  # a body paragraph too
    doc = parse(document)

    def pages_ending_with(last: str) -> list[Page]:
        return [Page(1, [Line("正文", LEFT, RIGHT, 100, 120), Line(last, LEFT, LEFT + 60, 700, 720)]),
                Page(2, [Line("正文", LEFT, RIGHT, 100, 120)])]

    def r3(pages: list[Page]) -> bool:
        return next(r for r in check_pages(doc, pages) if r.rule == "R3").ok

    assert stem.endswith("部门。") and r3(pages_ending_with("部门。"))
    assert not r3(pages_ending_with("（一）单选题"))


def test_r3_reads_headings_from_the_text_of_a_document_without_heading_styles(tmp_path):
    from policydocs.check.format_rules import parse
    from policydocs.check.layout import LEFT, RIGHT, Line, Page, check_pages

    document = docx.Document()
    for text in ("关于加强密闭场所作业安全的通知", "一、总体要求", "各单位要落实主体责任，加强现场管理。"):
        document.add_paragraph(text)
    pages = [Page(1, [Line("各单位要落实主体责任", LEFT, RIGHT, 100, 120), Line("一、总体要求", LEFT, 200, 700, 720)]),
             Page(2, [Line("各单位要落实主体责任，加强现场管理。", LEFT, RIGHT, 100, 120)])]
    result = next(r for r in check_pages(parse(document), pages) if r.rule == "R3")
    assert not result.ok and "一、总体要求" in result.message


def test_subject_named_by_a_law_title_takes_that_laws_clauses_on_it(briefing_index, tmp_path):
    data = briefing_json(briefing_index, "密闭场所", "--plan-out", str(tmp_path / "p.yaml"))
    assert data["how"] == "subject"
    citations = {d["citation"]: d["confidence"] for d in data["duties"]}
    # the 总则 clauses that name 密闭 and 场所, sure because the law is about them
    for article in ("第三条", "第四条", "第五条", "第六条", "第七条第一款"):
        assert citations[f"{LAW}{article}"] == "high"
    assert f"{LAW}第七条第二款" not in citations  # says neither word


@pytest.mark.parametrize(("text", "heading"), [
    ("单位负责人接到事故报告后，应当迅速采取有效措施，组织抢救。", "单位负责人接到事故报告后，应当迅速采取有效措施"),
    ("事故发生后，事故现场有关人员应当立即报告本单位负责人。", "事故现场有关人员应当立即报告本单位负责人"),
    ("生产经营单位的主要负责人对本单位密闭场所作业安全工作负有下列职责：\n（一）甲；", "主要负责人的职责（第三条）"),
    ("为了防止密闭场所作业事故，保障从业人员生命安全，制定本法。", "密闭场所安全生产法第三条"),
])
def test_slide_heading_from_the_clause_words(text, heading):
    assert DutyText(f"{LAW}第三条", "中华人民共和国密闭场所安全生产法", 3, text, "主要负责人").heading == heading


def test_law_theme_with_a_party_takes_that_laws_party_clauses(briefing_index, tmp_path):
    data = briefing_json(briefing_index, "密闭场所安全生产法", "--party", "安全生产管理人员",
                         "--plan-out", str(tmp_path / "p.yaml"))
    assert data["how"] == "party"
    assert [d["citation"] for d in data["duties"]] == [f"{LAW}第四条"]
    assert data["duties"][0]["penalties"][0]["citation"] == f"{LAW}第九条"


@pytest.mark.parametrize(("date_option", "file_date", "code", "words"), [
    ("2024-13-45", None, 2, "--date 的日期无法识别"),
    (None, "2024-13-45", 3, "无效日期"),
    (None, "'下个月'", 3, "日期无法识别"),
])
def test_bad_dates_get_one_line(briefing_index, tmp_path, date_option, file_date, code, words):
    items = tmp_path / "items.yaml"
    items.write_text(f"date: {file_date}\nitems:\n  - {LAW}第三条\n" if file_date else f"items:\n  - {LAW}第三条\n",
                     encoding="utf-8")
    args = ["--items", str(items), "-o", str(tmp_path / "h.docx")] + (["--date", date_option] if date_option else [])
    result = run(briefing_index, *args)
    assert result.exit_code == code, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0]
    assert not (tmp_path / "h.docx").exists()
