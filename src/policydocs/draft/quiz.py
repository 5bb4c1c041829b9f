"""A 安全生产知识测试 made only from clause text: 填空 on amounts, time limits and subjects, 判断
from a clause and a minimal change of one of its facts, 单选 "which clause punishes …" with
distractors from the same law's other penalties, 多选 from a list article's items.

Nothing is written freely: a stem is a sentence of the clause (with a blank, or one fact
changed), an option is a citation or an item of a list article. The same seed gives the same
questions: candidates are built in the material's order and drawn by `random.Random(seed)`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from policydocs.draft.briefing_model import DutyText, PenaltyText, Question
from policydocs.text.headings import ITEM
from policydocs.text.numerals import CN_NUMERAL_CHARS

KINDS = ("单选", "多选", "判断", "填空")
LETTERS = "ABCD"
BLANK = "______"
MAX_SENTENCE = 110
_NUM = rf"[{CN_NUMERAL_CHARS}\d]+"
#: the facts a 填空 blanks and a 判断 changes: money, shares, multiples, time limits, frequencies
FACT = re.compile(rf"{_NUM}万?元|百分之{_NUM}|{_NUM}倍|{_NUM}个?(?:小时|日|天|月|年)(?=内|以内|前|后)"
                  rf"|每(?:年|半年|季度|月|周|日|班)(?:至少)?(?:组织)?{_NUM}次")
#: subjects a 填空 may ask for (the parties of kb/links.py that trainers ask about)
SUBJECTS = ("主要负责人", "安全生产管理人员", "特种作业人员", "从业人员", "单位负责人")
_DIGIT_SWAP = {"一": "二", "二": "三", "两": "三", "三": "五", "四": "六", "五": "八", "六": "八", "七": "九",
               "八": "六", "九": "七", "十": "二十", "百": "千", "千": "百"}
_LISTED = re.compile(r"下列([^：:，。]{1,8})[：:]$")
#: a reference to another part of the law (本法第七条, 前款): a stem without its clause's
#: citation could not say which law it means, so such sentences are not asked about
_RELATIVE = re.compile(r"本(?:法|条例|规定|办法|细则|决定)第|本条第|前款|前[一二三两]款")
#: 违反本法第七条第二款规定， — left out of a 单选 stem (marked ……), it would give the answer away
_BREACHED = re.compile(r"违反本(?:法|条例|规定|办法|细则|决定)第[^，。；]{1,20}?规定，")


@dataclass(slots=True)
class Pools:
    """What distractors are drawn from: each law's penalty citations and list items."""

    penalties: dict[str, list[str]] = field(default_factory=dict)  # law → article citations
    items: dict[str, list[str]] = field(default_factory=dict)  # law → items of its list clauses


def item_text(line: str) -> str:
    """An item of a list article without its label and closing mark: （一）组织制定…； → 组织制定…"""
    return ITEM.sub("", line.strip()).rstrip("；;。，,")


def _sentences(text: str) -> list[str]:
    """The clause's sentences short enough to ask about (a long one by its 分句 of ；); a list
    clause's lead-in and items are left out (an item alone has no subject)."""
    found = []
    for line in text.split("\n"):
        line = line.strip()
        if not line or ITEM.match(line) or line.endswith(("：", ":")):
            continue
        for sentence in re.split(r"(?<=。)", line):
            sentence = sentence.strip()
            if not sentence:
                continue
            parts = [sentence] if len(sentence) <= MAX_SENTENCE else [p + "；" for p in sentence.split("；") if p]
            found += [p for p in parts if len(p) <= MAX_SENTENCE and not _RELATIVE.search(p)]
    return found


def _changed(fact: str, rng: random.Random) -> str | None:
    """A minimal change of one fact: one numeral digit, or one subject for another."""
    if fact in SUBJECTS:
        others = [s for s in SUBJECTS if s != fact and s not in fact and fact not in s]
        return rng.choice(others)
    for position, ch in enumerate(fact):
        if ch in _DIGIT_SWAP:
            return fact[:position] + _DIGIT_SWAP[ch] + fact[position + 1:]
        if ch.isdigit():
            return fact[:position] + str((int(ch) + 1) % 10 or 2) + fact[position + 1:]
    return None


def _facts(sentence: str) -> list[str]:
    facts = [m.group(0) for m in FACT.finditer(sentence)]
    facts += [s for s in SUBJECTS if s in sentence[:40] and not any(s in f for f in facts)]
    return list(dict.fromkeys(facts))


def _clause_texts(duties: Sequence[DutyText]) -> list[tuple[str, str]]:
    """(citation, text) of every duty and linked penalty, each once, in order."""
    seen: dict[str, str] = {}
    for duty in duties:
        seen.setdefault(duty.citation, duty.text)
        for penalty in duty.penalties:
            seen.setdefault(penalty.citation, penalty.text)
    return list(seen.items())


