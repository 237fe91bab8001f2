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


def with_list_pictures(path, cells: dict[str, str]):
    """The application with pictures in cells of its 入驻企业名单 sheet: ref → "wps" (the saved text "=DISPIMG(…)"),
    "excel" (#NAME? once Excel saved the file, the formula kept) or "placed" (Excel's own, #VALUE! with metadata)."""
    wb = load_workbook(path)
    sheet_index = wb.sheetnames.index("入驻企业名单") + 1
    formula = '_xlfn.DISPIMG("ID_6F2A4B9C8D7E4F0A8B1C2D3E4F5A6B7C",1)'
    made = {"wps": lambda ref: _cell_xml(ref, formula, '=DISPIMG("ID_6F2A4B9C8D7E4F0A8B1C2D3E4F5A6B7C",1)'),
            "excel": lambda ref: _cell_xml(ref, formula, "#NAME?", "e"),
            "placed": lambda ref: f'<c r="{ref}" t="e" vm="1"><v>#VALUE!</v></c>'.encode()}

    def edit(name: str, data: bytes) -> bytes:
        if name == f"xl/worksheets/sheet{sheet_index}.xml":
            for ref, how in cells.items():
                pattern = re.compile(rb'<c r="' + ref.encode() + rb'"(?: [^>]*)?(?:/>|>.*?</c>)', re.S)
                data, n = pattern.subn(made[how](ref), data)
                assert n == 1, ref
        return data

    rewrite(path, path, edit, extra={"xl/cellimages.xml": CELL_IMAGES})
    return path


def _list_said(out: dict) -> dict[str, str]:
    """cell of the list → what the findings there say (one line each)."""
    said: dict[str, str] = {}
    for f in out["findings"]:
        if f["sheet"] == "入驻企业名单":
            said[f["cell"]] = said.get(f["cell"], "") + f["message"] + "\n"
    return said


def test_picture_in_a_resident_list_cell_is_no_company_and_no_figure(make_workbook):
    """WPS's picture pasted into a resident's 企业名称, 统一社会信用代码 and figures: no company named "=DISPIMG(…)"
    counted, no figure quoted as that text; each column says its pictures, and the row without a name is left out."""
    plain = check_json(make_workbook("park"))
    path = with_list_pictures(make_workbook("park"), {"B7": "wps", "K8": "wps", "I9": "wps", "G10": "wps"})
    out = check_json(path)
    assert "DISPIMG" not in json.dumps(out, ensure_ascii=False)
    said = _list_said(out)
    for ref, column in (("B7", "企业名称"), ("K8", "统一社会信用代码"), ("I9", "年度网络零售额（万元）"), ("G10", "从业人数")):
        assert f"“{column}”一栏有1个单元格（{ref}）是嵌入单元格的图片" in said.get(ref, ""), (ref, said)
    counted = next(f["message"] for f in out["findings"] if f["code"] == "XC_RESIDENT_COUNT")
    assert "列出11家" in counted, counted      # 12 companies typed, one of them a picture for its name
    assert not any(f["code"] == "XC_RESIDENT_COUNT" for f in plain["findings"])


def test_picture_in_a_resident_list_cell_saved_by_excel_is_said_as_a_picture(make_workbook):
    """Opened in Excel and saved, WPS's picture is #NAME? with its DISPIMG formula; Excel's own is #VALUE!: both
    said as the picture, not as an error value (“#VALUE!（单元格内嵌图片）”) to be replaced by 数值."""
    path = with_list_pictures(make_workbook("park"), {"B7": "excel", "I9": "excel", "H10": "placed"})
    said = _list_said(check_json(path))
    for ref in ("B7", "I9", "H10"):
        assert "是嵌入单元格的图片" in said.get(ref, "") and "错误值" not in said[ref], (ref, said[ref])


def _refresh(summary, folder) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "refresh", str(summary), "--from", str(folder),
                           "--batch", "2024-08", "--city", "黔东南州"], capture_output=True, text=True)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    return done


