"""A non-editable install drafts: build the wheel, install it into a fresh virtualenv, index
the test fixtures and draft a notice that cites them, all from outside the source tree
(the templates and data files must come from inside the installed package)."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "search"

pytestmark = pytest.mark.slow


def _run(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}  # nothing of the dev venv
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                            encoding="utf-8", env={**env, "PYTHONUTF8": "1"})
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ directory of a fresh virtualenv with the wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", work / "dist", ROOT, cwd=work)
    wheel = next((work / "dist").glob("policydocs-*.whl"))
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / ("Scripts" if sys.platform == "win32" else "bin")
    _run(bin_dir / "python", "-m", "pip", "install", "--quiet", wheel, cwd=work)
    return bin_dir


def test_wheel_installs_outside_the_source_tree(installed, tmp_path):
    located = _run(installed / "python", "-c",
                   "import policydocs.draft.templates as t, policydocs; print(policydocs.__file__); "
                   "print(t.template_dir())", cwd=tmp_path).stdout.split("\n")
    assert not located[0].startswith(str(ROOT)) and "site-packages" in located[0]
    assert "site-packages" in located[1]


def test_wheel_indexes_and_drafts_a_notice_that_cites(installed, tmp_path):
    policydocs = installed / "policydocs"
    _run(policydocs, "index", FIXTURES, "--index", tmp_path / "idx", cwd=tmp_path)
    (tmp_path / "notice.md").write_text(
        "---\nkind: notice\ntitle: 关于开展动火作业专项检查的通知\nissuer: ××市应急管理局\n"
        "number: ×应急〔2024〕3号\nto: 各区应急管理局：\nsignature: ××市应急管理局\n"
        # the invented fixture laws are outside the work-safety domain; the document's scope puts
        # the 焊割 law in scope, so its clause is cited (at worst with 〔请核对〕, never 〔未核实〕)
        "date: 2024-01-20\nscope: 焊割\n---\n\n# 工作要求\n\n"
        "重点查处动火作业前未清除作业点周围可燃物的行为[[依据: 动火作业前清除作业点周围的可燃物]]。\n",
        encoding="utf-8")
    result = _run(policydocs, "draft", "notice", "notice.md", "-o", "notice.docx", "--index", tmp_path / "idx",
                  cwd=tmp_path)
    assert "缺少模板" not in result.stderr
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "notice.docx")).paragraphs)
    assert "关于开展动火作业专项检查的通知" in text
    assert "（《中华人民共和国焊割安全法》第二条）" in text
    assert "未核实" not in text


def test_wheel_serves_the_web_app_with_its_templates_and_static_files(installed, tmp_path):
    """The pages' templates, CSS and script are package data: the installed app renders them."""
    _run(installed / "policydocs", "index", FIXTURES, "--index", tmp_path / "idx", cwd=tmp_path)
    script = ("import sys; from pathlib import Path; from policydocs.web import WebConfig, create_app\n"
              "client = create_app(WebConfig(Path(sys.argv[1]))).test_client()\n"
              "page = client.get('/search', query_string={'q': '动火作业'})\n"
              "css = client.get('/static/style.css'); js = client.get('/static/app.js')\n"
              "print(page.status_code, css.status_code, js.status_code, '复制引用' in page.get_data(as_text=True))\n"
              "css.close(); js.close()\n"
              "import policydocs.web; print(policydocs.web.__file__)\n")
    out = _run(installed / "python", "-c", script, tmp_path / "idx", cwd=tmp_path).stdout.split("\n")
    assert out[0] == "200 200 200 True"
    assert "site-packages" in out[1]
