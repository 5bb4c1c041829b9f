"""Stage 1's BM25F sum read off the posting lists is Whoosh's own score for the same Or query."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from policydocs.search.library import Library
from policydocs.search.postings import bm25f_scores


@pytest.fixture(scope="module")
def library(law_index):
    lib = Library.open(law_index)
    yield lib
    lib.close()


def test_scores_equal_whooshs_own(library):
    searcher = library._searchers["national"]
    terms = [("body", "矿灯", 2.5), ("body", "登记", 1.0), ("title", "安全法", 0.7), ("body", "无此词", 3.0)]
    assert searcher.doc_frequency("title", "安全法") and searcher.doc_frequency("body", "登记")  # both fields count
    ours = bm25f_scores(searcher, terms)
    whoosh = searcher.search(wq.Or([wq.Term(field, token, boost=boost) for field, token, boost in terms]), limit=None)
    theirs = {hit.docnum: hit.score for hit in whoosh}
    assert ours and set(ours) == set(theirs)
    assert all(ours[docnum] == pytest.approx(theirs[docnum], rel=1e-9) for docnum in theirs)


def test_a_filter_keeps_only_the_allowed_documents(library):
    searcher = library._searchers["national"]
    everything = bm25f_scores(searcher, [("body", "矿灯", 1.0)])
    allowed = set(sorted(everything)[:2])
    assert set(bm25f_scores(searcher, [("body", "矿灯", 1.0)], allowed)) == allowed
