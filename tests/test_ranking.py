"""Ranking mechanisms on invented laws (tests/fixtures/ranking): each test shows the mechanism
deciding the order, and fails when its switch in RankingWeights is off.

The fixtures: an invented general law (中华人民共和国安全生产基本法, no scope, in the domain by
its title; its 第十八条 is punished by two articles, its 第二十三条 lists bare nouns), a sector regulation made under it
(矿井安全生产条例, scope 矿井), a law outside the domain (中华人民共和国水域管理法), a provincial
regulation (江苏省安全生产基本条例) and a county work plan of the same province. None of their text is real law.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policydocs.kb.build import build_index
from policydocs.kb.scope import title_scope
from policydocs.search.confidence import CHECK, HIGH, NONE
from policydocs.search.library import Library

FIXTURES = Path(__file__).parent / "fixtures" / "ranking"
GENERAL = "中华人民共和国安全生产基本法"
SECTOR = "矿井安全生产条例"
OUTSIDE = "中华人民共和国水域管理法"
LOCAL = "江苏省安全生产基本条例"
PLAN = "示例县安全生产教育培训工作方案"
TRAINING = "从业人员没有经过安全生产教育和培训就上岗作业"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    index = tmp_path_factory.mktemp("ranking") / "idx"
    build_index([FIXTURES], index)
    lib = Library.open(index)
    yield lib
    lib.close()


@pytest.fixture()
def weights(library):
    """Restore the library's weights after a test changes them."""
    saved = library.weights
    yield saved
    library.weights = saved


def first(library, text: str, **options) -> str:
    return library.search(text, with_penalties=False, **options)[0].document.title


def test_scope_and_domain_are_stored(library):
    documents = {title: library.store.document(doc_id) for doc_id, title in library.store.titles()}
    assert documents[GENERAL].scope == [] and documents[GENERAL].domain == "安全生产"
    assert documents[SECTOR].scope[0] == "矿井"
    assert documents[SECTOR].domain == "安全生产"  # its legal basis is the general law
    assert documents[OUTSIDE].domain == ""
    assert documents[LOCAL].scope == [] and documents[LOCAL].domain == "安全生产"


def test_title_scope_reads_the_sector_not_the_topic():
    assert title_scope("矿井安全生产条例") == ["矿井"]
    assert title_scope("某某化学品安全管理条例") == ["某某化学品"]
    assert title_scope("生产安全事故应急条例") == []  # a topic rule for every unit
    assert title_scope("中华人民共和国消防法") == []  # a general subject (see kb/scope.py)
    assert title_scope("江苏省实施《矿井安全生产条例》办法", "江苏") == ["矿井"]


def test_scope_keeps_a_sector_rule_below_the_general_law_outside_its_sector(library, weights):
    # the general law's training duty also has a penalty whose words match: isolate the scope
    library.weights = weights.without("penalty_text")
    assert first(library, TRAINING) == GENERAL
    library.weights = weights.without("penalty_text", "scope")
    assert first(library, TRAINING) == SECTOR  # it repeats the words more often


def test_inside_its_scope_the_sector_rule_counts_fully(library, weights):
    library.weights = weights.without("penalty_text")  # as above
    assert first(library, "矿井里的" + TRAINING) == SECTOR
    assert first(library, TRAINING, scope="矿井") == SECTOR  # the scope given as context
    hit = next(h for h in library.search(TRAINING, scope="矿井") if h.document.title == SECTOR)
    assert hit.in_scope and hit.as_json()["scope"] == "矿井"


def test_domain_puts_the_work_safety_law_before_an_outside_law(library, weights):
    library.weights = weights.without("scope")  # the outside law is also out of scope: isolate the domain
    query = "企业拒绝检查还提供虚假报告"
    assert first(library, query) == GENERAL
    hits = library.search(query)
    assert any(h.document.title == OUTSIDE and not h.in_domain for h in hits)  # weighted down, never hidden
    assert first(library, query, domain="all") == OUTSIDE
    library.weights = weights.without("scope", "domain")
    assert first(library, query) == OUTSIDE


