"""Link rules of links round 3 on two invented regulations (tests/fixtures/links_round3): a
prohibition that names no one (禁止向个人出售…) is a duty of whoever the penalty names, and a penalty
item that opens on its object (（二）向个人出售…的) names no party of its own (个人 is who was sold
to), so the near-verbatim pair links; in a law of a handful of duties and penalties, a word only a
duty and its penalty say (如实, 登记) is what pairs them, not one of the law's domain words. Each
test fails when its rule is switched off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linking import links_by_label
from policydocs.kb import links

FIXTURES = Path(__file__).parent / "fixtures" / "links_round3"
CYLINDERS = next(FIXTURES.glob("气瓶*.md"))
WAREHOUSE = next(FIXTURES.glob("仓库*.md"))


@pytest.fixture(scope="module")
def cylinders() -> dict[str, dict[str, str]]:
    return links_by_label(CYLINDERS)


def test_a_prohibition_without_subject_links_to_the_penalty_that_says_it(cylinders):
    assert cylinders["第四条第二款"] == {"第九条第二项": "wording"}
    # the paragraph with a subject keeps its own penalty, and the article carries both
    assert cylinders["第四条第一款"] == {"第九条第一项": "wording"}
    assert set(cylinders["第四条"]) == {"第九条第一项", "第九条第二项"}


def test_the_other_duties_keep_their_penalties(cylinders):
    assert cylinders["第二条"] == {"第七条": "wording"}
    assert cylinders["第五条"] == {"第十条": "wording"}


def test_without_the_subjectless_rule_the_prohibition_reads_as_a_persons_duty(monkeypatch):
    monkeypatch.setattr(links, "_subjectless", lambda text: False)
    assert links_by_label(CYLINDERS)["第四条第二款"] == {}


def test_without_the_object_rule_the_item_reads_as_a_persons_act(monkeypatch):
    monkeypatch.setattr(links, "_OBJECT_FIRST", re.compile(r"(?!)"))
    assert links_by_label(CYLINDERS)["第四条第二款"] == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("禁止向个人出售工业用高压气瓶。", True),
    ("在储存区内，严禁使用明火。", True),
    ("（二）禁止在脚手架上堆放超重物料；", True),
    ("任何单位不得向个人出售气瓶。", False),
    ("充装单位禁止为报废气瓶充装。", False),
])
def test_what_counts_as_a_prohibition_without_subject(text, expected):
    assert links._subjectless(text) is expected


def test_a_short_law_keeps_the_words_a_pair_shares():
    warehouse = links_by_label(WAREHOUSE)
    assert warehouse["第二条"] == {"第五条": "wording"}
    assert warehouse["第三条"] == {"第四条": "wording"}


def test_without_the_minimum_every_shared_word_of_a_short_law_is_a_domain_word(monkeypatch):
    monkeypatch.setattr(links, "MIN_DOMAIN_TEXTS", 0)
    assert not any(links_by_label(WAREHOUSE).values())
