"""scripts/fit_weights.py: which numbers it fits, how it moves them, and that the file it
writes is what the library loads."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import fit_weights  # noqa: E402
from policydocs.search.weights import RankingWeights  # noqa: E402


def test_parameters_are_stage_two_floats_and_table_entries_but_not_the_unit():
    parameters = fit_weights.parameters(RankingWeights())
    names = {name for name, _ in parameters}
    assert ("lead", None) in parameters and ("authority", "行政法规") in parameters
    assert ("authority", "法律") not in parameters  # the strongest entry is the unit
    assert not any(name == "kind" for name, _ in parameters)  # every pair's answer is a duty: not fitted
    assert not names & fit_weights.FIXED and not any(name.startswith(("use_", "confidence_")) for name in names)


def test_candidates_stay_within_bounds():
    weights = RankingWeights().updated({"cover_floor": 0.8})
    assert max(fit_weights.candidates_for(weights, ("cover_floor", None))) <= 1.0
    assert all(v <= 1.0 for v in fit_weights.candidates_for(weights, ("authority", "司法解释")))
    assert max(fit_weights.candidates_for(weights, ("lead", None))) > 0.3


def test_authority_never_inverts_the_legislative_hierarchy():
    weights = RankingWeights()
    local = fit_weights.candidates_for(weights, ("authority", "地方性法规"))
    assert max(local) <= weights.authority["部门规章"] and min(local) >= weights.authority["地方政府规章"]
    assert max(fit_weights.candidates_for(weights, ("authority", "行政法规"))) <= weights.authority["法律"]


def test_coordinate_descent_finds_a_better_setting_and_ignores_noise():
    """A synthetic objective peaking at lead = 0.6 and flat in every other field."""

    class Objective:
        runs = 0

        def __call__(self, weights: RankingWeights) -> float:
            self.runs += 1
            return 1.0 - abs(weights.lead - 0.6) + 0.0001 * weights.context  # context: below MIN_GAIN

    fitted, best = fit_weights.fit(Objective(), RankingWeights(), rounds=2, log=lambda _: None)
    assert fitted.lead == 0.6 and best == 1.0 + 0.0001 * fitted.context
    assert fitted.context == RankingWeights().context  # a gain below MIN_GAIN moves nothing


def test_written_file_loads_into_the_library_weights(tmp_path):
    weights = RankingWeights().updated({"lead": 0.45, "authority": {"行政法规": 0.8}})
    path = tmp_path / "ranking_weights.json"
    fit_weights.write(path, weights, {"_note": "made by a test", "_date": "2026-12-01"})
    loaded = RankingWeights.load(path)
    assert loaded.lead == 0.45 and loaded.authority["行政法规"] == 0.8 and loaded.authority["法律"] == 1.0
    notes = "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.note.json"))
    text = path.read_text(encoding="utf-8") + notes
    assert "made by a test" in text  # the header note is kept, in the file or beside it


def test_a_change_the_other_laws_do_not_confirm_is_not_kept():
    """Proposers gain from lead = 0.6 and from context = 0.3; the confirming laws only from lead."""

    def propose(weights: RankingWeights) -> float:
        return 1.0 - abs(weights.lead - 0.6) - abs(weights.context - 0.3)

    def confirm(weights: RankingWeights) -> float:
        return 1.0 - abs(weights.lead - 0.6) - abs(weights.context - 0.15)

    fitted, _ = fit_weights.fit(propose, RankingWeights(), rounds=2, log=lambda _: None, validate=confirm)
    assert fitted.lead == 0.6 and fitted.context == RankingWeights().context
