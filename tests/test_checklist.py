"""policydocs checklist: items (YAML, Markdown) or a theme → verified .docx/.xlsx, --verify of
an old table, and the one-line errors of bad input. Over the fixture index (矿灯安全法 2015 and
2022: the 2015 第二条 is the 2022 第三条)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from openpyxl import load_workbook

from policydocs.cli import main

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REGISTER = "矿灯使用单位未建立矿灯发放登记制度"
OLD_QUOTE = "《矿灯安全法》第二条规定：矿灯使用单位应当建立矿灯发放登记制度，如实记录发放和回收情况。"


def run(index: Path, *args: str):
    return CliRunner().invoke(main, ["checklist", *args, "--index", str(index)])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_items_to_xlsx_with_print_settings(law_index, tmp_path):
    items = write(tmp_path / "items.yaml", f"title: 矿灯检查表\nitems:\n  - {REGISTER}\n"
                  "  - description: 主要负责人未组织制定矿灯充电管理制度\n    method: 查阅资料\n")
    out = tmp_path / "t.xlsx"
    result = run(law_index, str(items), "-o", str(out), "--json")
    assert result.exception is None, result.output
    data = json.loads(result.stdout)
    assert len(data["rows"]) == 2 and data["rows"][0]["description"] == REGISTER
    first = data["rows"][0]
    assert first["basis"][0]["citation"].startswith("《中华人民共和国矿灯安全法》第三条")
    assert first["basis"][0]["label"] == "【法律】"
    assert first["penalties"] and "第七条" in first["penalties"][0]["citation"]
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[2]] == ["序号", "违法行为描述", "执法依据", "方式方法", "处罚依据", "检查情况"]
    basis = sheet.cell(3, 3).value
    assert basis.startswith("【法律】《中华人民共和国矿灯安全法》第三条规定：矿灯使用单位应当建立矿灯发放登记制度")
    assert sheet.cell(3, 3).alignment.wrap_text and sheet.cell(4, 4).value == "查阅资料"
    assert sheet.cell(3, 6).value in (None, "")  # 检查情况: filled in on site
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    # each row states the height its wrapped clause text needs (no viewer grows it on opening)
    heights = [sheet.row_dimensions[r].height for r in (3, 4)]
    assert all(h and h > 2 * 13 for h in heights)


def test_row_height_grows_with_the_longest_cell():
    from policydocs.draft.checklist_xlsx import row_height

    short, long = row_height(["一", "二"], [10, 10]), row_height(["一", "二" * 60], [10, 10])
    assert long > 5 * short / 2 and row_height(["一\n二\n三"], [10]) > row_height(["一二三"], [10])


def test_markdown_items_to_docx_attachment_table(law_index, tmp_path):
    items = write(tmp_path / "items.md", f"# 矿灯检查表\n\n## 矿灯使用单位\n\n- {REGISTER}\n- 灯体破损仍继续使用矿灯\n")
    out = tmp_path / "t.docx"
    result = run(law_index, str(items), "-o", str(out), "--layout", "履职")
    assert result.exception is None, result.output
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "附件"
    assert any(p.text == "矿灯检查表" for p in document.paragraphs)
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    table = document.tables[0]
    columns = ["检查对象", "检查项目", "检查内容", "检查要点", "检查依据", "法律责任"]
    assert [c.text for c in table.rows[0].cells] == columns
    assert table.rows[1].cells[0].text == "矿灯使用单位"
    assert table._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in table._tbl.tr_lst)


def test_explicit_old_number_is_corrected_and_listed(law_index, tmp_path):
    items = write(tmp_path / "items.yaml", f"- description: {REGISTER}\n  basis: {OLD_QUOTE}\n")
    out = tmp_path / "t.xlsx"
    result = run(law_index, str(items), "-o", str(out))
    assert result.exception is None, result.output
    assert "已更正为《中华人民共和国矿灯安全法》第三条" in result.stderr
    cell = load_workbook(out).active.cell(3, 3)
    assert "第三条规定" in cell.value and "已更正" in cell.value and cell.fill.fgColor.rgb.endswith("FFFF00")


def test_theme_writes_negated_duties_and_items(law_index, tmp_path):
    out, items = tmp_path / "t.xlsx", tmp_path / "items.yaml"
    # the fixture laws are outside the work-safety domain: --law admits them
    assert run(law_index, "--theme", "矿灯充电", "-o", str(out)).exit_code == 2
    result = run(law_index, "--theme", "矿灯充电", "--law", "矿灯安全法", "--items-out", str(items), "-o", str(out),
                 "--json")
    assert result.exception is None, result.output
    rows = json.loads(result.stdout)["rows"]
    descriptions = [row["description"] for row in rows]
    # 第四条's list of the 主要负责人's duties: one row per item, each citing its 项
    assert "矿灯使用单位的主要负责人对本单位矿灯安全工作负有下列职责未组织制定矿灯充电管理制度" not in descriptions
    assert any(d.endswith("未组织制定矿灯充电管理制度") for d in descriptions), descriptions
    row = next(r for r in rows if r["description"].endswith("未组织制定矿灯充电管理制度"))
    assert row["basis"][0]["citation"].endswith("第四条第一项") and row["group"] == "主要负责人"
    assert not out.exists() or json.loads(result.stdout)["items_out"] == str(items)
    again = run(law_index, str(items), "-o", str(tmp_path / "again.xlsx"))
    assert again.exception is None, again.output


def test_verify_text_table_finds_the_old_number(law_index, tmp_path):
    old = write(tmp_path / "old.txt", "附件\n\n检查表\n序号\t违法行为描述\t执法依据\t处罚依据\n"
                f"1\t未建立登记制度\t<p>【法律】{OLD_QUOTE}</p>\t《矿灯安全法》第七条\n")
    out = tmp_path / "new.xlsx"
    result = run(law_index, "--verify", str(old), "-o", str(out), "--json")
    assert result.exception is None, result.output
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[2]]
    assert header[-2:] == ["核查结果", "现行条文"]
    verdict = sheet.cell(3, len(header) - 1).value
    assert "条号已变更为《中华人民共和国矿灯安全法》第三条" in verdict and "正确" in verdict
    assert "矿灯使用单位应当建立矿灯发放登记制度" in sheet.cell(3, len(header)).value


@pytest.mark.parametrize(("content", "name", "options", "code", "words"), [
    ("", "empty.yaml", (), 3, "没有检查事项"),
    ("- description: ''\n  method: 查阅资料\n", "nodesc.yaml", (), 3, "第1项缺少 description"),
    ("- 未建立登记制度\n", "items.yaml", ("--layout", "三栏"), 2, "未知的表格样式"),
    ("title: [\n", "bad.yaml", (), 3, "YAML"),
])
def test_bad_items_get_one_line(law_index, tmp_path, content, name, options, code, words):
    items = write(tmp_path / name, content)
    out = tmp_path / "t.xlsx"
    result = run(law_index, str(items), "-o", str(out), *options)
    assert result.exit_code == code, result.output
    assert words in result.output and len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_unreadable_table_and_existing_output(law_index, tmp_path):
    broken = tmp_path / "old.xlsx"
    broken.write_bytes(b"not a zip")
    result = run(law_index, "--verify", str(broken), "-o", str(tmp_path / "new.xlsx"))
    assert result.exit_code == 3 and "无法读取表格" in result.output
    plain = write(tmp_path / "old.txt", "没有表格的文字\n")
    assert run(law_index, "--verify", str(plain), "-o", str(tmp_path / "new.xlsx")).exit_code == 3
    items = write(tmp_path / "items.yaml", f"- {REGISTER}\n")
    out = write(tmp_path / "t.xlsx", "keep")
    result = run(law_index, str(items), "-o", str(out))
    assert result.exit_code == 5 and out.read_text(encoding="utf-8") == "keep"
    assert run(law_index, str(items), "-o", str(tmp_path / "t.pdf")).exit_code == 2


SEED_000 = SHARED / "seeds" / "000_c0365bcb3152fe4c.txt"
SAFETY_LAW = SHARED / "corpus" / "lawrefbook" / "社会法" / "安全生产法(2021-06-10).md"


@pytest.mark.skipif(not (SEED_000.is_file() and SAFETY_LAW.is_file()),
                    reason=f"shared data not found at {SHARED} (seed 000 and 安全生产法)")
def test_verify_seed_000_finds_2014_numbers(tmp_path):
    from policydocs.kb.build import build_index

    build_index([SAFETY_LAW], tmp_path / "idx")
    out = tmp_path / "new.xlsx"
    result = run(tmp_path / "idx", "--verify", str(SEED_000), "-o", str(out))
    assert result.exception is None, result.output
    sheet = load_workbook(out).active
    verdicts = [sheet.cell(r, sheet.max_column - 1).value or "" for r in range(3, sheet.max_row + 1)]
    # 第三十八条第一款 quotes the 2021 第四十一条第二款; 第九十九条 quotes the 2021 第一百零二条
    assert any("条号已变更为《中华人民共和国安全生产法》第四十一条第二款" in v for v in verdicts), verdicts
    assert any("条号已变更为《中华人民共和国安全生产法》第一百零二条" in v for v in verdicts), verdicts


def test_checklist_as_notice_attachment(law_index, tmp_path):
    write(tmp_path / "items.yaml", f"- {REGISTER}\n- description: 主要负责人未组织制定矿灯充电管理制度\n")
    front = ("kind: notice\nissuer: 某县安全生产委员会\ntitle: 关于开展矿灯安全检查的通知\nnumber: 某安〔2024〕1号\n"
             "to: 各乡镇\ndate: 2024-03-01\nsignature: 某县安全生产委员会\n"
             "attachments:\n  - title: 矿灯安全检查重点事项表\n    checklist: items.yaml\n")
    notice = write(tmp_path / "notice.md", f"---\n{front}---\n\n请对照附件逐项检查。\n")
    out = tmp_path / "n.docx"
    result = CliRunner().invoke(main, ["draft", "notice", str(notice), "-o", str(out), "--index", str(law_index)])
    assert result.exception is None, result.output
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "附件：矿灯安全检查重点事项表" in texts and "矿灯安全检查重点事项表" in texts
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells][:3] == ["序号", "违法行为描述", "执法依据"]
    assert "第三条规定：矿灯使用单位应当建立矿灯发放登记制度" in table.rows[1].cells[2].text
    missing = write(tmp_path / "bad.md", notice.read_text(encoding="utf-8").replace("items.yaml", "none.yaml"))
    result = CliRunner().invoke(main, ["draft", "notice", str(missing), "-o", str(tmp_path / "b.docx"),
                                       "--index", str(law_index)])
    assert result.exit_code == 3 and "检查表文件不存在" in result.output


SEED_002 = SHARED / "seeds" / "002_dfd22421fa8168ad.txt"


@pytest.mark.skipif(not (SEED_002.is_file() and SAFETY_LAW.is_file()),
                    reason=f"shared data not found at {SHARED} (seed 002 and 安全生产法)")
def test_verify_seed_002_finds_item_for_paragraph(tmp_path):
    from policydocs.kb.build import build_index

    build_index([SAFETY_LAW], tmp_path / "idx")
    out = tmp_path / "new.xlsx"
    result = run(tmp_path / "idx", "--verify", str(SEED_002), "-o", str(out))
    assert result.exception is None, result.output
    # 第二十七条 has three 款 and no 项: the seed's 第二十七条第二项 means 第二款
    assert "应为《中华人民共和国安全生产法》第二十七条第二款" in result.stderr
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[2]]
    assert header[:8] == ["检查对象", "序号", "检查项目", "检查内容", "检查要点", "检查依据", "法律责任", "备注"]
    assert sheet.max_row - 2 >= 20  # one row per table row, not per line


def test_negated_duty():
    from policydocs.app.checklists import negated

    assert negated("生产经营单位应当在危险场所设置警示标志。") == "生产经营单位未在危险场所设置警示标志"
    assert negated("（二）保证检修经费的投入；", "主要负责人应当履行下列职责：") == "主要负责人未保证检修经费的投入"
    assert negated("生产经营单位不得使用淘汰设备。") == "生产经营单位使用淘汰设备"
    # items of a noun list are things to hand over, not acts: the verb and noun stay with them
    assert (negated("（二）监控系统资料；", "物业服务人应当向业主委员会移交下列资料：")
            == "物业服务人未向业主委员会移交资料：监控系统资料")
    assert (negated("（三）对作业场所进行协调；", "作业单位应当遵守下列规定：")
            == "作业单位未对作业场所进行协调")
    assert (negated("（四）法律、法规规定的其他安全管理要求。", "作业单位应当遵守下列规定：")
            == "作业单位未落实法律、法规规定的其他安全管理要求")


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_written_checklist_verifies_as_correct(law_index, tmp_path, suffix):
    items = write(tmp_path / "items.yaml", f"- {REGISTER}\n- description: 主要负责人未组织制定矿灯充电管理制度\n"
                  "  basis: 《矿灯安全法》第四条第一项\n")
    table = tmp_path / f"t{suffix}"
    assert run(law_index, str(items), "-o", str(table)).exception is None
    out = tmp_path / "v.xlsx"
    result = run(law_index, "--verify", str(table), "-o", str(out), "--json")
    assert result.exception is None, result.output
    rows = json.loads(result.stdout)["rows"]
    assert len(rows) == 2 and all(row["result"] == "正确" for row in rows), rows
    assert all(row["findings"] for row in rows)


def test_verify_reads_one_cell_per_line(law_index, tmp_path):
    cells = ["检查对象", "检查依据", "法律责任", "矿灯使用单位", OLD_QUOTE, "《矿灯安全法》第七条",
             "", "《矿灯安全法》第三条", "《矿灯安全法》第八条第二款"]
    old = write(tmp_path / "old.txt", "附件1\n\n检查表\n" + "".join(f"\t{cell}\n\n" for cell in cells) + "附件2\n")
    out = tmp_path / "new.xlsx"
    result = run(law_index, "--verify", str(old), "-o", str(out), "--json")
    assert result.exception is None, result.output
    rows = json.loads(result.stdout)["rows"]
    assert [row["cells"][0] for row in rows] == ["矿灯使用单位", ""]
    assert rows[0]["result"].startswith("条号已变更为《中华人民共和国矿灯安全法》第三条")
    assert rows[1]["result"] == "正确"


def test_explicit_basis_brings_its_linked_penalty(law_index, tmp_path):
    # the description alone would find nothing: the penalty comes from the duty's link
    items = write(tmp_path / "items.yaml", "- description: 台账问题\n  basis: 《矿灯安全法》第三条\n")
    result = run(law_index, str(items), "-o", str(tmp_path / "t.xlsx"), "--json")
    assert result.exception is None, result.output
    row = json.loads(result.stdout)["rows"][0]
    assert row["basis"][0]["citation"] == "《中华人民共和国矿灯安全法》第三条" and row["basis"][0]["note"] == ""
    assert [p["citation"] for p in row["penalties"]] == ["《中华人民共和国矿灯安全法》第七条"]
    assert row["penalties"][0]["text"].startswith("矿灯使用单位未建立矿灯发放登记制度的")


def test_markdown_headings_are_groups(tmp_path):
    from policydocs.draft.checklist import DEFAULT_TITLE, read_items

    flat = read_items(write(tmp_path / "a.md", "# 主要负责人\n- 未组织制定规章制度\n# 从业人员\n- 未佩戴防护用品\n"))
    assert flat.title == DEFAULT_TITLE and [i.group for i in flat.items] == ["主要负责人", "从业人员"]
    titled = read_items(write(tmp_path / "b.md", "# 检查表\n\n- 未设置警示标志\n## 从业人员\n1. 未佩戴防护用品\n"))
    assert titled.title == "检查表" and [(i.group, i.description) for i in titled.items] == [
        ("", "未设置警示标志"), ("从业人员", "未佩戴防护用品")]
