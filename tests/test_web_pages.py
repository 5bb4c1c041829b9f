"""The web app's read pages (检索, 条文, 核查) through Flask's test client, on the invented
laws of tests/fixtures/laws (矿灯安全法 2015 and 2022: 2022 第三条 is 2015 第二条, punished
by 2022 第七条)."""

from __future__ import annotations

import io
import json

import docx
import openpyxl
import pytest

from web_support import csrf, downloads, make_app, text_of

LAW = "中华人民共和国矿灯安全法"


@pytest.mark.parametrize("page", ["/search", "/clause", "/check", "/draft", "/checklist", "/briefing", "/laws"])
def test_every_page_is_reachable_from_the_navigation(client, page):
    response = client.get(page)
    assert response.status_code == 200
    shown = text_of(response)
    for label in ("检索", "条文", "核查", "起草", "检查表", "宣讲材料", "法规库"):
        assert label in shown
    assert 'aria-current="page"' in response.get_data(as_text=True)


def test_home_goes_to_search(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/search")


def test_search_shows_citation_highlight_penalty_link_kind_and_confidence(client):
    response = client.get("/search", query_string={"q": "矿灯发放登记制度"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    shown = text_of(response)
    assert f"《{LAW}》第三条" in shown
    assert "<mark>矿灯</mark>" in body or "<mark>发放</mark>" in body
    assert f'data-copy="《{LAW}》第三条"' in body
    assert f"处罚依据 《{LAW}》第七条" in shown
    assert "罚则条文明文指向" in shown or "按条文措辞对应" in shown
    assert any(label in shown for label in ("置信度高", "请核对", "未核实"))


def test_search_result_url_is_stable(client):
    query = {"q": "矿灯发放登记制度", "kind": "duty", "law": "矿灯安全法"}
    first, second = client.get("/search", query_string=query), client.get("/search", query_string=query)
    assert first.status_code == 200 and text_of(first) == text_of(second)
    assert 'value="矿灯安全法"' in first.get_data(as_text=True)  # the form keeps what the URL says


def test_search_options_reach_the_search(client):
    duty = text_of(client.get("/search", query_string={"q": "矿灯发放登记", "kind": "penalty"}))
    assert f"《{LAW}》第七条" in duty.split("处罚依据")[0]  # the first hit is the penalty itself


def test_search_unknown_law_is_one_chinese_line(client):
    response = client.get("/search", query_string={"q": "矿灯", "law": "火星安全法"})
    assert response.status_code == 400
    shown = text_of(response)
    assert "错误：索引中没有法规“火星安全法”" in shown
    assert "Traceback" not in response.get_data(as_text=True)


def test_query_markup_and_template_syntax_show_literally(client):
    response = client.get("/search", query_string={"q": "<script>alert(1)</script>{{ 7*7 }}"})
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in body
    assert "49" not in text_of(response)


def test_clause_by_citation_with_penalties_and_versions(client):
    response = client.get("/clause", query_string={"cite": f"《{LAW}》第三条"})
    assert response.status_code == 200
    shown = text_of(response)
    assert "矿灯使用单位应当建立矿灯发放登记制度" in shown
    assert f"处罚依据 《{LAW}》第七条" in shown
    assert "其他版本" in shown and f"《{LAW}》第二条" in shown  # the 2015 article it corresponds to


def test_clause_by_law_and_article_of_an_old_version(client):
    response = client.get("/clause", query_string={"law": "矿灯安全法", "article": "2", "version": "2015"})
    assert response.status_code == 200
    shown = text_of(response)
    assert "如实记录发放和回收情况" in shown and "已修改" in shown


def test_clause_that_does_not_exist_is_404_with_a_line(client):
    response = client.get("/clause", query_string={"cite": f"《{LAW}》第九十九条"})
    assert response.status_code == 404
    assert "错误：" in text_of(response) and "没有第九十九条" in text_of(response)


def test_clause_missing_article_asks_for_it(client):
    response = client.get("/clause", query_string={"law": "矿灯安全法"})
    assert response.status_code == 400 and "请同时给出法规名称和条号" in text_of(response)


PASTED = (f"依据《{LAW}》第三条，应建立矿灯发放登记制度。\n"
          f"违反者依照《{LAW}》第九十九条处罚。\n<script>alert('x')</script> {{{{ config }}}}\n")


def test_check_pasted_text_flags_the_wrong_citation(client):
    token = csrf(client)
    response = client.post("/check", data={"csrf_token": token, "text": PASTED})
    assert response.status_code == 200
    body, shown = response.get_data(as_text=True), text_of(response)
    assert "共 2 处引用： 正确 1 有误 1" in shown
    assert 'class="cited st ok"' in body and 'class="cited st bad"' in body
    assert "条款不存在" in shown and "第2行" in shown
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; {{ config }}" in body


def test_check_downloads_xlsx_and_json(client):
    token = csrf(client)
    response = client.post("/check", data={"csrf_token": token, "text": PASTED})
    links = downloads(response)
    assert len(links) == 2
    book = openpyxl.load_workbook(io.BytesIO(client.get(links[0]).data))
    rows = [[c.value for c in row] for row in book.active.iter_rows(min_row=3)]
    assert [row[2] for row in rows] == ["正确", "条款不存在"]
    report = json.loads(client.get(links[1]).data)
    assert [c["status"] for c in report["citations"]] == ["ok", "not_found"]


def _docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_check_uploaded_docx_has_citations_and_format_findings(client):
    token = csrf(client)
    data = {"csrf_token": token, "file": (io.BytesIO(_docx_bytes("关于矿灯的通知", f"依据《{LAW}》第九十九条。")),
                                          "通知.docx")}
    response = client.post("/check", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    shown = text_of(response)
    assert "核查结果：通知.docx" in shown and "条款不存在" in shown
    assert "公文格式（GB/T 9704）" in shown and "不符" in shown


def test_check_uploaded_gb18030_text(client):
    token = csrf(client)
    data = {"csrf_token": token, "file": (io.BytesIO(f"依据《{LAW}》第三条。".encode("gb18030")), "旧.txt")}
    response = client.post("/check", data=data, content_type="multipart/form-data")
    assert response.status_code == 200 and "正确 1" in text_of(response)


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("坏.docx", b"PK\x03\x04 not really a zip", "坏.docx: 不是有效的 Word 文档"),
    ("图片.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "图片.txt: 文件内容不是可接受的类型"),
    ("空.md", b"", "空.md: 文件是空的"),
])
def test_check_malformed_upload_is_one_line(client, name, data, expected):
    token = csrf(client)
    response = client.post("/check", data={"csrf_token": token, "file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    shown = text_of(response)
    assert f"错误：{expected}" in shown
    assert "Traceback" not in response.get_data(as_text=True) and "/tmp" not in shown


def test_check_nothing_given(client):
    response = client.post("/check", data={"csrf_token": csrf(client), "text": "  "})
    assert response.status_code == 400 and "请粘贴要核查的文本" in text_of(response)


def test_check_text_without_citations(client):
    response = client.post("/check", data={"csrf_token": csrf(client), "text": "今天天气很好。"})
    assert response.status_code == 200 and "未在文本中找到法规引用" in text_of(response)


def test_unknown_page_is_404_in_chinese(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "没有这个页面" in text_of(response)


def test_without_an_index_pages_say_how_to_make_one(tmp_path):
    client = make_app(tmp_path / "none").test_client()
    search = client.get("/search", query_string={"q": "矿灯"})
    assert search.status_code == 503 and "没有找到索引" in text_of(search) and "policydocs index" in text_of(search)
    laws = client.get("/laws")
    assert laws.status_code == 503 and "没有找到索引" in text_of(laws)
    assert client.get("/draft").status_code == 200  # drafting works without one (markers 〔未核实〕)
    fields = {"kind": "plan", "mode": "form", "title": "方案", "body": "检查[[依据: 矿灯使用单位未建立登记制度]]。"}
    drafted = client.post("/draft", data={"csrf_token": csrf(client, "/draft"), **fields})
    assert drafted.status_code == 200 and "没有可用的索引，1 处依据未核实" in text_of(drafted)
    assert len(downloads(drafted)) == 1
