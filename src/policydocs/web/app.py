"""The Flask application: configuration, security (token, CSRF, headers, upload limit),
errors as one Chinese-first line on the page, and the short-lived downloads of generated
files. The pages themselves are blueprints (pages.py, documents.py, laws.py); none of them
decides anything — every action is a call into `policydocs.app`."""

from __future__ import annotations

import hmac
import io
import os
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, g, redirect, render_template, request, send_file, session, url_for
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from policydocs.app import DEFAULT_INDEX
from policydocs.app.pool import WorkspacePool
from policydocs.errors import EXIT_FINDINGS, EXIT_INDEX, EXIT_INPUT, EXIT_OUTPUT, PolicydocsError

#: the pages of the navigation bar: (endpoint, label)
NAV = [("pages.search", "检索"), ("pages.clause", "条文"), ("pages.check", "核查"), ("documents.draft", "起草"),
       ("documents.checklist", "检查表"), ("briefing.briefing", "宣讲材料"), ("laws.laws", "法规库")]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
TOKEN_HEADER = "X-Policydocs-Token"
#: what the browser may load: only this server's own files, no inline script, no framing
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
#: HTTP status of each exit code of policydocs.errors (what went wrong, for the browser)
HTTP_STATUS = {EXIT_FINDINGS: 404, EXIT_INPUT: 422, EXIT_INDEX: 503, EXIT_OUTPUT: 500}


@dataclass(slots=True)
class WebConfig:
    """How `policydocs serve` runs the app."""

    index_dir: Path = DEFAULT_INDEX
    #: when set, every request needs it (header, or the login form's cookie)
    token: str | None = None
    max_upload_mb: int = 20
    #: concurrent requests (waitress threads) = workspaces in the pool (README "Load")
    threads: int = 2
    secret_key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    #: most characters of pasted text (核查)
    max_paste_chars: int = 200_000


@dataclass(slots=True)
class Download:
    name: str
    mimetype: str
    data: bytes
    owner: str
    created: float = field(default_factory=time.monotonic)


class Downloads:
    """Generated files kept in memory for a while, each under an unguessable id and only for
    the session that made it: a result page can show its findings and offer the file."""

    def __init__(self, limit: int = 64, seconds: float = 3600.0, max_bytes: int = 256 * 1024 * 1024):
        self._items: OrderedDict[str, Download] = OrderedDict()
        self._lock = threading.Lock()
        self.limit, self.seconds, self.max_bytes = limit, seconds, max_bytes

    def put(self, name: str, mimetype: str, data: bytes, owner: str) -> str:
        key = secrets.token_urlsafe(16)
        with self._lock:
            now = time.monotonic()
            for old in [k for k, item in self._items.items() if now - item.created > self.seconds]:
                del self._items[old]
            self._items[key] = Download(name, mimetype, data, owner)
            while len(self._items) > 1 and (len(self._items) > self.limit or
                                            sum(len(item.data) for item in self._items.values()) > self.max_bytes):
                self._items.popitem(last=False)  # the oldest goes first
        return key

    def get(self, key: str, owner: str) -> Download | None:
        with self._lock:
            item = self._items.get(key)
        if item is None or not hmac.compare_digest(item.owner, owner):
            return None
        return item


MIMETYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".json": "application/json",
    ".md": "text/markdown; charset=utf-8",
    ".yaml": "text/yaml; charset=utf-8",
}


def csrf_token() -> str:
    """This session's CSRF token (made on first use); every form carries it."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def offer(name: str, data: bytes) -> str:
    """Keep a generated file for this session; the id its download link names."""
    downloads: Downloads = g.downloads
    return downloads.put(name, MIMETYPES.get(Path(name).suffix.lower(), "application/octet-stream"), data,
                         csrf_token())


def pool() -> WorkspacePool:
    return g.pool


def error_page(message: str, status: int = 400) -> tuple[str, int]:
    return render_template("error.html", message=" ".join(str(message).split())), status


def _safe_next(target: str | None) -> str:
    """Only a path of this site after logging in (never another host)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and target.startswith("/") else "/"


def _token_ok(config: WebConfig) -> bool:
    if config.token is None:
        return True
    expected = config.token.encode()
    given = request.headers.get(TOKEN_HEADER, "")
    bearer = request.headers.get("Authorization", "")
    if bearer.startswith("Bearer "):
        given = given or bearer[7:]
    if given and hmac.compare_digest(given.encode(), expected):
        return True
    return bool(session.get("auth")) and hmac.compare_digest(str(session.get("auth")).encode(),
                                                             _login_mark(config).encode())


