"""Helpers of the web tests: an app over a fixture index, the CSRF token of a client's
session, and a page's text without tags (what a user reads)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from policydocs.web import WebConfig, create_app

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_DOWNLOAD = re.compile(r'href="(/download/[^"]+)"')


def make_app(index_dir: Path, **options) -> Flask:
    app = create_app(WebConfig(index_dir, **options))
    app.config["TESTING"] = False  # errors go through the app's own handlers, as in production
    return app


def csrf(client: FlaskClient, page: str = "/check") -> str:
    """The session's CSRF token, as the form of `page` carries it."""
    response = client.get(page)
    match = _TOKEN.search(response.get_data(as_text=True))
    assert match, f"no CSRF field on {page}"
    return match.group(1)


def text_of(response) -> str:
    """The page's visible text: tags removed, entities decoded, white space collapsed."""
    body = response.get_data(as_text=True)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def downloads(response) -> list[str]:
    return _DOWNLOAD.findall(response.get_data(as_text=True))