def test_national_before_local_without_a_region(library, weights):
    def order() -> list[str]:
        titles = [h.document.title for h in library.search(TRAINING)]
        return [t for t in dict.fromkeys(titles) if t in (GENERAL, LOCAL)]

    library.weights = weights.without("authority")  # the category prior alone would also do it
    assert order() == [GENERAL, LOCAL]  # the local rule still appears
    library.weights = weights.without("authority", "national_first")
    assert order() == [LOCAL, GENERAL]


def test_with_a_region_its_rules_appear_but_a_work_plan_is_not_first(library, weights):
    hits = library.search(TRAINING, region="江苏")
    titles = [h.document.title for h in hits]
    assert titles[0] in (GENERAL, LOCAL)  # the region's regulation beside the national law
    assert LOCAL in titles[:2] and GENERAL in titles[:2] and PLAN in titles
    library.weights = weights.without("national_first")
    assert first(library, TRAINING, region="江苏") == PLAN


def test_a_unit_question_prefers_the_unit_duty_to_the_authority_duty(library, weights):
    def top() -> tuple[str, int | None]:
        hit = library.search(TRAINING)[0]
        return hit.document.title, hit.clause.ref.article

    assert top() == (GENERAL, 5)  # 第九条 is the 部门's duty to check the training
    library.weights = weights.without("party")
    assert top() == (GENERAL, 9)
    library.weights = weights
    # a question about the authority itself is not weighted down
    asked = library.search("监管部门发现没有经过培训的人员上岗作业")[0]
    assert asked.clause.ref.article == 9


def test_workers_who_receive_ask_for_the_units_duty(library, weights):
    """不给从业人员发…: the unit failed the workers, so the workers' own duty (第十七条,
    shorter, the same words) gives way to the unit's (第十六条)."""
    question = "不给从业人员发劳动防护用品"
    assert library.search(question, with_penalties=False)[0].clause.ref.article == 16
    library.weights = weights.without("party")
    assert library.search(question, with_penalties=False)[0].clause.ref.article == 17
    library.weights = weights
    # the workers failing is their own duty, whoever else is asked
    assert library.search("从业人员不佩戴劳动防护用品", with_penalties=False)[0].clause.ref.article == 17


def test_a_duty_is_also_read_in_the_words_of_its_penalty(library, weights):
    """用杂物遮盖警示牌 is how 第十一条 (the penalty) says the breach of 第十条 (警示标志); 第十八条
    shares only 杂物. With the lift from penalty to duty off, the penalty's words alone decide."""
    question = "用杂物遮盖警示牌"
    library.weights = weights.without("via_penalty")
    assert library.search(question, kind="duty", with_penalties=False)[0].clause.ref.article == 10
    library.weights = weights.without("via_penalty", "penalty_text")
    assert library.search(question, kind="duty", with_penalties=False)[0].clause.ref.article == 18


def test_character_level_matching_meets_a_clipped_term(library, weights):
    query = "安全管理人员检查安全生产状况"  # the law says 安全生产管理人员
    # the thesaurus also knows this clipping: switched off, so the test sees the characters alone
    library.weights = weights.without("thesaurus")
    on = next(h for h in library.search(query) if h.clause.ref.article == 6 and h.document.title == GENERAL)
    library.weights = weights.without("thesaurus", "char")
    off = next(h for h in library.search(query) if h.clause.ref.article == 6 and h.document.title == GENERAL)
    library.weights = weights
    assert on.coverage > off.coverage and on.score > off.score
    assert on.confidence == HIGH


def test_a_clipped_word_stays_inside_one_word(library):
    """灭火剂和器材 is not 灭火器: the characters between may not be a list's joint or punctuation."""
    clipped = dict(library._prepare("管理人员检查").fuzzy)["管理人员"]
    assert clipped.search("管理服务人员")
    assert not clipped.search("管理和服务人员") and not clipped.search("管理、人员")
    assert not clipped.search("管理，人员")


def test_a_list_article_is_found_by_its_lead_in(library, weights):
    query = "主要负责人的安全生产职责"
    top = library.search(query)[0]
    assert (top.document.title, top.clause.ref.article, top.clause.ref.item) == (GENERAL, 3, None)
    library.weights = weights.without("list_lead")
    assert library.search(query)[0].clause.ref.article == 4