def _summary_with_pictures(make_workbook, tmp_path, names=("市州评分", "年度交易额（万元）")):
    """(a city's summary refreshed from one application, then given WPS's pictures in the cells ``names`` of its
    project's row as a clerk places them, the applications' folder, the row, the table's columns)."""
    from openpyxl.utils import get_column_letter

    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise", name="申报表/企业.xlsx")
    summary = tmp_path / "黔东南州汇总表.xlsx"
    _refresh(summary, apps)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    cols = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    refs = [f"{get_column_letter(cols[name])}{header + 1}" for name in names]
    sheet_index = wb.sheetnames.index("项目汇总表") + 1
    formula = '_xlfn.DISPIMG("ID_6F2A4B9C8D7E4F0A8B1C2D3E4F5A6B7C",1)'

    def edit(name: str, data: bytes) -> bytes:
        if name == f"xl/worksheets/sheet{sheet_index}.xml":
            for ref in refs:
                pattern = re.compile(rb'<c r="' + ref.encode() + rb'"(?: [^>]*)?(?:/>|>.*?</c>)', re.S)
                data, n = pattern.subn(_cell_xml(ref, formula, '=DISPIMG("ID_6F2A4B9C8D7E4F0A8B1C2D3E4F5A6B7C",1)'),
                                       data)
                assert n == 1, ref
        return data

    rewrite(summary, summary, edit, extra={"xl/cellimages.xml": CELL_IMAGES})
    return summary, apps, header + 1, cols


def test_clerk_pastes_a_picture_into_the_summary(make_workbook, tmp_path):
    """A clerk in WPS places a picture (a signature, a screenshot) in a project's 市州评分 and 年度交易额 cells: the refresh
    says they are pictures and no figures (not formulas to be saved once in Excel/WPS), says the pictures are not kept
    by its save (WPS's cellimages part) and where they still are, and quotes no "=DISPIMG(…)" in 问题."""
    summary, apps, row, cols = _summary_with_pictures(make_workbook, tmp_path)
    said = _refresh(summary, apps).stdout
    assert f"第{row}行市州评分、第{row}行年度交易额（万元）是嵌入单元格的图片" in said, said
    assert "是公式" not in said, said                       # no formula a save in Excel/WPS would compute
    assert "2 个嵌入单元格的图片（WPS）没有保留" in said and "黔东南州汇总表.xlsx.bak" in said, said
    problem = load_workbook(summary)["项目汇总表"].cell(row, cols["问题"]).value
    assert "DISPIMG" not in problem and "（单元格内嵌图片）" in problem, problem


def test_province_merge_says_a_city_score_is_a_picture(make_workbook, tmp_path):
    """The city's summary as WPS saved it, a picture in its 市州评分 and 年度交易额: the province's row says pictures,
    to be replaced by figures, not formulas to be opened and saved in Excel/WPS."""
    summary, _apps, _row, _cols = _summary_with_pictures(make_workbook, tmp_path)
    province = tmp_path / "全省.xlsx"
    done = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "merge", str(province), str(summary)],
                          capture_output=True, text=True)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    rows = [list(r) for r in load_workbook(province, read_only=True).worksheets[0].iter_rows(values_only=True)]
    header = next(r for r in rows if "问题" in r)
    problem = rows[rows.index(header) + 1][header.index("问题")]
    assert "市州评分是嵌入单元格的图片" in problem and "年度交易额（万元）是嵌入单元格的图片" in problem, problem
    assert "保存后重新报送" not in problem and "DISPIMG" not in problem, problem


def test_wps_add_in_says_a_picture_in_the_resident_list(make_workbook, rules):
    """In WPS the add-in reads the open book's Value2: a resident's 企业名称 holding WPS's picture gives the saved text
    "=DISPIMG(…)" (an open book has no file parts to look at first): said as the picture, not counted as a company."""
    from shibai_xl.adapters.view import SnapshotBook
    from shibai_xl.adapters.xlsx.reader import read_open
    from shibai_xl.engine.check import check

    from .test_workbook_source import snapshot

    path = make_workbook("park")
    data = snapshot(path)
    listed = next(s for s in data["sheets"] if s["name"] == "入驻企业名单")
    listed["values"][6][1] = '=DISPIMG("ID_6F2A4B9C8D7E4F0A8B1C2D3E4F5A6B7C",1)'    # B7
    result = check(read_open(SnapshotBook(data), path, rules), rules)
    said = [f.message for f in result.findings if (f.sheet, f.cell) == ("入驻企业名单", "B7")]
    assert any("是嵌入单元格的图片" in m for m in said), [f.message for f in result.findings]
    assert not any("DISPIMG" in f.message for f in result.findings)


