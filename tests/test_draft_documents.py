"""Generated documents: every kind passes every GB/T 9704 rule of the format check, and
the content (citations, highlights, literal text, attachments) is what the source says."""

import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from policydocs.app import workspace as app_workspace
from policydocs.check import docx_view
from policydocs.check.format_rules import check_format
from policydocs.cli import main
from policydocs.draft import styles

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "draft"))
from fake_service import DUTY, PENALTY, FakeCitationService

EXAMPLES = Path(__file__).parents[1] / "examples"
CASES = [("notice", "suzhou_notice.md"), ("notice", "anju_notice.md"), ("notice", "anju_issued.md"),
         ("plan", "anju_plan.md"),
         ("plan", "suzhou_attachment1.md"), ("interview", "interview.md")]


@pytest.fixture
def fake(monkeypatch) -> FakeCitationService:
    service = FakeCitationService()
    monkeypatch.setattr(app_workspace, "citation_service", lambda workspace: service)
    return service


def draft(kind: str, source: Path, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(main, ["draft", kind, str(source), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def failures(path: Path) -> list[str]:
    """Format faults other than M10: the fake service leaves 〔未核实〕 marks on purpose, and
    M10 is right to report them (see test_unverified_marks_are_reported)."""
    return [f"{r.rule} {r.message}" for r in check_format(path) if not r.ok and r.rule != "M10"]


@pytest.mark.parametrize("kind,name", CASES)
@pytest.mark.parametrize("fonts", ["gb2312", "generic"])
def test_examples_pass_every_format_rule(tmp_path, fake, kind, name, fonts):
    out = draft(kind, EXAMPLES / name, tmp_path / "out.docx", "--fonts", fonts)
    assert failures(out) == []
    rules = {r.rule for r in check_format(out)}
    assert {"P1", "H4", "B4", "V1", "N1", "M9"} <= rules


@pytest.mark.parametrize("kind", ["notice", "plan", "interview"])
def test_skeletons_draft_and_pass(tmp_path, fake, kind):
    runner = CliRunner()
    source = tmp_path / f"{kind}.md"
    assert runner.invoke(main, ["new", kind, "-o", str(source)]).exit_code == 0
    if kind == "notice":  # the skeleton points at plan.md for its attachment
        assert runner.invoke(main, ["new", "plan", "-o", str(tmp_path / "plan.md")]).exit_code == 0
    out = draft(kind, source, tmp_path / "out.docx")
    assert failures(out) == []


def test_notice_fonts_are_explicit_east_asian(tmp_path, fake):
    out = draft("notice", EXAMPLES / "suzhou_notice.md", tmp_path / "n.docx", "--fonts", "generic")
    document = docx.Document(out)
    fonts = {run.east_asia for para in docx_view.paragraphs(document) for run in para.visible_runs()}
    assert fonts <= {"仿宋", "黑体", "楷体", "方正小标宋简体"} and "仿宋" in fonts
    xml = document.styles.element.xml
    assert "eastAsiaTheme" not in xml and "asciiTheme" not in xml


def test_styles_carry_the_formatting(tmp_path, fake):
    """Runs carry only what differs from their style, so changing the 正文 style in Word/WPS
    changes every body paragraph; headings have outline levels 1–4 (navigation pane, 目录)."""
    out = draft("notice", EXAMPLES / "suzhou_notice.md", tmp_path / "n.docx")
    document = docx.Document(out)
    body_style = styles.style_id(styles.ROLES["body"].style)
    plain = [p for p in document.paragraphs if p.style.style_id == body_style and p.text.strip()]
    assert len(plain) > 10
    for paragraph in plain:
        ppr = paragraph._p.pPr
        assert ppr.find(qn("w:spacing")) is None and ppr.find(qn("w:jc")) is None
        for run in paragraph.runs:
            rpr = run._r.rPr
            assert rpr is None or rpr.find(qn("w:highlight")) is not None, paragraph.text
    style = document.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{body_style}']")
    style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").set(qn("w:eastAsia"), "楷体")
    views = docx_view.paragraphs(document)
    assert {r.east_asia for v in views if v.style == body_style for r in v.visible_runs()} == {"楷体"}
    levels = {}
    for level in range(1, 5):
        sid = styles.style_id(styles.ROLES[f"h{level}"].style)
        el = document.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{sid}']")
        levels[level] = el.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}").get(qn("w:val"))
        assert el.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    assert levels == {1: "0", 2: "1", 3: "2", 4: "3"}


def test_markers_become_citations_and_unverified_is_highlighted(tmp_path, fake):
    out = draft("notice", EXAMPLES / "suzhou_notice.md", tmp_path / "n.docx")
    document = docx.Document(out)
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"（{DUTY.citation}；处罚依据：{PENALTY.citation}）" in text
    assert "[[" not in text
    highlighted = [r.text for p in document.paragraphs for r in p.runs
                   if r._r.rPr is not None and r._r.rPr.find(qn("w:highlight")) is not None]
    assert highlighted and all(t.startswith("〔未核实：") for t in highlighted)


def test_basis_appendix_holds_the_service_text_verbatim(tmp_path, fake):
    out = draft("plan", EXAMPLES / "anju_plan.md", tmp_path / "p.docx")
    texts = [p.text for p in docx.Document(out).paragraphs]
    start = texts.index("法律依据")
    assert DUTY.citation in texts[start:] and DUTY.text in texts[start:]
    assert PENALTY.text in texts[start:]


def test_interview_problems_get_duty_and_penalty_basis(tmp_path, fake):
    out = draft("interview", EXAMPLES / "interview.md", tmp_path / "i.docx")
    texts = [p.text for p in docx.Document(out).paragraphs]
    assert f"执法依据：{DUTY.citation}：{DUTY.text}" in texts
    assert f"处罚依据：{PENALTY.citation}：{PENALTY.text}" in texts
    assert any(t.startswith("执法依据、处罚依据：〔未核实：") for t in texts)
    assert ("特种作业人员未经专门的安全作业培训取得相应资格上岗作业", True) in fake.calls


def test_attachment_pages_follow_the_front_matter(tmp_path, fake):
    out = draft("notice", EXAMPLES / "suzhou_notice.md", tmp_path / "n.docx")
    texts = [p.text for p in docx.Document(out).paragraphs]
    assert [t for t in texts if t.startswith("附件") and len(t) <= 3] == \
        [f"附件{n}" for n in range(1, 8)]
    assert "总体要求" in "".join(texts)  # 附件1's own body, from its file


def test_drafter_template_syntax_appears_literally(tmp_path, fake):
    source = tmp_path / "t.md"
    source.write_text("---\ntitle: 方案{{ title }}\n---\n\n正文{{ x }}与{% if y %}原样。\n",
                      encoding="utf-8")
    out = draft("plan", source, tmp_path / "t.docx")
    texts = [p.text for p in docx.Document(out).paragraphs]
    assert "方案{{ title }}" in texts and "正文{{ x }}与{% if y %}原样。" in texts


def test_signer_secret_and_copy_number(tmp_path, fake):
    text = (EXAMPLES / "anju_notice.md").read_text(encoding="utf-8").replace(
        "kind: notice\n", "kind: notice\nsigner: 张三\nsecret: 机密★1年\nurgency: 特急\ncopy_no: 12\n")
    text = text.replace("file: anju_plan.md", f"file: {EXAMPLES / 'anju_plan.md'}")
    source = tmp_path / "s.md"
    source.write_text(text, encoding="utf-8")
    out = draft("notice", source, tmp_path / "s.docx", "--allow-outside")  # the plan lies in examples/
    results = {r.rule: r for r in check_format(out) if r.rule != "M10"}
    assert all(r.ok for r in results.values()), [r for r in results.values() if not r.ok]
    for rule in ("H1", "H2", "H3", "H6"):
        assert "不适用" not in results[rule].message
    assert docx.Document(out).paragraphs[0].text == "000012"


def test_unverified_marks_are_reported(tmp_path, fake):
    """M10: a draft that still holds 〔未核实〕 (highlighted) is not ready to sign; once the
    drafter resolves the marks, M10 passes."""
    out = draft("notice", EXAMPLES / "suzhou_notice.md", tmp_path / "n.docx")
    m10 = next(r for r in check_format(out) if r.rule == "M10")
    assert not m10.ok and "〔未核实" in m10.message
    document = docx.Document(out)
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if "〔未核实" in run.text:
                run.text = ""
    document.save(tmp_path / "clean.docx")
    m10 = next(r for r in check_format(tmp_path / "clean.docx") if r.rule == "M10")
    assert m10.ok, m10.message


def test_office_mark_has_no_wenjian_and_is_compressed_no_less_than_70(tmp_path, fake):
    """Seed 002: an 办公室 signs without “文件”; a long mark is compressed to ≥ 70 %, then its
    size is reduced (50 % compression was unreadable)."""
    from policydocs import gbt9704

    out = draft("notice", EXAMPLES / "anju_notice.md", tmp_path / "a.docx")
    views = docx_view.paragraphs(docx.Document(out))
    mark = next(v for v in views if v.style == styles.style_id(styles.ROLES["mark"].style))
    assert mark.text == "遂宁市安居区人民政府安全生产委员会办公室"
    assert {run.scale for run in mark.visible_runs()} == {gbt9704.MARK_MIN_SCALE} == {70}
    size, scale = gbt9704.mark_geometry(mark.text)
    assert scale >= 70 and size < gbt9704.MARK_MAX_PT
    assert gbt9704.text_width_chars(mark.text) * size * scale / 100 * 20 <= gbt9704.MARK_WIDTH
    suffixed = (EXAMPLES / "anju_notice.md").read_text(encoding="utf-8").replace(
        "kind: notice\n", "kind: notice\nmark_suffix: 文件\n").replace(
        "file: anju_plan.md", f"file: {EXAMPLES / 'anju_plan.md'}")
    (tmp_path / "s.md").write_text(suffixed, encoding="utf-8")
    drafted = draft("notice", tmp_path / "s.md", tmp_path / "s.docx", "--allow-outside")  # the plan is in examples/
    views = docx_view.paragraphs(docx.Document(drafted))
    assert any(v.text.endswith("办公室文件") for v in views)


def test_core_properties_are_the_drafts_own(tmp_path, fake):
    """Title, author = issuer, the draft's date; no thumbnail or ja-JP theme language left from
    python-docx's default template."""
    import zipfile

    out = draft("notice", EXAMPLES / "anju_notice.md", tmp_path / "a.docx")
    core = docx.Document(out).core_properties
    assert core.title.startswith("关于印发《遂宁市安居区")
    assert core.author == "遂宁市安居区人民政府安全生产委员会办公室"
    assert (core.created.year, core.created.month, core.created.day) == (2023, 3, 21)
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        settings = package.read("word/settings.xml").decode()
    assert not any("thumbnail" in name for name in names)
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings


def test_issues_mode_has_the_shape_of_seeds_002_and_004(tmp_path, fake):
    """`issues: plan.md`: the plan follows the notice's 署名/date (and 附注) on a new page with
    its own title — no 附件说明 line, no 附件 label — and the 版记 closes the whole document."""
    out = draft("notice", EXAMPLES / "anju_issued.md", tmp_path / "i.docx")
    paragraphs = docx.Document(out).paragraphs
    texts = [p.text for p in paragraphs]
    assert not any(t.startswith("附件：") for t in texts[:texts.index("2023年3月21日")])
    assert "附件" not in texts
    after = texts.index("（此件公开发布）") + 1
    plan_title = next(p for p in paragraphs[after:] if p.text.strip())
    assert plan_title.text.replace("\n", "") == "遂宁市安居区安全生产“强安2023”监管执法专项行动实施方案"
    assert plan_title._p.pPr.find(qn("w:pageBreakBefore")) is not None
    assert texts[-2].endswith("印发") or texts[-3].endswith("印发")
    assert failures(out) == []


def test_attachment_without_body_is_a_warning(tmp_path, fake):
    """A plan's checklist listed without a file would become a title-only page: say so."""
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: 某专项行动实施方案\nattachments:\n  - 重点检查企业名录库\n---\n\n正文。\n",
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", "plan", str(source), "-o", str(tmp_path / "p.docx")])
    assert result.exit_code == 0, result.output
    assert "附件“重点检查企业名录库”没有正文" in result.output
    strict = CliRunner().invoke(main, ["draft", "plan", str(source), "-o", str(tmp_path / "q.docx"),
                                       "--strict"])
    assert strict.exit_code != 0


def test_run_in_heading(tmp_path, fake):
    """Seeds 001/002: “（一）抓住“关键少数”。以法定代表人…” — a heading ending with 。 and its
    text in one paragraph, the heading words in the level's typeface."""
    source = tmp_path / "r.md"
    source.write_text("---\ntitle: 某专项行动实施方案\n---\n\n# 工作重点\n\n## 抓住“关键少数”。\n\n"
                      "以法定代表人为重点。\n\n## 关注重点环节\n\n重点检查持证上岗情况。\n", encoding="utf-8")
    out = draft("plan", source, tmp_path / "r.docx")
    document = docx.Document(out)
    texts = [p.text for p in document.paragraphs]
    assert "（一）抓住“关键少数”。以法定代表人为重点。" in texts
    assert "（二）关注重点环节" in texts and "重点检查持证上岗情况。" in texts
    views = docx_view.paragraphs(document)
    run_in = next(v for v in views if v.text.startswith("（一）"))
    assert run_in.style == styles.style_id(styles.ROLES["body"].style)
    assert [r.east_asia for r in run_in.visible_runs()][:1] == ["楷体_GB2312"]
    assert run_in.visible_runs()[-1].east_asia == "仿宋_GB2312"
    assert failures(out) == []


def test_table_header_repeats_rows_do_not_split_lead_in_kept(tmp_path, fake):
    source = tmp_path / "t.md"
    rows = "\n".join(f"| 第{n}阶段 | 内容{n} |" for n in range(1, 30))
    source.write_text(f"---\ntitle: 某方案\n---\n\n时间安排如下：\n\n| 阶段 | 内容 |\n| --- | --- |\n{rows}\n",
                      encoding="utf-8")
    document = docx.Document(draft("plan", source, tmp_path / "t.docx"))
    table = document.tables[0]._tbl
    first, *others = table.tr_lst
    assert first.trPr.find(qn("w:tblHeader")) is not None
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in table.tr_lst)
    assert all(tr.trPr.find(qn("w:tblHeader")) is None for tr in others)
    lead = table.getprevious()
    assert lead.xpath("string(.)") == "时间安排如下：" and lead.pPr.find(qn("w:keepNext")) is not None


def test_quoted_clause_items_are_not_the_documents_numbering(tmp_path, monkeypatch):
    """A 约谈记录 quotes a penalty article's lead-in and its 项 as separate paragraphs
    (“处罚依据：…罚款：” then “（七）…的。”): B4 must not read the 项 as a level-2 heading out
    of sequence in the wrong typeface (it reported 9 faults on examples/interview.md)."""
    from policydocs.cite.findings import CitedClause

    lead_in = CitedClause(PENALTY.citation, "生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款："
                          "\n" + PENALTY.text, PENALTY.law)
    service = FakeCitationService()
    original = service.basis_for

    def basis_for(description: str, *, with_penalty: bool, context: str = ""):
        basis = original(description, with_penalty=with_penalty, context=context)
        return type(basis)(basis.description, basis.duty, [lead_in] if basis.penalties else [],
                           confidence=basis.confidence)

    service.basis_for = basis_for  # type: ignore[method-assign]
    monkeypatch.setattr(app_workspace, "citation_service", lambda workspace: service)
    out = draft("interview", EXAMPLES / "interview.md", tmp_path / "i.docx")
    texts = [p.text for p in docx.Document(out).paragraphs]
    assert any(t.startswith("处罚依据：") and t.endswith("罚款：") for t in texts)
    assert PENALTY.text in texts
    b4 = next(r for r in check_format(out) if r.rule == "B4")
    assert b4.ok, b4.message


def test_contact_block_before_the_attachment_note(tmp_path, fake):
    """Seed 002: 联 系 人 / 联系电话 / 电子邮箱 lines after the body, before the 附件说明, the
    3-character label spread to the width of the 4-character ones, the lines kept together;
    an attached plan carries its block onto its pages (it was dropped)."""
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: 某专项行动实施方案\ncontact: {name: 张三, phone: 0825-1234567, email: a@b.cn}\n"
                      "attachments:\n  - title: 检查表\n    file: t.md\n---\n\n各单位按时报送。\n", encoding="utf-8")
    (tmp_path / "t.md").write_text("检查内容。\n", encoding="utf-8")
    document = docx.Document(draft("plan", source, tmp_path / "p.docx"))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("联系人：张三")
    assert texts[start - 1] == "" and texts[start - 2] == "各单位按时报送。"
    assert texts[start + 1:start + 5] == ["联系电话：0825-1234567", "电子邮箱：a@b.cn", "", "附件：检查表"]
    label = document.paragraphs[start].runs[0]
    assert label.text == "联系" and int(label._r.rPr.find(qn("w:spacing")).get(qn("w:val"))) == 155
    kept = [document.paragraphs[i]._p.pPr.find(qn("w:keepNext")) is not None for i in range(start, start + 3)]
    assert kept[:2] == [True, True]
    assert failures(tmp_path / "p.docx") == []
    notice = tmp_path / "n.md"
    notice.write_text("---\nkind: notice\nissuer: 某市安全生产委员会\nnumber: 某安〔2024〕1号\n"
                      "title: 关于印发某方案的通知\nto: 各区\ndate: 2024-01-20\nsignature: 某市安全生产委员会\n"
                      "attachments:\n  - title: 某专项行动实施方案\n    file: p.md\n---\n\n现印发给你们。\n",
                      encoding="utf-8")
    texts = [p.text for p in docx.Document(draft("notice", notice, tmp_path / "n.docx")).paragraphs]
    assert "联系人：张三" in texts[texts.index("各单位按时报送。"):]