def test_a_penalty_that_names_its_duty_lifts_the_duty_above_itself(library, weights):
    """The question matches the violation's words (拆除警示牌), which only the penalty says;
    the duty it names (第十条) is the 执法依据 and comes first, the penalty right after."""
    question = "擅自拆除警示牌"
    hits = library.search(question, with_penalties=False)
    assert [(h.document.title, h.clause.ref.article) for h in hits[:2]] == [(GENERAL, 10), (GENERAL, 11)]
    assert library.search(question, kind="duty", with_penalties=False)[0].clause.ref.article == 10
    library.weights = weights.without("via_penalty")
    assert library.search(question, with_penalties=False)[0].clause.ref.article == 11


def test_filler_words_of_a_spoken_question_do_not_dilute_it(library, weights):
    """我们、一直、都、怎么办 are rare in laws only because laws do not speak so; dropped, the
    question covers its clause as well as without them (the coverage feeds the confidence)."""
    plain = library.search(TRAINING, with_penalties=False)[0]
    spoken = "我们这里" + TRAINING + "，一直都这样，怎么办"
    hit = library.search(spoken, with_penalties=False)[0]
    assert hit.citation == plain.citation and hit.coverage == pytest.approx(plain.coverage)
    library.weights = weights.without("fillers")
    diluted = library.search(spoken, with_penalties=False)[0]
    assert diluted.coverage < plain.coverage - 0.1


def test_a_close_sibling_paragraph_makes_the_hit_the_article(library, weights):
    """第十二条: 第一款 (国家建立…制度) and 第二款 (单位…报告) both match 生产安全事故隐患报告;
    without the state rule they score too close to pick a 款, so the 条 is cited."""
    question = "生产安全事故隐患报告"
    library.weights = weights.without("party")
    assert library.search(question, with_penalties=False)[0].clause.ref.label() == "第十二条"
    library.weights = weights.without("party", "sibling_margin")
    assert library.search(question, with_penalties=False)[0].clause.ref.label() == "第十二条第二款"


def test_a_declaration_of_the_state_is_no_units_duty(library, weights):
    """国家建立…制度 says what the state does; a question about a unit gets the unit's 款."""
    assert library.search("生产安全事故隐患报告", with_penalties=False)[0].clause.ref.label() == "第十二条第二款"
    library.weights = weights.without("party")
    assert library.search("生产安全事故隐患报告", with_penalties=False)[0].clause.ref.label() != "第十二条第二款"


def test_confidence_levels(library):
    clear = library.search("安全生产管理人员应当对安全生产状况进行经常性检查并如实记录在案")[0]
    assert clear.confidence == HIGH and clear.as_json()["confidence"] == HIGH
    # two documents say the same (the national law and, asked for 江苏, the province's rule):
    # the best one is not certain
    assert library.search(TRAINING, region="江苏")[0].confidence == CHECK
    # a question sharing only a minor word with the clauses
    weak = library.search("食堂的菜价太贵了从业人员")[0]
    assert weak.confidence == NONE


def test_results_are_deterministic(tmp_path, library):
    other = tmp_path / "again"
    build_index([FIXTURES], other)
    again = Library.open(other)
    try:
        for query in (TRAINING, "主要负责人的安全生产职责", "企业拒绝检查还提供虚假报告"):
            first_run = [(h.citation, round(h.score, 9), h.confidence) for h in library.search(query)]
            assert first_run == [(h.citation, round(h.score, 9), h.confidence) for h in again.search(query)]
            assert first_run == [(h.citation, round(h.score, 9), h.confidence) for h in library.search(query)]
    finally:
        again.close()


def test_confidence_coverage_credits_the_legal_term_of_a_spoken_word(library, weights):
    query = library._prepare("安全员不检查安全生产状况")  # thesaurus: 安全员 → 安全生产管理人员
    hit = next(h for h in library.search(query.text) if h.document.title == GENERAL and h.clause.ref.article == 6)
    document = hit.document
    plain = library._score_parts(query, hit.clause, document, None, "安全生产")[1]
    credited = library._score_parts(query, hit.clause, document, None, "安全生产", terms=True)[1]
    assert credited > plain
    assert hit.coverage == credited


