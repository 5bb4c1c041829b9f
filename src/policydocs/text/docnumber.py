"""发文字号 (文号) patterns, defined once for the policy reader, the drafter and the check.

GB/T 9704 H5 writes 机关代字〔2022〕4号: the year in full inside 六角括号 〔〕, the serial
number without leading zeros and without 第.
"""

from __future__ import annotations

import re

#: the year-and-serial part, the GB/T 9704 way: 〔2022〕4号
NUMBER_TAIL = re.compile(r"〔\d{4}〕[1-9]\d*号")
#: a whole 文号 as found in documents: up to 12 characters of 机关代字, then 〔year〕n号
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}〔\d{4}〕\d+号")
#: brackets a year in a 文号 is written in, right (〔〕) or wrong ([] 【】 （） ())
OPEN_BRACKETS, CLOSE_BRACKETS = "〔[［【（(", "〕]］】）)"
#: anything written like a 文号's tail, right or wrong: [2022]4号, （2022）第04号, 〔22〕4
NUMBER_LIKE = re.compile(rf"[{re.escape(OPEN_BRACKETS)}]\s*\d{{2,4}}\s*[{re.escape(CLOSE_BRACKETS)}]\s*第?\s*\d+\s*号?")
#: a two-digit year in brackets (〔22〕)
SHORT_YEAR = re.compile(rf"[{re.escape(OPEN_BRACKETS)}]\s*\d{{2}}\s*[{re.escape(CLOSE_BRACKETS)}]")


def is_gbt_number(text: str) -> bool:
    """机关代字〔2022〕4号: a 机关代字 and a GB/T 9704 tail."""
    return re.fullmatch(r"\S+" + NUMBER_TAIL.pattern, text) is not None
