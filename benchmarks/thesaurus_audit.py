"""Audit data/thesaurus.tsv against the law library: the numbers its review rules rest on.

    python benchmarks/thesaurus_audit.py [--corpus DIR] [--out FILE.tsv]

For every spoken term (the side matched by substring in a query):
- `df`: articles of the library (every 第…条 of ../shared/corpus/lawrefbook) containing it.
  A spoken term with df ≥ HIGH_DF is itself legal wording; its expansions must be close
  synonyms (same meaning, or the sibling words of one legal list), never a narrower term.
- `crossing`: share of its occurrences in the library that straddle a word boundary of jieba's
  precise cut (超过|期限 holds 过期) — a substring trap when high on a term with many
  occurrences; `within`: share lying inside one longer word, with the commonest such words
  (自行车 holds 行车: a trap; 事故隐患 holds 隐患: the same thing), reviewed by hand.
- `inside`: share of the frequency mass of jieba's general dictionary words that contain the
  term without being it (行车 ⊂ 自行车, 行车道 …), with the biggest such words, for the spoken
  register that the laws do not show.
For every legal term: `legal_df`, articles containing it (0 = not the laws' wording).
Prints a summary and the flagged rows; --out writes every row as TSV for the review.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from policydocs.corpus.lawmd import INFO_END  # noqa: E402
from policydocs.text.analyzer import user_dictionary  # noqa: E402
from policydocs.text.thesaurus import thesaurus  # noqa: E402

HIGH_DF = 200      # articles: a spoken term this common is the laws' own wording
SPLIT_FLAG = 0.3   # share of crossing occurrences that flags a trap …
SPLIT_MIN = 20     # … when it has at least this many occurrences
INSIDE_FLAG = 0.5  # share of dictionary mass in longer words that flags a spoken-side trap
SAMPLE = 400       # occurrences cut per term
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百千零〇]+条", re.M)


def library_text(corpus: Path) -> tuple[str, list[int]]:
    """All articles joined by newlines, and the start offset of each article."""
    parts: list[str] = []
    for path in sorted(corpus.rglob("*.md")):
        body = path.read_text(encoding="utf-8", errors="ignore").split(INFO_END, 1)[-1]
        starts = [m.start() for m in _ARTICLE.finditer(body)]
        if not starts:
            continue
        for begin, end in zip(starts, [*starts[1:], len(body)], strict=True):
            parts.append(body[begin:end].replace("\n", " "))
    offsets, position = [], 0
    for part in parts:
        offsets.append(position)
        position += len(part) + 1
    return "\n".join(parts), offsets


def occurrences(text: str, term: str) -> list[int]:
    found, start = [], text.find(term)
    while start != -1:
        found.append(start)
        start = text.find(term, start + 1)
    return found


def article_df(positions: list[int], offsets: list[int]) -> int:
    return len({bisect.bisect_right(offsets, p) for p in positions})


def cut_shares(text: str, term: str, positions: list[int], cut) -> tuple[float, float, list[str]]:
    """(share of sampled occurrences that cross a word boundary of the precise cut, share that
    lie inside one longer word, the commonest such longer words)."""
    if not positions:
        return 0.0, 0.0, []
    step = max(1, len(positions) // SAMPLE)
    sample = positions[::step]
    crossing, within = 0, Counter[str]()
    for p in sample:
        lo, hi = max(0, p - 12), min(len(text), p + len(term) + 12)
        start, end, offset = p - lo, p - lo + len(term), 0
        spans = []
        for word in cut(text[lo:hi]):
            spans.append((offset, offset + len(word), word))
            offset += len(word)
        bounds = {0} | {e for _, e, _ in spans}
        if start in bounds and end in bounds:
            continue
        holder = [w for b, e, w in spans if b <= start and end <= e]
        if holder:
            within[holder[0]] += 1
        else:
            crossing += 1
    return crossing / len(sample), sum(within.values()) / len(sample), [w for w, _ in within.most_common(4)]


def dictionary() -> dict[str, int]:
    import jieba

    words: dict[str, int] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            word, freq, *_ = line.split()
            words[word] = int(freq)
    return words


def inside(term: str, words: dict[str, int], longer: list[str]) -> tuple[float, list[str]]:
    containing = sorted((w for w in longer if term in w and w != term), key=lambda w: -words[w])
    mass = sum(words[w] for w in containing)
    own = words.get(term, 0)
    share = mass / (mass + own) if mass + own else 0.0
    return share, containing[:4]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "lawrefbook")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"找不到法规库 {args.corpus} (corpus not found)", file=sys.stderr)
        return 2
    import rjieba

    for word, freq in user_dictionary():
        rjieba.add_word(word, freq, None)
    text, offsets = library_text(args.corpus)
    words = dictionary()
    entries = thesaurus()
    shortest = min(len(s) for s in entries)
    longer = [w for w in words if len(w) > shortest]
    rows: list[tuple] = []
    legal_df: dict[str, int] = {}
    for spoken, legal in entries.items():
        positions = occurrences(text, spoken)
        df = article_df(positions, offsets)
        split, within, holders = cut_shares(text, spoken, positions, rjieba.cut)
        share, examples = inside(spoken, words, longer)
        for term in legal:
            if term not in legal_df:
                legal_df[term] = article_df(occurrences(text, term), offsets)
        flags: list[str] = []
        if len(spoken) < 2:
            flags.append("one-char")
        if df >= HIGH_DF:
            flags.append("legal-wording")
        if split >= SPLIT_FLAG and len(positions) >= SPLIT_MIN:
            flags.append("crossing")
        if share >= INSIDE_FLAG:
            flags.append("inside")
        if any(legal_df[t] == 0 for t in legal):
            flags.append("legal-missing")
        rows.append((spoken, df, len(positions), split, within, "、".join(holders), share, "、".join(examples),
                     "|".join(f"{t}:{legal_df[t]}" for t in legal), ",".join(flags)))
    header = ("spoken", "df", "occurrences", "crossing", "within", "within_words", "dict_inside",
              "dict_inside_words", "legal:df", "flags")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write("\t".join(header) + "\n")
            for row in rows:
                handle.write("\t".join(f"{v:.2f}" if isinstance(v, float) else str(v) for v in row) + "\n")
    flagged = [r for r in rows if r[-1]]
    counts = Counter(flag for r in rows for flag in r[-1].split(",") if flag)
    print(f"entries {len(rows)}, legal terms {len(legal_df)}, articles {len(offsets)}")
    print("flags: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"))
    for row in flagged:
        word, df, n, cross, inner, holders, share, examples, legal_text, flag_text = row
        print(f"{flag_text:<26} {word:<8} df={df:<5} n={n:<5} cross={cross:.2f} within={inner:.2f} {holders} "
              f"dict={share:.2f} {examples} → {legal_text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
