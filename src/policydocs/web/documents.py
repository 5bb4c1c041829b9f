"""起草 and 检查表: forms whose results are files. An upload or a filled form is written into
a private temporary folder (removed when the response is made), handed to `Workspace.draft`
or `app.checklists` exactly as the CLI hands a file, and the generated .docx/.xlsx is kept
for this session's download link beside the list of places to review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, render_template, request
from werkzeug.datastructures import FileStorage

from policydocs.app import KINDS, kind_names
from policydocs.app.checklists import checklist_from_file, make_checklist, theme_checklist, verify_checklist
from policydocs.app.forms import form_fields, form_source
from policydocs.app.results import CONFIDENCE_LABELS
from policydocs.app.uploads import checked_upload, private_folder, stored_name
from policydocs.draft.checklist import DEFAULT_LAYOUT, LAYOUTS
from policydocs.errors import PolicydocsError, UsageError
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES
from policydocs.web.app import HTTP_STATUS, offer, pool, scrubbed

blueprint = Blueprint("documents", __name__)

SOURCE_SUFFIXES = (".md", ".markdown", ".txt")
ATTACHMENT_SUFFIXES = (".md", ".markdown", ".txt", ".yaml", ".yml")
ITEMS_SUFFIXES = (".yaml", ".yml", ".md")
TABLE_SUFFIXES = (".docx", ".xlsx", ".txt")
OUTPUTS = (".docx", ".xlsx")


def _kind(value: str | None) -> str:
    name = value or kind_names()[0]
    if name not in KINDS:
        raise UsageError(f"未知的公文种类：{name}（可选：{'、'.join(kind_names())}）")
    return name


def _fonts(value: str | None) -> str:
    fonts = value or DEFAULT_PROFILE
    if fonts not in PROFILES:
        raise UsageError(f"未知的字体方案：{fonts}（可选：{'、'.join(sorted(PROFILES))}）")
    return fonts


def _draft_page(kind: str, *, error: str = "", values: dict[str, str] | None = None, body: str = "",
                status: int = 200, mode: str = "form") -> tuple[str, int]:
    return render_template("draft.html", kind=kind, kinds=KINDS, fields=form_fields(kind), values=values or {},
                           body=body, error=error, profiles=sorted(PROFILES), default_profile=DEFAULT_PROFILE,
                           mode=mode), status


def _save(folder: Path, upload: FileStorage, allowed: tuple[str, ...], taken: set[str]) -> Path:
    data = upload.read()
    suffix = checked_upload(upload.filename or "", data, allowed)
    path = folder / stored_name(upload.filename or "", suffix, taken)
    path.write_bytes(data)
    return path


@blueprint.route("/draft", methods=["GET", "POST"])
def draft() -> Any:
    if request.method == "GET":
        try:
            return _draft_page(_kind(request.args.get("kind")))
        except PolicydocsError as failure:
            return _draft_page(kind_names()[0], error=str(failure), status=400)
    form = request.form
    kind = form.get("kind", "")
    mode = form.get("mode", "form")
    values = {key: form.get(key, "") for key in form if key not in ("kind", "mode", "body", "fonts", "render")}
    body = form.get("body", "")
    try:
        kind = _kind(kind)
        fonts = _fonts(form.get("fonts"))
        with private_folder() as tmp, scrubbed(tmp):
            folder, taken = Path(tmp), set[str]()
            if mode == "upload":
                upload = request.files.get("source")
                if upload is None or not upload.filename:
                    raise UsageError("请选择要起草的 Markdown 文件（.md），或改用表单填写")
                source = _save(folder, upload, SOURCE_SUFFIXES, taken)
                for attachment in request.files.getlist("attachments"):
                    if attachment.filename:
                        _save(folder, attachment, ATTACHMENT_SUFFIXES, taken)
            else:
                source = folder / "表单.md"
                source.write_text(form_source(kind, values, body), encoding="utf-8")
            output = folder / "out" / f"{source.stem}.docx"
            output.parent.mkdir()
            with pool().borrow() as workspace:
                result = workspace.draft(kind, source, output, fonts=fonts, render=form.get("render") == "1")
            download = offer(_document_name(kind, values, source), output.read_bytes())
    except PolicydocsError as failure:
        return _draft_page(kind if kind in KINDS else kind_names()[0], error=" ".join(str(failure).split()),
                           values=values, body=body, status=HTTP_STATUS.get(failure.exit_code, 400), mode=mode)
    return render_template("draft_result.html", result=result, download=download, kind=KINDS[kind],
                           confidence_labels=CONFIDENCE_LABELS)


def _document_name(kind: str, values: dict[str, str], source: Path) -> str:
    title = values.get("title", "").strip() if source.name == "表单.md" else source.stem
    clean = "".join(ch for ch in title if ch not in '<>:"/\\|?*\n\r\t')[:60]
    return f"{clean or KINDS[kind].label}.docx"


@blueprint.get("/new/<kind>.md")
def skeleton(kind: str) -> Any:
    """The Markdown skeleton `policydocs new KIND` writes."""
    kind = _kind(kind)
    return Response(KINDS[kind].skeleton, mimetype="text/markdown; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={kind}.md"})


def _checklist_page(*, error: str = "", form: dict[str, str] | None = None, status: int = 200) -> tuple[str, int]:
    return render_template("checklist.html", error=error, form=form or {}, layouts=LAYOUTS,
                           default_layout=DEFAULT_LAYOUT, profiles=sorted(PROFILES),
                           default_profile=DEFAULT_PROFILE), status


@blueprint.route("/checklist", methods=["GET", "POST"])
def checklist() -> Any:
    if request.method == "GET":
        return _checklist_page()
    form = {key: request.form.get(key, "").strip() for key in ("mode", "theme", "law", "layout", "scope",
                                                                "format", "fonts")}
    try:
        layout = form["layout"] or DEFAULT_LAYOUT
        suffix = form["format"] if form["format"] in OUTPUTS else ".docx"
        fonts = _fonts(form["fonts"])
        with private_folder() as tmp, scrubbed(tmp):
            folder = Path(tmp)
            with pool().borrow() as workspace:
                if form["mode"] == "verify":
                    upload = request.files.get("table")
                    if upload is None or not upload.filename:
                        raise UsageError("请选择要核查的旧检查表（.docx、.xlsx 或 .txt）")
                    table = _save(folder, upload, TABLE_SUFFIXES, set())
                    output = folder / stored_name(f"{table.stem}-核查", ".xlsx", {table.name})
                    verified = verify_checklist(workspace, table, output)
                    download = offer(output.name, output.read_bytes())
                    return render_template("checklist_verified.html", result=verified, download=download,
                                           name=output.name, table=table.name)
                if form["mode"] == "items":
                    upload = request.files.get("items")
                    if upload is None or not upload.filename:
                        raise UsageError("请选择检查事项文件（.yaml 或 .md），或改用主题生成")
                    items = _save(folder, upload, ITEMS_SUFFIXES, set())
                    output = folder / f"{items.stem}{suffix}"
                    result = checklist_from_file(workspace, items, output, layout=layout,
                                                 scope=form["scope"] or None, fonts=fonts)
                else:
                    made = theme_checklist(workspace, form["theme"], law=form["law"] or None)
                    output = folder / stored_name(made.title, suffix)
                    result = make_checklist(workspace, made, output, layout=layout, scope=form["scope"] or None,
                                            fonts=fonts)
            download = offer(output.name, output.read_bytes())
    except PolicydocsError as failure:
        return _checklist_page(error=" ".join(str(failure).split()), form=form,
                               status=HTTP_STATUS.get(failure.exit_code, 400))
    return render_template("checklist_result.html", result=result, download=download, name=output.name,
                           confidence_labels=CONFIDENCE_LABELS)