def _login_mark(config: WebConfig) -> str:
    """What the session cookie holds after logging in: a hash of the token, not the token."""
    return hmac.new(config.secret_key, (config.token or "").encode(), "sha256").hexdigest()


def create_app(config: WebConfig | None = None, *, workspaces: WorkspacePool | None = None) -> Flask:
    """The web app over the index of `config` (tests may hand in a pool of their own)."""
    config = config or WebConfig()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.secret_key,
        MAX_CONTENT_LENGTH=config.max_upload_mb * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        POLICYDOCS=config,
    )
    app.jinja_env.autoescape = True  # also for templates not ending in .html
    shared_pool = workspaces or WorkspacePool(config.index_dir, config.threads)
    downloads = Downloads()
    app.extensions["policydocs_pool"] = shared_pool

    from policydocs.web import briefing, documents, laws, pages

    for module in (pages, documents, briefing, laws):
        app.register_blueprint(module.blueprint)
    nav = list(NAV)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {"csrf_token": csrf_token, "nav": nav, "csrf_field": CSRF_FIELD,
                "token_required": config.token is not None}

    @app.before_request
    def _guard() -> Any:
        g.started = time.perf_counter()
        g.pool, g.downloads, g.config = shared_pool, downloads, config
        if request.endpoint in ("static", "login"):
            pass
        elif not _token_ok(config):
            if request.method == "GET" and not request.path.endswith(".json"):
                return redirect(url_for("login", next=request.full_path.rstrip("?")))
            return error_page("需要访问令牌：请先登录（或在请求头 X-Policydocs-Token 中给出 --token 的值）", 401)
        if request.method == "POST":
            sent = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER, "")
            expected = session.get("csrf", "")
            if not expected or not sent or not hmac.compare_digest(sent, expected):
                return error_page("表单已失效（CSRF 校验失败）：请刷新页面后重新提交 (CSRF check failed)", 400)
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        started = g.get("started")
        if started is not None:
            response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    @app.errorhandler(PolicydocsError)
    def _user_error(error: PolicydocsError) -> tuple[str, int]:
        return error_page(str(error), HTTP_STATUS.get(error.exit_code, 400))

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
        return error_page(f"上传的文件太大：最多 {config.max_upload_mb} MB（--max-upload-mb）(upload too large)", 413)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> tuple[str, int]:
        messages = {404: "没有这个页面 (not found)", 405: "不支持的请求方式 (method not allowed)",
                    400: "请求无法识别 (bad request)"}
        return error_page(messages.get(error.code or 400, error.name), error.code or 400)

    @app.errorhandler(Exception)
    def _bug(error: Exception) -> tuple[str, int]:
        app.logger.exception("internal error")
        return error_page(f"内部错误（{type(error).__name__}）：这是 policydocs 的缺陷，请报告 (internal error)", 500)

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        target = _safe_next(request.values.get("next"))
        if config.token is None:
            return redirect(target)
        if request.method == "POST":
            given = request.form.get("token", "")
            if hmac.compare_digest(given.encode(), config.token.encode()):
                session["auth"] = _login_mark(config)
                return redirect(target)
            return render_template("login.html", next=target, message="令牌不正确，请重新输入"), 403
        return render_template("login.html", next=target, message="")

    @app.route("/download/<key>")
    def download(key: str) -> Any:
        item = downloads.get(key, csrf_token())
        if item is None:
            return error_page("下载已失效（文件只保留一小时、只给生成它的浏览器）：请重新生成", 404)
        response = send_file(io.BytesIO(item.data), mimetype=item.mimetype, as_attachment=True,
                             download_name=item.name)
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.route("/")
    def home() -> Any:
        return redirect(url_for("pages.search"))

    @app.template_filter("basename")
    def _basename(value: str) -> str:
        """A stored source's file name without its folder (no server path on a page)."""
        return re.split(r"[/\\]", value or "")[-1]

    return app


@contextmanager
def scrubbed(folder: Path | str) -> Iterator[None]:
    """Errors raised while working on uploads in `folder` name the files, never the private
    folder's server path (a user sees 通知.md, not /tmp/policydocs-web-…/通知.md)."""
    try:
        yield
    except PolicydocsError as error:
        prefix = str(folder).rstrip("/\\")
        message = str(error).replace(prefix + os.sep, "").replace(prefix + "/", "").replace(prefix, "")
        if message == str(error):
            raise
        replaced = type(error).__new__(type(error))
        replaced.args = (message,)
        raise replaced from None
