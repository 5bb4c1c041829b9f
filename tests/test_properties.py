"""Property tests: the finder, the numerals, the readers and drafting on arbitrary input.

The promise is "never a traceback for bad input": whatever text a clerk pastes, the finder
returns citations whose spans lie inside that text; whatever bytes a file holds, a reader
returns a Document or raises the project's SourceError — nothing else.
"""

from __future__ import annotations

import contextlib
import zipfile
from pathlib import Path

import docx
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydocs.cite.finder import find_citations
from policydocs.cli import main
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


# -- drafting: front matter with arbitrary values, template syntax printed literally ---------------
_YAML_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | st.dates()
                 | st.datetimes() | st.sampled_from(["2024-13-45", "2022年1月20日", "苏安〔2022〕4号", "{{ x }}", "",
                                                     "- a", ": b", "@c", "000012", "甲\x01乙", "\ufffe"]))
yaml_values = st.recursive(_YAML_SCALARS, lambda children: st.lists(children, max_size=3)
                           | st.dictionaries(st.text(max_size=6), children, max_size=3), max_leaves=6)
_FIELDS = ["kind", "title", "issuer", "mark", "number", "to", "date", "signature", "note", "attachments", "cc",
           "printer", "print_date", "copy_no", "secret", "urgency", "signer", "seal", "basis_appendix",
           "persons", "problems", "time", "place"]
_YAML_ALPHABET = [*"-:{}[]!&*#|>'\"%@`, \n\t?.0123456789年月日abc题目", "date: ", "title: ", "  - ", "\n---\n"]


def _draft_cli(tmp_path: Path, kind: str, front: str) -> tuple[int, str, BaseException | None]:
    source = tmp_path / "src.md"
    source.write_text(f"---\n{front}\n---\n\n# 工作目标\n\n正文。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", kind, str(source), "-o", str(tmp_path / "out.docx"), "--force",
                                       "--index", str(tmp_path / "no-index")])
    return result.exit_code, result.output, result.exception


def _document_or_one_line_error(code: int, output: str, exception: BaseException | None) -> None:
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    if code == 0:
        return
    assert code == 3, output  # a bad input file, nothing else
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误: "), output


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(_FIELDS), yaml_values, max_size=6),
       kind=st.sampled_from(["notice", "plan", "interview"]))
def test_front_matter_with_arbitrary_yaml_values_gives_a_document_or_one_line_error(tmp_path: Path, data, kind):
    data.setdefault("title", "方案")
    front = yaml.safe_dump(data, allow_unicode=True, default_flow_style=False).strip()
    _document_or_one_line_error(*_draft_cli(tmp_path, kind, front))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=st.lists(st.sampled_from(_YAML_ALPHABET), max_size=25).map("".join))
def test_arbitrary_front_matter_text_gives_a_document_or_one_line_error(tmp_path: Path, front: str):
    _document_or_one_line_error(*_draft_cli(tmp_path, "plan", "title: 方案\n" + front))


#: printable text of any script, with template syntax mixed in (docxtpl must not read it)
field_text = st.lists(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp", "Co"))
                      | st.sampled_from(["{{", "}}", "{%", "%}", "{#", "#}", "{{ title }}", "{% if x %}", "\\", "&",
                                       "<"]),
                      min_size=1, max_size=12).map("".join).filter(lambda text: text.strip())


def _squeezed(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=field_text, signature=field_text, note=field_text, issuer=field_text)
def test_template_syntax_and_unicode_in_any_field_appear_literally(tmp_path: Path, title, signature, note, issuer):
    front = yaml.safe_dump({"title": title, "signature": signature, "note": note, "date": "2022-01-20",
                            "number": "安委〔2022〕4号", "to": issuer, "issuer": issuer}, allow_unicode=True)
    code, output, exception = _draft_cli(tmp_path, "notice", front.strip())
    assert code == 0 and exception is None, output
    document = docx.Document(str(tmp_path / "out.docx"))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    body = _squeezed("".join(texts))
    for value in (title, signature, note.strip("（）()"), issuer):
        if _squeezed(value):
            assert _squeezed(value) in body, (value, texts)
