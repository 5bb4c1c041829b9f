import pytest

from policydocs.text import analyzer
from policydocs.text.analyzer import STOPWORDS, tokenize

SENTENCES = [
    "生产经营单位的主要负责人未履行本法规定的安全生产管理职责的，责令限期改正。",
    "特种作业人员必须按照国家有关规定经专门的安全作业培训，取得相应资格，方可上岗作业。",
    "违反本法第九十七条第七项规定，未如实记录安全生产教育和培训情况的，处十万元以下的罚款。",
    "焊割作业单位应当在动火作业前清除作业点周围的可燃物，并指定专人监护。",
    "危险化学品生产企业应当提供与其生产的危险化学品相符的化学品安全技术说明书。",
    "事故发生单位负责人接到报告后，应当于1小时内向事故发生地县级以上人民政府应急管理部门报告。",
]


def test_stopwords_punctuation_and_article_numbers_are_dropped():
    tokens = tokenize("依照本法第九十七条的规定，生产经营单位应当对从业人员进行培训。")
    assert tokens
    assert not set(tokens) & STOPWORDS
    assert all(any(ch.isalnum() for ch in t) for t in tokens)
    for forbidden in ("，", "。", "九十", "十七", "九十七", "第九十七条", "应当", "的"):
        assert forbidden not in tokens
    assert "培训" in tokens
    assert "从业人员" in tokens or "从业" in tokens


def test_article_number_alone_gives_no_tokens():
    assert tokenize("第九十七条") == []
    assert tokenize("第一百零二条第三款") == []


@pytest.mark.parametrize("word", ["主要负责人", "特种作业人员"])
def test_user_dictionary_words_are_whole_tokens(word):
    assert word in dict(analyzer.user_dictionary())
    tokens = tokenize(f"某单位的{word}应当接受安全培训")
    assert word in tokens


def test_jieba_and_rjieba_segment_identically():
    pytest.importorskip("rjieba")
    jieba_cut = analyzer._jieba_segmenter()
    rjieba_cut = analyzer.segmenter("rjieba")
    for sentence in SENTENCES:
        assert rjieba_cut(sentence) == jieba_cut(sentence), sentence
