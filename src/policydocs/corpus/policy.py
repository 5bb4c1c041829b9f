"""Reader for policy documents (通知, 实施方案, 工作要点 …): Markdown with YAML front matter, or
plain text as extracted from PDF/Word, into a `Document` whose clauses are the numbered parts
一、/（一）/1./（1） and 附件N, each addressed by `ClauseRef(section="附件2二（一）1.")`.

Front matter fields (all strings; only `title` is required)::

    title:    full title, e.g. 关于印发《…》的通知
    number:   文号, e.g. 苏安〔2022〕4号
    issuer:   issuing body, e.g. 苏州市安全生产委员会
    date:     signing date, YYYY-MM-DD (a YAML date is accepted too) → promulgated/version_date
    effective: date it takes effect, YYYY-MM-DD (default: date)
    kind:     document kind as the text names it (通知, 实施方案, 工作要点 …); informative only
    region:   "江苏/苏州市" style (default: derived from issuer)
    category: a key of model.AUTHORITY (default 规范性文件: a policy document is read as a
              normative document whoever issued it; front matter may say 工作文件)
    aliases:  list of other names
    source:   where the text came from (provenance, informative only)
    year:     the year, when the text gives no full date (informative only)

Extraction residue handled for plain text: page numbers (— 10 —, -3-), (此页无正文), "- "
bullets, lines broken mid-sentence, tables as one row per line (cells TAB-separated) or one
cell per line (each cell starting with a TAB, as the seeds' PDF extractions have them).
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from policydocs.corpus.lawmd import doc_id_for
from policydocs.corpus.lawtree import classify
from policydocs.corpus.metadata import region_from
from policydocs.errors import SourceError
from policydocs.model import AUTHORITY, Clause, ClauseRef, Document
from policydocs.text.dates import ARABIC_DATE, ISO_DATE, parse_date
from policydocs.text.decoding import UndecodableText, decode_text
from policydocs.text.docnumber import DOC_NUMBER
from policydocs.text.headings import IN_SOURCES
from policydocs.text.normalize import normalize_line

#: a table row: its cells, already normalised (a cell may hold several lines)
Row = tuple[str, ...]
#: one unit of cleaned text: a text line or a table row
Item = str | Row

DEFAULT_CATEGORY = "规范性文件"
PREAMBLE_LABEL = "正文"
ATTACHMENT_LIST_LABEL = "附件目录"

_ATTACHMENT_START = re.compile(r"^附件\s*(\d*)\s*[：:]?$")
_ATTACHMENT_LIST = re.compile(r"^附件\s*[：:]\s*\S")
_NUMBER = DOC_NUMBER
_DATE_LINE = re.compile(rf"^{ARABIC_DATE.pattern}$")
_ISSUER = re.compile(r"(?:委员会|办公室|人民政府|管委会|管理局|应急管理局)$")
_PAGE_NUMBER = re.compile(r"^[—–\-－~]*\s*\d{1,3}\s*[—–\-－~]*$")
_NO_TEXT = re.compile(r"^[（(]此页无正文[）)]$")
_BULLET = re.compile(r"^[-•·]\s+")
_TERMINAL = tuple("。；：！？;:!?…")
_TITLE_END = re.compile(r"(?:方案|要点|通知|办法|规定|意见|决定|报告|计划|表|）|\))$")
_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff ]{1,8}[：:]")
_ENDS_WITH_DATE = re.compile(r"\d{1,2}\s*日$|印发$")
_TABLE_END = re.compile(r"^(?:附件\s*\d*\s*[：:]?$|(?:负责人|审核人|填报人|填表人|注)\s*[：:])")
_CLOSING = re.compile(r"^[（(]此件.{0,8}公开[）)]$|^抄\s*[送报]\s*[：:]|印发$")
_NOTE = re.compile(r"^注\s*[：:]")
_INTEGER_CELL = re.compile(r"^\d{1,3}$")
_HTML_BREAK = re.compile(r"</p>\s*<p>|<br\s*/?>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?p>", re.IGNORECASE)

# Prefecture-level cities of the provinces our documents come from, for issuers that name only
# their city (苏州市安全生产委员会). Extend when documents from other provinces arrive.
_CITY_PROVINCE = {
    city: province
    for province, cities in {
        "江苏": "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁",
        "四川": "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳",
    }.items()
    for city in cities.split()
}


# -- extraction residue -------------------------------------------------------------------

def clean_lines(raw_lines: list[str], join_broken: bool = True) -> list[Item]:
    """Normalised text lines and table rows, with page numbers, (此页无正文) and bullets removed;
    with `join_broken`, lines broken mid-sentence by the extraction are joined again."""
    items: list[Item] = []
    cells: list[list[str]] | None = None  # open run of one-cell-per-line table cells
    for raw in raw_lines:
        line = normalize_line(raw)
        if cells is not None:
            if raw.startswith("\t") or not _TABLE_END.match(line):
                _add_cell_parts(cells, raw)
                continue
            items.extend(_cells_to_rows(cells))
            cells = None
        if raw.startswith("\t"):
            cells = []
            _add_cell_parts(cells, raw)
            continue
        if "\t" in raw.strip():
            row = tuple(_clean_cell(cell) for cell in raw.split("\t"))
            items.append(_trim_row(row))
            continue
        line = _BULLET.sub("", line)
        if line and not _PAGE_NUMBER.match(line) and not _NO_TEXT.match(line):
            items.append(line)
    if cells is not None:
        items.extend(_cells_to_rows(cells))
    items = _drop_repeated_headers(items)
    return _join_broken(items) if join_broken else items


def _clean_cell(text: str) -> str:
    text = _HTML_TAG.sub("", _HTML_BREAK.sub("\n", text))
    return "\n".join(part for part in (normalize_line(p) for p in text.split("\n")) if part)


def _trim_row(row: Row) -> Row:
    cells = list(row)
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _add_cell_parts(cells: list[list[str]], raw: str) -> None:
    """A line of a one-cell-per-line table: text before the first TAB continues the open cell,
    every TAB starts a new cell."""
    head, *new_cells = raw.split("\t")
    if normalize_line(head) and not _PAGE_NUMBER.match(normalize_line(head)):
        if not cells:
            cells.append([])
        cells[-1].append(normalize_line(head))
    for part in new_cells:
        text = normalize_line(part)
        cells.append([text] if text else [])


def _cell_text(parts: list[str]) -> str:
    # vertical labels (总体/情况) were split every few characters: join those without a break
    text = parts[0] if parts else ""
    for previous, part in itertools.pairwise(parts):
        text += part if len(previous) <= 4 else "\n" + part
    return text


def _is_label_cell(text: str) -> bool:
    return bool(text) and len(text) <= 16 and not re.search(r"[。；，、：（）]", text)


def _cells_to_rows(cell_parts: list[list[str]]) -> list[Item]:
    """Rows of a one-cell-per-line table. Row boundaries are not in the text; they are inferred:
    a 序号 cell (a bare integer) starts a row once the current row holds two or more cells; when
    the 序号 column is not the first, the merged group label just before it (主要负责人, 总体情况)
    moves along. A non-empty cell after two or more empty ones also starts a row (empty forms).
    A caption written into the table's first cell (填报单位：… 时间：…) is returned as text."""
    texts = [_cell_text(parts) for parts in cell_parts]
    captions: list[Item] = []
    while texts and _LABEL_LINE.match(texts[0]):
        captions.append(texts.pop(0))
    rows: list[list[str]] = [[]]
    number_column: int | None = None
    empty_run = 0
    for text in texts:
        row = rows[-1]
        if number_column is None and "序号" in row:
            number_column = row.index("序号")
        if _INTEGER_CELL.match(text) and sum(1 for c in row if c) >= 2:
            carry = bool(number_column) and _is_label_cell(row[-1]) and not _INTEGER_CELL.match(row[-1])
            row = [row.pop()] if carry else []
            row += [""] * ((number_column or 0) - len(row))  # keep 序号 in its column
            rows.append(row)
        elif text and empty_run >= 2 and any(row):
            rows.append([])
            row = rows[-1]
        row.append(text)
        if number_column is None and _INTEGER_CELL.match(text):
            number_column = len(row) - 1
        empty_run = 0 if text else empty_run + 1
    return captions + [r for r in (_trim_row(tuple(r)) for r in rows) if r]


