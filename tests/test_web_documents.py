"""起草, 检查表 and 法规库 through Flask's test client: the form and the upload draft what the
CLI drafts (with its validation messages), the generated files open, a law file added in the
background becomes searchable while the page polls its status."""

from __future__ import annotations

import io
import shutil
import time

import docx
import openpyxl
import pytest

from policydocs.app import KINDS, Workspace
from policydocs.app.forms import form_fields, form_source
from policydocs.draft.frontmatter import read_source
from policydocs.errors import DraftError
from web_support import csrf, downloads, make_app, text_of

LAW = "中华人民共和国矿灯安全法"
NOTICE = {"issuer": "××市应急管理局", "number": "×应急〔2024〕3号", "title": "关于开展矿灯安全专项检查的通知",
          "to": "各区应急管理局", "date": "2024-01-20", "signature": "××市应急管理局",
          "cc": "市安委会各成员单位\n各区政府"}
BODY = ("# 工作要求\n\n重点查处未建立矿灯发放登记制度的行为[[依据: 矿灯使用单位未建立矿灯发放登记制度]]。\n\n"
        "<script>x</script>")


def _paragraphs(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_form_source_is_what_the_cli_reads(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(form_source("notice", NOTICE, BODY), encoding="utf-8")
    source = read_source(path, "notice", KINDS["notice"].required)
    assert source.meta.title == NOTICE["title"] and source.meta.date == "2024年1月20日"
    assert source.meta.cc == ["市安委会各成员单位", "各区政府"]
    path.write_text(form_source("notice", {**NOTICE, "number": ""}, BODY), encoding="utf-8")
    with pytest.raises(DraftError, match="文件头缺少字段 number"):
        read_source(path, "notice", KINDS["notice"].required)


def test_interview_form_lines_become_lists(tmp_path):
    values = {"time": "2024年7月15日9时30分", "place": "会议室", "interviewer": "市安委会", "host": "张××",
              "interviewee": "××公司", "persons": "李××，总经理\n王××, 安全员", "reason": "发生事故",
              "problems": "未如实记录培训情况", "rectification": "建立培训档案，2024-08-31",
              "report_deadline": "2024-09-05", "recorder": "赵××"}
    path = tmp_path / "i.md"
    path.write_text(form_source("interview", values, ""), encoding="utf-8")
    extra = read_source(path, "interview", KINDS["interview"].required).meta.extra
    assert extra["persons"] == [{"name": "李××", "position": "总经理"}, {"name": "王××", "position": "安全员"}]
    assert extra["rectification"] == [{"requirement": "建立培训档案", "deadline": "2024-08-31"}]
    assert {f.name for f, required in form_fields("interview") if required} == set(KINDS["interview"].required)


def test_draft_form_gives_a_docx_and_the_places_to_review(client):
    response = client.post("/draft", data={"csrf_token": csrf(client, "/draft"), "kind": "notice", "mode": "form",
                                           "body": BODY, **NOTICE})
    assert response.status_code == 200
    shown = text_of(response)
    assert "已生成通知" in shown and "依据标记（1）" in shown
    (link,) = downloads(response)
    got = client.get(link)
    assert got.status_code == 200 and "attachment" in got.headers["Content-Disposition"]
    text = _paragraphs(got.data)
    assert NOTICE["title"] in text and "<script>x</script>" in text  # the drafter's text, literally
    assert f"《{LAW}》第三条" in text or "〔未核实" in text


def test_draft_form_missing_field_has_the_cli_message_and_keeps_the_values(client):
    response = client.post("/draft", data={"csrf_token": csrf(client, "/draft"), "kind": "notice", "mode": "form",
                                           "body": BODY, **{**NOTICE, "number": ""}})
    assert response.status_code == 422
    shown = text_of(response)
    assert "错误：表单.md: 文件头缺少字段 number" in shown
    assert NOTICE["title"] in response.get_data(as_text=True)  # the form is shown again, filled


def test_draft_form_bad_number_and_date(client):
    token = csrf(client, "/draft")
    bad_number = client.post("/draft", data={"csrf_token": token, "kind": "notice", "body": "正文",
                                             **{**NOTICE, "number": "3号"}})
    assert "文号格式不对：3号" in text_of(bad_number)
    bad_date = client.post("/draft", data={"csrf_token": token, "kind": "notice", "body": "正文",
                                           **{**NOTICE, "date": "2024-13-45"}})
    assert bad_date.status_code == 422 and "字段 date 的日期无效：2024-13-45" in text_of(bad_date)


def test_draft_upload_markdown_with_an_attachment(client):
    source = ("---\nkind: plan\ntitle: 矿灯专项行动实施方案\nattachments:\n  - title: 检查要点\n"
              "    file: 附件1.md\n---\n\n# 工作目标\n\n全面排查矿灯管理。\n").encode()
    data = {"csrf_token": csrf(client, "/draft"), "kind": "plan", "mode": "upload",
            "source": (io.BytesIO(source), "方案.md"),
            "attachments": [(io.BytesIO("---\ntitle: 检查要点\n---\n\n检查发放登记。\n".encode()), "附件1.md")]}
    response = client.post("/draft", data=data, content_type="multipart/form-data")
    assert response.status_code == 200, text_of(response)
    text = _paragraphs(client.get(downloads(response)[0]).data)
    assert "矿灯专项行动实施方案" in text and "检查发放登记" in text


def test_draft_upload_missing_attachment_names_it_not_the_folder(client):
    source = "---\nkind: plan\ntitle: 方案\nattachments:\n  - title: 表\n    file: 没有.md\n---\n\n正文\n".encode()
    response = client.post("/draft", data={"csrf_token": csrf(client, "/draft"), "kind": "plan", "mode": "upload",
                                           "source": (io.BytesIO(source), "方案.md")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    shown = text_of(response)
    assert "没有.md" in shown and "policydocs-web-" not in shown


def test_draft_upload_that_is_not_text(client):
    response = client.post("/draft", data={"csrf_token": csrf(client, "/draft"), "kind": "notice", "mode": "upload",
                                           "source": (io.BytesIO(b"\x00\x01\x02binary"), "a.md")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "错误：a.md: 文件内容不是可接受的类型" in text_of(response)


def test_draft_page_of_each_kind_shows_its_required_fields(client):
    for name, kind in KINDS.items():
        body = client.get("/draft", query_string={"kind": name}).get_data(as_text=True)
        for field in kind.required:
            assert f'name="{field}"' in body
    assert client.get("/draft", query_string={"kind": "letter"}).status_code == 400


@pytest.mark.parametrize("kind", list(KINDS))
def test_skeletons_download(client, kind):
    response = client.get(f"/new/{kind}.md")
    assert response.status_code == 200 and response.get_data(as_text=True) == KINDS[kind].skeleton


def test_checklist_items_upload_gives_an_xlsx(client):
    items = "# 矿灯检查\n\n- 矿灯使用单位未建立矿灯发放登记制度\n- 未如实记录矿灯发放和回收情况\n".encode()
    response = client.post("/checklist", data={"csrf_token": csrf(client, "/checklist"), "mode": "items",
                                               "format": ".xlsx", "items": (io.BytesIO(items), "事项.md")},
                           content_type="multipart/form-data")
    assert response.status_code == 200, text_of(response)
    assert "2 行" in text_of(response)
    book = openpyxl.load_workbook(io.BytesIO(client.get(downloads(response)[0]).data))
    cells = [c.value for row in book.active.iter_rows() for c in row if c.value]
    assert "矿灯使用单位未建立矿灯发放登记制度" in cells


def test_checklist_theme_gives_a_docx(client):
    response = client.post("/checklist", data={"csrf_token": csrf(client, "/checklist"), "mode": "theme",
                                               "theme": "矿灯发放登记", "law": "矿灯安全法", "format": ".docx"})
    assert response.status_code == 200, text_of(response)
    document = docx.Document(io.BytesIO(client.get(downloads(response)[0]).data))
    assert any("未建立矿灯发放登记制度" in cell.text for t in document.tables for row in t.rows for cell in row.cells)


def test_checklist_errors_are_one_line(client):
    token = csrf(client, "/checklist")
    empty = client.post("/checklist", data={"csrf_token": token, "mode": "theme", "theme": " "})
    assert empty.status_code == 400 and "--theme 不能为空" in text_of(empty)
    no_items = client.post("/checklist", data={"csrf_token": token, "mode": "items",
                                               "items": (io.BytesIO("# 只有标题\n".encode()), "空.md")},
                           content_type="multipart/form-data")
    assert no_items.status_code == 422 and "空.md: 没有检查事项" in text_of(no_items)


def test_laws_lists_the_index_and_filters(client):
    shown = text_of(client.get("/laws"))
    assert f"《{LAW}》" in shown and "矿灯安全法(2022-06-01).md" in shown and "共 4 个文件" in shown
    assert "共 1 个文件" in text_of(client.get("/laws", query_string={"q": "实施条例"}))


ADDED = ("# 中华人民共和国头盔安全法\n\n2023年1月1日 虚构主席令第9号公布\n\n<!-- INFO END -->\n\n"
         "第一条 为了规范头盔的使用，制定本法。\n\n第二条 头盔使用单位应当定期检查头盔的完好情况。\n")


def test_add_runs_in_the_background_and_the_law_becomes_searchable(law_index, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(law_index, index)
    client = make_app(index).test_client()
    before = client.get("/search", query_string={"q": "头盔完好情况"})
    assert "头盔安全法" not in text_of(before)  # the pool opened the live generation
    response = client.post("/laws/add", data={"csrf_token": csrf(client, "/laws"),
                                              "files": [(io.BytesIO(ADDED.encode()), "头盔安全法(2023-01-01).md")]},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    page = response.headers["Location"]
    for _ in range(300):
        status = client.get(page + ".json").get_json()
        if status["state"] != "running":
            break
        time.sleep(0.1)
    assert status["state"] == "done", status
    assert status["result"]["files"][0]["title"] == "中华人民共和国头盔安全法"
    assert "加入《中华人民共和国头盔安全法》" in text_of(client.get(page))
    after = text_of(client.get("/search", query_string={"q": "头盔完好情况"}))
    assert "《中华人民共和国头盔安全法》第二条" in after
    assert "共 5 个文件" in text_of(client.get("/laws"))
    with Workspace(index) as workspace:  # the CLI's view of the same index
        assert any(d.title.endswith("头盔安全法") for d, _ in workspace.store.overview())


def test_add_rejects_a_bad_file_before_starting(client):
    response = client.post("/laws/add", data={"csrf_token": csrf(client, "/laws"),
                                              "files": [(io.BytesIO(b"PK\x03\x04xx"), "坏.docx")]},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "坏.docx: 不是有效的 Word 文档" in text_of(response)
    assert client.get("/laws/jobs/nonexistent").status_code == 404


def test_checklist_verify_an_old_table(client):
    old = (f"序号\t违法行为描述\t执法依据\t处罚依据\n"
           f"1\t未建立矿灯发放登记制度\t《{LAW}》第三条\t《{LAW}》第七条\n"
           f"2\t未如实记录\t《{LAW}》第九十九条\t《{LAW}》第七条\n").encode()
    response = client.post("/checklist", data={"csrf_token": csrf(client, "/checklist"), "mode": "verify",
                                               "table": (io.BytesIO(old), "旧表.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 200, text_of(response)
    shown = text_of(response)
    assert "检查表核查：旧表.txt" in shown and "2 行，其中 1 行引用有误或未核实" in shown
    book = openpyxl.load_workbook(io.BytesIO(client.get(downloads(response)[0]).data))
    header = [c.value for c in next(r for r in book.active.iter_rows() if any(c.value == "核查结果" for c in r))]
    assert "核查结果" in header and "现行条文" in header


def test_checklist_verify_rejects_a_broken_workbook(client):
    response = client.post("/checklist", data={"csrf_token": csrf(client, "/checklist"), "mode": "verify",
                                               "table": (io.BytesIO(b"PK\x03\x04broken"), "旧表.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "旧表.xlsx: 不是有效的 Excel 工作簿" in text_of(response)


def test_add_reports_each_stage(law_index, tmp_path):
    """The build's stages reach the job (what its page shows): the files read, then the
    generation's steps, ending with the swap."""
    from policydocs.app.lawfiles import add_files

    index = tmp_path / "index"
    shutil.copytree(law_index, index)
    law = tmp_path / "头盔安全法(2023-01-01).md"
    law.write_text(ADDED, encoding="utf-8")
    heard: list[tuple[str, int, int]] = []
    with Workspace(index) as workspace:
        add_files(workspace, [law], progress=lambda *stage: heard.append(stage))
    stages = list(dict.fromkeys(stage for stage, _, _ in heard))
    assert stages == ["读取文件", "复制索引", "写入条文与处罚关联", "更新检索索引", "启用新版本"]
    assert heard[-1] == ("启用新版本", 1, 1)


def test_a_workspace_keeps_its_generation_until_refreshed(law_index, tmp_path):
    """An action in progress is never cut off by an add: the workspace it runs on reads the
    generation it opened; `refresh` moves it to the new one for the next request."""
    from policydocs.app.lawfiles import add_files

    index = tmp_path / "index"
    shutil.copytree(law_index, index)
    law = tmp_path / "头盔安全法(2023-01-01).md"
    law.write_text(ADDED, encoding="utf-8")
    with Workspace(index) as reader, Workspace(index) as writer:
        assert not any("头盔" in h.citation for h in reader.search("头盔完好情况").hits)
        add_files(writer, [law])
        assert not any("头盔" in h.citation for h in reader.search("头盔完好情况").hits)  # still the old one
        assert reader.refresh() is True and reader.refresh() is False
        assert any("头盔" in h.citation for h in reader.search("头盔完好情况").hits)


def test_markup_in_a_clause_shows_literally(law_index, tmp_path):
    """A law file is user input too: its <script> and {{ }} are text on every page."""
    from policydocs.app.lawfiles import add_files

    index = tmp_path / "index"
    shutil.copytree(law_index, index)
    law = tmp_path / "标记安全法(2023-01-01).md"
    law.write_text("# 中华人民共和国标记安全法\n\n2023年1月1日 虚构主席令第8号公布\n\n<!-- INFO END -->\n\n"
                   "第一条 标记使用单位应当妥善保管<script>alert(1)</script>标记牌{{ 7*7 }}。\n", encoding="utf-8")
    with Workspace(index) as workspace:
        add_files(workspace, [law])
    client = make_app(index).test_client()
    for page in (client.get("/search", query_string={"q": "妥善保管标记牌"}),
                 client.get("/clause", query_string={"cite": "《中华人民共和国标记安全法》第一条"})):
        body = page.get_data(as_text=True)
        assert page.status_code == 200 and "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "{{ 7*7 }}" in text_of(page)


@pytest.mark.slow
def test_draft_with_render_lays_the_pages_out(client):
    """排版后再写出: `draft --render` through the form (LibreOffice; skipped without it)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    response = client.post("/draft", data={"csrf_token": csrf(client, "/draft"), "kind": "notice", "mode": "form",
                                           "body": BODY, "render": "1", **NOTICE})
    assert response.status_code == 200, text_of(response)
    shown = text_of(response)
    assert "排版（分页检查） 分页检查（R1–R7）全部符合" in shown  # a one-page notice has no page fault
    plain = client.post("/draft", data={"csrf_token": csrf(client, "/draft"), "kind": "notice", "mode": "form",
                                        "body": BODY, **NOTICE})
    assert "排版（分页检查）" not in text_of(plain)
