"""Citations numbered by an older version of a law (invented 脚手架安全法 2012 → 2020, see
tests/fixtures/versions): status `outdated` with the current article from the stored
correspondence, whether the quoted words, the named year or the document's date says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydocs.app.checking import document_date
from policydocs.cli import main
from policydocs.kb.build import build_index

VERSIONS = Path(__file__).parent / "fixtures" / "versions"
OLD = VERSIONS / "脚手架安全法(2012-05-01).md"
NEW = VERSIONS / "脚手架安全法(2020-03-01).md"
LAW = "《中华人民共和国脚手架安全法》"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("versions") / "index"
    build_index([NEW], directory)
    result = run("add", str(OLD), "--index", str(directory))
    assert result.exception is None, result.output
    return directory


def cite(index: Path, text: str) -> list[dict]:
    result = run("cite", text, "--index", str(index), "--json")
    assert result.exception is None or result.exit_code == 1, result.output
    return json.loads(result.output)["citations"]


def test_old_number_with_old_words_is_outdated_with_current_article(index: Path) -> None:
    # 2012 第四条 (每日检查) was merged into 2020 第六条; 2020 第四条 is the 专项施工方案 rule
    [finding] = cite(index, "《脚手架安全法》第四条规定：脚手架使用单位应当每日检查脚手架的连墙件和扣件。")
    assert finding["status"] == "outdated"
    assert finding["suggestion"] == f"{LAW}第六条"
    assert "按2012年版编号；现行（2020年修正）为第六条" in finding["message"]


def test_old_number_quoting_the_current_words_is_outdated_too(index: Path) -> None:
    # the words are 2020 第六条's (with the merged 限载标志牌), the number 2012's 第四条
    [finding] = cite(index, "《脚手架安全法》第四条规定：脚手架使用单位应当每日检查脚手架的连墙件和扣件，"
                            "并在脚手架上悬挂限载标志牌。")
    assert (finding["status"], finding["suggestion"]) == ("outdated", f"{LAW}第六条")


def test_current_number_with_current_words_stays_ok(index: Path) -> None:
    [finding] = cite(index, "《脚手架安全法》第四条规定：脚手架搭设单位应当编制专项施工方案，"
                            "方案经技术负责人审批后方可实施。")
    assert finding["status"] == "ok"


def test_named_year_gives_the_current_article(index: Path) -> None:
    # 2012 第十条 (the penalty for 第四条) is 2020 第十条; 2012 第三条 was split into 第四条 and 第五条
    [penalty] = cite(index, "《脚手架安全法》（2012年）第十条")
    assert penalty["status"] == "outdated"
    assert "按2012年版编号；现行（2020年修正）为第十条" in penalty["message"]
    [split] = cite(index, "《脚手架安全法》（2012年）第三条")
    assert split["status"] == "outdated"
    assert "为第四条、第五条" in split["message"]


def test_document_dated_before_the_new_version_means_the_old_one(index: Path, tmp_path: Path) -> None:
    # 2012 第六条 (大风天气停止作业) was deleted in 2020; a 2019 document citing it meant 2012's
    source = tmp_path / "通知.txt"
    source.write_text("关于加强脚手架管理的通知\n依据《脚手架安全法》第六条，大风天气停止作业。\n虚构市住建局\n2019年3月1日\n",
                      encoding="utf-8")
    result = run("check", str(source), "--index", str(index), "--json")
    assert result.exit_code == 1, result.output
    [finding] = json.loads(result.output)["citations"]
    assert finding["status"] == "outdated"
    assert "现行（2020年修正）已删除该条" in finding["message"]
    # the same text dated after the new version took effect cites the current 第六条
    source.write_text(source.read_text(encoding="utf-8").replace("2019年3月1日", "2021年3月1日"), encoding="utf-8")
    result = run("check", str(source), "--index", str(index), "--json")
    assert result.exit_code == 0, result.output


def test_document_date_from_signature_or_front_matter() -> None:
    assert document_date(["关于…的通知", "正文", "某某委员会", "2022年1月20日"]) == "2022-01-20"
    assert document_date(["---", "date: 2019-05-04", "---", "正文 2020年1月1日起施行"]) == "2019-05-04"
    assert document_date(["没有日期"]) == ""
