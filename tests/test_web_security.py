"""The web app's rules for a shared office machine: loopback by default, a token for any
other address (or --insecure with a warning), CSRF on every POST, upload size and type,
uploads in a private folder removed after the response, no server path from user input,
downloads only for the session that made them, and headers that forbid foreign scripts."""

from __future__ import annotations

import io
import tempfile

import pytest
from click.testing import CliRunner

from policydocs.app.uploads import checked_upload, content_kind, safe_name, stored_name
from policydocs.cli import main
from policydocs.errors import SourceError, UsageError
from policydocs.web.server import INSECURE_WARNING, check_exposure, is_loopback
from web_support import csrf, downloads, make_app, text_of

TOKEN = "s3cret-token-for-tests"
LAW = "中华人民共和国矿灯安全法"


@pytest.fixture(scope="module")
def guarded(law_index):
    return make_app(law_index, token=TOKEN)


# -- binding ---------------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_needs_no_token(host):
    assert is_loopback(host) and check_exposure(host, None, False) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_another_address_needs_a_token_or_insecure(host):
    assert not is_loopback(host)
    with pytest.raises(UsageError, match="请加 --token"):
        check_exposure(host, None, False)
    assert check_exposure(host, TOKEN, False) is None
    assert check_exposure(host, None, True) == INSECURE_WARNING


def test_short_token_is_refused():
    with pytest.raises(UsageError, match="--token 太短"):
        check_exposure("0.0.0.0", "abc", False)


def test_cli_serve_on_all_addresses_without_token_exits_2(law_index):
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "1", "--index", str(law_index)])
    assert result.exit_code == 2
    assert "错误: --host 0.0.0.0 会让本机以外的电脑访问：请加 --token" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_serve_port_taken_is_exit_5(law_index):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port), "--index", str(law_index)])
    assert result.exit_code == 5 and f"无法在 127.0.0.1:{port} 上启动" in result.output


# -- token -----------------------------------------------------------------------------------
def test_without_token_pages_redirect_to_login(guarded):
    client = guarded.test_client()
    response = client.get("/search?q=矿灯")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
    assert client.get("/laws/jobs/x.json").status_code == 401
    with client.get("/static/style.css") as style:
        assert style.status_code == 200  # the login page needs its style


