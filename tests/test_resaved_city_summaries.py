"""City summaries as they come back from other programs: a clerk's script (openpyxl, pandas' writer) or a
third-party tool that re-saves the 附件4 keeps its formulas but saves no results for them (it does not calculate).
calamine reads such a cell as blank: the province's total was silently short of the project's 年度交易额 and its
市州评分 left out of the mean, exit 0. Now the row says the amount is not counted, as for an error value."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main

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


def _notes(province):
    ws = load_workbook(province)["项目汇总表"]
    head = [c.value for c in ws[3]]
    return {r[head.index("企业名称")]: r[head.index("问题")] or "" for r in ws.iter_rows(min_row=4, values_only=True)
            if r[head.index("企业名称")]}


def test_a_formula_saved_without_its_result_in_a_city_summary_is_said_not_read_as_blank(tmp_path, capsys):
    city = _city(tmp_path)
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 1
    out, err = capsys.readouterr()
    assert "年度交易额合计 650 万元（不完整）" in out, out
    assert "1 处金额无法识别，未计入合计，结果不完整（退出码 1）" in err, err
    notes = _notes(tmp_path / "全省.xlsx")
    assert "年度交易额（万元）“公式没有保存计算结果" in notes["遵义甲电商产业园"], notes
    assert "Excel/WPS" in notes["遵义甲电商产业园"]
    assert "市州评分“公式没有保存计算结果" in notes["遵义乙直播团队"], notes


def test_a_formula_whose_result_is_saved_is_read_as_its_result(tmp_path, capsys):
    """The same summary as Excel or LibreOffice saves it (each formula with its result) merges whole: exit 0."""
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    city = convert(_city(tmp_path), "xlsx", tmp_path / "saved")
    assert load_workbook(city)["Sheet"]["K3"].value == "=0.8*10000"
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 8650 万元" in out and "不完整" not in out, out
    assert not any("公式" in n for n in _notes(tmp_path / "全省.xlsx").values())
