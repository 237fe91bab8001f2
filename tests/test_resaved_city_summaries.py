"""City summaries as they come back from other programs: a clerk's script (openpyxl, pandas' writer) or a
third-party tool that re-saves the 附件4 keeps its formulas but saves no results for them (it does not calculate).
calamine reads such a cell as blank: the province's total was silently short of the project's 年度交易额 and its
市州评分 left out of the mean, exit 0. Now the row says the amount is not counted, as for an error value."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_summary_error_values import province_notes

HEAD = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人",
        "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"]


def _city(tmp_path):
    """遵义市's 附件4 whose park amount converts its 亿元 (=0.8*10000) and whose team's score is a sum, written by a
    script: formulas without results."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    ws.append([1, "遵义市", "汇川区", "遵义甲电商产业园", "地址", "园区", "国企", "业绩", "王", "138", "=0.8*10000", 2600, 88])
    ws.append([2, "遵义市", "播州区", "遵义乙直播团队", "地址", "团队", "民企", "业绩", "钱", "138", 650, None, "=80+5"])
    path = tmp_path / "遵义市汇总表.xlsx"
    wb.save(path)
    return path


def test_a_formula_saved_without_its_result_in_a_city_summary_is_said_not_read_as_blank(tmp_path, capsys):
    city = _city(tmp_path)
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 1
    out, err = capsys.readouterr()
    assert "年度交易额合计 650 万元（不完整）" in out, out
    assert "1 处金额无法识别，未计入合计，结果不完整（退出码 1）" in err, err
    notes = province_notes(tmp_path / "全省.xlsx")
    park = notes["遵义甲电商产业园"]
    assert "年度交易额（万元）“=" in park and "是公式，文件中没有保存计算结果" in park, notes
    assert "Excel/WPS" in notes["遵义甲电商产业园"]
    assert "市州评分“=" in notes["遵义乙直播团队"], notes


def test_a_formula_whose_result_is_saved_is_read_as_its_result(tmp_path, capsys):
    """The same summary as Excel or LibreOffice saves it (each formula with its result) merges whole: exit 0."""
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    city = convert(_city(tmp_path), "xlsx", tmp_path / "saved")
    assert load_workbook(city)["Sheet"]["K3"].value == "=0.8*10000"
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 8650 万元" in out and "不完整" not in out, out
    assert not any("公式" in n for n in province_notes(tmp_path / "全省.xlsx").values())


def test_a_column_a_clerk_titled_beside_the_table_in_libreoffice_is_not_taken_by_a_column_put_back(tmp_path, capsys,
                                                                                                   make_workbook):
    """LibreOffice does not extend a table over a column typed beside it: a clerk who deleted the 电话 column and
    titled 备注 in the first column right of the table had it overwritten by the refresh putting 电话 back there —
    the header “备注” became “电话”, the 备注 “已核实” was read as that project's 电话 (and said as a mismatch). The
    column is now taken into the table as the clerk's own, and 电话 goes after it."""
    import shutil

    from tests.libreoffice import edit_rows, need_soffice

    need_soffice()
    apps = tmp_path / "申报表"
    apps.mkdir()
    for kind in ("park", "team"):
        shutil.move(make_workbook(kind), apps / f"{kind}.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "黔南州"]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    head = [c.value for c in ws[3]]
    last = len(head)
    beside = ws.cell(3, last).column_letter    # the first column right of the table once 电话 is deleted
    edit_rows(summary, "项目汇总表", {f"{beside}3": "备注", f"{beside}4": "已核实", f"{beside}5": "待补材料"},
              delete_column=head.index("电话") + 1)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    head = [c.value for c in ws[3]]
    assert "备注" in head and "电话" in head, head
    notes = {ws.cell(r, head.index("企业名称") + 1).value: ws.cell(r, head.index("备注") + 1).value for r in (4, 5)}
    phones = {ws.cell(r, head.index("电话") + 1).value for r in (4, 5)}
    assert set(notes.values()) == {"待补材料", "已核实"}, notes
    assert not phones & {"已核实", "待补材料"}, phones
    table = ws.tables["sb_summary"]
    assert [c.name for c in table.tableColumns] == head, (table.ref, head)


def _as_xlsxwriter_saves(path):
    """The same workbook as pandas' preferred writer (xlsxwriter) saves it: each formula with the placeholder result
    0 (it does not calculate) in a workbook marked to be recalculated on opening (fullCalcOnLoad)."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name)
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert b"</f><v></v>" in sheet and b'fullCalcOnLoad="1"' in parts["xl/workbook.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"</f><v></v>", b"</f><v>0</v>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_a_formula_saved_with_a_writers_placeholder_zero_is_said_not_counted_as_zero(tmp_path, capsys):
    """pandas writes through xlsxwriter when it is installed: its formulas carry 0 as their saved result. The park's
    年度交易额 was counted as 0 and its 市州评分 0 went into the mean, exit 0; now both are said as not computed."""
    city = _as_xlsxwriter_saves(_city(tmp_path))
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 1
    out, err = capsys.readouterr()
    assert "年度交易额合计 650 万元（不完整）" in out, out
    notes = province_notes(tmp_path / "全省.xlsx")
    park = notes["遵义甲电商产业园"]
    assert "年度交易额（万元）“=" in park and "是公式，文件中没有保存计算结果" in park, notes
    assert "市州评分“=" in notes["遵义乙直播团队"], notes
