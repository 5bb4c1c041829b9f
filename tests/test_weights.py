"""RankingWeights: defaults, loading from a file, switching mechanisms off by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policydocs.errors import PolicydocsError
from policydocs.kb.build import build_index
from policydocs.search.library import Library
from policydocs.search.weights import RankingWeights

FIXTURES = Path(__file__).parent / "fixtures" / "search"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    index = tmp_path_factory.mktemp("weights") / "idx"
    build_index([FIXTURES], index)
    lib = Library.open(index)
    yield lib
    lib.close()


def test_load_reads_a_partial_file_over_the_defaults(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"lead": 0.5, "authority": {"法律": 0.8}}), encoding="utf-8")
    weights = RankingWeights.load(path)
    assert weights.lead == 0.5
    assert weights.authority["法律"] == 0.8
    assert weights.authority["行政法规"] == RankingWeights().authority["行政法规"]  # dict merged, not replaced


def test_unknown_field_is_a_clear_error(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"no_such_weight": 1}), encoding="utf-8")
    with pytest.raises(PolicydocsError, match="no_such_weight"):
        RankingWeights.load(path)


def test_without_switches_mechanisms_off_by_name():
    weights = RankingWeights().without("thesaurus", "use_order")
    assert not weights.use_thesaurus and not weights.use_order
    assert weights.use_coverage
    assert "use_thesaurus" in RankingWeights.switches()


def test_switching_a_mechanism_off_changes_the_ranking(library):
    text = "电焊工无证上岗"
    on = library._prepare(text).weights
    library.weights, saved = library.weights.without("thesaurus"), library.weights
    try:
        off = library._prepare(text).weights
    finally:
        library.weights = saved
    assert "特种作业人员" in on and "特种作业人员" not in off


def test_note_keys_are_ignored(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"_note": "fitted on pairs", "lead": 0.4}), encoding="utf-8")
    assert RankingWeights.load(path).lead == 0.4


def test_stage_one_can_be_run_once(library):
    text = "电焊工无证上岗"
    cids = library.candidates(text)
    assert cids
    with_given = [(h.citation, h.score) for h in library.search(text, candidates=cids)]
    assert with_given == [(h.citation, h.score) for h in library.search(text)]
