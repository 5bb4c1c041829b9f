"""The same sources give a byte-identical clause store (links included) and the same Whoosh
document numbering and search results, whatever the hash seed, the process pool or the cache did.

The corpus is 60 invented laws (variants of the fixtures under new titles), enough for the build
to read them with a process pool, plus one law filed twice under two folders (LawRefBook does
that): which copy survives must not depend on which was cached."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policydocs.kb.build import CURRENT, _file_key
from policydocs.search.library import Library

FIXTURES = Path(__file__).parent / "fixtures"
QUERIES = ("起重作业单位未对吊索具进行检查", "特种作业人员无证上岗", "动火作业前清除可燃物", "拒绝监督检查",
           "主要负责人隐瞒不报事故")
# argv: sources, index, the article count from which the largest shard gets a worker process
_BUILD = "import sys; from pathlib import Path; from policydocs.kb import build; " \
         "build.PARALLEL_MIN_ARTICLES = int(sys.argv[3]); build.build_index([Path(sys.argv[1])], Path(sys.argv[2]))"


def _corpus(root: Path) -> Path:
    laws = [*FIXTURES.glob("links/*.md"), *FIXTURES.glob("search/*/*.md"), *FIXTURES.glob("laws/*.md")]
    assert laws
    for n in range(60):
        law = laws[n % len(laws)]
        text = law.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text, re.M)
        assert title
        new_title = f"{title.group(1)}第{n}编"
        folder = root / ("社会法" if n % 2 else "地方性法规")
        folder.mkdir(parents=True, exist_ok=True)
        name = law.name.replace(law.name.split("(")[0], new_title.removeprefix("中华人民共和国"))
        (folder / name).write_text(text.replace(title.group(0), f"# {new_title}", 1), encoding="utf-8")
    # a law whose file name is another name of the title's length (aliases tie on length)
    text = next(FIXTURES.glob("links/*.md")).read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", text, re.M)
    assert title
    (root / "社会法" / "丙丁作业安全法(2024-01-01).md").write_text(
        text.replace(title.group(0), "# 中华人民共和国甲乙作业安全法", 1), encoding="utf-8")
    # the same law and version filed twice
    twice = next(FIXTURES.glob("links/*.md"))
    for folder in ("社会法", "经济法"):
        (root / folder).mkdir(exist_ok=True)
        (root / folder / twice.name).write_text(twice.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def _build(sources: Path, index: Path, seed: str, parallel_from: int = 10**9) -> Path:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = subprocess.run([sys.executable, "-c", _BUILD, str(sources), str(index), str(parallel_from)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return index / (index / CURRENT).read_text(encoding="utf-8").strip()


def _whoosh_numbering(generation: Path) -> dict[str, list]:
    """Per shard, the stored clause id of each Whoosh document number."""
    from whoosh import index as whoosh_index

    numbering = {}
    for shard in sorted((generation / "whoosh").iterdir()):
        ix = whoosh_index.open_dir(shard)
        with ix.searcher() as searcher:
            reader = searcher.reader()
            numbering[shard.name] = [reader.stored_fields(n)["cid"] for n in reader.all_doc_ids()]
    return numbering


def _answers(index: Path) -> list[list[tuple[str, str, str, list[str]]]]:
    library = Library.open(index)
    return [[(hit.citation, f"{hit.score:.6f}", hit.clause.kind, [p.clause.ref.label() for p in hit.penalties])
             for hit in library.search(query, limit=10)] for query in QUERIES]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path, Path, Path]:
    root = tmp_path_factory.mktemp("determinism")
    sources = _corpus(root / "src")
    first = _build(sources, root / "one", "1")
    # a second index: a fresh build under another hash seed with the largest shard written by a
    # worker process, then a rebuild from a half-emptied cache (cached entries come back before
    # freshly parsed ones), the first-filed copy of the twice-filed law among the emptied
    _build(sources, root / "two", "2", parallel_from=1)
    cache = root / "two" / "cache"
    cached = sorted(cache.glob("*.pkl"))
    assert len(cached) >= 50
    twice = sorted(sources.glob(f"*/{next(FIXTURES.glob('links/*.md')).name}"))
    first_copy, second_copy = (cache / f"{_file_key(path, sources)}.pkl" for path in twice)
    emptied = {*cached[::2], first_copy} - {second_copy}
    for path in emptied:
        path.unlink()
    second = _build(sources, root / "two", "3", parallel_from=1)
    return first, second, root / "one", root / "two"


def test_clause_store_is_byte_identical(builds):
    first, second, _, _ = builds
    assert (first / "clauses.sqlite").read_bytes() == (second / "clauses.sqlite").read_bytes()


def test_whoosh_numbers_documents_the_same(builds):
    first, second, _, _ = builds
    numbering = _whoosh_numbering(first)
    assert sum(len(cids) for cids in numbering.values()) > 100
    assert numbering == _whoosh_numbering(second)
    for shard in ("national", "local"):
        assert (first / "whoosh" / shard / "common_terms.json").read_bytes() == \
            (second / "whoosh" / shard / "common_terms.json").read_bytes()


def test_search_results_are_the_same(builds):
    _, _, one, two = builds
    answers = _answers(one)
    assert any(answers), "the queries should find something in the fixture corpus"
    assert answers == _answers(two)


def test_search_results_do_not_depend_on_the_hash_seed(builds):
    _, _, one, two = builds
    script = ("import json, sys; from pathlib import Path; import tests.test_links_determinism as t; "
              "print(json.dumps(t._answers(Path(sys.argv[1])), ensure_ascii=False))")
    outputs = []
    for seed, index in (("5", one), ("6", two)):
        done = subprocess.run([sys.executable, "-c", script, str(index)], env=dict(os.environ, PYTHONHASHSEED=seed),
                              capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[1])
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