def test_contact_field_is_checked(tmp_path, fake):
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: 某方案\ncontact: {name: 张三, mobile: 1}\n---\n\n正文。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", "plan", str(source), "-o", str(tmp_path / "p.docx")])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code != 0 and "contact 不认识 mobile" in result.output


@pytest.mark.parametrize("kind,name", CASES)
def test_runs_carry_only_what_differs_from_their_style(tmp_path, fake, kind, name):
    """Every kind, every paragraph of the 主体: a run's fonts, size, bold and colour are the
    style's unless they differ (a run-in heading's 楷体, a highlight); headings get their outline
    level from the style and body text none, so the navigation pane lists exactly the headings."""
    document = docx.Document(draft(kind, EXAMPLES / name, tmp_path / "out.docx"))
    by_id = {s.style_id: s.element for s in document.styles}
    roles = {styles.style_id(styles.ROLES[r].style): r for r in
             ("body", "h1", "h2", "h3", "h4", "title", "to", "attach_note", "signature", "date", "note",
              "attach_label", "table", "table_head")}
    paragraphs = list(document.paragraphs) + [p for t in document.tables for row in t.rows
                                              for cell in row.cells for p in cell.paragraphs]
    seen = set()
    for paragraph in paragraphs:
        sid = paragraph.style.style_id
        if sid not in roles or not paragraph.text.strip():
            continue
        seen.add(roles[sid])
        style_rpr = by_id[sid].find(qn("w:rPr"))
        for run in paragraph.runs:
            rpr = run._r.rPr
            if rpr is None:
                continue
            for tag in ("w:rFonts", "w:sz", "w:b", "w:color", "w:spacing"):
                own, inherited = rpr.find(qn(tag)), style_rpr.find(qn(tag))
                assert own is None or inherited is None or dict(own.attrib) != dict(inherited.attrib), \
                    (roles[sid], tag, run.text)
        ppr = paragraph._p.pPr
        own_level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        style_level = by_id[sid].find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        level = own_level if own_level is not None else style_level
        value = None if level is None else level.get(qn("w:val"))
        if roles[sid] in ("h1", "h2", "h3", "h4"):
            assert own_level is None or value == "9", paragraph.text  # 9: a numbered item
            assert style_level is not None and style_level.get(qn("w:val")) == str(int(roles[sid][1]) - 1)
        else:
            assert value in (None, "9"), (roles[sid], paragraph.text)
    assert {"body", "title"} <= seen


