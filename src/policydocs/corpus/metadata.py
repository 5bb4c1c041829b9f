"""Document metadata that is not written in the text: category (authority level), region,
aliases, version status. Derived from the title, the folder a file sits in, and the set of
versions of the same title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from policydocs.model import AUTHORITY, STATUS_AMENDED, STATUS_CURRENT, STATUS_REPEALED, Document

_PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
              "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
              "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
#: LawRefBook's folders that are not named by their category (model.AUTHORITY); a folder
#: named by a category (行政法规, 部门规章 …) is that category
_FOLDER_CATEGORY = {
    "宪法相关法": "法律", "民法典": "法律", "民法商法": "法律", "行政法": "法律", "经济法": "法律",
    "社会法": "法律", "刑法": "法律", "诉讼与非诉讼程序法": "法律", "其他": "规范性文件",
}
_VERSION_IN_NAME = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")
_PRC = "中华人民共和国"


def category_from(title: str, folders: Iterable[str]) -> str:
    """Authority category from the title's own wording first, then the folder."""
    if title.startswith("最高人民法院") or title.startswith("最高人民检察院"):
        return "司法解释"
    for folder in reversed(list(folders)):
        if folder in AUTHORITY:
            return folder
        if folder in _FOLDER_CATEGORY:
            return _FOLDER_CATEGORY[folder]
    if title.endswith("法") or title.startswith(_PRC):
        return "法律"
    if title.endswith("条例") and not title.startswith(_PROVINCES):
        return "行政法规"
    return "规范性文件"


def region_from(title: str, folders: Iterable[str]) -> str:
    """全国, or the province (short name) and city named at the start of a local text:
    "江苏", "江苏/苏州市". Region filters match by substring, so 江苏 finds both."""
    for name in _PROVINCES:
        if title.startswith(name):
            city = re.match(rf"{name}(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?"
                            rf"([\u4e00-\u9fff]{{2,4}}?市)", title)
            return f"{name}/{city.group(1)}" if city and city.group(1) != "市" else name
    folder_list = list(folders)
    for name in _PROVINCES:
        if name in folder_list:
            return name
    return "全国"


def version_from_filename(path: Path) -> str:
    match = _VERSION_IN_NAME.search(path.name)
    return match.group(1) if match else ""


def aliases_for(title: str, short_name: str = "") -> list[str]:
    """Names a drafter may use for this title: without 中华人民共和国, the file's short name.
    Common abbreviations (安法 …) come from data/law_aliases.txt, loaded by the resolver."""
    names = {title}
    if title.startswith(_PRC) and len(title) > len(_PRC):
        names.add(title[len(_PRC):])
    if short_name:
        names.add(short_name)
    return sorted(names - {""}, key=lambda name: (len(name), name))


def assign_status(documents: list[Document]) -> None:
    """Per title, the newest version is current and older ones are amended — unless a document
    already says it is repealed."""
    by_title: dict[str, list[Document]] = {}
    for document in documents:
        by_title.setdefault(document.title, []).append(document)
    for versions in by_title.values():
        versions.sort(key=lambda d: d.version_date or d.promulgated or "", reverse=True)
        for position, document in enumerate(versions):
            if document.status == STATUS_REPEALED:
                continue
            document.status = STATUS_CURRENT if position == 0 else STATUS_AMENDED
