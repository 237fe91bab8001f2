"""A city's 附件4 whose amount cell holds an Excel error value (a broken formula: #N/A, #DIV/0!) is not a blank
amount: the province row says the amount is not counted (FIELD_AMOUNT), in .xlsx, .xls and .ods alike, instead of
a total silently short of it (calamine reads error values as blank)."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.jobs.merge import merge
from tests.libreoffice import convert, need_soffice

HEAD = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人",
        "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"]


def _city(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["安顺市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    ws.append([1, "安顺市", "西秀区", "贵州甲电商有限公司", "地址", "企业", "民企", "业绩", "张", "138", "#N/A", 1000, 80])
    ws.append([2, "安顺市", "西秀区", "贵州乙电商有限公司", "地址", "企业", "民企", "业绩", "张", "138", 3000, "#DIV/0!", 80])
    assert ws["K3"].data_type == "e"
    path = tmp_path / "安顺市汇总表.xlsx"
    wb.save(path)
    return path


def province_notes(province):
    """企业名称 → 问题 of each row of a province table."""
    ws = load_workbook(province)["项目汇总表"]
    head = [c.value for c in ws[3]]
    return {r[head.index("企业名称")]: r[head.index("问题")] or "" for r in ws.iter_rows(min_row=4, values_only=True)
            if r[head.index("企业名称")]}


def _said(notes):
    assert "年度交易额（万元）“#N/A”无法识别，未计入合计" in notes["贵州甲电商有限公司"]
    assert "年度网络零售额（万元）“#DIV/0!”无法识别，未计入合计" in notes["贵州乙电商有限公司"]


def test_an_error_value_in_a_city_summarys_amount_is_said_on_the_province_row(tmp_path):
    city = _city(tmp_path)
    report = merge(tmp_path / "全省.xlsx", [city])
    _said(province_notes(tmp_path / "全省.xlsx"))
    # the terminal says the total leaves them out, not only the rows (QA: "年度交易额合计 3000 万元" and nothing more)
    said = report.describe()
    assert "年度交易额合计 3000 万元（不完整）" in said
    assert "其中 2 处金额无法识别，未计入合计" in said and "贵州甲电商有限公司（年度交易额（万元））" in said


def test_an_error_value_in_an_xls_or_ods_city_summary_is_said_too(tmp_path):
    need_soffice()
    city = _city(tmp_path)
    for fmt in ("xls", "ods"):
        province = tmp_path / f"全省-{fmt}.xlsx"
        merge(province, [convert(city, fmt, tmp_path / fmt)])
        _said(province_notes(province))


def test_merge_with_amounts_no_total_can_count_exits_1(tmp_path, capsys):
    """A total is right or loudly incomplete: an amount merge cannot count (#N/A) leaves the province's total short,
    said （不完整） — and the command exits 1 as for a city summary it could not read (it exited 0)."""
    from shibai_xl.faces.cli import main

    city = _city(tmp_path)
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 1
    err = capsys.readouterr().err
    assert "2 处金额无法识别，未计入合计，结果不完整（退出码 1）" in err
