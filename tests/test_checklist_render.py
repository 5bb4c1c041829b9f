"""A checklist .docx as LibreOffice lays it out (slow; skipped without soffice/pdftoppm): a
landscape page, and the header row repeated on every page of a long table."""

import subprocess
from pathlib import Path

from click.testing import CliRunner

from policydocs.cli import main
from rendering import RENDER_TESTS, render_pages

ROOT = Path(__file__).parents[1]
pytestmark = RENDER_TESTS


def test_long_checklist_repeats_its_header(law_index, tmp_path):
    rows = ["矿灯使用单位未建立矿灯发放登记制度", "主要负责人未组织制定矿灯充电管理制度", "灯体破损仍继续使用矿灯"] * 6
    items = tmp_path / "items.md"
    items.write_text("# 矿灯检查表\n\n" + "".join(f"- {row}\n" for row in rows), encoding="utf-8")
    out = tmp_path / "t.docx"
    result = CliRunner().invoke(main, ["checklist", str(items), "-o", str(out), "--index", str(law_index)])
    assert result.exception is None, result.output
    pages = render_pages.render(out, tmp_path / "pages", dpi=30)
    assert len(pages) >= 2
    pdf = str(tmp_path / "pages" / "t.pdf")
    size = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    width, height = (float(v) for v in size.split("Page size:")[1].split("pts")[0].split(" x "))
    assert width > height  # landscape A4
    for page in range(1, len(pages) + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "违法行为描述" in text and "处罚依据" in text, page