def _drop_repeated_headers(items: list) -> list:
    """A table header repeated on every page of the PDF is residue: keep only the first."""
    out: list = []
    header: Row | None = None
    for item in items:
        if isinstance(item, tuple):
            if header is None:
                header = item
            elif item == header:
                continue
        else:
            header = None
        out.append(item)
    return out


def _marker(line: str) -> tuple[int, str, str] | None:
    """(level, label part, rest of line) for a numbered line: 二、→(1,"二"), （一）→(2,"（一）"),
    1. / 1、 / 1．→(3,"1."), （1）→(4,"（1）")."""
    for level, pattern in IN_SOURCES:
        match = pattern.match(line)
        if match:
            number = match.group(1)
            part = {1: number, 2: f"（{number}）", 3: f"{number}.", 4: f"（{number}）"}[level]
            return level, part, match.group(2)
    return None


def _starts_structure(line: str) -> bool:
    return bool(_marker(line) or line.startswith(("附件", "关于")) or _NUMBER.fullmatch(line)
                or _DATE_LINE.match(line))


def _continues(previous: str, line: str) -> bool:
    """Is `line` the rest of a sentence the extraction broke after `previous`?"""
    if previous.endswith(_TERMINAL) or _starts_structure(line) or _LABEL_LINE.match(line):
        return False
    if _NUMBER.fullmatch(previous) or _DATE_LINE.match(previous) or _ENDS_WITH_DATE.search(previous):
        return False
    if _ATTACHMENT_START.match(previous) or (_ISSUER.search(previous) and len(previous) <= 30):
        return False
    if _TITLE_END.search(previous) and len(previous) <= 60:
        return False
    short_rest = len(line) <= 12 and not line.endswith(_TERMINAL)
    # a heading such as （一）健全两项工作制度, followed by its body text, is not joined
    return not (_marker(previous) and "。" not in previous and not short_rest
                and (len(previous) <= 30 or previous.endswith(("）", ")"))))


