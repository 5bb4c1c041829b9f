"""宣讲材料: the form of `policydocs briefing` (app/briefing.make_briefing) — a theme or an items
file → handout .docx, slides .pptx, question bank .xlsx and the editable clause list, each
offered for download beside the clauses quoted and every 〔请核对〕/〔未核实〕 entry."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Blueprint, render_template, request

from policydocs.app.briefing import make_briefing
from policydocs.app.results import CONFIDENCE_LABELS
from policydocs.app.uploads import checked_upload, private_folder, stored_name
from policydocs.errors import PolicydocsError, UsageError
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES
from policydocs.kb.domain import DOMAIN
from policydocs.model import LINK_KINDS
from policydocs.web.app import HTTP_STATUS, offer, pool, scrubbed

blueprint = Blueprint("briefing", __name__)

ITEMS_SUFFIXES = (".yaml", ".yml")
#: what the form's checkboxes ask for: (field, file suffix, label)
OUTPUTS = (("handout", ".docx", "宣讲提纲 .docx"), ("slides", ".pptx", "幻灯片 .pptx"),
           ("bank", ".xlsx", "题库 .xlsx"), ("plan", ".yaml", "条款清单 ITEMS.yaml"))
FIELDS = ("mode", "theme", "laws", "party", "scope", "domain", "title", "issuer", "date", "quiz", "seed", "fonts")
_LIST = re.compile(r"[\n,，、;；]+")


def _number(value: str, name: str, default: int) -> int:
    try:
        return int(value) if value.strip() else default
    except ValueError:
        raise UsageError(f"{name}应为整数：{value}") from None


def _page(*, error: str = "", form: dict[str, Any] | None = None, status: int = 200) -> tuple[str, int]:
    form = form or {"quiz": "10", "seed": "0", "handout": "1", "slides": "1", "bank": "1"}
    return render_template("briefing.html", error=error, form=form, outputs=OUTPUTS, profiles=sorted(PROFILES),
                           default_profile=DEFAULT_PROFILE, domain=DOMAIN), status


@blueprint.route("/briefing", methods=["GET", "POST"])
def briefing() -> Any:
    if request.method == "GET":
        return _page()
    form: dict[str, Any] = {key: request.form.get(key, "").strip() for key in FIELDS}
    form.update({name: request.form.get(name, "") for name, _, _ in OUTPUTS})
    try:
        quiz = _number(form["quiz"], "题目数量", 0)
        seed = _number(form["seed"], "出题种子", 0)
        fonts = form["fonts"] or DEFAULT_PROFILE
        wanted = [(name, suffix) for name, suffix, _ in OUTPUTS if form[name] and (name != "bank" or quiz > 0)]
        if not wanted:
            raise UsageError("请至少选择一种要生成的材料（提纲、幻灯片、题库或条款清单；题库需题目数量大于 0）")
        with private_folder() as tmp, scrubbed(tmp):
            folder = Path(tmp)
            items = None
            if form["mode"] == "items":
                upload = request.files.get("items")
                if upload is None or not upload.filename:
                    raise UsageError("请选择条款清单 ITEMS.yaml，或改用主题")
                data = upload.read()
                items = folder / stored_name(upload.filename, checked_upload(upload.filename, data, ITEMS_SUFFIXES))
                items.write_bytes(data)
            stem = stored_name(form["title"] or form["theme"] or "宣讲材料", "")
            paths = {name: folder / "out" / f"{stem}{suffix}" for name, suffix in wanted}
            (folder / "out").mkdir()
            with pool().borrow() as workspace:
                result = make_briefing(
                    workspace, form["theme"], laws=[law for law in _LIST.split(form["laws"]) if law.strip()],
                    party=form["party"] or None, items=items, scope=form["scope"] or None,
                    domain=form["domain"] or DOMAIN, title=form["title"] or None, issuer=form["issuer"],
                    date=form["date"], quiz=quiz, seed=seed, output=paths.get("handout"), pptx=paths.get("slides"),
                    quiz_out=paths.get("bank"), plan_out=paths.get("plan"), fonts=fonts)
            downloads = [(label, offer(paths[name].name, paths[name].read_bytes()))
                         for name, _, label in OUTPUTS if name in paths]
    except PolicydocsError as failure:
        return _page(error=" ".join(str(failure).split()), form=form, status=HTTP_STATUS.get(failure.exit_code, 400))
    return render_template("briefing_result.html", result=result, material=result.material, downloads=downloads,
                           confidence_labels=CONFIDENCE_LABELS, link_kinds=LINK_KINDS)