def test_a_clause_giving_a_unit_its_own_duty_after_the_authoritys_is_the_units_too(library, weights):
    """第十四条: 部门应当…报送…备案；…经营单位，应当…报送…备案 — one sentence each. The unit's
    question finds it before 第十三条 (预案 said five times, no 备案); read by its first
    sentence alone it would count as the authority's clause and fall below."""
    hit = library.search("经营单位的应急救援预案没有备案", with_penalties=False)[0]
    assert (hit.document.title, hit.clause.ref.label()) == (GENERAL, "第十四条")



def test_an_item_opening_with_its_leads_verb_is_the_leads_party(library, weights):
    """第十五条第一项 "发现生产经营单位未…设置…警示标志，不依法处理的" punishes the 部门's staff
    (its lead's subject): 生产经营单位 is what they found, not who the item addresses. A unit's
    question gets the unit's duty first."""
    question = "生产经营单位未在危险场所设置安全警示标志"
    hit = library.search(question, with_penalties=False)[0]
    assert (hit.document.title, hit.clause.ref.article) == (GENERAL, 10)
    staff = next(h for h in library.search(question, with_penalties=False) if h.clause.ref.article == 15)
    library.weights = weights.without("party")
    unweighted = next(h for h in library.search(question, with_penalties=False) if h.clause.ref.article == 15)
    assert staff.score < unweighted.score  # read as the authority's clause, weighted down


def test_the_parts_of_a_compound_word_count_less_than_a_word(library, weights):
    """jieba's search mode gives 应急救援预案 and also 应急, 急救, 救援, 预案: counted in full, one word of the
    question weighed four times as much as 备案."""
    query = library._prepare("应急救援预案没有备案")
    assert query.weights["应急救援预案"] == 1.0 and query.weights["备案"] == 1.0
    assert query.weights["救援"] == pytest.approx(weights.subword) and weights.subword < 1.0
    assert query.own["急救"] == pytest.approx(weights.subword)  # in the coverage mass too
    library.weights = weights.updated({"subword": 1.0})
    assert library._prepare("应急救援预案没有备案").weights["救援"] == 1.0


def test_a_duty_punished_twice_shows_first_the_penalty_the_question_describes(library, weights):
    """第十八条 is punished by 第十九条 (杂物未清理) and 第二十条 (杂物堵塞通道): the question about a
    blocked passage gets 第二十条 first; switched off, the law's order."""
    def penalties(text: str) -> list[str]:
        hit = library.search(text)[0]
        assert (hit.document.title, hit.clause.ref.label()) == (GENERAL, "第十八条")
        return [linked.clause.ref.label() for linked in hit.penalties]

    assert penalties("通道被杂物堵塞了") == ["第二十条", "第十九条"]
    assert penalties("作业现场杂物没有及时清理") == ["第十九条", "第二十条"]
    library.weights = weights.without("penalty_order")
    assert penalties("通道被杂物堵塞了") == ["第十九条", "第二十条"]


def test_a_short_spoken_word_meets_the_law_word_that_holds_its_head(library, weights):
    """坏 is no word of the laws; 第二十二条 says 损坏. Switched off, the question's other words
    (消防器材, said twice by 第二十一条) decide."""
    def top(text: str) -> str:
        return library.search(text, with_penalties=False)[0].clause.ref.label()

    assert library._prepare("消防器材坏了").heads == [("坏", "坏")]
    assert top("消防器材坏了") == "第二十二条"
    library.weights = weights.without("heads")
    assert top("消防器材坏了") == "第二十一条"


def test_a_heads_word_keeps_its_verb_not_its_complement_nor_a_negation(library):
    query = library._prepare("通道被锁死了没人管")
    heads = dict(query.heads)
    assert heads.get("锁死") == "锁"  # 死 completes the verb: 锁死 is not about 死亡
    assert all(char not in "没了人" for _, char in query.heads)  # nobody, not 人员


def test_an_item_is_read_with_its_lead_in(library, weights):
    """第二十三条第二项 is the bare noun 应急救援队伍 in a list of units that must keep a duty
    roster; 第二十四条 is the duty to report the 队伍. Read alone, the four-character item
    outscores the sentence; read with its lead-in, it does not."""
    def top(text: str) -> str:
        return library.search(text, with_penalties=False)[0].clause.ref.label()

    assert top("应急救援队伍没有报上去") == "第二十四条"
    library.weights = weights.without("item_with_lead")
    assert top("应急救援队伍没有报上去") == "第二十三条第二项"
