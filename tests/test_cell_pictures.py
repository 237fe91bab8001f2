"""Pictures placed in cells, as WPS saves them: 嵌入单元格图片 is the formula DISPIMG("ID_…",1) with the saved text
"=DISPIMG(…)" (and #NAME? once Excel opened and saved the file). An applicant pastes the 信用中国 screenshot into the
材料清单's 是否提供 cell, or a picture where a figure belongs: said as a picture, never as “=DISPIMG(…)” typed."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from tests.zip_parts import rewrite

from .test_ribbon_actions import remote_engine  # noqa: F401  (the remote engine fixture)

CELL_IMAGES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               b'<etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"/>')


def _cell_xml(ref: str, formula: str, saved: str, kind: str = "str") -> bytes:
    return f'<c r="{ref}" t="{kind}"><f>{formula}</f><v>{saved}</v></c>'.encode()


def with_picture(path, field: str, excel_saved: bool = False, placed: bool = False):
    """The application with WPS's picture in the cell of ``field`` (its sheet's XML rewritten as WPS writes it), or
    with Excel's own (``placed``: 放置在单元格中, #VALUE! with a rich value's metadata)."""
    cell = named_cell(load_workbook(path), field)
    return with_picture_at(path, cell.parent.title, cell.coordinate, excel_saved, placed)


def with_picture_at(path, sheet: str, ref: str, excel_saved: bool = False, placed: bool = False):
    """As :func:`with_picture`, in the cell ``ref`` of ``sheet``."""
    sheet_index = load_workbook(path).sheetnames.index(sheet) + 1
    formula = '_xlfn.DISPIMG("ID_6F2A4B9C8D7E4F0A8B1C2D3E4F5A6B7C",1)'
    new = _cell_xml(ref, formula, "#NAME?", "e") if excel_saved else \
        _cell_xml(ref, formula, '=DISPIMG("ID_6F2A4B9C8D7E4F0A8B1C2D3E4F5A6B7C",1)')
    if placed:
        new = f'<c r="{ref}" t="e" vm="1"><v>#VALUE!</v></c>'.encode()
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"(?: [^>]*)?(?:/>|>.*?</c>)', re.S)

    def edit(name: str, data: bytes) -> bytes:
        if name == f"xl/worksheets/sheet{sheet_index}.xml":
            data, n = pattern.subn(new, data)
            assert n == 1, (name, ref)
        return data

    rewrite(path, path, edit, extra={"xl/cellimages.xml": CELL_IMAGES})
    return path


def check_json(path) -> dict:
    done = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "check", str(path), "--json"], capture_output=True,
                          text=True)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)[0] if done.stdout.lstrip().startswith("[") else json.loads(done.stdout)


def test_screenshot_in_a_materials_cell_counts_as_provided(make_workbook, rules):
    credit_check = next(m.name for m in rules.materials if "信用中国" in m.label)
    path = with_picture(make_workbook("park"), credit_check)
    out = check_json(path)
    said = [f for f in out["findings"] if f.get("cell") and f["sheet"] == "材料清单"]
    assert [f["severity"] for f in said] == ["info"], said
    assert "嵌入单元格的图片，按已提供处理" in said[0]["message"]
    assert "DISPIMG" not in json.dumps(out, ensure_ascii=False)
    assert not any(f["code"] == "MAT_MISSING" for f in out["findings"])
    assert out["eligible"] is True


def test_screenshot_placed_by_excel_in_a_materials_cell_counts_as_provided(make_workbook, rules):
    credit_check = next(m.name for m in rules.materials if "信用中国" in m.label)
    out = check_json(with_picture(make_workbook("park"), credit_check, placed=True))
    said = [f for f in out["findings"] if f.get("cell") and f["sheet"] == "材料清单"]
    assert [f["severity"] for f in said] == ["info"] and "图片，按已提供处理" in said[0]["message"], said
    assert not any(f["code"] == "MAT_MISSING" for f in out["findings"])


def test_picture_where_a_figure_belongs_is_said_as_a_picture(make_workbook):
    path = with_picture(make_workbook("park"), "sb_online_retail")
    out = check_json(path)
    said = [f for f in out["findings"] if (f["sheet"], f["cell"]) == ("申报表", "C15")]
    assert {f["code"] for f in said} == {"FIELD_AMOUNT", "ELIG_MISSING"}, said
    assert all("嵌入单元格的图片" in f["message"] for f in said if f["code"] == "FIELD_AMOUNT"), said
    assert "DISPIMG" not in json.dumps(out, ensure_ascii=False)
    assert out["eligible"] is not True      # no figure: the 3000万 threshold cannot be met


def test_picture_saved_by_excel_is_no_error_value(make_workbook):
    """Opened in Excel and saved, the cell keeps its formula and shows #NAME?: still the applicant's picture."""
    path = with_picture(make_workbook("park"), "sb_credit_ok", excel_saved=True)
    out = check_json(path)
    said = {f["code"]: f["message"] for f in out["findings"] if (f["sheet"], f["cell"]) == ("补充信息", "B8")}
    assert "嵌入单元格的图片" in said["FIELD_CHOICE"] and "嵌入单元格的图片，应填“是”或“否”" in said["ELIG_CREDIT"], said
    assert "#NAME?" not in json.dumps(out, ensure_ascii=False)


