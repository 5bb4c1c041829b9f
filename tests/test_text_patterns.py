"""The text utilities every layer builds on: dates, 文号, heading numbers, half-width
normalisation and the penalty chapter, each defined once (text/, corpus/lawtree)."""

import datetime as dt

import pytest

from policydocs.corpus.lawtree import classify, in_penalty_chapter
from policydocs.text import dates, docnumber, headings
from policydocs.text.normalize import half_width, half_width_mark, normalize_line


@pytest.mark.parametrize("text, iso", [
    ("2021年6月10日第十三届全国人大常委会修正", "2021-06-10"), ("二〇二一年六月十日", "2021-06-10"),
    ("二○二二年十二月三十一日", "2022-12-31"), ("二零零二年六月二十九日", "2002-06-29"), ("没有日期", "")])
def test_parse_date_reads_figures_and_chinese_numerals(text, iso):
    assert dates.parse_date(text) == iso


@pytest.mark.parametrize("typed, parts", [
    ("2022-01-20", (2022, 1, 20)), ("2022/1/20", (2022, 1, 20)), ("2022.1.20", (2022, 1, 20)),
    ("2022年01月20日", (2022, 1, 20)), ("2022-13-45", (2022, 13, 45)), ("一月二十日", None), ("2022-01", None)])
def test_typed_date(typed, parts):
    assert dates.typed_date(typed) == parts


def test_gbt_date_has_no_leading_zeros():
    assert dates.gbt_date(dt.date(2022, 1, 5)) == "2022年1月5日"
    assert dates.GBT_DATE.fullmatch("2022年1月5日")
    assert not dates.GBT_DATE.fullmatch("2022年01月05日")
    assert dates.DATE_LIKE.fullmatch("二〇二二年一月二十日") and dates.DATE_LIKE.fullmatch("2022.1.20")
    assert not dates.DATE_LIKE.fullmatch("第十二条")


@pytest.mark.parametrize("number, ok", [
    ("苏安〔2022〕4号", True), ("苏安〔2022〕04号", False), ("苏安[2022]4号", False), ("〔2022〕4号", False),
    ("苏安〔22〕4号", False), ("苏安〔2022〕第4号", False)])
def test_gbt_document_number(number, ok):
    assert docnumber.is_gbt_number(number) is ok


def test_document_number_like_finds_the_wrong_ones():
    text = "依据苏安〔2022〕4号、苏安[2022]4号、苏安（22）第04号和苏安［2021］7号"
    found = [m.group(0) for m in docnumber.NUMBER_LIKE.finditer(text)]
    assert found == ["〔2022〕4号", "[2022]4号", "（22）第04号", "［2021］7号"]
    assert [bool(docnumber.NUMBER_TAIL.fullmatch(f)) for f in found] == [True, False, False, False]
    assert docnumber.DOC_NUMBER.fullmatch("苏安〔2020〕19号")


@pytest.mark.parametrize("line, level, number", [
    ("一、总体要求", 1, "一"), ("（十二）加强培训", 2, "十二"), ("3.落实责任", 3, "3"), ("（4）定期检查", 4, "4"),
    ("一百、附则", 1, "一百")])
def test_heading_numbers_as_written(line, level, number):
    assert headings.GBT[level].match(line).group(1) == number
    assert next(lv for lv, pattern in headings.IN_SOURCES if pattern.match(line)) == level


def test_typed_and_miswritten_heading_numbers():
    typed = {text: next((lv for pattern, lv in headings.TYPED if pattern.match(text)), None)
             for text in ("(一) 目标", "（1）、措施", "二．任务", "3、要求", "2022年")}
    assert typed == {"(一) 目标": 2, "（1）、措施": 4, "二．任务": 1, "3、要求": 3, "2022年": None}
    wrong = [message for text in ("1、要求", "（一）、目标", "(一)目标", "一、目标")
             for pattern, message in headings.MISWRITTEN if pattern.match(text)]
    assert wrong == ["“1、”应为“1.”", "（一）/（1）后不加标点", "半角括号 (一)，应为全角（一）"]
    assert [headings.label(level, 12) for level in (1, 2, 3, 4)] == ["十二、", "（十二）", "12.", "（12）"]
    assert headings.ITEM.match("（十一）未按照规定").group(1) == "十一"


def test_half_width_keeps_legal_punctuation_full_width():
    assert half_width("第１２条ＡＢ") == "第12条AB"
    assert half_width("，。：；（）《》〔〕") == "，。：；（）《》〔〕"
    assert normalize_line("依照本法(试行)第1条,处罚") == "依照本法（试行）第1条，处罚"
    assert half_width_mark("依照本法,处罚") == "法,"
    assert half_width_mark("依照本法，处罚 (A,B)") is None


@pytest.mark.parametrize("heading, penalty", [
    ("第六章 法律责任", True), ("第五章 罚 则", True), ("第五章 处罚", True), ("第五章 奖励与处罚", True),
    ("第三章 违反海关监管规定的行为及其处罚", True), ("第五章 奖励、处罚", True),
    ("第四章 处罚程序", False), ("第五章 行政处罚的决定", False), ("第二章 处罚的种类和适用", False),
    ("第三章 安全生产保障", False)])
def test_penalty_chapter(heading, penalty):
    assert in_penalty_chapter(("第一编 总则", heading)) is penalty
    # a clause's kind follows the chapter when its wording alone does not decide
    assert (classify("作出决定应当载明理由。", (heading,)) == "penalty") is penalty


def test_miswritten_dates():
    text = "2022-1-20 2022.1.20 二〇二二年 2022年01月 1月05日 2022年1月20日"
    found = [(bad.search(text).group(0), message) for bad, message in dates.MISWRITTEN if bad.search(text)]
    assert [f for f, _ in found] == ["2022-1-20", "2022.1.20", "二〇二二年", "2022年01月"]
    assert not any(bad.search("2022年1月20日") for bad, _ in dates.MISWRITTEN)
