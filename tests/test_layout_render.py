"""The layout pass (check --render): its rules on pages made by hand (fast), and on real
LibreOffice renders of every example and of a stress notice — long 抄送, a long title with a
quoted name, many headings, a signature after a full page — which must show no fault (slow,
skipped without soffice)."""

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from policydocs.app import checking
from policydocs.check import layout
from policydocs.check.format_rules import parse
from policydocs.check.layout import GRID_CHAR, LEFT, RIGHT, Line, Page, check_pages
from policydocs.cli import main

ROOT = Path(__file__).parents[1]
STRESS = ROOT / "tests" / "fixtures" / "draft" / "stress_notice.md"
CASES = [("notice", ROOT / "examples" / "suzhou_notice.md"), ("notice", ROOT / "examples" / "anju_notice.md"),
         ("notice", ROOT / "examples" / "anju_issued.md"), ("plan", ROOT / "examples" / "anju_plan.md"),
         ("plan", ROOT / "examples" / "suzhou_attachment1.md"),
         ("interview", ROOT / "examples" / "interview.md"), ("notice", STRESS)]


def draft(kind: str, source: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["draft", kind, str(source), "-o", str(out),
                                       "--index", str(out.parent / "none")])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def stress(tmp_path_factory) -> Path:
    return draft("notice", STRESS, tmp_path_factory.mktemp("lay") / "stress.docx")


