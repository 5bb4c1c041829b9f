"""检索, 条文 and 核查: read-only pages over `Workspace.search`, `app.clauses.clause_page` and
`Workspace.check_file`. Search and clause pages are GET with every choice in the URL, so a
result can be sent to a colleague as a link."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, g, render_template, request

from policydocs.app import STATUS_LABELS, checking
from policydocs.app.clauses import clause_page
from policydocs.app.results import CONFIDENCE_LABELS
from policydocs.app.uploads import checked_upload, limit_text, private_folder, stored_name
from policydocs.errors import PolicydocsError, UsageError
from policydocs.kb.domain import DOMAIN
from policydocs.model import CLAUSE_KINDS, LINK_KINDS
from policydocs.web.app import HTTP_STATUS, offer, pool, scrubbed

blueprint = Blueprint("pages", __name__)

CHECK_SUFFIXES = (".txt", ".md", ".docx")
KIND_LABELS = {"duty": "义务", "penalty": "罚则", "definition": "定义", "other": "其他"}
#: the CSS class of each citation status (green / yellow / red)
STATUS_CLASSES = {"ok": "ok", "unknown_law": "unverified"}


def _labels() -> dict[str, Any]:
    return {"status_labels": STATUS_LABELS, "confidence_labels": CONFIDENCE_LABELS, "link_kinds": LINK_KINDS,
            "kind_labels": KIND_LABELS, "status_classes": STATUS_CLASSES}


def _limit(value: str | None) -> int:
    try:
        return int(value) if value else 10
    except ValueError:
        raise UsageError(f"结果条数应为数字：{value}") from None


@dataclass(slots=True)
class SearchForm:
    """The search page's fields as the URL gives them (so a result link is the search)."""

    q: str = ""
    kind: str = ""
    region: str = ""
    law: str = ""
    scope: str = ""
    domain: str = DOMAIN
    old: bool = False
    limit: str = "10"

    @classmethod
    def read(cls, args: Any) -> SearchForm:
        return cls(args.get("q", "").strip(), args.get("kind", ""), args.get("region", "").strip(),
                   args.get("law", "").strip(), args.get("scope", "").strip(), args.get("domain", DOMAIN) or DOMAIN,
                   args.get("old") == "1", args.get("limit", "10") or "10")


@blueprint.get("/search")
def search() -> Any:
    form = SearchForm.read(request.args)
    result, notice, error, status = None, None, "", 200
    if form.q:
        try:
            with pool().borrow() as workspace:
                notice = workspace.no_law_notice()
                result = workspace.search(form.q, limit=_limit(form.limit), kind=form.kind or None,
                                          region=form.region or None, law=form.law or None, include_old=form.old,
                                          scope=form.scope or None, domain=form.domain)
        except PolicydocsError as failure:
            error, status = " ".join(str(failure).split()), HTTP_STATUS.get(failure.exit_code, 400)
    return render_template("search.html", form=form, result=result, notice=notice, error=error,
                           kinds=CLAUSE_KINDS, domain=DOMAIN, **_labels()), status


@blueprint.get("/clause")
def clause() -> Any:
    args = request.args
    form = {key: args.get(key, "").strip() for key in ("cite", "law", "article", "paragraph", "item", "version")}
    page, error, status = None, "", 200
    if form["cite"] or (form["law"] and form["article"]):
        try:
            with pool().borrow() as workspace:
                if form["cite"]:
                    page = clause_page(workspace, form["cite"], version=form["version"] or None)
                else:
                    page = clause_page(workspace, form["law"], form["article"], paragraph=form["paragraph"] or None,
                                       item=form["item"] or None, version=form["version"] or None)
        except PolicydocsError as failure:
            error, status = " ".join(str(failure).split()), HTTP_STATUS.get(failure.exit_code, 400)
    elif form["law"] or form["article"]:
        error, status = "请同时给出法规名称和条号（或在“引用”中写出完整引用，如《安全生产法》第九十七条第七项）", 400
    return render_template("clause.html", form=form, page=page, error=error, **_labels()), status


@blueprint.route("/check", methods=["GET", "POST"])
def check() -> Any:
    if request.method == "GET":
        return render_template("check.html", text="", error="")
    text = request.form.get("text", "")
    upload = request.files.get("file")
    try:
        with private_folder() as folder, scrubbed(folder):
            if upload is not None and upload.filename:
                data = upload.read()
                suffix = checked_upload(upload.filename, data, CHECK_SUFFIXES)
                path = Path(folder) / stored_name(upload.filename, suffix)
                path.write_bytes(data)
            else:
                if not text.strip():
                    raise UsageError("请粘贴要核查的文本，或选择一个 .txt、.md、.docx 文件")
                path = Path(folder) / "粘贴文本.txt"
                path.write_text(limit_text(text, g.config.max_paste_chars), encoding="utf-8")
            with pool().borrow() as workspace:
                result = workspace.check_file(path, render=request.form.get("render") == "1")
                notice = workspace.no_law_notice()
            lines = checking.read_lines(path)
            book = io.BytesIO()
            checking.findings_workbook(result).save(book)
            report = {"file": path.name, **result.as_json()}
            downloads = {
                "xlsx": offer(f"{path.stem}-核查结果.xlsx", book.getvalue()),
                "json": offer(f"{path.stem}-核查结果.json",
                              json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")),
            }
            name = path.name
    except PolicydocsError as failure:
        status = HTTP_STATUS.get(failure.exit_code, 400)
        return render_template("check.html", text=text, error=" ".join(str(failure).split())), status
    return render_template("check_result.html", result=result, name=name, notice=notice,
                           lines=checking.annotate(lines, result.findings), counts=result.counts(),
                           downloads=downloads, unit="段" if result.by_paragraph else "行", **_labels())
