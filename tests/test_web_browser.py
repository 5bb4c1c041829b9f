"""The web app in a real Chromium (Debian's chromium + chromium-driver through selenium): search
and read a result, copy a citation, paste a text with a wrong citation and see it flagged,
upload a Markdown and download a .docx python-docx opens, upload a malformed file and see the
one-line error, add a law and watch the page follow the build. waitress serves the app on a
free port in a thread, as `policydocs serve` does; every page is saved as a screenshot under
test-output/web/ (1366×768, the office screen) to be looked at."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import docx
import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = Path(__file__).resolve().parents[1] / "test-output" / "web"
LAW = "中华人民共和国矿灯安全法"

webdriver = pytest.importorskip("selenium.webdriver")
if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    pytest.skip("chromium or chromedriver not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from policydocs.web import WebConfig  # noqa: E402
from policydocs.web.server import free_port, make_server  # noqa: E402


@pytest.fixture(scope="module")
def base_url(law_index, tmp_path_factory):
    """waitress serving a private copy of the fixture index (the add test changes it)."""
    index = tmp_path_factory.mktemp("browser") / "index"
    shutil.copytree(law_index, index)
    port = free_port()
    server = make_server(WebConfig(index), "127.0.0.1", port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def downloads_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads_dir, tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1366,768", "--lang=zh-CN",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads_dir),
                                              "download.prompt_for_download": False})
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads_dir)})
    driver.set_page_load_timeout(60)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def shot(driver, name: str) -> None:
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def wait_for(driver, css: str, seconds: float = 20):
    return WebDriverWait(driver, seconds).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))


def wait_download(folder: Path, suffix: str, seconds: float = 30) -> Path:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done and not any(p.suffix == ".crdownload" for p in folder.iterdir()):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {list(folder.iterdir())}")


def test_search_read_a_result_and_copy_its_citation(browser, base_url):
    browser.get(f"{base_url}/search")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("矿灯发放登记制度")
    box.submit()
    first = wait_for(browser, "ol.hits li.hit")
    assert f"《{LAW}》第三条" in first.text
    assert first.find_elements(By.TAG_NAME, "mark")
    assert "处罚依据" in first.text
    assert "q=" in browser.current_url  # a link to send a colleague
    shot(browser, "01-search")
    browser.execute_cdp_cmd("Browser.grantPermissions", {"origin": base_url,
                                                         "permissions": ["clipboardReadWrite",
                                                                         "clipboardSanitizedWrite"]})
    button = first.find_element(By.CSS_SELECTOR, "button.copy")
    button.click()
    WebDriverWait(browser, 5).until(lambda d: button.text in ("已复制", "请手动复制"))
    assert button.text == "已复制"
    copied = browser.execute_async_script("navigator.clipboard.readText().then(arguments[0])")
    assert copied == f"《{LAW}》第三条"
    first.find_element(By.LINK_TEXT, f"《{LAW}》第三条").click()
    article = wait_for(browser, "article.clause")
    assert "矿灯使用单位应当建立矿灯发放登记制度" in article.text
    assert "其他版本" in browser.find_element(By.TAG_NAME, "main").text
    shot(browser, "02-clause")


def test_paste_a_wrong_citation_and_see_it_flagged(browser, base_url):
    browser.get(f"{base_url}/check")
    shot(browser, "03-check")
    area = browser.find_element(By.NAME, "text")
    area.send_keys(f"依据《{LAW}》第三条，建立发放登记制度。\n违反者依照《{LAW}》第九十九条处罚。\n<script>alert(1)</script>")
    area.submit()
    wrong = wait_for(browser, "a.cited.st.bad")
    assert wrong.text == f"《{LAW}》第九十九条"
    assert browser.find_element(By.CSS_SELECTOR, "a.cited.st.ok").text == f"《{LAW}》第三条"
    assert "条款不存在" in browser.find_element(By.CSS_SELECTOR, ".finding.st-bad").text
    assert "<script>alert(1)</script>" in browser.find_element(By.CSS_SELECTOR, ".doc").text  # shown, not run
    shot(browser, "04-check-result")


def test_upload_markdown_and_download_the_docx(browser, base_url, downloads_dir, tmp_path):
    source = tmp_path / "检查通知.md"
    source.write_text("---\nkind: notice\nissuer: ××市应急管理局\nnumber: ×应急〔2024〕3号\n"
                      "title: 关于开展矿灯安全专项检查的通知\nto: 各区应急管理局\ndate: 2024-01-20\n"
                      "signature: ××市应急管理局\n---\n\n# 工作要求\n\n"
                      "重点查处未建立矿灯发放登记制度的行为[[依据: 矿灯使用单位未建立矿灯发放登记制度]]。\n",
                      encoding="utf-8")
    browser.get(f"{base_url}/draft")
    shot(browser, "05-draft")
    form = browser.find_element(By.ID, "upload-form")
    form.find_element(By.NAME, "source").send_keys(str(source))
    form.submit()
    link = wait_for(browser, "a#download")
    shot(browser, "06-draft-result")
    link.click()
    document = docx.Document(str(wait_download(downloads_dir, ".docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于开展矿灯安全专项检查的通知" in text and "×应急〔2024〕3号" in text


def test_upload_a_malformed_file_and_see_the_one_line_error(browser, base_url, tmp_path):
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a zip")
    browser.get(f"{base_url}/check")
    browser.find_element(By.NAME, "file").send_keys(str(broken))
    browser.find_element(By.NAME, "file").submit()
    error = wait_for(browser, "p.error")
    assert error.text.startswith("错误：损坏.docx: 不是有效的 Word 文档")
    assert "\n" not in error.text
    shot(browser, "07-error")


def test_checklist_and_laws_pages(browser, base_url, downloads_dir):
    browser.get(f"{base_url}/checklist")
    shot(browser, "08-checklist")
    form = browser.find_element(By.ID, "theme-form")
    form.find_element(By.NAME, "theme").send_keys("矿灯发放登记")
    form.find_element(By.NAME, "law").send_keys("矿灯安全法")
    form.submit()
    wait_for(browser, "a#download")
    assert "未建立矿灯发放登记制度" in browser.find_element(By.CSS_SELECTOR, "table.rows").text
    shot(browser, "09-checklist-result")
    browser.get(f"{base_url}/laws")
    assert f"《{LAW}》" in browser.find_element(By.CSS_SELECTOR, "table.laws").text
    shot(browser, "10-laws")


def test_add_a_law_and_the_page_follows_the_build(browser, base_url, tmp_path):
    law = tmp_path / "头盔安全法(2023-01-01).md"
    law.write_text("# 中华人民共和国头盔安全法\n\n2023年1月1日 虚构主席令第9号公布\n\n<!-- INFO END -->\n\n"
                   "第一条 为了规范头盔的使用，制定本法。\n\n第二条 头盔使用单位应当定期检查头盔的完好情况。\n",
                   encoding="utf-8")
    browser.get(f"{base_url}/laws")
    form = browser.find_element(By.ID, "add-form")
    form.find_element(By.NAME, "files").send_keys(str(law))
    form.submit()
    WebDriverWait(browser, 60).until(lambda d: "完成" in d.find_element(By.ID, "job-state").text
                                     or "失败" in d.find_element(By.ID, "job-state").text)
    assert "加入《中华人民共和国头盔安全法》" in browser.find_element(By.ID, "job").text  # reloaded by the script
    shot(browser, "11-add-job")
    browser.get(f"{base_url}/search?q=头盔完好情况")
    assert "《中华人民共和国头盔安全法》第二条" in wait_for(browser, "ol.hits").text


def test_a_token_server_asks_for_the_token_once(browser, law_index):
    """Served with --token: a page sends the browser to the login form; the right token lets
    it through to the page it asked for, and the cookie keeps it in."""
    port = free_port()
    server = make_server(WebConfig(law_index, token="office-token-1234"), "127.0.0.1", port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        browser.get(f"http://127.0.0.1:{port}/laws")
        field = wait_for(browser, "input[name=token]")
        shot(browser, "12-login")
        field.send_keys("wrong-token-99")
        field.submit()
        assert "令牌不正确" in wait_for(browser, "p.error").text
        browser.find_element(By.NAME, "token").send_keys("office-token-1234")
        browser.find_element(By.NAME, "token").submit()
        assert f"《{LAW}》" in wait_for(browser, "table.laws").text
        browser.get(f"http://127.0.0.1:{port}/search?q=矿灯")
        assert wait_for(browser, "ol.hits")
    finally:
        server.close()
        thread.join(timeout=5)


def test_briefing_form_gives_slides_that_open(browser, briefing_index, downloads_dir):
    """宣讲材料 on the invented 密闭场所安全生产法: the form in the browser, the .pptx downloaded
    and opened by python-pptx."""
    from pptx import Presentation

    port = free_port()
    server = make_server(WebConfig(briefing_index), "127.0.0.1", port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        browser.get(f"http://127.0.0.1:{port}/briefing")
        shot(browser, "13-briefing")
        form = browser.find_element(By.ID, "briefing-form")
        form.find_element(By.NAME, "theme").send_keys("主要负责人安全职责")
        for name in ("handout", "bank"):  # only the slides
            box = form.find_element(By.NAME, name)
            if box.is_selected():
                box.click()
        form.submit()
        link = wait_for(browser, "p.download a.button")
        assert "《中华人民共和国密闭场所安全生产法》" in browser.find_element(By.CSS_SELECTOR, "table.rows").text
        shot(browser, "14-briefing-result")
        link.click()
        deck = Presentation(str(wait_download(downloads_dir, ".pptx")))
        assert len(deck.slides) > 1
    finally:
        server.close()
        thread.join(timeout=5)
