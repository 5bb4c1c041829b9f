"""Running the web app: waitress (pure Python, the same on Windows, macOS and Linux) on
127.0.0.1 by default. Another address makes the app reachable from the office network, so it
needs a token, or `insecure`, which serves without one after a loud warning."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

from policydocs.errors import UsageError
from policydocs.web.app import WebConfig, create_app

INSECURE_WARNING = ("警告：服务对本机以外开放且没有访问令牌（--insecure）：同一网络中的任何人都能检索、核查、"
                    "起草并向索引加入文件。请改用 --token。(WARNING: no token on a non-loopback address)")


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1, localhost: only this machine can connect."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, token: str | None, insecure: bool) -> str | None:
    """None when `host` may be served as asked; the warning to print for --insecure; a
    UsageError for a non-loopback address without a token."""
    if token is not None and len(token) < 8:
        raise UsageError("--token 太短：至少 8 个字符（可用 python -c \"import secrets; "
                         "print(secrets.token_urlsafe())\" 生成）")
    if is_loopback(host) or token:
        return None
    if insecure:
        return INSECURE_WARNING
    raise UsageError(f"--host {host} 会让本机以外的电脑访问：请加 --token 令牌（或确需无令牌时加 --insecure）"
                     "(a non-loopback host needs --token)")


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on now (tests and the benchmark start servers on one)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def check_bindable(host: str, port: int) -> None:
    """OSError now when the address cannot be listened on (port taken, not this machine's),
    before waitress has opened anything it would leave behind."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress binds
        probe.bind((host.strip("[]"), port))


def make_server(config: WebConfig, host: str, port: int):  # -> waitress.server.BaseWSGIServer
    """The waitress server of the app, bound but not yet serving (`.run()`, `.close()`)."""
    from waitress.server import create_server

    return create_server(create_app(config), host=host, port=port, threads=config.threads,
                         ident="policydocs",
                         # above the app's limit, so the app answers an oversized upload in Chinese (413)
                         max_request_body_size=(2 * config.max_upload_mb + 1) * 1024 * 1024,
                         clear_untrusted_proxy_headers=True)


def serve(config: WebConfig, host: str = "127.0.0.1", port: int = 8000, *, insecure: bool = False,
          echo: Callable[[str], None] = print) -> None:
    """Serve until interrupted (Ctrl-C)."""
    warning = check_exposure(host, config.token, insecure)
    if warning:
        echo(warning)
    check_bindable(host, port)
    server = make_server(config, host, port)
    shown = f"[{host}]" if ":" in host else host
    echo(f"policydocs 网页版：http://{shown if not host.startswith('0.') else '本机IP'}:{port}/ "
         f"（索引 {config.index_dir}；Ctrl-C 停止）")
    try:
        server.run()
    finally:
        server.close()
        pool = getattr(getattr(server, "application", None), "extensions", {}).get("policydocs_pool")
        if pool is not None:
            pool.close()
