"""What a penalty clause imposes — fines (amounts, multiples, shares of income) and measures
(责令停产停业整顿, 吊销…, 没收…) — read from its own text by pattern, never written freely.

Every `Sanction.text` is a verbatim piece of the clause, so a one-line summary made of them
says nothing the law does not; the parsed yuan amounts serve the question bank and tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydocs.text.numerals import CN_NUMERAL_CHARS, cn_to_int

_NUM = rf"[{CN_NUMERAL_CHARS}\d.]+"
#: a fine: 处二万元以上五万元以下的罚款, 并处违法所得一倍以上三倍以下的罚款, 处上一年年收入百分之四十的罚款
FINE = re.compile(rf"(?:对[^，。；]{{1,40}}?)?(?:并|可以|可)?处(?:[^，。；]{{0,24}}?)?"
                  rf"(?:{_NUM}(?:万?元|倍)|百分之{_NUM})[^，。；]{{0,40}}?罚款")
#: the measures trainers are asked about, each as the law writes it
MEASURE = re.compile(r"责令[^，。；]{0,12}?(?:停产停业整顿|停产停业|停止(?:施工|使用|作业|建设)[^，。；]{0,6}|关闭)"
                     r"|吊销[^，。；]{1,24}?(?=[，。；、]|$)|暂扣[^，。；]{1,24}?(?=[，。；、]|$)"
                     r"|没收违法所得|予以关闭|提请[^，。；]{0,20}?关闭|撤销[^，。；]{1,16}?(?:证|资格|许可)"
                     r"|(?:终身)?不得担任[^，。；]{1,30}|追究刑事责任|行政拘留|给予[^，。；]{0,8}?处分")
_YUAN = re.compile(rf"({_NUM})(万)?元")
_RANGE = re.compile(rf"({_NUM}(?:万?元|倍)|百分之{_NUM})(?:以上|至)")


@dataclass(frozen=True, slots=True)
class Sanction:
    """One fine or measure of a penalty clause: `kind` fine/measure, `text` verbatim."""

    kind: str
    text: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "text": self.text}


def _number(text: str) -> float:
    try:
        return float(text) if any(ch.isdigit() for ch in text) else float(cn_to_int(text))
    except ValueError:
        return 0.0


def yuan(text: str) -> list[int]:
    """The yuan amounts a fine names, in order (二万元以上五万元以下 → [20000, 50000])."""
    amounts = []
    for number, wan in _YUAN.findall(text):
        value = _number(number)
        if value:
            amounts.append(round(value * (10000 if wan else 1)))
    return amounts


def sanctions(text: str) -> list[Sanction]:
    """Fines and measures of a penalty clause, in text order, each once."""
    found: list[tuple[int, Sanction]] = []
    for match in FINE.finditer(text):
        found.append((match.start(), Sanction("fine", match.group(0))))
    for match in MEASURE.finditer(text):
        if not any(start <= match.start() < start + len(s.text) for start, s in found):
            found.append((match.start(), Sanction("measure", match.group(0))))
    seen: set[str] = set()
    result = []
    for _, sanction in sorted(found, key=lambda pair: pair[0]):
        if sanction.text not in seen:
            seen.add(sanction.text)
            result.append(sanction)
    return result


def summary(text: str) -> str:
    """The one-line summary of a penalty clause: 罚款：…；措施：… (verbatim pieces), or ''."""
    found = sanctions(text)
    fines = [s.text for s in found if s.kind == "fine"]
    measures = [s.text for s in found if s.kind == "measure"]
    parts = []
    if fines:
        parts.append("罚款：" + "；".join(fines))
    if measures:
        parts.append("措施：" + "、".join(measures))
    return "。".join(parts)
