from pathlib import Path

import pytest

from policydocs.text.thesaurus import expansions, thesaurus

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LAWREFBOOK = SHARED / "corpus" / "lawrefbook"


def test_expansions_bridge_spoken_to_legal_terms():
    found = expansions("电焊工无证上岗")
    assert "特种作业人员" in found
    assert len(found) == len(set(found))
    # terms already in the text are not added again
    assert "特种作业人员" not in expansions("电焊工是特种作业人员")


def test_thesaurus_entries_are_non_empty():
    entries = thesaurus()
    assert entries
    for spoken, legal in entries.items():
        assert spoken and legal, spoken


def test_every_legal_term_occurs_in_the_lawrefbook_corpus():
    if not LAWREFBOOK.is_dir():
        pytest.skip(f"{LAWREFBOOK} is absent: the shared LawRefBook corpus is needed for this check")
    terms = {term for legal in thesaurus().values() for term in legal}
    missing = set(terms)
    for path in LAWREFBOOK.rglob("*.md"):
        text = path.read_text(encoding="utf-8", errors="ignore")
        missing = {term for term in missing if term not in text}
        if not missing:
            break
    assert not missing, f"thesaurus legal terms not found in {LAWREFBOOK}: {sorted(missing)}"