def _join_broken(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        if out and isinstance(item, str) and isinstance(out[-1], str) and _continues(out[-1], item):
            out[-1] = out[-1] + item
        else:
            out.append(item)
    return out


# -- header metadata ----------------------------------------------------------------------

@dataclass(slots=True)
class Header:
    """What a policy text says about itself in its head and signature."""

    title: str = ""
    number: str = ""
    issuer: str = ""
    date: str = ""  # ISO
    #: index of the first item after the head (issuer, 文号 and title lines)
    body_start: int = 0


def read_header(items: list[Item]) -> Header:
    """Title (关于…的通知), 文号, issuer and date from the head and the signature of a text."""
    header = Header()
    for index, item in enumerate(items[:8]):
        if not isinstance(item, str) or _marker(item) or item.endswith("：") or len(item) > 80:
            break
        if _NUMBER.fullmatch(item):
            header.number = item
        elif item.startswith("关于") and not header.title:
            header.title = item
        elif _ISSUER.search(item) and not header.issuer and not header.title:
            header.issuer = item
        elif not header.title:
            header.title = item
        else:
            break
        header.body_start = index + 1
    if not header.number:
        found = next((_NUMBER.search(i) for i in items[:5] if isinstance(i, str) and _NUMBER.search(i)), None)
        header.number = found.group(0) if found else ""
    for index, item in enumerate(items):
        if isinstance(item, str) and _DATE_LINE.match(item):
            header.date = parse_date(item.replace(" ", ""))
            previous = items[index - 1] if index else ""
            if not header.issuer and isinstance(previous, str) and _ISSUER.search(previous):
                header.issuer = previous
            break
    return header


def region_for_issuer(issuer: str) -> str:
    """江苏/苏州市 for 苏州市安全生产委员会; the province alone when only it is named; 全国 when
    the issuer names no known place."""
    region = region_from(issuer, ())
    if region != "全国":
        return region
    match = re.match(r"^(.{2,3}?)市", issuer)
    if match and match.group(1) in _CITY_PROVINCE:
        return f"{_CITY_PROVINCE[match.group(1)]}/{match.group(1)}市"
    return "全国"


# -- clause tree --------------------------------------------------------------------------

@dataclass(slots=True)
class _Node:
    label: str
    headings: tuple[str, ...]
    lines: list[str] = field(default_factory=list)
    lead: str = ""


def _heading_text(line: str) -> str:
    """The short title a numbered line gives its children: up to the first 。/：, at most 30 chars."""
    title = re.split(r"[。：]", line, maxsplit=1)[0]
    return title if len(title) <= 30 else title[:30] + "…"


def _is_closing(line: str, issuer: str) -> bool:
    """Signature, date, 公开 and 抄送 lines: metadata, not part of any numbered part."""
    signature = len(line) <= 30 and _ISSUER.search(line) and not re.search(r"[，。；：]", line)
    return bool(_DATE_LINE.match(line) or _CLOSING.search(line) or line == issuer or signature)


class _TreeBuilder:
    """Walks cleaned items once, opening a node at every numbered line, attachment and table row."""

    def __init__(self, issuer: str):
        self.issuer = issuer
        self.nodes: list[_Node] = []
        self.prefix = ""  # 附件N of the attachment being read
        self.attachment_heading: tuple[str, ...] = ()
        self.stack: list[tuple[int, str, str]] = []  # (level, label part, heading)
        self.current: _Node | None = None
        self.in_list = False  # inside 附件：1.… 2.… (the list of attachments)
        self.table_header: Row | None = None
        self.header_node: _Node | None = None
        self.tables: dict[str, int] = {}  # tables seen per parent label, for row labels
        self.row_number = 0

    def _open(self, label: str, headings: tuple[str, ...]) -> _Node:
        node = _Node(label, headings)
        self.nodes.append(node)
        self.current = node
        return node

    def _context(self) -> tuple[str, ...]:
        return self.attachment_heading + tuple(heading for _, _, heading in self.stack)

    def add_line(self, line: str) -> None:
        self.table_header = None
        start = _ATTACHMENT_START.match(line)
        if start:
            self.prefix = f"附件{start.group(1)}" if start.group(1) else self.prefix + "附件"
            self.stack, self.in_list, self.attachment_heading = [], False, ()
            self._open(self.prefix, ())
            return
        if _ATTACHMENT_LIST.match(line):
            self.in_list = True
            self._open(self.prefix + ATTACHMENT_LIST_LABEL, self.attachment_heading).lines.append(line)
            return
        if _is_closing(line, self.issuer):
            self.in_list = False
            return
        if _NOTE.match(line) and self.current is not None:
            self.in_list = True  # 注：1.… 2.… are notes, not numbered parts
            self.current.lines.append(line)
            return
        marker = _marker(line)
        if self.in_list and marker and marker[0] == 3 and self.current is not None:
            self.current.lines.append(line)
            return
        self.in_list = False
        if marker:
            level, part, _ = marker
            while self.stack and self.stack[-1][0] >= level:
                self.stack.pop()
            context = self._context()
            self.stack.append((level, part, _heading_text(line)))
            self._open(self.prefix + "".join(p for _, p, _ in self.stack), context).lines.append(line)
            return
        node = self.current if self.current is not None else self._open(PREAMBLE_LABEL, ())
        if node.label == self.prefix and self.prefix and not node.lines:
            self.attachment_heading = (f"{self.prefix} {line}",)  # the attachment's title
        node.lines.append(line)

    def add_row(self, row: Row) -> None:
        """The first row of a table is its header: the lead of the rows below it, or a clause
        of its own when no row follows (an empty form)."""
        parent = self.current.label if self.current else (self.prefix or PREAMBLE_LABEL)
        if self.table_header is None and has_number_cell(row):
            self.add_row(())  # a table without a header row: its first row is data already
        if self.table_header is None:
            self.table_header = row
            self.tables[parent] = self.tables.get(parent, 0) + 1
            self.row_number = 0
            self.header_node = _Node(f"{parent}表{self.tables[parent]}行1", self._context(), [_row_text(row)])
            self.nodes.append(self.header_node)
            return
        if self.row_number == 0 and self.header_node is not None:
            self.nodes.remove(self.header_node)
            self.header_node = None
        self.row_number += 1
        self.nodes.append(_Node(f"{parent}表{self.tables[parent]}行{self.row_number}", self._context(),
                                [_row_text(row)], _row_text(self.table_header)))


def has_number_cell(row: Row) -> bool:
    """A row with a bare number (序号) is a data row, never a table header."""
    return any(_INTEGER_CELL.match(cell) for cell in row)


def _row_text(row: Row) -> str:
    return " | ".join(cell for cell in row if cell)


def build_policy_clauses(doc_id: str, items: list[Item], issuer: str = "") -> list[Clause]:
    """The flat clause list of a policy text (see module docstring); labels are unique within
    the document (an irregularly repeated number gets a suffix -2, -3 …)."""
    builder = _TreeBuilder(issuer)
    for item in items:
        if isinstance(item, tuple):
            builder.add_row(item)
        else:
            builder.add_line(item)
    clauses: list[Clause] = []
    seen: dict[str, int] = {}
    for node in builder.nodes:
        text = "\n".join(node.lines)
        if not text:
            continue
        seen[node.label] = seen.get(node.label, 0) + 1
        label = node.label if seen[node.label] == 1 else f"{node.label}-{seen[node.label]}"
        clauses.append(Clause(doc_id, ClauseRef(section=label), text, node.lead, node.headings,
                              classify(text, node.headings)))
    return clauses


# -- documents ----------------------------------------------------------------------------

def split_front_matter(text: str, path: Path) -> tuple[dict, list[str]] | None:
    """(front matter, body lines) of a Markdown text, None when it has no front matter.

    Raises SourceError for unterminated or malformed YAML, or front matter that is not a mapping.
    """
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        raise SourceError(f"{path}：YAML 文件头没有结束标记 ---")
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"第{mark.line + 2}行" if mark is not None else ""
        problem = getattr(error, "problem", None) or "无法解析"
        raise SourceError(f"{path}：YAML 文件头格式错误（{where}{problem}）") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(f"{path}：YAML 文件头应为“字段: 值”形式")
    return meta, lines[end + 1:]


def _date_field(meta: dict, name: str, path: Path) -> str:
    value = meta.get(name)
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    if ISO_DATE.fullmatch(text):
        return text
    parsed = parse_date(text)
    if not parsed:
        raise SourceError(f"{path}：YAML 文件头字段 {name} 不是日期（应为 YYYY-MM-DD）：{text}")
    return parsed


def document_from_meta(meta: dict, path: Path) -> Document:
    """A Document (without clauses) from front-matter fields; errors name the file and field."""
    title = normalize_line(str(meta.get("title") or ""))
    if not title:
        raise SourceError(f"{path}：YAML 文件头缺少 title（标题）")
    category = str(meta.get("category") or DEFAULT_CATEGORY)
    if category not in AUTHORITY:
        raise SourceError(f"{path}：YAML 文件头 category 无效：{category}（可选：{'、'.join(AUTHORITY)}）")
    aliases = meta.get("aliases") or []
    if not isinstance(aliases, list):
        raise SourceError(f"{path}：YAML 文件头 aliases 应为列表")
    number = normalize_line(str(meta.get("number") or ""))
    issuer = normalize_line(str(meta.get("issuer") or ""))
    date = _date_field(meta, "date", path)
    return Document(
        doc_id=doc_id_for(title, date or number),
        title=title,
        category=category,
        source=str(path),
        aliases=sorted({title, *(str(a) for a in aliases)}, key=lambda name: (len(name), name)),
        issuer=issuer,
        number=number,
        promulgated=date,
        effective=_date_field(meta, "effective", path) or date,
        version_date=date,
        region=str(meta.get("region") or region_for_issuer(issuer)),
    )


def markdown_items(body: list[str]) -> list[Item]:
    """Items of a Markdown body written by us: text lines (heading marks dropped) and pipe-table
    rows (the separator row dropped, <br> back to line breaks)."""
    items: list[Item] = []
    for raw in body:
        line = raw.strip()
        if line.startswith("|"):
            if re.fullmatch(r"\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*", line):
                continue
            cells = re.split(r"(?<!\\)\|", line.strip("|"))
            items.append(_trim_row(tuple(_clean_cell(c.replace("\\|", "|")) for c in cells)))
            continue
        line = normalize_line(re.sub(r"^#+\s*", "", line))
        if line and not line.startswith("<!--"):
            items.append(line)
    return items


def read_policy_markdown(path: Path, root: Path | None = None) -> Document:
    """A policy document from Markdown with front matter (the project's corpus/ format)."""
    parsed = split_front_matter(_read_text(path), path)
    if parsed is None:
        raise SourceError(f"{path}：缺少 YAML 文件头（以 --- 开始的 title、number 等字段）")
    return policy_document(*parsed, path)


def policy_document(meta: dict, body: list[str], path: Path) -> Document:
    """A policy document from already split front matter and Markdown body lines."""
    document = document_from_meta(meta, path)
    document.clauses = build_policy_clauses(document.doc_id, markdown_items(body), document.issuer)
    return document


def read_policy_lines(lines: list[str], path: Path, join_broken: bool = True) -> Document:
    """A policy document from raw lines of extracted text or .docx; metadata from its own head."""
    items = clean_lines(lines, join_broken)
    header = read_header(items)
    title = header.title or path.stem
    document = Document(
        doc_id=doc_id_for(title, header.date or header.number),
        title=title,
        category=DEFAULT_CATEGORY,
        source=str(path),
        aliases=[title],
        issuer=header.issuer,
        number=header.number,
        promulgated=header.date,
        effective=header.date,
        version_date=header.date,
        region=region_for_issuer(header.issuer),
    )
    document.clauses = build_policy_clauses(document.doc_id, items[header.body_start:], header.issuer)
    return document


def _read_text(path: Path) -> str:
    try:
        return decode_text(path.read_bytes())
    except (OSError, UndecodableText) as error:
        raise SourceError(f"无法读取 {path}：{type(error).__name__}（应为 UTF-8 或 GB18030 文本）") from None