def test_picture_for_the_name_is_no_name(make_workbook, tmp_path):
    path = with_picture(make_workbook("enterprise"), "sb_name")
    out = check_json(path)
    assert out["name"] == "", out["name"]      # CONTRACT §4: a str; no picture formula as the name
    said = [f for f in out["findings"] if (f["sheet"], f["cell"]) == ("申报表", "C3")]
    assert [f["code"] for f in said] == ["FIELD_REQUIRED"] and "嵌入单元格的图片" in said[0]["message"], said


def test_picture_placed_in_a_cell_by_excel_is_no_error_value(make_workbook):
    path = with_picture(make_workbook("park"), "sb_online_retail", placed=True)
    out = check_json(path)
    said = [f for f in out["findings"] if (f["sheet"], f["cell"]) == ("申报表", "C15") and f["code"] == "FIELD_AMOUNT"]
    assert len(said) == 1 and "嵌入单元格的图片" in said[0]["message"], out["findings"]
    assert "#VALUE!" not in json.dumps(out, ensure_ascii=False)


def test_summary_row_says_the_name_is_a_picture(make_workbook, tmp_path):
    apps = tmp_path / "申报表"
    apps.mkdir()
    with_picture(make_workbook("enterprise", name="申报表/企业.xlsx"), "sb_name")
    done = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "refresh", str(tmp_path / "汇总表.xlsx"),
                           "--from", str(apps), "--batch", "2024-05"], capture_output=True, text=True)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    wb = load_workbook(tmp_path / "汇总表.xlsx", read_only=True)
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    header = next(r for r in rows if "问题" in r)
    row = rows[rows.index(header) + 1]
    assert "名称是图片" in row[header.index("问题")], row
    assert not any(isinstance(v, str) and "DISPIMG" in v for r in rows for v in r)


def test_wps_add_in_says_the_picture_whatever_value2_gives(make_workbook, rules):
    """In WPS the add-in reads Range.Value2 and Range.Formula of an open book: the picture's cell may give the saved
    text "=DISPIMG(…)", or nothing with the formula beside it. Either way the check says a picture."""
    from shibai_xl.adapters.view import SnapshotBook
    from shibai_xl.adapters.xlsx.reader import read_open
    from shibai_xl.engine.check import check

    from .test_workbook_source import snapshot

    path = make_workbook("park")
    picture = '=DISPIMG("ID_6F2A4B9C8D7E4F0A8B1C2D3E4F5A6B7C",1)'
    for shown, formulas in ((picture, {}), (None, {"C15": picture}), ("#NAME?", {"C15": picture})):
        data = snapshot(path)
        form = next(s for s in data["sheets"] if s["name"] == "申报表")
        form["values"][14][2] = shown
        form["formulas"] = formulas
        result = check(read_open(SnapshotBook(data), path, rules), rules)
        said = [f for f in result.findings if f.code == "FIELD_AMOUNT" and (f.sheet, f.cell) == ("申报表", "C15")]
        assert len(said) == 1 and "嵌入单元格的图片" in said[0].message, (shown, [f.message for f in result.findings])


@pytest.mark.parametrize("field,ref", [("sb_online_retail", "C15"), ("sb_name", "C3")])
def test_excel_ribbon_says_a_wps_picture_showing_name_as_a_picture(make_workbook, capsys, field, ref):
    """An application filled in WPS with a picture in a cell, opened in Excel to click 检查本申报表: Excel does not know
    DISPIMG and shows #NAME? there. The ribbon says the picture, as ``shibai check`` of the file does (not “Excel
    错误值 #NAME?”), from the cell's formula (the saved file's where the engine cannot read formulas)."""
    import xlwings as xw
    from openpyxl.utils.cell import coordinate_to_tuple

    from shibai_xl.adapters.excel.book import OpenBook
    from shibai_xl.jobs import actions as A

    from .conftest import example
    from .test_forms_as_filled import run_json
    from .test_ribbon_actions import payload
    from .wps.test_faces_agree import _findings

    path = with_picture(make_workbook("park", example("park")), field)
    command = _findings(run_json(path, capsys)["findings"])
    assert any("嵌入单元格的图片" in f[2] and f[4] == ref for f in command), command
    sent = payload(path, name=str(path))          # the saved workbook open in Excel
    row, col = coordinate_to_tuple(ref)
    next(s for s in sent["sheets"] if s["name"] == "申报表")["values"][row - 1][col - 1] = "#NAME?"
    ribbon = _findings(A.findings(OpenBook(xw.Book(json=sent)))["findings"])
    assert ribbon == command, (sorted(set(command) - set(ribbon)), sorted(set(ribbon) - set(command)))
    assert not any("#NAME?" in f[2] for f in ribbon)


