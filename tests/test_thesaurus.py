from pathlib import Path

import pytest

from policydocs.text.thesaurus import Entry, expansions, read_entries, thesaurus

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LAWREFBOOK = SHARED / "corpus" / "lawrefbook"
# the national work-safety laws hold most legal terms: read them first so the scan stops early
FIRST = ("安全生产", "消防", "特种设备", "职业病", "危险化学品", "矿山", "建设工程", "事故", "燃气", "烟花爆竹", "道路")


def test_expansions_bridge_spoken_to_legal_terms():
    found = expansions("电焊工无证上岗")
    assert "特种作业人员" in found
    assert len(found) == len(set(found))
    # terms already in the text are not added again
    assert "特种作业人员" not in expansions("电焊工是特种作业人员")


def test_verbs_and_states_reach_the_laws_wording():
    assert "逃匿" in expansions("出事以后老板跑了")
    assert "隐瞒不报" in expansions("事故一直捂着")
    assert "拒绝、阻碍" in expansions("企业不让进门检查")
    assert "免除或者减轻" in expansions("合同里写了工伤自负")


def test_reader_keeps_groups_and_rejects_malformed_lines():
    entries = read_entries("# 消防\n消防栓\t消火栓\n# 矿山\n下井\t井下|入井\n")
    assert entries == [Entry("消防", "消防栓", ("消火栓",)), Entry("矿山", "下井", ("井下", "入井"))]
    with pytest.raises(ValueError, match="格式错误"):
        read_entries("消防栓 消火栓\n")


def test_thesaurus_is_large_grouped_and_sorted():
    entries = read_entries()
    assert len(entries) >= 400
    groups: dict[str, list[str]] = {}
    for entry in entries:
        assert entry.group, f"{entry.spoken}: every entry sits under a '# 域' comment"
        groups.setdefault(entry.group, []).append(entry.spoken)
    assert len(groups) >= 15
    for group, spoken in groups.items():
        assert spoken == sorted(spoken), f"group {group} is not sorted"


def test_no_duplicate_spoken_terms():
    seen: dict[str, str] = {}
    for entry in read_entries():
        assert entry.spoken not in seen, f"{entry.spoken} in both {seen[entry.spoken]} and {entry.group}"
        seen[entry.spoken] = entry.group


def test_entries_are_not_no_ops_or_substring_traps():
    for entry in read_entries():
        assert len(entry.spoken) >= 2, f"{entry.spoken}: a one-character spoken term matches everywhere"
        assert entry.legal, entry.spoken
        assert len(entry.legal) == len(set(entry.legal)), entry.spoken
        for term in entry.legal:
            # expansion skips a term the query already contains, so such a term would never fire
            assert term not in entry.spoken, f"{entry.spoken} → {term} equals or is inside its spoken term"


def test_every_legal_term_occurs_in_the_lawrefbook_corpus():
    if not LAWREFBOOK.is_dir():
        pytest.skip(f"{LAWREFBOOK} is absent: the shared LawRefBook corpus is needed for this check")
    missing = {term for legal in thesaurus().values() for term in legal}
    paths = sorted(LAWREFBOOK.rglob("*.md"), key=lambda p: (not any(word in p.name for word in FIRST), str(p)))
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="ignore")
        missing = {term for term in missing if term not in text}
        if not missing:
            break
    assert not missing, f"thesaurus legal terms not found in {LAWREFBOOK}: {sorted(missing)}"


def test_an_age_in_years_stands_for_the_laws_age_band():
    assert {"未成年工", "未满十八周岁"} <= set(expansions("招了个十七岁的小孩去干喷漆"))
    assert {"童工", "未满十六周岁"} <= set(expansions("车间里有个15岁的学徒"))
    assert not {"未成年工", "童工"} & set(expansions("二十岁的工人没有培训"))
    # a bound the text states itself is not an age
    assert "未成年工" not in expansions("不得招用未满十六周岁的人员")
