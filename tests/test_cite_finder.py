"""The citation finder on every form that occurs in real documents."""

from __future__ import annotations

from policydocs.cite.finder import find_citations
from policydocs.model import ClauseRef


def refs(text: str) -> list[tuple[str | None, str]]:
    return [(c.law, c.ref.label()) for c in find_citations(text)]


def test_full_title_with_item():
    [citation] = find_citations("依据《中华人民共和国安全生产法》第九十七条第二项处罚。", "a.txt")
    assert citation.law == "中华人民共和国安全生产法"
    assert citation.ref == ClauseRef(97, None, 2)
    assert citation.written == "《中华人民共和国安全生产法》第九十七条第二项"
    assert (citation.start, citation.line, citation.column) == (2, 1, 3)
    assert citation.source == "a.txt"


def test_list_continues_the_same_law():
    assert refs("《安全生产法》第二十一条第一项、第二十二条") == [
        ("安全生产法", "第二十一条第一项"), ("安全生产法", "第二十二条")]


def test_list_of_items_keeps_article_and_paragraph():
    assert refs("《安全生产法》第二十五条第一款第一项、第二项") == [
        ("安全生产法", "第二十五条第一款第一项"), ("安全生产法", "第二十五条第一款第二项")]


def test_paragraph_then_article_list():
    assert refs("《中华人民共和国安全生产法》第三条第三款、第五条") == [
        ("中华人民共和国安全生产法", "第三条第三款"), ("中华人民共和国安全生产法", "第五条")]


def test_range_expands_to_each_article():
    found = find_citations("《安全生产法》第五十三条至第五十九条规定的权利")
    assert [c.ref.article for c in found] == list(range(53, 60))
    assert found[0].written == "《安全生产法》第五十三条至第五十九条"
    assert found[1].written == "第五十三条至第五十九条"


def test_reversed_range_is_malformed():
    [citation] = find_citations("《安全生产法》第五十九条至第五十三条")
    assert citation.meant == "第五十三条至第五十九条"


def test_repeated_law_name_in_a_list():
    assert refs("《安全生产法》第二十一条第一项、《安全生产法》第二十二条、《四川省安全生产条例》第十四条第八项") == [
        ("安全生产法", "第二十一条第一项"), ("安全生产法", "第二十二条"), ("四川省安全生产条例", "第十四条第八项")]


def test_bare_name_without_introducing_words():
    assert refs("依据安全生产法第一百零二条，违反刑法第一百三十四条。按照矿山安全法第五条") == [
        ("安全生产法", "第一百零二条"), ("刑法", "第一百三十四条"), ("矿山安全法", "第五条")]


def test_bare_words_that_are_not_a_law_name_are_ignored():
    assert find_citations("详见附件第三条。该法第五条") == []


def test_version_parenthesis_and_new():
    [versioned] = find_citations("《中华人民共和国安全生产法》（2021年修正）第九十七条")
    assert versioned.version == "2021年修正"
    assert versioned.ref == ClauseRef(97)
    [new] = find_citations("按照新《安全生产法》要求")
    assert (new.law, new.version, new.ref) == ("安全生产法", "新", ClauseRef())
    assert new.written == "新《安全生产法》"


def test_arabic_numerals():
    assert refs("《安全生产法》第97条第2项") == [("安全生产法", "第九十七条第二项")]


def test_relative_citations():
    found = find_citations("违反本法第十条规定的，依照前款规定处罚；本条第二款第一项；本条例第三条")
    assert [(c.law, c.relative, c.ref) for c in found] == [
        (None, "本法", ClauseRef(10)),
        (None, "前款", ClauseRef()),
        (None, "本条", ClauseRef(None, 2, 1)),
        (None, "本条例", ClauseRef(3)),
    ]


def test_regulation_and_standard_names_without_article():
    found = find_citations("《工贸行业重大生产安全事故隐患判定标准（2017版）》（安监总管四〔2017〕129号）二、")
    [standard] = found
    assert standard.law == "工贸行业重大生产安全事故隐患判定标准（2017版）"
    assert standard.version == "2017版"
    assert standard.ref == ClauseRef()


def test_book_titles_that_are_not_laws_are_ignored():
    assert find_citations("印发《关于开展安全检查的通知》及《规定》内容") == []


def test_implementing_regulation_keeps_its_own_name():
    assert refs("《矿山安全法实施条例》第五条") == [("矿山安全法实施条例", "第五条")]


def test_chained_articles_are_malformed_with_a_guess():
    found = find_citations("《中华人民共和国安全生产法》第三条第六条、第五十三条")
    assert found[0].meant == "第三条、第六条"
    assert found[0].written == "《中华人民共和国安全生产法》第三条第六条"
    assert (found[1].ref, found[1].meant) == (ClauseRef(53), "")


def test_parts_in_wrong_order_are_malformed():
    [citation] = find_citations("《安全生产法》第九十七条第二项第一款")
    assert citation.meant == "第九十七条第一款第二项"


def test_quoted_words_after_guiding_word_or_in_quotes():
    [colon] = find_citations("《安全生产法》第三十八条第一款规定：生产经营单位应当建立制度。其他")
    assert colon.quoted == "生产经营单位应当建立制度"
    [quotes] = find_citations("《安全生产法》第九十九条规定“生产经营单位未采取措施的”，其他")
    assert quotes.quoted == "生产经营单位未采取措施的"
    [none] = find_citations("依据《安全生产法》第九十三条规定责令限期改正")
    assert none.quoted == ""


def test_lines_and_columns_are_one_based():
    found = find_citations("第一行\n  见《安全生产法》第五条")
    assert [(c.line, c.column) for c in found] == [(2, 4)]


def test_long_range_keeps_its_ends():
    assert refs("《安全生产法》第一条至第一百一十九条") == [("安全生产法", "第一条"), ("安全生产法", "第一百一十九条")]