def _credit_check_said(findings) -> list:
    return [f for f in findings if f["code"] == "MAT_MISSING" or (f.get("sheet") == "材料清单" and f.get("cell"))]


def test_screenshot_in_a_materials_cell_excel_saved_counts_as_provided(make_workbook, rules):
    """The 信用中国 screenshot pasted in WPS into 是否提供, the file then opened and saved in Excel (#NAME? saved for
    DISPIMG): provided, as the same file saved by WPS — not 未勾选 (MAT_MISSING)."""
    credit_check = next(m.name for m in rules.materials if "信用中国" in m.label)
    said = _credit_check_said(check_json(with_picture(make_workbook("park"), credit_check, excel_saved=True))["findings"])
    assert [f["code"] for f in said] == ["FIELD_CHOICE"] and "嵌入单元格的图片，按已提供处理" in said[0]["message"], said


@pytest.mark.parametrize("face,shown", [("wps", None), ("wps", "#NAME?"), ("excel", "#NAME?")])
def test_screenshot_in_a_materials_cell_counts_as_provided_in_every_face(make_workbook, rules, face, shown):
    """The same materials cell open in WPS (Range.Value2 blank or #NAME?, Range.Formula the DISPIMG) or in Excel (shows
    #NAME?): 检查本申报表 says what ``shibai check`` of the file says."""
    import xlwings as xw
    from openpyxl.utils.cell import coordinate_to_tuple

    from shibai_xl.adapters.excel.book import OpenBook
    from shibai_xl.adapters.view import SnapshotBook
    from shibai_xl.jobs import actions as A

    from .test_ribbon_actions import payload
    from .test_workbook_source import snapshot

    credit_check = next(m.name for m in rules.materials if "信用中国" in m.label)
    path = with_picture(make_workbook("park"), credit_check)
    want = _credit_check_said(check_json(path)["findings"])
    cell = named_cell(load_workbook(path), credit_check)
    row, col = coordinate_to_tuple(cell.coordinate)
    data = snapshot(path) if face == "wps" else payload(path, name=str(path))
    sheet = next(s for s in data["sheets"] if s["name"] == cell.parent.title)
    sheet["values"][row - 1][col - 1] = shown
    if face == "wps":
        sheet["formulas"] = {cell.coordinate: '=DISPIMG("ID_6F2A4B9C8D7E4F0A8B1C2D3E4F5A6B7C",1)'}
    book = SnapshotBook(data) if face == "wps" else OpenBook(xw.Book(json=data))
    got = _credit_check_said(A.findings(book)["findings"])
    assert [(f["code"], f["message"]) for f in got] == [(f["code"], f["message"]) for f in want], got
    assert "按已提供处理" in want[0]["message"]


@pytest.mark.parametrize("excel_saved", [False, True], ids=["saved by WPS", "saved by Excel"])
def test_picture_where_a_resident_figure_belongs_is_said_as_a_picture(make_workbook, excel_saved):
    """A picture pasted in WPS into a company's 从业人数 in the 附件3 list: said as a picture, as a form's answer is —
    not “=DISPIMG(…)”不是数字 (the text WPS saves) nor 错误值#NAME? (what Excel saves for it)."""
    from .conftest import example

    path = with_picture_at(make_workbook("park", example("park")), "入驻企业名单", "G6", excel_saved)
    out = check_json(path)
    said = [f for f in out["findings"] if (f["sheet"], f["cell"]) == ("入驻企业名单", "G6")]
    assert [f["code"] for f in said] == ["XC_RESIDENT_ROW"] and "第6行" in said[0]["message"] \
        and "从业人数是嵌入单元格的图片" in said[0]["message"], said
    assert "DISPIMG" not in json.dumps(out, ensure_ascii=False) and "#NAME?" not in json.dumps(out, ensure_ascii=False)


@pytest.mark.parametrize("excel_saved", [False, True], ids=["saved by WPS", "saved by Excel"])
def test_picture_where_a_resident_name_belongs_is_no_company(make_workbook, excel_saved):
    """A picture (a logo, a licence) pasted in WPS where a company's name goes in the 附件3 list: no company counted
    silently under the name “=DISPIMG(…)”; the row is said (as a picture where the file holds WPS's text for it, as a
    blank name where Excel saved #NAME? for it: the list's name cells are not asked for their formulas)."""
    from .conftest import example

    path = with_picture_at(make_workbook("park", example("park")), "入驻企业名单", "B6", excel_saved)
    out = check_json(path)
    said = [f["message"] for f in out["findings"] if (f["code"], f["cell"]) == ("XC_RESIDENT_ROW", "B6")]
    shown = "企业名称为空" if excel_saved else "企业名称是嵌入单元格的图片"
    assert any("第6行" in m and shown in m for m in said), out["findings"]
    count = next(f["message"] for f in out["findings"] if f["code"] == "XC_RESIDENT_COUNT")
    assert "入驻企业名单列出11家" in count, count
    assert "DISPIMG" not in json.dumps(out, ensure_ascii=False) and "#NAME?" not in json.dumps(out, ensure_ascii=False)
