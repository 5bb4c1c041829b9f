"""Property tests: the finder, the numerals and the readers on arbitrary input.

The promise is "never a traceback for bad input": whatever text a clerk pastes, the finder
returns citations whose spans lie inside that text; whatever bytes a file holds, a reader
returns a Document or raises the project's SourceError — nothing else.
"""

from __future__ import annotations

import contextlib
import zipfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydocs.cite.finder import find_citations
from policydocs.corpus.readers import read_source
from policydocs.errors import SourceError
from policydocs.model import Document
from policydocs.text.numerals import cn_to_int, int_to_cn

#: characters that make the finder work hard: numerals, units, book-title marks, separators
_LEGAL_ALPHABET = list("第一二三四五六七八九十百千零〇两条款项目章节《》〈〉（）()、，,；。：:“”\"至到—-"
                       "本法条例规定前款新年修正订版号〔〕0123456789 \n\t")
legal_text = st.text(alphabet=st.sampled_from(_LEGAL_ALPHABET) | st.characters(), max_size=300)


@settings(max_examples=300, deadline=None)
@given(legal_text)
def test_finder_never_raises_and_spans_lie_inside_the_text(text):
    for citation in find_citations(text):
        assert 0 <= citation.start <= citation.end <= len(text)
        assert citation.written == text[citation.start:citation.end]
        assert citation.line >= 1 and citation.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["《中华人民共和国安全生产法》", "安全生产法", "本法", "前款", "、", "至", "和",
                                 "第九十七条", "第二款", "第三项", "第一百零二条", "第三条第六条", "规定：“", "”"]),
                max_size=12))
def test_finder_on_citation_shaped_fragments(parts):
    text = "".join(parts)
    for citation in find_citations(text):
        assert 0 <= citation.start <= citation.end <= len(text)


@given(st.integers(min_value=1, max_value=9999))
def test_numerals_round_trip(number):
    assert cn_to_int(int_to_cn(number)) == number


@given(st.text(max_size=20))
def test_cn_to_int_raises_only_value_error(text):
    with contextlib.suppress(ValueError):
        cn_to_int(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".md", ".txt", ".docx"]))
def test_readers_never_raise_anything_but_source_error(tmp_path: Path, data: bytes, suffix: str):
    path = tmp_path / f"随机{suffix}"
    path.write_bytes(data)
    try:
        document = read_source(path)
    except SourceError as error:
        assert str(error)
    else:
        assert isinstance(document, Document)


def test_a_docx_whose_body_is_cut_short_is_a_source_error(tmp_path: Path):
    """A valid zip whose word/document.xml ends mid-element (a download cut off)."""

    good = tmp_path / "完整.docx"
    document = docx.Document()
    document.add_paragraph("第一条 为了测试，制定本办法。")
    document.save(str(good))

    damaged = tmp_path / "损坏.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    try:
        read_source(damaged)
    except SourceError as error:
        assert "损坏.docx" in str(error)
    else:
        raise AssertionError("a cut-short document.xml must not read as a document")
