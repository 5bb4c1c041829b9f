"""宣讲材料 through Flask's test client, over tests/fixtures/briefing (the invented
密闭场所安全生产法 with a list article of the 主要负责人's duties): the form gives the handout,
slides and question bank `policydocs briefing` writes, and the same one-line errors."""

from __future__ import annotations

import io

import docx
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from web_support import csrf, downloads, make_app, text_of

LAW = "《中华人民共和国密闭场所安全生产法》"


@pytest.fixture(scope="module")
def client(briefing_index):
    return make_app(briefing_index).test_client()


def _post(client, **fields):
    data = {"csrf_token": csrf(client, "/briefing"), "mode": "theme", **fields}
    return client.post("/briefing", data=data, content_type="multipart/form-data")


def test_theme_gives_handout_slides_and_bank(client):
    response = _post(client, theme="主要负责人安全职责", quiz="6", seed="3", issuer="××市应急管理局",
                     handout="1", slides="1", bank="1")
    assert response.status_code == 200, text_of(response)
    shown = text_of(response)
    assert "主要负责人安全职责宣讲提纲" in shown and "（主要负责人）" in shown and "6 道题" in shown
    assert LAW in shown
    links = downloads(response)
    assert len(links) == 3
    handout = docx.Document(io.BytesIO(client.get(links[0]).data))
    assert any(LAW in p.text for p in handout.paragraphs)
    slides = Presentation(io.BytesIO(client.get(links[1]).data))
    assert len(slides.slides) > 1
    bank = load_workbook(io.BytesIO(client.get(links[2]).data))
    assert bank.active.max_row >= 6


def test_same_seed_same_bank(client):
    def bank(seed: str) -> list:
        response = _post(client, theme="主要负责人安全职责", quiz="5", seed=seed, bank="1")
        book = load_workbook(io.BytesIO(client.get(downloads(response)[0]).data))
        return [[c.value for c in row] for row in book.active.iter_rows()]

    assert bank("7") == bank("7")


def test_plan_out_and_items_upload_round_trip(client):
    plan = _post(client, theme="主要负责人安全职责", plan="1")
    assert plan.status_code == 200
    items = client.get(downloads(plan)[0]).data
    assert LAW.encode() in items
    again = client.post("/briefing", data={"csrf_token": csrf(client, "/briefing"), "mode": "items", "handout": "1",
                                           "items": (io.BytesIO(items), "清单.yaml")},
                        content_type="multipart/form-data")
    assert again.status_code == 200, text_of(again)
    assert LAW in text_of(again)


@pytest.mark.parametrize(("fields", "status", "expected"), [
    ({"theme": " ", "handout": "1"}, 400, "请给出宣讲主题"),
    ({"theme": "主要负责人安全职责"}, 400, "请至少选择一种要生成的材料"),
    ({"theme": "主要负责人安全职责", "handout": "1", "party": "火星人"}, 400, "火星人"),
    ({"theme": "主要负责人安全职责", "handout": "1", "quiz": "many"}, 400, "题目数量应为整数：many"),
])
def test_bad_input_is_one_line(client, fields, status, expected):
    response = _post(client, **fields)
    assert response.status_code == status
    shown = text_of(response)
    assert "错误：" in shown and expected in shown


def test_items_upload_that_is_not_yaml_text(client):
    response = client.post("/briefing", data={"csrf_token": csrf(client, "/briefing"), "mode": "items",
                                              "handout": "1", "items": (io.BytesIO(b"\x00\x01"), "清单.yaml")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "清单.yaml: 文件内容不是可接受的类型" in text_of(response)
