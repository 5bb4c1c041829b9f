"""Stage 1's BM25F sum read off the posting lists is Whoosh's own score for the same Or query."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import query as wq

from policydocs.kb.build import build_index
from policydocs.search.library import Library
from policydocs.search.postings import bm25f_scores

FIXTURES = Path(__file__).parent / "fixtures" / "ranking"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    index = tmp_path_factory.mktemp("postings") / "idx"
    build_index([FIXTURES], index)
    lib = Library.open(index)
    yield lib
    lib.close()


def test_scores_equal_whooshs_own(library):
    searcher = library._searchers["national"]
    terms = [("body", "从业人员", 2.5), ("body", "培训", 1.0), ("title", "安全生产", 0.7), ("body", "无此词", 3.0)]
    ours = bm25f_scores(searcher, terms)
    whoosh = searcher.search(wq.Or([wq.Term(field, token, boost=boost) for field, token, boost in terms]), limit=None)
    theirs = {hit.docnum: hit.score for hit in whoosh}
    assert ours and set(ours) == set(theirs)
    assert all(ours[docnum] == pytest.approx(theirs[docnum], rel=1e-9) for docnum in theirs)


def test_a_filter_keeps_only_the_allowed_documents(library):
    searcher = library._searchers["national"]
    everything = bm25f_scores(searcher, [("body", "从业人员", 1.0)])
    allowed = set(sorted(everything)[:2])
    assert set(bm25f_scores(searcher, [("body", "从业人员", 1.0)], allowed)) == allowed
