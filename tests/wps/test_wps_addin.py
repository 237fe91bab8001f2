"""The WPS add-in's files: ribbon.xml against Microsoft's customUI schema and the Excel add-in's buttons,
every callback and button handled in the JavaScript, plain ES2018, and the task pane in headless Chromium."""
from __future__ import annotations

import json
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from shibai_xl import __version__
from shibai_xl.addin.ribbon import CUSTOMUI_NS, RIBBON_BUTTONS, RIBBON_GROUPS, RIBBON_TAB_LABEL
from shibai_xl.jobs.actions import ACTIONS
from shibai_xl.wps import install as I
from shibai_xl.wps import settings as S
from shibai_xl.wps.ribbon import CALLBACKS, ribbon_xml

from .chromium import chromium, taskpane_url
from .conftest import ADDIN, NODE, ROOT, free_port, needs_chromium, needs_node, start_service, stop_service

SCHEMA = ROOT.parent / "shared" / "schemas" / "customUI.xsd"
RIBBON = ADDIN / "ribbon.xml"
JS = sorted((ADDIN / "js").glob("*.js"))
Q = f"{{{CUSTOMUI_NS}}}"


def test_the_addin_folder_is_named_for_this_version():
    assert ADDIN.is_dir() and ADDIN.name == f"shibai_{__version__}"
    assert [p.name for p in (ADDIN.parent).iterdir() if p.is_dir()] == [ADDIN.name]


@pytest.mark.skipif(not SCHEMA.exists(), reason="../shared/schemas/customUI.xsd 不在")
def test_ribbon_xml_is_valid_customui_2006_without_a_declaration():
    text = RIBBON.read_text("utf-8")
    assert text.startswith("<customUI ") and "<?xml" not in text          # WPS rejects a declaration
    xmlschema.XMLSchema(str(SCHEMA)).validate(str(RIBBON))
    assert ET.fromstring(text).tag == f"{Q}customUI"


def test_ribbon_has_the_excel_addins_tab_groups_buttons_and_labels():
    root = ET.fromstring(RIBBON.read_text("utf-8"))
    tab = root.find(f"{Q}ribbon/{Q}tabs/{Q}tab")
    assert tab.get("label") == RIBBON_TAB_LABEL
    groups = [(g.get("id"), g.get("label"), [(b.get("id"), b.get("label")) for b in g.findall(f"{Q}button")])
              for g in tab.findall(f"{Q}group")]
    expected = [(g.id, g.label, [(b.id, b.label) for b in RIBBON_BUTTONS if b.group == g.id]) for g in RIBBON_GROUPS]
    assert groups == [e for e in expected if e[2]]
    assert ET.fromstring(ribbon_xml()).find(f"{Q}ribbon/{Q}tabs/{Q}tab").get("label") == RIBBON_TAB_LABEL


def _callbacks(root) -> set[str]:
    return {v for el in root.iter() for k, v in el.attrib.items() if k.startswith(("on", "get"))}


def _functions(js: str) -> set[str]:
    return set(re.findall(r"^function\s+([A-Za-z_$][\w$]*)\s*\(", js, re.M))


def test_every_callback_and_button_is_handled_in_the_javascript():
    root = ET.fromstring(RIBBON.read_text("utf-8"))
    ribbon_js = (ADDIN / "js" / "ribbon.js").read_text("utf-8")
    callbacks = _callbacks(root)
    assert callbacks == set(CALLBACKS)
    for name in callbacks:                       # plain names are global functions; dotted ones objects
        head = name.split(".")[0]
        assert head in _functions(ribbon_js) or re.search(rf"\bvar\s+{head}\s*=", ribbon_js), name
    ids = {b.get("id") for b in root.iter(f"{Q}button")}
    icons = dict(re.findall(r"(sb_\w+):\s*\"(images/[\w.]+)\"", ribbon_js))
    assert set(icons) == ids == set(ACTIONS)     # an icon in the add-in and an action in the service
    for icon in icons.values():
        assert (ADDIN / icon).is_file()
    assert "Shibai.create" in ribbon_js and "control.Id" in ribbon_js


def test_the_pages_load_files_that_exist():
    for page in (ADDIN / "index.html", ADDIN / "ui" / "taskpane.html"):
        sources = re.findall(r'<script src="([^"]+)"', page.read_text("utf-8"))
        assert sources and all((page.parent / s).resolve().is_file() for s in sources)
    assert re.findall(r'<script src="([^"]+)"', (ADDIN / "index.html").read_text("utf-8")) == \
        ["js/settings.js", "js/shibai.js", "js/ribbon.js"]


_LATER_SYNTAX = {                      # what ES2018 does not have, and WPS's old embedded browser may not parse
    "optional chaining ?.": re.compile(r"\?\.(?!\d)"),
    "nullish ??": re.compile(r"\?\?"),
    "optional catch binding": re.compile(r"\bcatch\s*\{"),
    "classes (fields, private #names)": re.compile(r"\bclass\b|#\w"),
    "modules": re.compile(r"(?m)^\s*(import|export)\b"),
    "numeric separators": re.compile(r"\d_\d"),
    "logical assignment": re.compile(r"(\|\||&&|\?\?)="),
}