def test_token_in_a_header(guarded):
    client = guarded.test_client()
    assert client.get("/search", headers={"X-Policydocs-Token": TOKEN}).status_code == 200
    assert client.get("/search", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert client.get("/search", headers={"X-Policydocs-Token": "wrong-token-1"}).status_code == 302


def test_login_form_sets_a_cookie_and_goes_back(guarded):
    client = guarded.test_client()
    token = csrf(client, "/login")
    wrong = client.post("/login", data={"csrf_token": token, "token": "nope-nope", "next": "/laws"})
    assert wrong.status_code == 403 and "令牌不正确" in text_of(wrong)
    right = client.post("/login", data={"csrf_token": token, "token": TOKEN, "next": "/laws"})
    assert right.status_code == 302 and right.headers["Location"] == "/laws"
    assert client.get("/laws").status_code == 200
    cookie = client.get_cookie("session")
    assert cookie is not None and TOKEN not in cookie.value


def test_login_never_redirects_to_another_site(guarded):
    client = guarded.test_client()
    response = client.post("/login", data={"csrf_token": csrf(client, "/login"), "token": TOKEN,
                                           "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


# -- CSRF ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/check", "/draft", "/checklist", "/laws/add", "/login"])
def test_every_post_needs_the_csrf_token(app, path):
    client = app.test_client()
    client.get("/check")  # a session exists
    for data in ({}, {"csrf_token": "forged"}):
        response = client.post(path, data={**data, "text": "x"})
        assert response.status_code == 400
        assert "CSRF 校验失败" in text_of(response)


def test_csrf_token_of_another_session_is_refused(app):
    other = csrf(app.test_client())
    client = app.test_client()
    client.get("/check")
    response = client.post("/check", data={"csrf_token": other, "text": f"《{LAW}》第三条"})
    assert response.status_code == 400


# -- uploads -------------------------------------------------------------------------------------
def test_upload_over_the_limit_is_413(law_index):
    client = make_app(law_index, max_upload_mb=1).test_client()
    csrf(client)
    body = b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n"
    body += b"a" * (1024 * 1024) + b"\r\n--x--\r\n"  # bytes in memory: the client spools no temporary file
    response = client.post("/check", data=body, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413 and "上传的文件太大：最多 1 MB" in text_of(response)


def test_type_is_read_from_the_content_not_the_name():
    assert content_kind(b"PK\x03\x04junk") == ""
    assert content_kind("中文".encode("gb18030")) == "text"
    assert content_kind("中文".encode("utf-16")) == ""
    assert checked_upload("名单.docx", "纯文本".encode(), (".txt", ".md", ".docx")) == ".txt"  # text, whatever its name
    with pytest.raises(SourceError, match="文件内容不是可接受的类型"):
        checked_upload("a.md", "文本".encode(), (".docx",))


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\张三\\通知.md", "通知.md"), ("..", "upload"),
    ("a<b>:c|d?.md", "abcd.md"), ("", "upload"), (".bashrc", "bashrc"),
])
def test_no_upload_name_reaches_outside_its_folder(name, expected):
    assert safe_name(name) == expected


def test_same_names_are_kept_apart():
    taken: set[str] = set()
    assert [stored_name("通知.md", ".md", taken) for _ in range(2)] == ["通知.md", "通知-2.md"]


def test_uploads_are_removed_after_the_response(app, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    client = app.test_client()
    token = csrf(client)
    response = client.post("/check", data={"csrf_token": token,
                                           "file": (io.BytesIO(f"依据《{LAW}》第三条".encode()), "a.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    bad = client.post("/check", data={"csrf_token": token, "file": (io.BytesIO(b"PK\x03\x04"), "b.docx")},
                      content_type="multipart/form-data")
    assert bad.status_code == 422
    assert list(tmp_path.iterdir()) == []


def test_downloads_only_for_the_session_that_made_them(app):
    owner = app.test_client()
    response = owner.post("/check", data={"csrf_token": csrf(owner), "text": f"依据《{LAW}》第三条"})
    link = downloads(response)[0]
    assert owner.get(link).status_code == 200
    stranger = app.test_client()
    stranger.get("/check")
    assert stranger.get(link).status_code == 404
    assert owner.get("/download/guessed-id").status_code == 404


# -- what the browser may do -------------------------------------------------------------------------
def test_headers_forbid_foreign_scripts_and_framing(app):
    response = app.test_client().get("/search")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    body = response.get_data(as_text=True)
    assert "http://" not in body and "https://" not in body  # no CDN: every asset is ours
    assert "<script>" not in body  # no inline script (the policy would block it)


def test_session_cookie_is_http_only_and_same_site(app):
    client = app.test_client()
    response = client.get("/check")
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_a_bug_is_one_line_without_traceback(app, monkeypatch):
    from policydocs.app import Workspace

    def broken(self, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(Workspace, "search", broken)
    response = app.test_client().get("/search", query_string={"q": "矿灯"})
    assert response.status_code == 500
    assert "内部错误（RuntimeError）" in text_of(response) and "Traceback" not in response.get_data(as_text=True)


def test_downloads_are_bounded_in_number_and_bytes():
    from policydocs.web.app import Downloads

    kept = Downloads(limit=3, max_bytes=100)
    keys = [kept.put(f"{n}.docx", "x", b"a" * 40, "me") for n in range(4)]
    assert kept.get(keys[0], "me") is None and kept.get(keys[1], "me") is None  # 3 × 40 > 100 bytes
    assert kept.get(keys[3], "me") is not None and kept.get(keys[3], "someone else") is None