def test_error_value_in_a_resident_name_is_said_even_with_every_figure_filled(make_workbook):
    """#N/A in a resident's 企业名称 (a VLOOKUP that found nothing), the row's figures all there: said at the cell, as a
    name to fill in (not a 数值), where before only “企业名称为空” was said."""
    path = make_workbook("park")
    wb = load_workbook(path)
    sheet_index = wb.sheetnames.index("入驻企业名单") + 1

    def edit(name: str, data: bytes) -> bytes:
        if name == f"xl/worksheets/sheet{sheet_index}.xml":
            data, n = re.subn(rb'<c r="B7"(?: [^>]*)?(?:/>|>.*?</c>)', b'<c r="B7" t="e"><f>VLOOKUP(A7,X:Y,2,0)</f>'
                              b'<v>#N/A</v></c>', data, flags=re.S)
            assert n == 1
        return data

    rewrite(path, path, edit)
    said = _list_said(check_json(path)).get("B7", "")
    assert "第7行企业名称是错误值#N/A，按空白处理，未计入家数，请填写企业名称" in said, said


def test_picture_in_a_resident_list_resaved_by_libreoffice(make_workbook, tmp_path):
    """The WPS file opened and saved again in LibreOffice (as it is set up out of the box: no recalculation): the text
    "=DISPIMG(…)" stays in the cells, WPS's part holding the pictures is gone. Still said as pictures."""
    from .libreoffice import convert, need_soffice

    need_soffice()
    path = with_list_pictures(make_workbook("park"), {"B7": "wps", "I9": "wps"})
    resaved = convert(path, "xlsx", tmp_path / "lo", recalc=False)
    out = check_json(resaved)
    said = _list_said(out)
    assert "是嵌入单元格的图片" in said.get("B7", "") and "是嵌入单元格的图片" in said.get("I9", ""), said
    assert "DISPIMG" not in json.dumps(out, ensure_ascii=False)
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
    assert [f["code"] for f in said] == ["XC_RESIDENT_ROW"] and "“从业人数”一栏有1个单元格（G6）是嵌入单元格的图片" \
        in said[0]["message"], said
    assert "DISPIMG" not in json.dumps(out, ensure_ascii=False) and "#NAME?" not in json.dumps(out, ensure_ascii=False)


@pytest.mark.parametrize("excel_saved", [False, True], ids=["saved by WPS", "saved by Excel"])
def test_picture_where_a_resident_name_belongs_is_no_company(make_workbook, excel_saved):
    """A picture (a logo, a licence) pasted in WPS where a company's name goes in the 附件3 list: no company counted
    silently under the name “=DISPIMG(…)”; the cell is said as a picture, whether the file holds WPS's text for it or
    Excel saved #NAME? for it (the formula of a name cell showing #NAME? is asked for)."""
    from .conftest import example

    path = with_picture_at(make_workbook("park", example("park")), "入驻企业名单", "B6", excel_saved)
    out = check_json(path)
    said = [f["message"] for f in out["findings"] if (f["code"], f["cell"]) == ("XC_RESIDENT_ROW", "B6")]
    assert any("“企业名称”一栏有1个单元格（B6）是嵌入单元格的图片" in m for m in said), out["findings"]
    count = next(f["message"] for f in out["findings"] if f["code"] == "XC_RESIDENT_COUNT")
    assert "入驻企业名单列出11家" in count, count
    assert "DISPIMG" not in json.dumps(out, ensure_ascii=False) and "#NAME?" not in json.dumps(out, ensure_ascii=False)