def _code_only(js: str) -> str:
    js = re.sub(r"/\*.*?\*/", "", js, flags=re.S)
    js = re.sub(r"(?m)//.*$", "", js)
    return re.sub(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`", '""', js)


@pytest.mark.parametrize("path", JS + [ADDIN / "ui" / "taskpane.html"], ids=lambda p: p.name)
def test_plain_es2018(path):
    code = _code_only(path.read_text("utf-8"))
    if path.suffix == ".html":
        assert "<script>" not in code          # no inline script: everything is in js/
        return
    for what, pattern in _LATER_SYNTAX.items():
        assert not pattern.search(code), f"{path.name}: {what}"
    if NODE:
        done = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_settings_js_in_the_repository_has_no_token():
    assert '"token": ""' in (ADDIN / "js" / "settings.js").read_text("utf-8")


@needs_node
def test_core_helpers_in_node():
    script = ("const S = require(process.argv[1]);"
              "console.log(JSON.stringify([S.bgr('#FFC7CE'), S.letters(28), S.matrix(5), S.matrix([[1, 2]]),"
              " S.address({Address: (a, b) => '$A$1:$B$2'})]))")
    done = subprocess.run([NODE or "node", "-e", script, str(ADDIN / "js" / "shibai.js")], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == '[13551615,"AB",[[5]],[[1,2]],"A1:B2"]'


# --- the task pane in headless Chromium, against the running service --------------------------------------

@pytest.fixture
def installed(tmp_path):
    home = tmp_path / "home"
    where = I.Where(platform="linux", env={"HOME": str(home)}, home=home)
    I.install(where, port=free_port(), start=False)
    service = start_service(S.load(**where.settings))
    yield where.jsaddons() / I.FOLDER
    stop_service(service)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@needs_chromium
def test_taskpane_lists_the_findings_from_the_service(installed, flawed_park, tmp_path):
    from shibai_xl.jobs.check_file import check_file

    result = check_file(flawed_park)
    dom = chromium(taskpane_url(installed, flawed_park))
    assert f'<h1 id="heading">{result.name}</h1>' in dom
    for f in result.findings:
        assert f.code in dom
        if f.sheet and f.cell:
            assert f'data-sheet="{f.sheet}" data-cell="{f.cell}"' in dom
    assert f"共 {len(result.findings)} 项" in dom
    shot = tmp_path / "pane.png"
    chromium(taskpane_url(installed, flawed_park), screenshot=shot)
    assert png_size(shot) == (440, 820) and shot.stat().st_size > 20_000   # text was drawn, not a blank page


@needs_chromium
def test_taskpane_in_wps_shows_the_last_check_and_a_link_selects_the_cell(installed, tmp_path):
    """Inside WPS the pane reads the ribbon's findings from PluginStorage; a click selects the cell."""
    dom = _pane_in_wps(installed, None, "示例园区.xlsx", company="示例园区")
    assert 'data-selected="申报表!C11"' in dom and "示例园区" in dom and "前置条件：不达标" in dom
    assert "已选中 申报表!C11" in dom


def _pane_in_wps(installed: Path, stored_book: str | None, active_book: str, company: str = "甲公司",
                 finding: dict | None = None) -> str:
    """The pane inside a fake WPS whose last check (of ``company``) was of ``stored_book`` (None: findings stored
    without it, as the ribbon stored them before) while ``active_book`` is in front; the first cell link clicked."""
    page = installed / "ui" / f"pane-{abs(hash((stored_book, active_book, str(finding))))}.html"
    stored = {"message": f"检查完成：{company}\n前置条件：不达标", "book": stored_book, "findings": [finding or
        {"code": "FIELD_MOBILE", "severity": "error", "message": "手机号码格式错误", "sheet": "申报表", "cell": "C11"}]}
    findings = json.dumps({k: v for k, v in stored.items() if v is not None}, ensure_ascii=False)
    fake = ("<script>var selected = [];"
            "window.wps = {PluginStorage: {getItem: function (k) { return k === 'shibai_findings' ? " + json.dumps(findings)
            + " : null; }}, EtApplication: function () { return {ActiveWorkbook: {Name: 'x', FullName: "
            + json.dumps(active_book) + ", Sheets: {Item: function (name) {"
            " return {Activate: function () {}, Range: function (cell) { return {Select: function () {"
            " selected.push(name + '!' + cell); }}; }}; }}}}; }};"
            "window.addEventListener('load', function () { setTimeout(function () {"
            " document.querySelector('a.cell').click();"
            " document.body.setAttribute('data-selected', selected.join(',')); }, 50); });</script>")
    html = (installed / "ui" / "taskpane.html").read_text("utf-8").replace("<script src=\"../js/settings.js\">",
                                                                              fake + "<script src=\"../js/settings.js\">")
    page.write_text(html, "utf-8")
    return chromium(page.as_uri())


@needs_chromium
def test_a_link_in_the_pane_selects_nothing_in_another_workbook_brought_to_the_front(installed):
    """The pane keeps the last check's list while the clerk opens or switches to another workbook: a click on
    “申报表!C11” selected C11 of the workbook now in front (another company's 申报表, same sheet names) and said
    “已选中”. It selects only in the workbook checked and otherwise says whose the list is."""
    a, b = r"D:\申报\甲公司申报表.xlsx", r"D:\申报\乙公司申报表.xlsx"
    other = _pane_in_wps(installed, a, b)
    assert 'data-selected=""' in other and "已选中" not in other
    assert "甲公司申报表.xlsx" in other and "重新检查" in other and "没有选中单元格" in other
    same = _pane_in_wps(installed, a, a)
    assert 'data-selected="申报表!C11"' in same and "已选中 申报表!C11" in same

