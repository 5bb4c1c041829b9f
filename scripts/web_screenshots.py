"""The README's screenshots of the web app: `policydocs serve` (waitress in a thread) on an
index, the search and check pages opened in headless Chromium at 1366×768, saved as PNG.

    python scripts/web_screenshots.py --index /work/idx [--out docs]
"""

from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By

from policydocs.web import WebConfig
from policydocs.web.server import free_port, make_server

CHECKED = ("各单位要严格落实《中华人民共和国安全生产法》第二十一条规定的主要负责人职责，"
           "对特种作业人员未取得相应资格上岗作业的，依照《安全生产法》第九十七条第七项处罚；"
           "未如实记录隐患排查治理情况的，依照《安全生产法》第九十七条第十五项处罚。\n"
           "有限空间作业未审批的，依照《工贸企业有限空间作业安全规定》第三十条处理。")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--out", default="docs")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = make_server(WebConfig(Path(args.index)), "127.0.0.1", port)
    threading.Thread(target=server.run, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as profile:
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,768",
                     f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=webdriver.ChromeService("/usr/bin/chromedriver"))
        try:
            base = f"http://127.0.0.1:{port}"
            driver.get(f"{base}/search?q=电焊工无证上岗作业")
            driver.save_screenshot(str(out / "web-search.png"))
            driver.get(f"{base}/check")
            area = driver.find_element(By.NAME, "text")
            area.send_keys(CHECKED)
            area.submit()
            driver.find_element(By.CSS_SELECTOR, ".findings")
            driver.save_screenshot(str(out / "web-check.png"))
        finally:
            driver.quit()
            server.close()
    for name in ("web-search.png", "web-check.png"):
        print(f"{out / name}: {(out / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
