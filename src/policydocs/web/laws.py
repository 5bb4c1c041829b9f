"""法规库: what the index holds (`app.lawfiles.list_laws`) and an upload that adds law files
(`app.lawfiles.add_files`). Adding runs in a background thread — it builds a new generation,
which takes a while on a large index — and its page polls a status endpoint; searches keep
running on the live generation meanwhile and move to the new one when it is swapped in."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for

from policydocs.app import Workspace
from policydocs.app.lawfiles import AddResult, add_files, is_law, list_laws
from policydocs.app.uploads import checked_upload, stored_name
from policydocs.errors import PolicydocsError, UsageError
from policydocs.web.app import HTTP_STATUS, pool

blueprint = Blueprint("laws", __name__)

LAW_SUFFIXES = (".docx", ".md", ".txt")
PAGE_SIZE = 200


@dataclass(slots=True)
class AddJob:
    """One `add` in the background: its files, its state and, when done, its result."""

    key: str
    names: list[str]
    state: str = "running"  # running | done | failed
    message: str = ""
    result: AddResult | None = None
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    #: the build's last reported stage, done and total (kb/add.py)
    stage: str = "等待开始"
    done: int = 0
    total: int = 0

    def report(self, stage: str, done: int, total: int) -> None:
        self.stage, self.done, self.total = stage, done, total

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    def as_json(self) -> dict:
        return {"state": self.state, "message": self.message, "seconds": round(self.seconds, 1),
                "stage": self.stage, "done": self.done, "total": self.total,
                "files": self.names, "result": self.result.as_json() if self.result else None}


class Jobs:
    """The add jobs of this server; one runs at a time (a build holds the index's lock)."""

    def __init__(self) -> None:
        self._jobs: dict[str, AddJob] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> AddJob | None:
        return self._jobs.get(key)

    def running(self) -> AddJob | None:
        return next((job for job in self._jobs.values() if job.state == "running"), None)

    def start(self, index_dir: Path, folder: Path, names: list[str], overrides: dict[str, str]) -> AddJob:
        with self._lock:
            if self.running() is not None:
                raise UsageError("已有一个加入任务在进行：请等它完成后再上传")
            job = AddJob(secrets.token_urlsafe(12), names)
            self._jobs[job.key] = job
        thread = threading.Thread(target=self._run, args=(job, index_dir, folder, overrides), daemon=True,
                                  name=f"policydocs-add-{job.key}")
        thread.start()
        return job

    @staticmethod
    def _run(job: AddJob, index_dir: Path, folder: Path, overrides: dict[str, str]) -> None:
        try:
            with Workspace(index_dir) as workspace:  # its own: the pool's stay on the live generation
                job.result = add_files(workspace, sorted(folder.iterdir()), progress=job.report, **overrides)
            for entry in job.result.files:  # the names as uploaded, never the private folder
                entry.path = Path(entry.path).name
                entry.error = entry.error.replace(f"{folder}{os.sep}", "").replace(str(folder), "")
            failed = [f for f in job.result.files if f.error]
            job.message = f"完成：加入 {len(job.result.files) - len(failed)} 个文件" + (
                f"，跳过 {len(failed)} 个" if failed else "")
            job.state = "done"
        except PolicydocsError as error:
            job.state, job.message = "failed", " ".join(str(error).replace(str(folder), "").split())
        except Exception as error:  # a bug: still one line on the page
            job.state, job.message = "failed", f"内部错误（{type(error).__name__}）：这是 policydocs 的缺陷，请报告"
        finally:
            job.finished = time.monotonic()
            shutil.rmtree(folder, ignore_errors=True)


JOBS = Jobs()


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


@blueprint.get("/laws")
def laws() -> Any:
    contains = request.args.get("q", "").strip()
    page = _page_number(request.args.get("page"))
    error, status, entries, total = "", 200, [], 0
    try:
        with pool().borrow() as workspace:
            everything = list_laws(workspace, contains=contains).laws
        total = len(everything)
        entries = everything[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    except PolicydocsError as failure:
        error, status = " ".join(str(failure).split()), HTTP_STATUS.get(failure.exit_code, 400)
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template("laws.html", entries=entries, total=total, q=contains, page=page, pages=pages,
                           error=error, is_law=is_law, running=JOBS.running(),
                           laws_count=sum(is_law(e.document) for e in entries)), status


@blueprint.post("/laws/add")
def add() -> Any:
    uploads = [f for f in request.files.getlist("files") if f.filename]
    overrides = {key: request.form.get(key, "").strip() for key in ("title", "date", "category")}
    folder = Path(tempfile.mkdtemp(prefix="policydocs-web-add-"))
    try:
        if not uploads:
            raise UsageError("请选择要加入的法规文件（.docx、.md、.txt）")
        if overrides["title"] and len(uploads) > 1:
            raise UsageError("“标题”只能用于一个文件（--title）")
        taken: set[str] = set()
        names = []
        for upload in uploads:
            data = upload.read()
            suffix = checked_upload(upload.filename or "", data, LAW_SUFFIXES)
            name = stored_name(upload.filename or "", suffix, taken)  # the name says title and version
            (folder / name).write_bytes(data)
            names.append(name)
        job = JOBS.start(pool().index_dir, folder, names, overrides)
    except PolicydocsError as failure:
        shutil.rmtree(folder, ignore_errors=True)
        return render_template("error.html", message=" ".join(str(failure).split())), \
            HTTP_STATUS.get(failure.exit_code, 400)
    return redirect(url_for("laws.job", key=job.key))


@blueprint.get("/laws/jobs/<key>")
def job(key: str) -> Any:
    found = JOBS.get(key)
    if found is None:
        abort(404)
    return render_template("job.html", job=found)


@blueprint.get("/laws/jobs/<key>.json")
def job_status(key: str) -> Any:
    found = JOBS.get(key)
    if found is None:
        abort(404)
    return jsonify(found.as_json())

