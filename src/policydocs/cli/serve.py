"""`policydocs serve`: the local web app (policydocs.web) under waitress."""

from __future__ import annotations

from pathlib import Path

import click

from policydocs.cli import render
from policydocs.cli.options import index_option
from policydocs.errors import OutputError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；本机以外的地址（如 0.0.0.0）须加 --token")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口")
@click.option("--token", envvar="POLICYDOCS_TOKEN", help="访问令牌（至少 8 个字符；env POLICYDOCS_TOKEN）")
@click.option("--insecure", is_flag=True, help="允许本机以外的地址不设令牌（会打印警告）")
@click.option("--max-upload-mb", default=20, show_default=True, type=click.IntRange(1, 1024),
              help="上传文件大小上限（MB）")
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 32), help="同时处理的请求数")
@index_option
def serve_command(host: str, port: int, token: str | None, insecure: bool, max_upload_mb: int, threads: int,
                  index_dir: str) -> None:
    """网页版：在浏览器中检索、核查、起草、生成检查表、管理法规库（默认 http://127.0.0.1:8000/）。"""
    from policydocs.web.app import WebConfig  # on use: Flask is start-up time other commands need not pay
    from policydocs.web.server import serve

    config = WebConfig(Path(index_dir), token=token or None, max_upload_mb=max_upload_mb, threads=threads)
    try:
        serve(config, host, port, insecure=insecure, echo=lambda line: click.echo(line, err=True)
              if line.startswith("警告") else click.echo(line))
    except OSError as error:  # the port is taken, or the address is not this machine's
        raise OutputError(f"无法在 {host}:{port} 上启动：{error.strerror or error}（换一个 --port？）") from None
    except KeyboardInterrupt:
        render.warn("已停止")


COMMANDS = (serve_command,)
