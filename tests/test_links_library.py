"""Every `explicit` link over the whole law library agrees with the reference text it came from:
the penalty names the duty's article (violation phrases such as 违反本法第X条规定), and when that
reference names a 款 or 项 of the article, the duty is that 款/项 (or the article or 款 above it,
which carries its units' penalties).

Links are computed in-process with the current rules for every current law of ../shared that
names an article of itself (about 1,500 laws, ~30 s); the check reads the raw penalty text with
its own small parser rather than the linker's. Skips without ../shared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policydocs.corpus.lawmd import read_law_markdown
from policydocs.kb.links import compute_links
from policydocs.model import Clause, ClauseRef
from policydocs.text.numerals import int_to_cn

LIBRARY = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "lawrefbook"
_REFERENCE_OPENING = re.compile(r"(?:违反|未依照|未按照|未按|不依照|不按照|依照|未(?:依法)?履行|不(?:依法)?履行)"
                                r"本(?:法|条例|规定|办法)第")
_NUMBER = r"[（(]?([一二三四五六七八九十百零]+)[）)]?"
_UNITS_AFTER = re.compile(rf"[、和或者及至的]*第{_NUMBER}([款项])")


_NUMERAL = r"[（(]?[一二三四五六七八九十百零]+[）)]?"
#: a shorthand list writing 第 and the unit once: 第三、四项, 第（三）、（四）项, 第十二、十三条, 第三至五项
_SHORTHAND = re.compile(rf"第({_NUMERAL}(?:(?:、|和|及|或者|至)第?{_NUMERAL})+)([条款项])")
_SHORTHAND_SEPARATOR = re.compile(r"(、|和|及|或者|至)")


def _expanded(text: str) -> str:
    """The text with each shorthand list written out (第三、四项 → 第三项、第四项)."""
    def write_out(match: re.Match[str]) -> str:
        pieces = _SHORTHAND_SEPARATOR.split(match.group(1))
        return "".join(piece if index % 2 else f"第{piece.removeprefix('第')}{match.group(2)}"
                       for index, piece in enumerate(pieces))
    return _SHORTHAND.sub(write_out, text)


def _penalty_source(penalty: Clause, article_text: str) -> str:
    if penalty.ref.item is not None:
        return penalty.lead + penalty.text
    return penalty.text if penalty.ref.paragraph is not None else article_text


def _allowed(source: str, article: int) -> tuple[bool, set[tuple[str, int]]] | None:
    """How `source`'s references name `article`: None when they never do; else (whole article
    named somewhere, the (款|项, number) units named after it)."""
    source = _expanded(source)
    spans = [m.end() - 1 for m in _REFERENCE_OPENING.finditer(source)]
    label = f"第{int_to_cn(article)}条"
    whole = False
    units: set[tuple[str, int]] = set()
    named = False
    for start in spans:
        run = re.match(r"(?:[、和或者及至的]*第[（(]?[一二三四五六七八九十百零]+[）)]?[条款项])+", source[start:])
        if not run:
            continue
        text = run.group()
        for position in [m.start() for m in re.finditer(label, text)]:
            named = True
            after = text[position + len(label):]
            chain = re.match(r"(?:[、和或者及至的]*第[（(]?[一二三四五六七八九十百零]+[）)]?[款项])*", after).group()
            if not chain:
                whole = True
            previous: dict[str, int] = {}
            for unit in _UNITS_AFTER.finditer(chain):
                kind, number = unit.group(2), _cn(unit.group(1))
                if "至" in unit.group() and kind in previous:  # 第一项至第四项
                    units.update((kind, n) for n in range(previous[kind], number))
                units.add((kind, number))
                previous[kind] = number
        # ranges of articles: 第十条至第十五条
        for low, high in re.findall(r"第([一二三四五六七八九十百零]+)条至第([一二三四五六七八九十百零]+)条", text):
            if _cn(low) < article < _cn(high):
                named = whole = True
    return (whole, units) if named else None


def _cn(text: str) -> int:
    from policydocs.text.numerals import cn_to_int

    return cn_to_int(text)


def _consistent(duty: ClauseRef, allowed: tuple[bool, set[tuple[str, int]]], single_paragraph: bool) -> bool:
    whole, units = allowed
    if whole or not units:
        return True
    paragraphs = {n for kind, n in units if kind == "款"}
    items = {n for kind, n in units if kind == "项"}
    if duty.paragraph is None and duty.item is None:
        return True  # the article carries its units' penalties
    if paragraphs and duty.paragraph is not None and duty.paragraph not in paragraphs:
        return False
    if paragraphs and duty.paragraph is None and not (single_paragraph and 1 in paragraphs):
        return False
    return not items or duty.item is None or duty.item in items


@pytest.fixture(scope="module")
def library_links() -> list[tuple[str, Clause, Clause, str, bool]]:
    """(law, duty, penalty, the penalty's reference text, whether the duty's article has one 款)."""
    if not LIBRARY.is_dir():
        pytest.skip("../shared/corpus/lawrefbook not present")
    found = []
    for path in sorted(LIBRARY.rglob("*.md")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        if not _REFERENCE_OPENING.search(raw):
            continue
        try:
            document = read_law_markdown(path)
        except (ValueError, OSError):
            continue
        clauses = document.clauses
        article_text = {c.ref.article: c.text for c in clauses if c.ref.depth == "article"}
        with_paragraphs = {c.ref.article for c in clauses if c.ref.paragraph is not None}
        for duty_id, penalty_id, how in compute_links([document], [0]):
            if how == "explicit":
                penalty = clauses[penalty_id]
                found.append((document.title, clauses[duty_id], penalty,
                              _penalty_source(penalty, article_text.get(penalty.ref.article, "")),
                              clauses[duty_id].ref.article not in with_paragraphs))
    assert len(found) > 10000, "the library should give thousands of explicit links"
    return found


def test_shorthand_lists_are_written_out():
    assert _expanded("违反本条例第十条第三、四项规定") == "违反本条例第十条第三项、第四项规定"
    assert _expanded("违反本办法第六、十一、十二条规定") == "违反本办法第六条、第十一条、第十二条规定"
    assert _expanded("第（一）、（二）项") == "第（一）项、第（二）项"
    assert _allowed("违反本条例第十条第三、四项规定的", 10) == (False, {("项", 3), ("项", 4)})


def test_every_explicit_link_names_the_duty_article(library_links):
    wrong = [(title, duty.ref.label(), penalty.ref.label()) for title, duty, penalty, source, _ in library_links
             if _allowed(source, duty.ref.article) is None]
    assert not wrong, f"{len(wrong)} explicit links whose penalty never names the duty's article: {wrong[:10]}"


def test_every_explicit_link_respects_the_paragraph_and_item_named(library_links):
    wrong = []
    for title, duty, penalty, source, single in library_links:
        allowed = _allowed(source, duty.ref.article)
        if allowed is None:
            continue
        if not _consistent(duty.ref, allowed, single):
            wrong.append((title, duty.ref.label(), penalty.ref.label()))
    assert not wrong, f"{len(wrong)} of {len(library_links)} explicit links reach a 款/项 the penalty does not " \
                      f"name: {wrong[:10]}"