@pytest.fixture(scope="module")
def skeleton_plan(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("skeleton")
    assert CliRunner().invoke(main, ["new", "plan", "-o", str(folder / "plan.md")]).exit_code == 0
    return draft("plan", folder / "plan.md", folder / "plan.docx")


def body_line(text: str, y: float, indent: int = 0) -> Line:
    return Line(text, LEFT + indent * GRID_CHAR, RIGHT, y, y + 20.8)


def faults(path: Path, pages: list[Page]) -> dict[str, str]:
    doc = parse(docx.Document(str(path)))
    return {r.rule: r.message for r in check_pages(doc, pages) if not r.ok}


def test_signature_page_without_body_text(stress):
    pages = [Page(1, [body_line("为深入贯彻落实安全生产工作部署，现就做好有关工作通知", 100, 2)]),
             Page(2, [Line("遂宁市安居区人民政府安全生产委员会", 200, 480, 100, 120),
                      Line("2023年3月21日", 230, 330, 130, 150)])]
    assert "第2页" in faults(stress, pages)["R1"]


def test_page_with_only_the_annotation(stress):
    pages = [Page(1, [body_line("为深入贯彻落实安全生产工作部署，现就做好有关工作通知", 100, 2)]),
             Page(2, [Line("（此件公开发布）", 111, 240, 100, 120)])]
    assert "第2页只有附注" in faults(stress, pages)["R2"]


def test_heading_alone_at_the_foot_of_a_page(stress):
    pages = [Page(1, [body_line("各地各部门要结合实际，认真组织开展有限空间作业安全专项", 100, 2),
                      Line("（三）第3项重点措施", 111, 300, 700, 720)]),
             Page(2, [body_line("各地各部门要结合实际，认真组织开展有限空间作业安全专项", 100, 2)])]
    assert "（三）第3项重点措施" in faults(stress, pages)["R3"]


def test_record_split_over_two_pages(stress):
    pages = [Page(5, [Line("抄送：市公安局，市财政局，市人力资源和社会保障局，", 80, 520, 600, 618)]),
             Page(6, [Line("遂宁市安居区人民政府安全生产委员会办公室2023年3月21日印发", 80, 520, 700, 718)])]
    assert "第5、6页" in faults(stress, pages)["R4"]


PRINTED = "遂宁市安居区人民政府安全生产委员会办公室2023年3月21日印发"


def record_page(number: int, bottom: float) -> Page:
    return Page(number, [Line("抄送：市公安局，市财政局，市人力资源和社会保障局，", 80, 520, bottom - 60, bottom - 42),
                         Line(PRINTED, 80, 520, bottom - 18, bottom)])


def test_record_at_the_foot_of_the_last_even_page(stress):
    body = Page(1, [body_line("为深入贯彻落实安全生产工作部署，现就做好有关工作通知", 100, 2)])
    assert "R7" not in faults(stress, [body, record_page(2, layout.BOTTOM - 5)])


def test_record_on_an_odd_page(stress):
    """Printed double-sided, a 版记 on page 3 faces the reader: the back must carry it."""
    pages = [Page(n, [body_line("为深入贯彻落实安全生产工作部署，现就做好有关工作通知", 100, 2)])
             for n in (1, 2)] + [record_page(3, layout.BOTTOM - 5)]
    assert "第3页（单页）" in faults(stress, pages)["R7"]


def test_record_floating_above_the_foot(stress):
    body = Page(1, [body_line("为深入贯彻落实安全生产工作部署，现就做好有关工作通知", 100, 2)])
    message = faults(stress, [body, record_page(2, layout.BOTTOM - 35)])["R7"]
    assert "1.2 行" in message and "最下端" in message


def test_pages_after_the_record(stress):
    pages = [Page(1, [body_line("为深入贯彻落实安全生产工作部署，现就做好有关工作通知", 100, 2)]),
             record_page(2, layout.BOTTOM - 5),
             Page(3, [body_line("各地各部门要结合实际，认真组织开展有限空间作业安全专项", 100, 2)])]
    assert "之后还有第3页" in faults(stress, pages)["R7"]


def test_stretched_line_and_27_characters(stress):
    lead = ("各地各部门要结合实际，认真组织开展有限空间作业安全专项整治，"
            "督促企业落实安全生产主体责任，确保各项措施落实到位。")
    stretched = [Page(1, [body_line(lead[:18], 100)])]
    assert "只有 18 字" in faults(stress, stretched)["R5"]
    short = [Page(1, [body_line(lead[i:i + 27], 100 + i) for i in (5, 3)])]
    assert "0/2 行是 28 字" in faults(stress, short)["R5"]
    full = [Page(1, [body_line(lead[2:30], 100)])]
    assert "R5" not in faults(stress, full)


def test_a_line_one_short_by_the_line_breaking_rules_is_full(stress):
    """27 characters where the 28th was pulled down by a comma that may not start a line
    (“专项整 / 治，督促”), or an opening mark that may not end one: a full line."""
    lead = ("各地各部门要结合实际，认真组织开展有限空间作业安全专项整治，"
            "督促企业落实安全生产主体责任，确保各项措施落实到位。")
    pulled = [Page(1, [body_line(lead[1:28], 100), body_line(lead[28:], 130)])]
    assert "R5" not in faults(stress, pulled)
    opening = [Page(1, [body_line(lead[5:32], 100), body_line("（" + lead[32:50], 130)])]
    assert "R5" not in faults(stress, opening)
    plain = [Page(1, [body_line(lead[5:32], 100), body_line(lead[32:], 130)])]
    assert "0/1 行是 28 字" in faults(stress, plain)["R5"]


def test_lines_with_proportional_characters_are_not_counted(skeleton_plan):
    """× and Latin letters have no fixed width: such a line says nothing about the grid."""
    pages = [Page(1, [body_line("各单位联系人：×××，联系电话：××××××××；请于×月×日", 100, 2)])]
    assert "R5" not in faults(skeleton_plan, pages)
    cjk = [Page(1, [body_line("为深入贯彻落实安全生产工作部署，压紧压实安全生产责", 100, 2)])]
    assert "0/1 行是 28 字" in faults(skeleton_plan, cjk)["R5"]  # the same count on a CJK line


def test_date_one_character_right_of_the_signature(stress):
    sig = "遂宁市安居区人民政府安全生产委员会"
    start = RIGHT - 2 * GRID_CHAR - len(sig) * GRID_CHAR
    for offset, bad in ((1, True), (2, False)):
        date_x = start + offset * GRID_CHAR
        pages = [Page(1, [Line(sig, start, RIGHT - 2 * GRID_CHAR, 100, 120),
                          Line("2023年3月21日", date_x, date_x + 100, 130, 150)])]
        assert ("R6" in faults(stress, pages)) is bad




@pytest.mark.parametrize("kind,source", CASES, ids=[source.stem for _, source in CASES])
@pytest.mark.slow
@pytest.mark.skipif(not layout.available(), reason="LibreOffice not installed")
def test_rendered_examples_have_no_page_faults(tmp_path, kind, source):
    out = draft(kind, source, tmp_path / f"{source.stem}.docx")
    results = layout.check_layout(out)
    assert {r.rule for r in results} == {f"R{n}" for n in range(1, 8)}
    assert [r.message for r in results if not r.ok] == []


@pytest.mark.slow
@pytest.mark.skipif(not layout.available(), reason="LibreOffice not installed")
def test_check_render_adds_the_layout_pass(stress):
    """What `check --render` adds to the file rules: R1–R7, all passing on the stress notice."""
    results = checking.format_results(stress, render=True)
    assert results is not None
    rendered = {r.rule: r for r in results if r.rule.startswith("R")}
    assert set(rendered) == {f"R{n}" for n in range(1, 8)}
    assert all(r.ok for r in rendered.values()), [r.message for r in rendered.values() if not r.ok]


def test_first_page_without_body_text(stress):
    """A kept last paragraph moved whole to page 2 left page 1 with only the 版头 and title."""
    pages = [Page(1, [Line("遂宁市安居区人民政府安全生产委员会文件", 88, 512, 200, 250),
                      Line("各乡镇人民政府，区安委会各成员单位：", 79, 400, 550, 570)]),
             Page(2, [body_line("为深入贯彻落实安全生产工作部署，现就做好有关工作通知", 100, 2)])]
    assert "首页没有正文" in faults(stress, pages)["R1"]


def test_numbered_list_items_at_a_page_foot_are_not_orphaned_headings(tmp_path):
    """The 整改要求 of a 约谈记录 are one numbered line after another: a list, not headings."""
    interview = draft("interview", ROOT / "examples" / "interview.md", tmp_path / "interview.docx")
    item = "（二）建立健全安全生产教育和培训档案，如实记录培训情况（整改时限：2022年8月31日前）"
    after = [body_line("企业主要负责人表示，将深刻吸取事故教训，按照约谈要求逐项落实整改", 100, 2)]
    pages = [Page(1, [body_line("各地各部门要结合实际，认真组织开展有限空间作业安全专项", 100, 2),
                      Line(item[-20:], 79, 400, 700, 720)]), Page(2, after)]
    assert "R3" not in faults(interview, pages)
    pages[0].lines[-1] = Line("四、整改要求及时限", 111, 300, 700, 720)
    assert "四、整改要求及时限" in faults(interview, pages)["R3"]


def test_first_page_whose_title_line_reads_like_the_body(tmp_path):
    """The issued plan's name is in the title and in the body (现将《…》印发你们): a title line
    on page 1 is not body text."""
    issued = draft("notice", ROOT / "examples" / "anju_issued.md", tmp_path / "issued.docx")
    pages = [Page(1, [Line("遂宁市安居区人民政府安全生产委员会办公室", 88, 512, 200, 250),
                      Line("关于印发", 250, 340, 400, 430),
                      Line("《遂宁市安居区安全生产“强安2023”", 120, 480, 440, 470),
                      Line("监管执法专项行动实施方案》的通知", 130, 470, 480, 510),
                      Line("安居经开区管委会，区安委会有关成员单位：", 79, 420, 550, 570)]),
             Page(2, [body_line("按照《四川省安全生产委员会关于开展安全生产“强安2023”", 100, 2)])]
    assert "首页没有正文" in faults(issued, pages)["R1"]


def test_a_quoted_law_item_does_not_hide_the_heading_after_it(tmp_path):
    """In a 约谈记录 the basis lines quote a law's item “（七）…上岗作业的。” right before the
    next problem “（二）…”: the item is not a heading, so the problem still is one."""
    document = docx.Document()
    for text in ("三、指出的问题", "（一）特种作业人员未经培训上岗作业",
                 "处罚依据：《某某法》第九十七条第七项：生产经营单位有下列行为之一的，责令限期改正：",
                 "（七）特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的。",
                 "（二）未如实记录安全生产教育和培训情况",
                 "执法依据：《某某法》第二十八条第四款：生产经营单位应当建立安全生产教育和培训档案。"):
        document.add_paragraph(text)
    path = tmp_path / "record.docx"
    document.save(str(path))
    foot = Page(1, [body_line("执法依据：《某某法》第二十八条第四款：生产经营单位应当建立安全生产", 100),
                    Line("（二）未如实记录安全生产教育和培训情况", 111, 400, 700, 720)])
    assert "（二）未如实记录" in faults(path, [foot, Page(2, [body_line("执法依据：《某某法》第二十八条", 100)])])["R3"]


@pytest.mark.slow
@pytest.mark.skipif(not layout.available(), reason="LibreOffice not installed")
def test_rendered_record_on_an_odd_page_or_floating(tmp_path):
    """Broken copies of a real draft, rendered: the 版记 section made to start on the next page
    (not an even one) lands on page 7 of the 印发 notice; without its space above and its
    bottom alignment it floats at the top of its page."""
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn

    source = draft("notice", ROOT / "examples" / "anju_issued.md", tmp_path / "issued.docx")
    document = docx.Document(str(source))
    document.sections[-1].start_type = WD_SECTION.NEW_PAGE
    document.save(str(tmp_path / "odd.docx"))
    odd = {r.rule: r for r in layout.check_layout(tmp_path / "odd.docx")}
    assert not odd["R7"].ok and "第7页（单页）" in odd["R7"].message, odd["R7"].message

    document = docx.Document(str(source))
    section = document.sections[-1]._sectPr
    section.remove(section.find(qn("w:vAlign")))
    for paragraph in document.paragraphs:
        spacing = paragraph._p.pPr.find(qn("w:spacing")) if paragraph._p.pPr is not None else None
        if spacing is not None and int(spacing.get(qn("w:before"), "0")) > 1000:
            spacing.set(qn("w:before"), "0")
    document.save(str(tmp_path / "floating.docx"))
    floating = {r.rule: r for r in layout.check_layout(tmp_path / "floating.docx")}
    assert not floating["R7"].ok and "最下端" in floating["R7"].message, floating["R7"].message


def test_a_title_only_attachment_page_is_not_a_page_of_the_attachment_note(skeleton_plan):
    """The skeleton plan's 附件 without a file: its page holds “附件” and the title — words of
    the 附件说明 “附件：重点检查企业名录库” too, but not the 附件说明."""
    plan = skeleton_plan
    pages = [Page(1, [body_line("各部门要提高政治站位，确保专项行动取得实效。", 100, 2),
                      Line("附件：重点检查企业名录库", 111, 400, 600, 620)]),
             Page(2, [Line("附件", 79, 111, 100, 120), Line("重点检查企业名录库", 200, 420, 160, 190)])]
    found = faults(plan, pages)
    assert "R1" not in found and "R2" not in found, found
    alone = [pages[0], Page(2, [Line("附件：重点检查企业名录库", 111, 400, 100, 120)]), pages[1]]
    assert "第2页只有附件说明" in faults(plan, alone)["R2"]


@pytest.mark.slow
@pytest.mark.skipif(not layout.available(), reason="LibreOffice not installed")
@pytest.mark.parametrize("kind", ["notice", "plan", "interview"])
def test_rendered_skeletons_have_no_page_faults(tmp_path, kind):
    """What `policydocs new` writes, drafted as it is (the notice attaches the skeleton plan)."""
    runner = CliRunner()
    for name in {kind, "plan"}:
        assert runner.invoke(main, ["new", name, "-o", str(tmp_path / f"{name}.md")]).exit_code == 0
    out = draft(kind, tmp_path / f"{kind}.md", tmp_path / f"{kind}.docx")
    assert [r.message for r in layout.check_layout(out) if not r.ok] == []
