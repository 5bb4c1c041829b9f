"""The briefing's handout and slides as LibreOffice lays them out (slow; skipped without
soffice/pdftoppm): the handout with its question bank passes `check --render` (no heading
orphaned at a page foot: R3 and the handout agree on what a heading is), and every slide
becomes one page of 16:9."""

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from policydocs.cli import main
from rendering import RENDER_TESTS, render_pages

ROOT = Path(__file__).parents[1]
pytestmark = RENDER_TESTS


def test_handout_with_questions_passes_check_render(briefing_index, tmp_path):
    out = tmp_path / "h.docx"
    made = CliRunner().invoke(main, ["briefing", "主要负责人", "-o", str(out), "--quiz", "12", "--seed", "1",
                                     "--index", str(briefing_index)])
    assert made.exit_code == 0, made.output
    checked = CliRunner().invoke(main, ["check", str(out), "--render", "--json", "--index", str(briefing_index)])
    report = json.loads(checked.stdout)
    failed = [rule for rule in report["format"] if not rule["ok"]]
    assert checked.exit_code == 0 and not failed, failed
    assert any(rule["rule"] == "R3" for rule in report["format"])


def test_slides_render_one_page_each(briefing_index, tmp_path):
    out = tmp_path / "s.pptx"
    made = CliRunner().invoke(main, ["briefing", "主要负责人", "--pptx", str(out), "--index", str(briefing_index)])
    assert made.exit_code == 0, made.output
    pages = render_pages.render(out, tmp_path / "pages", dpi=30)
    assert len(pages) == len(Presentation(str(out)).slides)
    pdf = str(tmp_path / "pages" / "s.pdf")
    size = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    width, height = (float(v) for v in size.split("Page size:")[1].split("pts")[0].split(" x "))
    assert abs(width / height - 16 / 9) < 0.01
    text = subprocess.run(["pdftotext", "-f", "3", "-l", "3", pdf, "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "第三条" in text and "罚则" in text
