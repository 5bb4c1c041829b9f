"""Integration on ../shared: 宣讲 material on 主要负责人安全生产职责 from the 2021 《安全生产法》 of
the law library and the five seed documents of corpus/ (whose checklists cite it). The
handout's every citation verifies; the list article 第二十一条 and its penalties are there, with
the fine range read from the penalty text; the seeds' rows give typical violations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydocs.cli import main
from policydocs.kb.build import build_index

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LAW = SHARED / "corpus" / "lawrefbook" / "社会法" / "安全生产法(2021-06-10).md"
SAFETY = "《中华人民共和国安全生产法》"

pytestmark = pytest.mark.skipif(not LAW.is_file(), reason=f"shared data not found at {SHARED} (lawrefbook)")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("briefing-shared")
    (root / "src" / "社会法").mkdir(parents=True)
    shutil.copy(LAW, root / "src" / "社会法" / LAW.name)  # a temporary copy, read at test time only
    build_index([root / "src", ROOT / "corpus"], root / "idx")
    return root / "idx"


def test_principal_duties_briefing_verifies(index, tmp_path):
    out = tmp_path / "h.docx"
    result = CliRunner().invoke(main, ["briefing", "主要负责人安全生产职责", "-o", str(out), "--pptx",
                                       str(tmp_path / "s.pptx"), "--quiz", "10", "--index", str(index), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    citations = [duty["citation"] for duty in data["duties"]]
    assert f"{SAFETY}第五条" in citations and f"{SAFETY}第二十一条" in citations
    article = next(duty for duty in data["duties"] if duty["citation"] == f"{SAFETY}第二十一条")
    assert len(article["items"]) == 7
    penalties = {p["citation"]: p for p in article["penalties"]}
    assert any(c.startswith(f"{SAFETY}第九十四条") for c in penalties)
    ninety_four = next(p for c, p in penalties.items() if c.startswith(f"{SAFETY}第九十四条"))
    assert "处二万元以上五万元以下的罚款" in ninety_four["summary"]
    assert data["violations"] and all(v["source"].startswith("《") for v in data["violations"])
    assert len(data["questions"]) == 10
    checked = CliRunner().invoke(main, ["check", str(out), "--index", str(index), "--json"])
    report = json.loads(checked.stdout)
    assert [c for c in report["citations"] if c["status"] != "ok"] == []
    assert checked.exit_code == 0, [r for r in report["format"] if not r["ok"]]
