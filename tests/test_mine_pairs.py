"""scripts/mine_pairs.py: penalty clauses that name one duty article become question → duty
pairs, with the reference words cut out of the question."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from policydocs.kb import build

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import mine_pairs  # noqa: E402

LINKS = ROOT / "tests" / "fixtures" / "links"


@pytest.mark.parametrize(("text", "query", "target"), [
    ("违反本法第九条规定，未设置警戒线造成人员伤亡的，处十万元以上二十万元以下的罚款。",
     "未设置警戒线造成人员伤亡", (9, None)),
    ("（二）未按照本条例第十条第二款规定建立吊具检查台账的；", "未按照规定建立吊具检查台账", (10, 2)),
    ("起重作业单位未履行本条例第十五条规定的吊装防护义务的，责令改正。",
     "起重作业单位未履行规定的吊装防护义务", (15, None)),
])
def test_violation_wording_without_its_reference(text, query, target):
    assert mine_pairs.violation_query(text) == (query, target)


@pytest.mark.parametrize("text", [
    "起重机械租赁单位违反本法第五条、第八条规定的，责令改正。",  # two articles: no single answer
    "违反《中华人民共和国某某法》第三条规定，未登记吊具的，责令改正。",  # another law's article
    "违反本法第九条规定的，由主管部门责令改正，处五万元以下的罚款。",  # names only the sanction
    "违反本法第九条规定，有本法第十条所列情形的，责令改正。",  # the question still names an article
])
def test_no_pair_without_one_own_article(text):
    assert mine_pairs.violation_query(text) == ("", None)


def test_split_is_fixed_per_title_and_holds_out_a_share():
    titles = [f"某某省第{n}号起重条例" for n in range(400)]
    splits = [mine_pairs.split_of(title) for title in titles]
    assert splits == [mine_pairs.split_of(title) for title in titles]
    assert 0.1 < splits.count("holdout") / len(splits) < 0.3


def test_pairs_from_an_index(tmp_path):
    index_dir = tmp_path / "idx"
    build.build_index(sorted(LINKS.glob("*.md")), index_dir)
    pairs = mine_pairs.load_pairs(index_dir, tmp_path / "pairs.jsonl")
    by_source = {p["source"]["article"]: p for p in pairs}
    assert 16 not in by_source  # a reference to four articles is nobody's pair
    pair = by_source[17]
    assert pair["query"] == "未设置警戒线造成人员伤亡" and "第" not in pair["query"]
    assert pair["basis"] == [{"law": "中华人民共和国起重作业安全法", "article": 9, "paragraph": None, "item": None}]
    assert pair["split"] == mine_pairs.split_of(pair["law"])
    assert mine_pairs.load_pairs(index_dir, tmp_path / "pairs.jsonl") == pairs  # read back from the cache
