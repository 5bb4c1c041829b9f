"""B1 title breaking uses the project tokenizer, so the work-safety dictionary applies
whether or not anything was tokenised before (it once did only after the analyzer ran)."""

import itertools
import json
import subprocess
import sys

from policydocs.draft.titles import break_title
from policydocs.gbt9704 import TITLE_CHARS_PER_LINE, text_width_chars
from policydocs.text.analyzer import tokenize, user_dictionary

TITLES = [
    "关于开展二〇二四年度重点行业安全生产管理人员培训工作的通知",
    "关于加强全市建筑施工企业安全生产管理人员培训考核工作的通知",
    "关于进一步落实危险化学品企业主要负责人安全生产第一责任人责任的通知",
]


def _broken_words(lines: list[str]) -> list[str]:
    """Dictionary words that a line break cuts in two."""
    title = "".join(lines)
    cuts = set()
    offset = 0
    for line in lines[:-1]:
        offset += len(line)
        cuts.add(offset)
    broken = []
    for word, _ in user_dictionary():
        start = title.find(word)
        while start >= 0:
            if any(start < cut < start + len(word) for cut in cuts):
                broken.append(word)
            start = title.find(word, start + 1)
    return broken


def _fresh_breaks() -> list[list[str]]:
    """break_title in a fresh interpreter, where nothing has loaded the dictionary before."""
    code = ("import json, sys; from policydocs.draft.titles import break_title; "
            "print(json.dumps([break_title(t) for t in json.loads(sys.argv[1])]))")
    result = subprocess.run([sys.executable, "-c", code, json.dumps(TITLES)],
                            capture_output=True, text=True, encoding="utf-8", check=True)
    return json.loads(result.stdout)


def test_titles_keep_dictionary_words_whole_in_a_fresh_process():
    for title, lines in zip(TITLES, _fresh_breaks(), strict=True):
        assert "".join(lines) == title
        assert len(lines) > 1
        assert all(text_width_chars(line) <= TITLE_CHARS_PER_LINE for line in lines)
        assert _broken_words(lines) == [], lines


def test_fresh_process_and_warm_process_break_alike():
    tokenize("安全生产管理人员")  # the analyzer has run, as on the attachment pages
    assert _fresh_breaks() == [break_title(title) for title in TITLES]


def test_breaks_keep_quoted_names_numbers_and_phrases_whole():
    """The faults a clerk found: “强安 / 2023”, 有限空间 / 作业, 生产 / 安全事故; at most 3 lines."""
    title = "关于开展“强安2023”有限空间作业生产安全事故隐患排查整治和“回头看”专项行动的通知"
    lines = break_title(title)
    assert "".join(lines) == title and len(lines) <= 3
    for line in lines:
        assert line.count("“") == line.count("”"), lines
        assert text_width_chars(line) <= TITLE_CHARS_PER_LINE
    joins = {(a[-4:], b[:4]) for a, b in itertools.pairwise(lines)}
    assert all(not (a.endswith("有限空间") and b.startswith("作业")) for a, b in joins), lines
    assert all(not (a.endswith("生产") and b.startswith("安全事故")) for a, b in joins), lines
    dated = break_title("关于开展2024年度重点行业领域生产安全事故隐患排查整治工作的通知")
    assert not any(a.endswith("2024") for a in dated), dated


def test_no_one_word_line_and_quoted_names_that_fit_stay_whole():
    """“关于印发《2017年全区安全生产工作要点》的 / 通知” left 通知 alone under a full line; the
    book title fits on a line, so the clerk's break is before it (a short upper line, 正梯形)."""
    lines = break_title("关于印发《2017年全区安全生产工作要点》的通知")
    assert lines == ["关于印发", "《2017年全区安全生产工作要点》的通知"]
    assert all(text_width_chars(line) > 3 for line in break_title(
        "关于加强全市建筑施工企业安全生产管理人员培训考核工作的通知"))


def test_shapes_are_trapezoids_or_diamonds_never_hourglasses():
    """GB/T 9704: 梯形或菱形 — no line shorter than both its neighbours (an hourglass)."""
    titles = [*TITLES, "关于开展“强安2023”有限空间作业生产安全事故隐患排查整治和“回头看”专项行动的通知",
              "关于印发《遂宁市安居区安全生产“强安2023”监管执法专项行动实施方案》的通知",
              "关于印发《全市重点行业领域事故企业开展集中约谈警示述职专项行动方案》的通知"]
    for title in titles:
        widths = [text_width_chars(line) for line in break_title(title)]
        assert not any(widths[i] < min(widths[i - 1], widths[i + 1]) for i in range(1, len(widths) - 1)), widths