def _fill_candidates(duties: Sequence[DutyText]) -> list[Question]:
    questions = []
    for citation, text in _clause_texts(duties):
        for sentence in _sentences(text):
            for fact in _facts(sentence):
                stem = sentence.replace(fact, BLANK, 1)
                questions.append(Question("填空", stem, [], fact, citation, text))
    return questions


def _judge_candidates(duties: Sequence[DutyText], rng: random.Random) -> list[Question]:
    questions = []
    for citation, text in _clause_texts(duties):
        for sentence in _sentences(text):
            facts = _facts(sentence)
            if not facts:
                continue
            if rng.random() < 0.5:
                questions.append(Question("判断", sentence, ["正确", "错误"], "正确", citation, text))
                continue
            fact = rng.choice(facts)
            changed = _changed(fact, rng)
            if changed and changed != fact:
                stem = sentence.replace(fact, changed, 1)
                if stem not in text:
                    questions.append(Question("判断", stem, ["正确", "错误"], "错误", citation, text))
    return questions


def _violation(penalty: PenaltyText) -> str | None:
    """The act a penalty clause punishes, as it words it (the words before its first 的，)."""
    lines = [line for line in penalty.text.split("\n") if line.strip()]
    if len(lines) > 1 and ITEM.match(lines[-1]):  # an item of 有下列行为之一的: the item is the act
        act = item_text(lines[-1]).removesuffix("的")
        return act if 6 <= len(act) <= 80 and not _RELATIVE.search(act) else None
    head = lines[0] if lines else ""
    if "的，" not in head:
        return None
    act = _BREACHED.sub("……", head.split("的，")[0])
    return act if 6 <= len(act) <= 80 and not _RELATIVE.search(act) else None


def _article_citation(citation: str) -> str:
    return re.sub(r"(条)第[^》]*$", r"\1", citation)


def _choice_candidates(duties: Sequence[DutyText], pools: Pools, rng: random.Random) -> list[Question]:
    questions = []
    seen: set[str] = set()
    for duty in duties:
        for penalty in duty.penalties:
            act = _violation(penalty)
            if act is None or penalty.citation in seen:
                continue
            seen.add(penalty.citation)
            right = _article_citation(penalty.citation)
            others = sorted({c for c in pools.penalties.get(penalty.law, []) if c != right})
            if len(others) < 2:
                continue
            options = [right, *rng.sample(others, min(3, len(others)))]
            rng.shuffle(options)
            stem = f"“{act}的”，应当依据下列哪一条款予以处罚？（\u00a0\u00a0）"
            questions.append(Question("单选", stem, options, LETTERS[options.index(right)], penalty.citation,
                                      penalty.text))
    return questions


def _multi_candidates(duties: Sequence[DutyText], pools: Pools, rng: random.Random) -> list[Question]:
    questions = []
    for duty in duties:
        items = [item_text(line) for line in duty.items]
        if len(items) < 3:
            continue
        lead = duty.text.split("\n")[0].strip()
        listed = _LISTED.search(lead)
        stem = (lead[:listed.start()] + f"的{listed.group(1)}包括（\u00a0\u00a0）" if listed
                else f"{lead.rstrip('：:')}，下列属于其内容的有（\u00a0\u00a0）")
        right = rng.sample(items, min(3, len(items)))
        wrong = sorted({i for i in pools.items.get(duty.law, []) if i not in items})
        options = [*right, *(rng.sample(wrong, 1) if wrong else [i for i in items if i not in right][:1])]
        rng.shuffle(options)
        answer = "".join(LETTERS[n] for n, option in enumerate(options) if option in items)
        questions.append(Question("多选", stem, options, answer, duty.citation, duty.text))
    return questions


def make_questions(duties: Sequence[DutyText], pools: Pools, count: int, seed: int = 0) -> list[Question]:
    """`count` questions (fewer when the clauses give fewer), the kinds in turn: 单选, 多选,
    判断, 填空; within a kind, drawn at random by `seed`."""
    if count <= 0:
        return []
    rng = random.Random(seed)
    by_kind = {"单选": _choice_candidates(duties, pools, rng), "多选": _multi_candidates(duties, pools, rng),
               "判断": _judge_candidates(duties, rng), "填空": _fill_candidates(duties)}
    for candidates in by_kind.values():
        rng.shuffle(candidates)
    chosen: list[Question] = []
    used: set[tuple[str, str]] = set()
    while len(chosen) < count and any(by_kind.values()):
        for kind in KINDS:
            while by_kind[kind]:
                question = by_kind[kind].pop()
                key = (question.kind, question.stem)
                if key not in used:
                    used.add(key)
                    chosen.append(question)
                    break
            if len(chosen) >= count:
                break
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(chosen, key=lambda q: order[q.kind])  # stable: drawing order within a kind