def test_check_reads_fonts_after_word_edits_them(tmp_path, fake):
    """A clerk edits the draft in Word: runs get `<w:rFonts w:hint="eastAsia"/>` or only Latin
    names (the East Asian font is still the style's), or a character style (w:rStyle) that
    changes the typeface — `check` resolves each attribute through the style chains."""
    from docx.oxml import OxmlElement

    out = draft("notice", EXAMPLES / "suzhou_notice.md", tmp_path / "n.docx")
    document = docx.Document(out)
    body_style = styles.style_id(styles.ROLES["body"].style)
    body = [p for p in document.paragraphs if p.style.style_id == body_style and p.text.strip()]
    for number, paragraph in enumerate(body):
        for run in paragraph.runs:
            fonts = OxmlElement("w:rFonts")
            if number % 2:
                fonts.set(qn("w:hint"), "eastAsia")
            else:
                fonts.set(qn("w:ascii"), "Arial")
                fonts.set(qn("w:hAnsi"), "Arial")
            run._r.get_or_add_rPr().insert(0, fonts)
    document.save(tmp_path / "edited.docx")
    views = docx_view.paragraphs(docx.Document(tmp_path / "edited.docx"))
    assert {r.east_asia for v in views if v.style == body_style for r in v.visible_runs()} == {"仿宋_GB2312"}
    assert next(r for r in check_format(tmp_path / "edited.docx") if r.rule == "B3").ok

    emphasis = document.styles.add_style("强调楷体", 2)  # a character style
    emphasis.element.get_or_add_rPr().append(OxmlElement("w:rFonts"))
    emphasis.element.rPr.find(qn("w:rFonts")).set(qn("w:eastAsia"), "楷体")
    for run in body[0].runs:
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(qn("w:val"), emphasis.style_id)
        run._r.rPr.insert(0, rstyle)
        run._r.rPr.remove(run._r.rPr.find(qn("w:rFonts")))
    document.save(tmp_path / "styled.docx")
    views = docx_view.paragraphs(docx.Document(tmp_path / "styled.docx"))
    first = next(v for v in views if v.text == body[0].text)
    assert {r.east_asia for r in first.visible_runs()} == {"楷体"}
    b3 = next(r for r in check_format(tmp_path / "styled.docx") if r.rule == "B3")
    assert not b3.ok and "应为仿宋" in b3.message


def test_check_flags_a_mark_compressed_below_70(tmp_path, fake):
    """The 50 % mark an earlier drafter wrote for a long 办公室 name: H4 says so."""
    out = draft("notice", EXAMPLES / "anju_notice.md", tmp_path / "a.docx")
    assert next(r for r in check_format(out) if r.rule == "H4").ok
    document = docx.Document(out)
    mark_style = styles.style_id(styles.ROLES["mark"].style)
    mark = next(p for p in document.paragraphs if p.style.style_id == mark_style)
    for run in mark.runs:
        run._r.rPr.find(qn("w:w")).set(qn("w:val"), "50")
    document.save(tmp_path / "squeezed.docx")
    h4 = next(r for r in check_format(tmp_path / "squeezed.docx") if r.rule == "H4")
    assert not h4.ok and "压缩到 50%" in h4.message
